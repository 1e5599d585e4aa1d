//! The buffers a run keeps between runs: every batch's per-path results,
//! the balances of every age, and (for a solve or a sweep, which run one
//! market many times) the Monte Carlo growth factors. Memory only: what is
//! in it never changes a number.

use super::batch::BatchOut;

/// Buffers a run keeps between runs: the per-path results of every batch.
/// A caller that runs often (the app's engine thread, a goal seek) keeps
/// one, so its memory is allocated and touched once.
#[derive(Default)]
pub struct Workspace {
    /// Paths per batch; 0 means [`LANES`](super::batch::LANES).
    pub(super) batch_paths: usize,
    pub(super) batches: Vec<BatchOut>,
    /// Keep Monte Carlo growth factors between runs (see [`Workspace::keep_growth`]).
    pub(super) keep_growth: bool,
    /// The kept factors and what they were made for.
    pub(super) growth: Vec<f64>,
    pub(super) growth_key: Option<GrowthKey>,
    /// Every batch's balances at every age, batch after batch (`rows ×
    /// LANES` each): one allocation, backed by huge pages where the system
    /// allows, because it is large (98 MB at 100,000 paths with a sleeve)
    /// and page faults were a sixth of a run's time.
    pub(super) balances: Vec<f64>,
}

/// What kept growth factors were made for: the same key, the same bits.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct GrowthKey {
    pub seed: u64,
    pub paths: usize,
    pub lanes: usize,
    pub horizon: usize,
    pub models: Vec<crate::market::ReturnModel>,
    pub crypto_needed: Vec<bool>,
    pub private_needed: Vec<bool>,
}

/// The most memory kept growth factors may take: paths × years × 32 bytes
/// up to this; beyond it they are made again each run (the same bits).
pub const MAX_KEPT_GROWTH_BYTES: usize = 256 << 20;

impl Workspace {
    /// Keeps the Monte Carlo growth factors of each run for the next run on
    /// the same draws and assumptions, which then skips the draws and `exp`
    /// (a solve or a sweep runs one market many times). The numbers are
    /// the same bits either way.
    pub fn keep_growth(&mut self, keep: bool) {
        self.keep_growth = keep;
        if !keep {
            self.growth = Vec::new();
            self.growth_key = None;
        }
    }

    /// A workspace whose batches hold `paths` paths instead of 256: the
    /// numbers do not change (tests hold it), only how work is shared.
    #[must_use]
    pub fn with_batch_paths(paths: usize) -> Self {
        Workspace {
            batch_paths: paths.max(1),
            ..Workspace::default()
        }
    }
}

/// `cells` balances from `kept`, reusing the memory of earlier runs.
pub(super) fn balance_cells(kept: &mut Vec<f64>, cells: usize) -> &mut [f64] {
    if kept.len() < cells {
        *kept = Vec::with_capacity(cells);
        advise_huge_pages(kept);
        // Every cell read is written by the run first; the zeros only make
        // the memory a valid slice.
        kept.resize(cells, 0.0);
    }
    &mut kept[..cells]
}

/// Asks the kernel to back `v`'s unused capacity with huge (2 MB) pages,
/// so a large buffer costs a few dozen page faults instead of tens of
/// thousands. Only advice: where it is refused, nothing changes.
#[cfg(target_os = "linux")]
fn advise_huge_pages(v: &mut Vec<f64>) {
    const PAGE: usize = 4096;
    let spare = v.spare_capacity_mut();
    let start = spare.as_mut_ptr() as usize;
    let end = start + std::mem::size_of_val(spare);
    let first_page = start.div_ceil(PAGE) * PAGE;
    if end >= first_page + 2 * 1024 * 1024 {
        let length = (end - first_page) / PAGE * PAGE;
        // SAFETY: the range lies inside the allocation `v` owns, which
        // nothing else refers to; MADV_HUGEPAGE changes only how the kernel
        // backs those pages, never their contents or who may use them.
        #[allow(unsafe_code)]
        let refused =
            unsafe { libc::madvise(first_page as *mut libc::c_void, length, libc::MADV_HUGEPAGE) };
        // Refused (no transparent huge pages here): small pages it is.
        let _ignored = refused;
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_v: &mut Vec<f64>) {}

//! Run control: a long run's progress and its cancellation, shared between
//! the thread that runs it and the one that waits (the app cancels a run
//! when an input changes).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Progress and cancellation of one run, shared between threads.
#[derive(Debug, Default)]
pub struct RunControl {
    cancelled: AtomicBool,
    paths_done: AtomicU64,
    paths_total: AtomicU64,
}

impl RunControl {
    /// A run not cancelled, with no progress yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the run to stop; it returns
    /// [`SimulationError::Cancelled`](super::SimulationError::Cancelled) soon after.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`RunControl::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The share of paths simulated so far, in [0, 1].
    pub fn progress(&self) -> f64 {
        let total = self.paths_total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        self.paths_done.load(Ordering::Relaxed) as f64 / total as f64
    }

    /// A run of `paths` paths starts.
    pub(super) fn start(&self, paths: usize) {
        self.paths_total.store(paths as u64, Ordering::Relaxed);
        self.paths_done.store(0, Ordering::Relaxed);
    }

    /// `paths` more paths are done.
    pub(super) fn done(&self, paths: usize) {
        self.paths_done.fetch_add(paths as u64, Ordering::Relaxed);
    }
}

//! The engine: runs a set of validated plans through the year loop of the
//! model on the same market paths (common random numbers), in batches of
//! paths, in parallel, and summarises each as far as the caller asks.
//!
//! A single plan with a sleeve is a set of two: the plan and the plan
//! without its sleeve, so the sleeve's effect is measured on the same
//! draws. Scenarios, goal seek and sweeps are sets too. The engine does no
//! I/O. A [`RunControl`] shared with the caller reports progress and lets a
//! long run be cancelled (the app cancels when an input changes); a
//! [`Workspace`] keeps the per-path buffers between runs.

mod batch;
pub mod explain;
pub mod questions;
mod schedule;
mod source;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rayon::prelude::*;

use crate::market::YearDraws;
use crate::market::history::ReturnHistory;
use crate::market::rng::path_rng;
use crate::outcome::percentiles::Percentiles;
use crate::outcome::summarise::Column;
use crate::outcome::{
    FORMAT, Levels, MemberPaths, MemberSummary, Mode, Outcome, PortfolioOutcome, Record, summarise,
};
use crate::outcome::{IncomeByAge, StressEffect};
use crate::plan::assumptions::ASSETS;
use crate::plan::stress::Stress;
use crate::plan::{Problem, ValidPlan};
use batch::{BandLayout, BatchOut, GrowthCache, LANES, SetRun};
use schedule::Schedule;
use source::Source;

pub use source::history_paths;

/// Why a run gave no outcome.
#[derive(Debug, thiserror::Error)]
pub enum SimulationError {
    /// The plan does not fit its return history (a block longer than it).
    #[error("the plan is not valid: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    /// [`RunControl::cancel`] was called.
    #[error("the run was cancelled")]
    Cancelled,
    /// The plan replays a history the caller did not read.
    #[error("the plan replays a return history, which was not read: {0}")]
    HistoryNotRead(String),
    /// The history cannot serve the plan.
    #[error("{0}")]
    History(#[from] crate::market::history::HistoryError),
    /// A set of no plans.
    #[error("there is no plan to run")]
    EmptySet,
    /// A question that does not apply to the plan (a solve for the saving
    /// rate under a rate rule), or a view that does not exist.
    #[error("{0}")]
    NotApplicable(String),
    /// Some figure came out infinite or not a number: the assumptions are
    /// beyond what the arithmetic can carry. Never reported as a number.
    #[error(
        "the plan's assumptions make the balances overflow ({0} is not a finite number): lower the expected returns or volatilities"
    )]
    NotFinite(&'static str),
}

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

    /// Ask the run to stop; it returns [`SimulationError::Cancelled`] soon after.
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
}

/// Buffers a run keeps between runs: the per-path results of every batch.
/// A caller that runs often (the app's engine thread, a goal seek) keeps
/// one, so its memory is allocated and touched once.
#[derive(Default)]
pub struct Workspace {
    /// Paths per batch; 0 means [`LANES`].
    batch_paths: usize,
    batches: Vec<BatchOut>,
    /// Keep Monte Carlo growth factors between runs (see [`Workspace::keep_growth`]).
    keep_growth: bool,
    /// The kept factors and what they were made for.
    growth: Vec<f64>,
    growth_key: Option<GrowthKey>,
    /// Every batch's balances at every age, batch after batch (`rows ×
    /// LANES` each): one allocation, backed by huge pages where the system
    /// allows, because it is large (98 MB at 100,000 paths with a sleeve)
    /// and page faults were a sixth of a run's time.
    balances: Vec<f64>,
}

/// What kept growth factors were made for: the same key, the same bits.
#[derive(Clone, Debug, PartialEq)]
struct GrowthKey {
    seed: u64,
    paths: usize,
    lanes: usize,
    horizon: usize,
    models: Vec<crate::market::ReturnModel>,
    crypto_needed: Vec<bool>,
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
    pub fn with_batch_paths(paths: usize) -> Self {
        Workspace {
            batch_paths: paths.max(1),
            ..Workspace::default()
        }
    }
}

/// `cells` balances from `kept`, reusing the memory of earlier runs.
fn balance_cells(kept: &mut Vec<f64>, cells: usize) -> &mut [f64] {
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

/// A rolling history's start years (calendar years), and those whose money
/// ran out, each with the age it ran out at.
pub type StartYears = (Vec<i32>, Vec<(i32, u32)>);

/// One plan of a set, run.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberResult {
    /// Its figures, as far as its [`Record`] asked.
    pub summary: MemberSummary,
    /// Paths run.
    pub paths: usize,
    /// The ages reported: its start age to its plan-to age.
    pub ages: Vec<u32>,
    /// A rolling history: the calendar year each path starts in, and those
    /// whose money ran out with the age it ran out at.
    pub start_years: Option<StartYears>,
    /// With bands: each path's depletion age (0: never) and final balance.
    pub path_ends: Option<(Vec<u32>, Vec<f64>)>,
}

/// A set run: its mode and one result per plan, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct SetResult {
    /// Where the returns came from.
    pub mode: Mode,
    /// One result per plan.
    pub members: Vec<MemberResult>,
}

/// Runs `plans` on the same market paths: path k in year t sees the same
/// returns in every plan (under each plan's own assumptions). `records`
/// says, plan by plan, what to keep (one record for all if it has one
/// entry). Plans identical in everything the year loop uses run once. All
/// plans must share their simulation settings (paths, seed, returns).
/// Bit-identical whatever the thread count and wherever a plan sits in a
/// set: each path draws from its own stream.
pub fn simulate_set(
    plans: &[&ValidPlan],
    history: Option<&ReturnHistory>,
    records: &[Record],
    workspace: &mut Workspace,
    control: &RunControl,
) -> Result<SetResult, SimulationError> {
    let record_of = |m: usize| records.get(m).or(records.first()).copied();
    let schedules: Vec<Schedule> = plans.iter().map(|p| Schedule::new(p)).collect();
    let source = Source::new(plans, &schedules, history)?;

    // Plans the year loop cannot tell apart run once.
    let mut unique: Vec<usize> = Vec::new();
    let mut run_of = Vec::with_capacity(plans.len());
    for m in 0..plans.len() {
        let same = unique.iter().position(|&u| {
            schedules[u] == schedules[m]
                && source.model_of[u] == source.model_of[m]
                && source.member_paths[u] == source.member_paths[m]
        });
        run_of.push(same.unwrap_or_else(|| {
            unique.push(m);
            unique.len() - 1
        }));
    }
    let run_schedules: Vec<Schedule> = unique.iter().map(|&m| schedules[m].clone()).collect();
    let run_source = Source {
        member_paths: unique.iter().map(|&m| source.member_paths[m]).collect(),
        model_of: unique.iter().map(|&m| source.model_of[m]).collect(),
        ..source
    };
    let keep_bands = (0..plans.len()).any(|m| record_of(m).is_some_and(Record::keeps_bands));
    // A run member keeps its income if any plan it runs for asks for it.
    let keep_income: Vec<bool> = (0..unique.len())
        .map(|u| {
            (0..plans.len())
                .any(|m| run_of[m] == u && record_of(m).is_some_and(Record::keeps_income))
        })
        .collect();
    let layout = BandLayout::new(&run_schedules, &keep_income);
    let lanes = if workspace.batch_paths == 0 {
        LANES
    } else {
        workspace.batch_paths
    };
    let run = SetRun {
        schedules: &run_schedules,
        source: &run_source,
        keep_bands,
        layout: &layout,
        horizon: run_schedules
            .iter()
            .map(Schedule::horizon)
            .max()
            .unwrap_or(0),
        lanes,
    };

    let paths = run_source.paths;
    let batches = paths.div_ceil(lanes);
    control.paths_total.store(paths as u64, Ordering::Relaxed);
    control.paths_done.store(0, Ordering::Relaxed);
    workspace
        .batches
        .resize_with(batches.max(workspace.batches.len()), BatchOut::default);
    let section = if keep_bands { layout.rows * lanes } else { 0 };
    // Kept growth factors: `Use` when this run's draws and models are those
    // they were made for, `Fill` when they can be kept, else `Off`.
    let growth_section = match &run_source.kind {
        source::Kind::MonteCarlo {
            models,
            crypto_needed,
        } if workspace.keep_growth => {
            let section = run.horizon * models.len() * ASSETS * lanes;
            let bytes = batches * section * std::mem::size_of::<f64>();
            let key = GrowthKey {
                seed: run_source.seed,
                paths,
                lanes,
                horizon: run.horizon,
                models: models.clone(),
                crypto_needed: crypto_needed.clone(),
            };
            (bytes <= MAX_KEPT_GROWTH_BYTES).then_some((section, key))
        }
        _ => None,
    };
    let Workspace {
        batches: outs,
        balances,
        growth,
        growth_key,
        ..
    } = workspace;
    let growth_use = match &growth_section {
        Some((section, key)) => {
            let reuse = growth_key.as_ref() == Some(key);
            if !reuse {
                *growth_key = None;
                growth.clear();
                growth.resize(batches * section, 0.0);
            }
            Some((*section, reuse))
        }
        None => None,
    };
    outs.resize_with(batches.max(outs.len()), BatchOut::default);
    let balances = balance_cells(balances, batches * section);
    let mut sections: Vec<&mut [f64]> = if keep_bands {
        balances.chunks_mut(section).collect()
    } else {
        (0..batches).map(|_| <&mut [f64]>::default()).collect()
    };
    let mut kept: Vec<&mut [f64]> = match growth_use {
        Some((growth_section, _)) => growth.chunks_mut(growth_section).collect(),
        None => (0..batches).map(|_| <&mut [f64]>::default()).collect(),
    };
    let reuse = growth_use.is_some_and(|(_, reuse)| reuse);
    outs[..batches]
        .par_iter_mut()
        .zip(sections.par_iter_mut())
        .zip(kept.par_iter_mut())
        .enumerate()
        .for_each(|(batch, ((out, balances), kept))| {
            if control.is_cancelled() {
                return;
            }
            let cache = match (growth_use, reuse) {
                (None, _) => GrowthCache::Off,
                (Some(_), true) => GrowthCache::Use(kept),
                (Some(_), false) => GrowthCache::Fill(kept),
            };
            run.run_batch(batch, out, balances, cache);
            control
                .paths_done
                .fetch_add(out.lanes as u64, Ordering::Relaxed);
        });
    drop(kept);
    if control.is_cancelled() {
        *growth_key = None;
    } else if let Some((_, key)) = growth_section {
        *growth_key = Some(key);
    }
    if control.is_cancelled() {
        return Err(SimulationError::Cancelled);
    }

    drop(sections);
    let outs = &outs[..batches];
    let balances: &[f64] = balances;
    let members = (0..plans.len())
        .into_par_iter()
        .map(|m| {
            let u = run_of[m];
            let record = record_of(m).unwrap_or(Record::Success);
            let n = run_source.member_paths[u];
            let depleted_at = gather(outs, u, n, |o| &o.depleted_at);
            let first_income = gather(outs, u, n, |o| &o.first_income);
            let essential_met = run_schedules[u]
                .essential_usd
                .map(|_| gather(outs, u, n, |o| &o.essential_met));
            let at_retirement = gather(outs, u, n, |o| &o.at_retirement);
            let worst = run_schedules[u]
                .has_sleeve
                .then(|| gather(outs, u, n, |o| &o.worst_crypto));
            let row = layout.first_row[u];
            let column: &Column<'_> = &move |t, chunks| {
                chunks.clear();
                let mut listed = 0;
                for (batch, out) in outs.iter().enumerate() {
                    let lanes = out.lanes;
                    let take = n.saturating_sub(listed).min(lanes);
                    let start = batch * section + (row + t) * lanes;
                    chunks.push(&balances[start..start + take]);
                    listed += take;
                }
            };
            let income_row = layout.first_income_row[u].unwrap_or(0);
            let income_column: &Column<'_> = &move |t, chunks| {
                chunks.clear();
                let mut listed = 0;
                for (batch, out) in outs.iter().enumerate() {
                    let lanes = out.lanes;
                    let take = n.saturating_sub(listed).min(lanes);
                    let start = batch * section + (income_row + t) * lanes;
                    chunks.push(&balances[start..start + take]);
                    listed += take;
                }
            };
            let plan = plans[m];
            let ages: Vec<u32> = plan.ages().collect();
            let summary = summarise(
                &MemberPaths {
                    ages: &ages,
                    retirement_age: plan.saver.retirement_age,
                    depleted_at: &depleted_at,
                    first_income_usd: &first_income,
                    at_retirement_usd: &at_retirement,
                    worst_crypto_growth: worst.as_deref(),
                    column: keep_bands.then_some(column),
                    income_column: (keep_bands && layout.first_income_row[u].is_some())
                        .then_some(income_column),
                    essential_met: essential_met.as_deref(),
                },
                record,
            );
            let start_years = run_source.first_year.map(|first_year| {
                let starts: Vec<i32> = (0..n).map(|k| first_year + k as i32).collect();
                let failed = starts
                    .iter()
                    .zip(&depleted_at)
                    .filter(|(_, at)| **at != 0)
                    .map(|(year, at)| (*year, *at))
                    .collect();
                (starts, failed)
            });
            let path_ends = keep_bands.then(|| {
                let mut chunks = Vec::new();
                column(ages.len() - 1, &mut chunks);
                let finals: Vec<f64> = chunks.concat();
                (depleted_at.clone(), finals)
            });
            MemberResult {
                summary,
                paths: n,
                ages,
                start_years,
                path_ends,
            }
        })
        .collect();
    let mode = match run_source.kind {
        source::Kind::MonteCarlo { .. } => Mode::MonteCarlo,
        source::Kind::Rolling { .. } => Mode::HistoricalRolling,
        source::Kind::Bootstrap { .. } => Mode::HistoricalBootstrap,
    };
    Ok(SetResult { mode, members })
}

/// Run member `u`'s values of one field, its `n` paths in path order,
/// from the batches' results.
fn gather<T: Copy>(
    outs: &[BatchOut],
    u: usize,
    n: usize,
    field: impl Fn(&BatchOut) -> &[T],
) -> Vec<T> {
    let mut all = Vec::with_capacity(n);
    for out in outs {
        let lanes = out.lanes;
        let take = n.saturating_sub(all.len()).min(lanes);
        all.extend_from_slice(&field(out)[u * lanes..u * lanes + take]);
    }
    all
}

/// Runs `plan` and summarises it. Bit-identical for the same plan whatever
/// the number of threads: each path draws from its own stream.
pub fn simulate(plan: &ValidPlan, control: &RunControl) -> Result<Outcome, SimulationError> {
    simulate_with(plan, None, control)
}

/// [`simulate`] for a plan that may replay `history` (read by the caller:
/// the engine does no I/O).
pub fn simulate_with(
    plan: &ValidPlan,
    history: Option<&ReturnHistory>,
    control: &RunControl,
) -> Result<Outcome, SimulationError> {
    simulate_in(
        &mut Workspace::default(),
        plan,
        history,
        Levels::ALL,
        control,
    )
}

/// [`simulate_with`] in a kept workspace; the comparison without the
/// sleeve reports the bands at `comparison_levels` only.
pub fn simulate_in(
    workspace: &mut Workspace,
    plan: &ValidPlan,
    history: Option<&ReturnHistory>,
    comparison_levels: Levels,
    control: &RunControl,
) -> Result<Outcome, SimulationError> {
    let mut outcomes = simulate_scenarios(workspace, &[plan], history, comparison_levels, control)?;
    outcomes.pop().ok_or(SimulationError::EmptySet)
}

/// The base plan and its variants (each `scenarios[k]` is the base's
/// `k`-th scenario, perhaps stressed) run on the same draws, side by side,
/// each with the fields its variant changes.
pub fn compare(
    workspace: &mut Workspace,
    base: &ValidPlan,
    scenarios: &[&ValidPlan],
    history: Option<&ReturnHistory>,
    control: &RunControl,
) -> Result<crate::outcome::Comparison, SimulationError> {
    let outcomes = simulate_scenarios(workspace, scenarios, history, Levels::ALL, control)?;
    let changed =
        std::iter::once(Vec::new()).chain(base.variants.iter().map(|v| v.changes.changed_fields()));
    Ok(crate::outcome::Comparison::new(
        base.simulation.seed,
        scenarios
            .iter()
            .zip(outcomes)
            .zip(changed)
            .map(
                |((plan, outcome), changed)| crate::outcome::ScenarioOutcome {
                    name: plan.name.clone(),
                    changed,
                    outcome,
                },
            )
            .collect(),
    ))
}

/// Runs `scenarios` on the same draws, each with its comparison without
/// the sleeve when it has one (bands at `comparison_levels`): one outcome
/// per scenario, as [`simulate`] gives it alone, bit for bit.
pub fn simulate_scenarios(
    workspace: &mut Workspace,
    scenarios: &[&ValidPlan],
    history: Option<&ReturnHistory>,
    comparison_levels: Levels,
    control: &RunControl,
) -> Result<Vec<Outcome>, SimulationError> {
    let withouts: Vec<Option<ValidPlan>> = scenarios
        .iter()
        .map(|p| p.allocation.sleeve.is_some().then(|| p.without_sleeve()))
        .collect();
    // A stressed scenario is also run unstressed, on the same draws, to say
    // what the stress costs.
    let unstressed: Vec<Option<ValidPlan>> = scenarios
        .iter()
        .map(|p| p.stress().map(|_| p.unstressed()))
        .collect();
    let mut plans = Vec::new();
    let mut records = Vec::new();
    for ((plan, without), calm) in scenarios.iter().zip(&withouts).zip(&unstressed) {
        plans.push(*plan);
        records.push(Record::Bands(Levels::ALL));
        if let Some(without) = without {
            plans.push(without);
            records.push(Record::BalanceBands(comparison_levels));
        }
        if let Some(calm) = calm {
            plans.push(calm);
            records.push(Record::Summary);
        }
    }
    let set = simulate_set(&plans, history, &records, workspace, control)?;
    let mut members = set.members.into_iter();
    let mut next = || members.next().ok_or(SimulationError::EmptySet);
    let mut outcomes = Vec::with_capacity(scenarios.len());
    for ((plan, without), calm) in scenarios.iter().zip(&withouts).zip(&unstressed) {
        let main = next()?;
        let without = match without {
            Some(_) => Some(next()?),
            None => None,
        };
        let calm = match calm {
            Some(_) => Some(next()?),
            None => None,
        };
        let effect = match (plan.stress(), &calm) {
            (Some(stress), Some(calm)) => {
                Some(stress_effect(stress, &main.summary, &calm.summary)?)
            }
            _ => None,
        };
        let mut outcome = outcome_of(plan, set.mode, main, without)?;
        outcome.stress = effect;
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// The income of each retirement year: its bands (empty without them) and
/// the sources besides the portfolio, from the plan.
fn income_by_age(
    plan: &ValidPlan,
    bands: Option<Percentiles<Vec<f64>>>,
) -> Result<IncomeByAge, SimulationError> {
    let ages: Vec<u32> = (plan.saver.retirement_age..plan.saver.plan_to_age).collect();
    let bands = bands.unwrap_or_else(|| Percentiles::from_array(Default::default()));
    let finite = |v: &Vec<f64>| v.iter().all(|x| x.is_finite() || x.is_nan());
    if !bands.as_array().iter().all(|v| finite(v)) {
        return Err(SimulationError::NotFinite("the income by age"));
    }
    let sources: Vec<_> = ages
        .iter()
        .map(|&age| schedule::income_at(plan, age, false))
        .collect();
    Ok(IncomeByAge {
        social_security: sources.iter().map(|i| i.social_security_usd).collect(),
        spouse: sources.iter().map(|i| i.spouse_usd).collect(),
        other: sources.iter().map(|i| i.other_usd).collect(),
        expenses: sources.iter().map(|i| i.expenses_usd).collect(),
        ages,
        bands,
    })
}

/// What a stress costs: stressed minus unstressed, on the same draws.
fn stress_effect(
    stress: Stress,
    stressed: &MemberSummary,
    calm: &MemberSummary,
) -> Result<StressEffect, SimulationError> {
    check_finite(calm)?;
    let (Some(s), Some(c)) = (&stressed.retirement, &calm.retirement) else {
        return Err(SimulationError::NotFinite("the figures at retirement"));
    };
    Ok(StressEffect {
        name: stress.to_string(),
        success_change: stressed.success_probability - calm.success_probability,
        retirement_balance_p10_change: s.balance.p10 - c.balance.p10,
        retirement_balance_p50_change: s.balance.p50 - c.balance.p50,
        income_p50_change: s.annual_income.p50 - c.annual_income.p50,
    })
}

/// A scenario's outcome from its members' results.
fn outcome_of(
    plan: &ValidPlan,
    mode: Mode,
    main: MemberResult,
    without: Option<MemberResult>,
) -> Result<Outcome, SimulationError> {
    let sleeve_worst_year = main.summary.sleeve_worst_year;
    check_finite(&main.summary)?;
    let income = income_by_age(plan, main.summary.income.clone())?;
    let essential_met_probability = main.summary.essential_met_probability;
    let portfolio = portfolio_of(main.summary)?;
    let without_sleeve = match without {
        Some(w) => {
            check_finite(&w.summary)?;
            Some(portfolio_of(w.summary)?)
        }
        None => None,
    };
    let (start_years, failed_start_years, ran_out_at_ages) = match main.start_years {
        Some((starts, failed)) => {
            let (years, ages) = failed.into_iter().unzip();
            (Some(starts), Some(years), Some(ages))
        }
        None => (None, None, None),
    };
    Ok(Outcome {
        format: FORMAT.to_owned(),
        plan: plan.name.clone(),
        mode,
        paths: main.paths as u32,
        seed: plan.simulation.seed,
        ages: main.ages,
        portfolio,
        without_sleeve,
        sleeve_worst_year,
        inflation: plan.assumptions.inflation,
        start_years,
        failed_start_years,
        ran_out_at_ages,
        essential_met_probability,
        essential_usd: plan.retirement.essential,
        income,
        stress: None,
        sleeve_break_even: None,
    })
}

fn portfolio_of(summary: MemberSummary) -> Result<PortfolioOutcome, SimulationError> {
    PortfolioOutcome::from_summary(summary).ok_or(SimulationError::NotFinite("a band"))
}

/// An error unless every figure asked for is a finite number: an overflow
/// is reported as such, never as `null` or `inf` in an output.
pub fn check_finite(summary: &MemberSummary) -> Result<(), SimulationError> {
    let all = |values: &[f64]| values.iter().all(|v| v.is_finite() || v.is_nan());
    let percentiles_finite = |p: &Percentiles<f64>| p.as_array().iter().all(|v| v.is_finite());
    if let Some(bands) = &summary.bands {
        // Levels not asked for are NaN; any infinity is an overflow.
        if !bands.as_array().iter().all(|series| all(series)) {
            return Err(SimulationError::NotFinite("the balance"));
        }
        if bands.p50.iter().any(|v| v.is_nan()) {
            return Err(SimulationError::NotFinite("the median balance"));
        }
    }
    if let Some(r) = &summary.retirement {
        if !percentiles_finite(&r.balance) {
            return Err(SimulationError::NotFinite("the balance at retirement"));
        }
        if !percentiles_finite(&r.annual_income) {
            return Err(SimulationError::NotFinite("the income at retirement"));
        }
    }
    if summary.sleeve_worst_year.is_some_and(|w| !w.is_finite()) {
        return Err(SimulationError::NotFinite("the sleeve's worst year"));
    }
    Ok(())
}

/// Makes, and nothing else, every random draw a run of `plan` consumes
/// (six per path-year), in parallel like [`simulate`]: the floor a run's
/// time is measured against. Returns a sum so nothing is optimised away.
pub fn draw_floor(plan: &ValidPlan) -> f64 {
    let years = plan.horizon_years();
    let seed = plan.simulation.seed;
    (0..plan.simulation.paths as usize)
        .into_par_iter()
        .with_min_len(LANES)
        .map(|path| {
            let mut rng = path_rng(seed, path as u64);
            let mut sum = 0.0;
            for _ in 0..years {
                let d = YearDraws::sample(&mut rng);
                sum += d.z[0] + d.z[1] + d.z[2] + d.z[3] + d.crash_uniform + d.jump_normal;
            }
            sum
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::RetirementFigures;

    fn summary() -> MemberSummary {
        let p = Percentiles::from_array([1.0; 7]);
        MemberSummary {
            success_probability: 1.0,
            survival: vec![1.0],
            depletion_age_p10: None,
            retirement: Some(RetirementFigures {
                age: 65,
                balance: p.clone(),
                annual_income: p.clone(),
            }),
            bands: Some(Percentiles::from_array(std::array::from_fn(|_| vec![1.0]))),
            income: None,
            essential_met_probability: None,
            retirement_histogram: Vec::new(),
            sleeve_worst_year: Some(-0.5),
        }
    }

    #[test]
    fn an_overflow_is_an_error_never_a_number() {
        assert!(check_finite(&summary()).is_ok());
        let mut overflow = summary();
        if let Some(bands) = overflow.bands.as_mut() {
            bands.p95[0] = f64::INFINITY;
        }
        assert!(matches!(
            check_finite(&overflow),
            Err(SimulationError::NotFinite(_))
        ));
        let mut overflow = summary();
        if let Some(r) = overflow.retirement.as_mut() {
            r.balance.p50 = f64::NAN;
        }
        let error = check_finite(&overflow).unwrap_err().to_string();
        assert!(error.contains("not a finite number"), "{error}");
    }
}

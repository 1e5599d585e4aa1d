//! The engine: runs a validated plan through the year loop of the model on
//! many simulated paths, in parallel, and summarises them as an [`Outcome`].
//!
//! It does no I/O. A [`RunControl`] shared with the caller reports progress
//! and lets a long run be cancelled (the app cancels when an input changes).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rayon::prelude::*;

use crate::market::history::{HistoryYear, ReturnHistory, bootstrap_indices};
use crate::market::rng::path_rng;
use crate::market::{ReturnModel, YearDraws};
use crate::outcome::{FORMAT, Outcome, PortfolioOutcome, PortfolioPaths};
use crate::plan::glide_path::Mix;
use crate::plan::lever::Lever;
use crate::plan::retirement::Withdrawal;
use crate::plan::sleeve::Rebalance;
use crate::plan::{HistoryMode, Problem, Returns, ValidPlan};

/// Paths handled by one parallel task; progress and cancellation are
/// checked between tasks.
const PATHS_PER_TASK: usize = 256;

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

/// What happens in one year of every path: all that does not depend on
/// the market, worked out once per run.
#[derive(Clone, Debug)]
struct Year {
    age: u32,
    mix: Mix,
    retired: bool,
    contribution_usd: f64,
    social_security_usd: f64,
    core_fee: f64,
    sleeve_fee: f64,
}

/// One of the portfolios a run follows on the same draws.
#[derive(Clone, Debug)]
struct Portfolio {
    /// The sleeve's target weight in each year (all 0 without a sleeve).
    sleeve_weight: Vec<f64>,
    rebalance: Rebalance,
}

/// Where a run's yearly returns come from, as real growth factors
/// (stocks, bonds, cash, crypto) for history.
enum Source {
    MonteCarlo(ReturnModel),
    /// Path k replays the file's years k, k + 1, ….
    Rolling(Vec<[f64; 4]>),
    Bootstrap {
        growth: Vec<[f64; 4]>,
        block_years: usize,
    },
}

/// Everything a path needs, shared read-only by all threads.
struct Run {
    years: Vec<Year>,
    portfolios: Vec<Portfolio>,
    source: Source,
    /// Paths to run (for rolling, the number of start years).
    paths: usize,
    withdrawal: Withdrawal,
    seed: u64,
    balance_usd: f64,
    /// Index of the first retirement year (`T` if none is simulated).
    retirement_index: usize,
    social_security_at_end_usd: f64,
    has_sleeve: bool,
}

/// A holding-by-holding account of one portfolio on one path.
#[derive(Clone, Copy, Debug, Default)]
struct Account {
    core_usd: f64,
    sleeve_usd: f64,
    depleted_at_age: Option<u32>,
    balance_at_retirement_usd: f64,
    first_income_usd: f64,
}

/// The per-path results of one portfolio besides its balances.
#[derive(Clone, Copy, Debug, Default)]
struct PathEnd {
    depleted_at_age: Option<u32>,
    first_income_usd: f64,
}

impl Run {
    fn new(plan: &ValidPlan, history: Option<&ReturnHistory>) -> Result<Self, SimulationError> {
        let horizon = plan.horizon_years();
        let (source, paths) = match (&plan.simulation.returns, history) {
            (Returns::MonteCarlo, _) => {
                let model = ReturnModel::with_correlations(&plan.assumptions, plan.correlations());
                (Source::MonteCarlo(model), plan.simulation.paths as usize)
            }
            (Returns::History { file, .. }, None) => {
                return Err(SimulationError::HistoryNotRead(file.clone()));
            }
            (Returns::History { mode, .. }, Some(history)) => {
                if plan.allocation.sleeve.is_some() {
                    history.require_crypto()?;
                }
                let growth: Vec<[f64; 4]> =
                    history.years.iter().map(HistoryYear::real_growth).collect();
                match *mode {
                    HistoryMode::Rolling => {
                        let paths = history.rolling_paths(horizon)?;
                        (Source::Rolling(growth), paths)
                    }
                    HistoryMode::Bootstrap { block_years } => {
                        let block_years = block_years as usize;
                        if block_years > growth.len() {
                            return Err(SimulationError::Invalid(vec![Problem {
                                field: Lever::BlockYears.path().into(),
                                message: format!(
                                    "must be at most the {} years of the return history (is {block_years})",
                                    growth.len()
                                ),
                            }]));
                        }
                        (
                            Source::Bootstrap {
                                growth,
                                block_years,
                            },
                            plan.simulation.paths as usize,
                        )
                    }
                }
            }
        };
        let saver = &plan.saver;
        let targets = plan.target_weights();
        let schedule = plan.contribution_schedule();
        let years: Vec<Year> = targets
            .iter()
            .map(|target| {
                let age = target.age;
                let retired = age >= saver.retirement_age;
                let contribution_usd = schedule
                    .get((age - saver.age) as usize)
                    .filter(|_| !retired)
                    .map_or(0.0, |(_, c)| c.total_usd());
                Year {
                    age,
                    mix: target.mix,
                    retired,
                    contribution_usd,
                    social_security_usd: plan.retirement.social_security_usd(age),
                    core_fee: plan.fees.core_rate(&target.mix),
                    sleeve_fee: plan.fees.sleeve_rate(),
                }
            })
            .collect();
        let without = Portfolio {
            sleeve_weight: vec![0.0; years.len()],
            rebalance: Rebalance::Annual,
        };
        let portfolios = match &plan.allocation.sleeve {
            Some(sleeve) => vec![
                Portfolio {
                    sleeve_weight: targets.iter().map(|t| t.sleeve).collect(),
                    rebalance: sleeve.rebalance,
                },
                without,
            ],
            None => vec![without],
        };
        Ok(Run {
            years,
            has_sleeve: plan.allocation.sleeve.is_some(),
            portfolios,
            source,
            paths,
            withdrawal: plan.retirement.withdrawal,
            seed: plan.simulation.seed,
            balance_usd: saver.balance,
            retirement_index: (saver.retirement_age - saver.age) as usize,
            social_security_at_end_usd: plan.retirement.social_security_usd(saver.plan_to_age),
        })
    }

    /// Ages reported per path: `T + 1`.
    fn width(&self) -> usize {
        self.years.len() + 1
    }

    /// Simulates path `path` and returns each portfolio's end and the
    /// sleeve's worst year. The balance of portfolio `k` at age index `t` is
    /// written at `balances[(k * width + t) * stride]`: the caller lays a
    /// task's paths out age by age, so that summarising an age reads
    /// contiguous memory.
    fn path(&self, path: u64, balances: &mut [f64], stride: usize, ends: &mut [PathEnd]) -> f64 {
        let mut rng = path_rng(self.seed, path);
        let width = self.width();
        let mut accounts = [Account {
            core_usd: self.balance_usd,
            ..Account::default()
        }; 2];
        let accounts = &mut accounts[..self.portfolios.len()];
        for k in 0..accounts.len() {
            balances[k * width * stride] = self.balance_usd;
        }
        let mut worst_crypto_growth = f64::INFINITY;
        let blocks = match &self.source {
            Source::Bootstrap {
                growth,
                block_years,
            } => bootstrap_indices(
                self.seed,
                path,
                growth.len(),
                *block_years,
                self.years.len(),
            ),
            _ => Vec::new(),
        };
        for (t, year) in self.years.iter().enumerate() {
            let growth = match &self.source {
                Source::MonteCarlo(model) => model
                    .log_returns(&YearDraws::sample(&mut rng))
                    .map(f64::exp),
                Source::Rolling(growth) => growth[path as usize + t],
                Source::Bootstrap { growth, .. } => growth[blocks[t]],
            };
            let core_growth = year.mix.blend(growth[0], growth[1], growth[2]);
            let crypto_growth = if self.has_sleeve { growth[3] } else { 1.0 };
            worst_crypto_growth = worst_crypto_growth.min(crypto_growth);
            for (k, (account, portfolio)) in accounts.iter_mut().zip(&self.portfolios).enumerate() {
                self.year(t, year, portfolio, account, core_growth, crypto_growth);
                balances[(k * width + t + 1) * stride] = account.core_usd + account.sleeve_usd;
            }
        }
        for (end, account) in ends.iter_mut().zip(accounts.iter()) {
            let first_income_usd = if self.retirement_index < self.years.len() {
                account.first_income_usd
            } else {
                // No retirement year is simulated: the rule applied to the final balance.
                let balance = account.core_usd + account.sleeve_usd;
                let ss = self.social_security_at_end_usd;
                self.withdrawal
                    .amount_usd(balance, balance, ss)
                    .min(balance)
                    + ss
            };
            *end = PathEnd {
                depleted_at_age: account.depleted_at_age,
                first_income_usd,
            };
        }
        worst_crypto_growth - 1.0
    }

    /// One year of the model's order of events for one portfolio.
    #[inline]
    fn year(
        &self,
        t: usize,
        year: &Year,
        portfolio: &Portfolio,
        a: &mut Account,
        core_growth: f64,
        crypto_growth: f64,
    ) {
        // 1-2. Target weights and rebalancing.
        let s = portfolio.sleeve_weight[t];
        if t == 0 || portfolio.rebalance == Rebalance::Annual {
            let balance = a.core_usd + a.sleeve_usd;
            a.core_usd = (1.0 - s) * balance;
            a.sleeve_usd = s * balance;
        }
        // 3. Withdrawal at the start of a retirement year, pro rata.
        if year.retired {
            let balance = a.core_usd + a.sleeve_usd;
            if t == self.retirement_index {
                a.balance_at_retirement_usd = balance;
            }
            let asked = if a.depleted_at_age.is_some() {
                0.0
            } else {
                self.withdrawal.amount_usd(
                    balance,
                    a.balance_at_retirement_usd,
                    year.social_security_usd,
                )
            };
            let paid = if asked > balance {
                a.core_usd = 0.0;
                a.sleeve_usd = 0.0;
                a.depleted_at_age = Some(year.age);
                balance
            } else {
                if asked > 0.0 {
                    let kept = 1.0 - asked / balance;
                    a.core_usd *= kept;
                    a.sleeve_usd *= kept;
                }
                asked
            };
            if t == self.retirement_index {
                a.first_income_usd = paid + year.social_security_usd;
            }
        }
        // 4. Returns (growth factors: 1 + R).
        a.core_usd *= core_growth;
        a.sleeve_usd *= crypto_growth;
        // 5. Contributions through the year earn half a year.
        if !year.retired && year.contribution_usd > 0.0 {
            a.core_usd += (1.0 - s) * year.contribution_usd * core_growth.sqrt();
            a.sleeve_usd += s * year.contribution_usd * crypto_growth.sqrt();
        }
        // 6. Fees at year end.
        a.core_usd *= 1.0 - year.core_fee;
        a.sleeve_usd *= 1.0 - year.sleeve_fee;
    }
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
    let run = Run::new(plan, history)?;
    let n = run.paths;
    let portfolios = run.portfolios.len();
    let width = run.width();
    control.paths_total.store(n as u64, Ordering::Relaxed);
    control.paths_done.store(0, Ordering::Relaxed);

    // Balances by task: within a task of m paths, portfolio k's balance
    // of path i at age index t is at ((k * width + t) * m + i).
    let task_len = PATHS_PER_TASK * portfolios * width;
    let mut balances = vec![0.0; n * portfolios * width];
    let mut ends = vec![PathEnd::default(); n * portfolios];
    let mut worst = vec![0.0; n];
    balances
        .par_chunks_mut(task_len)
        .zip(ends.par_chunks_mut(PATHS_PER_TASK * portfolios))
        .zip(worst.par_chunks_mut(PATHS_PER_TASK))
        .enumerate()
        .for_each(|(task, ((balances, ends), worst))| {
            if control.is_cancelled() {
                return;
            }
            let first = task * PATHS_PER_TASK;
            let m = worst.len();
            for (i, w) in worst.iter_mut().enumerate() {
                *w = run.path(
                    (first + i) as u64,
                    &mut balances[i..],
                    m,
                    &mut ends[i * portfolios..(i + 1) * portfolios],
                );
            }
            control.paths_done.fetch_add(m as u64, Ordering::Relaxed);
        });
    if control.is_cancelled() {
        return Err(SimulationError::Cancelled);
    }

    let ages: Vec<u32> = plan.ages().collect();
    let summarise = |k: usize| {
        let depleted: Vec<Option<u32>> = (0..n)
            .map(|p| ends[p * portfolios + k].depleted_at_age)
            .collect();
        let income: Vec<f64> = (0..n)
            .map(|p| ends[p * portfolios + k].first_income_usd)
            .collect();
        let balances = &balances;
        let column = move |t: usize, out: &mut Vec<f64>| {
            out.clear();
            for (task, block) in balances.chunks(task_len).enumerate() {
                let m = (n - task * PATHS_PER_TASK).min(PATHS_PER_TASK);
                let start = (k * width + t) * m;
                out.extend_from_slice(&block[start..start + m]);
            }
        };
        PortfolioOutcome::from_paths(&PortfolioPaths {
            column: &column,
            paths: n,
            ages: &ages,
            depleted_at_age: &depleted,
            first_income_usd: &income,
            retirement_age: plan.saver.retirement_age,
        })
    };
    let portfolio = summarise(0);
    let (without_sleeve, sleeve_worst_year) = if run.has_sleeve {
        let median = crate::outcome::percentiles::percentiles(&mut worst).p50;
        (Some(summarise(1)), Some(median))
    } else {
        (None, None)
    };
    let (mode, start_years, failed_start_years) = match (&run.source, history) {
        (Source::Rolling(_), Some(h)) => {
            let starts: Vec<i32> = (0..n).map(|k| h.first_year() + k as i32).collect();
            let failed = starts
                .iter()
                .zip(portfolio_failed(&ends, portfolios))
                .filter(|(_, failed)| *failed)
                .map(|(year, _)| *year)
                .collect();
            ("historical-rolling", Some(starts), Some(failed))
        }
        (Source::Bootstrap { .. }, _) => ("historical-bootstrap", None, None),
        _ => ("monte-carlo", None, None),
    };
    Ok(Outcome {
        format: FORMAT.to_owned(),
        plan: plan.name.clone(),
        mode: mode.to_owned(),
        paths: n as u32,
        seed: plan.simulation.seed,
        ages,
        portfolio,
        without_sleeve,
        sleeve_worst_year,
        inflation: plan.assumptions.inflation,
        start_years,
        failed_start_years,
    })
}

/// Whether each path of the first portfolio (the plan as it is) ran out.
fn portfolio_failed(ends: &[PathEnd], portfolios: usize) -> impl Iterator<Item = bool> + '_ {
    ends.iter()
        .step_by(portfolios)
        .map(|end| end.depleted_at_age.is_some())
}

/// Makes, and nothing else, every random draw a run of `plan` consumes
/// (six per path-year), in parallel like [`simulate`]: the floor a run's
/// time is measured against. Returns a sum so nothing is optimised away.
pub fn draw_floor(plan: &ValidPlan) -> f64 {
    let years = plan.horizon_years();
    let seed = plan.simulation.seed;
    (0..plan.simulation.paths as usize)
        .into_par_iter()
        .with_min_len(PATHS_PER_TASK)
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

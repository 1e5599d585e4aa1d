//! Where a set's yearly returns come from, checked against every plan of
//! the set: Monte Carlo models (one per distinct set of assumptions), or a
//! return history's real growth factors replayed by start year or blocks.

use super::error::SimulationError;
use super::schedule::Schedule;
use crate::market::history::{HistoryYear, ReturnHistory};
use crate::market::{ReturnModel, built_in};
use crate::plan::asset::PerAsset;
use crate::plan::lever::path;
use crate::plan::{HistoryMode, Lever, Problem, Returns, ValidPlan};

/// How the set's returns are made.
pub(super) enum Kind {
    /// Draws turned into returns by each member's model.
    MonteCarlo {
        /// The distinct models of the set.
        models: Vec<ReturnModel>,
        /// For each model, whether any member using it holds crypto (else
        /// crypto's return is never computed).
        crypto_needed: Vec<bool>,
        /// For each model, whether any member using it holds a private
        /// sleeve (else the private asset is neither drawn nor grown).
        private_needed: Vec<bool>,
    },
    /// Path k replays the history's years k, k + 1, ….
    Rolling {
        growth: Vec<PerAsset<f64>>,
        /// Each year's `1 + inflation`.
        inflation: Vec<f64>,
    },
    /// Paths joined from random blocks of the history's years.
    Bootstrap {
        growth: Vec<PerAsset<f64>>,
        inflation: Vec<f64>,
        block_years: usize,
    },
}

/// The returns of a set and how many paths each member runs.
pub(super) struct Source {
    pub kind: Kind,
    pub seed: u64,
    /// Paths of the whole set: the most any member runs.
    pub paths: usize,
    /// Paths each member runs (they differ only under a rolling history
    /// when the members' horizons differ).
    pub member_paths: Vec<usize>,
    /// Each member's model (Monte Carlo).
    pub model_of: Vec<usize>,
    /// The calendar year path 0 starts in (a rolling history).
    pub first_year: Option<i32>,
}

impl Source {
    pub fn new(
        plans: &[&ValidPlan],
        schedules: &[Schedule],
        history: Option<&ReturnHistory>,
    ) -> Result<Self, SimulationError> {
        let Some(first) = plans.first() else {
            return Err(SimulationError::EmptySet);
        };
        let simulation = &first.simulation;
        if let Some(other) = plans.iter().find(|p| p.simulation != *simulation) {
            return Err(SimulationError::Invalid(vec![Problem {
                field: "simulation".into(),
                message: format!(
                    "every plan of a set runs on the same paths, seed and returns (\"{}\" differs from \"{}\")",
                    other.name, first.name
                ),
            }]));
        }
        let n = plans.len();
        // A shipped history is embedded: the caller need not read it.
        let history = match &simulation.returns {
            Returns::BuiltIn { name, .. } => Some(built_in::history(name).map_err(|e| {
                SimulationError::Invalid(vec![Problem {
                    field: path::BUILT_IN_HISTORY.into(),
                    message: e.to_string(),
                }])
            })?),
            _ => history,
        };
        match (simulation.returns.history_mode(), history) {
            (None, _) => {
                let mut models: Vec<ReturnModel> = Vec::new();
                let mut crypto_needed = Vec::new();
                let mut private_needed = Vec::new();
                let mut model_of = Vec::with_capacity(n);
                for (plan, schedule) in plans.iter().zip(schedules) {
                    let private = schedule.private.as_ref().map(|p| p.view.asset());
                    let model = ReturnModel::with_correlations(
                        &plan.assumptions,
                        plan.correlations(),
                        private,
                    );
                    // A plan without a private sleeve shares the model of
                    // one with it whose other assets are the same (the
                    // plan and its comparison without the sleeve): their
                    // growth is made once, the same bits.
                    let holds = schedule.private.is_some();
                    let found = models.iter().position(|m| *m == model).or_else(|| {
                        models.iter().zip(&private_needed).position(|(m, needed)| {
                            m.same_but_private(&model) && !(*needed && holds)
                        })
                    });
                    if let Some(index) = found
                        && holds
                        && !private_needed[index]
                    {
                        models[index] = model.clone();
                    }
                    let index = match found {
                        Some(index) => index,
                        None => {
                            models.push(model);
                            crypto_needed.push(false);
                            private_needed.push(false);
                            models.len() - 1
                        }
                    };
                    crypto_needed[index] |= schedule.has_sleeve;
                    private_needed[index] |= schedule.private.is_some();
                    model_of.push(index);
                }
                let paths = simulation.paths as usize;
                Ok(Source {
                    kind: Kind::MonteCarlo {
                        models,
                        crypto_needed,
                        private_needed,
                    },
                    seed: simulation.seed,
                    paths,
                    member_paths: vec![paths; n],
                    model_of,
                    first_year: None,
                })
            }
            (Some(_), None) => Err(SimulationError::HistoryNotRead(match &simulation.returns {
                Returns::History { file, .. } => file.clone(),
                _ => String::new(),
            })),
            (Some(mode), Some(history)) => {
                let member_paths = plans
                    .iter()
                    .map(|plan| history_paths(plan, history))
                    .collect::<Result<Vec<usize>, _>>()?;
                let growth: Vec<PerAsset<f64>> =
                    history.years.iter().map(HistoryYear::real_growth).collect();
                let inflation: Vec<f64> = history.years.iter().map(|y| 1.0 + y.inflation).collect();
                let (kind, first_year) = match mode {
                    HistoryMode::Rolling => (
                        Kind::Rolling { growth, inflation },
                        Some(history.first_year()),
                    ),
                    HistoryMode::Bootstrap { block_years } => (
                        Kind::Bootstrap {
                            growth,
                            inflation,
                            block_years: block_years as usize,
                        },
                        None,
                    ),
                };
                Ok(Source {
                    kind,
                    seed: simulation.seed,
                    paths: member_paths.iter().copied().max().unwrap_or(0),
                    member_paths,
                    model_of: vec![0; n],
                    first_year,
                })
            }
        }
    }
}

/// The paths `plan` runs on `history`, or why the history cannot serve it:
/// a sleeve needs crypto in every year, rolling needs a history as long as
/// the plan, a block may not be longer than the history.
pub fn history_paths(plan: &ValidPlan, history: &ReturnHistory) -> Result<usize, SimulationError> {
    if plan.allocation.sleeve.is_some() {
        history.require_crypto()?;
    }
    match plan.simulation.returns.history_mode() {
        Some(HistoryMode::Rolling) => Ok(history.rolling_paths(plan.horizon_years())?),
        Some(HistoryMode::Bootstrap { block_years }) => {
            let have = history.years.len();
            if block_years as usize > have {
                return Err(SimulationError::Invalid(vec![Problem {
                    field: Lever::BlockYears.path().into(),
                    message: format!(
                        "must be at most the {have} years of the return history (is {block_years})"
                    ),
                }]));
            }
            Ok(plan.simulation.paths as usize)
        }
        None => Err(SimulationError::Invalid(vec![Problem {
            field: path::HISTORY_FILE.into(),
            message: "the plan does not replay a history".into(),
        }])),
    }
}

//! The one door into the engine: a [`Runner`] holds what every run needs
//! besides the plans (the return history the caller read, the buffers kept
//! between runs, the run's progress and cancellation), so a caller makes
//! one and asks it: [`simulate`](Runner::simulate) a plan,
//! [`scenarios`](Runner::scenarios) side by side,
//! [`compare`](Runner::compare) them, run any [`set`](Runner::set) of
//! plans on the same draws, or answer a question
//! ([`solve`](Runner::solve), [`sweep`](Runner::sweep),
//! [`break_even`](Runner::break_even), [`beside`](Runner::beside),
//! [`explain`](Runner::explain), or any [`Question`](super::Question)
//! through [`answer`](Runner::answer)). The app's engine thread, the
//! command line and the client report all come in here.

use super::control::RunControl;
use super::error::SimulationError;
use super::outcomes::{outcome_of, stress_effect};
use super::set::{SetResult, run_set};
use super::workspace::Workspace;
use crate::market::history::ReturnHistory;
use crate::outcome::{Comparison, Levels, Outcome, Record, ScenarioOutcome};
use crate::plan::ValidPlan;

/// What every run of a caller shares: the history it read (the engine
/// does no I/O), its kept buffers, its progress and cancellation.
pub struct Runner<'a> {
    pub(super) history: Option<&'a ReturnHistory>,
    pub(super) workspace: &'a mut Workspace,
    pub(super) control: &'a RunControl,
}

impl<'a> Runner<'a> {
    /// A runner with `workspace`'s buffers, reporting to `control`, for
    /// plans that replay no history file (Monte Carlo, or a history shipped
    /// inside Glidepath).
    pub fn new(workspace: &'a mut Workspace, control: &'a RunControl) -> Self {
        Runner {
            history: None,
            workspace,
            control,
        }
    }

    /// The same runner for plans that replay `history`, a file the caller
    /// read.
    #[must_use]
    pub fn with_history(self, history: Option<&'a ReturnHistory>) -> Self {
        Runner { history, ..self }
    }

    /// A runner on the same buffers and control for another market: Monte
    /// Carlo or a shipped history, whatever this one replays.
    pub(super) fn without_history(&mut self) -> Runner<'_> {
        Runner {
            history: None,
            workspace: &mut *self.workspace,
            control: self.control,
        }
    }

    /// Runs `members` (each plan with what to keep of it) on the same
    /// market paths: path k in year t sees the same returns in every plan
    /// (under each plan's own assumptions). Every plan must share its
    /// simulation settings (paths, seed, returns). Plans identical in
    /// everything the year loop uses run once. Bit-identical whatever the
    /// thread count and wherever a plan sits in the set.
    pub fn set(&mut self, members: &[(&ValidPlan, Record)]) -> Result<SetResult, SimulationError> {
        run_set(members, self.history, self.workspace, self.control)
    }

    /// Runs `plan` and summarises it: its bands and figures, and with a
    /// sleeve the same plan without it on the same draws; under a stress,
    /// what the stress costs. Bit-identical whatever the number of threads.
    ///
    /// ```
    /// use glidepath::engine::{RunControl, Runner, Workspace};
    /// use glidepath::plan::{Plan, validate};
    ///
    /// let mut plan = Plan::sample();
    /// plan.simulation.paths = 500;
    /// let plan = validate(&plan).expect("the sample is valid");
    /// let (mut workspace, control) = (Workspace::default(), RunControl::new());
    /// let outcome = Runner::new(&mut workspace, &control).simulate(&plan)?;
    /// assert_eq!(outcome.paths, 500);
    /// assert!((0.0..=1.0).contains(&outcome.portfolio.success_probability));
    /// # Ok::<(), glidepath::engine::SimulationError>(())
    /// ```
    pub fn simulate(&mut self, plan: &ValidPlan) -> Result<Outcome, SimulationError> {
        let mut outcomes = self.scenarios(&[plan], Levels::ALL)?;
        outcomes.pop().ok_or(SimulationError::EmptySet)
    }

    /// Runs `scenarios` on the same draws, each with its comparison without
    /// the sleeve when it has one (bands at `comparison_levels`) and, when
    /// stressed, the same scenario unstressed: one outcome per scenario, as
    /// [`Runner::simulate`] gives it alone, bit for bit.
    pub fn scenarios(
        &mut self,
        scenarios: &[&ValidPlan],
        comparison_levels: Levels,
    ) -> Result<Vec<Outcome>, SimulationError> {
        let withouts: Vec<Option<ValidPlan>> = scenarios
            .iter()
            .map(|p| p.allocation.sleeve.is_some().then(|| p.without_sleeve()))
            .collect();
        // And without its private sleeve, to say what that changes.
        let without_privates: Vec<Option<ValidPlan>> = scenarios
            .iter()
            .map(|p| p.allocation.private.is_some().then(|| p.without_private()))
            .collect();
        // A stressed scenario is also run unstressed, on the same draws, to
        // say what the stress costs.
        let unstressed: Vec<Option<ValidPlan>> = scenarios
            .iter()
            .map(|p| p.stress().map(|_| p.unstressed()))
            .collect();
        let mut members = Vec::new();
        let each = || {
            scenarios
                .iter()
                .zip(withouts.iter().zip(&without_privates))
                .zip(&unstressed)
        };
        for ((plan, (without, without_private)), calm) in each() {
            members.push((*plan, Record::Bands(Levels::ALL)));
            if let Some(without) = without {
                members.push((without, Record::BalanceBands(comparison_levels)));
            }
            if let Some(without) = without_private {
                members.push((without, Record::BalanceBands(comparison_levels)));
            }
            if let Some(calm) = calm {
                members.push((calm, Record::Summary));
            }
        }
        let set = self.set(&members)?;
        let mut results = set.members.into_iter();
        let mut next = || results.next().ok_or(SimulationError::EmptySet);
        let mut outcomes = Vec::with_capacity(scenarios.len());
        for ((plan, (without, without_private)), calm) in each() {
            let main = next()?;
            let without = match without {
                Some(_) => Some(next()?),
                None => None,
            };
            let without_private = match without_private {
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
            let mut outcome = outcome_of(plan, set.mode, main, without, without_private)?;
            outcome.stress = effect;
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    /// The base plan and its scenarios (each `scenarios[k]` the base's
    /// `k`-th scenario, perhaps stressed) run on the same draws, side by
    /// side, each with the fields its variant changes.
    pub fn compare(
        &mut self,
        base: &ValidPlan,
        scenarios: &[&ValidPlan],
    ) -> Result<Comparison, SimulationError> {
        let outcomes = self.scenarios(scenarios, Levels::ALL)?;
        let changed = std::iter::once(Vec::new())
            .chain(base.variants.iter().map(|v| v.changes.changed_fields()));
        Ok(Comparison::new(
            base.simulation.seed,
            scenarios
                .iter()
                .zip(outcomes)
                .zip(changed)
                .map(|((plan, outcome), changed)| ScenarioOutcome {
                    name: plan.name.clone(),
                    changed,
                    outcome,
                })
                .collect(),
        ))
    }
}

/// Runs `plan` alone with a workspace of its own: [`Runner::simulate`] in
/// one line, for a plan that replays no history file.
pub fn simulate(plan: &ValidPlan, control: &RunControl) -> Result<Outcome, SimulationError> {
    Runner::new(&mut Workspace::default(), control).simulate(plan)
}

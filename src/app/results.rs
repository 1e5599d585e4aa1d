//! Results: what the engine last said about each scenario of the plan, and
//! keeping it current. Every way the plan changes (a widget, undo, open,
//! drop) is caught by comparing it with the plan last sent, so nothing
//! needs wiring.

use std::sync::Arc;

use super::worker::{Heard, Worker};
use crate::SimulationError;
use crate::outcome::Outcome;
use crate::plan::{Plan, Problem, ValidPlan, validate};

/// Paths of the quick run while a slider is dragged.
pub const QUICK_PATHS: u32 = 2_000;

/// The results on screen and the plan they belong to.
#[derive(Default)]
pub struct Results {
    /// The last valid outcome of each scenario (the base first): kept on
    /// screen while a new run is under way or while the plan is invalid.
    /// Shared, so charts never copy them.
    pub outcomes: Vec<Option<Arc<Outcome>>>,
    /// The problems of the current plan (empty when it is valid).
    pub problems: Vec<Problem>,
    /// The current plan, validated, when it is valid: what previews draw.
    pub valid: Option<ValidPlan>,
    /// Why the engine could not run the plan (a history file's problem).
    pub run_error: Option<String>,
    /// The plan last sent to the engine, and whether that was a quick run.
    submitted: Option<(Plan, bool)>,
}

impl Results {
    /// Whether what is on screen is out of date: the plan is invalid or
    /// could not be run.
    pub fn is_stale(&self) -> bool {
        !self.problems.is_empty() || self.run_error.is_some()
    }

    /// The outcome of scenario `index` (0 is the base).
    pub fn outcome(&self, index: usize) -> Option<&Arc<Outcome>> {
        self.outcomes.get(index).and_then(Option::as_ref)
    }

    /// Takes the worker's newest results, and sends `plan` when it changed:
    /// a quick run while the pointer drags, the full run once it is let go.
    /// Scenario `shown` is run first.
    pub fn follow(&mut self, plan: &Plan, shown: usize, dragging: bool, worker: &mut Worker) {
        for heard in worker.poll() {
            match heard {
                Heard::Outcome(index, outcome) => {
                    if self.outcomes.len() <= index {
                        self.outcomes.resize(index + 1, None);
                    }
                    self.outcomes[index] = Some(outcome);
                    self.run_error = None;
                }
                Heard::Failed(SimulationError::Cancelled) => {}
                Heard::Failed(e) => self.run_error = Some(e.to_string()),
            }
        }
        if let Some(error) = worker.start_error() {
            self.run_error = Some(error.to_owned());
        }
        let changed = self.submitted.as_ref().is_none_or(|(p, _)| p != plan);
        let quick_shown = self.submitted.as_ref().is_some_and(|(_, quick)| *quick);
        let drag_ended = quick_shown && !dragging;
        if !changed && !drag_ended {
            return;
        }
        let mut quick = false;
        match validate(plan) {
            Ok(valid) => {
                self.problems.clear();
                quick = dragging && valid.simulation.paths > QUICK_PATHS;
                let run = if quick {
                    let mut fewer = valid.plan().clone();
                    fewer.simulation.paths = QUICK_PATHS;
                    validate(&fewer).ok()
                } else {
                    Some(valid.clone())
                };
                if let Some(run) = run {
                    let scenarios: Vec<ValidPlan> = run.scenarios().into_iter().cloned().collect();
                    self.outcomes.truncate(scenarios.len());
                    worker.submit(scenarios, shown);
                }
                self.valid = Some(valid);
            }
            Err(problems) => {
                self.problems = problems;
                self.valid = None;
            }
        }
        self.submitted = Some((plan.clone(), quick));
    }
}

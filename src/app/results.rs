//! Results: what the engine last said about each scenario of the plan, and
//! keeping it current. Every way the plan changes (a widget, undo, open,
//! drop) is caught by comparing it with the plan last sent, so nothing
//! needs wiring.

use std::sync::Arc;

use super::worker::{Asks, BesideFound, BreakEvenFound, ExplainFound, Report, SweepAsk, Worker};
use crate::SimulationError;
use crate::engine::questions::{Answer, Field, SweepRow};
use crate::outcome::Outcome;
use crate::plan::{Plan, Problem, ValidPlan, validate};

/// A solve asked: the field and the chance to reach.
pub type SolveAsk = (Field, f64);
/// A solve's answer, or why there is none.
pub type Solved = Result<Answer, String>;

/// An answer kept with the scenario it is about, if it is about `plan`.
pub fn of_scenario<'a, T>(kept: &'a Option<(Plan, T)>, plan: &Plan) -> Option<&'a T> {
    kept.as_ref()
        .filter(|(of, _)| of == plan)
        .map(|(_, found)| found)
}

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
    /// The answer to the solve on screen, for the question it answers.
    pub answer: Option<(Option<SolveAsk>, Solved)>,
    /// The rows of the sweep on screen so far, for the sweep they are of.
    pub sweep: Option<(SweepAsk, Result<Vec<SweepRow>, String>)>,
    /// The sleeve's break-even returns, for the scenario (as a whole plan)
    /// they are of.
    pub break_even: Option<(Plan, BreakEvenFound)>,
    /// The scenario shown under the other kind of returns, for the
    /// scenario (as a whole plan) it is of.
    pub beside: Option<(Plan, BesideFound)>,
    /// A typical and a bad path year by year, for the scenario they are of.
    pub explained: Option<(Plan, ExplainFound)>,
    /// The next sweep row starts the rows afresh (a new job is under way).
    sweep_restart: bool,
    /// The plan and questions last sent to the engine, and whether that
    /// was a quick run.
    submitted: Option<(Plan, usize, Asks, bool)>,
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
    pub fn follow(
        &mut self,
        plan: &Plan,
        shown: usize,
        asks: &Asks,
        dragging: bool,
        worker: &mut Worker,
    ) {
        for heard in worker.poll() {
            match heard {
                Report::Outcome(index, outcome) => {
                    if self.outcomes.len() <= index {
                        self.outcomes.resize(index + 1, None);
                    }
                    self.outcomes[index] = Some(outcome);
                    self.run_error = None;
                }
                Report::Solved(answer) => {
                    self.answer = Some((self.asked().and_then(|a| a.solve), answer));
                }
                Report::SweepRow(row) => {
                    if let Some(ask) = self.asked().and_then(|a| a.sweep.clone()) {
                        match &mut self.sweep {
                            Some((k, Ok(rows))) if *k == ask && !self.sweep_restart => {
                                rows.push(row)
                            }
                            _ => self.sweep = Some((ask, Ok(vec![row]))),
                        }
                        self.sweep_restart = false;
                    }
                }
                Report::SweepFailed(e) => {
                    if let Some(ask) = self.asked().and_then(|a| a.sweep.clone()) {
                        self.sweep = Some((ask, Err(e)));
                    }
                }
                Report::BreakEven(found) => {
                    self.break_even = self.shown_scenario().map(|p| (p, found))
                }
                Report::Beside(found) => self.beside = self.shown_scenario().map(|p| (p, found)),
                Report::Explained(found) => {
                    self.explained = self.shown_scenario().map(|p| (p, found))
                }
                // Done is the worker's own (it never passes it on).
                Report::Failed(SimulationError::Cancelled) | Report::Done => {}
                Report::Failed(e) => self.run_error = Some(e.to_string()),
            }
        }
        if let Some(error) = worker.start_error() {
            self.run_error = Some(error.to_owned());
        }
        let changed = self
            .submitted
            .as_ref()
            .is_none_or(|(p, s, a, _)| p != plan || *s != shown || a != asks);
        let quick_shown = self.submitted.as_ref().is_some_and(|(.., quick)| *quick);
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
                    // A stress test runs on every scenario it applies to;
                    // the panel says where it does not.
                    let scenarios: Vec<ValidPlan> = run
                        .scenarios()
                        .into_iter()
                        .map(|s| match asks.stress {
                            Some(stress) => s.stressed(stress).unwrap_or_else(|_| s.clone()),
                            None => s.clone(),
                        })
                        .collect();
                    self.outcomes.truncate(scenarios.len());
                    // Answers wait for the full run: a drag's quick run
                    // answers no question.
                    let asks = if quick {
                        Asks {
                            stress: asks.stress,
                            ..Asks::default()
                        }
                    } else {
                        asks.clone()
                    };
                    // A new sweep starts with no rows; the old rows stay
                    // only while the same sweep is being made again.
                    if self
                        .sweep
                        .as_ref()
                        .is_some_and(|(k, _)| Some(k) != asks.sweep.as_ref())
                    {
                        self.sweep = None;
                    }
                    self.sweep_restart = true;
                    worker.submit(scenarios, shown.min(plan.scenario_count() - 1), asks);
                }
                self.valid = Some(valid);
            }
            Err(problems) => {
                self.problems = problems;
                self.valid = None;
            }
        }
        self.submitted = Some((plan.clone(), shown, asks.clone(), quick));
    }

    /// The scenario shown when the last job was sent, as a whole plan:
    /// what an answer about it is kept for.
    fn shown_scenario(&self) -> Option<Plan> {
        let (plan, shown, ..) = self.submitted.as_ref()?;
        plan.scenario(*shown)
    }

    /// The questions last sent.
    fn asked(&self) -> Option<&Asks> {
        self.submitted.as_ref().map(|(_, _, asks, _)| asks)
    }
}

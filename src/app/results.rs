//! Results: what the engine last said about each scenario of the plan and
//! each question on screen, and keeping it current. Every way the plan
//! changes (a widget, undo, open, drop) is caught by comparing it with the
//! plan last sent, so nothing needs wiring. Answers are kept by question
//! and by the scenario they are about, in one store: panels ask for them
//! with [`Results::answer`] and never see the engine thread.

use std::sync::Arc;

use super::worker::{Report, Worker};
use crate::engine::{Found, Question, SimulationError};
use crate::outcome::Outcome;
use crate::plan::stress::Stress;
use crate::plan::{Plan, Problem, ValidPlan, validate};

/// An answer as the app keeps it: what was found, or why nothing was;
/// shared, so the store, the engine's cache and the panels never copy it.
pub type Answered = Result<Arc<Found>, Arc<SimulationError>>;

/// What `answered` found, as the part `pick` takes; `None` when it found
/// something else (a question's answer is always of its own kind).
pub fn view_of<'a, T: ?Sized>(
    answered: &'a Answered,
    pick: impl FnOnce(&'a Found) -> Option<&'a T>,
) -> Option<Result<&'a T, &'a SimulationError>> {
    match answered {
        Ok(found) => pick(found).map(Ok),
        Err(e) => Some(Err(e)),
    }
}

/// Paths of the quick run while a slider is dragged.
pub const QUICK_PATHS: u32 = 2_000;

/// What the screen asks the engine for, about the scenario shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Asks {
    /// A stress test for every scenario (where it applies).
    pub stress: Option<Stress>,
    /// The questions on screen, answered in this order after the scenarios.
    pub questions: Vec<Question>,
}

/// One answer kept: the question, the scenario it is about (as a whole
/// plan) and what was found.
#[derive(Debug)]
struct Kept {
    question: Question,
    scenario: Plan,
    answered: Answered,
}

/// Why what is on screen is not the plan's own result.
#[derive(Debug)]
pub enum RunError {
    /// The engine could not run the plan (a history file's problem).
    Run(SimulationError),
    /// The engine's thread could not start.
    NoEngine(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Run(e) => write!(f, "{e}"),
            RunError::NoEngine(why) => f.write_str(why),
        }
    }
}

/// The results on screen and the plan they belong to.
#[derive(Default)]
pub struct Results {
    /// The last valid outcome of each scenario (the base first): kept on
    /// screen while a new run is under way or while the plan is invalid.
    /// Shared, so charts never copy them.
    outcomes: Vec<Option<Arc<Outcome>>>,
    /// The problems of the current plan (empty when it is valid).
    problems: Vec<Problem>,
    /// The current plan, validated, when it is valid: what previews draw.
    valid: Option<ValidPlan>,
    /// Why the engine could not run the plan.
    run_error: Option<RunError>,
    /// The newest answer in each question's slot.
    answers: Vec<Kept>,
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

    /// Every scenario's last outcome, the base first.
    pub fn outcomes(&self) -> &[Option<Arc<Outcome>>] {
        &self.outcomes
    }

    /// The problems of the current plan (empty when it is valid).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The current plan, validated, when it is valid.
    pub fn valid(&self) -> Option<&ValidPlan> {
        self.valid.as_ref()
    }

    /// Scenario `index` of the current plan, validated, when it is valid.
    pub fn valid_scenario(&self, index: usize) -> Option<&ValidPlan> {
        self.valid.as_ref()?.scenario(index)
    }

    /// Why the engine could not run the plan, if it could not.
    pub fn run_error(&self) -> Option<&RunError> {
        self.run_error.as_ref()
    }

    /// The answer to `question` about `scenario` (as a whole plan), once
    /// found; a sweep's rows as they come.
    pub fn answer(&self, question: &Question, scenario: &Plan) -> Option<&Answered> {
        self.answers
            .iter()
            .find(|k| k.question == *question && k.scenario == *scenario)
            .map(|k| &k.answered)
    }

    /// The newest answer in `question`'s slot, whatever it was about:
    /// shown while the answer to `question` itself is worked out, as the
    /// old chart stays until the new one comes.
    pub fn latest(&self, question: &Question) -> Option<&Answered> {
        self.answers
            .iter()
            .find(|k| k.question.slot() == question.slot())
            .map(|k| &k.answered)
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
                Report::Answer { question, answered } => {
                    if let Some(scenario) = self.shown_scenario() {
                        self.answers
                            .retain(|k| k.question.slot() != question.slot());
                        self.answers.push(Kept {
                            question,
                            scenario,
                            answered,
                        });
                    }
                }
                // Done is the worker's own (it never passes it on).
                Report::Failed(SimulationError::Cancelled) | Report::Done => {}
                Report::Failed(e) => self.run_error = Some(RunError::Run(e)),
            }
        }
        if let Some(error) = worker.start_error() {
            self.run_error = Some(RunError::NoEngine(error.to_owned()));
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
                    valid.with_paths(QUICK_PATHS).ok()
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
                    let questions = if quick {
                        Vec::new()
                    } else {
                        asks.questions.clone()
                    };
                    worker.submit(scenarios, shown.min(plan.scenario_count() - 1), questions);
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
}

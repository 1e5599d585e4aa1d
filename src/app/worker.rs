//! The engine on a named background thread, so the UI never waits for it.
//!
//! A job is every scenario of the plan (the base and its variants), all on
//! the same draws. The scenario on screen is run first and shown as soon as
//! it is done; scenarios unchanged since the last job are not run again
//! (on the same draws their numbers could not differ). Each new job cancels
//! the one in flight; only the newest job's results are shown. The thread
//! wakes the UI when a result is ready, so an idle app does not repaint.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::engine::explain::{Explained, explain};
use crate::engine::questions::{Answer, Beside, Field, SweepRow, beside, break_even, solve, sweep};
use crate::engine::{RunControl, SimulationError, Workspace, simulate_scenarios};
use crate::market::history::{HistoryError, ReturnHistory};
use crate::outcome::{BreakEven, Levels, Outcome};
use crate::plan::stress::Stress;
use crate::plan::{Plan, Returns, ValidPlan};

struct Job {
    id: u64,
    scenarios: Vec<ValidPlan>,
    /// The scenario on screen: run first.
    shown: usize,
    /// The questions on screen, answered after the scenarios.
    asks: Asks,
    control: Arc<RunControl>,
}

/// The questions the screen shows, about the scenario shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Asks {
    /// Solve for a field to reach a chance.
    pub solve: Option<(Field, f64)>,
    /// Sweep a field over values under views.
    pub sweep: Option<SweepAsk>,
    /// The crypto returns at which the sleeve pays off (the sleeve card
    /// is on screen).
    pub break_even: bool,
    /// A stress test for every scenario (where it applies).
    pub stress: Option<Stress>,
    /// The scenario shown under the other kind of returns (history beside
    /// Monte Carlo, Monte Carlo beside a history), after everything else.
    pub beside: bool,
    /// A typical and a bad path year by year (the tab is on screen).
    pub explain: bool,
}

/// The typical path (p50) and the bad case (p10) year by year, or why not.
pub type ExplainFound = Result<Arc<[Explained; 2]>, String>;

/// The scenario shown under the other kind of returns, or why it could
/// not be run.
#[derive(Clone, Debug)]
pub struct BesideFound {
    /// Its outcome.
    pub outcome: Result<Arc<Outcome>, String>,
    /// The sleeve was left out (the history has no crypto returns).
    pub core_alone: bool,
}

/// The sleeve's break-even returns (`None`: they do not apply), or why
/// they could not be found.
pub type BreakEvenFound = Result<Option<BreakEven>, String>;

/// A sweep the screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepAsk {
    /// The field.
    pub field: Field,
    /// Its values.
    pub values: Vec<f64>,
    /// The crypto views (`plan` for the plan's own).
    pub views: Vec<&'static str>,
}

/// What the thread reports about a job; the app hears all but `Done`, of
/// the newest job only.
pub enum Report {
    /// Scenario `index`'s outcome.
    Outcome(usize, Arc<Outcome>),
    /// The solve's answer, or why there is none.
    Solved(Result<Answer, String>),
    /// One row of the sweep.
    SweepRow(SweepRow),
    /// The sweep could not be made.
    SweepFailed(String),
    /// The sleeve's break-even returns.
    BreakEven(BreakEvenFound),
    /// The scenario shown under the other kind of returns.
    Beside(BesideFound),
    /// A typical and a bad path year by year.
    Explained(ExplainFound),
    /// The job could not run (a history's problem).
    Failed(SimulationError),
    /// Every scenario of the job is reported.
    Done,
}

/// The engine thread's handle: jobs in, results out.
pub struct Worker {
    jobs: Sender<Job>,
    results: Receiver<(u64, Report)>,
    running: Option<(u64, Arc<RunControl>)>,
    next_id: u64,
    /// Why the thread could not be started, if it could not.
    start_error: Option<String>,
}

impl Worker {
    /// Starts the thread; `wake` is called whenever a result is ready.
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        let (jobs, job_rx) = channel::<Job>();
        let (report_tx, results) = channel();
        let spawned = std::thread::Builder::new()
            .name("glidepath-engine".into())
            .spawn(move || {
                let mut engine = EngineThread::default();
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest job matters.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let id = job.id;
                    let sent = engine.run(&job, &mut |report| {
                        let delivered = report_tx.send((id, report)).is_ok();
                        wake();
                        delivered
                    });
                    if !sent {
                        return;
                    }
                }
            });
        Worker {
            jobs,
            results,
            running: None,
            next_id: 0,
            // Without the thread, results never come: the app says so.
            start_error: spawned
                .err()
                .map(|e| format!("The engine could not start, so results cannot be shown: {e}")),
        }
    }

    /// Why no result will ever come, if the thread could not start.
    pub fn start_error(&self) -> Option<&str> {
        self.start_error.as_deref()
    }

    /// Cancels what is running and starts `scenarios`, `shown` first, then
    /// the questions asked about the scenario shown.
    pub fn submit(&mut self, scenarios: Vec<ValidPlan>, shown: usize, asks: Asks) {
        if let Some((_, control)) = &self.running {
            control.cancel();
        }
        self.next_id += 1;
        let control = Arc::new(RunControl::new());
        let job = Job {
            id: self.next_id,
            scenarios,
            shown,
            asks,
            control: Arc::clone(&control),
        };
        if self.jobs.send(job).is_ok() {
            self.running = Some((self.next_id, control));
        }
    }

    /// What the newest job reported since the last call; older jobs'
    /// reports are dropped.
    pub fn poll(&mut self) -> Vec<Report> {
        let mut heard = Vec::new();
        while let Ok((id, report)) = self.results.try_recv() {
            if self
                .running
                .as_ref()
                .is_none_or(|(running, _)| *running != id)
            {
                continue;
            }
            match report {
                Report::Done => self.running = None,
                Report::Failed(_) => {
                    self.running = None;
                    heard.push(report);
                }
                report => heard.push(report),
            }
        }
        heard
    }

    /// Whether a job is running.
    pub fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// The share of the running job's current run done, if one is running.
    pub fn progress(&self) -> Option<f64> {
        self.running.as_ref().map(|(_, c)| c.progress())
    }
}

/// A solve's answer for the plan, field and target it answers.
type SolvedFor = ((ValidPlan, Field, f64), Result<Answer, String>);

/// What the engine thread keeps between jobs.
#[derive(Default)]
struct EngineThread {
    histories: HistoryCache,
    /// Buffers kept between runs: a drag reruns the plan many times.
    workspace: Workspace,
    /// The scenarios of the last job and their outcomes.
    done: Vec<(ValidPlan, Arc<Outcome>)>,
    /// The last answers, for the plan and question they answer.
    solved: Option<SolvedFor>,
    swept: Option<((ValidPlan, SweepAsk), Vec<SweepRow>)>,
    broke_even: Option<(ValidPlan, BreakEvenFound)>,
    besides: Option<(ValidPlan, BesideFound)>,
    explained: Option<(ValidPlan, ExplainFound)>,
}

impl EngineThread {
    /// Runs a job, reporting through `report` (false: nobody listens).
    fn run(&mut self, job: &Job, report: &mut dyn FnMut(Report) -> bool) -> bool {
        let history = match self.histories.for_plan(&job.scenarios[0]) {
            Ok(history) => history,
            Err(e) => return report(Report::Failed(e.into())),
        };
        let mut done: Vec<(ValidPlan, Arc<Outcome>)> = Vec::new();
        let mut to_run = Vec::new();
        for (index, plan) in job.scenarios.iter().enumerate() {
            match self.done.iter().find(|(p, _)| p == plan) {
                Some((_, outcome)) => {
                    if !report(Report::Outcome(index, Arc::clone(outcome))) {
                        return false;
                    }
                    done.push((plan.clone(), Arc::clone(outcome)));
                }
                None => to_run.push(index),
            }
        }
        // The scenario on screen first, alone; then the rest together.
        let (first, rest): (Vec<usize>, Vec<usize>) = to_run
            .iter()
            .partition(|&&i| i == job.shown && to_run.len() > 1);
        for group in [first, rest] {
            if group.is_empty() {
                continue;
            }
            let plans: Vec<&ValidPlan> = group.iter().map(|&i| &job.scenarios[i]).collect();
            // The comparison without the sleeve is drawn as its median and
            // bad case only.
            let outcomes = simulate_scenarios(
                &mut self.workspace,
                &plans,
                history,
                Levels::MEDIAN_AND_BAD_CASE,
                &job.control,
            );
            match outcomes {
                Ok(outcomes) => {
                    for (&index, outcome) in group.iter().zip(outcomes) {
                        let outcome = Arc::new(outcome);
                        done.push((job.scenarios[index].clone(), Arc::clone(&outcome)));
                        if !report(Report::Outcome(index, outcome)) {
                            return false;
                        }
                    }
                }
                Err(SimulationError::Cancelled) => return true,
                Err(e) => return report(Report::Failed(e)),
            }
        }
        self.done = done;
        let shown = &job.scenarios[job.shown.min(job.scenarios.len() - 1)];
        let workspace = &mut self.workspace;
        let control = &job.control;
        if let Some((field, target)) = job.asks.solve {
            let key = (shown.clone(), field, target);
            let Some(answer) = answer_once(&mut self.solved, key, || {
                not_cancelled(solve(shown, field, target, history, workspace, control))
            }) else {
                return true;
            };
            if !report(Report::Solved(answer)) {
                return false;
            }
        }
        if job.asks.break_even {
            // Of the plan as it is: a stress test does not change what the
            // sleeve needs to pay off.
            let key = shown.unstressed();
            let Some(found) = answer_once(&mut self.broke_even, key.clone(), || {
                not_cancelled(break_even(&key, workspace, control))
            }) else {
                return true;
            };
            if !report(Report::BreakEven(found)) {
                return false;
            }
        }
        if job.asks.beside {
            let key = shown.unstressed();
            let Some(found) = answer_once(&mut self.besides, key.clone(), || match beside(&key) {
                // Beside needs no file: Monte Carlo or the shipped history.
                Ok(Beside { plan, core_alone }) => not_cancelled(simulate_scenarios(
                    workspace,
                    &[&plan],
                    None,
                    Levels::MEDIAN_AND_BAD_CASE,
                    control,
                ))
                .map(|result| BesideFound {
                    outcome: result
                        .and_then(|mut o| o.pop().ok_or_else(|| "no outcome".to_owned()))
                        .map(Arc::new),
                    core_alone,
                }),
                Err(why) => Some(BesideFound {
                    outcome: Err(why),
                    core_alone: false,
                }),
            }) else {
                return true;
            };
            if !report(Report::Beside(found)) {
                return false;
            }
        }
        if job.asks.explain {
            let Some(found) = answer_once(&mut self.explained, shown.clone(), || {
                let typical = not_cancelled(explain(shown, history, 50, workspace, control))?;
                let bad = not_cancelled(explain(shown, history, 10, workspace, control))?;
                Some(match (typical, bad) {
                    (Ok(typical), Ok(bad)) => Ok(Arc::new([typical, bad])),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                })
            }) else {
                return true;
            };
            if !report(Report::Explained(found)) {
                return false;
            }
        }
        if let Some(ask) = &job.asks.sweep {
            let key = (shown.clone(), ask.clone());
            if let Some((k, rows)) = &self.swept
                && *k == key
            {
                for row in rows {
                    if !report(Report::SweepRow(row.clone())) {
                        return false;
                    }
                }
            } else {
                let mut listening = true;
                let result = sweep(
                    shown.plan(),
                    ask.field,
                    &ask.values,
                    &ask.views,
                    history,
                    &mut self.workspace,
                    &job.control,
                    &mut |row| listening &= report(Report::SweepRow(row.clone())),
                );
                if !listening {
                    return false;
                }
                match result {
                    Ok(rows) => self.swept = Some((key, rows)),
                    Err(SimulationError::Cancelled) => return true,
                    Err(e) => {
                        if !report(Report::SweepFailed(e.to_string())) {
                            return false;
                        }
                    }
                }
            }
        }
        report(Report::Done)
    }
}

/// The answer kept in `kept` if it is for `key`, else `compute`d and kept;
/// `None` when the computation was cancelled (nothing is kept then).
/// `compute` gives `None` for a cancelled run, as [`not_cancelled`] makes it.
fn answer_once<K: PartialEq, T: Clone>(
    kept: &mut Option<(K, T)>,
    key: K,
    compute: impl FnOnce() -> Option<T>,
) -> Option<T> {
    if let Some((k, answer)) = kept
        && *k == key
    {
        return Some(answer.clone());
    }
    let answer = compute()?;
    *kept = Some((key, answer.clone()));
    Some(answer)
}

/// A run's result with its error in words; `None` if it was cancelled.
fn not_cancelled<T>(result: Result<T, SimulationError>) -> Option<Result<T, String>> {
    match result {
        Err(SimulationError::Cancelled) => None,
        other => Some(other.map_err(|e| e.to_string())),
    }
}

/// The last return history read, kept while its file is unchanged, so a
/// slider moving over a history plan does not read the file each time.
#[derive(Default)]
struct HistoryCache {
    loaded: Option<(String, Option<std::time::SystemTime>, ReturnHistory)>,
}

impl HistoryCache {
    /// The history `plan` replays, if it replays one.
    fn for_plan(&mut self, plan: &Plan) -> Result<Option<&ReturnHistory>, HistoryError> {
        let Returns::History { file, .. } = &plan.simulation.returns else {
            return Ok(None);
        };
        let modified = crate::store::modified(Path::new(file));
        let fresh = self
            .loaded
            .as_ref()
            .is_some_and(|(path, at, _)| path == file && *at == modified && modified.is_some());
        if !fresh {
            self.loaded = None;
            let history = crate::store::history_file::read(Path::new(file))?;
            self.loaded = Some((file.clone(), modified, history));
        }
        Ok(self.loaded.as_ref().map(|(_, _, history)| history))
    }
}

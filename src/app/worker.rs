//! The engine on a named background thread, so the UI never waits for it.
//!
//! A job is every scenario of the plan (the base and its variants), all on
//! the same draws, then the questions on screen about the scenario shown.
//! The scenario on screen is run first and shown as soon as it is done;
//! scenarios unchanged since the last job are not run again (on the same
//! draws their numbers could not differ), nor is a question answered
//! again about the same plan. Each new job cancels the one in flight; only
//! the newest job's results are heard. The thread wakes the UI when a
//! result is ready, so an idle app does not repaint.
//!
//! The protocol is the engine's: a [`Question`] goes in and its
//! [`Found`](crate::engine::Found) comes out, so a new kind of answer needs
//! no change here. In inline mode (the UI tests) a job runs in the frame
//! that submits it and its reports wait for the next poll: answers come
//! without waiting on another thread.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::engine::{Question, RunControl, Runner, SimulationError, Workspace};
use crate::market::history::{HistoryError, ReturnHistory};
use crate::outcome::{Levels, Outcome};
use crate::plan::{Plan, Returns, ValidPlan};

use super::results::Answered;

/// One job: every scenario, then the questions about the one shown.
struct Job {
    id: u64,
    scenarios: Vec<ValidPlan>,
    /// The scenario on screen: run first, and the one questions are about.
    shown: usize,
    questions: Vec<Question>,
    control: Arc<RunControl>,
}

/// What the thread reports about a job; the app hears all but `Done`, of
/// the newest job only.
pub enum Report {
    /// Scenario `index`'s outcome.
    Outcome(usize, Arc<Outcome>),
    /// An answer to one of the job's questions (a sweep's rows so far, while
    /// it is being made).
    Answer {
        /// The question answered.
        question: Question,
        /// What was found, or why nothing was.
        answered: Answered,
    },
    /// The job could not run (a history's problem).
    Failed(SimulationError),
    /// Every scenario and question of the job is reported.
    Done,
}

/// Where jobs run.
enum Engine {
    /// On the `glidepath-engine` thread.
    Thread {
        jobs: Sender<Job>,
        results: Receiver<(u64, Report)>,
    },
    /// In the frame that submits them; reports wait here for the poll.
    Inline {
        engine: Box<EngineThread>,
        heard: Vec<(u64, Report)>,
        wake: Box<dyn Fn()>,
    },
}

/// The engine's handle: jobs in, results out.
pub struct Worker {
    engine: Engine,
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
            engine: Engine::Thread { jobs, results },
            running: None,
            next_id: 0,
            // Without the thread, results never come: the app says so.
            start_error: spawned
                .err()
                .map(|e| format!("The engine could not start, so results cannot be shown: {e}")),
        }
    }

    /// A worker that runs each job in the frame that submits it (for the
    /// UI tests: no thread to wait for); `wake` asks for the next frame.
    pub fn inline(wake: impl Fn() + 'static) -> Self {
        Worker {
            engine: Engine::Inline {
                engine: Box::default(),
                heard: Vec::new(),
                wake: Box::new(wake),
            },
            running: None,
            next_id: 0,
            start_error: None,
        }
    }

    /// Why no result will ever come, if the thread could not start.
    pub fn start_error(&self) -> Option<&str> {
        self.start_error.as_deref()
    }

    /// Cancels what is running and starts `scenarios`, `shown` first, then
    /// the `questions` about the scenario shown.
    pub fn submit(&mut self, scenarios: Vec<ValidPlan>, shown: usize, questions: Vec<Question>) {
        if let Some((_, control)) = &self.running {
            control.cancel();
        }
        self.next_id += 1;
        let control = Arc::new(RunControl::new());
        let job = Job {
            id: self.next_id,
            scenarios,
            shown,
            questions,
            control: Arc::clone(&control),
        };
        let sent = match &mut self.engine {
            Engine::Thread { jobs, .. } => jobs.send(job).is_ok(),
            Engine::Inline {
                engine,
                heard,
                wake,
            } => {
                engine.run(&job, &mut |report| {
                    heard.push((job.id, report));
                    true
                });
                wake();
                true
            }
        };
        if sent {
            self.running = Some((self.next_id, control));
        }
    }

    /// What the newest job reported since the last call; older jobs'
    /// reports are dropped.
    pub fn poll(&mut self) -> Vec<Report> {
        let reports: Vec<(u64, Report)> = match &mut self.engine {
            Engine::Thread { results, .. } => results.try_iter().collect(),
            Engine::Inline { heard, .. } => std::mem::take(heard),
        };
        let mut heard = Vec::new();
        for (id, report) in reports {
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

/// What the engine keeps between jobs.
#[derive(Default)]
struct EngineThread {
    histories: HistoryCache,
    /// Buffers kept between runs: a drag reruns the plan many times.
    workspace: Workspace,
    /// The scenarios of the last job and their outcomes.
    done: Vec<(ValidPlan, Arc<Outcome>)>,
    /// The last answer in each question's slot, with the plan it is about.
    answers: Vec<(Question, ValidPlan, Answered)>,
}

impl EngineThread {
    /// Runs a job, reporting through `report` (false: nobody listens).
    fn run(&mut self, job: &Job, report: &mut dyn FnMut(Report) -> bool) -> bool {
        let history = match self.histories.for_plan(&job.scenarios[0]) {
            Ok(history) => history,
            Err(e) => return report(Report::Failed(e.into())),
        };
        let mut runner = Runner::new(&mut self.workspace, &job.control).with_history(history);
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
            match runner.scenarios(&plans, Levels::MEDIAN_AND_BAD_CASE) {
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
        for question in &job.questions {
            let about = question.about(shown);
            let kept = self
                .answers
                .iter()
                .find(|(q, plan, _)| q == question && *plan == about);
            let answered = match kept {
                Some((.., answered)) => answered.clone(),
                None => {
                    let mut listening = true;
                    let found = runner.answer(&about, question, &mut |partial| {
                        listening &= report(Report::Answer {
                            question: question.clone(),
                            answered: Ok(Arc::new(partial.clone())),
                        });
                    });
                    if !listening {
                        return false;
                    }
                    let answered = match found {
                        Err(SimulationError::Cancelled) => return true,
                        found => found.map(Arc::new).map_err(Arc::new),
                    };
                    self.answers.retain(|(q, ..)| q.slot() != question.slot());
                    self.answers
                        .push((question.clone(), about, answered.clone()));
                    answered
                }
            };
            let question = question.clone();
            if !report(Report::Answer { question, answered }) {
                return false;
            }
        }
        report(Report::Done)
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

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;
    use std::time::Duration;

    use super::*;
    use crate::engine::Found;
    use crate::engine::questions::Field;
    use crate::plan::validate;

    /// Everything a worker reports for one job, outcomes by index and
    /// answers in order.
    fn heard(worker: &mut Worker, wait: &dyn Fn()) -> (Vec<(usize, Arc<Outcome>)>, Vec<Question>) {
        let (mut outcomes, mut questions) = (Vec::new(), Vec::new());
        while worker.is_busy() {
            wait();
            for report in worker.poll() {
                match report {
                    Report::Outcome(index, outcome) => outcomes.push((index, outcome)),
                    Report::Answer { question, answered } => {
                        assert!(answered.is_ok(), "{question:?}: {answered:?}");
                        questions.push(question);
                    }
                    Report::Failed(e) => panic!("{e}"),
                    Report::Done => {}
                }
            }
        }
        (outcomes, questions)
    }

    #[test]
    fn the_engine_thread_answers_as_the_inline_worker_does() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 300;
        let valid = validate(&plan).unwrap_or_else(|p| panic!("{p:?}"));
        let questions = vec![
            Question::Solve {
                field: Field::ContributionRate,
                target: 0.9,
            },
            Question::Beside,
            Question::Explain { percentile: 50 },
        ];
        let (woken, wakes) = channel();
        let mut thread = Worker::new(move || {
            woken.send(()).ok();
        });
        thread.submit(vec![valid.clone()], 0, questions.clone());
        let wait_for_the_thread = || {
            // Blocks until the thread reports; never polls on a clock.
            wakes.recv_timeout(Duration::from_secs(30)).ok();
        };
        let (threaded, answered) = heard(&mut thread, &wait_for_the_thread);
        let mut inline = Worker::inline(|| {});
        inline.submit(vec![valid], 0, questions.clone());
        let (alone, answered_inline) = heard(&mut inline, &|| {});
        assert_eq!(threaded, alone);
        assert_eq!(answered, questions);
        assert_eq!(answered_inline, questions);
    }

    #[test]
    fn a_question_asked_again_about_the_same_plan_is_not_worked_out_again() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 200;
        let valid = validate(&plan).unwrap_or_else(|p| panic!("{p:?}"));
        let mut engine = EngineThread::default();
        let question = Question::Explain { percentile: 10 };
        let job = |id| Job {
            id,
            scenarios: vec![valid.clone()],
            shown: 0,
            questions: vec![question.clone()],
            control: Arc::new(RunControl::new()),
        };
        let mut answers: Vec<Answered> = Vec::new();
        for id in [1, 2] {
            engine.run(&job(id), &mut |report| {
                if let Report::Answer { answered, .. } = report {
                    answers.push(answered);
                }
                true
            });
        }
        let [Ok(first), Ok(second)] = &answers[..] else {
            panic!("two answers: {answers:?}");
        };
        assert!(matches!(**first, Found::Explained(_)));
        // The same answer, shared: the kept one, not a new one.
        assert!(Arc::ptr_eq(first, second));
    }
}

//! The engine on a named background thread, so the UI never waits for it.
//!
//! Each new plan cancels the run in flight; only the newest job's result
//! is shown. The thread wakes the UI when a result is ready, so an idle app
//! does not repaint.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::engine::{RunControl, SimulationError, Workspace, simulate_in};
use crate::market::history::{HistoryError, ReturnHistory};
use crate::outcome::{Levels, Outcome};
use crate::plan::{Plan, Returns, ValidPlan};

struct Job {
    id: u64,
    plan: ValidPlan,
    control: Arc<RunControl>,
}

struct Finished {
    id: u64,
    result: Result<Outcome, SimulationError>,
}

/// The engine thread's handle: jobs in, results out.
pub struct Worker {
    jobs: Sender<Job>,
    results: Receiver<Finished>,
    running: Option<(u64, Arc<RunControl>)>,
    next_id: u64,
    /// Why the thread could not be started, if it could not.
    start_error: Option<String>,
}

impl Worker {
    /// Starts the thread; `wake` is called whenever a result is ready.
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        let (jobs, job_rx) = channel::<Job>();
        let (result_tx, results) = channel();
        let spawned = std::thread::Builder::new()
            .name("glidepath-engine".into())
            .spawn(move || {
                let mut histories = HistoryCache::default();
                // Buffers kept between runs: a drag reruns the plan many times.
                let mut workspace = Workspace::default();
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest job matters.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let result = histories
                        .for_plan(&job.plan)
                        .map_err(SimulationError::from)
                        .and_then(|history| {
                            // The comparison without the sleeve is drawn as its
                            // median and bad case only.
                            simulate_in(
                                &mut workspace,
                                &job.plan,
                                history,
                                Levels::MEDIAN_AND_BAD_CASE,
                                &job.control,
                            )
                        });
                    if result_tx.send(Finished { id: job.id, result }).is_err() {
                        return;
                    }
                    wake();
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

    /// Cancels what is running and starts `plan`.
    pub fn submit(&mut self, plan: ValidPlan) {
        if let Some((_, control)) = &self.running {
            control.cancel();
        }
        self.next_id += 1;
        let control = Arc::new(RunControl::new());
        let job = Job {
            id: self.next_id,
            plan,
            control: Arc::clone(&control),
        };
        if self.jobs.send(job).is_ok() {
            self.running = Some((self.next_id, control));
        }
    }

    /// The newest job's result, once it is ready; older results are dropped.
    pub fn poll(&mut self) -> Option<Result<Outcome, SimulationError>> {
        let mut newest = None;
        while let Ok(finished) = self.results.try_recv() {
            if self
                .running
                .as_ref()
                .is_some_and(|(id, _)| *id == finished.id)
            {
                self.running = None;
                newest = Some(finished.result);
            }
        }
        newest
    }

    /// Whether a job is running.
    pub fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// The share of the running job done, if one is running.
    pub fn progress(&self) -> Option<f64> {
        self.running.as_ref().map(|(_, c)| c.progress())
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

//! Exports from the app: the bands and the comparison as CSV, this tab's
//! chart as PNG (drawn off-screen by the report's chart module, in its
//! light print style, whatever the theme and the tab), and the client
//! report as PDF, made on a thread of its own so the window never waits.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use super::failure::Failure;
use super::results::view_of;
use super::{GlidepathApp, Tab};
use crate::engine::questions::Field;
use crate::engine::{Found, Question, RunControl, Runner, SimulationError, SweepAsk, Workspace};
use crate::market::history::HistoryError;
use crate::outcome::{Comparison, ScenarioOutcome};
use crate::plan::{Returns, ValidPlan};
use crate::report::client::{Provenance, gather, pdf};
use crate::report::pdf::PdfError;
use crate::report::snapshot::{self, Extras, Kind};
use crate::store::WriteError;

/// A client report being made: where it goes, and the word when it is written.
pub struct ReportExport {
    path: PathBuf,
    done: Receiver<Result<(), ReportError>>,
}

/// Why the client report was not written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The plan's history could not be read.
    #[error(transparent)]
    History(#[from] HistoryError),
    /// The plan could not be run.
    #[error(transparent)]
    Run(#[from] SimulationError),
    /// The document could not be made.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The chart a tab shows, as the PNG export draws it.
fn kind_of(tab: Tab) -> Kind {
    match tab {
        Tab::Balance | Tab::YearByYear => Kind::Balance,
        Tab::GlidePath => Kind::GlidePath,
        Tab::AtRetirement => Kind::AtRetirement,
        Tab::Compare => Kind::Scenarios,
        Tab::Sleeve => Kind::SleeveSweep,
        Tab::Income => Kind::Income,
        Tab::Taxes => Kind::Taxes,
    }
}

impl GlidepathApp {
    pub(super) fn export_csv(&mut self, path: &Path) {
        let Some(outcome) = self.results.outcome(self.view.scenario) else {
            self.fail(Failure::NoResults);
            return;
        };
        let text = crate::report::bands_csv(
            &self.document.plan,
            outcome,
            &crate::report::today(),
            self.preferences.nominal,
        );
        match crate::store::write_bytes_atomically(path, false, text.as_bytes()) {
            Ok(()) => {
                self.view.notice = Some(format!("Exported the results to {}", path.display()))
            }
            Err(e) => self.fail(Failure::Export {
                what: "results",
                source: e,
            }),
        }
    }

    /// The scenarios side by side from the results on screen, once every
    /// scenario has them.
    fn comparison(&self) -> Option<Comparison> {
        let plan = &self.document.plan;
        let scenarios: Option<Vec<ScenarioOutcome>> = (0..plan.scenario_count())
            .map(|i| {
                let whole = plan.scenario(i)?;
                let changed = match i {
                    0 => Vec::new(),
                    i => plan.variants[i - 1].changes.changed_fields(),
                };
                Some(ScenarioOutcome {
                    name: whole.name,
                    changed,
                    outcome: (**self.results.outcome(i)?).clone(),
                })
            })
            .collect();
        Some(Comparison::new(plan.simulation.seed, scenarios?))
    }

    /// Writes the scenarios side by side as CSV, with the trust lines.
    pub(super) fn export_comparison(&mut self, path: &Path) {
        let Some(comparison) = self.comparison() else {
            self.fail(Failure::NotEveryScenario);
            return;
        };
        let plan = &self.document.plan;
        let text = crate::report::comparison_csv(plan, &comparison, &crate::report::today());
        match crate::store::write_bytes_atomically(path, false, text.as_bytes()) {
            Ok(()) => {
                self.view.notice = Some(format!("Exported the comparison to {}", path.display()))
            }
            Err(e) => self.fail(Failure::Export {
                what: "comparison",
                source: e,
            }),
        }
    }

    /// Draws this tab's chart off-screen as a PNG (1600 × 1000, light print
    /// style, the headline and key inputs above it, the trust lines under
    /// it) and writes it; the tab shown does not change.
    pub(super) fn export_png(&mut self, path: &Path) {
        let index = self.view.scenario;
        let (Some(outcome), Some(valid)) = (
            self.results.outcome(index),
            self.results.valid_scenario(index),
        ) else {
            self.fail(Failure::NoResults);
            return;
        };
        let kind = kind_of(self.preferences.tab);
        // Copying every scenario's outcome only for the chart that draws them.
        let comparison = (kind == Kind::Scenarios)
            .then(|| self.comparison())
            .flatten();
        // The sleeve's sweep, as far as it is made.
        let sleeve_sweep = Question::Sweep(SweepAsk::around(valid, Field::SleeveWeight));
        let sweep = self
            .results
            .latest(&sleeve_sweep)
            .and_then(|a| {
                view_of(a, |found| match found {
                    Found::Swept(rows) => Some(rows.as_slice()),
                    _ => None,
                })
            })
            .and_then(Result::ok);
        let extras = Extras {
            comparison: comparison.as_ref(),
            sleeve_sweep: sweep,
        };
        let picture = snapshot::picture(
            valid,
            outcome,
            kind,
            &extras,
            self.preferences.nominal,
            &crate::report::today(),
        );
        let written = crate::report::raster::png(&picture, snapshot::PIXELS_PER_POINT)
            .map_err(Failure::Chart)
            .and_then(|bytes| {
                crate::store::write_bytes_atomically(path, false, &bytes)
                    .map_err(Failure::ChartFile)
            });
        match written {
            Ok(()) => self.view.notice = Some(format!("Exported the chart to {}", path.display())),
            Err(failure) => self.fail(failure),
        }
    }

    /// Starts the client report of the plan as it is, written to `path` by
    /// a thread of its own: the same document `glidepath report` makes,
    /// the plan attached as it would be saved.
    pub(super) fn export_report(&mut self, ctx: &egui::Context, path: PathBuf) {
        let Some(valid) = self.results.valid().cloned() else {
            self.fail(Failure::InvalidPlan);
            return;
        };
        let made = match crate::report::made_at() {
            Ok(made) => made,
            Err(e) => {
                self.fail(Failure::ReportDate(e));
                return;
            }
        };
        let mut saved = self.document.plan.clone();
        if let Some(plan_path) = &self.document.path {
            crate::store::relativize_history(&mut saved, plan_path);
        }
        let plan_file = match crate::store::plan_to_ron(&saved) {
            Ok(text) => text.into_bytes(),
            Err(e) => {
                self.fail(Failure::ReportPlan(e));
                return;
            }
        };
        let file_name = match self.document.path.as_deref().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => self.suggested_name("ron"),
        };
        let (sender, done) = channel();
        let wake = ctx.clone();
        let target = path.clone();
        let job = move || {
            let result = make_report(
                &valid,
                Provenance {
                    made,
                    file_name,
                    plan_file,
                },
                &target,
            );
            // The app may have closed meanwhile; nothing to tell then.
            if sender.send(result).is_ok() {
                wake.request_repaint();
            }
        };
        if self.runtime.inline {
            // The UI tests: made now, heard at the end of this frame.
            job();
            self.runtime.report_export = Some(ReportExport { path, done });
            return;
        }
        match std::thread::Builder::new()
            .name("client report".into())
            .spawn(job)
        {
            Ok(_) => {
                self.view.notice =
                    Some(format!("Making the client report for {}…", path.display()));
                self.runtime.report_export = Some(ReportExport { path, done });
            }
            Err(e) => self.fail(Failure::ReportThread(e)),
        }
    }

    /// Says how the client report went, once it has.
    pub(super) fn continue_report_export(&mut self) {
        let Some(export) = &self.runtime.report_export else {
            return;
        };
        let Ok(result) = export.done.try_recv() else {
            return;
        };
        let path = export.path.clone();
        self.runtime.report_export = None;
        match result {
            Ok(()) => {
                self.view.notice = Some(format!("Exported the client report to {}", path.display()))
            }
            Err(e) => self.fail(Failure::Report(e)),
        }
    }
}

/// Runs, draws and writes the client report (on the report's own thread).
fn make_report(plan: &ValidPlan, provenance: Provenance, path: &Path) -> Result<(), ReportError> {
    let history = match &plan.simulation.returns {
        Returns::History { file, .. } => Some(crate::store::history_file::read(Path::new(file))?),
        _ => None,
    };
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let mut runner = Runner::new(&mut workspace, &control).with_history(history.as_ref());
    let findings = gather(plan, &mut runner)?;
    let bytes = pdf(plan, &findings, &provenance)?;
    Ok(crate::store::write_bytes_atomically(path, false, &bytes)?)
}

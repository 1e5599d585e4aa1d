//! Exports from the app: the bands as CSV, and the fan chart as PNG (the
//! footer drawn under the chart, the window captured, the chart's part
//! cropped and written).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use super::{Dialog, GlidepathApp, png};
use crate::outcome::{Comparison, ScenarioOutcome};

/// A chart export under way.
pub struct PngExport {
    path: PathBuf,
    /// The chart and its footer on screen, once drawn.
    pub rect: Option<egui::Rect>,
    captured: Option<Receiver<Arc<egui::ColorImage>>>,
}

impl PngExport {
    /// An export to `path`, before anything is drawn.
    pub fn new(path: PathBuf) -> Self {
        PngExport {
            path,
            rect: None,
            captured: None,
        }
    }
}

impl GlidepathApp {
    pub(super) fn export_csv(&mut self, path: &Path) {
        let Some(outcome) = self.results.outcome(self.view.scenario) else {
            self.view.dialog = Some(Dialog::Error("There are no results to export yet.".into()));
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
            Err(e) => {
                self.view.dialog = Some(Dialog::Error(format!("Could not export the results: {e}")))
            }
        }
    }

    /// Writes the scenarios side by side as CSV, with the trust lines.
    pub(super) fn export_comparison(&mut self, path: &Path) {
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
        let Some(scenarios) = scenarios else {
            self.view.dialog = Some(Dialog::Error(
                "Not every scenario has results yet: try again in a moment.".into(),
            ));
            return;
        };
        let comparison = Comparison::new(plan.simulation.seed, scenarios);
        let text = crate::report::comparison_csv(plan, &comparison, &crate::report::today());
        match crate::store::write_bytes_atomically(path, false, text.as_bytes()) {
            Ok(()) => {
                self.view.notice = Some(format!("Exported the comparison to {}", path.display()))
            }
            Err(e) => {
                self.view.dialog = Some(Dialog::Error(format!(
                    "Could not export the comparison: {e}"
                )))
            }
        }
    }

    /// Moves a chart export along: once its footer is on screen, capture
    /// the window; once captured, write the chart's part.
    pub(super) fn continue_png_export(&mut self, ctx: &egui::Context) {
        let Some(export) = &mut self.runtime.png_export else {
            return;
        };
        let Some(rect) = export.rect else {
            return;
        };
        match &export.captured {
            None => {
                let (sender, receiver) = channel();
                let wake = ctx.clone();
                ctx.request_screenshot(move |image| {
                    // The app may have moved on (closed); nothing to do then.
                    if sender.send(image).is_ok() {
                        wake.request_repaint();
                    }
                });
                export.captured = Some(receiver);
            }
            Some(receiver) => {
                if let Ok(image) = receiver.try_recv() {
                    let path = export.path.clone();
                    self.runtime.png_export = None;
                    match png::save_region(&image, rect.expand(6.0), ctx.pixels_per_point(), &path)
                    {
                        Ok(()) => {
                            self.view.notice =
                                Some(format!("Exported the chart to {}", path.display()))
                        }
                        Err(e) => {
                            self.view.dialog =
                                Some(Dialog::Error(format!("Could not export the chart: {e}")))
                        }
                    }
                }
            }
        }
    }
}

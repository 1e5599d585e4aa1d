//! Carrying out commands, after the frame that gathered them: files,
//! undo, exports, view changes. The file dialog is asked here too.

use std::path::{Path, PathBuf};

use super::failure::Failure;
use super::{Command, Dialog, GlidepathApp, PathFor, ScenarioAction, Tab};
use crate::engine::SimulationError;
use crate::plan::{HistoryMode, Plan, Returns, validate};
use crate::store::{PlanFileError, parse_plan};

/// A file dialog that answers faster than this was never shown.
const NO_FILE_DIALOG: std::time::Duration = std::time::Duration::from_millis(150);

impl GlidepathApp {
    /// Carries out one command; `confirmed` once unsaved changes were
    /// saved or discarded.
    pub(super) fn run(&mut self, ctx: &egui::Context, command: Command, confirmed: bool) {
        if command.replaces_the_plan() && self.document.is_dirty() && !confirmed {
            self.view.dialog = Some(Dialog::UnsavedChanges { then: command });
            return;
        }
        match command {
            Command::New => self.view.dialog = Some(Dialog::NewPlan),
            Command::NewPlan { blank } => {
                let plan = if blank { Plan::blank() } else { Plan::sample() };
                self.replace_plan(plan, None);
            }
            Command::Open => {
                if let Some(path) = self.ask_path(PathFor::OpenPlan, None) {
                    // The changes were already confirmed for Open itself.
                    self.run(ctx, Command::OpenPath(path), true);
                }
            }
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenExample(i) => {
                if let Some((name, text)) = crate::store::EXAMPLES.get(i) {
                    match parse_plan(text, Path::new(name)) {
                        Ok(plan) => self.replace_plan(plan, None),
                        Err(e) => self.fail(Failure::Example(e)),
                    }
                }
            }
            Command::Save => {
                self.save_then(ctx, None);
            }
            Command::SaveAs => {
                if let Some(path) = self.ask_path(PathFor::SavePlan, None) {
                    self.save_to(&path);
                }
            }
            Command::SaveTo(path) => {
                self.save_to(&path);
            }
            Command::SaveThen(then) => self.save_then(ctx, Some(*then)),
            Command::IfSaved(then) => {
                if !self.document.is_dirty() {
                    self.run(ctx, *then, true);
                }
            }
            Command::Undo => self.document.undo(),
            Command::Redo => self.document.redo(),
            Command::ExportCsv => {
                if let Some(path) = self.ask_path(PathFor::ExportCsv, None) {
                    self.export_csv(&path);
                }
            }
            Command::ExportCsvTo(path) => self.export_csv(&path),
            Command::ExportComparison => {
                if let Some(path) = self.ask_path(PathFor::ExportComparison, None) {
                    self.export_comparison(&path);
                }
            }
            Command::ExportComparisonTo(path) => self.export_comparison(&path),
            Command::ExportPng => {
                if let Some(path) = self.ask_path(PathFor::ExportPng, None) {
                    self.run(ctx, Command::ExportPngTo(path), confirmed);
                }
            }
            Command::ExportPngTo(path) => self.export_png(&path),
            Command::ExportReport => {
                if let Some(path) = self.ask_path(PathFor::ExportReport, None) {
                    self.run(ctx, Command::ExportReportTo(path), confirmed);
                }
            }
            Command::ExportReportTo(path) => self.export_report(ctx, path),
            Command::ImportHistory => {
                if let Some(path) = self.ask_path(PathFor::ImportHistory, None) {
                    self.import_history(&path);
                }
            }
            Command::ImportHistoryFrom(path) => self.import_history(&path),
            Command::TogglePlanPanel => {
                self.preferences.hide_plan = !self.preferences.hide_plan;
            }
            Command::ShowShortcuts => self.view.dialog = Some(Dialog::Shortcuts),
            Command::About => self.view.dialog = Some(Dialog::About),
            Command::Quit => {
                self.view.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::ZoomIn => self.preferences.zoom_in(),
            Command::ZoomOut => self.preferences.zoom_out(),
            Command::ZoomReset => self.preferences.zoom = 1.0,
            Command::Theme(theme) => {
                self.preferences.theme = theme;
                ctx.set_theme(theme);
            }
            Command::Scenario(action) => self.scenario_action(action),
            Command::Apply(field, value) => {
                let index = self.view.scenario;
                let plan = &mut self.document.plan;
                if let Some(shown) = plan.scenario(index) {
                    let applied = validate(&shown)
                        .map_err(SimulationError::Invalid)
                        .and_then(|valid| field.set(&valid, value));
                    match applied {
                        Ok(valid) => plan.set_scenario(index, valid.into_plan()),
                        Err(e) => self.fail(Failure::Apply(e)),
                    }
                }
            }
            Command::BeforeTax { turn_on } => {
                if turn_on && self.document.plan.taxes.is_none() {
                    self.document.plan.taxes = Some(crate::plan::taxes::Taxes::default());
                }
                self.view.before_tax_offer = false;
            }
        }
        ctx.set_zoom_factor(self.preferences.zoom);
    }

    /// Shows `failure` in the error dialog.
    pub(super) fn fail(&mut self, failure: Failure) {
        self.view.dialog = Some(Dialog::Error(std::sync::Arc::new(failure)));
    }

    /// Selects, adds, deletes or promotes a scenario.
    fn scenario_action(&mut self, action: ScenarioAction) {
        let plan = &mut self.document.plan;
        match action {
            ScenarioAction::Select(index) => {
                self.view.scenario = index.min(plan.scenario_count() - 1);
            }
            ScenarioAction::Add => {
                let taken: Vec<String> = plan
                    .variants
                    .iter()
                    .map(|v| v.name.to_lowercase())
                    .collect();
                let name = (2..)
                    .map(|n| format!("Scenario {n}"))
                    .find(|n| !taken.contains(&n.to_lowercase()))
                    .unwrap_or_default();
                if let Some(index) = plan.add_variant(self.view.scenario, name) {
                    self.view.scenario = index;
                    self.preferences.tab = Tab::Compare;
                }
            }
            ScenarioAction::Delete(index) => {
                if let Some(name) = plan
                    .variants
                    .get(index.wrapping_sub(1))
                    .map(|v| v.name.clone())
                {
                    plan.remove_variant(index);
                    self.view.scenario = index - 1;
                    self.view.notice = Some(format!(
                        "Deleted the scenario \"{name}\" (Undo, Ctrl+Z, brings it back)"
                    ));
                }
            }
            ScenarioAction::MakeBase(index) => {
                plan.make_base(index);
                self.view.scenario = 0;
            }
        }
        if self.document.plan.scenario_count() == 1 && self.preferences.tab == Tab::Compare {
            self.preferences.tab = Tab::Balance;
        }
    }

    /// Makes `plan` the working plan of `path` (or of no file).
    fn replace_plan(&mut self, plan: Plan, path: Option<PathBuf>) {
        if let Some(path) = &path {
            self.preferences.remember_recent(path);
        }
        // A plan with variants opens on their comparison; one before tax
        // says so once and offers to turn its taxes on.
        self.view.scenario = 0;
        self.view.before_tax_offer = plan.taxes.is_none();
        if plan.scenario_count() > 1 {
            self.preferences.tab = Tab::Compare;
        }
        self.document.replace(plan, path);
    }

    fn open_path(&mut self, path: &Path) {
        match crate::store::open_plan(path) {
            Ok(plan) => {
                self.replace_plan(plan, Some(path.to_owned()));
                self.view.notice = None;
            }
            Err(e) => {
                let missing = matches!(&e, PlanFileError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound);
                let was_recent = self.preferences.recent_files.iter().any(|p| p == path);
                if missing && was_recent {
                    self.preferences.recent_files.retain(|p| p != path);
                    self.fail(Failure::Gone(path.to_owned()));
                } else {
                    self.fail(Failure::Open(e));
                }
            }
        }
    }

    /// Saves to the plan's file, or asks where; then, once saved, carries
    /// on with `then`.
    fn save_then(&mut self, ctx: &egui::Context, then: Option<Command>) {
        let path = match self.document.path.clone() {
            Some(path) => Some(path),
            None => self.ask_path(PathFor::SavePlan, then.clone()),
        };
        if let Some(path) = path
            && self.save_to(&path)
            && let Some(then) = then
        {
            self.run(ctx, then, true);
        }
    }

    /// Saves to `path`; `false` (and an error dialog) if it failed, with
    /// the plan still unsaved and the old file untouched.
    fn save_to(&mut self, path: &Path) -> bool {
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        match crate::store::save_plan(&path, &self.document.plan) {
            Ok(()) => {
                self.preferences.remember_recent(&path);
                if let Err(e) = self.document.saved_to(path) {
                    self.view.notice =
                        Some(format!("Saved, but the autosave could not be removed: {e}"));
                }
                true
            }
            Err(e) => {
                self.fail(Failure::Save(e));
                false
            }
        }
    }

    fn import_history(&mut self, path: &Path) {
        if !crate::store::is_file(path) {
            self.fail(Failure::NoSuchFile(path.to_owned()));
            return;
        }
        let path = crate::store::canonical(path);
        let returns = &mut self.document.plan.simulation.returns;
        let mode = returns.history_mode().unwrap_or(HistoryMode::Rolling);
        *returns = Returns::History {
            file: path.to_string_lossy().into_owned(),
            mode,
        };
    }

    /// The plan's own folder, else Glidepath in the user's documents.
    fn default_folder(&self) -> Option<PathBuf> {
        self.document
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .or_else(crate::store::default_plan_folder)
    }

    /// Asks the system's file dialog for a path; `None` when cancelled.
    /// Where no dialog can be shown (no desktop portal answers, so it
    /// returns at once), the path is asked for in the window instead, and
    /// `then` follows once what the path was for succeeded.
    fn ask_path(&mut self, purpose: PathFor, then: Option<Command>) -> Option<PathBuf> {
        let (kind, extension) = purpose.filter();
        let mut dialog = rfd::FileDialog::new().add_filter(kind, &[extension]);
        if let Some(folder) = self.default_folder() {
            // A folder that cannot be made only means the dialog opens elsewhere.
            if crate::store::ensure_folder(&folder).is_ok() {
                dialog = dialog.set_directory(folder);
            }
        }
        let asked_at = std::time::Instant::now();
        let picked = if purpose.saves() {
            dialog
                .set_file_name(self.suggested_name(extension))
                .save_file()
        } else {
            dialog.pick_file()
        };
        if picked.is_none() && asked_at.elapsed() < NO_FILE_DIALOG {
            let folder = self.default_folder().unwrap_or_default();
            let text = if purpose.saves() {
                folder.join(self.suggested_name(extension))
            } else {
                folder.join("")
            };
            self.view.dialog = Some(Dialog::AskPath {
                purpose,
                text: text.to_string_lossy().into_owned(),
                then: then.map(Box::new),
            });
        }
        picked
    }

    /// A file name from the plan's name, keeping it readable: only
    /// characters no file system objects to are kept.
    pub(super) fn suggested_name(&self, extension: &str) -> String {
        let stem: String = self
            .document
            .plan
            .name
            .chars()
            .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
            .collect();
        let stem = stem.trim().trim_matches('.');
        let stem = if stem.is_empty() { "Plan" } else { stem };
        format!("{stem}.{extension}")
    }
}

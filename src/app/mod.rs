//! The desktop app: the plan on the left, the outcome in the centre, the
//! engine on a background thread. It holds a plan, asks the engine for
//! results and draws them; the finance is all in the library.

mod charts;
mod command;
mod inputs;
pub mod money;
mod outcome_view;
mod plan_panel;
mod png;
pub mod theme;
mod undo;
mod worker;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, channel};

use egui::{Key, KeyboardShortcut, Modifiers, ThemePreference};
use serde::{Deserialize, Serialize};

pub use command::{Command, PathFor};
use outcome_view::OutcomeView;
pub use outcome_view::{DISCLAIMER, Tab};
use plan_panel::PlanPanel;
use worker::Worker;

use crate::files::{Autosave, Recovery};
use crate::outcome::Outcome;
use crate::plan::Plan;
use crate::validation::{Problem, problems};
use undo::UndoHistory;

/// Paths of the quick run while a slider is dragged.
const QUICK_PATHS: u32 = 2_000;
const PREFERENCES_KEY: &str = "glidepath-preferences";
const ZOOM_STEP: f32 = 1.15;
/// The working plan is autosaved this long after the last change.
const AUTOSAVE_AFTER_SECONDS: f64 = 3.0;
const MAX_RECENT_FILES: usize = 10;
/// A file dialog that answers faster than this was never shown.
const NO_FILE_DIALOG: std::time::Duration = std::time::Duration::from_millis(150);

/// What is remembered between sessions (not the plan).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: ThemePreference,
    pub zoom: f32,
    pub nominal: bool,
    pub tab: Tab,
    /// The last plan files opened or saved, newest first.
    pub recent_files: Vec<PathBuf>,
    /// Hidden to give a projector's chart the whole window.
    pub hide_plan: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: ThemePreference::System,
            zoom: 1.0,
            nominal: false,
            tab: Tab::Balance,
            recent_files: Vec::new(),
            hide_plan: false,
        }
    }
}

/// A question or message that waits for the user.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Something went wrong; the plan and files are as they were.
    Error(String),
    /// There are unsaved changes: save, discard or cancel `then`.
    UnsavedChanges { then: Command },
    /// No system file dialog could be shown: the path is typed here.
    AskPath { purpose: PathFor, text: String },
}

/// The file the plan belongs to, and the plan as last saved or opened.
#[derive(Clone, Debug)]
pub struct Document {
    pub path: Option<PathBuf>,
    pub saved: Plan,
}

/// A chart export under way: the footer is drawn, the window captured,
/// the chart's part cropped and written.
struct PngExport {
    path: PathBuf,
    /// The chart and its footer on screen, once drawn.
    rect: Option<egui::Rect>,
    captured: Option<Receiver<std::sync::Arc<egui::ColorImage>>>,
}

/// What the app starts with.
pub struct Startup {
    pub plan: Plan,
    pub path: Option<PathBuf>,
    pub notice: Option<String>,
    /// Where the working plan is autosaved; `None` turns autosave off.
    pub autosave: Option<Autosave>,
}

impl Startup {
    /// The sample plan, no file, no autosave: for tests and demos.
    pub fn sample() -> Self {
        Startup {
            plan: Plan::sample(),
            path: None,
            notice: None,
            autosave: None,
        }
    }

    /// From the command line: the plan at `path`, or what the last session
    /// left unsaved, or the sample plan.
    pub fn from_command_line(path: Option<&Path>) -> Self {
        let autosave = Autosave::in_data_folder();
        let mut startup = Startup {
            autosave: autosave.clone(),
            ..Startup::sample()
        };
        if let Some(path) = path {
            match crate::files::open_plan(path) {
                Ok(plan) => {
                    startup.plan = plan;
                    startup.path = Some(path.to_owned());
                }
                Err(e) => {
                    eprintln!("glidepath: {e}");
                    startup.notice = Some(format!(
                        "Could not open the plan: {e}. Showing the sample plan; the file was not changed."
                    ));
                }
            }
        }
        startup
    }
}

pub struct GlidepathApp {
    pub plan: Plan,
    pub document: Document,
    pub preferences: Preferences,
    /// The last valid results: kept on screen while a new run is under way
    /// or while the plan is invalid.
    pub outcome: Option<Outcome>,
    /// The problems of the current plan (empty when it is valid).
    pub problems: Vec<Problem>,
    /// A line for the user (a restored autosave, an export written).
    pub notice: Option<String>,
    /// Why the engine could not run the plan (a history file's problem).
    pub run_error: Option<String>,
    pub dialog: Option<Dialog>,
    history: UndoHistory<Plan>,
    autosave: Option<Autosave>,
    /// The plan last autosaved, and when the plan last changed.
    autosaved: Plan,
    changed_at: f64,
    panel: PlanPanel,
    worker: Worker,
    /// The plan last sent to the engine, and whether that was a quick run.
    submitted: Option<(Plan, bool)>,
    commands: Vec<Command>,
    png_export: Option<PngExport>,
    allow_close: bool,
    title: String,
}

impl GlidepathApp {
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let preferences: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFERENCES_KEY))
            .unwrap_or_default();
        let ctx = cc.egui_ctx.clone();
        // Zoom goes through our own commands, so menus show the shortcuts.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(preferences.theme);
        ctx.set_zoom_factor(preferences.zoom);
        let wake = ctx.clone();
        let mut app = GlidepathApp {
            document: Document {
                path: startup.path.clone(),
                saved: startup.plan.clone(),
            },
            history: UndoHistory::new(&startup.plan),
            autosaved: startup.plan.clone(),
            plan: startup.plan,
            preferences,
            outcome: None,
            problems: Vec::new(),
            notice: startup.notice,
            run_error: None,
            dialog: None,
            autosave: startup.autosave,
            changed_at: 0.0,
            panel: PlanPanel::default(),
            worker: Worker::new(move || wake.request_repaint()),
            submitted: None,
            commands: Vec::new(),
            png_export: None,
            allow_close: false,
            title: String::new(),
        };
        app.recover(startup.path.is_some());
        if let Some(path) = startup.path {
            app.remember_recent(&path);
        }
        app
    }

    /// Restores what a session that did not end cleanly left in the
    /// autosave. With a plan given on the command line, the autosave is
    /// kept aside instead of overwritten.
    fn recover(&mut self, opened_a_file: bool) {
        let Some(autosave) = self.autosave.clone() else {
            return;
        };
        match autosave.read() {
            Ok(None) => {}
            Ok(Some(_)) if opened_a_file => {
                let aside = autosave.path.with_extension("previous.ron");
                let kept = std::fs::rename(&autosave.path, &aside);
                self.notice = Some(match kept {
                    Ok(()) => format!(
                        "Unsaved work from your last session is kept in {}",
                        aside.display()
                    ),
                    Err(e) => format!(
                        "Unsaved work from your last session is in {} ({e})",
                        autosave.path.display()
                    ),
                });
            }
            Ok(Some(Recovery { source, plan })) => {
                let saved = source
                    .as_deref()
                    .and_then(|p| crate::files::open_plan(p).ok())
                    .unwrap_or_else(Plan::sample);
                self.document = Document {
                    path: source,
                    saved,
                };
                self.history = UndoHistory::new(&plan);
                self.autosaved = plan.clone();
                self.plan = plan;
                self.notice = Some("Restored the unsaved plan from your last session".to_owned());
            }
            Err(e) => {
                self.notice = Some(format!(
                    "Could not restore the last session's autosave: {e}"
                ));
            }
        }
    }

    /// Queues a command as a menu item or shortcut would (for tests and
    /// drivers); it runs at the end of the next frame.
    pub fn queue(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// True while the engine works on the newest plan.
    pub fn is_updating(&self) -> bool {
        self.worker.is_busy()
    }

    /// The plan differs from its file (or from how it was opened).
    pub fn is_dirty(&self) -> bool {
        self.plan != self.document.saved
    }

    fn document_name(&self) -> String {
        self.document
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(
                || self.plan.name.clone(),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    /// Sends the plan to the engine when it changed: a quick run while the
    /// pointer drags, the full run once it is let go.
    fn follow_the_plan(&mut self, dragging: bool) {
        if let Some(result) = self.worker.poll() {
            match result {
                Ok(outcome) => {
                    self.outcome = Some(outcome);
                    self.run_error = None;
                }
                Err(crate::SimulationError::Cancelled) => {}
                Err(e) => self.run_error = Some(e.to_string()),
            }
        }
        let changed = self.submitted.as_ref().is_none_or(|(p, _)| *p != self.plan);
        let quick_shown = self.submitted.as_ref().is_some_and(|(_, quick)| *quick);
        let drag_ended = quick_shown && !dragging;
        if !changed && !drag_ended {
            return;
        }
        self.problems = problems(&self.plan);
        let valid = self.problems.is_empty();
        let quick = valid && dragging && self.plan.simulation.paths > QUICK_PATHS;
        if valid {
            let mut run = self.plan.clone();
            if quick {
                run.simulation.paths = QUICK_PATHS;
            }
            self.worker.submit(run);
        }
        self.submitted = Some((self.plan.clone(), quick));
    }

    /// Writes the working plan a few seconds after the last change, and
    /// removes the autosave once the plan is saved.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let now = ctx.input(|i| i.time);
        if self.plan != self.autosaved {
            self.autosaved = self.plan.clone();
            self.changed_at = now;
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_AFTER_SECONDS));
            return;
        }
        if self.changed_at > 0.0 && now - self.changed_at >= AUTOSAVE_AFTER_SECONDS {
            self.changed_at = 0.0;
            let result = if self.is_dirty() {
                autosave
                    .write(&Recovery {
                        source: self.document.path.clone(),
                        plan: self.plan.clone(),
                    })
                    .map_err(|e| e.to_string())
            } else {
                autosave.clear().map_err(|e| e.to_string())
            };
            if let Err(e) = result {
                self.notice = Some(format!("Autosave failed: {e}"));
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let recent = &mut self.preferences.recent_files;
        recent.retain(|p| *p != path);
        recent.insert(0, path);
        recent.truncate(MAX_RECENT_FILES);
    }

    /// Makes `plan` the working plan of `path` (or of no file).
    fn replace_plan(&mut self, plan: Plan, path: Option<PathBuf>) {
        self.document = Document {
            path: path.clone(),
            saved: plan.clone(),
        };
        self.history = UndoHistory::new(&plan);
        self.plan = plan;
        if let Some(path) = path {
            self.remember_recent(&path);
        }
    }

    fn open_path(&mut self, path: &Path) {
        match crate::files::open_plan(path) {
            Ok(plan) => {
                self.replace_plan(plan, Some(path.to_owned()));
                self.notice = None;
            }
            Err(e) => {
                let missing = matches!(&e, crate::files::PlanFileError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound);
                let was_recent = self.preferences.recent_files.iter().any(|p| p == path);
                if missing && was_recent {
                    self.preferences.recent_files.retain(|p| p != path);
                    self.dialog = Some(Dialog::Error(format!(
                        "{} is no longer there; it was removed from the recent files.",
                        path.display()
                    )));
                } else {
                    self.dialog = Some(Dialog::Error(format!(
                        "Could not open the plan; nothing was changed.\n\n{e}"
                    )));
                }
            }
        }
    }

    /// Saves to `path`; `false` (and an error dialog) if it failed, with
    /// the plan still unsaved and the old file untouched.
    fn save_to(&mut self, path: &Path) -> bool {
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        match crate::files::save_plan(&path, &self.plan) {
            Ok(()) => {
                self.document = Document {
                    path: Some(path.clone()),
                    saved: self.plan.clone(),
                };
                self.remember_recent(&path);
                if let Some(autosave) = &self.autosave {
                    let _ = autosave.clear();
                }
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error(format!(
                    "The plan was not saved; the file on disk is as it was.\n\n{e}"
                )));
                false
            }
        }
    }

    /// The plan's own folder, else Glidepath in the user's documents.
    fn default_folder(&self) -> Option<PathBuf> {
        self.document
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .or_else(crate::files::default_plan_folder)
    }

    fn file_dialog(&self) -> rfd::FileDialog {
        let mut dialog = rfd::FileDialog::new();
        if let Some(folder) = self.default_folder() {
            let _ = std::fs::create_dir_all(&folder);
            dialog = dialog.set_directory(folder);
        }
        dialog
    }

    /// Asks the system's file dialog for a path; `None` when cancelled.
    /// Where no dialog can be shown (no desktop portal answers, so it
    /// returns at once), the path is asked for in the window instead.
    fn ask_path(&mut self, purpose: PathFor) -> Option<PathBuf> {
        let (kind, extension) = purpose.filter();
        let dialog = self.file_dialog().add_filter(kind, &[extension]);
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
            self.dialog = Some(Dialog::AskPath {
                purpose,
                text: text.to_string_lossy().into_owned(),
            });
        }
        picked
    }

    fn suggested_name(&self, extension: &str) -> String {
        let stem: String = self
            .plan
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == ' ' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{}.{extension}", stem.trim())
    }

    /// Carries out one command; `confirmed` once unsaved changes were
    /// saved or discarded.
    fn run(&mut self, ctx: &egui::Context, command: Command, confirmed: bool) {
        if command.replaces_the_plan() && self.is_dirty() && !confirmed {
            self.dialog = Some(Dialog::UnsavedChanges { then: command });
            return;
        }
        match command {
            Command::New => self.replace_plan(Plan::sample(), None),
            Command::Open => {
                if let Some(path) = self.ask_path(PathFor::OpenPlan) {
                    // The changes were already confirmed for Open itself.
                    self.run(ctx, Command::OpenPath(path), true);
                }
            }
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenExample(i) => {
                if let Some((name, text)) = crate::files::EXAMPLES.get(i) {
                    match crate::files::parse_plan(text, Path::new(name)) {
                        Ok(plan) => self.replace_plan(plan, None),
                        Err(e) => self.dialog = Some(Dialog::Error(e.to_string())),
                    }
                }
            }
            Command::Save => match self.document.path.clone() {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.run(ctx, Command::SaveAs, confirmed),
            },
            Command::SaveAs => {
                if let Some(path) = self.ask_path(PathFor::SavePlan) {
                    self.save_to(&path);
                }
            }
            Command::SaveTo(path) => {
                self.save_to(&path);
            }
            Command::Undo => {
                if let Some(plan) = self.history.undo(&self.plan) {
                    self.plan = plan;
                }
            }
            Command::Redo => {
                if let Some(plan) = self.history.redo(&self.plan) {
                    self.plan = plan;
                }
            }
            Command::ExportCsv => {
                if let Some(path) = self.ask_path(PathFor::ExportCsv) {
                    self.run(ctx, Command::ExportCsvTo(path), confirmed);
                }
            }
            Command::ExportCsvTo(path) => self.export_csv(&path),
            Command::ExportPng => {
                if let Some(path) = self.ask_path(PathFor::ExportPng) {
                    self.run(ctx, Command::ExportPngTo(path), confirmed);
                }
            }
            Command::ExportPngTo(path) => {
                if self.outcome.is_some() {
                    self.preferences.tab = Tab::Balance;
                    self.png_export = Some(PngExport {
                        path,
                        rect: None,
                        captured: None,
                    });
                    ctx.request_repaint();
                } else {
                    self.dialog = Some(Dialog::Error("There are no results to export yet.".into()));
                }
            }
            Command::ImportHistory => {
                if let Some(path) = self.ask_path(PathFor::ImportHistory) {
                    self.run(ctx, Command::ImportHistoryFrom(path), confirmed);
                }
            }
            Command::ImportHistoryFrom(path) => {
                if !path.is_file() {
                    self.dialog = Some(Dialog::Error(format!(
                        "{}: there is no such file.",
                        path.display()
                    )));
                } else {
                    let path = std::fs::canonicalize(&path).unwrap_or(path);
                    let mode = match &self.plan.simulation.returns {
                        crate::plan::Returns::History { mode, .. } => *mode,
                        crate::plan::Returns::MonteCarlo => crate::plan::HistoryMode::Rolling,
                    };
                    self.plan.simulation.returns = crate::plan::Returns::History {
                        file: path.to_string_lossy().into_owned(),
                        mode,
                    };
                }
            }
            Command::TogglePlanPanel => self.preferences.hide_plan = !self.preferences.hide_plan,
            Command::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::ZoomIn => self.preferences.zoom = (self.preferences.zoom * ZOOM_STEP).min(3.0),
            Command::ZoomOut => {
                self.preferences.zoom = (self.preferences.zoom / ZOOM_STEP).max(0.6)
            }
            Command::ZoomReset => self.preferences.zoom = 1.0,
            Command::Theme(theme) => {
                self.preferences.theme = theme;
                ctx.set_theme(theme);
            }
        }
        ctx.set_zoom_factor(self.preferences.zoom);
    }

    fn export_csv(&mut self, path: &Path) {
        let Some(outcome) = &self.outcome else {
            self.dialog = Some(Dialog::Error("There are no results to export yet.".into()));
            return;
        };
        let text = crate::export::bands_csv(&self.plan, outcome, &crate::export::today());
        let written = crate::files::write_bytes_atomically(path, false, text.as_bytes());
        match written {
            Ok(()) => self.notice = Some(format!("Exported the results to {}", path.display())),
            Err(e) => {
                self.dialog = Some(Dialog::Error(format!(
                    "Could not export the results: {}: {e}",
                    path.display()
                )))
            }
        }
    }

    /// Moves a chart export along: once its footer is on screen, capture
    /// the window; once captured, write the chart's part.
    fn continue_png_export(&mut self, ctx: &egui::Context) {
        let Some(export) = &mut self.png_export else {
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
                    let _ = sender.send(image);
                    wake.request_repaint();
                });
                export.captured = Some(receiver);
            }
            Some(receiver) => {
                if let Ok(image) = receiver.try_recv() {
                    let path = export.path.clone();
                    self.png_export = None;
                    match png::save_region(&image, rect.expand(6.0), ctx.pixels_per_point(), &path)
                    {
                        Ok(()) => {
                            self.notice = Some(format!("Exported the chart to {}", path.display()))
                        }
                        Err(e) => {
                            self.dialog =
                                Some(Dialog::Error(format!("Could not export the chart: {e}")))
                        }
                    }
                }
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let commands = &mut self.commands;
        let item =
            |ui: &mut egui::Ui, command: Command, enabled: bool, commands: &mut Vec<Command>| {
                let shortcut = command
                    .shortcut()
                    .map(|s| ui.ctx().format_shortcut(&s))
                    .unwrap_or_default();
                if ui
                    .add_enabled(
                        enabled,
                        egui::Button::new(command.label()).shortcut_text(shortcut),
                    )
                    .clicked()
                {
                    commands.push(command);
                }
            };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, Command::New, true, commands);
                item(ui, Command::Open, true, commands);
                ui.menu_button("Open example", |ui| {
                    for i in 0..crate::files::EXAMPLES.len() {
                        item(ui, Command::OpenExample(i), true, commands);
                    }
                });
                ui.menu_button("Open recent", |ui| {
                    if self.preferences.recent_files.is_empty() {
                        ui.weak("No recent files");
                    }
                    for path in &self.preferences.recent_files {
                        item(ui, Command::OpenPath(path.clone()), true, commands);
                    }
                });
                ui.separator();
                item(ui, Command::Save, true, commands);
                item(ui, Command::SaveAs, true, commands);
                ui.separator();
                let has_results = self.outcome.is_some();
                item(ui, Command::ExportCsv, has_results, commands);
                item(ui, Command::ExportPng, has_results, commands);
                ui.separator();
                item(ui, Command::Quit, true, commands);
            });
            ui.menu_button("Edit", |ui| {
                item(ui, Command::Undo, self.history.can_undo(), commands);
                item(ui, Command::Redo, self.history.can_redo(), commands);
            });
            ui.menu_button("View", |ui| {
                for command in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                    item(ui, command, true, commands);
                }
                let shortcut = Command::TogglePlanPanel
                    .shortcut()
                    .map(|s| ui.ctx().format_shortcut(&s))
                    .unwrap_or_default();
                let shown = !self.preferences.hide_plan;
                if ui
                    .add(
                        egui::Button::selectable(shown, Command::TogglePlanPanel.label())
                            .shortcut_text(shortcut),
                    )
                    .on_hover_text(
                        "Hide the plan to give the chart the whole window, for a projector",
                    )
                    .clicked()
                {
                    commands.push(Command::TogglePlanPanel);
                }
                ui.separator();
                ui.label("Theme");
                for theme in [
                    ThemePreference::System,
                    ThemePreference::Light,
                    ThemePreference::Dark,
                ] {
                    if ui
                        .radio(
                            self.preferences.theme == theme,
                            Command::Theme(theme).label(),
                        )
                        .clicked()
                    {
                        commands.push(Command::Theme(theme));
                    }
                }
            });
        });
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("glidepath dialog")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match dialog.clone() {
                Dialog::Error(message) => {
                    ui.heading("Something went wrong");
                    ui.label(message);
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
                Dialog::AskPath { purpose, mut text } => {
                    ui.heading(purpose.question());
                    ui.label("No file dialog is available here: type the file's path");
                    let label = ui.label("File");
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(420.0))
                        .labelled_by(label.id);
                    if ui.memory(|m| m.focused().is_none()) {
                        field.request_focus();
                    }
                    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    if let Some(Dialog::AskPath { text: kept, .. }) = &mut self.dialog {
                        kept.clone_from(&text);
                    }
                    ui.horizontal(|ui| {
                        if (ui.button("OK").clicked() || entered) && !text.trim().is_empty() {
                            close = true;
                            self.commands
                                .push(purpose.command(PathBuf::from(text.trim())));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::UnsavedChanges { then } => {
                    ui.heading(format!("Save the changes to {}?", self.document_name()));
                    ui.label("If you don't, they are lost.");
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            let saved = match self.document.path.clone() {
                                Some(path) => self.save_to(&path),
                                None => self
                                    .ask_path(PathFor::SavePlan)
                                    .is_some_and(|p| self.save_to(&p)),
                            };
                            if saved {
                                self.commands.push(then.clone());
                            }
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            self.plan = self.document.saved.clone();
                            self.commands.push(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
            }
        });
        if close && self.dialog.as_ref() == Some(&dialog) {
            self.dialog = None;
        }
    }
}

impl eframe::App for GlidepathApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Shortcuts, unless a text field has the keyboard (it has its own undo).
        let typing = ctx.memory(|m| m.focused().is_some());
        for command in Command::with_shortcuts() {
            let undo_like = matches!(command, Command::Undo | Command::Redo);
            if let Some(shortcut) = command.shortcut()
                && !(typing && undo_like)
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                self.commands.push(command);
            }
        }
        if !typing
            && ctx.input_mut(|i| {
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y))
            })
        {
            self.commands.push(Command::Redo);
        }
        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        });
        if let Some(path) = dropped {
            self.commands.push(Command::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges {
                then: Command::Quit,
            });
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        let mut shown = !self.preferences.hide_plan;
        egui::Panel::left("plan")
            .resizable(true)
            .default_size(400.0)
            .show_collapsible(ui, &mut shown, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    if let Some(notice) = &self.notice {
                        ui.colored_label(theme::of(ui.ctx()).error, notice);
                    }
                    self.panel.ui(
                        ui,
                        &mut self.plan,
                        &self.problems,
                        self.run_error.as_deref(),
                        &mut self.commands,
                    );
                });
            });
        let dragging = ctx.dragged_id().is_some();
        self.follow_the_plan(dragging);
        let exporting = self.png_export.is_some();
        egui::CentralPanel::default().show(ui, |ui| {
            let footer = exporting.then(|| {
                self.outcome
                    .as_ref()
                    .map(|o| crate::export::trust_lines(&self.plan, o, &crate::export::today()))
                    .unwrap_or_default()
            });
            let chart_rect = OutcomeView {
                outcome: self.outcome.as_ref(),
                plan: &self.plan,
                stale: !self.problems.is_empty() || self.run_error.is_some(),
                updating: self.worker.progress(),
                footer,
            }
            .ui(ui, &mut self.preferences.tab, &mut self.preferences.nominal);
            if let (Some(export), Some(rect)) = (&mut self.png_export, chart_rect) {
                export.rect = Some(rect);
            }
        });
        self.dialogs(&ctx);

        let in_use = ctx
            .dragged_id()
            .or_else(|| ctx.memory(|m| m.focused()))
            .map(|id| id.value());
        self.history.feed(&self.plan, in_use);
        for command in std::mem::take(&mut self.commands) {
            self.run(&ctx, command, false);
        }
        self.continue_png_export(&ctx);
        self.autosave(&ctx);
        let marker = if self.is_dirty() { "● " } else { "" };
        let file = match self.document.path.as_deref().and_then(Path::file_name) {
            Some(name) => format!(" ({})", name.to_string_lossy()),
            None => String::new(),
        };
        let title = format!("{marker}{}{file} — Glidepath", self.plan.name);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit: changes were saved or knowingly discarded.
        if let Some(autosave) = &self.autosave
            && let Err(e) = autosave.clear()
        {
            eprintln!("glidepath: could not remove the autosave: {e}");
        }
    }
}

/// Opens the window, with the plan at `path` if given.
pub fn run(path: Option<&Path>) -> ExitCode {
    let startup = Startup::from_command_line(path);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Glidepath")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Glidepath",
        options,
        Box::new(move |cc| Ok(Box::new(GlidepathApp::new(cc, startup)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("glidepath: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

//! The desktop app: the plan on the left, the outcome in the centre, the
//! engine on a background thread. It holds a plan, asks the engine for
//! results and draws them; the finance is all in the library.
//!
//! The app's state comes in four parts, kept apart: [`Preferences`]
//! (persisted between sessions), the document (plan, file,
//! undo, autosave), the results (outcomes, answers, problems), and the
//! runtime (the engine thread, the command queue, a chart export in
//! flight). A frame draws the panels, which queue [`Command`]s; the
//! commands run after the frame (`actions.rs`).

mod actions;
mod charts;
mod command;
mod dialogs;
mod document;
mod export;
mod failure;
mod inputs;
mod menu;
mod panels;
mod preferences;
mod results;
mod shown;
pub mod theme;
mod undo;
mod worker;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use command::{Command, PathFor, ScenarioAction};
pub use dialogs::Dialog;
pub use document::Startup;
pub use failure::Failure;
pub use panels::outcome::{DISCLAIMER, Tab};
pub use preferences::Preferences;

use document::Document;
use export::ReportExport;
use panels::outcome::OutcomePanel;
use panels::plan::{PanelContext, PlanPanel};
use panels::questions::OnScreen;
use panels::scenarios::ScenarioStrip;
use preferences::PREFERENCES_KEY;
use results::Results;
pub use results::RunError;
use shown::Shown;
use worker::Worker;

use crate::outcome::Outcome;
use crate::plan::{Plan, Problem};

/// What lives only while the app runs: the engine thread, the commands of
/// this frame, a chart export under way.
struct Runtime {
    worker: Worker,
    commands: Vec<Command>,
    report_export: Option<ReportExport>,
    /// Long work runs in the frame that asks for it (the UI tests).
    inline: bool,
}

/// The window's passing state: the panel's own state, a dialog, a notice.
#[derive(Default)]
struct View {
    panel: PlanPanel,
    /// The scenario shown and edited (0 is the base).
    scenario: usize,
    /// The questions asked on screen (solve, sweep).
    questions: panels::questions::Questions,
    dialog: Option<Dialog>,
    /// A line for the user (a restored autosave, an export written),
    /// shown over the window's corner; it never moves the form.
    notice: Option<String>,
    /// The notice on screen and when it appeared, so it can fade.
    notice_shown: Option<(String, f64)>,
    /// The plan opened is before tax (it has no taxes): say so once, and
    /// offer to turn them on, until answered or another plan opens.
    before_tax_offer: bool,
    /// The window title last sent.
    title: String,
    /// The user confirmed closing (changes saved or discarded).
    allow_close: bool,
}

/// The app; see the module docs.
pub struct GlidepathApp {
    preferences: Preferences,
    document: Document,
    results: Results,
    runtime: Runtime,
    view: View,
}

impl GlidepathApp {
    /// The app as eframe creates it, starting from `startup`.
    pub fn new(cc: &eframe::CreationContext<'_>, mut startup: Startup) -> Self {
        let preferences: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFERENCES_KEY))
            .unwrap_or_default();
        // Only a file asked for keeps the autosave aside; a reopened one
        // gives way to an unsaved session's work.
        let opened_a_file = startup.path.is_some();
        // Started without a file: the plan the user last had open, if it
        // still opens (an unsaved session's autosave still wins below).
        if startup.reopen_last
            && startup.path.is_none()
            && let Some(last) = preferences.recent_files.first()
            && let Ok(plan) = crate::store::open_plan(last)
        {
            startup.plan = plan;
            startup.path = Some(last.clone());
        }
        let ctx = cc.egui_ctx.clone();
        // Zoom goes through our own commands, so menus show the shortcuts.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(preferences.theme);
        ctx.set_zoom_factor(preferences.zoom);
        let wake = ctx.clone();
        let worker = if startup.inline {
            Worker::inline(move || wake.request_repaint())
        } else {
            Worker::new(move || wake.request_repaint())
        };
        let mut app = GlidepathApp {
            preferences,
            document: Document::new(startup.plan, startup.path.clone(), startup.autosave),
            results: Results::default(),
            runtime: Runtime {
                worker,
                commands: Vec::new(),
                report_export: None,
                inline: startup.inline,
            },
            view: View {
                notice: startup.notice,
                ..View::default()
            },
        };
        app.view.before_tax_offer = app.document.plan.taxes.is_none();
        if let Some(notice) = app.document.recover(opened_a_file) {
            app.view.notice = Some(notice);
        }
        if let Some(path) = startup.path {
            app.preferences.remember_recent(&path);
        }
        if app.document.plan.scenario_count() > 1 {
            app.preferences.tab = Tab::Compare;
        }
        app
    }

    /// Queues a command as a menu item or shortcut would (for tests and
    /// drivers); it runs at the end of the next frame.
    pub fn queue(&mut self, command: Command) {
        self.runtime.commands.push(command);
    }

    /// The working plan.
    pub fn plan(&self) -> &Plan {
        &self.document.plan
    }

    /// The file the plan belongs to, if any.
    pub fn file_path(&self) -> Option<&Path> {
        self.document.path.as_deref()
    }

    /// The results on screen (the last valid ones) of the scenario shown.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.results.outcome(self.view.scenario).map(|o| &**o)
    }

    /// The results of scenario `index` (0 is the base).
    pub fn scenario_outcome(&self, index: usize) -> Option<&Outcome> {
        self.results.outcome(index).map(|o| &**o)
    }

    /// The scenario shown and edited (0 is the base).
    pub fn shown_scenario(&self) -> usize {
        self.view.scenario
    }

    /// The problems of the working plan.
    pub fn problems(&self) -> &[Problem] {
        self.results.problems()
    }

    /// Why the engine could not run the plan, if it could not.
    pub fn run_error(&self) -> Option<&RunError> {
        self.results.run_error()
    }

    /// The dialog shown, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.view.dialog.as_ref()
    }

    /// Shows `dialog` (for tests and drivers).
    pub fn show_dialog(&mut self, dialog: Dialog) {
        self.view.dialog = Some(dialog);
    }

    /// The notice line shown, if any.
    pub fn notice(&self) -> Option<&str> {
        self.view.notice.as_deref()
    }

    /// The preferences.
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// True while the engine works on the newest plan.
    pub fn is_updating(&self) -> bool {
        self.runtime.worker.is_busy()
    }

    /// The plan differs from its file (or from how it was opened).
    pub fn is_dirty(&self) -> bool {
        self.document.is_dirty()
    }

    /// Shortcuts, dropped files and the window's close button, as commands.
    fn gather_input(&mut self, ctx: &egui::Context) {
        // Shortcuts, unless a text field has the keyboard (it has its own undo).
        let typing = ctx.memory(|m| m.focused().is_some());
        for command in Command::with_shortcuts() {
            let undo_like = matches!(command, Command::Undo | Command::Redo);
            if typing && undo_like {
                continue;
            }
            if command
                .shortcuts()
                .iter()
                .any(|s| ctx.input_mut(|i| i.consume_shortcut(s)))
            {
                self.runtime.commands.push(command);
            }
        }
        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        });
        if let Some(path) = dropped {
            self.runtime.commands.push(Command::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.view.allow_close
            && self.document.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.view.dialog = Some(Dialog::UnsavedChanges {
                then: Command::Quit,
            });
        }
    }

    /// The notice, over the window's bottom-left corner in a neutral
    /// colour: it never pushes the form down. It fades after a while or
    /// when closed.
    fn notice_over_the_corner(&mut self, ctx: &egui::Context) {
        const SHOWN_SECONDS: f64 = 12.0;
        let now = ctx.input(|i| i.time);
        let Some(text) = self.view.notice.clone() else {
            self.view.notice_shown = None;
            return;
        };
        let since = match &self.view.notice_shown {
            Some((shown, since)) if *shown == text => *since,
            _ => {
                self.view.notice_shown = Some((text.clone(), now));
                now
            }
        };
        let age = now - since;
        if age >= SHOWN_SECONDS {
            self.view.notice = None;
            return;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(SHOWN_SECONDS - age));
        egui::Area::new(egui::Id::unique("notice"))
            .anchor(egui::Align2::LEFT_BOTTOM, [12.0, -12.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(520.0);
                    ui.horizontal(|ui| {
                        ui.label(&text);
                        if ui.small_button("Close").clicked() {
                            self.view.notice = None;
                        }
                    });
                });
            });
    }

    /// The plan panel on the left (unless hidden for a projector); `true`
    /// when the plan was edited.
    fn plan_side(&mut self, ui: &mut egui::Ui, shown: &Shown) -> bool {
        let mut panel_shown = !self.preferences.hide_plan;
        let mut edited = false;
        // A width the user drags to, within bounds: no value or message can
        // widen it, and a width kept from a wider window is brought back.
        egui::Panel::left("plan")
            .resizable(true)
            .default_size(400.0)
            .size_range(PLAN_PANEL_WIDTH)
            .show_collapsible(ui, &mut panel_shown, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let index = shown.index;
                    self.view.scenario = index;
                    ScenarioStrip {
                        plan: &self.document.plan,
                        selected: index,
                    }
                    .ui(ui, &mut self.runtime.commands);
                    ui.separator();
                    // The panel edits the scenario shown, as a whole plan;
                    // a variant's edits become its patch on the base.
                    let mut edit = shown.plan.clone();
                    let problems = scenario_problems(self.results.problems(), index);
                    let context = PanelContext {
                        problems: &problems,
                        valid: self.results.valid_scenario(index),
                        run_error: self.results.run_error(),
                        base: (index > 0).then_some(&self.document.plan),
                    };
                    self.view
                        .panel
                        .ui(ui, &mut edit, &context, &mut self.runtime.commands);
                    if edit != shown.plan {
                        self.document.plan.set_scenario(index, edit);
                        edited = true;
                    }
                });
            });
        edited
    }

    /// The outcome in the centre.
    fn outcome_centre(&mut self, ui: &mut egui::Ui, shown: &Shown) {
        egui::CentralPanel::default().show(ui, |ui| {
            // Too short a window (a laptop, a projector's zoom): the outcome
            // keeps a readable height and scrolls rather than squeezing the
            // charts.
            // The Taxes tab stacks a chart over three tables: it needs more.
            let least = if self.preferences.tab == Tab::Taxes {
                MIN_TAXES_HEIGHT
            } else {
                MIN_OUTCOME_HEIGHT
            };
            if ui.available_height() < least {
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        ui.set_height(least);
                        self.outcome_body(ui, shown);
                    });
            } else {
                self.outcome_body(ui, shown);
            }
        });
    }

    /// The offer a plan before tax opens with, on one line above the cards.
    fn before_tax_offer(&mut self, ui: &mut egui::Ui) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("This plan has no taxes: every figure is before federal and state tax.");
                for turn_on in [true, false] {
                    let command = Command::BeforeTax { turn_on };
                    let hover = if turn_on {
                        "Model taxes with the 2026 law, traditional and Roth money and RMDs; Edit > Undo turns them off again"
                    } else {
                        "Keep every figure before tax; the Taxes section can turn them on later"
                    };
                    if ui.button(command.label()).on_hover_text(hover).clicked() {
                        self.runtime.commands.push(command);
                    }
                }
            });
        });
    }

    /// The outcome view in `ui`: cards, questions, tabs and charts.
    fn outcome_body(&mut self, ui: &mut egui::Ui, shown: &Shown) {
        // With the plan hidden (a projector), whose plan it is stays said.
        if self.preferences.hide_plan {
            let words = crate::report::client::plan_in_words(&shown.plan);
            ui.label(egui::RichText::new(format!("{}: {words}", shown.plan.name)).strong());
        }
        if self.view.before_tax_offer && self.document.plan.taxes.is_none() {
            self.before_tax_offer(ui);
        }
        OutcomePanel {
            results: &self.results,
            shown,
            updating: self.runtime.worker.progress(),
            preferences: &mut self.preferences,
            questions: &mut self.view.questions,
            commands: &mut self.runtime.commands,
        }
        .ui(ui);
    }

    /// The window title: the plan's name, its file, ● when unsaved.
    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.document.is_dirty() { "● " } else { "" };
        let file = match self.document.path.as_deref().and_then(Path::file_name) {
            Some(name) => format!(" ({})", name.to_string_lossy()),
            None => String::new(),
        };
        let title = format!("{marker}{}{file} — Glidepath", self.document.plan.name);
        if title != self.view.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.view.title = title;
        }
    }

    /// Autosaves when due; wakes the app when the next write is due, so a
    /// change left idle is saved without further input.
    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        match self.document.autosave(now) {
            Ok(Some(wait_seconds)) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait_seconds));
            }
            Ok(None) => {}
            Err(e) => self.view.notice = Some(format!("Autosave failed: {e}")),
        }
    }
}

impl eframe::App for GlidepathApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        inputs::forget_unreadable();
        self.gather_input(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        // What the screen shows, worked out once (again only if edited).
        let mut shown = Shown::of(&self.document.plan, self.view.scenario);
        if self.plan_side(ui, &shown) {
            shown = Shown::of(&self.document.plan, shown.index);
        }
        let dragging = ctx.dragged_id().is_some();
        let tab = self.preferences.tab;
        let asks = self.view.questions.asks(
            &shown.plan,
            OnScreen {
                cards: tab != Tab::Compare,
                sweep: tab == Tab::Sleeve,
                explain: tab == Tab::YearByYear,
                taxes: tab == Tab::Taxes,
            },
        );
        self.results.follow(
            &self.document.plan,
            shown.index,
            &asks,
            dragging,
            &mut self.runtime.worker,
        );
        self.outcome_centre(ui, &shown);
        self.notice_over_the_corner(&ctx);
        self.dialogs(&ctx);

        let in_use = ctx
            .dragged_id()
            .or_else(|| ctx.memory(|m| m.focused()))
            .map(|id| id.value());
        self.document.feed_undo(in_use);
        for command in std::mem::take(&mut self.runtime.commands) {
            self.run(&ctx, command, false);
        }
        self.continue_report_export();
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit: changes were saved or knowingly discarded.
        if let Err(e) = self.document.clear_autosave() {
            eprintln!("glidepath: could not remove the autosave: {e}");
        }
    }
}

/// The problems to show beside the inputs of scenario `index`: the base's
/// own for the base; for a variant, its own (named `variants[i].…`, shown
/// at the field they name) and the base's, which every scenario shares.
fn scenario_problems(problems: &[Problem], index: usize) -> Vec<Problem> {
    let prefix =
        (index > 0).then(|| format!("{}.", crate::plan::lever::path::variant(index - 1, None)));
    problems
        .iter()
        .filter_map(|p| match &prefix {
            None => (!p.field.starts_with("variants[")).then(|| p.clone()),
            Some(prefix) => match p.field.strip_prefix(prefix.as_str()) {
                Some(field) => Some(Problem {
                    field: field.to_owned(),
                    message: p.message.clone(),
                }),
                None => (!p.field.starts_with("variants[")).then(|| p.clone()),
            },
        })
        .collect()
}

/// The least height the outcome is laid out in; a shorter window scrolls.
const MIN_OUTCOME_HEIGHT: f32 = 720.0;

/// The plan panel's widths, in points: from the narrowest its rows read
/// in to a bit more than half a 1280-point window.
pub const PLAN_PANEL_WIDTH: std::ops::RangeInclusive<f32> = 300.0..=680.0;

/// The least height the Taxes tab is laid out in.
const MIN_TAXES_HEIGHT: f32 = 980.0;

/// The window's icon, embedded (`assets/glidepath.png`, also the desktop
/// entry's icon); an empty icon if it could not be decoded.
fn window_icon() -> egui::IconData {
    const PNG: &[u8] = include_bytes!("../../assets/glidepath.png");
    match image::load_from_memory_with_format(PNG, image::ImageFormat::Png) {
        Ok(icon) => {
            let rgba = icon.to_rgba8();
            egui::IconData {
                width: rgba.width(),
                height: rgba.height(),
                rgba: rgba.into_raw(),
            }
        }
        Err(_) => egui::IconData::default(),
    }
}

/// The app's id: its window class and the name of its data folder.
const APP_ID: &str = "glidepath";

/// Opens the window, with the plan at `path` if given.
pub fn run(path: Option<&Path>) -> ExitCode {
    // The data folder (preferences, the autosave) is the user's alone.
    if let Some(folder) = eframe::storage_dir(APP_ID)
        && let Err(e) = crate::store::keep_data_private(&folder)
    {
        eprintln!(
            "glidepath: cannot make {} owner-only: {e}",
            folder.display()
        );
    }
    let startup = Startup::from_command_line(path);
    if let Some(notice) = &startup.notice {
        eprintln!("glidepath: {notice}");
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Glidepath")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true)
            .with_app_id(APP_ID)
            .with_icon(window_icon()),
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_embedded_and_decodes() {
        let icon = super::window_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}

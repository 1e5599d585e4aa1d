//! The desktop app: the plan on the left, the outcome in the centre, the
//! engine on a background thread. It holds a plan, asks the engine for
//! results and draws them; the finance is all in the library.

mod charts;
mod inputs;
pub mod money;
mod outcome_view;
mod plan_panel;
pub mod theme;
mod worker;

use std::path::Path;
use std::process::ExitCode;

use egui::{Key, KeyboardShortcut, Modifiers, ThemePreference};
use serde::{Deserialize, Serialize};

use outcome_view::OutcomeView;
pub use outcome_view::{DISCLAIMER, Tab};
use plan_panel::PlanPanel;
use worker::Worker;

use crate::outcome::Outcome;
use crate::plan::Plan;
use crate::validation::{Problem, problems};

/// Paths of the quick run while a slider is dragged.
const QUICK_PATHS: u32 = 2_000;
const PREFERENCES_KEY: &str = "glidepath-preferences";
const ZOOM_STEP: f32 = 1.15;

/// What is remembered between sessions (not the plan).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: ThemePreference,
    pub zoom: f32,
    pub nominal: bool,
    pub tab: Tab,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: ThemePreference::System,
            zoom: 1.0,
            nominal: false,
            tab: Tab::Balance,
        }
    }
}

/// Every action of the menus and shortcuts, gathered during a frame and
/// carried out after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    NewPlan,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Theme(ThemePreference),
}

impl Command {
    pub fn label(self) -> &'static str {
        match self {
            Command::NewPlan => "New plan from the sample saver",
            Command::ZoomIn => "Presentation zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size",
            Command::Theme(ThemePreference::System) => "Follow the system",
            Command::Theme(ThemePreference::Light) => "Light",
            Command::Theme(ThemePreference::Dark) => "Dark",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Command::ZoomIn => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)),
            Command::ZoomOut => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus)),
            Command::ZoomReset => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0)),
            _ => None,
        }
    }

    const WITH_SHORTCUTS: [Command; 3] = [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset];
}

pub struct GlidepathApp {
    pub plan: Plan,
    pub preferences: Preferences,
    /// The last valid results: kept on screen while a new run is under way
    /// or while the plan is invalid.
    pub outcome: Option<Outcome>,
    /// The problems of the current plan (empty when it is valid).
    pub problems: Vec<Problem>,
    /// A message for the user (a file that could not be opened).
    pub notice: Option<String>,
    panel: PlanPanel,
    worker: Worker,
    /// The plan last sent to the engine, and whether that was a quick run.
    submitted: Option<(Plan, bool)>,
    commands: Vec<Command>,
    title: String,
}

impl GlidepathApp {
    pub fn new(cc: &eframe::CreationContext<'_>, plan: Plan, notice: Option<String>) -> Self {
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
        GlidepathApp {
            plan,
            preferences,
            outcome: None,
            problems: Vec::new(),
            notice,
            panel: PlanPanel::default(),
            worker: Worker::new(move || wake.request_repaint()),
            submitted: None,
            commands: Vec::new(),
            title: String::new(),
        }
    }

    /// True while the engine works on the newest plan.
    pub fn is_updating(&self) -> bool {
        self.worker.is_busy()
    }

    /// Sends the plan to the engine when it changed: a quick run while the
    /// pointer drags, the full run once it is let go.
    fn follow_the_plan(&mut self, dragging: bool) {
        if let Some(result) = self.worker.poll() {
            match result {
                Ok(outcome) => self.outcome = Some(outcome),
                Err(crate::SimulationError::Cancelled) => {}
                Err(e) => self.notice = Some(e.to_string()),
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

    fn run_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::NewPlan => self.plan = Plan::sample(),
                Command::ZoomIn => {
                    self.preferences.zoom = (self.preferences.zoom * ZOOM_STEP).min(3.0)
                }
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
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("Plan", |ui| {
                if ui.button(Command::NewPlan.label()).clicked() {
                    self.commands.push(Command::NewPlan);
                }
            });
            ui.menu_button("View", |ui| {
                for command in Command::WITH_SHORTCUTS {
                    let shortcut = command
                        .shortcut()
                        .map(|s| ui.ctx().format_shortcut(&s))
                        .unwrap_or_default();
                    if ui
                        .add(egui::Button::new(command.label()).shortcut_text(shortcut))
                        .clicked()
                    {
                        self.commands.push(command);
                    }
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
                        self.commands.push(Command::Theme(theme));
                    }
                }
            });
        });
    }
}

impl eframe::App for GlidepathApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        for command in Command::WITH_SHORTCUTS {
            if let Some(shortcut) = command.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                self.commands.push(command);
            }
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::left("plan")
            .resizable(true)
            .default_size(400.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    if let Some(notice) = &self.notice {
                        ui.colored_label(theme::of(ui.ctx()).error, notice);
                    }
                    self.panel.ui(ui, &mut self.plan, &self.problems);
                });
            });
        let dragging = ctx.dragged_id().is_some();
        self.follow_the_plan(dragging);
        egui::CentralPanel::default().show(ui, |ui| {
            OutcomeView {
                outcome: self.outcome.as_ref(),
                plan: &self.plan,
                stale: !self.problems.is_empty(),
                updating: self.worker.progress(),
            }
            .ui(ui, &mut self.preferences.tab, &mut self.preferences.nominal);
        });
        self.run_commands(&ctx);
        let title = format!("{} — Glidepath", self.plan.name);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }
}

/// Opens the window, with the plan at `path` if given.
pub fn run(path: Option<&Path>) -> ExitCode {
    let (plan, notice) = match path {
        None => (Plan::sample(), None),
        Some(path) => match crate::files::read_plan(path) {
            Ok(plan) => (plan, None),
            Err(e) => {
                eprintln!("glidepath: {e}");
                (
                    Plan::sample(),
                    Some(format!(
                        "Could not open the plan: {e}. Showing the sample plan; the file was not changed."
                    )),
                )
            }
        },
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Glidepath")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Glidepath",
        options,
        Box::new(move |cc| Ok(Box::new(GlidepathApp::new(cc, plan, notice)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("glidepath: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

//! The app's actions: one command for every menu item and shortcut,
//! gathered during a frame and carried out after it, so menus and
//! shortcuts share their labels and their code.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers, ThemePreference};

/// Every action of the menus and shortcuts, gathered during a frame and
/// carried out after it. Menus and shortcuts share its labels.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // each command's label says what it does
pub enum Command {
    New,
    /// Start afresh once New was confirmed: blank (the defaults) or the sample.
    NewPlan {
        /// The defaults rather than the sample saver.
        blank: bool,
    },
    Open,
    OpenPath(PathBuf),
    OpenExample(usize),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    /// Save (asking where if the plan has no file), then carry on with the
    /// command that asked, once the plan is saved.
    SaveThen(Box<Command>),
    /// Carry on with a command once a save asked in the window succeeded.
    IfSaved(Box<Command>),
    Undo,
    Redo,
    ExportCsv,
    ExportCsvTo(PathBuf),
    ExportPng,
    ExportPngTo(PathBuf),
    ExportComparison,
    ExportComparisonTo(PathBuf),
    ExportReport,
    ExportReportTo(PathBuf),
    ImportHistory,
    ImportHistoryFrom(PathBuf),
    TogglePlanPanel,
    /// Help → the keyboard shortcuts.
    ShowShortcuts,
    /// Help → what Glidepath is, its version, where its docs are.
    About,
    Quit,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Theme(ThemePreference),
    /// Something done to the plan's scenarios.
    Scenario(ScenarioAction),
    /// Write a solve's answer into the scenario shown (one undo step).
    Apply(crate::engine::questions::Field, f64),
    /// Answer the offer a plan before tax opens with: turn its taxes on
    /// (one undo step), or keep it before tax.
    BeforeTax {
        /// Turn the taxes on.
        turn_on: bool,
    },
}

/// What the scenario strip asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScenarioAction {
    /// Show and edit scenario `i` (0 is the base).
    Select(usize),
    /// Add a variant copying the scenario shown.
    Add,
    /// Remove variant `i`.
    Delete(usize),
    /// Make variant `i` the base.
    MakeBase(usize),
}

impl Command {
    /// The words of its menu item.
    pub fn label(&self) -> String {
        match self {
            Command::New => "New".into(),
            Command::NewPlan { blank: true } => "A blank plan".into(),
            Command::NewPlan { blank: false } => "The sample plan".into(),
            Command::Open => "Open…".into(),
            Command::OpenPath(path) => path.display().to_string(),
            Command::OpenExample(i) => crate::store::example_names()
                .get(*i)
                .cloned()
                .unwrap_or_default(),
            Command::Save | Command::SaveTo(_) | Command::SaveThen(_) | Command::IfSaved(_) => {
                "Save".into()
            }
            Command::SaveAs => "Save As…".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::ExportCsv | Command::ExportCsvTo(_) => "Results as CSV…".into(),
            Command::ExportPng | Command::ExportPngTo(_) => "This tab's chart as PNG…".into(),
            Command::ExportReport | Command::ExportReportTo(_) => "Client report (PDF)…".into(),
            Command::ExportComparison | Command::ExportComparisonTo(_) => {
                "The comparison as CSV…".into()
            }
            Command::ImportHistory | Command::ImportHistoryFrom(_) => {
                "Import a return history…".into()
            }
            Command::TogglePlanPanel => "Show the plan".into(),
            Command::ShowShortcuts => "Keyboard shortcuts".into(),
            Command::About => "About Glidepath".into(),
            Command::Quit => "Quit".into(),
            Command::ZoomIn => "Presentation zoom in".into(),
            Command::ZoomOut => "Zoom out".into(),
            Command::ZoomReset => "Actual size".into(),
            Command::Theme(ThemePreference::System) => "Follow the system".into(),
            Command::Theme(ThemePreference::Light) => "Light".into(),
            Command::Theme(ThemePreference::Dark) => "Dark".into(),
            Command::Scenario(ScenarioAction::Select(_)) => "Show scenario".into(),
            Command::Scenario(ScenarioAction::Add) => "Add scenario".into(),
            Command::Scenario(ScenarioAction::Delete(_)) => "Delete scenario".into(),
            Command::Scenario(ScenarioAction::MakeBase(_)) => "Make this the base".into(),
            Command::Apply(..) => "Apply".into(),
            Command::BeforeTax { turn_on: true } => "Turn taxes on".into(),
            Command::BeforeTax { turn_on: false } => "Keep it before tax".into(),
        }
    }

    /// Its shortcuts, the one menus show first.
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let key = |modifiers, key| vec![KeyboardShortcut::new(modifiers, key)];
        match self {
            Command::New => key(ctrl, Key::N),
            Command::Open => key(ctrl, Key::O),
            Command::Save => key(ctrl, Key::S),
            Command::SaveAs => key(ctrl_shift, Key::S),
            Command::Undo => key(ctrl, Key::Z),
            Command::Redo => vec![
                KeyboardShortcut::new(ctrl_shift, Key::Z),
                KeyboardShortcut::new(ctrl, Key::Y),
            ],
            Command::Quit => key(ctrl, Key::Q),
            Command::ZoomIn => key(ctrl, Key::Equals),
            Command::ZoomOut => key(ctrl, Key::Minus),
            Command::ZoomReset => key(ctrl, Key::Num0),
            Command::TogglePlanPanel => key(ctrl, Key::B),
            Command::ShowShortcuts => vec![KeyboardShortcut::new(Modifiers::NONE, Key::F1)],
            _ => Vec::new(),
        }
    }

    /// The shortcut a menu shows beside it.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Commands that replace the plan or end the session: they ask first
    /// when there are unsaved changes.
    pub(super) fn replaces_the_plan(&self) -> bool {
        matches!(
            self,
            Command::New
                | Command::Open
                | Command::OpenPath(_)
                | Command::OpenExample(_)
                | Command::Quit
        )
    }

    /// Checked in this order, so Ctrl+Shift+S is not taken for Ctrl+S.
    pub(super) fn with_shortcuts() -> [Command; 12] {
        [
            Command::SaveAs,
            Command::Redo,
            Command::New,
            Command::Open,
            Command::Save,
            Command::Undo,
            Command::Quit,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
            Command::TogglePlanPanel,
            Command::ShowShortcuts,
        ]
    }
}

/// What a file path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // each purpose's question says it
pub enum PathFor {
    OpenPlan,
    SavePlan,
    ExportCsv,
    ExportComparison,
    ExportPng,
    ExportReport,
    ImportHistory,
}

impl PathFor {
    /// The file dialog's filter: a kind of file and its extension.
    pub(super) fn filter(self) -> (&'static str, &'static str) {
        match self {
            PathFor::OpenPlan | PathFor::SavePlan => ("Glidepath plan", "ron"),
            PathFor::ExportCsv | PathFor::ExportComparison => ("CSV", "csv"),
            PathFor::ExportPng => ("PNG image", "png"),
            PathFor::ExportReport => ("PDF document", "pdf"),
            PathFor::ImportHistory => ("Return history (CSV)", "csv"),
        }
    }

    pub(super) fn saves(self) -> bool {
        matches!(
            self,
            PathFor::SavePlan
                | PathFor::ExportCsv
                | PathFor::ExportComparison
                | PathFor::ExportPng
                | PathFor::ExportReport
        )
    }

    pub(super) fn question(self) -> &'static str {
        match self {
            PathFor::OpenPlan => "Open which plan file?",
            PathFor::SavePlan => "Save the plan as",
            PathFor::ExportCsv => "Export the results (CSV) to",
            PathFor::ExportComparison => "Export the comparison (CSV) to",
            PathFor::ExportPng => "Export the chart (PNG) to",
            PathFor::ExportReport => "Export the client report (PDF) to",
            PathFor::ImportHistory => "Import which return history (CSV)?",
        }
    }

    /// The command that acts on the chosen path.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            PathFor::OpenPlan => Command::OpenPath(path),
            PathFor::SavePlan => Command::SaveTo(path),
            PathFor::ExportCsv => Command::ExportCsvTo(path),
            PathFor::ExportComparison => Command::ExportComparisonTo(path),
            PathFor::ExportPng => Command::ExportPngTo(path),
            PathFor::ExportReport => Command::ExportReportTo(path),
            PathFor::ImportHistory => Command::ImportHistoryFrom(path),
        }
    }
}

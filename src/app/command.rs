//! The app's actions: one command for every menu item and shortcut,
//! gathered during a frame and carried out after it, so menus and
//! shortcuts share their labels and their code.

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, ThemePreference};

/// Every action of the menus and shortcuts, gathered during a frame and
/// carried out after it. Menus and shortcuts share its labels.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    OpenExample(usize),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    Undo,
    Redo,
    ExportCsv,
    ExportCsvTo(PathBuf),
    ExportPng,
    ExportPngTo(PathBuf),
    ImportHistory,
    ImportHistoryFrom(PathBuf),
    TogglePlanPanel,
    Quit,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Theme(ThemePreference),
}

impl Command {
    pub fn label(&self) -> String {
        match self {
            Command::New => "New".into(),
            Command::Open => "Open…".into(),
            Command::OpenPath(path) => path.display().to_string(),
            Command::OpenExample(i) => crate::files::EXAMPLES
                .get(*i)
                .and_then(|(name, text)| crate::files::parse_plan(text, Path::new(name)).ok())
                .map_or_else(String::new, |plan| plan.name),
            Command::Save | Command::SaveTo(_) => "Save".into(),
            Command::SaveAs => "Save As…".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::ExportCsv | Command::ExportCsvTo(_) => "Export results as CSV…".into(),
            Command::ExportPng | Command::ExportPngTo(_) => "Export chart as PNG…".into(),
            Command::ImportHistory | Command::ImportHistoryFrom(_) => {
                "Import a return history…".into()
            }
            Command::TogglePlanPanel => "Show the plan".into(),
            Command::Quit => "Quit".into(),
            Command::ZoomIn => "Presentation zoom in".into(),
            Command::ZoomOut => "Zoom out".into(),
            Command::ZoomReset => "Actual size".into(),
            Command::Theme(ThemePreference::System) => "Follow the system".into(),
            Command::Theme(ThemePreference::Light) => "Light".into(),
            Command::Theme(ThemePreference::Dark) => "Dark".into(),
        }
    }

    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        Some(match self {
            Command::New => KeyboardShortcut::new(ctrl, Key::N),
            Command::Open => KeyboardShortcut::new(ctrl, Key::O),
            Command::Save => KeyboardShortcut::new(ctrl, Key::S),
            Command::SaveAs => KeyboardShortcut::new(ctrl_shift, Key::S),
            Command::Undo => KeyboardShortcut::new(ctrl, Key::Z),
            Command::Redo => KeyboardShortcut::new(ctrl_shift, Key::Z),
            Command::Quit => KeyboardShortcut::new(ctrl, Key::Q),
            Command::ZoomIn => KeyboardShortcut::new(ctrl, Key::Equals),
            Command::ZoomOut => KeyboardShortcut::new(ctrl, Key::Minus),
            Command::ZoomReset => KeyboardShortcut::new(ctrl, Key::Num0),
            Command::TogglePlanPanel => KeyboardShortcut::new(ctrl, Key::B),
            _ => return None,
        })
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
            Command::Redo,
        ]
    }
}

/// What a file path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathFor {
    OpenPlan,
    SavePlan,
    ExportCsv,
    ExportPng,
    ImportHistory,
}

impl PathFor {
    /// The file dialog's filter: a kind of file and its extension.
    pub(super) fn filter(self) -> (&'static str, &'static str) {
        match self {
            PathFor::OpenPlan | PathFor::SavePlan => ("Glidepath plan", "ron"),
            PathFor::ExportCsv => ("CSV", "csv"),
            PathFor::ExportPng => ("PNG image", "png"),
            PathFor::ImportHistory => ("Return history (CSV)", "csv"),
        }
    }

    pub(super) fn saves(self) -> bool {
        matches!(
            self,
            PathFor::SavePlan | PathFor::ExportCsv | PathFor::ExportPng
        )
    }

    pub(super) fn question(self) -> &'static str {
        match self {
            PathFor::OpenPlan => "Open which plan file?",
            PathFor::SavePlan => "Save the plan as",
            PathFor::ExportCsv => "Export the results (CSV) to",
            PathFor::ExportPng => "Export the chart (PNG) to",
            PathFor::ImportHistory => "Import which return history (CSV)?",
        }
    }

    /// The command that acts on the chosen path.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            PathFor::OpenPlan => Command::OpenPath(path),
            PathFor::SavePlan => Command::SaveTo(path),
            PathFor::ExportCsv => Command::ExportCsvTo(path),
            PathFor::ExportPng => Command::ExportPngTo(path),
            PathFor::ImportHistory => Command::ImportHistoryFrom(path),
        }
    }
}

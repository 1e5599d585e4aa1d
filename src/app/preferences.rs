//! What is remembered between sessions: theme, zoom, the tab shown, the
//! recent files. Never the plan, which lives in its file and the autosave.

use std::path::{Path, PathBuf};

use egui::ThemePreference;
use serde::{Deserialize, Serialize};

use super::panels::outcome::Tab;

/// The key preferences are stored under in eframe's storage.
pub const PREFERENCES_KEY: &str = "glidepath-preferences";
/// How many recent files are listed.
const MAX_RECENT_FILES: usize = 10;
/// One presentation zoom step.
pub const ZOOM_STEP: f32 = 1.15;

/// What is remembered between sessions (not the plan).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Light, dark or the system's.
    pub theme: ThemePreference,
    /// The presentation zoom factor.
    pub zoom: f32,
    /// Show future (nominal) dollars instead of today's.
    pub nominal: bool,
    /// The outcome tab shown.
    pub tab: Tab,
    /// The last plan files opened or saved, newest first.
    pub recent_files: Vec<PathBuf>,
    /// Hidden to give a projector's chart the whole window.
    pub hide_plan: bool,
    /// The charts' legends shown.
    pub legends: bool,
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
            legends: true,
        }
    }
}

impl Preferences {
    /// Puts `path` (resolved) first among the recent files.
    pub fn remember_recent(&mut self, path: &Path) {
        let path = crate::store::canonical(path);
        self.recent_files.retain(|p| *p != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT_FILES);
    }

    /// One step larger, up to 3×.
    pub fn zoom_in(&mut self) {
        self.zoom = (self.zoom * ZOOM_STEP).min(3.0);
    }

    /// One step smaller, down to 0.6×.
    pub fn zoom_out(&mut self) {
        self.zoom = (self.zoom / ZOOM_STEP).max(0.6);
    }
}

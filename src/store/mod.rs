//! The store: the only code that touches the file system. Plan files
//! (RON, atomic saves with a backup, owner-only), the autosave, return
//! history files, exports, and the folders they live in.

pub mod atomic;
pub mod autosave;
pub mod history_file;
pub mod plan_file;

use std::path::{Path, PathBuf};

pub use atomic::{write_atomically, write_bytes_atomically};
pub use autosave::{Autosave, Recovery};
pub use plan_file::{
    EXAMPLES, PlanFileError, SaveError, absolutize_history, example_names, open_plan, parse_plan,
    plan_to_ron, read_plan, relativize_history, save_plan,
};

/// The folder plans are saved in by default: Glidepath in the user's
/// documents folder (created on first save).
pub fn default_plan_folder() -> Option<PathBuf> {
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(|p| p.join("Glidepath")))
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join("Glidepath")))
}

/// The path with every link and `..` resolved, or as given when it cannot be.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Whether `path` is an existing regular file (links followed).
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// Creates `folder` and its parents if they are missing.
pub fn ensure_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)
}

/// When the file at `path` was last modified, if that can be known.
pub fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

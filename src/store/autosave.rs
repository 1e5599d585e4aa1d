//! Autosave: the working plan written a few seconds after each change and
//! restored after a crash.

use std::path::PathBuf;

use serde::Deserialize;

use super::atomic::write_bytes_atomically;
use super::plan_file::{PlanFileError, SaveError};
use crate::plan::Plan;

/// The working plan, saved every few seconds so a crash loses nothing.
#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// The file the plan came from, if it has one.
    pub source: Option<PathBuf>,
    /// The working plan.
    pub plan: Plan,
}

/// Where the working plan is autosaved.
#[derive(Clone, Debug)]
pub struct Autosave {
    /// The autosave file.
    pub path: PathBuf,
}

impl Autosave {
    /// The autosave file in the user's data folder for Glidepath.
    pub fn in_data_folder() -> Option<Self> {
        let dirs = directories::ProjectDirs::from("", "", "Glidepath")?;
        Some(Autosave {
            path: dirs.data_dir().join("autosave.ron"),
        })
    }

    /// Writes the working plan, atomically.
    pub fn write(&self, recovery: &Recovery) -> Result<(), SaveError> {
        let text = ron::ser::to_string_pretty(recovery, ron::ser::PrettyConfig::new())
            .map_err(|e| SaveError::Format(e.to_string()))?;
        if let Some(folder) = self.path.parent() {
            super::atomic::create_private_folder(folder).map_err(|source| SaveError::Folder {
                path: folder.to_owned(),
                source,
            })?;
        }
        Ok(write_bytes_atomically(&self.path, false, text.as_bytes())?)
    }

    /// The plan left by a session that did not end cleanly, if any. An
    /// unreadable autosave is reported, never silently dropped.
    /// It is read as a plan file is: a regular file of at most
    /// [`super::MAX_PLAN_BYTES`], opened without blocking.
    pub fn read(&self) -> Result<Option<Recovery>, PlanFileError> {
        let bytes = match super::read_capped(&self.path, super::MAX_PLAN_BYTES) {
            Ok(bytes) => bytes,
            Err(super::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(super::ReadError::Io(source)) => {
                return Err(PlanFileError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
            Err(reason) => {
                return Err(PlanFileError::NotAPlanFile {
                    path: self.path.clone(),
                    reason,
                });
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        ron::from_str(&text)
            .map(Some)
            .map_err(|e| PlanFileError::syntax(&self.path, &e))
    }

    /// Moves the autosave aside to `autosave.previous.ron`, where a plan
    /// opened from the command line would otherwise overwrite it; the
    /// path it was kept at.
    pub fn keep_aside(&self) -> std::io::Result<PathBuf> {
        let aside = self.path.with_extension("previous.ron");
        std::fs::rename(&self.path, &aside)?;
        Ok(aside)
    }

    /// Called when the session ends cleanly or the plan is saved.
    pub fn clear(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

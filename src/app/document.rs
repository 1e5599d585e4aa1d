//! The document: the working plan, the file it belongs to, the plan as
//! last saved, its undo history and its autosave.

use std::path::{Path, PathBuf};

use super::undo::UndoHistory;
use crate::plan::Plan;
use crate::store::{Autosave, Recovery, SaveError};

/// The working plan is autosaved this long after the last change.
pub const AUTOSAVE_AFTER_SECONDS: f64 = 3.0;

/// Why the autosave could not keep up with the plan.
#[derive(Debug, thiserror::Error)]
pub enum AutosaveError {
    /// The working plan could not be written to the autosave.
    #[error("{0}")]
    Write(#[from] SaveError),
    /// The autosave of a plan now saved could not be removed.
    #[error("{0}")]
    Clear(#[from] std::io::Error),
}

/// What the app starts with.
pub struct Startup {
    /// The plan to show.
    pub plan: Plan,
    /// Its file, if it has one.
    pub path: Option<PathBuf>,
    /// A line to show first (a file that could not be opened).
    pub notice: Option<String>,
    /// Where the working plan is autosaved; `None` turns autosave off.
    pub autosave: Option<Autosave>,
    /// With no file given: reopen the last plan the user had open.
    pub reopen_last: bool,
    /// Run the engine and the client report in the frame that asks, not
    /// on threads of their own: for tests, whose answers then come without
    /// waiting.
    pub inline: bool,
}

impl Startup {
    /// The sample plan, no file, no autosave: for tests and demos.
    pub fn sample() -> Self {
        Startup {
            plan: Plan::sample(),
            path: None,
            notice: None,
            autosave: None,
            reopen_last: false,
            inline: false,
        }
    }

    /// From the command line: the plan at `path`, or what the last session
    /// left unsaved, or the sample plan.
    pub fn from_command_line(path: Option<&Path>) -> Self {
        let mut startup = Startup {
            autosave: Autosave::in_data_folder(),
            reopen_last: path.is_none(),
            ..Startup::sample()
        };
        if let Some(path) = path {
            match crate::store::open_plan(path) {
                Ok(plan) => {
                    startup.plan = plan;
                    startup.path = Some(path.to_owned());
                }
                Err(e) => {
                    startup.notice = Some(format!(
                        "Could not open the plan: {e}. Showing the sample plan; the file was not changed."
                    ));
                }
            }
        }
        startup
    }
}

/// The working plan and everything that belongs to it.
pub struct Document {
    /// The plan being edited.
    pub plan: Plan,
    /// The file it belongs to, if any.
    pub path: Option<PathBuf>,
    /// The plan as last saved or opened: the plan is dirty when it differs.
    saved: Plan,
    undo: UndoHistory<Plan>,
    autosave: Option<Autosave>,
    /// The plan last seen by the autosave clock, and when it last changed.
    autosaved: Plan,
    changed_at: f64,
}

impl Document {
    /// A document of `plan` at `path`, autosaved to `autosave` if given.
    pub fn new(plan: Plan, path: Option<PathBuf>, autosave: Option<Autosave>) -> Self {
        Document {
            saved: plan.clone(),
            undo: UndoHistory::new(&plan),
            autosaved: plan.clone(),
            plan,
            path,
            autosave,
            changed_at: 0.0,
        }
    }

    /// The plan differs from its file (or from how it was opened).
    pub fn is_dirty(&self) -> bool {
        self.plan != self.saved
    }

    /// The file's name, or the plan's name for a plan without a file.
    pub fn name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || self.plan.name.clone(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Makes `plan` the working plan of `path` (or of no file), with a
    /// fresh undo history.
    pub fn replace(&mut self, plan: Plan, path: Option<PathBuf>) {
        self.saved = plan.clone();
        self.undo = UndoHistory::new(&plan);
        self.plan = plan;
        self.path = path;
    }

    /// The plan was written to `path`: it is clean there now.
    pub fn saved_to(&mut self, path: PathBuf) -> Result<(), AutosaveError> {
        self.saved = self.plan.clone();
        self.path = Some(path);
        match &self.autosave {
            Some(autosave) => Ok(autosave.clear()?),
            None => Ok(()),
        }
    }

    /// Puts back the plan as last saved.
    pub fn discard_changes(&mut self) {
        self.plan = self.saved.clone();
    }

    /// Records this frame's plan for undo; `in_use` names the widget being
    /// dragged or typed in, whose edits join one step.
    pub fn feed_undo(&mut self, in_use: Option<u64>) {
        self.undo.feed(&self.plan, in_use);
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    /// Steps back one edit.
    pub fn undo(&mut self) {
        if let Some(plan) = self.undo.undo(&self.plan) {
            self.plan = plan;
        }
    }

    /// Steps forward one undone edit.
    pub fn redo(&mut self) {
        if let Some(plan) = self.undo.redo(&self.plan) {
            self.plan = plan;
        }
    }

    /// Restores what a session that did not end cleanly left in the
    /// autosave; with a plan given on the command line the autosave is
    /// kept aside instead. The line to tell the user, if any.
    pub fn recover(&mut self, opened_a_file: bool) -> Option<String> {
        let autosave = self.autosave.clone()?;
        match autosave.read() {
            Ok(None) => None,
            Ok(Some(_)) if opened_a_file => Some(match autosave.keep_aside() {
                Ok(aside) => format!(
                    "Unsaved work from your last session is kept in {}",
                    aside.display()
                ),
                Err(e) => format!(
                    "Unsaved work from your last session is in {} ({e})",
                    autosave.path.display()
                ),
            }),
            Ok(Some(Recovery { source, plan })) => {
                // The "saved" baseline is the source file as it is now; if it
                // cannot be read, nothing is saved: the plan stays unsaved.
                let (saved, unreadable) = match source.as_deref().map(crate::store::open_plan) {
                    Some(Ok(saved)) => (saved, None),
                    Some(Err(e)) => (Plan::default(), Some(e)),
                    None => (Plan::default(), None),
                };
                self.replace(plan, source);
                self.saved = saved;
                self.autosaved = self.plan.clone();
                Some(match unreadable {
                    None => "Restored the unsaved plan from your last session".to_owned(),
                    Some(e) => format!(
                        "Restored the unsaved plan from your last session; its file cannot be read ({e})"
                    ),
                })
            }
            // An unreadable autosave (broken, a pipe, too large) is kept
            // aside, never deleted, and the session starts empty.
            Err(e) => Some(match autosave.keep_aside() {
                Ok(aside) => format!(
                    "Could not restore the last session's autosave ({e}); it is kept in {}",
                    aside.display()
                ),
                Err(_) => format!("Could not restore the last session's autosave: {e}"),
            }),
        }
    }

    /// Writes the working plan `AUTOSAVE_AFTER_SECONDS` after the last
    /// change (and removes the autosave once the plan is clean). Returns
    /// how long to wait before calling again, if a write is pending.
    pub fn autosave(&mut self, now: f64) -> Result<Option<f64>, AutosaveError> {
        let Some(autosave) = &self.autosave else {
            return Ok(None);
        };
        if self.plan != self.autosaved {
            self.autosaved = self.plan.clone();
            self.changed_at = now;
            return Ok(Some(AUTOSAVE_AFTER_SECONDS));
        }
        if self.changed_at == 0.0 {
            return Ok(None);
        }
        let waited = now - self.changed_at;
        if waited < AUTOSAVE_AFTER_SECONDS {
            return Ok(Some(AUTOSAVE_AFTER_SECONDS - waited));
        }
        self.changed_at = 0.0;
        if self.is_dirty() {
            autosave.write(&Recovery {
                source: self.path.clone(),
                plan: self.plan.clone(),
            })?;
        } else {
            autosave.clear()?;
        }
        Ok(None)
    }

    /// A clean exit: the autosave is no longer needed.
    pub fn clear_autosave(&self) -> std::io::Result<()> {
        match &self.autosave {
            Some(autosave) => autosave.clear(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_autosave_is_kept_aside_and_the_session_starts_empty() {
        let dir = std::env::temp_dir().join(format!("glidepath-recover-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let autosave = Autosave {
            path: dir.join("autosave.ron"),
        };
        // A broken file, then (where mkfifo is) a pipe no one writes to.
        std::fs::write(&autosave.path, "(plan: oops").unwrap();
        let mut document = Document::new(Plan::blank(), None, Some(autosave.clone()));
        let said = document.recover(false).unwrap();
        assert!(said.contains("Could not restore"), "{said}");
        assert!(said.contains("kept in"), "{said}");
        assert!(!autosave.path.exists());
        let aside = autosave.path.with_extension("previous.ron");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "(plan: oops");
        assert_eq!(document.plan, Plan::blank());
        std::fs::remove_file(&aside).ok();
        let made = std::process::Command::new("mkfifo")
            .arg(&autosave.path)
            .status();
        if made.is_ok_and(|s| s.success()) {
            let said = document.recover(false).unwrap();
            assert!(said.contains("not a regular file"), "{said}");
            assert!(!autosave.path.exists());
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}

//! Plan files: reading RON with errors that name the file, line and column.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::plan::{FORMAT_VERSION, Plan};

#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: the file is plan format version {found}, newer than this app reads ({FORMAT_VERSION}): update Glidepath to open it", path.display())]
    NewerVersion { path: PathBuf, found: u64 },
}

/// Just enough of a plan to read its `version` before parsing strictly, so
/// that a newer file is reported as newer rather than as unknown fields.
#[derive(Deserialize)]
struct VersionProbe {
    /// 0 when missing: the strict parse then says the field is missing.
    #[serde(default)]
    version: u64,
}

/// Parses plan text; `path` is only used to name the file in errors.
pub fn parse_plan(text: &str, path: &Path) -> Result<Plan, PlanFileError> {
    if let Ok(VersionProbe { version: found }) = ron::from_str::<VersionProbe>(text)
        && found > u64::from(FORMAT_VERSION)
    {
        return Err(PlanFileError::NewerVersion {
            path: path.to_owned(),
            found,
        });
    }
    ron::from_str::<Plan>(text).map_err(|e| PlanFileError::syntax(path, &e))
}

impl PlanFileError {
    /// A RON parse error, at the line and column where it starts.
    fn syntax(path: &Path, e: &ron::error::SpannedError) -> Self {
        PlanFileError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        }
    }
}

/// Reads and parses a plan file (it is not validated here).
pub fn read_plan(path: &Path) -> Result<Plan, PlanFileError> {
    let bytes = std::fs::read(path).map_err(|source| PlanFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = String::from_utf8_lossy(valid);
        PlanFileError::Syntax {
            path: path.to_owned(),
            line: valid.matches('\n').count() + 1,
            column: valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            message: "the file is not text (not valid UTF-8)".to_owned(),
        }
    })?;
    parse_plan(&text, path)
}

/// Why a save failed. The file on disk is then as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}: cannot save: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the plan as RON: {0}")]
    Format(String),
}

/// The text of a plan file: a header comment, then every field, pretty
/// printed, so a person can read and diff it and a saved plan reproduces
/// its numbers even after the shipped defaults change.
pub fn plan_to_ron(plan: &Plan) -> Result<String, SaveError> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let body =
        ron::ser::to_string_pretty(plan, config).map_err(|e| SaveError::Format(e.to_string()))?;
    Ok(format!(
        "// Glidepath plan, format version {FORMAT_VERSION}, written by Glidepath {}.\n// Money is in today's dollars; rates are shares (0.08 is 8%).\n{body}\n",
        env!("CARGO_PKG_VERSION")
    ))
}

/// Writes `path` atomically: the bytes go to a temporary file in the same
/// folder, which is flushed and synced, then renamed over the target. With
/// `keep_backup`, an existing target is first copied to `NAME.bak` (so
/// `plan.ron` keeps `plan.ron.bak`). Files are readable by their owner
/// only: they hold personal finances. On any failure the target is
/// untouched and the temporary file removed.
pub fn write_atomically(
    path: &Path,
    keep_backup: bool,
    write: &mut dyn FnMut(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let temporary = folder.join(format!(
        ".{}.tmp{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temporary)?;
        write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.is_file() {
            let backup = folder.join(format!("{}.bak", name.to_string_lossy()));
            std::fs::copy(path, &backup)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o600))?;
            }
        }
        std::fs::rename(&temporary, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(dir) = std::fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// [`write_atomically`] for bytes already in memory, as every save here is.
pub fn write_bytes_atomically(path: &Path, keep_backup: bool, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically(path, keep_backup, &mut |file| {
        use std::io::Write;
        file.write_all(bytes)
    })
}

/// Saves a plan to `path` atomically, keeping the previous file as `.bak`.
/// A history file inside the plan's folder is written relative to it.
pub fn save_plan(path: &Path, plan: &Plan) -> Result<(), SaveError> {
    let mut plan = plan.clone();
    relativize_history(&mut plan, path);
    let text = plan_to_ron(&plan)?;
    write_bytes_atomically(path, true, text.as_bytes()).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })
}

/// A relative history path of a plan read from `plan_path` made absolute,
/// as the app holds it while the plan is open.
pub fn absolutize_history(plan: &mut Plan, plan_path: &Path) {
    if let crate::plan::Returns::History { file, .. } = &mut plan.simulation.returns {
        let given = Path::new(file.as_str());
        if given.is_relative()
            && let Some(folder) = plan_path.parent()
        {
            *file = folder.join(given).to_string_lossy().into_owned();
        }
    }
}

/// An absolute history path inside the plan's folder (or below it) made
/// relative to that folder, so the two can move together.
pub fn relativize_history(plan: &mut Plan, plan_path: &Path) {
    if let crate::plan::Returns::History { file, .. } = &mut plan.simulation.returns
        && let Some(folder) = plan_path.parent()
        && let Ok(relative) = Path::new(file.as_str()).strip_prefix(folder)
    {
        *file = relative.to_string_lossy().into_owned();
    }
}

/// Reads a plan file for the app: parsed, with its history path made absolute.
pub fn open_plan(path: &Path) -> Result<Plan, PlanFileError> {
    let mut plan = read_plan(path)?;
    absolutize_history(&mut plan, path);
    Ok(plan)
}

/// The working plan, saved every few seconds so a crash loses nothing.
#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// The file the plan came from, if it has one.
    pub source: Option<PathBuf>,
    pub plan: Plan,
}

/// Where the working plan is autosaved.
#[derive(Clone, Debug)]
pub struct Autosave {
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

    pub fn write(&self, recovery: &Recovery) -> Result<(), SaveError> {
        let text = ron::ser::to_string_pretty(recovery, ron::ser::PrettyConfig::new())
            .map_err(|e| SaveError::Format(e.to_string()))?;
        if let Some(folder) = self.path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| SaveError::Write {
                path: folder.to_owned(),
                source,
            })?;
        }
        write_bytes_atomically(&self.path, false, text.as_bytes()).map_err(|source| {
            SaveError::Write {
                path: self.path.clone(),
                source,
            }
        })
    }

    /// The plan left by a session that did not end cleanly, if any. An
    /// unreadable autosave is reported, never silently dropped.
    pub fn read(&self) -> Result<Option<Recovery>, PlanFileError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(PlanFileError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        ron::from_str(&text)
            .map(Some)
            .map_err(|e| PlanFileError::syntax(&self.path, &e))
    }

    /// Called when the session ends cleanly or the plan is saved.
    pub fn clear(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The folder plans are saved in by default: Glidepath in the user's
/// documents folder (created on first save).
pub fn default_plan_folder() -> Option<PathBuf> {
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(|p| p.join("Glidepath")))
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join("Glidepath")))
}

/// The example plans of `saves/`, embedded so "Open example" works wherever
/// the app is installed: `(file name, text)`.
pub const EXAMPLES: [(&str, &str); 3] = [
    (
        "young-saver-crypto-sleeve.ron",
        include_str!("../saves/young-saver-crypto-sleeve.ron"),
    ),
    (
        "mid-career-catching-up.ron",
        include_str!("../saves/mid-career-catching-up.ron"),
    ),
    (
        "retirees-drawing-income.ron",
        include_str!("../saves/retirees-drawing-income.ron"),
    ),
];

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
    version: Option<u64>,
}

/// Parses plan text; `path` is only used to name the file in errors.
pub fn parse_plan(text: &str, path: &Path) -> Result<Plan, PlanFileError> {
    if let Ok(VersionProbe {
        version: Some(found),
    }) = ron::from_str::<VersionProbe>(text)
        && found > u64::from(FORMAT_VERSION)
    {
        return Err(PlanFileError::NewerVersion {
            path: path.to_owned(),
            found,
        });
    }
    ron::from_str::<Plan>(text).map_err(|e| PlanFileError::Syntax {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
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

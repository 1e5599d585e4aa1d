//! Plan files: RON text with a header, read with errors that name the
//! file, line and column, and saved atomically with a backup.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::write_bytes_atomically;
use crate::plan::lever::path as lever_path;
use crate::plan::{FORMAT_VERSION, Plan, Returns};

/// Why a plan file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    /// The file could not be read at all.
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The text is not a plan: where and why.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Not a file a plan could be: a device, a folder, far too large.
    #[error("{}: not a plan file: {reason}", path.display())]
    NotAPlanFile {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: super::ReadError,
    },
    /// The text is not a plan at all (a CSV, a picture, a JSON file).
    #[error("{}: this is not a Glidepath plan: a plan is RON text that starts with `(` (open one of the examples to see)", path.display())]
    NotAPlan {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by a newer Glidepath.
    #[error("{}: the file is plan format version {found}, newer than this app reads ({FORMAT_VERSION}): update Glidepath to open it", path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u64,
    },
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
///
/// A file of an older format version is read with its own meaning and
/// upgraded in memory (`version` becomes [`FORMAT_VERSION`]): versions 1
/// and 2 differ only in what they lack, and every field they lack takes
/// the value that keeps their numbers (the 2026 IRS limits; `taxes: None`,
/// every figure before tax; no Roth or taxable money).
pub fn parse_plan(text: &str, path: &Path) -> Result<Plan, PlanFileError> {
    // A byte-order mark some editors put first is not part of the plan.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !looks_like_a_plan(text) {
        return Err(PlanFileError::NotAPlan {
            path: path.to_owned(),
        });
    }
    if let Ok(VersionProbe { version: found }) = ron::from_str::<VersionProbe>(text)
        && found > u64::from(FORMAT_VERSION)
    {
        return Err(PlanFileError::NewerVersion {
            path: path.to_owned(),
            found,
        });
    }
    let mut plan = read_with_path(text).map_err(|e| {
        let mut error = PlanFileError::syntax(path, &e);
        if let PlanFileError::Syntax { message, .. } = &mut error
            && let Some(words) = whole_number_expected(text, &e)
        {
            *message = words;
        }
        error
    })?;
    if (1..FORMAT_VERSION).contains(&plan.version) {
        plan.version = FORMAT_VERSION;
    }
    Ok(plan)
}

/// Whether the text's first token (after blank lines, `//` comments and
/// RON's `#![enable(…)]` attributes) opens a plan: `(` or `Plan(`. Anything
/// else is some other kind of file, better named as such than parsed.
fn looks_like_a_plan(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!["));
    first.is_none_or(|l| l.starts_with('(') || l.starts_with("Plan") || l.starts_with("/*"))
}

/// Reads a plan, an error saying where it is in the file and, inside the
/// plan, at which field (`variants[1].changes.saver.retirment_age: …`).
fn read_with_path(text: &str) -> Result<Plan, ron::error::SpannedError> {
    let mut de = ron::Deserializer::from_str(text)?;
    match serde_path_to_error::deserialize::<_, Plan>(&mut de) {
        Ok(plan) => {
            de.end().map_err(|e| de.span_error(e))?;
            Ok(plan)
        }
        Err(e) => {
            let field = e.path().to_string();
            let mut spanned = de.span_error(e.into_inner());
            // A path inside a variant helps a reader find the field; at the
            // top it only repeats what the message says.
            if field.starts_with(lever_path::VARIANTS) {
                spanned.code = ron::Error::Message(format!("{field}: {}", spanned.code));
            }
            Err(spanned)
        }
    }
}

impl PlanFileError {
    /// A RON parse error, at the line and column where it starts.
    pub(super) fn syntax(path: &Path, e: &ron::error::SpannedError) -> Self {
        PlanFileError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        }
    }
}

/// A decimal where a whole number belongs (`age: 35.0`) stops the reader
/// at its point with "Expected comma": say what is meant instead.
fn whole_number_expected(text: &str, e: &ron::error::SpannedError) -> Option<String> {
    if !matches!(e.code, ron::Error::ExpectedComma) {
        return None;
    }
    let line = text.lines().nth(e.span.start.line.checked_sub(1)?)?;
    let at = e.span.start.col.checked_sub(1)?;
    let before: String = line.chars().take(at).collect();
    let after: String = line.chars().skip(at).collect();
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.is_empty() || !after.starts_with('.') {
        return None;
    }
    Some(format!(
        "a whole number is expected here ({digits}, not {digits}{})",
        after
            .chars()
            .take_while(|c| *c == '.' || c.is_ascii_digit())
            .collect::<String>()
    ))
}

/// Reads and parses a plan file (it is not validated here).
pub fn read_plan(path: &Path) -> Result<Plan, PlanFileError> {
    read_plan_and_bytes(path).map(|(plan, _)| plan)
}

/// Reads and parses a plan file, keeping the bytes read (for a report
/// that carries the very file its numbers come from).
pub fn read_plan_and_bytes(path: &Path) -> Result<(Plan, Vec<u8>), PlanFileError> {
    let bytes = super::read_capped(path, super::MAX_PLAN_BYTES).map_err(|e| match e {
        super::ReadError::Io(source) => PlanFileError::Read {
            path: path.to_owned(),
            source,
        },
        reason => PlanFileError::NotAPlanFile {
            path: path.to_owned(),
            reason,
        },
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
    let plan = parse_plan(&text, path)?;
    Ok((plan, text.into_bytes()))
}

/// Why a save failed. The file on disk is then as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be written.
    #[error("cannot save: {0}")]
    Write(#[from] super::WriteError),
    /// The folder could not be made.
    #[error("{}: cannot make the folder: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The plan could not be written as RON (a number RON cannot hold).
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
    let current = Plan {
        version: FORMAT_VERSION,
        ..plan.clone()
    };
    let body = ron::ser::to_string_pretty(&current, config)
        .map_err(|e| SaveError::Format(e.to_string()))?;
    Ok(format!(
        "// Glidepath plan, format version {FORMAT_VERSION}, written by Glidepath {}.\n// Money is in today's dollars; rates are shares (0.08 is 8%).\n{body}\n",
        env!("CARGO_PKG_VERSION")
    ))
}

/// Saves a plan to `path` atomically, keeping the previous file as `.bak`.
/// A history file inside the plan's folder is written relative to it.
pub fn save_plan(path: &Path, plan: &Plan) -> Result<(), SaveError> {
    let mut plan = plan.clone();
    relativize_history(&mut plan, path);
    let text = plan_to_ron(&plan)?;
    Ok(write_bytes_atomically(path, true, text.as_bytes())?)
}

/// A relative history path of a plan read from `plan_path` made absolute,
/// as the app holds it while the plan is open.
pub fn absolutize_history(plan: &mut Plan, plan_path: &Path) {
    if let Returns::History { file, .. } = &mut plan.simulation.returns {
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
    if let Returns::History { file, .. } = &mut plan.simulation.returns
        && let Some(folder) = plan_path.parent()
        && let Ok(relative) = Path::new(file.as_str()).strip_prefix(folder)
    {
        *file = relative.to_string_lossy().into_owned();
    }
}

/// Reads a plan file for the app: parsed (any version up to this build's,
/// upgraded), with its history path made absolute. A file that is not a
/// plan says where: its file, line and column.
///
/// ```
/// use std::path::Path;
/// use glidepath::store::{PlanFileError, open_plan};
///
/// let plan = open_plan(Path::new("saves/deciding-at-45.ron"))?;
/// assert_eq!(plan.scenario_count(), 4);
///
/// let folder = std::env::temp_dir().join("glidepath-doctest-open-plan");
/// std::fs::create_dir_all(&folder).unwrap();
/// let broken = folder.join("broken.ron");
/// std::fs::write(&broken, "(version: 2, saver: (age: \"x\"))").unwrap();
/// let error = open_plan(&broken).unwrap_err();
/// assert!(matches!(error, PlanFileError::Syntax { line: 1, .. }), "{error}");
/// # Ok::<(), PlanFileError>(())
/// ```
pub fn open_plan(path: &Path) -> Result<Plan, PlanFileError> {
    open_plan_and_bytes(path).map(|(plan, _)| plan)
}

/// [`open_plan`], keeping the file's bytes as read.
pub fn open_plan_and_bytes(path: &Path) -> Result<(Plan, Vec<u8>), PlanFileError> {
    let (mut plan, bytes) = read_plan_and_bytes(path)?;
    absolutize_history(&mut plan, path);
    Ok((plan, bytes))
}

/// The example plans of `saves/`, embedded so "Open example" works wherever
/// the app is installed: `(file name, text)`.
pub const EXAMPLES: [(&str, &str); 6] = [
    (
        "young-saver-crypto-sleeve.ron",
        include_str!("../../saves/young-saver-crypto-sleeve.ron"),
    ),
    (
        "mid-career-catching-up.ron",
        include_str!("../../saves/mid-career-catching-up.ron"),
    ),
    (
        "retirees-drawing-income.ron",
        include_str!("../../saves/retirees-drawing-income.ron"),
    ),
    (
        "deciding-at-45.ron",
        include_str!("../../saves/deciding-at-45.ron"),
    ),
    (
        "couple-pension-college.ron",
        include_str!("../../saves/couple-pension-college.ron"),
    ),
    (
        "retirees-guardrails.ron",
        include_str!("../../saves/retirees-guardrails.ron"),
    ),
];

/// The names of the [`EXAMPLES`] plans, parsed once, for menus.
pub fn example_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        EXAMPLES
            .iter()
            .map(|(file, text)| {
                parse_plan(text, Path::new(file)).map_or_else(|_| (*file).to_owned(), |p| p.name)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_plan_is_named_as_such() {
        for text in ["year,stocks\n2000,0.1\n", "{\"version\": 2}", "\u{89}PNG"] {
            let e = parse_plan(text, Path::new("x.ron")).unwrap_err();
            assert!(
                e.to_string()
                    .contains("x.ron: this is not a Glidepath plan"),
                "{e}"
            );
        }
        assert!(parse_plan("// a comment\n(version: 2)", Path::new("x.ron")).is_ok());
        assert!(
            parse_plan(
                "#![enable(implicit_some)]\n(version: 2)",
                Path::new("x.ron")
            )
            .is_ok()
        );
    }
}

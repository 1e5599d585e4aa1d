//! Return history files: read from disk here, parsed by the market.

use std::path::Path;

use crate::market::history::{HistoryError, ReturnHistory, parse};

/// Reads and parses a history file.
pub fn read(path: &Path) -> Result<ReturnHistory, HistoryError> {
    let text = std::fs::read(path).map_err(|source| HistoryError::Read {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(text).map_err(|_| HistoryError::File {
        path: path.to_owned(),
        message: "the file is not text (not valid UTF-8)".into(),
    })?;
    parse(&text, path)
}

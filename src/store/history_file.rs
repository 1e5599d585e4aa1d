//! Return history files: read from disk here, parsed by the market.

use std::path::Path;

use super::{MAX_HISTORY_BYTES, ReadError, read_capped};
use crate::market::history::{HistoryError, ReturnHistory, parse};

/// Reads and parses a history file (a regular file of at most 16 MiB).
pub fn read(path: &Path) -> Result<ReturnHistory, HistoryError> {
    let text = read_capped(path, MAX_HISTORY_BYTES).map_err(|e| match e {
        ReadError::Io(source) => HistoryError::Read {
            path: path.to_owned(),
            source,
        },
        other => HistoryError::File {
            path: path.to_owned(),
            message: format!("cannot read the return history: {other}"),
        },
    })?;
    let text = String::from_utf8(text).map_err(|_| HistoryError::File {
        path: path.to_owned(),
        message: "the file is not text (not valid UTF-8)".into(),
    })?;
    parse(&text, path)
}

//! The return histories shipped inside Glidepath, embedded in the binary
//! (no file is read) and parsed once, on first use. Their names, years,
//! labels and text are the plan's (`plan::BUILT_IN_HISTORIES`); their sources and
//! construction are in `assets/history/README.md`.

use std::path::Path;
use std::sync::OnceLock;

use super::history::{HistoryError, ReturnHistory, parse};
use crate::plan::BUILT_IN_HISTORIES;

/// Why a shipped history cannot be had.
#[derive(Debug, thiserror::Error)]
pub enum BuiltInHistoryError {
    /// No shipped history has that name.
    #[error("no shipped history is called {0:?}")]
    Unknown(String),
    /// The embedded file does not parse (the tests below rule it out).
    #[error(transparent)]
    Broken(&'static HistoryError),
}

/// The shipped history of that versioned name (one of
/// [`BUILT_IN_HISTORIES`]), parsed on first use.
pub fn history(name: &str) -> Result<&'static ReturnHistory, BuiltInHistoryError> {
    const SHIPPED: usize = BUILT_IN_HISTORIES.len();
    static PARSED: [OnceLock<Result<ReturnHistory, HistoryError>>; SHIPPED] =
        [const { OnceLock::new() }; SHIPPED];
    let index = BUILT_IN_HISTORIES
        .iter()
        .position(|h| h.name == name)
        .ok_or_else(|| BuiltInHistoryError::Unknown(name.to_owned()))?;
    let shipped = &BUILT_IN_HISTORIES[index];
    PARSED[index]
        .get_or_init(|| {
            parse(
                shipped.csv,
                Path::new(&format!("{} (built in)", shipped.name)),
            )
        })
        .as_ref()
        .map_err(BuiltInHistoryError::Broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_history_is_embedded_and_says_what_the_plan_says_of_it() {
        for shipped in BUILT_IN_HISTORIES {
            let history = history(shipped.name).expect(shipped.name);
            let first = history.first_year();
            let last = history.years.last().unwrap().year;
            assert_eq!((first, last), shipped.years, "{}", shipped.name);
            assert_eq!(history.require_crypto().is_ok(), shipped.has_crypto);
            assert_eq!(history.years.len() as i32, last - first + 1);
        }
        assert!(history("us").is_err(), "plans store versioned names");
    }

    #[test]
    fn the_us_history_holds_the_years_people_ask_about() {
        let us = history(BUILT_IN_HISTORIES[0].name).unwrap();
        let year = |y: i32| us.years.iter().find(|r| r.year == y).unwrap();
        // 1931 and 2008 were the worst years for stocks; 1946 and 1974
        // saw double-digit inflation.
        assert!(year(1931).stocks < -0.35 && year(2008).stocks < -0.30);
        assert!(year(1946).inflation > 0.10 && year(1974).inflation > 0.10);
    }
}

//! The return histories shipped inside Glidepath, embedded in the binary
//! (no file is read) and parsed once, on first use. Their names, years and
//! labels are the plan's (`plan::BUILT_IN_HISTORIES`); their sources and
//! construction are in `assets/history/README.md`.

use std::path::Path;
use std::sync::OnceLock;

use super::history::{ReturnHistory, parse};

/// US stocks, bonds, cash and inflation, 1872–2024 (Shiller; Damodaran).
const US_1872_2024: &str = include_str!("../../assets/history/us_1872_2024.csv");

/// The shipped history of that versioned name, parsed, or why there is
/// none (a name that is not shipped; a broken embedded file, which the
/// tests below rule out).
pub fn history(name: &str) -> Result<&'static ReturnHistory, String> {
    static US: OnceLock<Result<ReturnHistory, String>> = OnceLock::new();
    let parsed = match name {
        "us_1872_2024" => US.get_or_init(|| {
            parse(US_1872_2024, Path::new("us_1872_2024 (built in)")).map_err(|e| e.to_string())
        }),
        _ => return Err(format!("no shipped history is called {name:?}")),
    };
    parsed.as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::BUILT_IN_HISTORIES;

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
        let us = history("us_1872_2024").unwrap();
        let year = |y: i32| us.years.iter().find(|r| r.year == y).unwrap();
        // 1931 and 2008 were the worst years for stocks; 1946 and 1974
        // saw double-digit inflation.
        assert!(year(1931).stocks < -0.35 && year(2008).stocks < -0.30);
        assert!(year(1946).inflation > 0.10 && year(1974).inflation > 0.10);
    }
}

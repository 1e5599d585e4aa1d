//! Where a plan's yearly returns come from: Monte Carlo draws from its
//! assumptions, a return history shipped inside Glidepath, or a history
//! file the user brings; and how a history is replayed.

use serde::{Deserialize, Serialize};

/// Where the yearly returns come from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Returns {
    /// Correlated lognormal returns drawn from the assumptions.
    #[default]
    MonteCarlo,
    /// Replay a return history file (relative to the plan file's folder).
    History {
        /// The file's path as written in the plan.
        file: String,
        /// Every start year, or random blocks.
        mode: HistoryMode,
    },
    /// Replay a history shipped inside Glidepath, named by its versioned
    /// name (`us_1872_2024`), so a later data update never changes a saved
    /// plan's numbers.
    BuiltIn {
        /// One of [`BUILT_IN_HISTORIES`]' names.
        name: String,
        /// Every start year, or random blocks.
        mode: HistoryMode,
    },
}

/// How a return history is replayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HistoryMode {
    /// One path per start year whose horizon fits in the file.
    Rolling,
    /// Paths joined from random blocks of consecutive years.
    Bootstrap {
        /// Years in each block.
        block_years: u32,
    },
}

impl Returns {
    /// How a history is replayed; `None` for Monte Carlo.
    pub fn history_mode(&self) -> Option<HistoryMode> {
        match self {
            Returns::MonteCarlo => None,
            Returns::History { mode, .. } | Returns::BuiltIn { mode, .. } => Some(*mode),
        }
    }

    /// The replay mode, to change it; `None` for Monte Carlo.
    pub fn history_mode_mut(&mut self) -> Option<&mut HistoryMode> {
        match self {
            Returns::MonteCarlo => None,
            Returns::History { mode, .. } | Returns::BuiltIn { mode, .. } => Some(mode),
        }
    }

    /// Whether every start year is replayed (a rolling history).
    pub fn is_rolling(&self) -> bool {
        self.history_mode() == Some(HistoryMode::Rolling)
    }

    /// The shipped history replayed, if one is.
    pub fn built_in(&self) -> Option<&'static BuiltInHistory> {
        match self {
            Returns::BuiltIn { name, .. } => BuiltInHistory::named(name),
            _ => None,
        }
    }

    /// The newest shipped US history, replayed in `mode`.
    pub fn us_history(mode: HistoryMode) -> Returns {
        Returns::BuiltIn {
            name: BUILT_IN_HISTORIES[0].name.to_owned(),
            mode,
        }
    }
}

/// A return history shipped inside Glidepath, embedded in the binary and
/// parsed by `market::built_in`; its sources are in
/// `assets/history/README.md`.
#[derive(Debug, PartialEq, Eq)]
pub struct BuiltInHistory {
    /// The versioned name plans store.
    pub name: &'static str,
    /// What the command line accepts for the newest set (`--history us`).
    pub alias: &'static str,
    /// What the app calls it.
    pub label: &'static str,
    /// Its first and last calendar years.
    pub years: (i32, i32),
    /// Whether it has crypto returns (a sleeve needs them).
    pub has_crypto: bool,
    /// The history itself, as shipped in `assets/history/` (CSV).
    pub csv: &'static str,
}

/// The shipped histories, the newest of each alias first.
pub const BUILT_IN_HISTORIES: &[BuiltInHistory] = &[BuiltInHistory {
    name: "us_1872_2024",
    alias: "us",
    label: "US history 1872–2024",
    years: (1872, 2024),
    has_crypto: false,
    csv: include_str!("../../assets/history/us_1872_2024.csv"),
}];

impl BuiltInHistory {
    /// The shipped history of that versioned name.
    pub fn named(name: &str) -> Option<&'static BuiltInHistory> {
        BUILT_IN_HISTORIES.iter().find(|h| h.name == name)
    }

    /// The newest shipped history under that alias.
    pub fn aliased(alias: &str) -> Option<&'static BuiltInHistory> {
        BUILT_IN_HISTORIES.iter().find(|h| h.alias == alias)
    }

    /// The names plans may use, for messages.
    pub fn names() -> String {
        BUILT_IN_HISTORIES
            .iter()
            .map(|h| format!("\"{}\"", h.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_in_history_reads_and_writes_as_the_design_spells_it() {
        let text = r#"BuiltIn(name: "us_1872_2024", mode: Rolling)"#;
        let returns: Returns = ron::from_str(text).unwrap();
        assert_eq!(returns, Returns::us_history(HistoryMode::Rolling));
        assert_eq!(
            ron::to_string(&returns).unwrap(),
            text.replace(": ", ":").replace(", ", ",")
        );
        assert_eq!(returns.built_in().unwrap().alias, "us");
        assert!(returns.is_rolling());
    }

    #[test]
    fn the_alias_names_the_newest_set() {
        assert_eq!(BuiltInHistory::aliased("us").unwrap().name, "us_1872_2024");
        assert_eq!(BuiltInHistory::aliased("./us"), None);
    }
}

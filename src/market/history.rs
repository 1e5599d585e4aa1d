//! Return histories: real market history replayed instead of Monte Carlo.
//!
//! A history is a CSV file `year,stocks,bonds,cash,inflation[,crypto]` of
//! consecutive calendar years, nominal simple annual returns as decimals;
//! lines starting with `#` are comments anywhere. The engine uses real
//! returns `(1 + R) / (1 + inflation) - 1`. Every problem is reported with
//! the line and column as they stand in the file.

use std::path::{Path, PathBuf};

use rand::RngExt;

use crate::plan::asset::{Asset, PerAsset};

/// One calendar year of a history, as nominal simple returns.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // one field per column of the file
pub struct HistoryYear {
    pub year: i32,
    pub stocks: f64,
    pub bonds: f64,
    pub cash: f64,
    pub inflation: f64,
    /// Blank cells and files without the column give `None`.
    pub crypto: Option<f64>,
    /// The line in the file, for messages.
    pub line: usize,
}

impl HistoryYear {
    /// The year's real growth factors `(1 + R) / (1 + inflation)` of each
    /// asset (crypto's 1 when the history has none).
    pub fn real_growth(&self) -> PerAsset<f64> {
        let real = |r: f64| (1.0 + r) / (1.0 + self.inflation);
        PerAsset::from_fn(|asset| match asset {
            Asset::Stocks => real(self.stocks),
            Asset::Bonds => real(self.bonds),
            Asset::Cash => real(self.cash),
            Asset::Crypto => self.crypto.map_or(1.0, real),
            // No history ships private-market returns: a plan with a
            // private sleeve is refused a history (source.rs).
            Asset::Private => 1.0,
        })
    }
}

/// A parsed history: consecutive years, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnHistory {
    /// The file it came from, for messages.
    pub path: PathBuf,
    /// Its years, consecutive, oldest first.
    pub years: Vec<HistoryYear>,
    /// Whether the header has a `crypto` column.
    pub has_crypto_column: bool,
}

/// Why a return history cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// A problem at a place in the file.
    #[error("{}:{line}:{column}: {message}", path.display())]
    At {
        /// The file.
        path: PathBuf,
        /// The line, counted as it stands in the file (comments included).
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A problem with the file as a whole.
    #[error("{}: {message}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The file could not be read.
    #[error("{}: cannot read the return history: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

const COLUMNS: [&str; 5] = ["year", "stocks", "bonds", "cash", "inflation"];

/// Parses history text; `path` names the file in messages.
pub fn parse(text: &str, path: &Path) -> Result<ReturnHistory, HistoryError> {
    let at = |line: usize, column: usize, message: String| HistoryError::At {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let mut header = None;
    let mut years: Vec<HistoryYear> = Vec::new();
    let mut has_crypto_column = false;
    // One reader over the whole text. The reader places a record where it
    // began looking for it, before the comment lines it skipped, and counts
    // lines without them; so each record's line is counted here from the
    // first byte after those comments: lines as they stand in the file.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    let bytes = text.as_bytes();
    let mut line_of = |byte: u64| -> usize {
        let mut byte = (byte as usize).min(text.len());
        while matches!(bytes.get(byte), Some(b'#' | b'\n' | b'\r')) {
            byte = bytes[byte..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(text.len(), |end| byte + end + 1);
        }
        if byte >= counted_to {
            line_at += bytes[counted_to..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = byte;
        }
        line_at
    };
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(1, |p| line_of(p.byte()));
                return Err(at(line, 1, format!("not a valid CSV line: {e}")));
            }
        };
        let line = record.position().map_or(1, |p| line_of(p.byte()));
        // Blank lines, and comments indented past the first column.
        if record.iter().all(str::is_empty) || record.get(0).is_some_and(|f| f.starts_with('#')) {
            continue;
        }
        // Column of field i: the characters before it, commas included
        // (the fields as trimmed, as before).
        let column = |i: usize| -> usize {
            record
                .iter()
                .take(i)
                .map(|f| f.chars().count() + 1)
                .sum::<usize>()
                + 1
        };
        let Some(width) = header else {
            let names: Vec<String> = record.iter().map(str::to_ascii_lowercase).collect();
            let expected_crypto = names.len() == 6 && names[5] == "crypto";
            if names.len() < 5 || names[..5] != COLUMNS || !(names.len() == 5 || expected_crypto) {
                return Err(at(
                    line,
                    1,
                    format!(
                        "the header must be year,stocks,bonds,cash,inflation and optionally ,crypto (found {})",
                        record.iter().collect::<Vec<_>>().join(",")
                    ),
                ));
            }
            has_crypto_column = expected_crypto;
            header = Some(names.len());
            continue;
        };
        if record.len() != width {
            let (which, where_) = if record.len() < width {
                ("missing", column(record.len()) - 1)
            } else {
                ("extra", column(width))
            };
            return Err(at(
                line,
                where_,
                format!("{which} columns: expected {width}, found {}", record.len()),
            ));
        }
        let year: i32 = record[0].parse().map_err(|_| {
            at(
                line,
                1,
                format!("the year {:?} is not a whole number", &record[0]),
            )
        })?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(at(
                line,
                1,
                format!("the year {year} must be between {MIN_YEAR} and {MAX_YEAR}"),
            ));
        }
        let mut values = [0.0; 4];
        for (i, value) in values.iter_mut().enumerate() {
            *value = parse_return(&record[i + 1], COLUMNS[i + 1])
                .map_err(|e| at(line, column(i + 1), e.to_string()))?;
        }
        let crypto = if has_crypto_column && !record[5].is_empty() {
            Some(
                parse_return(&record[5], "crypto")
                    .map_err(|e| at(line, column(5), e.to_string()))?,
            )
        } else {
            None
        };
        if let Some(previous) = years.last()
            && year != previous.year + 1
        {
            let problem = if year <= previous.year {
                "a repeat or going back"
            } else {
                "a gap"
            };
            return Err(at(
                line,
                1,
                format!(
                    "year {year} follows {}: years must be consecutive ({problem})",
                    previous.year
                ),
            ));
        }
        years.push(HistoryYear {
            year,
            stocks: values[0],
            bonds: values[1],
            cash: values[2],
            inflation: values[3],
            crypto,
            line,
        });
    }
    if years.is_empty() {
        return Err(HistoryError::File {
            path: path.to_owned(),
            message: if header.is_some() {
                "the return history has a header but no years".into()
            } else {
                "the return history is empty: it needs the header year,stocks,bonds,cash,inflation and one line per year".into()
            },
        });
    }
    Ok(ReturnHistory {
        path: path.to_owned(),
        years,
        has_crypto_column,
    })
}

/// The calendar years a history may hold.
pub const MIN_YEAR: i32 = 1000;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 9999;
/// The largest yearly return a history may hold: +10,000% (bitcoin's best
/// calendar year was about +5,900%).
pub const MAX_RETURN: f64 = 100.0;

/// Why a cell of a history is not a return.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
enum ReturnCellError {
    #[error("the {column} return {cell:?} is not a number")]
    NotANumber { column: String, cell: String },
    #[error("the {column} return must be a finite number")]
    Infinite { column: String },
    #[error("the {column} return {value} is -100% or less: the history must be above -1")]
    AllLost { column: String, value: f64 },
    #[error(
        "the {column} return {value} is more than +10,000% in a year: write returns as decimals (0.12 is 12%)"
    )]
    TooLarge { column: String, value: f64 },
}

fn parse_return(cell: &str, column: &str) -> Result<f64, ReturnCellError> {
    let column = column.to_owned();
    let value: f64 = cell.parse().map_err(|_| ReturnCellError::NotANumber {
        column: column.clone(),
        cell: cell.to_owned(),
    })?;
    if !value.is_finite() {
        return Err(ReturnCellError::Infinite { column });
    }
    if value <= -1.0 {
        return Err(ReturnCellError::AllLost { column, value });
    }
    if value > MAX_RETURN {
        return Err(ReturnCellError::TooLarge { column, value });
    }
    Ok(value)
}

impl ReturnHistory {
    /// The first calendar year.
    pub fn first_year(&self) -> i32 {
        self.years.first().map_or(0, |y| y.year)
    }

    /// An error unless every year has a crypto return: a sleeve replayed on
    /// a history without crypto must never get a silent zero.
    pub fn require_crypto(&self) -> Result<(), HistoryError> {
        if !self.has_crypto_column {
            return Err(HistoryError::File {
                path: self.path.clone(),
                message:
                    "the plan has a crypto sleeve, but this return history has no crypto column"
                        .into(),
            });
        }
        match self.years.iter().find(|y| y.crypto.is_none()) {
            Some(y) => Err(HistoryError::At {
                path: self.path.clone(),
                line: y.line,
                column: 1,
                message: format!(
                    "the plan has a crypto sleeve, but {} has no crypto return",
                    y.year
                ),
            }),
            None => Ok(()),
        }
    }

    /// The number of rolling start years for a horizon of `years`, or an
    /// error that says both lengths.
    pub fn rolling_paths(&self, years: usize) -> Result<usize, HistoryError> {
        let have = self.years.len();
        if years > have {
            return Err(HistoryError::File {
                path: self.path.clone(),
                message: format!(
                    "the return history has {have} years ({} to {}) but the plan needs {years}: rolling needs a history at least as long as the plan",
                    self.first_year(),
                    self.first_year() + have as i32 - 1
                ),
            });
        }
        Ok(have - years + 1)
    }
}

/// The year indices path `path` of a bootstrap replays: blocks of
/// `block_years` consecutive years, each starting at an index drawn
/// uniformly from the starts whose block lies wholly in the file, joined
/// and cut to `horizon_years`. Seeded from `(seed, path)` like Monte Carlo.
pub fn bootstrap_indices(
    seed: u64,
    path: u64,
    history_years: usize,
    block_years: usize,
    horizon_years: usize,
) -> Vec<usize> {
    let mut blocks = BlockCursor::new(seed, path, history_years, block_years);
    (0..horizon_years).map(|_| blocks.next_index()).collect()
}

/// A bootstrap path's year indices one year at a time, drawing each block
/// when the last one is used up: the indices of [`bootstrap_indices`],
/// without a list per path.
#[derive(Clone, Debug)]
pub struct BlockCursor {
    rng: super::rng::PathRng,
    block: usize,
    starts: u64,
    start: usize,
    used: usize,
}

impl BlockCursor {
    /// The cursor of path `path` of a run seeded `seed`.
    pub fn new(seed: u64, path: u64, history_years: usize, block_years: usize) -> Self {
        let block = block_years.clamp(1, history_years.max(1));
        BlockCursor {
            rng: super::rng::path_rng(seed, path),
            block,
            starts: (history_years.max(1) - block + 1) as u64,
            start: 0,
            used: block,
        }
    }

    /// The next year's index in the history.
    pub fn next_index(&mut self) -> usize {
        if self.used == self.block {
            self.start = self.rng.random_range(0..self.starts) as usize;
            self.used = 0;
        }
        self.used += 1;
        self.start + self.used - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<ReturnHistory, HistoryError> {
        parse(text, Path::new("h.csv"))
    }

    #[test]
    fn comments_anywhere_and_real_returns() {
        let h = parse_text("# made up\nyear,stocks,bonds,cash,inflation\n2000,0.10,0.05,0.02,0.02\n# note\n2001,-0.2,0.03,0.01,0.01\n").unwrap();
        assert_eq!(h.years.len(), 2);
        assert_eq!(h.years[1].line, 5);
        let g = h.years[0].real_growth();
        assert!((g[Asset::Stocks] - 1.10 / 1.02).abs() < 1e-15);
        assert!((g[Asset::Cash] - 1.0).abs() < 1e-15);
        assert_eq!(g[Asset::Crypto], 1.0);
        assert!(!h.has_crypto_column);
    }

    #[test]
    fn every_malformed_file_says_where_and_why() {
        let cases = [
            ("", "empty", None),
            ("# only a comment\n", "empty", None),
            ("year,stocks,bonds,cash,inflation\n", "no years", None),
            (
                "year,stocks,bonds,cash\n2000,0.1,0.1,0.1\n",
                "header must be",
                Some((1, 1)),
            ),
            (
                "year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1\n",
                "missing columns",
                Some((2, 17)),
            ),
            (
                "year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1,0.1,0.5\n",
                "extra columns",
                Some((2, 22)),
            ),
            (
                "year,stocks,bonds,cash,inflation\n2000,0.1,x,0.1,0.1\n",
                "bonds return \"x\" is not a number",
                Some((2, 10)),
            ),
            (
                "year,stocks,bonds,cash,inflation\n2000,-1.0,0.1,0.1,0.1\n",
                "-100% or less",
                Some((2, 6)),
            ),
            (
                "year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1,-1.5\n",
                "inflation return -1.5 is -100% or less",
                Some((2, 18)),
            ),
            (
                "year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1,0.1\n2002,0.1,0.1,0.1,0.1\n",
                "a gap",
                Some((3, 1)),
            ),
            (
                "year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1,0.1\n2000,0.1,0.1,0.1,0.1\n",
                "a repeat",
                Some((3, 1)),
            ),
            (
                "year,stocks,bonds,cash,inflation\nMMXX,0.1,0.1,0.1,0.1\n",
                "not a whole number",
                Some((2, 1)),
            ),
        ];
        for (text, words, position) in cases {
            let error = parse_text(text).unwrap_err();
            let message = error.to_string();
            assert!(message.contains(words), "{text:?}: {message}");
            if let Some((line, column)) = position {
                assert!(
                    message.starts_with(&format!("h.csv:{line}:{column}:")),
                    "{text:?}: {message}"
                );
            }
        }
    }

    #[test]
    fn a_sleeve_needs_crypto_in_every_year() {
        let none = parse_text("year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1,0.1\n").unwrap();
        assert!(
            none.require_crypto()
                .unwrap_err()
                .to_string()
                .contains("no crypto column")
        );
        let blank = parse_text("year,stocks,bonds,cash,inflation,crypto\n2000,0.1,0.1,0.1,0.1,0.5\n2001,0.1,0.1,0.1,0.1,\n").unwrap();
        let message = blank.require_crypto().unwrap_err().to_string();
        assert!(
            message.starts_with("h.csv:3:") && message.contains("2001 has no crypto return"),
            "{message}"
        );
        let full =
            parse_text("year,stocks,bonds,cash,inflation,crypto\n2000,0.1,0.1,0.1,0.1,0.5\n")
                .unwrap();
        assert!(full.require_crypto().is_ok());
    }

    #[test]
    fn too_short_for_rolling_says_both_lengths() {
        let h = parse_text(
            "year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1,0.1\n2001,0.1,0.1,0.1,0.1\n",
        )
        .unwrap();
        assert_eq!(h.rolling_paths(2).unwrap(), 1);
        let message = h.rolling_paths(30).unwrap_err().to_string();
        assert!(
            message.contains("has 2 years") && message.contains("needs 30"),
            "{message}"
        );
    }
}

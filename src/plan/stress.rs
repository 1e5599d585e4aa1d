//! Stress tests (MODEL-v2 §11): a market event imposed on every path, to
//! ask "what if it goes wrong?" with the same draws everywhere else.
//!
//! - `zero-at:AGE`: in the year the saver is AGE the sleeve is held at its
//!   target and returns −100% on every path; from AGE + 1 on its target is
//!   0, so nothing more buys it.
//! - `crash-before-retirement`: in the year before the retirement age, on
//!   every path, stocks return −40% and crypto −75% (real); bonds and cash
//!   keep their draws.

use std::fmt;
use std::str::FromStr;

use super::Plan;

/// A stress test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stress {
    /// Crypto goes to zero in the year the saver is this age.
    ZeroAt(u32),
    /// Stocks −40% and crypto −75% in the year before retirement.
    CrashBeforeRetirement,
    /// The private holding marked down 30% (its true and its reported
    /// value) in the year before retirement.
    PrivateMarkdown,
}

/// The private holding's growth factor in the markdown year: −30%.
pub const MARKDOWN_PRIVATE_GROWTH: f64 = 0.7;

/// Stocks' growth factor in the crash year: −40%.
pub const CRASH_STOCKS_GROWTH: f64 = 0.6;
/// Crypto's growth factor in the crash year: −75%.
pub const CRASH_CRYPTO_GROWTH: f64 = 0.25;

/// A stress test's name that is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StressParseError {
    /// `zero-at:` without a whole age.
    #[error("zero-at needs a whole age, as zero-at:60 (is {0:?})")]
    Age(String),
    /// No stress of that name.
    #[error(
        "no stress {0:?}: the stresses are zero-at:AGE, crash-before-retirement and private-markdown"
    )]
    Unknown(String),
}

/// Why a stress test cannot apply to a plan.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StressRefusal {
    /// Crypto cannot go to zero in a plan that holds none.
    #[error("zero-at needs a crypto sleeve: the plan has none")]
    NoSleeve,
    /// A private holding cannot be marked down in a plan that holds none.
    #[error("private-markdown needs a private sleeve: the plan has none")]
    NoPrivate,
    /// The age is not one of the plan's years.
    #[error("zero-at:{age} is outside the plan: its years run from age {first} to {last}")]
    OutsideThePlan {
        /// The age asked for.
        age: u32,
        /// The plan's first age.
        first: u32,
        /// The plan's last simulated age.
        last: u32,
    },
    /// No working year to crash in.
    #[error("crash-before-retirement needs a year before retirement: the plan starts retired")]
    StartsRetired,
}

impl FromStr for Stress {
    type Err = StressParseError;

    fn from_str(text: &str) -> Result<Self, StressParseError> {
        if text == "crash-before-retirement" {
            return Ok(Stress::CrashBeforeRetirement);
        }
        if text == "private-markdown" {
            return Ok(Stress::PrivateMarkdown);
        }
        if let Some(age) = text.strip_prefix("zero-at:") {
            return age
                .trim()
                .parse()
                .map(Stress::ZeroAt)
                .map_err(|_| StressParseError::Age(age.to_owned()));
        }
        Err(StressParseError::Unknown(text.to_owned()))
    }
}

impl fmt::Display for Stress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stress::ZeroAt(age) => write!(f, "zero-at:{age}"),
            Stress::CrashBeforeRetirement => write!(f, "crash-before-retirement"),
            Stress::PrivateMarkdown => write!(f, "private-markdown"),
        }
    }
}

impl Stress {
    /// Why this stress cannot apply to `plan`, if it cannot. `for_comparison`:
    /// the plan is the run without the sleeve of a plan that had one, which
    /// is stressed alike (a zero of no sleeve changes nothing).
    pub fn refusal(self, plan: &Plan, for_comparison: bool) -> Option<StressRefusal> {
        let s = &plan.saver;
        match self {
            Stress::ZeroAt(_) if plan.allocation.sleeve.is_none() && !for_comparison => {
                Some(StressRefusal::NoSleeve)
            }
            Stress::ZeroAt(age) if !(s.age..s.plan_to_age).contains(&age) => {
                Some(StressRefusal::OutsideThePlan {
                    age,
                    first: s.age,
                    last: s.plan_to_age - 1,
                })
            }
            Stress::CrashBeforeRetirement | Stress::PrivateMarkdown
                if s.retirement_age <= s.age =>
            {
                Some(StressRefusal::StartsRetired)
            }
            Stress::PrivateMarkdown if plan.allocation.private.is_none() && !for_comparison => {
                Some(StressRefusal::NoPrivate)
            }
            _ => None,
        }
    }

    /// A short name for cards and reports.
    pub fn words(self) -> String {
        match self {
            Stress::ZeroAt(age) => format!("crypto goes to zero at {age}"),
            Stress::CrashBeforeRetirement => "a crash the year before retirement".into(),
            Stress::PrivateMarkdown => {
                "the private holding marked down 30% the year before retirement".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stresses_read_and_write_as_the_command_line_spells_them() {
        for text in ["zero-at:60", "crash-before-retirement", "private-markdown"] {
            assert_eq!(text.parse::<Stress>().unwrap().to_string(), text);
        }
        assert!(matches!(
            "zero-at:sixty".parse::<Stress>(),
            Err(StressParseError::Age(_))
        ));
        assert!(
            "meltdown"
                .parse::<Stress>()
                .unwrap_err()
                .to_string()
                .contains("the stresses are")
        );
    }

    #[test]
    fn a_stress_that_cannot_apply_says_why() {
        let plan = Plan::sample();
        assert_eq!(
            Stress::ZeroAt(50).refusal(&plan, false),
            Some(StressRefusal::NoSleeve)
        );
        let mut with = plan.clone();
        with.allocation.sleeve = Some(crate::plan::sleeve::Sleeve::constant(0.05));
        assert!(matches!(
            Stress::ZeroAt(30).refusal(&with, false),
            Some(StressRefusal::OutsideThePlan { age: 30, .. })
        ));
        assert_eq!(Stress::ZeroAt(50).refusal(&with, false), None);
        let mut retired = plan;
        retired.saver.retirement_age = retired.saver.age;
        assert_eq!(
            Stress::CrashBeforeRetirement.refusal(&retired, false),
            Some(StressRefusal::StartsRetired)
        );
    }
}

//! The crypto sleeve: a second holding beside the core, with its own target
//! weight that may taper towards retirement.

use serde::{Deserialize, Serialize};

/// Whether the sleeve is brought back to its target weight every year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rebalance {
    /// Every year the balance is split at the target weights: gains in
    /// crypto are sold and losses bought back.
    #[default]
    Annual,
    /// Buy and hold: the sleeve drifts with crypto's returns; contributions
    /// still buy it at its target share.
    Never,
}

/// A crypto holding beside the core.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "SleeveInFile")]
pub struct Sleeve {
    /// Target weight at the plan's starting age.
    pub weight: f64,
    /// Target weight from retirement on; the target moves linearly to it.
    pub weight_at_retirement: f64,
    /// Whether it is brought back to its target each year.
    pub rebalance: Rebalance,
}

/// The sleeve as a file may write it: `weight_at_retirement` defaults to `weight`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SleeveInFile {
    #[serde(default)]
    weight: f64,
    #[serde(default, deserialize_with = "present")]
    weight_at_retirement: Option<f64>,
    #[serde(default)]
    rebalance: Rebalance,
}

/// A number written in the file (RON would otherwise ask for `Some(0.01)`).
pub(super) fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    f64::deserialize(d).map(Some)
}

impl From<SleeveInFile> for Sleeve {
    fn from(f: SleeveInFile) -> Self {
        Sleeve {
            weight: f.weight,
            weight_at_retirement: f.weight_at_retirement.unwrap_or(f.weight),
            rebalance: f.rebalance,
        }
    }
}

impl Sleeve {
    /// A constant sleeve of `weight`, rebalanced every year.
    pub fn constant(weight: f64) -> Self {
        Sleeve {
            weight,
            weight_at_retirement: weight,
            rebalance: Rebalance::Annual,
        }
    }

    /// The target weight at `age_years` for a plan starting at
    /// `start_age_years` that retires at `retirement_age_years`.
    pub fn weight_at(
        &self,
        start_age_years: u32,
        retirement_age_years: u32,
        age_years: u32,
    ) -> f64 {
        taper(
            self.weight,
            self.weight_at_retirement,
            start_age_years,
            retirement_age_years,
            age_years,
        )
    }
}

/// A target weight moving linearly from `weight` at the start age to
/// `at_retirement` at retirement, then held: the crypto and the private
/// sleeves' taper.
pub(super) fn taper(
    weight: f64,
    at_retirement: f64,
    start_age_years: u32,
    retirement_age_years: u32,
    age_years: u32,
) -> f64 {
    if age_years >= retirement_age_years || retirement_age_years <= start_age_years {
        return at_retirement;
    }
    let done = f64::from(age_years.saturating_sub(start_age_years))
        / f64::from(retirement_age_years - start_age_years);
    weight + (at_retirement - weight) * done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tapers_linearly_to_retirement_then_holds() {
        let s = Sleeve {
            weight: 0.03,
            weight_at_retirement: 0.01,
            rebalance: Rebalance::Annual,
        };
        assert_eq!(s.weight_at(35, 65, 35), 0.03);
        assert!((s.weight_at(35, 65, 50) - 0.02).abs() < 1e-15);
        assert_eq!(s.weight_at(35, 65, 65), 0.01);
        assert_eq!(s.weight_at(35, 65, 90), 0.01);
        // A plan that starts retired uses the weight at retirement.
        assert_eq!(s.weight_at(70, 70, 70), 0.01);
    }

    #[test]
    fn weight_at_retirement_defaults_to_weight() {
        let s: Sleeve = ron::from_str("(weight: 0.05)").unwrap();
        assert_eq!(s, Sleeve::constant(0.05));
        assert!(ron::from_str::<Sleeve>("(weight: 0.05, typo: 1)").is_err());
    }
}

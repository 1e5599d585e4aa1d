//! What a crypto assumption implies, in the figures a saver can read:
//! the average year, the typical 10-year path, how often a year loses more
//! than half, and the typical crash year. "Mean 8%, volatility 55%" says
//! little; "keeps 18% of its value on a typical 10-year path; a crash year
//! about one in four, typically −65%" says what the assumption means.
//!
//! Computed from the model of MODEL.md §5 in closed form: a year's log
//! return is normal, plus with probability λ a normal jump, so ten years'
//! sum is a mixture over the number of crash years k (binomial) of normals
//! `N(10μ + kμ_J, 10σ² + kσ_J²)`; its median is found by bisection. Any
//! view, shipped or the user's own, gets its figures the same way.

use crate::plan::assumptions::{AssetAssumption, CryptoCrash};

use super::monte_carlo::{crash_compensation, lognormal_drift};

/// The years of "the typical path".
pub const TYPICAL_PATH_YEARS: u32 = 10;

/// What a crypto view implies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewFigures {
    /// The expected (average) year's return: the view's mean.
    pub average_year: f64,
    /// The median growth factor over [`TYPICAL_PATH_YEARS`] years: 0.18
    /// keeps 18% of the value, 2.8 nearly triples it.
    pub typical_path_growth: f64,
    /// The share of years that lose more than half the value.
    pub years_below_half: f64,
    /// The median return of a year with a crash (`exp(μ + μ_J) − 1`);
    /// `None` for a view without crashes.
    pub typical_crash_year: Option<f64>,
    /// How often a crash year comes: its probability.
    pub crash_probability: f64,
}

impl ViewFigures {
    /// The figures of crypto with return `asset` and crashes `crash`.
    pub fn of(asset: &AssetAssumption, crash: Option<&CryptoCrash>) -> Self {
        let crash = crash.filter(|c| c.probability > 0.0);
        let drift = lognormal_drift(asset) - crash.map_or(0.0, crash_compensation);
        let sigma = asset.volatility;
        let (probability, jump_mean, jump_sigma) =
            crash.map_or((0.0, 0.0, 0.0), |c| (c.probability, c.mean, c.volatility));
        // One year: a mixture of "no crash" and "crash".
        let half = 0.5f64.ln();
        let years_below_half = (1.0 - probability) * normal_cdf(half, drift, sigma)
            + probability
                * normal_cdf(
                    half,
                    drift + jump_mean,
                    (sigma * sigma + jump_sigma * jump_sigma).sqrt(),
                );
        // Ten years: the median of the mixture over the number of crashes.
        let years = f64::from(TYPICAL_PATH_YEARS);
        let n = TYPICAL_PATH_YEARS;
        let components: Vec<(f64, f64, f64)> = (0..=n)
            .map(|k| {
                let k_f = f64::from(k);
                let weight = binomial(n, k)
                    * probability.powi(k as i32)
                    * (1.0 - probability).powi((n - k) as i32);
                let mean = years * drift + k_f * jump_mean;
                let sd = (years * sigma * sigma + k_f * jump_sigma * jump_sigma).sqrt();
                (weight, mean, sd)
            })
            .filter(|(w, _, _)| *w > 0.0)
            .collect();
        let cdf = |s: f64| -> f64 {
            components
                .iter()
                .map(|(w, m, sd)| w * normal_cdf(s, *m, *sd))
                .sum()
        };
        let median_log = median(&components, cdf);
        ViewFigures {
            average_year: asset.mean,
            typical_path_growth: median_log.exp(),
            years_below_half,
            typical_crash_year: crash.map(|c| (drift + c.mean).exp() - 1.0),
            crash_probability: probability,
        }
    }

    /// The figures in words: "keeps 18% of its value on a typical 10-year
    /// path; a crash year about one in four, typically −65%; 23% of years
    /// lose more than half".
    pub fn sentence(&self) -> String {
        let path = if self.typical_path_growth < 1.0 {
            format!(
                "keeps {} of its value on a typical {TYPICAL_PATH_YEARS}-year path",
                whole_percent(self.typical_path_growth)
            )
        } else {
            format!(
                "grows × {:.1} on a typical {TYPICAL_PATH_YEARS}-year path",
                self.typical_path_growth
            )
        };
        let crash = match self.typical_crash_year {
            Some(year) => format!(
                "a crash year about one in {}, typically {}",
                one_in(self.crash_probability),
                whole_percent(year)
            ),
            None => "no crash years".to_owned(),
        };
        format!(
            "{path}; {crash}; {} of years lose more than half",
            whole_percent(self.years_below_half)
        )
    }
}

/// "4" for 0.25; "five" reads no better than "5" on a card.
fn one_in(probability: f64) -> String {
    format!("{:.0}", 1.0 / probability)
}

fn whole_percent(share: f64) -> String {
    let p = (share * 100.0).round();
    if p == 0.0 {
        "0%".to_owned()
    } else {
        format!("{p:.0}%")
    }
}

/// The number of ways to choose k of n.
fn binomial(n: u32, k: u32) -> f64 {
    (0..k).fold(1.0, |c, i| c * f64::from(n - i) / f64::from(i + 1))
}

/// The median of a mixture of normals, by bisection to 1e-12.
fn median(components: &[(f64, f64, f64)], cdf: impl Fn(f64) -> f64) -> f64 {
    let low_end = components
        .iter()
        .map(|(_, m, sd)| m - 10.0 * sd - 1.0)
        .fold(f64::INFINITY, f64::min);
    let high_end = components
        .iter()
        .map(|(_, m, sd)| m + 10.0 * sd + 1.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let (mut low, mut high) = (low_end, high_end);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if cdf(mid) < 0.5 {
            low = mid;
        } else {
            high = mid;
        }
        if high - low < 1e-12 {
            break;
        }
    }
    0.5 * (low + high)
}

/// P(X ≤ x) for X ~ N(mean, sd²); a point mass at the mean when sd is 0.
fn normal_cdf(x: f64, mean: f64, sd: f64) -> f64 {
    if sd == 0.0 {
        return if x < mean { 0.0 } else { 1.0 };
    }
    0.5 * erfc(-(x - mean) / (sd * std::f64::consts::SQRT_2))
}

/// The complementary error function, to about 1e-14 relative: by its
/// continued fraction for |x| > 2, by the Maclaurin series of erf below.
fn erfc(x: f64) -> f64 {
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x < 2.0 {
        // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)).
        let mut term = x;
        let mut sum = x;
        let x2 = x * x;
        let mut n = 0.0;
        while term.abs() > 1e-17 * sum.abs() {
            n += 1.0;
            term *= -x2 / n;
            sum += term / (2.0 * n + 1.0);
        }
        return 1.0 - sum * std::f64::consts::FRAC_2_SQRT_PI;
    }
    // erfc x = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + 2/(x + …))))).
    let mut fraction = x;
    for k in (1..60).rev() {
        fraction = x + f64::from(k) * 0.5 / fraction;
    }
    (-x * x).exp() / (fraction * std::f64::consts::PI.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_matches_known_values() {
        // erfc(0.5), erfc(1), erfc(2), erfc(3) to 15 digits.
        for (x, want) in [
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_1),
            (2.0, 0.004_677_734_981_047_266),
            (3.0, 2.209_049_699_858_544e-5),
        ] {
            assert!(
                (erfc(x) / want - 1.0).abs() < 1e-12,
                "erfc({x}) = {}",
                erfc(x)
            );
        }
        assert!((normal_cdf(0.0, 0.0, 1.0) - 0.5).abs() < 1e-15);
    }

    #[test]
    fn a_view_without_crashes_has_no_crash_year_and_a_lognormal_median() {
        let asset = AssetAssumption {
            mean: 0.05,
            volatility: 0.2,
        };
        let f = ViewFigures::of(&asset, None);
        assert_eq!(f.typical_crash_year, None);
        assert!(f.sentence().contains("no crash years"), "{}", f.sentence());
        let drift = (1.05f64).ln() - 0.02;
        assert!((f.typical_path_growth / (10.0 * drift).exp() - 1.0).abs() < 1e-9);
    }
}

//! The federal tax law of a tax year, as shipped data (`assets/tax_law.ron`,
//! each figure beside its source), and the Uniform Lifetime Table of
//! required minimum distributions (`assets/uniform_lifetime_table.ron`).
//! Read once, on first use; the tests rule out a broken embedded file.

use std::sync::OnceLock;

use serde::Deserialize;

/// How a household files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
pub enum Filing {
    /// One filer.
    #[default]
    Single,
    /// Married, filing jointly.
    Joint,
}

impl Filing {
    /// The command line's word for it (`single`, `joint`).
    pub fn word(self) -> &'static str {
        match self {
            Filing::Single => "single",
            Filing::Joint => "joint",
        }
    }
}

/// One amount for each filing status.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByFiling<T> {
    /// For a single filer.
    pub single: T,
    /// For a married couple filing jointly.
    pub joint: T,
}

impl<T> ByFiling<T> {
    /// The amount for `filing`.
    pub fn of(&self, filing: Filing) -> &T {
        match filing {
            Filing::Single => &self.single,
            Filing::Joint => &self.joint,
        }
    }
}

/// One bracket of the ordinary income tax: `rate` on taxable income from
/// `from_usd` to the next bracket's start.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bracket {
    /// The marginal rate.
    pub rate: f64,
    /// Where it starts, in taxable income.
    pub from_usd: f64,
}

/// The senior deduction of 2025–2028 (IRC §151(d)(5)).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeniorDeduction {
    /// Per filer 65 or older.
    pub per_senior_usd: f64,
    /// How much of each dollar of AGI above the threshold it loses.
    pub phase_out_rate: f64,
    /// Where the phase-out starts.
    pub threshold_usd: ByFiling<f64>,
    /// The last calendar year it exists.
    pub last_year: u32,
}

/// The Social Security thresholds of IRC §86.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialSecurityThresholds {
    /// Above it, up to half the benefits are taxable.
    pub base_usd: ByFiling<f64>,
    /// Above it, up to 85%.
    pub adjusted_base_usd: ByFiling<f64>,
}

/// Long-term capital gains' thresholds, in taxable income.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GainsThresholds {
    /// Gains that fall below it pay 0%.
    pub zero_up_to_usd: ByFiling<f64>,
    /// Gains that fall above it pay 20% (15% between).
    pub twenty_above_usd: ByFiling<f64>,
}

/// The federal law of one tax year (MODEL-v3 §16.2).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    /// The tax year.
    pub year: u32,
    /// The ordinary brackets, lowest first.
    pub brackets: ByFiling<Vec<Bracket>>,
    /// The standard deduction.
    pub standard_deduction_usd: ByFiling<f64>,
    /// Added to it per filer 65 or older.
    pub extra_65_usd: ByFiling<f64>,
    /// The senior deduction (not indexed).
    pub senior_deduction: SeniorDeduction,
    /// Social Security's thresholds (not indexed).
    pub social_security: SocialSecurityThresholds,
    /// Long-term gains' thresholds.
    pub long_term_gains: GainsThresholds,
    /// The additional tax on early withdrawals.
    pub early_withdrawal_rate: f64,
    /// Above these wages the year before, catch-ups are Roth.
    pub roth_catch_up_wages_usd: f64,
}

/// The embedded tables.
struct Shipped {
    laws: Vec<Law>,
    divisors: Vec<(u32, f64)>,
}

fn shipped() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        // The tests read both files: a broken one is a broken build.
        let laws = ron::from_str(include_str!("../../assets/tax_law.ron")).unwrap_or_default();
        let divisors = ron::from_str(include_str!("../../assets/uniform_lifetime_table.ron"))
            .unwrap_or_default();
        Shipped { laws, divisors }
    })
}

/// The law of tax year `year`, if it ships.
pub fn law(year: u32) -> Option<&'static Law> {
    shipped().laws.iter().find(|l| l.year == year)
}

/// The years whose law ships, oldest first.
pub fn law_years() -> Vec<u32> {
    shipped().laws.iter().map(|l| l.year).collect()
}

/// The newest law shipped: what a new plan uses.
pub fn newest_law() -> Option<&'static Law> {
    shipped().laws.last()
}

/// The Uniform Lifetime Table's divisor for an owner reaching `age` in the
/// year: `None` below the table's first age (72); the last row from 120.
pub fn rmd_divisor(age: u32) -> Option<f64> {
    let table = &shipped().divisors;
    let (first, _) = *table.first()?;
    if age < first {
        return None;
    }
    table
        .iter()
        .find(|(a, _)| *a == age)
        .or(table.last())
        .map(|(_, d)| *d)
}

/// The age required minimum distributions start for someone born in
/// `birth_year` (SECURE 2.0 §107): 73 for 1951–1959, 75 from 1960; 72 for
/// 1950 and before (their distributions had already begun).
pub fn rmd_start_age(birth_year: i32) -> u32 {
    match birth_year {
        ..=1950 => 72,
        1951..=1959 => 73,
        _ => 75,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_law_is_the_2026_law_of_the_contract() {
        let law = law(2026).expect("2026 ships");
        assert_eq!(law.brackets.single.len(), 7);
        assert_eq!(law.brackets.joint[1].from_usd, 24_800.0);
        assert_eq!(law.brackets.single[6].rate, 0.37);
        assert_eq!(*law.standard_deduction_usd.of(Filing::Joint), 32_200.0);
        assert_eq!(*law.extra_65_usd.of(Filing::Single), 2_050.0);
        assert_eq!(law.senior_deduction.last_year, 2028);
        for filing in [Filing::Single, Filing::Joint] {
            let b = law.brackets.of(filing);
            assert_eq!(b[0].from_usd, 0.0);
            assert!(
                b.windows(2)
                    .all(|w| w[0].from_usd < w[1].from_usd && w[0].rate < w[1].rate)
            );
        }
        assert_eq!(newest_law().map(|l| l.year), Some(2026));
    }

    #[test]
    fn the_uniform_lifetime_table_is_the_2022_table() {
        let expected = [
            (72, 27.4),
            (73, 26.5),
            (74, 25.5),
            (75, 24.6),
            (80, 20.2),
            (85, 16.0),
            (90, 12.2),
            (95, 8.9),
            (100, 6.4),
            (119, 2.3),
            (120, 2.0),
            (125, 2.0),
        ];
        for (age, divisor) in expected {
            assert_eq!(rmd_divisor(age), Some(divisor), "{age}");
        }
        assert_eq!(rmd_divisor(71), None);
        assert_eq!(shipped().divisors.len(), 120 - 72 + 1);
        assert_eq!(rmd_start_age(1955), 73);
        assert_eq!(rmd_start_age(1960), 75);
        assert_eq!(rmd_start_age(1990), 75);
    }
}

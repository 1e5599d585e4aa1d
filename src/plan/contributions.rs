//! Contributions during the working years: salary, the saver's deferral with
//! auto-escalation, the employer's match and non-elective money, and the IRS
//! limits that cap them.

use serde::{Deserialize, Serialize};

use super::defaults::IrsLimits;

/// The year of the only IRS limits format version 1 knew: a plan that does
/// not name its limits year uses them.
pub const FIRST_IRS_LIMITS_YEAR: u32 = 2026;

/// One tier of an employer match: `rate` dollars per dollar deferred, on
/// the next `up_to` share of salary.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchTier {
    /// Dollars the employer adds per dollar deferred on this tier.
    pub rate: f64,
    /// The slice of salary this tier covers.
    pub up_to: f64,
}

/// What goes in during the working years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contributions {
    /// The saver's deferral as a share of salary in the first year.
    pub employee_rate: f64,
    /// Added to the deferral rate every year (auto-escalation).
    pub escalation: f64,
    /// Escalation stops here (never below the starting rate).
    pub escalation_cap: f64,
    /// Applied in order to the deferral.
    pub employer_match: Vec<MatchTier>,
    /// Non-elective employer money as a share of salary.
    pub employer_fixed: f64,
    /// Whether the IRS limits cap contributions.
    pub irs_limits: bool,
    /// The year of the shipped IRS limits table the plan uses, forever: a
    /// saved plan keeps its numbers when later limits ship.
    pub irs_limits_year: u32,
    /// The share of the saver's own deferrals that goes Roth (format 3).
    pub roth_share: f64,
    /// Whether the employer's money goes Roth (SECURE 2.0 §604: taxable
    /// wages then); pre-tax by default.
    pub employer_roth: bool,
    /// Dollars a year, today's, saved into the taxable account while working.
    pub taxable_savings: f64,
}

impl Default for Contributions {
    fn default() -> Self {
        Contributions {
            employee_rate: 0.0,
            escalation: 0.0,
            escalation_cap: 0.15,
            employer_match: Vec::new(),
            employer_fixed: 0.0,
            irs_limits: true,
            irs_limits_year: FIRST_IRS_LIMITS_YEAR,
            roth_share: 0.0,
            employer_roth: false,
            taxable_savings: 0.0,
        }
    }
}

/// What goes into the account in one working year, in today's dollars,
/// and which limits bind: what the app explains and the engine adds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearContribution {
    /// The year's salary.
    pub salary_usd: f64,
    /// The saver's deferral rate this year, after escalation.
    pub employee_rate: f64,
    /// The saver's deferral after the IRS limit, catch-up included.
    pub deferral_usd: f64,
    /// The employer's match and non-elective money after the additions limit.
    pub employer_usd: f64,
    /// The deferral limit (catch-up included) cut the saver's deferral.
    pub deferral_limit_binds: bool,
    /// The annual additions limit cut the employer's money.
    pub additions_limit_binds: bool,
    /// The limit that applied to the deferral, when IRS limits are on.
    pub deferral_limit_usd: Option<f64>,
}

impl YearContribution {
    /// Everything that goes in: the deferral and the employer's money.
    pub fn total_usd(&self) -> f64 {
        self.deferral_usd + self.employer_usd
    }
}

impl Contributions {
    /// The deferral rate in year `t` after escalation, capped.
    pub fn employee_rate_in_year(&self, years_since_start: u32) -> f64 {
        let cap = self.employee_rate.max(self.escalation_cap);
        (self.employee_rate + self.escalation * f64::from(years_since_start)).min(cap)
    }

    /// The employer match on a deferral of `deferral_usd` from `salary_usd`.
    /// Dollar amounts, no division: a zero salary gives a zero match.
    pub fn match_usd(&self, deferral_usd: f64, salary_usd: f64) -> f64 {
        let mut below_usd = 0.0;
        let mut total_usd = 0.0;
        for tier in &self.employer_match {
            let tier_usd = tier.up_to * salary_usd;
            total_usd += tier.rate * (deferral_usd - below_usd).clamp(0.0, tier_usd);
            below_usd += tier_usd;
        }
        total_usd
    }

    /// Everything that goes in during year `years_since_start`, at `age_years`,
    /// from a salary of `salary_usd` that year.
    pub fn for_year(
        &self,
        years_since_start: u32,
        age_years: u32,
        salary_usd: f64,
        limits: &IrsLimits,
    ) -> YearContribution {
        let employee_rate = self.employee_rate_in_year(years_since_start);
        let wanted_usd = employee_rate * salary_usd;
        let deferral_limit_usd = self
            .irs_limits
            .then(|| limits.deferral_limit_usd(age_years));
        let deferral_usd = deferral_limit_usd.map_or(wanted_usd, |limit| wanted_usd.min(limit));
        let employer_wanted_usd =
            self.match_usd(deferral_usd, salary_usd) + self.employer_fixed * salary_usd;
        let employer_usd = if self.irs_limits {
            // Catch-up deferrals do not count towards the additions limit;
            // the employer's money is cut first.
            let counted_deferral_usd = deferral_usd.min(limits.elective_deferral_usd);
            let room_usd = (limits.annual_additions_usd - counted_deferral_usd).max(0.0);
            employer_wanted_usd.min(room_usd)
        } else {
            employer_wanted_usd
        };
        YearContribution {
            salary_usd,
            employee_rate,
            deferral_usd,
            employer_usd,
            deferral_limit_binds: deferral_usd < wanted_usd,
            additions_limit_binds: employer_usd < employer_wanted_usd,
            deferral_limit_usd,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::defaults::shipped;

    fn two_tiers() -> Contributions {
        Contributions {
            employee_rate: 0.05,
            employer_match: vec![
                MatchTier {
                    rate: 1.0,
                    up_to: 0.03,
                },
                MatchTier {
                    rate: 0.5,
                    up_to: 0.02,
                },
            ],
            ..Contributions::default()
        }
    }

    #[test]
    fn match_example_of_the_model() {
        // 100% of the first 3% plus 50% of the next 2%: 4% for a 5% deferral.
        let c = two_tiers();
        assert!((c.match_usd(5_000.0, 100_000.0) - 4_000.0).abs() < 1e-9);
        assert!((c.match_usd(2_000.0, 100_000.0) - 2_000.0).abs() < 1e-9);
        assert!((c.match_usd(9_000.0, 100_000.0) - 4_000.0).abs() < 1e-9);
        assert_eq!(c.match_usd(0.0, 0.0), 0.0);
    }

    #[test]
    fn escalation_stops_at_the_cap_but_never_below_the_start() {
        let c = Contributions {
            employee_rate: 0.08,
            escalation: 0.01,
            escalation_cap: 0.12,
            ..Contributions::default()
        };
        assert!((c.employee_rate_in_year(2) - 0.10).abs() < 1e-12);
        assert_eq!(c.employee_rate_in_year(10), 0.12);
        let above = Contributions {
            employee_rate: 0.2,
            escalation: 0.01,
            escalation_cap: 0.12,
            ..Contributions::default()
        };
        assert_eq!(above.employee_rate_in_year(5), 0.2);
    }

    #[test]
    fn deferral_limit_with_each_catch_up() {
        let limits = shipped().irs_limits(FIRST_IRS_LIMITS_YEAR).unwrap();
        let c = Contributions {
            employee_rate: 0.5,
            ..Contributions::default()
        };
        let y = c.for_year(0, 45, 200_000.0, limits);
        assert_eq!(y.deferral_usd, 24_500.0);
        assert!(y.deferral_limit_binds);
        assert_eq!(c.for_year(0, 55, 200_000.0, limits).deferral_usd, 32_500.0);
        assert_eq!(c.for_year(0, 62, 200_000.0, limits).deferral_usd, 35_750.0);
        assert_eq!(c.for_year(0, 64, 200_000.0, limits).deferral_usd, 32_500.0);
        let unlimited = Contributions {
            irs_limits: false,
            ..c
        };
        assert_eq!(
            unlimited.for_year(0, 45, 200_000.0, limits).deferral_usd,
            100_000.0
        );
    }

    #[test]
    fn additions_limit_cuts_employer_money_not_catch_up() {
        let limits = shipped().irs_limits(FIRST_IRS_LIMITS_YEAR).unwrap();
        let c = Contributions {
            employee_rate: 0.10,
            employer_fixed: 0.25,
            ..Contributions::default()
        };
        // Salary 400k at 61: deferral 35,750 (24,500 counted), employer wants 100k,
        // room 72,000 - 24,500 = 47,500.
        let y = c.for_year(0, 61, 400_000.0, limits);
        assert_eq!(y.deferral_usd, 35_750.0);
        assert_eq!(y.employer_usd, 47_500.0);
        assert!(y.additions_limit_binds);
        assert_eq!(y.total_usd(), 83_250.0);
    }
}

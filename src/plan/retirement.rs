//! Retirement: how much the portfolio pays each year, and Social Security.

use serde::{Deserialize, Serialize};

/// How the yearly withdrawal is set, in today's dollars.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Withdrawal {
    /// The saver needs this much a year in total; the portfolio pays what
    /// Social Security does not.
    FixedReal(f64),
    /// The "4% rule": this share of the balance at retirement, every year.
    InitialRate(f64),
    /// This share of each year's balance: never runs out, but income varies.
    PercentOfBalance(f64),
}

impl Default for Withdrawal {
    fn default() -> Self {
        Withdrawal::InitialRate(0.04)
    }
}

impl Withdrawal {
    /// What the portfolio is asked to pay this year, before capping at the
    /// balance. `balance_at_retirement_usd` is `B_R` of the 4% rule.
    pub fn amount_usd(
        &self,
        balance_usd: f64,
        balance_at_retirement_usd: f64,
        social_security_usd: f64,
    ) -> f64 {
        match *self {
            Withdrawal::FixedReal(need) => (need - social_security_usd).max(0.0),
            Withdrawal::InitialRate(rate) => rate * balance_at_retirement_usd,
            Withdrawal::PercentOfBalance(rate) => rate * balance_usd,
        }
    }
}

/// A Social Security benefit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SocialSecurity {
    /// The real yearly benefit.
    pub annual: f64,
    /// The age it starts.
    pub from_age: u32,
}

impl Default for SocialSecurity {
    fn default() -> Self {
        SocialSecurity {
            annual: 0.0,
            from_age: 67,
        }
    }
}

/// What the account pays in retirement, and what else comes in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retirement {
    /// How the yearly withdrawal is set.
    pub withdrawal: Withdrawal,
    /// A Social Security benefit, if any.
    pub social_security: Option<SocialSecurity>,
}

impl Retirement {
    /// The Social Security benefit paid at `age_years`.
    pub fn social_security_usd(&self, age_years: u32) -> f64 {
        match &self.social_security {
            Some(ss) if age_years >= ss.from_age => ss.annual,
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_asks_what_it_says() {
        assert_eq!(
            Withdrawal::FixedReal(60_000.0).amount_usd(1e6, 2e6, 24_000.0),
            36_000.0
        );
        assert_eq!(
            Withdrawal::FixedReal(20_000.0).amount_usd(1e6, 2e6, 24_000.0),
            0.0
        );
        assert_eq!(
            Withdrawal::InitialRate(0.04).amount_usd(1e6, 2e6, 24_000.0),
            80_000.0
        );
        assert_eq!(
            Withdrawal::PercentOfBalance(0.05).amount_usd(1e6, 2e6, 0.0),
            50_000.0
        );
    }
}

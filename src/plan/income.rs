//! Income from outside the portfolio: what a year brings in (Social
//! Security, the spouse's benefit, pensions and annuities, less planned
//! expenses) and the streams a plan lists. Today's dollars, before tax.

use serde::{Deserialize, Serialize};

/// The income of one year from outside the portfolio, real dollars.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearIncome {
    /// The saver's Social Security (with their spousal top-up).
    pub social_security_usd: f64,
    /// The spouse's Social Security (with their spousal top-up).
    pub spouse_usd: f64,
    /// Pensions and annuities (positive streams).
    pub other_usd: f64,
    /// Planned expenses (negative streams), as a positive amount.
    pub expenses_usd: f64,
    /// Of `other_usd`, what is not taxable income (with taxes only).
    pub untaxed_usd: f64,
}

impl YearIncome {
    /// Everything that comes in, less the expenses.
    pub fn net_usd(&self) -> f64 {
        self.social_security_usd + self.spouse_usd + self.other_usd - self.expenses_usd
    }
}

/// A pension, an annuity or (negative) a planned expense.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeStream {
    /// What it is ("Teacher's pension", "College").
    pub name: String,
    /// The first year's amount, today's dollars; negative for an expense.
    #[serde(default)]
    pub annual: f64,
    /// The saver's age it starts at.
    pub from_age: u32,
    /// The saver's last age it is paid at (`None`: for life).
    #[serde(default)]
    pub until_age: Option<u32>,
    /// Whether it keeps up with inflation; if not, its real value falls by
    /// `1 / (1 + inflation)` each year after it starts.
    #[serde(default = "yes")]
    pub inflation_adjusted: bool,
    /// Whether it is taxable income (pensions and most annuities are);
    /// format 3, ignored without taxes. An expense is never income.
    #[serde(default = "yes")]
    pub taxable: bool,
    /// The share of it paid to the spouse from the year after the saver's
    /// death (a pension's joint-and-survivor option: 0.5, 1); format 3.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub survivor_share: f64,
}

fn is_zero(share: &f64) -> bool {
    *share == 0.0
}

fn yes() -> bool {
    true
}

impl IncomeStream {
    /// Whether it is paid at the saver's `age_years`.
    pub fn pays_at(&self, age_years: u32) -> bool {
        age_years >= self.from_age && self.until_age.is_none_or(|until| age_years <= until)
    }
}

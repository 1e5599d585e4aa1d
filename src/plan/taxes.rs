//! The plan's taxes (MODEL-v3 §16, format v3): how the household files,
//! which law and first year, whether the need is after or before tax, the
//! order accounts pay in, Roth conversions, a flat state tax and the
//! taxable account's drag. A plan without this block (every v1 and v2
//! file) has no taxes: one pot, every figure before tax.

use serde::{Deserialize, Serialize};

/// The first calendar year of a plan that does not say, and the law it
/// uses: the tax year of the only law shipped when format 3 began.
pub const FIRST_TAX_YEAR: u32 = 2026;

/// How the household files its return.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilingChoice {
    /// Married filing jointly while a spouse is in the plan, else single.
    #[default]
    Auto,
    /// Single.
    Single,
    /// Married filing jointly (the plan must have a spouse).
    Joint,
}

/// What the income need and the essential income measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Spending {
    /// What is left to spend after federal and state tax.
    #[default]
    AfterTax,
    /// Before tax, as in format 2: the tax is shown as a cost.
    BeforeTax,
}

/// The top of a bracket to fill (a withdrawal order, a conversion).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FillBracket {
    /// The bracket's rate: 0.10, 0.12, 0.22, 0.24 or 0.32 (0: no room).
    pub top_rate: f64,
}

/// The order the accounts pay a year's withdrawal in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Order {
    /// The RMD first, then the taxable account, then traditional, then Roth.
    #[default]
    Conventional,
    /// From the three in proportion to their balances.
    ProRata,
    /// Traditional up to the top of a bracket (after the RMD), then the
    /// taxable account, then Roth, then more traditional.
    FillBracket(FillBracket),
}

/// Roth conversions: each year of a window, traditional money moved to
/// Roth up to the top of a bracket.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conversions {
    /// The bracket rate to fill: 0.10, 0.12, 0.22, 0.24 or 0.32.
    pub fill_to_rate: f64,
    /// The saver's age the window opens (60 or later).
    pub from_age: u32,
    /// The last age of the window.
    pub until_age: u32,
}

/// A flat state income tax: a flat approximation of the state's own law.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StateTaxes {
    /// The rate on AGI less the federal standard deduction.
    pub rate: f64,
    /// Whether the state taxes Social Security.
    pub taxes_social_security: bool,
    /// Whether it exempts traditional withdrawals and pensions.
    pub exempts_retirement_income: bool,
}

/// The plan's taxes; see the module docs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Taxes {
    /// How the household files.
    pub filing: FilingChoice,
    /// The tax year of the law the plan uses, forever (variants cannot
    /// change it): a saved plan keeps its numbers when later laws ship.
    pub law: u32,
    /// The calendar year of the plan's first year (a saver aged A was born
    /// in `first_year − A`).
    pub first_year: u32,
    /// After or before tax.
    pub spending: Spending,
    /// The order the accounts pay in.
    pub order: Order,
    /// Roth conversions, if any.
    pub conversions: Option<Conversions>,
    /// A flat state tax.
    pub state: StateTaxes,
    /// How much lower the taxable account's return is than the plan's, a
    /// year: the tax on its dividends (0.004 is about a 2% yield taxed at
    /// 15–20%).
    pub taxable_drag: f64,
}

impl Default for Taxes {
    fn default() -> Self {
        Taxes {
            filing: FilingChoice::Auto,
            law: FIRST_TAX_YEAR,
            first_year: FIRST_TAX_YEAR,
            spending: Spending::AfterTax,
            order: Order::Conventional,
            conversions: None,
            state: StateTaxes::default(),
            taxable_drag: 0.004,
        }
    }
}

/// An account outside the plan, taxed on its gains when sold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxable {
    /// What it is worth today.
    pub balance: f64,
    /// What was paid in (its cost basis).
    #[serde(default)]
    pub basis: f64,
}

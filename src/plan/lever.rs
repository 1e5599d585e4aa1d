//! Levers: every number of a plan that a user can vary, each named once.
//!
//! A [`Lever`] knows its field path in the plan file (`saver.retirement_age`),
//! its unit, the range validation allows, a plain-English label, and how to
//! read and write it on a [`Plan`]. The plan panel draws its inputs from
//! levers, validation reports their problems under their paths, and solve
//! and sweep vary them, so the three can never disagree on a name or a
//! range. Each lever is one row of the table below (the `levers!` rows):
//! adding a field is adding a row. Paths of fields that are not single
//! numbers (a match tier, a knot, a choice of rule) are named in [`path`],
//! the only other place a field path is written.

use super::Plan;
use super::asset::Asset;
use super::private::{PrivateKind, PrivateSleeve};
use super::sleeve::{Rebalance, Sleeve};
use super::social_security::SocialSecurity;
use super::taxes::Order;
use super::withdrawal::Withdrawal;
use crate::units::{grouped, percent_exact};

/// The most money any amount may be: a trillion dollars.
pub const MAX_USD: f64 = 1e12;
/// The youngest age a saver, a benefit or an income may start at.
pub const MIN_AGE_YEARS: u32 = 18;
/// The oldest age a plan may reach.
pub const MAX_AGE_YEARS: u32 = 120;
/// The most paths a run may simulate.
pub const MAX_PATHS: u32 = 1_000_000;

/// What a lever's number measures, which decides how it is shown and typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Dollars, today's (real) dollars unless said otherwise.
    Usd,
    /// A share in [0, 1] shown as a percentage (0.08 is 8%).
    Share,
    /// A yearly rate that may be negative, shown as a percentage.
    Rate,
    /// A jump in log terms (a crash's size), shown as the loss it means.
    LogJump,
    /// An age or a number of years, whole.
    Years,
    /// A calendar year (2026), whole.
    Year,
    /// A whole count (paths).
    Count,
}

/// The values validation allows for a lever, both ends included unless
/// `min_exclusive`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The smallest value allowed.
    pub min: f64,
    /// The largest value allowed.
    pub max: f64,
    /// The minimum itself is not allowed (an expected return above −100%).
    pub min_exclusive: bool,
}

impl Range {
    const fn closed(min: f64, max: f64) -> Self {
        Range {
            min,
            max,
            min_exclusive: false,
        }
    }

    /// Whether `value` lies in the range.
    pub fn contains(&self, value: f64) -> bool {
        let above_min = if self.min_exclusive {
            value > self.min
        } else {
            value >= self.min
        };
        above_min && value <= self.max
    }
}

/// Why [`Lever::set`] wrote nothing.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SetError {
    /// The field is not in this plan (a sleeve weight without a sleeve, a
    /// rate under an income need).
    #[error("does not apply to this plan")]
    DoesNotApply,
    /// A sleeve weight whose kept taper would put more than all of the
    /// account in the sleeve at retirement.
    #[error(
        "a sleeve of {weight} tapering as the plan's does would be {at_retirement} at retirement, above 100%"
    )]
    TaperAboveAll {
        /// The weight asked for.
        weight: f64,
        /// What the taper makes of it at retirement.
        at_retirement: f64,
    },
}

/// Where a lever's number lives in a plan.
pub enum Slot<'a> {
    /// A number, written as given.
    Number(&'a mut f64),
    /// A whole number (an age, a count), written as the nearest whole
    /// number within what it can hold.
    Whole(&'a mut u32),
}

/// How a lever writes its value.
#[derive(Clone, Copy)]
enum Write {
    /// Into one field, if the plan has it.
    Slot(for<'a> fn(&'a mut Plan) -> Option<Slot<'a>>),
    /// With rules of its own across fields (the tapered sleeve weight).
    Rule(fn(&mut Plan, f64) -> Result<(), SetError>),
}

/// How a lever's out-of-range message is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Words {
    /// "must be between A and B".
    Between,
    /// "must be at least A" / "must be at most B" (the saver's ages).
    AtLeastAtMost,
    /// "must be above A" / "must be at most B" (returns above −100%).
    AboveAtMost,
    /// "must not be negative" / "must be at most B" (volatilities).
    NotNegative,
}

/// One row of the table: everything about one lever.
struct Spec {
    path: &'static str,
    label: &'static str,
    unit: Unit,
    range: Range,
    words: Words,
    /// Its value, where the plan has it.
    get: fn(&Plan) -> Option<f64>,
    write: Write,
}

const SHARE: Range = Range::closed(0.0, 1.0);
const MONEY: Range = Range::closed(0.0, MAX_USD);
const AGES: Range = Range::closed(MIN_AGE_YEARS as f64, MAX_AGE_YEARS as f64);
/// Expected returns: above −100%, at most 100% a year.
const RETURN: Range = Range {
    min: -1.0,
    max: 1.0,
    min_exclusive: true,
};
/// A monthly Social Security benefit: the largest at 70 in 2026 is about
/// $5,200; a hundred thousand leaves room for any typo to be caught.
const MONTHLY_BENEFIT: Range = Range::closed(0.0, 100_000.0);
/// Social Security is claimed from 62 to 70.
const CLAIM_AGES: Range = Range::closed(62.0, 70.0);
/// Full retirement age: 66 (born 1943–1954) or 67 (born 1960 or later; the
/// years between are rounded to whole years).
const FULL_RETIREMENT_AGES: Range = Range::closed(66.0, 67.0);
/// Volatilities: at most 500% a year (bitcoin's realised volatility is about 70%).
const VOLATILITY: Range = Range::closed(0.0, 5.0);

/// The table: the enum [`Lever`], [`Lever::ALL`] in the order of the rows
/// (the order of the plan file) and one [`Spec`] per row, made from the
/// same list, so `SPECS[lever as usize]` is always the lever's own row.
macro_rules! levers {
    ($(
        $(#[$doc:meta])*
        $name:ident {
            $path:expr, $label:expr, $unit:ident, $range:expr, $words:ident,
            get: $get:expr,
            write: $write:expr $(,)?
        }
    )*) => {
        /// Every number of a plan a user can vary. See the module docs.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Lever {
            $( $(#[$doc])* $name, )*
        }

        impl Lever {
            /// Every lever, in the order of the plan file.
            pub const ALL: [Lever; [$(stringify!($name)),*].len()] = [$(Lever::$name),*];
        }

        static SPECS: [Spec; Lever::ALL.len()] = [$(
            Spec {
                path: $path,
                label: $label,
                unit: Unit::$unit,
                range: $range,
                words: Words::$words,
                get: $get,
                write: $write,
            },
        )*];
    };
}

/// A field's value, read where it is (whole numbers as numbers).
macro_rules! read {
    ($($field:ident).+) => {
        |p| Some(f64::from(p.$($field).+))
    };
}

/// A field that is a number, written where it is.
macro_rules! number {
    ($($field:ident).+) => {
        Write::Slot(|p| Some(Slot::Number(&mut p.$($field).+)))
    };
}

/// A field that is a whole number, written where it is.
macro_rules! whole {
    ($($field:ident).+) => {
        Write::Slot(|p| Some(Slot::Whole(&mut p.$($field).+)))
    };
}

/// A field inside an optional part of the plan (`allocation.sleeve =>
/// weight`), read and written where the part is there.
macro_rules! optional {
    (read $($part:ident).+ => $($field:ident).+) => {
        |p| Some(f64::from(p.$($part).+.as_ref()?.$($field).+))
    };
    (write $slot:ident $($part:ident).+ => $($field:ident).+) => {
        Write::Slot(|p| Some(Slot::$slot(&mut p.$($part).+.as_mut()?.$($field).+)))
    };
}

/// A field of one withdrawal rule (`Guardrails.upper`), read and written
/// where the plan spends by that rule.
macro_rules! in_rule {
    (read $rule:ident . $field:ident) => {
        |p| match p.retirement.withdrawal {
            Withdrawal::$rule(r) => Some(f64::from(r.$field)),
            _ => None,
        }
    };
    (write $slot:ident $rule:ident . $field:ident) => {
        Write::Slot(|p| match &mut p.retirement.withdrawal {
            Withdrawal::$rule(r) => Some(Slot::$slot(&mut r.$field)),
            _ => None,
        })
    };
}

/// A field of the private sleeve's view: read as the plan runs it (the
/// shipped view with the plan's overrides), written as an override.
macro_rules! private_view {
    (read $field:ident) => {
        |p| {
            let private = p.allocation.private.as_ref()?;
            Some(private.resolved(p.assumptions.inflation).$field)
        }
    };
    (write $field:ident) => {
        Write::Rule(|p, value| {
            let private = p
                .allocation
                .private
                .as_mut()
                .ok_or(SetError::DoesNotApply)?;
            private.view.get_or_insert_with(Default::default).$field = Some(value);
            Ok(())
        })
    };
}

levers! {
    /// The saver's age today.
    Age {
        "saver.age", "Age", Years, AGES, AtLeastAtMost,
        get: read!(saver.age),
        write: whole!(saver.age),
    }
    /// The age work stops.
    RetirementAge {
        "saver.retirement_age", "Retirement age", Years, AGES, AtLeastAtMost,
        get: read!(saver.retirement_age),
        write: whole!(saver.retirement_age),
    }
    /// The last age the money should last to.
    PlanToAge {
        "saver.plan_to_age", "Plan to age", Years, AGES, AtLeastAtMost,
        get: read!(saver.plan_to_age),
        write: whole!(saver.plan_to_age),
    }
    /// Today's balance.
    Balance {
        "saver.balance", "Balance", Usd, MONEY, Between,
        get: read!(saver.balance),
        write: number!(saver.balance),
    }
    /// This year's salary.
    Salary {
        "saver.salary", "Salary", Usd, MONEY, Between,
        get: read!(saver.salary),
        write: number!(saver.salary),
    }
    /// Real salary growth a year.
    SalaryGrowth {
        "saver.salary_growth", "Salary growth", Share, SHARE, Between,
        get: read!(saver.salary_growth),
        write: number!(saver.salary_growth),
    }
    /// Roth money today.
    RothBalance {
        "saver.roth_balance", "Roth balance", Usd, MONEY, Between,
        get: read!(saver.roth_balance),
        write: number!(saver.roth_balance),
    }
    /// The taxable account's value today.
    TaxableBalance {
        "saver.taxable.balance", "Taxable account", Usd, MONEY, Between,
        get: optional!(read saver.taxable => balance),
        write: optional!(write Number saver.taxable => balance),
    }
    /// What was paid into the taxable account (its cost basis).
    TaxableBasis {
        "saver.taxable.basis", "Its cost basis", Usd, MONEY, Between,
        get: optional!(read saver.taxable => basis),
        write: optional!(write Number saver.taxable => basis),
    }
    /// The saver's deferral rate (the command line's `contribution_rate`).
    EmployeeRate {
        "contributions.employee_rate", "Contribution rate", Share, SHARE, Between,
        get: read!(contributions.employee_rate),
        write: number!(contributions.employee_rate),
    }
    /// The deferral's yearly rise.
    Escalation {
        "contributions.escalation", "Auto-escalation", Share, SHARE, Between,
        get: read!(contributions.escalation),
        write: number!(contributions.escalation),
    }
    /// The rate escalation stops at.
    EscalationCap {
        "contributions.escalation_cap", "Escalation stops at", Share, SHARE, Between,
        get: read!(contributions.escalation_cap),
        write: number!(contributions.escalation_cap),
    }
    /// The employer's contribution whatever the saver defers.
    EmployerFixed {
        "contributions.employer_fixed", "Employer non-elective", Share, SHARE, Between,
        get: read!(contributions.employer_fixed),
        write: number!(contributions.employer_fixed),
    }
    /// The share of the saver's deferrals that goes Roth.
    RothShare {
        "contributions.roth_share", "Roth share of your deferrals", Share, SHARE, Between,
        get: read!(contributions.roth_share),
        write: number!(contributions.roth_share),
    }
    /// Saved into the taxable account a year while working.
    TaxableSavings {
        "contributions.taxable_savings", "Saved outside the plan a year", Usd, MONEY, Between,
        get: read!(contributions.taxable_savings),
        write: number!(contributions.taxable_savings),
    }
    /// The sleeve's weight today, alone (its weight at retirement stays).
    SleeveWeight {
        "allocation.sleeve.weight", "Sleeve weight", Share, SHARE, Between,
        get: optional!(read allocation.sleeve => weight),
        write: optional!(write Number allocation.sleeve => weight),
    }
    /// The sleeve's weight at retirement.
    SleeveWeightAtRetirement {
        "allocation.sleeve.weight_at_retirement", "Sleeve weight at retirement", Share, SHARE, Between,
        get: optional!(read allocation.sleeve => weight_at_retirement),
        write: optional!(write Number allocation.sleeve => weight_at_retirement),
    }
    /// The sleeve's size with its taper kept: the weight today, and the
    /// weight at retirement scaled alike (`weight_at_retirement / weight`
    /// stays; 1 without a sleeve or from a weight of 0). A plan without a
    /// sleeve gets one, rebalanced every year; without one it reads 0.
    /// What a sweep of the sleeve's weight varies.
    SleeveSize {
        "allocation.sleeve.weight", "Sleeve weight, taper kept", Share, SHARE, Between,
        get: |p| Some(p.allocation.sleeve.as_ref().map_or(0.0, |s| s.weight)),
        write: Write::Rule(sleeve_size),
    }
    /// The private sleeve's weight today with its taper kept, as
    /// [`Lever::SleeveSize`] does for crypto; a plan without one gets a
    /// private-equity sleeve (the command line's `private_weight`).
    PrivateWeight {
        "allocation.private.weight", "Private sleeve weight", Share, SHARE, Between,
        get: |p| Some(p.allocation.private.as_ref().map_or(0.0, |s| s.weight)),
        write: Write::Rule(private_size),
    }
    /// The private sleeve's weight at retirement.
    PrivateWeightAtRetirement {
        "allocation.private.weight_at_retirement", "Private weight at retirement", Share, SHARE, Between,
        get: optional!(read allocation.private => weight_at_retirement),
        write: optional!(write Number allocation.private => weight_at_retirement),
    }
    /// The private assets' expected real return before fees (arithmetic).
    PrivateMean {
        "allocation.private.view.mean", "Private: average year before fees", Rate, RETURN, AboveAtMost,
        get: private_view!(read mean),
        write: private_view!(write mean),
    }
    /// The volatility of the private assets' true (unsmoothed) return.
    PrivateVolatility {
        "allocation.private.view.volatility", "Private: true volatility", Share, VOLATILITY, NotNegative,
        get: private_view!(read volatility),
        write: private_view!(write volatility),
    }
    /// The private assets' correlation with stocks.
    PrivateCorrelationStocks {
        "allocation.private.view.correlation_stocks", "Private: correlation with stocks", Rate, Range::closed(-1.0, 1.0), Between,
        get: private_view!(read correlation_stocks),
        write: private_view!(write correlation_stocks),
    }
    /// The private assets' correlation with bonds.
    PrivateCorrelationBonds {
        "allocation.private.view.correlation_bonds", "Private: correlation with bonds", Rate, Range::closed(-1.0, 1.0), Between,
        get: private_view!(read correlation_bonds),
        write: private_view!(write correlation_bonds),
    }
    /// Appraisal smoothing: the share of last year's reported return in
    /// this year's. At 1 the reported value would never move.
    PrivateSmoothing {
        "allocation.private.view.smoothing", "Private: smoothing of reported values", Share, Range::closed(0.0, 0.95), Between,
        get: private_view!(read smoothing),
        write: private_view!(write smoothing),
    }
    /// The private fund's management fee (the command line's `private_fee`).
    PrivateFee {
        "allocation.private.view.management", "Private: management fee", Share, SHARE, Between,
        get: private_view!(read management),
        write: private_view!(write management),
    }
    /// The private fund's performance fee, a share of the return above the hurdle.
    PrivateCarry {
        "allocation.private.view.carry", "Private: carry above the hurdle", Share, SHARE, Between,
        get: private_view!(read carry),
        write: private_view!(write carry),
    }
    /// The real return above which carry is charged.
    PrivateHurdle {
        "allocation.private.view.hurdle", "Private: hurdle (real)", Rate, RETURN, AboveAtMost,
        get: private_view!(read hurdle),
        write: private_view!(write hurdle),
    }
    /// The most of the private holding that can be sold in a year.
    PrivateMaxSale {
        "allocation.private.view.max_sale", "Private: most sold in a year", Share, Range { min: 0.0, max: 1.0, min_exclusive: true }, Between,
        get: private_view!(read max_sale),
        write: private_view!(write max_sale),
    }
    /// The income need of a `FixedReal` withdrawal.
    SpendingAmount {
        path::WITHDRAWAL, "Income you need", Usd, MONEY, Between,
        get: |p| match p.retirement.withdrawal {
            Withdrawal::FixedReal(amount) => Some(amount),
            _ => None,
        },
        write: Write::Slot(|p| match &mut p.retirement.withdrawal {
            Withdrawal::FixedReal(amount) => Some(Slot::Number(amount)),
            _ => None,
        }),
    }
    /// The rate of `InitialRate`, `PercentOfBalance` or `FloorCeiling`,
    /// or the initial rate of `Guardrails`.
    WithdrawalRate {
        path::WITHDRAWAL, "Withdrawal rate", Share, SHARE, Between,
        get: |p| match p.retirement.withdrawal {
            Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate) => Some(rate),
            Withdrawal::Guardrails(g) => Some(g.initial_rate),
            Withdrawal::FloorCeiling(f) => Some(f.rate),
            Withdrawal::FixedReal(_) | Withdrawal::Vpw(_) => None,
        },
        write: Write::Slot(|p| match &mut p.retirement.withdrawal {
            Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate) => {
                Some(Slot::Number(rate))
            }
            Withdrawal::Guardrails(g) => Some(Slot::Number(&mut g.initial_rate)),
            Withdrawal::FloorCeiling(f) => Some(Slot::Number(&mut f.rate)),
            Withdrawal::FixedReal(_) | Withdrawal::Vpw(_) => None,
        }),
    }
    /// Guardrails: how far above the initial rate spending is cut.
    GuardrailsUpper {
        "retirement.withdrawal.upper", "Upper guardrail", Share, Range::closed(0.0, 10.0), NotNegative,
        get: in_rule!(read Guardrails.upper),
        write: in_rule!(write Number Guardrails.upper),
    }
    /// Guardrails: how far below the initial rate spending is raised.
    GuardrailsLower {
        "retirement.withdrawal.lower", "Lower guardrail", Share, SHARE, Between,
        get: in_rule!(read Guardrails.lower),
        write: in_rule!(write Number Guardrails.lower),
    }
    /// Guardrails: the cut or raise at a rail. A cut of 100% or more would
    /// stop spending for good.
    GuardrailsAdjustment {
        "retirement.withdrawal.adjustment", "Adjustment at a rail", Share, Range::closed(0.0, 0.99), Between,
        get: in_rule!(read Guardrails.adjustment),
        write: in_rule!(write Number Guardrails.adjustment),
    }
    /// Guardrails: the last years with no cuts.
    GuardrailsYearsLeft {
        "retirement.withdrawal.until_years_left", "No cuts in the last", Years, Range::closed(0.0, MAX_AGE_YEARS as f64), Between,
        get: in_rule!(read Guardrails.until_years_left),
        write: in_rule!(write Whole Guardrails.until_years_left),
    }
    /// VPW: the real return its payments assume.
    VpwReturn {
        "retirement.withdrawal.real_return", "Return VPW assumes", Rate, RETURN, AboveAtMost,
        get: in_rule!(read Vpw.real_return),
        write: in_rule!(write Number Vpw.real_return),
    }
    /// Floor and ceiling: the most spending rises in a year.
    FloorCeilingCeiling {
        "retirement.withdrawal.ceiling", "Ceiling: most it rises in a year", Share, SHARE, Between,
        get: in_rule!(read FloorCeiling.ceiling),
        write: in_rule!(write Number FloorCeiling.ceiling),
    }
    /// Floor and ceiling: the most spending falls in a year.
    FloorCeilingFloor {
        "retirement.withdrawal.floor", "Floor: most it falls in a year", Share, SHARE, Between,
        get: in_rule!(read FloorCeiling.floor),
        write: in_rule!(write Number FloorCeiling.floor),
    }
    /// The essential income to measure against.
    Essential {
        "retirement.essential", "Essential income", Usd, MONEY, Between,
        get: |p| p.retirement.essential,
        write: Write::Slot(|p| Some(Slot::Number(p.retirement.essential.as_mut()?))),
    }
    /// After a death in a couple, the share of the need the survivor keeps.
    SurvivorNeed {
        "retirement.survivor_need", "Survivor's share of the need", Share, SHARE, Between,
        get: |p| p.retirement.spouse.as_ref().map(|_| p.retirement.survivor_need),
        write: Write::Slot(|p| {
            p.retirement.spouse.as_ref()?;
            Some(Slot::Number(&mut p.retirement.survivor_need))
        }),
    }
    /// The v1 form's yearly benefit.
    SocialSecurityAnnual {
        "retirement.social_security.annual", "Social Security a year", Usd, MONEY, Between,
        get: |p| match p.retirement.social_security.as_ref()? {
            SocialSecurity::Fixed { annual, .. } => Some(*annual),
            SocialSecurity::Claimed(_) => None,
        },
        write: Write::Slot(|p| match p.retirement.social_security.as_mut()? {
            SocialSecurity::Fixed { annual, .. } => Some(Slot::Number(annual)),
            SocialSecurity::Claimed(_) => None,
        }),
    }
    /// The v1 form's start age.
    SocialSecurityFromAge {
        "retirement.social_security.from_age", "Social Security from age", Years, AGES, Between,
        get: |p| match p.retirement.social_security.as_ref()? {
            SocialSecurity::Fixed { from_age, .. } => Some(f64::from(*from_age)),
            SocialSecurity::Claimed(_) => None,
        },
        write: Write::Slot(|p| match p.retirement.social_security.as_mut()? {
            SocialSecurity::Fixed { from_age, .. } => Some(Slot::Whole(from_age)),
            SocialSecurity::Claimed(_) => None,
        }),
    }
    /// The monthly benefit at full retirement age (PIA).
    SocialSecurityPia {
        "retirement.social_security.pia", "Monthly benefit at full retirement age", Usd, MONTHLY_BENEFIT, Between,
        get: |p| Some(p.retirement.social_security.as_ref()?.benefit()?.pia),
        write: Write::Slot(|p| match p.retirement.social_security.as_mut()? {
            SocialSecurity::Claimed(b) => Some(Slot::Number(&mut b.pia)),
            SocialSecurity::Fixed { .. } => None,
        }),
    }
    /// The age the saver claims Social Security.
    SocialSecurityClaimAge {
        "retirement.social_security.claim_age", "Claiming age", Years, CLAIM_AGES, Between,
        get: |p| Some(f64::from(p.retirement.social_security.as_ref()?.benefit()?.claim_age)),
        write: Write::Slot(|p| match p.retirement.social_security.as_mut()? {
            SocialSecurity::Claimed(b) => Some(Slot::Whole(&mut b.claim_age)),
            SocialSecurity::Fixed { .. } => None,
        }),
    }
    /// The saver's full retirement age.
    SocialSecurityFullRetirementAge {
        "retirement.social_security.full_retirement_age", "Full retirement age", Years, FULL_RETIREMENT_AGES, Between,
        get: |p| {
            let benefit = p.retirement.social_security.as_ref()?.benefit()?;
            Some(f64::from(benefit.full_retirement_age))
        },
        write: Write::Slot(|p| match p.retirement.social_security.as_mut()? {
            SocialSecurity::Claimed(b) => Some(Slot::Whole(&mut b.full_retirement_age)),
            SocialSecurity::Fixed { .. } => None,
        }),
    }
    /// The spouse's age today.
    SpouseAge {
        "retirement.spouse.age", "Spouse's age", Years, AGES, Between,
        get: optional!(read retirement.spouse => age),
        write: optional!(write Whole retirement.spouse => age),
    }
    /// The spouse's monthly benefit at full retirement age.
    SpousePia {
        "retirement.spouse.pia", "Spouse's monthly benefit at full retirement age", Usd, MONTHLY_BENEFIT, Between,
        get: optional!(read retirement.spouse => pia),
        write: optional!(write Number retirement.spouse => pia),
    }
    /// The age the spouse claims.
    SpouseClaimAge {
        "retirement.spouse.claim_age", "Spouse's claiming age", Years, CLAIM_AGES, Between,
        get: optional!(read retirement.spouse => claim_age),
        write: optional!(write Whole retirement.spouse => claim_age),
    }
    /// The spouse's full retirement age.
    SpouseFullRetirementAge {
        "retirement.spouse.full_retirement_age", "Spouse's full retirement age", Years, FULL_RETIREMENT_AGES, Between,
        get: optional!(read retirement.spouse => full_retirement_age),
        write: optional!(write Whole retirement.spouse => full_retirement_age),
    }
    /// The stock funds' expense ratio.
    StocksFee {
        "fees.stocks", "Stock fund fee", Share, SHARE, Between,
        get: read!(fees.stocks),
        write: number!(fees.stocks),
    }
    /// The bond funds' expense ratio.
    BondsFee {
        "fees.bonds", "Bond fund fee", Share, SHARE, Between,
        get: read!(fees.bonds),
        write: number!(fees.bonds),
    }
    /// The cash fund's expense ratio.
    CashFee {
        "fees.cash", "Cash fund fee", Share, SHARE, Between,
        get: read!(fees.cash),
        write: number!(fees.cash),
    }
    /// The crypto fund's sponsor fee.
    CryptoFee {
        "fees.crypto", "Crypto fund fee", Share, SHARE, Between,
        get: read!(fees.crypto),
        write: number!(fees.crypto),
    }
    /// The plan's own fee, on every holding.
    PlanFee {
        "fees.plan", "Plan fee", Share, SHARE, Between,
        get: read!(fees.plan),
        write: number!(fees.plan),
    }
    /// Stocks' expected real return.
    StocksMean {
        "assumptions.stocks.mean", "Stocks: average year", Rate, RETURN, AboveAtMost,
        get: read!(assumptions.stocks.mean),
        write: number!(assumptions.stocks.mean),
    }
    /// Stocks' volatility.
    StocksVolatility {
        "assumptions.stocks.volatility", "Stocks: volatility", Share, VOLATILITY, NotNegative,
        get: read!(assumptions.stocks.volatility),
        write: number!(assumptions.stocks.volatility),
    }
    /// Bonds' expected real return.
    BondsMean {
        "assumptions.bonds.mean", "Bonds: average year", Rate, RETURN, AboveAtMost,
        get: read!(assumptions.bonds.mean),
        write: number!(assumptions.bonds.mean),
    }
    /// Bonds' volatility.
    BondsVolatility {
        "assumptions.bonds.volatility", "Bonds: volatility", Share, VOLATILITY, NotNegative,
        get: read!(assumptions.bonds.volatility),
        write: number!(assumptions.bonds.volatility),
    }
    /// Cash's expected real return.
    CashMean {
        "assumptions.cash.mean", "Cash: average year", Rate, RETURN, AboveAtMost,
        get: read!(assumptions.cash.mean),
        write: number!(assumptions.cash.mean),
    }
    /// Cash's volatility.
    CashVolatility {
        "assumptions.cash.volatility", "Cash: volatility", Share, VOLATILITY, NotNegative,
        get: read!(assumptions.cash.volatility),
        write: number!(assumptions.cash.volatility),
    }
    /// Crypto's expected real return (before crashes are compensated).
    CryptoMean {
        "assumptions.crypto.mean", "Crypto: average year", Rate, RETURN, AboveAtMost,
        get: read!(assumptions.crypto.mean),
        write: number!(assumptions.crypto.mean),
    }
    /// Crypto's volatility.
    CryptoVolatility {
        "assumptions.crypto.volatility", "Crypto: volatility", Share, VOLATILITY, NotNegative,
        get: read!(assumptions.crypto.volatility),
        write: number!(assumptions.crypto.volatility),
    }
    /// The chance of a crypto crash in any one year.
    CrashProbability {
        "assumptions.crypto_crash.probability", "Chance of a crash in a year", Share, SHARE, Between,
        get: optional!(read assumptions.crypto_crash => probability),
        write: optional!(write Number assumptions.crypto_crash => probability),
    }
    /// A crash's mean size in log terms. A log jump of −20 leaves e^−20 of
    /// the value: nothing left that any chart could show. Crashes only fall.
    CrashMean {
        "assumptions.crypto_crash.mean", "A typical crash", LogJump, Range::closed(-20.0, 0.0), Between,
        get: optional!(read assumptions.crypto_crash => mean),
        write: optional!(write Number assumptions.crypto_crash => mean),
    }
    /// How much a crash's size varies, in log terms.
    CrashVolatility {
        "assumptions.crypto_crash.volatility", "Crash size varies by", Share, VOLATILITY, NotNegative,
        get: optional!(read assumptions.crypto_crash => volatility),
        write: optional!(write Number assumptions.crypto_crash => volatility),
    }
    /// Inflation, used to show future dollars.
    Inflation {
        "assumptions.inflation", "Inflation", Rate, RETURN, AboveAtMost,
        get: read!(assumptions.inflation),
        write: number!(assumptions.inflation),
    }
    /// The calendar year of the plan's first year.
    FirstTaxYear {
        "taxes.first_year", "The plan's first calendar year", Year, Range::closed(2000.0, 2200.0), Between,
        get: optional!(read taxes => first_year),
        write: optional!(write Whole taxes => first_year),
    }
    /// A flat state income tax rate (the highest state rate is about 13%).
    StateRate {
        "taxes.state.rate", "State income tax rate", Share, Range::closed(0.0, 0.5), Between,
        get: optional!(read taxes => state.rate),
        write: optional!(write Number taxes => state.rate),
    }
    /// How much lower the taxable account's return is: the tax on its
    /// dividends.
    TaxableDrag {
        "taxes.taxable_drag", "Tax drag on the taxable account", Share, Range::closed(0.0, 0.05), Between,
        get: optional!(read taxes => taxable_drag),
        write: optional!(write Number taxes => taxable_drag),
    }
    /// The bracket a fill-the-bracket order fills, by its rate.
    OrderTopRate {
        path::ORDER_TOP_RATE, "Fill traditional withdrawals up to the bracket of", Share, Range::closed(0.0, 0.35), Between,
        get: |p| match p.taxes.as_ref()?.order {
            Order::FillBracket(f) => Some(f.top_rate),
            _ => None,
        },
        write: Write::Slot(|p| match &mut p.taxes.as_mut()?.order {
            Order::FillBracket(f) => Some(Slot::Number(&mut f.top_rate)),
            _ => None,
        }),
    }
    /// The bracket Roth conversions fill, by its rate.
    ConversionRate {
        path::CONVERSION_RATE, "Convert to Roth up to the bracket of", Share, Range::closed(0.0, 0.35), Between,
        get: |p| Some(p.taxes.as_ref()?.conversions.as_ref()?.fill_to_rate),
        write: Write::Slot(|p| {
            Some(Slot::Number(&mut p.taxes.as_mut()?.conversions.as_mut()?.fill_to_rate))
        }),
    }
    /// The age Roth conversions start: before 60 a conversion's withheld
    /// tax would be an early withdrawal.
    ConversionFromAge {
        "taxes.conversions.from_age", "Convert from age", Years, Range::closed(60.0, MAX_AGE_YEARS as f64), AtLeastAtMost,
        get: |p| Some(f64::from(p.taxes.as_ref()?.conversions.as_ref()?.from_age)),
        write: Write::Slot(|p| {
            Some(Slot::Whole(&mut p.taxes.as_mut()?.conversions.as_mut()?.from_age))
        }),
    }
    /// The last age of Roth conversions.
    ConversionUntilAge {
        "taxes.conversions.until_age", "Until age", Years, AGES, AtLeastAtMost,
        get: |p| Some(f64::from(p.taxes.as_ref()?.conversions.as_ref()?.until_age)),
        write: Write::Slot(|p| {
            Some(Slot::Whole(&mut p.taxes.as_mut()?.conversions.as_mut()?.until_age))
        }),
    }
    /// Monte Carlo paths.
    Paths {
        "simulation.paths", "Paths", Count, Range::closed(1.0, MAX_PATHS as f64), Between,
        get: read!(simulation.paths),
        write: whole!(simulation.paths),
    }
    /// A bootstrap's block length. The upper end is the history's length,
    /// checked when it is read.
    BlockYears {
        "simulation.returns.mode.block_years", "Block length", Years, Range::closed(1.0, u32::MAX as f64), AtLeastAtMost,
        get: |p| match p.simulation.returns.history_mode() {
            Some(super::HistoryMode::Bootstrap { block_years }) => Some(f64::from(block_years)),
            _ => None,
        },
        write: Write::Slot(|p| match p.simulation.returns.history_mode_mut() {
            Some(super::HistoryMode::Bootstrap { block_years }) => Some(Slot::Whole(block_years)),
            _ => None,
        }),
    }
}

/// [`Lever::SleeveSize`]'s rule: the weight, and the weight at retirement
/// scaled to keep the taper; a plan without a sleeve gets one.
fn sleeve_size(plan: &mut Plan, weight: f64) -> Result<(), SetError> {
    let (taper, rebalance) = match &plan.allocation.sleeve {
        Some(s) if s.weight > 0.0 => (s.weight_at_retirement / s.weight, s.rebalance),
        Some(s) => (1.0, s.rebalance),
        None => (1.0, Rebalance::Annual),
    };
    let at_retirement = weight * taper;
    if at_retirement > 1.0 {
        return Err(SetError::TaperAboveAll {
            weight,
            at_retirement,
        });
    }
    plan.allocation.sleeve = Some(Sleeve {
        weight,
        weight_at_retirement: at_retirement,
        rebalance,
    });
    Ok(())
}

/// [`Lever::PrivateWeight`]'s rule: the weight, and the weight at
/// retirement scaled to keep the taper; a plan without a private sleeve
/// gets one of private equity.
fn private_size(plan: &mut Plan, weight: f64) -> Result<(), SetError> {
    let at_retirement = match &plan.allocation.private {
        Some(s) if s.weight > 0.0 => weight * (s.weight_at_retirement / s.weight),
        _ => weight,
    };
    if at_retirement > 1.0 {
        return Err(SetError::TaperAboveAll {
            weight,
            at_retirement,
        });
    }
    let private = plan
        .allocation
        .private
        .get_or_insert_with(|| PrivateSleeve::constant(weight, PrivateKind::PrivateEquity));
    private.weight = weight;
    private.weight_at_retirement = at_retirement;
    Ok(())
}

impl Lever {
    fn spec(self) -> &'static Spec {
        &SPECS[self as usize]
    }

    /// The expected real return of `asset`.
    pub const fn mean(asset: Asset) -> Lever {
        match asset {
            Asset::Stocks => Lever::StocksMean,
            Asset::Bonds => Lever::BondsMean,
            Asset::Cash => Lever::CashMean,
            Asset::Crypto => Lever::CryptoMean,
            Asset::Private => Lever::PrivateMean,
        }
    }

    /// The volatility of `asset`.
    pub const fn volatility(asset: Asset) -> Lever {
        match asset {
            Asset::Stocks => Lever::StocksVolatility,
            Asset::Bonds => Lever::BondsVolatility,
            Asset::Cash => Lever::CashVolatility,
            Asset::Crypto => Lever::CryptoVolatility,
            Asset::Private => Lever::PrivateVolatility,
        }
    }

    /// The fee of the fund that holds `asset`.
    pub const fn fee(asset: Asset) -> Lever {
        match asset {
            Asset::Stocks => Lever::StocksFee,
            Asset::Bonds => Lever::BondsFee,
            Asset::Cash => Lever::CashFee,
            Asset::Crypto => Lever::CryptoFee,
            Asset::Private => Lever::PrivateFee,
        }
    }

    /// The field's path in the plan file, as problems name it.
    pub fn path(self) -> &'static str {
        self.spec().path
    }

    /// A short plain-English name ("Retirement age").
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// What the number measures.
    pub fn unit(self) -> Unit {
        self.spec().unit
    }

    /// The values validation allows.
    pub fn range(self) -> Range {
        self.spec().range
    }

    /// The lever's value in `plan`; `None` where it does not apply (a
    /// sleeve weight without a sleeve, a rate under an income need).
    pub fn get(self, plan: &Plan) -> Option<f64> {
        (self.spec().get)(plan)
    }

    /// Writes `value` into `plan`, or says why nothing was written (the
    /// lever does not apply; a rule of its own refuses). Whole-number
    /// fields take the nearest whole number, held within what the field
    /// can store; the value is not otherwise clamped, so validation can
    /// explain a wrong one.
    ///
    /// ```
    /// use glidepath::plan::{Lever, Plan};
    ///
    /// let mut plan = Plan::sample();
    /// Lever::RetirementAge.set(&mut plan, 67.4)?;
    /// assert_eq!(plan.saver.retirement_age, 67);
    /// // The sample has no sleeve: its weight is not there to set.
    /// assert!(Lever::SleeveWeight.set(&mut plan, 0.05).is_err());
    /// # Ok::<(), glidepath::plan::lever::SetError>(())
    /// ```
    pub fn set(self, plan: &mut Plan, value: f64) -> Result<(), SetError> {
        match self.spec().write {
            Write::Slot(slot) => match slot(plan) {
                Some(Slot::Number(number)) => *number = value,
                Some(Slot::Whole(whole)) => {
                    *whole = if value.is_nan() {
                        0
                    } else {
                        value.round().clamp(0.0, f64::from(u32::MAX)) as u32
                    }
                }
                None => return Err(SetError::DoesNotApply),
            },
            Write::Rule(rule) => rule(plan, value)?,
        }
        Ok(())
    }

    /// Why `value` is not allowed for this lever, in words; `None` if it is.
    pub fn problem(self, value: f64) -> Option<String> {
        if value.is_nan() {
            return Some("is not a number (NaN)".to_owned());
        }
        if value.is_infinite() {
            return Some("must be a finite number".to_owned());
        }
        let spec = self.spec();
        let range = spec.range;
        if range.contains(value) {
            return None;
        }
        let show = |v: f64| show_value(spec.unit, v);
        let below = value < range.min || (range.min_exclusive && value <= range.min);
        Some(match spec.words {
            Words::Between => format!(
                "must be between {} and {} (is {})",
                show(range.min),
                show(range.max),
                show(value)
            ),
            Words::AtLeastAtMost if below => {
                format!("must be at least {} (is {})", show(range.min), show(value))
            }
            Words::AboveAtMost if below => {
                format!("must be above {} (is {})", show(range.min), show(value))
            }
            Words::NotNegative if below => {
                format!("must not be negative (is {})", show(value))
            }
            Words::AtLeastAtMost | Words::AboveAtMost | Words::NotNegative => {
                format!("must be at most {} (is {})", show(range.max), show(value))
            }
        })
    }

    /// A value of this lever as a person reads it: `$60,000`, `8%`, `67`.
    pub fn show(self, value: f64) -> String {
        match self.unit() {
            Unit::Usd if value.abs() < 1e15 => format!("${}", grouped(value.round() as i64)),
            unit => show_value(unit, value),
        }
    }
}

/// A value as validation messages show it: `$1,000`, `8%`, `65`.
fn show_value(unit: Unit, value: f64) -> String {
    // Beyond a quadrillion the digits say nothing (and a message must stay
    // short enough to read): the magnitude.
    if value.is_finite() && value.abs() >= 1e15 && !matches!(unit, Unit::Share | Unit::Rate) {
        let sign = if unit == Unit::Usd { "$" } else { "" };
        return format!("{sign}{value:.1e}");
    }
    match unit {
        Unit::Usd if value == MAX_USD => "$1,000,000,000,000".to_owned(),
        Unit::Usd if value == 0.0 => "$0".to_owned(),
        Unit::Usd | Unit::LogJump => format!("{value}"),
        Unit::Share | Unit::Rate => percent_exact(value),
        Unit::Year if value.fract() == 0.0 && value.abs() < 1e15 => format!("{}", value as i64),
        Unit::Years | Unit::Count | Unit::Year => {
            if value.fract() == 0.0 && value.abs() < 1e15 {
                grouped(value as i64)
            } else {
                format!("{value}")
            }
        }
    }
}

/// Paths of the fields that are not single numbers: the only other place
/// a field path is spelled out.
pub mod path {
    /// The plan file's format version.
    pub const VERSION: &str = "version";
    /// The IRS limits table a plan uses.
    pub const IRS_LIMITS_YEAR: &str = "contributions.irs_limits_year";
    /// The employer match's tiers.
    pub const EMPLOYER_MATCH: &str = "contributions.employer_match";
    /// Whether the IRS limits apply.
    pub const IRS_LIMITS: &str = "contributions.irs_limits";
    /// The withdrawal rule and its amount or rate.
    pub const WITHDRAWAL: &str = "retirement.withdrawal";
    /// Social Security, on or off.
    pub const SOCIAL_SECURITY: &str = "retirement.social_security";
    /// The spouse.
    pub const SPOUSE: &str = "retirement.spouse";
    /// The list of pensions, annuities and expenses.
    pub const INCOME: &str = "retirement.income";
    /// The sleeve's rebalancing policy.
    pub const REBALANCE: &str = "allocation.sleeve.rebalance";
    /// The glide path.
    pub const GLIDE_PATH: &str = "allocation.glide_path";
    /// The glide path's name.
    pub const GLIDE_PATH_NAME: &str = "allocation.glide_path.name";
    /// The crypto sleeve, on or off.
    pub const SLEEVE: &str = "allocation.sleeve";
    /// The private sleeve, on or off; its fields' paths start with it.
    pub const PRIVATE: &str = "allocation.private";
    /// The private sleeve's kind of asset.
    pub const PRIVATE_KIND: &str = "allocation.private.kind";
    /// The plan's variants.
    pub const VARIANTS: &str = "variants";
    /// The glide path's knots.
    pub const KNOTS: &str = "allocation.glide_path.knots";
    /// Crypto crashes, on or off.
    pub const CRYPTO_CRASH: &str = "assumptions.crypto_crash";
    /// The correlation matrix.
    pub const CORRELATIONS: &str = "assumptions.correlations";
    /// The simulation's seed.
    pub const SEED: &str = "simulation.seed";
    /// A return history's file.
    pub const HISTORY_FILE: &str = "simulation.returns.file";
    /// The name of a shipped history.
    pub const BUILT_IN_HISTORY: &str = "simulation.returns.name";
    /// The taxable account, on or off.
    pub const TAXABLE: &str = "saver.taxable";
    /// The saver's sex, for the life table.
    pub const SEX: &str = "saver.sex";
    /// The spouse's sex.
    pub const SPOUSE_SEX: &str = "retirement.spouse.sex";
    /// How long the people in the plan live.
    pub const LIFESPAN: &str = "simulation.lifespan";
    /// A fixed story of one death.
    pub const SURVIVOR: &str = "retirement.survivor";
    /// The saver's age at death in the fixed story.
    pub const SAVER_DIES_AT: &str = "retirement.survivor.saver_dies_at";
    /// The spouse's age at death in the fixed story.
    pub const SPOUSE_DIES_AT: &str = "retirement.survivor.spouse_dies_at";
    /// Whether the employer's money is Roth.
    pub const EMPLOYER_ROTH: &str = "contributions.employer_roth";
    /// The taxes block, on or off.
    pub const TAXES: &str = "taxes";
    /// The tax law's year.
    pub const TAX_LAW: &str = "taxes.law";
    /// The filing status.
    pub const FILING: &str = "taxes.filing";
    /// After or before tax.
    pub const SPENDING: &str = "taxes.spending";
    /// The withdrawal order.
    pub const ORDER: &str = "taxes.order";
    /// The bracket a fill-the-bracket order fills.
    pub const ORDER_TOP_RATE: &str = "taxes.order.top_rate";
    /// Roth conversions, on or off.
    pub const CONVERSIONS: &str = "taxes.conversions";
    /// The bracket conversions fill.
    pub const CONVERSION_RATE: &str = "taxes.conversions.fill_to_rate";
    /// The state tax.
    pub const STATE: &str = "taxes.state";

    /// One variant, or a field of it.
    pub fn variant(index: usize, field: Option<&str>) -> String {
        match field {
            Some(field) => format!("{VARIANTS}[{index}].{field}"),
            None => format!("{VARIANTS}[{index}]"),
        }
    }

    /// One entry of the correlation matrix.
    pub fn correlation(row: usize, column: usize) -> String {
        format!("{CORRELATIONS}[{row}][{column}]")
    }

    /// One field of an employer match tier (`rate` or `up_to`).
    pub fn match_tier(index: usize, field: &str) -> String {
        format!("{EMPLOYER_MATCH}[{index}].{field}")
    }

    /// One knot of a glide path under `prefix`, or one of its fields.
    pub fn knot(prefix: &str, index: usize, field: Option<&str>) -> String {
        match field {
            Some(field) => format!("{prefix}.knots[{index}].{field}"),
            None => format!("{prefix}.knots[{index}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lever_reads_back_what_it_writes() {
        let mut plan = Plan::sample();
        plan.allocation.sleeve = Some(Sleeve::constant(0.03));
        for lever in Lever::ALL {
            let Some(before) = lever.get(&plan) else {
                continue;
            };
            let value = if matches!(lever.unit(), Unit::Years | Unit::Year | Unit::Count) {
                before + 1.0
            } else {
                before * 0.5 + 0.01
            };
            assert_eq!(lever.set(&mut plan, value), Ok(()), "{lever:?}");
            assert_eq!(lever.get(&plan), Some(value), "{lever:?}");
        }
    }

    #[test]
    fn levers_that_do_not_apply_read_none_and_write_nothing() {
        let mut plan = Plan::sample();
        assert_eq!(Lever::SleeveWeight.get(&plan), None);
        assert_eq!(
            Lever::SleeveWeight.set(&mut plan, 0.05),
            Err(SetError::DoesNotApply)
        );
        assert_eq!(plan, Plan::sample());
        assert_eq!(Lever::WithdrawalRate.get(&plan), None);
        assert_eq!(Lever::SpendingAmount.get(&plan), Some(60_000.0));
    }

    #[test]
    fn paths_are_unique_but_for_the_withdrawal_s_forms_and_the_sleeve_s_size() {
        let mut paths: Vec<&str> = Lever::ALL.iter().map(|l| l.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), Lever::ALL.len() - 2);
        assert_eq!(Lever::SleeveSize.path(), Lever::SleeveWeight.path());
    }

    #[test]
    fn the_sleeve_s_size_keeps_its_taper_and_adds_a_sleeve_where_none_is() {
        let mut plan = Plan::sample();
        assert_eq!(Lever::SleeveSize.get(&plan), Some(0.0));
        assert_eq!(Lever::SleeveSize.set(&mut plan, 0.04), Ok(()));
        assert_eq!(plan.allocation.sleeve, Some(Sleeve::constant(0.04)));
        plan.allocation.sleeve = Some(Sleeve {
            weight: 0.03,
            weight_at_retirement: 0.01,
            rebalance: Rebalance::Never,
        });
        assert_eq!(Lever::SleeveSize.set(&mut plan, 0.06), Ok(()));
        let sleeve = plan.allocation.sleeve.clone().unwrap();
        assert_eq!((sleeve.weight, sleeve.rebalance), (0.06, Rebalance::Never));
        assert!((sleeve.weight_at_retirement - 0.02).abs() < 1e-15);
        // The weight alone leaves the taper's other end where it was.
        assert_eq!(Lever::SleeveWeight.set(&mut plan, 0.1), Ok(()));
        assert!(
            (plan
                .allocation
                .sleeve
                .as_ref()
                .unwrap()
                .weight_at_retirement
                - 0.02)
                .abs()
                < 1e-15
        );
        plan.allocation.sleeve = Some(Sleeve {
            weight: 0.1,
            weight_at_retirement: 0.5,
            rebalance: Rebalance::Annual,
        });
        assert!(matches!(
            Lever::SleeveSize.set(&mut plan, 0.4),
            Err(SetError::TaperAboveAll { .. })
        ));
    }

    #[test]
    fn every_asset_has_its_mean_volatility_and_fee() {
        // The private asset's are its view's, beside its sleeve.
        assert_eq!(
            Lever::mean(Asset::Private).path(),
            "allocation.private.view.mean"
        );
        for asset in &Asset::ALL[..Asset::IN_FILE] {
            let asset = *asset;
            let key = asset.key();
            assert_eq!(Lever::mean(asset).path(), format!("assumptions.{key}.mean"));
            assert_eq!(
                Lever::volatility(asset).path(),
                format!("assumptions.{key}.volatility")
            );
            assert_eq!(Lever::fee(asset).path(), format!("fees.{key}"));
        }
    }

    #[test]
    fn a_huge_typed_age_is_kept_for_validation_to_explain() {
        let mut plan = Plan::sample();
        assert_eq!(Lever::PlanToAge.set(&mut plan, 1e9), Ok(()));
        assert_eq!(plan.saver.plan_to_age, 1_000_000_000);
        assert_eq!(
            Lever::PlanToAge.problem(1e9).as_deref(),
            Some("must be at most 120 (is 1,000,000,000)")
        );
        assert_eq!(Lever::PlanToAge.set(&mut plan, 1e300), Ok(()));
        assert_eq!(plan.saver.plan_to_age, u32::MAX);
    }

    #[test]
    fn messages_say_the_range_in_the_lever_s_unit() {
        assert_eq!(
            Lever::EmployeeRate.problem(1.2).as_deref(),
            Some("must be between 0% and 100% (is 120%)")
        );
        assert_eq!(
            Lever::Balance.problem(-1.0).as_deref(),
            Some("must be between $0 and $1,000,000,000,000 (is -1)")
        );
        assert_eq!(
            Lever::StocksMean.problem(-1.0).as_deref(),
            Some("must be above -100% (is -100%)")
        );
        assert_eq!(
            Lever::Age.problem(17.0).as_deref(),
            Some("must be at least 18 (is 17)")
        );
        assert_eq!(Lever::Paths.problem(10_000.0), None);
    }
}

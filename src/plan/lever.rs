//! Levers: every number of a plan that a user can vary, each named once.
//!
//! A [`Lever`] knows its field path in the plan file (`saver.retirement_age`),
//! its unit, the range validation allows, a plain-English label, and how to
//! read and write it on a [`Plan`]. The plan panel draws its inputs from
//! levers, validation reports their problems under their paths, and solve
//! and sweep vary them, so the three can never disagree on a name or a
//! range. Paths of fields that are not single numbers (a match tier, a knot,
//! a choice of rule) are named in [`path`], the only other place a field
//! path is written.

use super::Plan;
use super::retirement::{SocialSecurity, Withdrawal};

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

/// Every number of a plan a user can vary. See the module docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant's label says what it is
pub enum Lever {
    Age,
    RetirementAge,
    PlanToAge,
    Balance,
    Salary,
    SalaryGrowth,
    EmployeeRate,
    Escalation,
    EscalationCap,
    EmployerFixed,
    SleeveWeight,
    SleeveWeightAtRetirement,
    /// The income need of a `FixedReal` withdrawal.
    SpendingAmount,
    /// The rate of `InitialRate`, `PercentOfBalance` or `FloorCeiling`,
    /// or the initial rate of `Guardrails`.
    WithdrawalRate,
    GuardrailsUpper,
    GuardrailsLower,
    GuardrailsAdjustment,
    GuardrailsYearsLeft,
    VpwReturn,
    FloorCeilingCeiling,
    FloorCeilingFloor,
    /// The essential income to measure against.
    Essential,
    /// The v1 form's yearly benefit.
    SocialSecurityAnnual,
    /// The v1 form's start age.
    SocialSecurityFromAge,
    /// The monthly benefit at full retirement age (PIA).
    SocialSecurityPia,
    SocialSecurityClaimAge,
    SocialSecurityFullRetirementAge,
    SpouseAge,
    SpousePia,
    SpouseClaimAge,
    SpouseFullRetirementAge,
    StocksFee,
    BondsFee,
    CashFee,
    CryptoFee,
    PlanFee,
    StocksMean,
    StocksVolatility,
    BondsMean,
    BondsVolatility,
    CashMean,
    CashVolatility,
    CryptoMean,
    CryptoVolatility,
    CrashProbability,
    CrashMean,
    CrashVolatility,
    Inflation,
    Paths,
    BlockYears,
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

/// A lever's fixed description.
struct Spec {
    path: &'static str,
    label: &'static str,
    unit: Unit,
    range: Range,
    words: Words,
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

impl Lever {
    /// Every lever, in the order of the plan file.
    pub const ALL: [Lever; 50] = [
        Lever::Age,
        Lever::RetirementAge,
        Lever::PlanToAge,
        Lever::Balance,
        Lever::Salary,
        Lever::SalaryGrowth,
        Lever::EmployeeRate,
        Lever::Escalation,
        Lever::EscalationCap,
        Lever::EmployerFixed,
        Lever::SleeveWeight,
        Lever::SleeveWeightAtRetirement,
        Lever::SpendingAmount,
        Lever::WithdrawalRate,
        Lever::GuardrailsUpper,
        Lever::GuardrailsLower,
        Lever::GuardrailsAdjustment,
        Lever::GuardrailsYearsLeft,
        Lever::VpwReturn,
        Lever::FloorCeilingCeiling,
        Lever::FloorCeilingFloor,
        Lever::Essential,
        Lever::SocialSecurityAnnual,
        Lever::SocialSecurityFromAge,
        Lever::SocialSecurityPia,
        Lever::SocialSecurityClaimAge,
        Lever::SocialSecurityFullRetirementAge,
        Lever::SpouseAge,
        Lever::SpousePia,
        Lever::SpouseClaimAge,
        Lever::SpouseFullRetirementAge,
        Lever::StocksFee,
        Lever::BondsFee,
        Lever::CashFee,
        Lever::CryptoFee,
        Lever::PlanFee,
        Lever::StocksMean,
        Lever::StocksVolatility,
        Lever::BondsMean,
        Lever::BondsVolatility,
        Lever::CashMean,
        Lever::CashVolatility,
        Lever::CryptoMean,
        Lever::CryptoVolatility,
        Lever::CrashProbability,
        Lever::CrashMean,
        Lever::CrashVolatility,
        Lever::Inflation,
        Lever::Paths,
        Lever::BlockYears,
    ];

    fn spec(self) -> Spec {
        use Unit::*;
        use Words::*;
        let spec = |path, label, unit, range, words| Spec {
            path,
            label,
            unit,
            range,
            words,
        };
        match self {
            Lever::Age => spec("saver.age", "Age", Years, AGES, AtLeastAtMost),
            Lever::RetirementAge => spec(
                "saver.retirement_age",
                "Retirement age",
                Years,
                AGES,
                AtLeastAtMost,
            ),
            Lever::PlanToAge => spec(
                "saver.plan_to_age",
                "Plan to age",
                Years,
                AGES,
                AtLeastAtMost,
            ),
            Lever::Balance => spec("saver.balance", "Balance", Usd, MONEY, Between),
            Lever::Salary => spec("saver.salary", "Salary", Usd, MONEY, Between),
            Lever::SalaryGrowth => spec(
                "saver.salary_growth",
                "Salary growth",
                Share,
                SHARE,
                Between,
            ),
            Lever::EmployeeRate => spec(
                "contributions.employee_rate",
                "Contribution rate",
                Share,
                SHARE,
                Between,
            ),
            Lever::Escalation => spec(
                "contributions.escalation",
                "Auto-escalation",
                Share,
                SHARE,
                Between,
            ),
            Lever::EscalationCap => spec(
                "contributions.escalation_cap",
                "Escalation stops at",
                Share,
                SHARE,
                Between,
            ),
            Lever::EmployerFixed => spec(
                "contributions.employer_fixed",
                "Employer non-elective",
                Share,
                SHARE,
                Between,
            ),
            Lever::SleeveWeight => spec(
                "allocation.sleeve.weight",
                "Sleeve weight",
                Share,
                SHARE,
                Between,
            ),
            Lever::SleeveWeightAtRetirement => spec(
                "allocation.sleeve.weight_at_retirement",
                "Sleeve weight at retirement",
                Share,
                SHARE,
                Between,
            ),
            Lever::SpendingAmount => spec(path::WITHDRAWAL, "Income you need", Usd, MONEY, Between),
            Lever::WithdrawalRate => {
                spec(path::WITHDRAWAL, "Withdrawal rate", Share, SHARE, Between)
            }
            Lever::GuardrailsUpper => spec(
                "retirement.withdrawal.upper",
                "Upper guardrail",
                Share,
                Range::closed(0.0, 10.0),
                NotNegative,
            ),
            Lever::GuardrailsLower => spec(
                "retirement.withdrawal.lower",
                "Lower guardrail",
                Share,
                SHARE,
                Between,
            ),
            Lever::GuardrailsAdjustment => spec(
                "retirement.withdrawal.adjustment",
                "Adjustment at a rail",
                Share,
                // A cut of 100% or more would stop spending for good.
                Range::closed(0.0, 0.99),
                Between,
            ),
            Lever::GuardrailsYearsLeft => spec(
                "retirement.withdrawal.until_years_left",
                "No cuts in the last",
                Years,
                Range::closed(0.0, MAX_AGE_YEARS as f64),
                Between,
            ),
            Lever::VpwReturn => spec(
                "retirement.withdrawal.real_return",
                "Return VPW assumes",
                Rate,
                RETURN,
                AboveAtMost,
            ),
            Lever::FloorCeilingCeiling => spec(
                "retirement.withdrawal.ceiling",
                "Ceiling: most it rises in a year",
                Share,
                SHARE,
                Between,
            ),
            Lever::FloorCeilingFloor => spec(
                "retirement.withdrawal.floor",
                "Floor: most it falls in a year",
                Share,
                SHARE,
                Between,
            ),
            Lever::Essential => spec(
                "retirement.essential",
                "Essential income",
                Usd,
                MONEY,
                Between,
            ),
            Lever::SocialSecurityAnnual => spec(
                "retirement.social_security.annual",
                "Social Security a year",
                Usd,
                MONEY,
                Between,
            ),
            Lever::SocialSecurityFromAge => spec(
                "retirement.social_security.from_age",
                "Social Security from age",
                Years,
                AGES,
                Between,
            ),
            Lever::SocialSecurityPia => spec(
                "retirement.social_security.pia",
                "Monthly benefit at full retirement age",
                Usd,
                MONTHLY_BENEFIT,
                Between,
            ),
            Lever::SocialSecurityClaimAge => spec(
                "retirement.social_security.claim_age",
                "Claiming age",
                Years,
                CLAIM_AGES,
                Between,
            ),
            Lever::SocialSecurityFullRetirementAge => spec(
                "retirement.social_security.full_retirement_age",
                "Full retirement age",
                Years,
                FULL_RETIREMENT_AGES,
                Between,
            ),
            Lever::SpouseAge => spec(
                "retirement.spouse.age",
                "Spouse's age",
                Years,
                AGES,
                Between,
            ),
            Lever::SpousePia => spec(
                "retirement.spouse.pia",
                "Spouse's monthly benefit at full retirement age",
                Usd,
                MONTHLY_BENEFIT,
                Between,
            ),
            Lever::SpouseClaimAge => spec(
                "retirement.spouse.claim_age",
                "Spouse's claiming age",
                Years,
                CLAIM_AGES,
                Between,
            ),
            Lever::SpouseFullRetirementAge => spec(
                "retirement.spouse.full_retirement_age",
                "Spouse's full retirement age",
                Years,
                FULL_RETIREMENT_AGES,
                Between,
            ),
            Lever::StocksFee => spec("fees.stocks", "Stock fund fee", Share, SHARE, Between),
            Lever::BondsFee => spec("fees.bonds", "Bond fund fee", Share, SHARE, Between),
            Lever::CashFee => spec("fees.cash", "Cash fund fee", Share, SHARE, Between),
            Lever::CryptoFee => spec("fees.crypto", "Crypto fund fee", Share, SHARE, Between),
            Lever::PlanFee => spec("fees.plan", "Plan fee", Share, SHARE, Between),
            Lever::StocksMean => spec(
                "assumptions.stocks.mean",
                "Stocks: average year",
                Rate,
                RETURN,
                AboveAtMost,
            ),
            Lever::StocksVolatility => spec(
                "assumptions.stocks.volatility",
                "Stocks: volatility",
                Share,
                VOLATILITY,
                NotNegative,
            ),
            Lever::BondsMean => spec(
                "assumptions.bonds.mean",
                "Bonds: average year",
                Rate,
                RETURN,
                AboveAtMost,
            ),
            Lever::BondsVolatility => spec(
                "assumptions.bonds.volatility",
                "Bonds: volatility",
                Share,
                VOLATILITY,
                NotNegative,
            ),
            Lever::CashMean => spec(
                "assumptions.cash.mean",
                "Cash: average year",
                Rate,
                RETURN,
                AboveAtMost,
            ),
            Lever::CashVolatility => spec(
                "assumptions.cash.volatility",
                "Cash: volatility",
                Share,
                VOLATILITY,
                NotNegative,
            ),
            Lever::CryptoMean => spec(
                "assumptions.crypto.mean",
                "Crypto: average year",
                Rate,
                RETURN,
                AboveAtMost,
            ),
            Lever::CryptoVolatility => spec(
                "assumptions.crypto.volatility",
                "Crypto: volatility",
                Share,
                VOLATILITY,
                NotNegative,
            ),
            Lever::CrashProbability => spec(
                "assumptions.crypto_crash.probability",
                "Chance of a crash in a year",
                Share,
                SHARE,
                Between,
            ),
            Lever::CrashMean => spec(
                "assumptions.crypto_crash.mean",
                "A typical crash",
                LogJump,
                // A log jump of −20 leaves e^−20 of the value: nothing left
                // that any chart could show. Crashes only fall.
                Range::closed(-20.0, 0.0),
                Between,
            ),
            Lever::CrashVolatility => spec(
                "assumptions.crypto_crash.volatility",
                "Crash size varies by",
                Share,
                VOLATILITY,
                NotNegative,
            ),
            Lever::Inflation => spec(
                "assumptions.inflation",
                "Inflation",
                Rate,
                RETURN,
                AboveAtMost,
            ),
            Lever::Paths => spec(
                "simulation.paths",
                "Paths",
                Count,
                Range::closed(1.0, MAX_PATHS as f64),
                Between,
            ),
            Lever::BlockYears => spec(
                "simulation.returns.mode.block_years",
                "Block length",
                Years,
                // The upper end is the history's length, checked when it is read.
                Range::closed(1.0, u32::MAX as f64),
                AtLeastAtMost,
            ),
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
        let s = &plan.saver;
        let c = &plan.contributions;
        let a = &plan.assumptions;
        let f = &plan.fees;
        let sleeve = plan.allocation.sleeve.as_ref();
        let ss = plan.retirement.social_security.as_ref();
        let spouse = plan.retirement.spouse.as_ref();
        let crash = a.crypto_crash.as_ref();
        Some(match self {
            Lever::Age => f64::from(s.age),
            Lever::RetirementAge => f64::from(s.retirement_age),
            Lever::PlanToAge => f64::from(s.plan_to_age),
            Lever::Balance => s.balance,
            Lever::Salary => s.salary,
            Lever::SalaryGrowth => s.salary_growth,
            Lever::EmployeeRate => c.employee_rate,
            Lever::Escalation => c.escalation,
            Lever::EscalationCap => c.escalation_cap,
            Lever::EmployerFixed => c.employer_fixed,
            Lever::SleeveWeight => sleeve?.weight,
            Lever::SleeveWeightAtRetirement => sleeve?.weight_at_retirement,
            Lever::SpendingAmount => match plan.retirement.withdrawal {
                Withdrawal::FixedReal(amount) => amount,
                _ => return None,
            },
            Lever::WithdrawalRate => match plan.retirement.withdrawal {
                Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate) => rate,
                Withdrawal::Guardrails(g) => g.initial_rate,
                Withdrawal::FloorCeiling(f) => f.rate,
                Withdrawal::FixedReal(_) | Withdrawal::Vpw(_) => return None,
            },
            Lever::GuardrailsUpper
            | Lever::GuardrailsLower
            | Lever::GuardrailsAdjustment
            | Lever::GuardrailsYearsLeft => match plan.retirement.withdrawal {
                Withdrawal::Guardrails(g) => match self {
                    Lever::GuardrailsUpper => g.upper,
                    Lever::GuardrailsLower => g.lower,
                    Lever::GuardrailsAdjustment => g.adjustment,
                    _ => f64::from(g.until_years_left),
                },
                _ => return None,
            },
            Lever::VpwReturn => match plan.retirement.withdrawal {
                Withdrawal::Vpw(v) => v.real_return,
                _ => return None,
            },
            Lever::FloorCeilingCeiling | Lever::FloorCeilingFloor => {
                match plan.retirement.withdrawal {
                    Withdrawal::FloorCeiling(f) if self == Lever::FloorCeilingCeiling => f.ceiling,
                    Withdrawal::FloorCeiling(f) => f.floor,
                    _ => return None,
                }
            }
            Lever::Essential => plan.retirement.essential?,
            Lever::SocialSecurityAnnual => match ss? {
                SocialSecurity::Fixed { annual, .. } => *annual,
                SocialSecurity::Claimed(_) => return None,
            },
            Lever::SocialSecurityFromAge => match ss? {
                SocialSecurity::Fixed { from_age, .. } => f64::from(*from_age),
                SocialSecurity::Claimed(_) => return None,
            },
            Lever::SocialSecurityPia => ss?.benefit()?.pia,
            Lever::SocialSecurityClaimAge => f64::from(ss?.benefit()?.claim_age),
            Lever::SocialSecurityFullRetirementAge => f64::from(ss?.benefit()?.full_retirement_age),
            Lever::SpouseAge => f64::from(spouse?.age),
            Lever::SpousePia => spouse?.pia,
            Lever::SpouseClaimAge => f64::from(spouse?.claim_age),
            Lever::SpouseFullRetirementAge => f64::from(spouse?.full_retirement_age),
            Lever::StocksFee => f.stocks,
            Lever::BondsFee => f.bonds,
            Lever::CashFee => f.cash,
            Lever::CryptoFee => f.crypto,
            Lever::PlanFee => f.plan,
            Lever::StocksMean => a.stocks.mean,
            Lever::StocksVolatility => a.stocks.volatility,
            Lever::BondsMean => a.bonds.mean,
            Lever::BondsVolatility => a.bonds.volatility,
            Lever::CashMean => a.cash.mean,
            Lever::CashVolatility => a.cash.volatility,
            Lever::CryptoMean => a.crypto.mean,
            Lever::CryptoVolatility => a.crypto.volatility,
            Lever::CrashProbability => crash?.probability,
            Lever::CrashMean => crash?.mean,
            Lever::CrashVolatility => crash?.volatility,
            Lever::Inflation => a.inflation,
            Lever::Paths => f64::from(plan.simulation.paths),
            Lever::BlockYears => match plan.simulation.returns.history_mode() {
                Some(super::HistoryMode::Bootstrap { block_years }) => f64::from(block_years),
                _ => return None,
            },
        })
    }

    /// Writes `value` into `plan`; `false` (and nothing written) where the
    /// lever does not apply. Whole-number fields take the nearest whole
    /// number, held within what the field can store; the value is not
    /// otherwise clamped, so validation can explain a wrong one.
    pub fn set(self, plan: &mut Plan, value: f64) -> bool {
        let whole = |v: f64| -> u32 {
            if v.is_nan() {
                0
            } else {
                v.round().clamp(0.0, f64::from(u32::MAX)) as u32
            }
        };
        let s = &mut plan.saver;
        let c = &mut plan.contributions;
        let a = &mut plan.assumptions;
        let f = &mut plan.fees;
        let slot: &mut f64 = match self {
            Lever::Age => {
                s.age = whole(value);
                return true;
            }
            Lever::RetirementAge => {
                s.retirement_age = whole(value);
                return true;
            }
            Lever::PlanToAge => {
                s.plan_to_age = whole(value);
                return true;
            }
            Lever::Paths => {
                plan.simulation.paths = whole(value);
                return true;
            }
            Lever::SocialSecurityFromAge
            | Lever::SocialSecurityClaimAge
            | Lever::SocialSecurityFullRetirementAge
            | Lever::SpouseAge
            | Lever::SpouseClaimAge
            | Lever::SpouseFullRetirementAge => {
                let r = &mut plan.retirement;
                let slot = match (self, r.social_security.as_mut(), r.spouse.as_mut()) {
                    (
                        Lever::SocialSecurityFromAge,
                        Some(SocialSecurity::Fixed { from_age, .. }),
                        _,
                    ) => from_age,
                    (Lever::SocialSecurityClaimAge, Some(SocialSecurity::Claimed(b)), _) => {
                        &mut b.claim_age
                    }
                    (
                        Lever::SocialSecurityFullRetirementAge,
                        Some(SocialSecurity::Claimed(b)),
                        _,
                    ) => &mut b.full_retirement_age,
                    (Lever::SpouseAge, _, Some(spouse)) => &mut spouse.age,
                    (Lever::SpouseClaimAge, _, Some(spouse)) => &mut spouse.claim_age,
                    (Lever::SpouseFullRetirementAge, _, Some(spouse)) => {
                        &mut spouse.full_retirement_age
                    }
                    _ => return false,
                };
                *slot = whole(value);
                return true;
            }
            Lever::BlockYears => {
                return match plan.simulation.returns.history_mode_mut() {
                    Some(super::HistoryMode::Bootstrap { block_years }) => {
                        *block_years = whole(value);
                        true
                    }
                    _ => false,
                };
            }
            Lever::Balance => &mut s.balance,
            Lever::Salary => &mut s.salary,
            Lever::SalaryGrowth => &mut s.salary_growth,
            Lever::EmployeeRate => &mut c.employee_rate,
            Lever::Escalation => &mut c.escalation,
            Lever::EscalationCap => &mut c.escalation_cap,
            Lever::EmployerFixed => &mut c.employer_fixed,
            Lever::SleeveWeight => match plan.allocation.sleeve.as_mut() {
                Some(sleeve) => &mut sleeve.weight,
                None => return false,
            },
            Lever::SleeveWeightAtRetirement => match plan.allocation.sleeve.as_mut() {
                Some(sleeve) => &mut sleeve.weight_at_retirement,
                None => return false,
            },
            Lever::SpendingAmount => match &mut plan.retirement.withdrawal {
                Withdrawal::FixedReal(amount) => amount,
                _ => return false,
            },
            Lever::WithdrawalRate => match &mut plan.retirement.withdrawal {
                Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate) => rate,
                Withdrawal::Guardrails(g) => &mut g.initial_rate,
                Withdrawal::FloorCeiling(f) => &mut f.rate,
                Withdrawal::FixedReal(_) | Withdrawal::Vpw(_) => return false,
            },
            Lever::GuardrailsUpper | Lever::GuardrailsLower | Lever::GuardrailsAdjustment => {
                match &mut plan.retirement.withdrawal {
                    Withdrawal::Guardrails(g) => match self {
                        Lever::GuardrailsUpper => &mut g.upper,
                        Lever::GuardrailsLower => &mut g.lower,
                        _ => &mut g.adjustment,
                    },
                    _ => return false,
                }
            }
            Lever::GuardrailsYearsLeft => {
                return match &mut plan.retirement.withdrawal {
                    Withdrawal::Guardrails(g) => {
                        g.until_years_left = whole(value);
                        true
                    }
                    _ => false,
                };
            }
            Lever::VpwReturn => match &mut plan.retirement.withdrawal {
                Withdrawal::Vpw(v) => &mut v.real_return,
                _ => return false,
            },
            Lever::FloorCeilingCeiling | Lever::FloorCeilingFloor => {
                match &mut plan.retirement.withdrawal {
                    Withdrawal::FloorCeiling(f) if self == Lever::FloorCeilingCeiling => {
                        &mut f.ceiling
                    }
                    Withdrawal::FloorCeiling(f) => &mut f.floor,
                    _ => return false,
                }
            }
            Lever::Essential => match plan.retirement.essential.as_mut() {
                Some(essential) => essential,
                None => return false,
            },
            Lever::SocialSecurityAnnual => match plan.retirement.social_security.as_mut() {
                Some(SocialSecurity::Fixed { annual, .. }) => annual,
                _ => return false,
            },
            Lever::SocialSecurityPia => match plan.retirement.social_security.as_mut() {
                Some(SocialSecurity::Claimed(b)) => &mut b.pia,
                _ => return false,
            },
            Lever::SpousePia => match plan.retirement.spouse.as_mut() {
                Some(spouse) => &mut spouse.pia,
                None => return false,
            },
            Lever::StocksFee => &mut f.stocks,
            Lever::BondsFee => &mut f.bonds,
            Lever::CashFee => &mut f.cash,
            Lever::CryptoFee => &mut f.crypto,
            Lever::PlanFee => &mut f.plan,
            Lever::StocksMean => &mut a.stocks.mean,
            Lever::StocksVolatility => &mut a.stocks.volatility,
            Lever::BondsMean => &mut a.bonds.mean,
            Lever::BondsVolatility => &mut a.bonds.volatility,
            Lever::CashMean => &mut a.cash.mean,
            Lever::CashVolatility => &mut a.cash.volatility,
            Lever::CryptoMean => &mut a.crypto.mean,
            Lever::CryptoVolatility => &mut a.crypto.volatility,
            Lever::CrashProbability => match a.crypto_crash.as_mut() {
                Some(crash) => &mut crash.probability,
                None => return false,
            },
            Lever::CrashMean => match a.crypto_crash.as_mut() {
                Some(crash) => &mut crash.mean,
                None => return false,
            },
            Lever::CrashVolatility => match a.crypto_crash.as_mut() {
                Some(crash) => &mut crash.volatility,
                None => return false,
            },
            Lever::Inflation => &mut a.inflation,
        };
        *slot = value;
        true
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
            Words::NotNegative if below => format!("must not be negative (is {value})"),
            Words::AtLeastAtMost | Words::AboveAtMost | Words::NotNegative => {
                format!("must be at most {} (is {})", show(range.max), show(value))
            }
        })
    }
}

impl Lever {
    /// A value of this lever as a person reads it: `$60,000`, `8%`, `67`.
    pub fn show(self, value: f64) -> String {
        match self.unit() {
            Unit::Usd => format!("${}", group_thousands(value.round() as i64)),
            unit => show_value(unit, value),
        }
    }
}

/// A value as validation messages show it: `$1,000`, `8%`, `65`.
fn show_value(unit: Unit, value: f64) -> String {
    match unit {
        Unit::Usd if value == MAX_USD => "$1,000,000,000,000".to_owned(),
        Unit::Usd if value == 0.0 => "$0".to_owned(),
        Unit::Usd | Unit::LogJump => format!("{value}"),
        Unit::Share | Unit::Rate => percent(value),
        Unit::Years | Unit::Count => {
            if value.fract() == 0.0 && value.abs() < 1e15 {
                group_thousands(value as i64)
            } else {
                format!("{value}")
            }
        }
    }
}

/// A share as a percentage with no spurious digits: 0.08 is "8%".
pub fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0 * 1e6).round() / 1e6)
}

/// A whole number with thousands separators above 9,999: "1,000,000".
fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    if digits.len() <= 4 {
        return value.to_string();
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0 { format!("-{out}") } else { out }
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
        plan.allocation.sleeve = Some(super::super::sleeve::Sleeve::constant(0.03));
        for lever in Lever::ALL {
            let Some(before) = lever.get(&plan) else {
                continue;
            };
            let value = if lever.unit() == Unit::Years || lever.unit() == Unit::Count {
                before + 1.0
            } else {
                before * 0.5 + 0.01
            };
            assert!(lever.set(&mut plan, value), "{lever:?}");
            assert_eq!(lever.get(&plan), Some(value), "{lever:?}");
        }
    }

    #[test]
    fn levers_that_do_not_apply_read_none_and_write_nothing() {
        let mut plan = Plan::sample();
        assert_eq!(Lever::SleeveWeight.get(&plan), None);
        assert!(!Lever::SleeveWeight.set(&mut plan, 0.05));
        assert_eq!(plan, Plan::sample());
        assert_eq!(Lever::WithdrawalRate.get(&plan), None);
        assert_eq!(Lever::SpendingAmount.get(&plan), Some(60_000.0));
    }

    #[test]
    fn paths_are_unique_but_for_the_two_withdrawal_forms() {
        let mut paths: Vec<&str> = Lever::ALL.iter().map(|l| l.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), Lever::ALL.len() - 1);
    }

    #[test]
    fn a_huge_typed_age_is_kept_for_validation_to_explain() {
        let mut plan = Plan::sample();
        Lever::PlanToAge.set(&mut plan, 1e9);
        assert_eq!(plan.saver.plan_to_age, 1_000_000_000);
        assert_eq!(
            Lever::PlanToAge.problem(1e9).as_deref(),
            Some("must be at most 120 (is 1,000,000,000)")
        );
        Lever::PlanToAge.set(&mut plan, 1e300);
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

//! Retirement: how much the portfolio pays each year, and the income that
//! comes from elsewhere (MODEL-v2 §12): Social Security by claiming age, a
//! spouse's benefit with the spousal top-up both ways, pensions, annuities
//! and planned expenses. All in today's dollars, before tax.

use serde::{Deserialize, Serialize};

/// How the yearly withdrawal is set, in today's dollars.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Withdrawal {
    /// The saver needs this much a year in total; the portfolio pays what
    /// Social Security, the spouse's benefit and other income do not.
    FixedReal(f64),
    /// The "4% rule": this share of the balance at retirement, every year.
    InitialRate(f64),
    /// This share of each year's balance: never runs out, but income varies.
    PercentOfBalance(f64),
    /// Guyton-Klinger guardrails in real dollars.
    Guardrails(Guardrails),
    /// Variable percentage withdrawal (Bogleheads' VPW).
    Vpw(Vpw),
    /// Vanguard's dynamic spending: a rate of the balance held within a
    /// ceiling and a floor of last year's spending.
    FloorCeiling(FloorCeiling),
}

/// Guyton-Klinger guardrails: start at `initial_rate` of the balance at
/// retirement, then keep last year's spending unless the withdrawal rate
/// crosses a rail.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Guardrails {
    /// The first retirement year's share of the balance.
    pub initial_rate: f64,
    /// The upper rail: cut when the rate exceeds `initial_rate × (1 + upper)`.
    pub upper: f64,
    /// The lower rail: raise when the rate falls below `initial_rate × (1 − lower)`.
    pub lower: f64,
    /// How much a rail moves spending (0.10 is 10%).
    pub adjustment: f64,
    /// No cut once this few years are left.
    pub until_years_left: u32,
}

impl Default for Guardrails {
    fn default() -> Self {
        Guardrails {
            initial_rate: 0.05,
            upper: 0.20,
            lower: 0.20,
            adjustment: 0.10,
            until_years_left: 15,
        }
    }
}

/// Guardrails in dollars for the first retirement year (the framing
/// advisers use): spending, and the balances at which each rail acts at
/// the start of the next year with what spending becomes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RailsInDollars {
    /// The first year's spending: `initial_rate × B_R`.
    pub spending_usd: f64,
    /// Below this balance spending is cut...
    pub cut_below_usd: f64,
    /// ...to this.
    pub cut_to_usd: f64,
    /// Above this balance spending is raised...
    pub raise_above_usd: f64,
    /// ...to this (`None`: a lower rail of 100% never raises).
    pub raise_to_usd: Option<f64>,
}

impl Guardrails {
    /// The rails in dollars for a balance at retirement of `balance_usd`.
    pub fn in_dollars(&self, balance_usd: f64) -> RailsInDollars {
        let s = self.initial_rate * balance_usd;
        let lower_rate = self.initial_rate * (1.0 - self.lower);
        RailsInDollars {
            spending_usd: s,
            cut_below_usd: s / (self.initial_rate * (1.0 + self.upper)),
            cut_to_usd: s * (1.0 - self.adjustment),
            raise_above_usd: if lower_rate > 0.0 {
                s / lower_rate
            } else {
                f64::INFINITY
            },
            raise_to_usd: (lower_rate > 0.0).then_some(s * (1.0 + self.adjustment)),
        }
    }
}

/// Variable percentage withdrawal: each year the payment of an annuity of
/// the balance over the years left at `real_return`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Vpw {
    /// The real return the payment assumes.
    pub real_return: f64,
}

impl Default for Vpw {
    fn default() -> Self {
        Vpw { real_return: 0.035 }
    }
}

/// Floor and ceiling: `rate` of each year's balance, but no more than
/// `ceiling` above and no less than `floor` below last year's spending.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FloorCeiling {
    /// The share of the balance.
    pub rate: f64,
    /// The most spending rises in a year (0.05 is 5%).
    pub ceiling: f64,
    /// The most spending falls in a year (0.025 is 2.5%).
    pub floor: f64,
}

impl Default for FloorCeiling {
    fn default() -> Self {
        FloorCeiling {
            rate: 0.05,
            ceiling: 0.05,
            floor: 0.025,
        }
    }
}

impl Default for Withdrawal {
    fn default() -> Self {
        Withdrawal::InitialRate(0.04)
    }
}

/// What a rule knows in a retirement year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuleYear {
    /// The balance at the start of the year.
    pub balance_usd: f64,
    /// The balance at the start of the first retirement year (`B_R`).
    pub balance_at_retirement_usd: f64,
    /// Last year's spending by the rule; `None` in the first retirement year.
    pub previous_usd: Option<f64>,
    /// `plan_to_age − age`: this year included.
    pub years_left: u32,
}

/// What a rule did this year, for `--explain`: guardrails give the
/// withdrawal `rate` that crossed the `rail`.
#[derive(Clone, Copy, Debug, PartialEq)]
#[allow(missing_docs)] // the fields are named in the enum's docs
pub enum RuleMove {
    /// Nothing beyond the rule itself.
    Kept,
    /// Guardrails: the rate was above the upper rail; spending cut.
    Cut { rate: f64, rail: f64 },
    /// Guardrails: the rate was above the upper rail, but too few years
    /// were left to cut.
    NoCutNearTheEnd { rate: f64, rail: f64 },
    /// Guardrails: the rate was below the lower rail; spending raised.
    Raise { rate: f64, rail: f64 },
    /// Floor and ceiling: held at the ceiling.
    Ceiling,
    /// Floor and ceiling: held at the floor.
    Floor,
}

impl RuleMove {
    /// In words, with `adjustment` for guardrails ("cut 10%: withdrawal
    /// rate 6.3% above the 6.0% guardrail").
    pub fn words(&self, adjustment: f64) -> String {
        let pct = |v: f64| format!("{:.1}%", v * 100.0);
        let adj = format!("{:.0}%", adjustment * 100.0);
        match *self {
            RuleMove::Kept => String::new(),
            RuleMove::Cut { rate, rail } => {
                format!(
                    "cut {adj}: withdrawal rate {} above the {} guardrail",
                    pct(rate),
                    pct(rail)
                )
            }
            RuleMove::NoCutNearTheEnd { rate, rail } => format!(
                "no cut: withdrawal rate {} above the {} guardrail, but too few years are left",
                pct(rate),
                pct(rail)
            ),
            RuleMove::Raise { rate, rail } => {
                format!(
                    "raise {adj}: withdrawal rate {} below the {} guardrail",
                    pct(rate),
                    pct(rail)
                )
            }
            RuleMove::Ceiling => "held at the ceiling: rose no more than allowed".into(),
            RuleMove::Floor => "held at the floor: fell no more than allowed".into(),
        }
    }
}

impl Withdrawal {
    /// What the rule spends this year before other income and expenses,
    /// and what it did. For an income need, the need.
    pub fn spending_usd(&self, year: &RuleYear) -> (f64, RuleMove) {
        let b = year.balance_usd;
        match *self {
            Withdrawal::FixedReal(need) => (need, RuleMove::Kept),
            Withdrawal::InitialRate(rate) => {
                (rate * year.balance_at_retirement_usd, RuleMove::Kept)
            }
            Withdrawal::PercentOfBalance(rate) => (rate * b, RuleMove::Kept),
            Withdrawal::Guardrails(g) => {
                let Some(s) = year.previous_usd else {
                    return (
                        g.initial_rate * year.balance_at_retirement_usd,
                        RuleMove::Kept,
                    );
                };
                if b <= 0.0 {
                    return (s, RuleMove::Kept);
                }
                let rate = s / b;
                let (upper, lower) = (
                    g.initial_rate * (1.0 + g.upper),
                    g.initial_rate * (1.0 - g.lower),
                );
                if rate > upper {
                    if year.years_left > g.until_years_left {
                        (
                            s * (1.0 - g.adjustment),
                            RuleMove::Cut { rate, rail: upper },
                        )
                    } else {
                        (s, RuleMove::NoCutNearTheEnd { rate, rail: upper })
                    }
                } else if rate < lower {
                    (
                        s * (1.0 + g.adjustment),
                        RuleMove::Raise { rate, rail: lower },
                    )
                } else {
                    (s, RuleMove::Kept)
                }
            }
            Withdrawal::Vpw(v) => (
                vpw_payment(b, v.real_return, year.years_left),
                RuleMove::Kept,
            ),
            Withdrawal::FloorCeiling(f) => {
                let wanted = f.rate * b;
                match year.previous_usd {
                    None => (f.rate * year.balance_at_retirement_usd, RuleMove::Kept),
                    Some(prev) if wanted > prev * (1.0 + f.ceiling) => {
                        (prev * (1.0 + f.ceiling), RuleMove::Ceiling)
                    }
                    Some(prev) if wanted < prev * (1.0 - f.floor) => {
                        (prev * (1.0 - f.floor), RuleMove::Floor)
                    }
                    Some(_) => (wanted, RuleMove::Kept),
                }
            }
        }
    }

    /// What the portfolio is asked to pay, before capping at the balance,
    /// given the rule's `spending_usd` and `income` from elsewhere. Only an
    /// income need is reduced by income (a net expense adds to it); every
    /// rate rule pays its spending and the expenses on top.
    pub fn asked_usd(&self, spending_usd: f64, income: &YearIncome) -> f64 {
        match self {
            Withdrawal::FixedReal(_) => (spending_usd - income.net_usd()).max(0.0),
            _ => spending_usd + income.expenses_usd,
        }
    }

    /// [`Withdrawal::spending_usd`] then [`Withdrawal::asked_usd`].
    pub fn amount_usd(&self, year: &RuleYear, income: &YearIncome) -> f64 {
        self.asked_usd(self.spending_usd(year).0, income)
    }

    /// Whether the rule can never run the account out by itself (with no
    /// expenses on top): it spends a share of the balance, at most all of it.
    pub fn never_runs_out(&self) -> bool {
        matches!(self, Withdrawal::PercentOfBalance(r) if *r <= 1.0)
            || matches!(self, Withdrawal::Vpw(_))
    }
}

/// VPW's payment: `B × r / ((1 + r)(1 − (1 + r)^−N))` for `N` years left,
/// `B / N` at `r = 0`, the whole balance when `N ≤ 1`.
pub fn vpw_payment(balance_usd: f64, real_return: f64, years_left: u32) -> f64 {
    if years_left <= 1 {
        return balance_usd;
    }
    let n = f64::from(years_left);
    if real_return == 0.0 {
        return balance_usd / n;
    }
    let r = real_return;
    balance_usd * r / ((1.0 + r) * (1.0 - (1.0 + r).powf(-n)))
}

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
}

impl YearIncome {
    /// Everything that comes in, less the expenses.
    pub fn net_usd(&self) -> f64 {
        self.social_security_usd + self.spouse_usd + self.other_usd - self.expenses_usd
    }
}

/// The earliest age Social Security can be claimed.
pub const MIN_CLAIM_AGE: u32 = 62;
/// The latest age worth claiming at: delayed credits stop at 70.
pub const MAX_CLAIM_AGE: u32 = 70;

/// The share of the monthly benefit at full retirement age (PIA) paid when
/// claiming at `claim_age` (SSA: 5/9 of 1% a month for the first 36 months
/// early, 5/12 of 1% beyond; 2/3 of 1% a month of delayed credit).
pub fn claim_factor(claim_age: u32, full_retirement_age: u32) -> f64 {
    let months = |years: u32| f64::from(years) * 12.0;
    if claim_age < full_retirement_age {
        let m = months(full_retirement_age - claim_age);
        1.0 - (5.0 / 9.0 / 100.0 * m.min(36.0) + 5.0 / 12.0 / 100.0 * (m - 36.0).max(0.0))
    } else {
        1.0 + 2.0 / 3.0 / 100.0 * months(claim_age - full_retirement_age)
    }
}

/// The share of a spousal benefit paid when it starts at `age` (SSA: 25/36
/// of 1% a month for the first 36 months before full retirement age, 5/12
/// of 1% beyond; no delayed credits).
pub fn spousal_factor(age: u32, full_retirement_age: u32) -> f64 {
    let m = f64::from(full_retirement_age.saturating_sub(age)) * 12.0;
    1.0 - (25.0 / 36.0 / 100.0 * m.min(36.0) + 5.0 / 12.0 / 100.0 * (m - 36.0).max(0.0))
}

/// A Social Security benefit, in one of two forms.
#[derive(Clone, Debug, PartialEq)]
pub enum SocialSecurity {
    /// Version 1's form: a yearly amount from an age.
    Fixed {
        /// The real yearly benefit.
        annual: f64,
        /// The age it starts.
        from_age: u32,
    },
    /// The monthly benefit at full retirement age and the claiming age.
    Claimed(Benefit),
}

/// A benefit from the PIA on the saver's (or spouse's) SSA statement.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Benefit {
    /// The monthly benefit at full retirement age (PIA), today's dollars.
    pub pia: f64,
    /// The age the benefit is claimed, 62 to 70.
    pub claim_age: u32,
    /// Full retirement age: 66 or 67.
    pub full_retirement_age: u32,
}

impl Default for Benefit {
    fn default() -> Self {
        Benefit {
            pia: 0.0,
            claim_age: 67,
            full_retirement_age: 67,
        }
    }
}

impl Benefit {
    /// The yearly benefit once claimed: `12 × pia × factor`.
    pub fn annual_usd(&self) -> f64 {
        self.annual_at(self.claim_age)
    }

    /// The yearly benefit if claimed at `claim_age` instead.
    pub fn annual_at(&self, claim_age: u32) -> f64 {
        12.0 * self.pia * claim_factor(claim_age, self.full_retirement_age)
    }
}

impl Default for SocialSecurity {
    fn default() -> Self {
        SocialSecurity::Claimed(Benefit::default())
    }
}

impl SocialSecurity {
    /// The saver's own benefit at `age_years`.
    pub fn own_usd(&self, age_years: u32) -> f64 {
        match self {
            SocialSecurity::Fixed { annual, from_age } if age_years >= *from_age => *annual,
            SocialSecurity::Claimed(b) if age_years >= b.claim_age => b.annual_usd(),
            _ => 0.0,
        }
    }

    /// The PIA form's benefit, if the benefit is in it.
    pub fn benefit(&self) -> Option<&Benefit> {
        match self {
            SocialSecurity::Claimed(b) => Some(b),
            SocialSecurity::Fixed { .. } => None,
        }
    }

    /// The same benefit in the PIA form: the PIA that pays `annual` when
    /// claimed at `from_age` (held within 62–70) with a full retirement age
    /// of 67. Outside 62–70 the benefit's start moves into that range.
    pub fn to_claimed(&self) -> Benefit {
        match self {
            SocialSecurity::Claimed(b) => *b,
            SocialSecurity::Fixed { annual, from_age } => {
                let claim_age = (*from_age).clamp(MIN_CLAIM_AGE, MAX_CLAIM_AGE);
                let full_retirement_age = 67;
                Benefit {
                    pia: annual / 12.0 / claim_factor(claim_age, full_retirement_age),
                    claim_age,
                    full_retirement_age,
                }
            }
        }
    }
}

/// The fields of both forms, in the order a file writes them.
const SOCIAL_SECURITY_FIELDS: &[&str] = &[
    "annual",
    "from_age",
    "pia",
    "claim_age",
    "full_retirement_age",
];

impl Serialize for SocialSecurity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("SocialSecurity", 3)?;
        match self {
            SocialSecurity::Fixed { annual, from_age } => {
                out.serialize_field("annual", annual)?;
                out.serialize_field("from_age", from_age)?;
            }
            SocialSecurity::Claimed(b) => {
                out.serialize_field("pia", &b.pia)?;
                out.serialize_field("claim_age", &b.claim_age)?;
                out.serialize_field("full_retirement_age", &b.full_retirement_age)?;
            }
        }
        out.end()
    }
}

/// One reader for both forms: the fields decide which it is, and a mix of
/// the two is an error.
struct SocialSecurityVisitor;

impl<'de> serde::de::Visitor<'de> for SocialSecurityVisitor {
    type Value = SocialSecurity;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Social Security benefit: (pia, claim_age, full_retirement_age) or (annual, from_age)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<SocialSecurity, A::Error> {
        use serde::de::Error;
        let (mut annual, mut from_age, mut pia, mut claim_age, mut fra) =
            (None, None, None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let twice = || {
                A::Error::duplicate_field(
                    SOCIAL_SECURITY_FIELDS
                        .iter()
                        .find(|f| **f == key)
                        .copied()
                        .unwrap_or("field"),
                )
            };
            match key.as_str() {
                "annual" if annual.is_none() => annual = Some(map.next_value::<f64>()?),
                "from_age" if from_age.is_none() => from_age = Some(map.next_value::<u32>()?),
                "pia" if pia.is_none() => pia = Some(map.next_value::<f64>()?),
                "claim_age" if claim_age.is_none() => claim_age = Some(map.next_value::<u32>()?),
                "full_retirement_age" if fra.is_none() => fra = Some(map.next_value::<u32>()?),
                "annual" | "from_age" | "pia" | "claim_age" | "full_retirement_age" => {
                    return Err(twice());
                }
                other => return Err(A::Error::unknown_field(other, SOCIAL_SECURITY_FIELDS)),
            }
        }
        let v1 = annual.is_some() || from_age.is_some();
        let v2 = pia.is_some() || claim_age.is_some() || fra.is_some();
        if v1 && v2 {
            return Err(A::Error::custom(
                "a Social Security benefit is either (annual, from_age) or (pia, claim_age, full_retirement_age), not a mix of the two",
            ));
        }
        let default = Benefit::default();
        Ok(if v1 {
            SocialSecurity::Fixed {
                annual: annual.unwrap_or(0.0),
                from_age: from_age.unwrap_or(67),
            }
        } else {
            SocialSecurity::Claimed(Benefit {
                pia: pia.unwrap_or(default.pia),
                claim_age: claim_age.unwrap_or(default.claim_age),
                full_retirement_age: fra.unwrap_or(default.full_retirement_age),
            })
        })
    }
}

impl<'de> Deserialize<'de> for SocialSecurity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(
            "SocialSecurity",
            SOCIAL_SECURITY_FIELDS,
            SocialSecurityVisitor,
        )
    }
}

/// A spouse or partner: their own Social Security and the spousal top-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spouse {
    /// Their age today (required).
    pub age: u32,
    /// Their monthly benefit at full retirement age (PIA), today's dollars.
    #[serde(default)]
    pub pia: f64,
    /// The age they claim, 62 to 70.
    #[serde(default = "default_claim_age")]
    pub claim_age: u32,
    /// Their full retirement age: 66 or 67.
    #[serde(default = "default_claim_age")]
    pub full_retirement_age: u32,
}

fn default_claim_age() -> u32 {
    67
}

impl Spouse {
    /// Their own benefit as a [`Benefit`].
    pub fn benefit(&self) -> Benefit {
        Benefit {
            pia: self.pia,
            claim_age: self.claim_age,
            full_retirement_age: self.full_retirement_age,
        }
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

/// What the account pays in retirement, and what else comes in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retirement {
    /// How the yearly withdrawal is set.
    pub withdrawal: Withdrawal,
    /// The saver's Social Security, if any.
    pub social_security: Option<SocialSecurity>,
    /// A spouse, with their own benefit and the spousal top-up.
    pub spouse: Option<Spouse>,
    /// Pensions, annuities and planned expenses.
    pub income: Vec<IncomeStream>,
    /// The total income (before tax) the household must not fall below:
    /// measured, it changes no withdrawal.
    pub essential: Option<f64>,
}

impl Retirement {
    /// Social Security in the year the saver is `age_years` (today they are
    /// `age_today`): the saver's and the spouse's, each with their spousal
    /// top-up from the year both have claimed.
    pub fn social_security_usd(&self, age_today: u32, age_years: u32) -> (f64, f64) {
        let saver = self
            .social_security
            .as_ref()
            .map_or(0.0, |ss| ss.own_usd(age_years));
        let Some(spouse) = &self.spouse else {
            return (saver, 0.0);
        };
        let spouse_age = |saver_age: u32| spouse.age + (saver_age - age_today.min(saver_age));
        let theirs = spouse.benefit();
        let spouse_own = if spouse_age(age_years) >= spouse.claim_age {
            theirs.annual_usd()
        } else {
            0.0
        };
        // The top-ups need the saver's PIA: validation refuses a spouse
        // beside a v1-form benefit.
        let Some(mine) = self
            .social_security
            .as_ref()
            .and_then(SocialSecurity::benefit)
        else {
            return (saver, spouse_own);
        };
        // The saver's age in the first year both have claimed.
        let both_from = mine
            .claim_age
            .max(age_today + spouse.claim_age.saturating_sub(spouse.age));
        if age_years < both_from {
            return (saver, spouse_own);
        }
        let top_up = |recipient_pia: f64, other_pia: f64, recipient_age: u32, fra: u32| -> f64 {
            let gap = other_pia / 2.0 - recipient_pia;
            if gap > 0.0 {
                12.0 * gap * spousal_factor(recipient_age, fra)
            } else {
                0.0
            }
        };
        let saver_top_up = top_up(mine.pia, theirs.pia, both_from, mine.full_retirement_age);
        let spouse_top_up = top_up(
            theirs.pia,
            mine.pia,
            spouse_age(both_from),
            theirs.full_retirement_age,
        );
        (saver + saver_top_up, spouse_own + spouse_top_up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn income(ss: f64, expenses: f64) -> YearIncome {
        YearIncome {
            social_security_usd: ss,
            expenses_usd: expenses,
            ..YearIncome::default()
        }
    }

    #[test]
    fn each_rule_asks_what_it_says() {
        let year = |b: f64, b_r: f64| RuleYear {
            balance_usd: b,
            balance_at_retirement_usd: b_r,
            previous_usd: None,
            years_left: 20,
        };
        let ask = |w: Withdrawal, ss: f64, expenses: f64| {
            w.amount_usd(&year(1e6, 2e6), &income(ss, expenses))
        };
        assert_eq!(
            ask(Withdrawal::FixedReal(60_000.0), 24_000.0, 0.0),
            36_000.0
        );
        assert_eq!(ask(Withdrawal::FixedReal(20_000.0), 24_000.0, 0.0), 0.0);
        assert_eq!(
            ask(Withdrawal::FixedReal(60_000.0), 24_000.0, 10_000.0),
            46_000.0
        );
        assert_eq!(ask(Withdrawal::InitialRate(0.04), 24_000.0, 0.0), 80_000.0);
        assert_eq!(
            ask(Withdrawal::InitialRate(0.04), 24_000.0, 30_000.0),
            110_000.0
        );
        assert_eq!(ask(Withdrawal::PercentOfBalance(0.05), 0.0, 0.0), 50_000.0);
        assert_eq!(
            ask(Withdrawal::Guardrails(Guardrails::default()), 24_000.0, 0.0),
            100_000.0
        );
    }

    #[test]
    fn guardrails_cut_and_raise_at_their_rails_once_a_year() {
        let g = Withdrawal::Guardrails(Guardrails::default());
        let year = |b: f64, years_left: u32| RuleYear {
            balance_usd: b,
            balance_at_retirement_usd: 1e6,
            previous_usd: Some(50_000.0),
            years_left,
        };
        // 50,000 of 790,000 is 6.33%, above the 6% rail: cut 10%.
        let (s, m) = g.spending_usd(&year(790_000.0, 20));
        assert!((s - 45_000.0).abs() < 1e-9);
        assert_eq!(
            m.words(0.10),
            "cut 10%: withdrawal rate 6.3% above the 6.0% guardrail"
        );
        // The same with 15 years left: no cut.
        assert_eq!(g.spending_usd(&year(800_000.0, 15)).0, 50_000.0);
        // 50,000 of 1.3 million is 3.8%, below the 4% rail: raise 10%.
        assert!((g.spending_usd(&year(1_300_000.0, 20)).0 - 55_000.0).abs() < 1e-9);
        // Between the rails: kept.
        assert_eq!(
            g.spending_usd(&year(1_000_000.0, 20)),
            (50_000.0, RuleMove::Kept)
        );
    }

    #[test]
    fn guardrails_in_dollars_as_advisers_say_them() {
        let rails = Guardrails::default().in_dollars(1_000_000.0);
        assert!((rails.spending_usd - 50_000.0).abs() < 1e-9);
        assert!((rails.cut_below_usd - 833_333.333).abs() < 1e-2);
        assert!((rails.cut_to_usd - 45_000.0).abs() < 1e-9);
        assert!((rails.raise_above_usd - 1_250_000.0).abs() < 1e-6);
        assert_eq!(rails.raise_to_usd, Some(50_000.0 * 1.1));
    }

    #[test]
    fn vpw_is_the_annuity_payment_and_empties_the_account_in_the_last_year() {
        let r: f64 = 0.035;
        let n = 30.0;
        let annuity = 1e6 * r / ((1.0 + r) * (1.0 - (1.0 + r).powf(-n)));
        assert!((vpw_payment(1e6, r, 30) - annuity).abs() < 1e-6);
        assert_eq!(vpw_payment(1e6, 0.0, 20), 50_000.0);
        assert_eq!(vpw_payment(123.0, r, 1), 123.0);
    }

    #[test]
    fn floor_and_ceiling_clamp_to_last_year() {
        let f = Withdrawal::FloorCeiling(FloorCeiling::default());
        let year = |b: f64| RuleYear {
            balance_usd: b,
            balance_at_retirement_usd: 1e6,
            previous_usd: Some(50_000.0),
            years_left: 20,
        };
        assert_eq!(f.spending_usd(&year(2e6)), (52_500.0, RuleMove::Ceiling));
        assert_eq!(f.spending_usd(&year(5e5)), (48_750.0, RuleMove::Floor));
        assert_eq!(f.spending_usd(&year(1e6)).0, 50_000.0);
    }

    #[test]
    fn the_ssa_factors_for_a_full_retirement_age_of_67() {
        let expected = [
            0.70,
            0.75,
            0.80,
            13.0 / 15.0,
            14.0 / 15.0,
            1.0,
            1.08,
            1.16,
            1.24,
        ];
        for (age, want) in (62..=70).zip(expected) {
            let got = claim_factor(age, 67);
            assert!((got - want).abs() < 1e-12, "{age}: {got} against {want}");
        }
        // A full retirement age of 66: 75% at 62, 132% at 70.
        assert!((claim_factor(62, 66) - 0.75).abs() < 1e-12);
        assert!((claim_factor(70, 66) - 1.32).abs() < 1e-12);
    }

    #[test]
    fn a_spousal_top_up_worked_by_hand() {
        // The saver (PIA $2,400, claims at 67, FRA 67) is 64; the spouse
        // (PIA $600, claims at 62, FRA 67) is 60. The spouse claims at 62,
        // when the saver is 66; the saver claims at 67, when the spouse is
        // 63: both have claimed from the saver's 67, the spouse then 63.
        let r = Retirement {
            social_security: Some(SocialSecurity::Claimed(Benefit {
                pia: 2_400.0,
                claim_age: 67,
                full_retirement_age: 67,
            })),
            spouse: Some(Spouse {
                age: 60,
                pia: 600.0,
                claim_age: 62,
                full_retirement_age: 67,
            }),
            ..Retirement::default()
        };
        // Saver 65: the spouse is 61, nobody has claimed.
        assert_eq!(r.social_security_usd(64, 65), (0.0, 0.0));
        // Saver 66: the spouse (62) has her own, reduced 30%.
        let own = 12.0 * 600.0 * 0.70;
        assert_eq!(r.social_security_usd(64, 66), (0.0, own));
        // Saver 67: both have claimed. The spouse's top-up is half the
        // saver's PIA less hers, $600 a month, reduced for her age 63: 48
        // months early, 36 × 25/36 % + 12 × 5/12 % = 30%.
        let (saver, spouse) = r.social_security_usd(64, 67);
        assert_eq!(saver, 12.0 * 2_400.0);
        let top_up = 12.0 * 600.0 * (1.0 - 0.25 - 0.05);
        assert!((spouse - (own + top_up)).abs() < 1e-9, "{spouse}");
        // The reduction is measured at the later claim and then kept.
        assert_eq!(r.social_security_usd(64, 80), (saver, spouse));
    }

    #[test]
    fn both_forms_read_and_a_mix_is_refused() {
        let v1: SocialSecurity = ron::from_str("(annual: 24000.0, from_age: 67)").unwrap();
        assert_eq!(
            v1,
            SocialSecurity::Fixed {
                annual: 24_000.0,
                from_age: 67
            }
        );
        let v2: SocialSecurity = ron::from_str("(pia: 2000.0, claim_age: 70)").unwrap();
        assert_eq!(v2.benefit().unwrap().full_retirement_age, 67);
        assert_eq!(v2.own_usd(70), 12.0 * 2_000.0 * 1.24);
        let mixed = ron::from_str::<SocialSecurity>("(annual: 24000.0, pia: 2000.0)").unwrap_err();
        assert!(mixed.to_string().contains("not a mix"), "{mixed}");
        for ss in [v1, v2] {
            let text = ron::to_string(&ss).unwrap();
            assert_eq!(ron::from_str::<SocialSecurity>(&text).unwrap(), ss);
        }
    }

    #[test]
    fn switching_to_the_pia_form_keeps_the_benefit() {
        let v1 = SocialSecurity::Fixed {
            annual: 24_000.0,
            from_age: 65,
        };
        let b = v1.to_claimed();
        assert_eq!(b.claim_age, 65);
        assert!((b.annual_usd() - 24_000.0).abs() < 1e-9);
    }
}

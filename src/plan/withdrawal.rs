//! How much the portfolio pays each retirement year: an income need, the
//! 4% rule, a percent of the balance, guardrails (Guyton-Klinger), VPW, or
//! a floor and ceiling (Vanguard), and what each rule did in a year. All
//! in today's dollars, before tax.

use serde::{Deserialize, Serialize};

use super::income::YearIncome;

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
    /// Whether the rule sets each year's spending from the balance, so
    /// that spending falls instead of the money running out (guardrails,
    /// VPW, floor and ceiling, a percent of the balance).
    pub fn adapts_to_the_balance(&self) -> bool {
        matches!(
            self,
            Withdrawal::PercentOfBalance(_)
                | Withdrawal::Guardrails(_)
                | Withdrawal::Vpw(_)
                | Withdrawal::FloorCeiling(_)
        )
    }

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
}

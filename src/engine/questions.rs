//! Answers, not only projections: goal seek ("what would give a 90%
//! chance?"), sweeps ("how do the figures move with the sleeve's
//! weight?"), the crypto returns at which the sleeve pays off, and the plan
//! under the other kind of returns (MODEL-v2 §11, §13). Each runs one plan
//! many ways on the same draws: the same market, so the answer is the
//! decision's.
//!
//! The fields a question can vary are [`Field`]s: each is read and written
//! through a [`Lever`], and carries its grid, its sweep and its words, so
//! the app, the command line and the report name and vary it alike.

use super::error::{QuestionError, SimulationError, SweepRangeError};
use super::outcomes::check_finite;
use super::runner::Runner;
use crate::outcome::{BreakEven, Levels, MemberSummary, Outcome, Record};
use crate::plan::defaults::{CryptoView, ViewError, shipped};
use crate::plan::private::PrivateKind;
use crate::plan::validate::WithError;
use crate::plan::withdrawal::{FloorCeiling, Guardrails, Withdrawal};
use crate::plan::{BUILT_IN_HISTORIES, HistoryMode, Lever, Plan, Problem, Returns, ValidPlan};
use crate::units::{percent, usd};

/// A field a question varies, by its command-line name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `contribution_rate`: the saver's deferral rate.
    ContributionRate,
    /// `balance`: today's balance.
    Balance,
    /// `spending`: the income need, or a rate rule's rate.
    Spending,
    /// `retirement_age`.
    RetirementAge,
    /// `sleeve_weight` (sweeps only): the sleeve's size, its taper kept
    /// ([`Lever::SleeveSize`]).
    SleeveWeight,
    /// `plan_fee` (sweeps only).
    PlanFee,
    /// `private_weight` (sweeps only): the private sleeve's size, its taper
    /// kept ([`Lever::PrivateWeight`]; a plan without one gets private equity).
    PrivateWeight,
    /// `private_fee` (sweeps only, with a private sleeve): its yearly
    /// management fee.
    PrivateFee,
    /// `roth_share` (sweeps only, with taxes): the share of the saver's
    /// deferrals that goes Roth.
    RothShare,
    /// `conversion_rate` (sweeps only, with taxes): the bracket Roth
    /// conversions fill, by its rate; 0 for no conversions.
    ConversionRate,
    /// `state_rate` (sweeps only, with taxes): the flat state income tax.
    StateRate,
    /// `claim_age` (sweeps only): the age the saver claims Social Security.
    ClaimAge,
    /// `spouse_claim_age` (sweeps only): the age the spouse claims.
    SpouseClaimAge,
    /// `survivor_need`: the share of the need a survivor keeps.
    SurvivorNeed,
    /// `plan_to_age`: the age the money should last to (with lifespans
    /// from the table, the most anyone lives).
    PlanToAge,
}

/// The bracket rates `conversion_rate` takes: 0 (no conversions) and the
/// rates of the brackets with a top.
pub const CONVERSION_RATES: [f64; 6] = [0.0, 0.10, 0.12, 0.22, 0.24, 0.32];

/// Which end of the field's range a solve looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// The smallest value that reaches the target.
    Smallest,
    /// The largest value that still reaches it.
    Largest,
    /// The earliest age that reaches it.
    Earliest,
}

/// A field's values for a solve: `low + k · step`, `k = 0 … steps`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    /// The first value.
    pub low: f64,
    /// The distance between values.
    pub step: f64,
    /// How many steps from the first value to the last.
    pub steps: usize,
}

impl Grid {
    /// The grid from `low` to `high` (as far as whole steps reach).
    fn between(low: f64, high: f64, step: f64) -> Self {
        Grid {
            low,
            step,
            steps: ((high - low) / step + 1e-9).floor().max(0.0) as usize,
        }
    }

    /// The `k`-th value, rounded to ten decimals so it is written as read.
    pub fn value(&self, k: usize) -> f64 {
        ((self.low + k as f64 * self.step) * 1e10).round() / 1e10
    }

    /// Every value, in order.
    pub fn values(&self) -> Vec<f64> {
        (0..=self.steps).map(|k| self.value(k)).collect()
    }

    /// The index of the value nearest `value`.
    pub fn nearest(&self, value: f64) -> usize {
        let k = ((value - self.low) / self.step).round();
        if k.is_nan() {
            0
        } else {
            (k.max(0.0) as usize).min(self.steps)
        }
    }
}

impl Field {
    /// Every field, in the order the help lists them.
    pub const ALL: [Field; 15] = [
        Field::ContributionRate,
        Field::Balance,
        Field::Spending,
        Field::RetirementAge,
        Field::SleeveWeight,
        Field::PlanFee,
        Field::PrivateWeight,
        Field::PrivateFee,
        Field::RothShare,
        Field::ConversionRate,
        Field::StateRate,
        Field::ClaimAge,
        Field::SpouseClaimAge,
        Field::SurvivorNeed,
        Field::PlanToAge,
    ];

    /// The fields a solve can answer for.
    pub const SOLVABLE: [Field; 6] = [
        Field::ContributionRate,
        Field::Balance,
        Field::Spending,
        Field::RetirementAge,
        Field::SurvivorNeed,
        Field::PlanToAge,
    ];

    /// The fields the app's Sleeve tab sweeps, in the order it offers them.
    pub const SWEPT_IN_THE_APP: [Field; 8] = [
        Field::SleeveWeight,
        Field::PrivateWeight,
        Field::ContributionRate,
        Field::RetirementAge,
        Field::Spending,
        Field::PlanFee,
        Field::ClaimAge,
        Field::SpouseClaimAge,
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Field::ContributionRate => "contribution_rate",
            Field::Balance => "balance",
            Field::Spending => "spending",
            Field::RetirementAge => "retirement_age",
            Field::SleeveWeight => "sleeve_weight",
            Field::PlanFee => "plan_fee",
            Field::PrivateWeight => "private_weight",
            Field::PrivateFee => "private_fee",
            Field::RothShare => "roth_share",
            Field::ConversionRate => "conversion_rate",
            Field::StateRate => "state_rate",
            Field::ClaimAge => "claim_age",
            Field::SpouseClaimAge => "spouse_claim_age",
            Field::SurvivorNeed => "survivor_need",
            Field::PlanToAge => "plan_to_age",
        }
    }

    /// The field of that command-line name.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The lever that reads and writes this field in `plan`.
    pub fn lever(self, plan: &Plan) -> Lever {
        match self {
            Field::ContributionRate => Lever::EmployeeRate,
            Field::Balance => Lever::Balance,
            Field::Spending => match plan.retirement.withdrawal {
                Withdrawal::FixedReal(_) => Lever::SpendingAmount,
                _ => Lever::WithdrawalRate,
            },
            Field::RetirementAge => Lever::RetirementAge,
            Field::SleeveWeight => Lever::SleeveSize,
            Field::PlanFee => Lever::PlanFee,
            Field::PrivateWeight => Lever::PrivateWeight,
            Field::PrivateFee => Lever::PrivateFee,
            Field::RothShare => Lever::RothShare,
            Field::ConversionRate => Lever::ConversionRate,
            Field::StateRate => Lever::StateRate,
            Field::ClaimAge => Lever::SocialSecurityClaimAge,
            Field::SpouseClaimAge => Lever::SpouseClaimAge,
            Field::SurvivorNeed => Lever::SurvivorNeed,
            Field::PlanToAge => Lever::PlanToAge,
        }
    }

    /// The field's value in `plan` (0 where it has none: no sleeve, no
    /// conversions).
    pub fn current(self, plan: &Plan) -> f64 {
        self.lever(plan).get(plan).unwrap_or(0.0)
    }

    /// A field as a person names it: "how much you save".
    pub fn short_label(self) -> &'static str {
        match self {
            Field::ContributionRate => "how much you save",
            Field::Balance => "your balance today",
            Field::Spending => "your spending",
            Field::RetirementAge => "when you retire",
            Field::SleeveWeight => "the sleeve's weight",
            Field::PlanFee => "the plan fee",
            Field::PrivateWeight => "the private sleeve's weight",
            Field::PrivateFee => "the private fund's management fee",
            Field::RothShare => "the Roth share of your deferrals",
            Field::ConversionRate => "the bracket Roth conversions fill",
            Field::StateRate => "the state's income tax",
            Field::ClaimAge => "when you claim Social Security",
            Field::SpouseClaimAge => "when your spouse claims",
            Field::SurvivorNeed => "a survivor's share of the need",
            Field::PlanToAge => "the age you plan to",
        }
    }

    /// The field on a chart's axis: "Your contribution rate (share of pay)".
    pub fn axis_label(self, plan: &Plan) -> &'static str {
        match self {
            Field::SleeveWeight => "Sleeve weight (share of the account)",
            Field::ContributionRate => "Your contribution rate (share of pay)",
            Field::RetirementAge => "Retirement age",
            Field::PlanFee => "Plan fee a year",
            Field::PrivateWeight => "Private sleeve weight (share of the account)",
            Field::PrivateFee => "Private fund's management fee a year",
            Field::Balance => "Balance today",
            Field::RothShare => "Roth share of your deferrals",
            Field::ConversionRate => "Roth conversions fill the bracket of (0: none)",
            Field::StateRate => "State income tax rate",
            Field::ClaimAge => "Your Social Security claiming age",
            Field::SpouseClaimAge => "Spouse's claiming age",
            Field::SurvivorNeed => "Survivor's share of the need",
            Field::PlanToAge => "Plan-to age",
            Field::Spending if spends_an_amount(plan) && spends_after_tax(plan) => {
                "Income a year, after tax, today's dollars"
            }
            Field::Spending if spends_an_amount(plan) => {
                "Income a year, before tax, today's dollars"
            }
            Field::Spending => "Withdrawal rate",
        }
    }

    /// Whether the field is a share of something (shown as a percentage).
    pub fn is_share(self, plan: &Plan) -> bool {
        match self {
            Field::Balance
            | Field::RetirementAge
            | Field::ClaimAge
            | Field::SpouseClaimAge
            | Field::PlanToAge => false,
            Field::Spending => !spends_an_amount(plan),
            Field::ContributionRate
            | Field::SleeveWeight
            | Field::PlanFee
            | Field::PrivateWeight
            | Field::PrivateFee
            | Field::RothShare
            | Field::ConversionRate
            | Field::StateRate
            | Field::SurvivorNeed => true,
        }
    }

    /// A value of the field in words: "11.3% of pay", "$68,000 a year
    /// before tax", "67".
    pub fn say(self, plan: &Plan, value: f64) -> String {
        match self {
            Field::ContributionRate => format!("{} of pay", percent(value)),
            Field::Balance => usd(value),
            Field::Spending if spends_an_amount(plan) && spends_after_tax(plan) => {
                format!("{} a year after tax", usd(value))
            }
            Field::Spending if spends_an_amount(plan) => {
                format!("{} a year before tax", usd(value))
            }
            Field::RothShare => format!("{} Roth", percent(value)),
            Field::ConversionRate if value == 0.0 => "no conversions".to_owned(),
            Field::ConversionRate => {
                format!("conversions to the top of the {} bracket", percent(value))
            }
            Field::Spending => format!("{} a year", percent(value)),
            Field::RetirementAge | Field::PlanToAge => format!("{value:.0}"),
            Field::ClaimAge | Field::SpouseClaimAge => format!("claiming at {value:.0}"),
            Field::SurvivorNeed => format!("{} of the need", percent(value)),
            Field::SleeveWeight
            | Field::PlanFee
            | Field::PrivateWeight
            | Field::PrivateFee
            | Field::StateRate => percent(value),
        }
    }

    /// Why a solve for this field does not apply to `plan`, if it does not.
    pub fn solve_refusal(self, plan: &Plan) -> Option<QuestionError> {
        let rule = &plan.retirement.withdrawal;
        match (self, rule) {
            (Field::ContributionRate | Field::Balance, Withdrawal::FixedReal(_)) => None,
            (Field::ContributionRate | Field::Balance, _) => {
                Some(QuestionError::NeedsAnIncomeNeed { field: self.name() })
            }
            (Field::Spending, Withdrawal::PercentOfBalance(_)) => {
                Some(QuestionError::PercentNeverRunsOut)
            }
            (Field::Spending, Withdrawal::Vpw(_)) => Some(QuestionError::VpwNeverRunsOut),
            (Field::RetirementAge | Field::PlanToAge, rule) if rule.adapts_to_the_balance() => {
                Some(QuestionError::AdaptsToTheBalance { field: self.name() })
            }
            (Field::Spending | Field::RetirementAge | Field::PlanToAge, _) => None,
            (Field::SurvivorNeed, _) if plan.retirement.spouse.is_none() => {
                Some(QuestionError::NeedsASpouse { field: self.name() })
            }
            (Field::SurvivorNeed, Withdrawal::FixedReal(_)) => None,
            (Field::SurvivorNeed, _) => {
                Some(QuestionError::NeedsAnIncomeNeed { field: self.name() })
            }
            (
                Field::SleeveWeight
                | Field::PlanFee
                | Field::PrivateWeight
                | Field::PrivateFee
                | Field::RothShare
                | Field::ConversionRate
                | Field::StateRate
                | Field::ClaimAge
                | Field::SpouseClaimAge,
                _,
            ) => Some(QuestionError::SweepOnly { field: self.name() }),
        }
    }

    /// What a solve looks for.
    pub fn goal(self) -> Goal {
        match self {
            Field::RetirementAge => Goal::Earliest,
            Field::Spending | Field::SurvivorNeed => Goal::Largest,
            // The oldest age the money lasts to with the chance asked.
            Field::PlanToAge => Goal::Largest,
            _ => Goal::Smallest,
        }
    }

    /// The values a solve searches (MODEL-v2 §11's table).
    pub fn grid(self, plan: &Plan) -> Grid {
        match (self, plan.retirement.withdrawal) {
            (Field::ContributionRate, _) => Grid::between(0.0, 1.0, 0.001),
            (Field::Balance, _) => {
                Grid::between(0.0, 100.0 * plan.saver.salary + 10_000_000.0, 1_000.0)
            }
            // Never past the most money an amount may be, so a step of the
            // search is always a valid plan.
            (Field::Spending, Withdrawal::FixedReal(amount)) => Grid::between(
                0.0,
                (10.0 * amount).clamp(1_000_000.0, crate::plan::lever::MAX_USD),
                100.0,
            ),
            (
                Field::Spending,
                Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate),
            ) => Grid::between(0.0, (10.0 * rate).clamp(0.1, 1.0), 0.0005),
            // Guardrails' rails are shares of a rate above 0.
            (
                Field::Spending,
                Withdrawal::Guardrails(Guardrails {
                    initial_rate: rate, ..
                })
                | Withdrawal::FloorCeiling(FloorCeiling { rate, .. }),
            ) => Grid::between(0.0005, (10.0 * rate).clamp(0.1, 1.0), 0.0005),
            (Field::Spending, Withdrawal::Vpw(_)) => Grid::between(0.0, 0.0, 1.0),
            (Field::RetirementAge, _) => {
                let age = f64::from(plan.saver.age);
                Grid::between(
                    age,
                    f64::from(plan.saver.plan_to_age.saturating_sub(1)).max(age),
                    1.0,
                )
            }
            (
                Field::SleeveWeight
                | Field::PlanFee
                | Field::RothShare
                | Field::PrivateWeight
                | Field::PrivateFee,
                _,
            ) => Grid::between(0.0, 1.0, 0.001),
            (Field::ConversionRate, _) => Grid::between(0.0, 0.32, 0.01),
            (Field::StateRate, _) => Grid::between(0.0, 0.15, 0.001),
            (Field::ClaimAge | Field::SpouseClaimAge, _) => Grid::between(62.0, 70.0, 1.0),
            (Field::SurvivorNeed, _) => Grid::between(0.0, 1.0, 0.01),
            (Field::PlanToAge, _) => {
                let from = f64::from(plan.saver.retirement_age.max(plan.saver.age) + 1);
                Grid::between(from, 120.0_f64.max(from), 1.0)
            }
        }
    }

    /// The values a sweep of this field shows around `plan` (the app's
    /// Sleeve tab; the client report sweeps the sleeve's weight alike):
    /// the sleeve from 0% to 20% by 1%, the saving rate to 25%, ages
    /// around retirement, spending around its amount or rate.
    pub fn sweep_grid(self, plan: &Plan) -> Grid {
        match (self, plan.retirement.withdrawal) {
            (Field::SleeveWeight, _) => Grid::between(0.0, 0.20, 0.01),
            (Field::ContributionRate, _) => Grid::between(0.0, 0.25, 0.01),
            (Field::RetirementAge, _) => {
                let age = f64::from(
                    plan.saver
                        .age
                        .max(plan.saver.retirement_age.saturating_sub(10)),
                );
                let last = f64::from(plan.saver.plan_to_age.saturating_sub(1)).min(age + 15.0);
                Grid::between(age, last.max(age), 1.0)
            }
            (Field::Spending, Withdrawal::FixedReal(amount)) => {
                let step = (amount / 10.0 / 1_000.0).round().max(1.0) * 1_000.0;
                Grid::between((amount - 10.0 * step).max(0.0), amount + 10.0 * step, step)
            }
            (Field::Spending, _) => Grid::between(0.02, 0.08, 0.0025),
            (Field::PlanFee, _) => Grid::between(0.0, 0.01, 0.0005),
            // The published private allocations run to 20% (MODEL-v3 §18).
            (Field::PrivateWeight, _) => Grid::between(0.0, 0.20, 0.01),
            (Field::PrivateFee, _) => Grid::between(0.0, 0.025, 0.0025),
            (Field::RothShare, _) => Grid::between(0.0, 1.0, 0.1),
            // The brackets' rates are not evenly spaced (the command line
            // takes them as a list): around a plan, none against the 12%
            // bracket, the common question.
            (Field::ConversionRate, _) => Grid::between(0.0, 0.12, 0.12),
            (Field::StateRate, _) => Grid::between(0.0, 0.10, 0.005),
            (Field::ClaimAge | Field::SpouseClaimAge, _) => Grid::between(62.0, 70.0, 1.0),
            (Field::SurvivorNeed, _) => Grid::between(0.5, 1.0, 0.05),
            (Field::PlanToAge, _) => {
                let from = f64::from(
                    plan.saver
                        .plan_to_age
                        .saturating_sub(10)
                        .max(plan.saver.age + 1),
                );
                Grid::between(from, (from + 20.0).min(120.0), 1.0)
            }
            (Field::Balance, _) => {
                let b = plan.saver.balance.max(10_000.0);
                Grid::between(0.0, 2.0 * b, (b / 10.0).round().max(1.0))
            }
        }
    }

    /// The crypto views a sweep of this field is drawn under: every shipped
    /// view and the plan's own for the sleeve's weight, the plan's own for
    /// the rest.
    pub fn sweep_views(self) -> Vec<SweepView> {
        if self == Field::SleeveWeight {
            SweepView::all()
        } else if self == Field::PrivateWeight {
            SweepView::all_private()
        } else {
            vec![SweepView::Plan]
        }
    }

    /// Whether the chance moves one way with this field on every path, so
    /// bisection finds the answer (elsewhere every value is tried).
    pub fn monotone(self, plan: &Plan) -> bool {
        matches!(
            (self, plan.retirement.withdrawal),
            (
                Field::ContributionRate | Field::Balance | Field::Spending | Field::SurvivorNeed,
                Withdrawal::FixedReal(_)
            ) | (Field::Spending, Withdrawal::InitialRate(_))
        )
    }

    /// `plan` alone with this field at `value` (through its lever; for the
    /// sleeve's weight, the taper kept and a sleeve added where there is
    /// none), validated. An error names the value when the field does not
    /// apply or the plan becomes invalid.
    pub fn set(self, plan: &ValidPlan, value: f64) -> Result<ValidPlan, SimulationError> {
        let lever = self.lever(plan);
        // Refused at the field itself, or the plan it makes invalid.
        let refused = |message: String| {
            SimulationError::Invalid(vec![Problem {
                field: lever.path().to_owned(),
                message,
            }])
        };
        let with_value = |problems: Vec<Problem>| {
            SimulationError::Invalid(
                problems
                    .into_iter()
                    .map(|p| Problem {
                        message: format!("with {} at {value}: {}", self.name(), p.message),
                        field: p.field,
                    })
                    .collect(),
            )
        };
        let taxes_only = matches!(
            self,
            Field::RothShare | Field::ConversionRate | Field::StateRate
        );
        if taxes_only && plan.taxes.is_none() {
            return Err(refused(format!(
                "{} needs a plan with taxes (this plan is before tax)",
                self.name()
            )));
        }
        if self == Field::ConversionRate {
            let changed = with_conversion_rate(plan, value).map_err(refused)?;
            return crate::plan::validate(&changed).map_err(with_value);
        }
        plan.with(lever, value).map_err(|e| match e {
            WithError::Set { source, .. } => refused(match source {
                crate::plan::lever::SetError::DoesNotApply => {
                    format!("{} does not apply to this plan", self.name())
                }
                refused => refused.to_string(),
            }),
            WithError::Invalid(problems) => with_value(problems),
        })
    }
}

/// `plan` (a plan with taxes) with Roth conversions to the top of the
/// bracket of `rate` (none at 0), over its own window or, where it has
/// none, the planning window: from retirement (60 at the earliest) to the
/// year before RMDs begin; or why `rate` is no bracket's.
fn with_conversion_rate(plan: &Plan, rate: f64) -> Result<Plan, String> {
    if !CONVERSION_RATES.contains(&rate) {
        let rates: Vec<String> = CONVERSION_RATES.iter().map(|r| percent(*r)).collect();
        return Err(format!(
            "conversion_rate is 0 (no conversions) or a bracket's rate: {} (is {})",
            rates.join(", "),
            percent(rate)
        ));
    }
    let from = plan.saver.retirement_age.max(60);
    let planning_window = plan.birth_year().map(|born| {
        (
            from,
            crate::tax::rmd_start_age(born).saturating_sub(1).max(from),
        )
    });
    let mut changed = plan.clone();
    if let Some(t) = changed.taxes.as_mut() {
        let window = t
            .conversions
            .map(|c| (c.from_age, c.until_age))
            .or(planning_window)
            .unwrap_or((from, from));
        t.conversions = (rate > 0.0).then_some(crate::plan::taxes::Conversions {
            fill_to_rate: rate,
            from_age: window.0,
            until_age: window.1,
        });
    }
    Ok(changed)
}

/// Whether `plan`'s income need is what is left to spend after tax.
fn spends_after_tax(plan: &Plan) -> bool {
    plan.taxes
        .as_ref()
        .is_some_and(|t| t.spending == crate::plan::taxes::Spending::AfterTax)
}

/// Whether `plan` spends an income need in dollars (rather than a rate).
fn spends_an_amount(plan: &Plan) -> bool {
    matches!(plan.retirement.withdrawal, Withdrawal::FixedReal(_))
}

/// A solve's answer (JSON `glidepath-solve/1`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Answer {
    /// Always `glidepath-solve/1`.
    pub format: &'static str,
    /// The field's command-line name.
    pub field: &'static str,
    /// The chance asked for.
    pub target: f64,
    /// The answer: the value that reaches the target, or when none does,
    /// the value with the highest chance (nearest the plan's on a tie).
    pub value: f64,
    /// The chance at `value`.
    pub success_probability: f64,
    /// Whether any value reaches the target.
    pub reachable: bool,
    /// Runs of the plan it took.
    pub evaluations: usize,
}

impl Answer {
    /// The answer in words, against `plan`'s own value of `field`: "Save
    /// 11.3% of pay instead of 8%".
    pub fn in_words(&self, plan: &Plan, field: Field) -> String {
        let target = percent(self.target);
        let value = self.value;
        let current = field.current(plan);
        let say = |v: f64| field.say(plan, v);
        if !self.reachable {
            return format!(
                "No change to {} reaches {target}: the best is {} at {}",
                field.short_label(),
                percent((self.success_probability * 100.0).round() / 100.0),
                say(value)
            );
        }
        if value == current {
            return format!("Your plan already gives {target} or more");
        }
        match field {
            Field::ContributionRate => {
                format!("Save {} instead of {}", say(value), percent(current))
            }
            Field::Balance => format!(
                "Have {} saved today instead of {}",
                say(value),
                usd(current)
            ),
            Field::Spending if spends_an_amount(plan) => {
                format!("Spend up to {} (instead of {})", say(value), usd(current))
            }
            Field::Spending => format!(
                "Withdraw up to {} (instead of {})",
                say(value),
                percent(current)
            ),
            Field::RetirementAge => format!("Retire at {} instead of {current:.0}", say(value)),
            Field::PlanToAge => format!(
                "The money lasts to {} (you plan to {current:.0})",
                say(value)
            ),
            Field::SurvivorNeed => format!(
                "A survivor can need up to {} (the plan says {})",
                say(value),
                percent(current)
            ),
            Field::SleeveWeight
            | Field::PlanFee
            | Field::PrivateWeight
            | Field::PrivateFee
            | Field::RothShare
            | Field::ConversionRate
            | Field::StateRate
            | Field::ClaimAge
            | Field::SpouseClaimAge => {
                format!("{} instead of {}", say(value), say(current))
            }
        }
    }
}

impl Runner<'_> {
    /// Finds the value of `field` that gives `plan` a chance of at least
    /// `target` (the smallest, largest or earliest, per [`Field::goal`]),
    /// exactly for these draws: written into the plan, the answer reaches
    /// the target and one step beyond it does not.
    ///
    /// ```
    /// use glidepath::engine::questions::Field;
    /// use glidepath::engine::{RunControl, Runner, Workspace};
    /// use glidepath::plan::{Plan, validate};
    ///
    /// let mut plan = Plan::sample();
    /// plan.simulation.paths = 300;
    /// let plan = validate(&plan).expect("the sample is valid");
    /// let (mut workspace, control) = (Workspace::default(), RunControl::new());
    /// let answer = Runner::new(&mut workspace, &control).solve(&plan, Field::ContributionRate, 0.9)?;
    /// if answer.reachable {
    ///     assert!(answer.success_probability >= 0.9);
    /// }
    /// # Ok::<(), glidepath::engine::SimulationError>(())
    /// ```
    pub fn solve(
        &mut self,
        plan: &ValidPlan,
        field: Field,
        target: f64,
    ) -> Result<Answer, SimulationError> {
        if let Some(refusal) = field.solve_refusal(plan) {
            return Err(refusal.into());
        }
        let grid = field.grid(plan);
        let mut chances = Chances {
            plan,
            field,
            grid,
            runner: self.reborrow(),
            known: std::collections::BTreeMap::new(),
        };
        chances.runner.workspace.keep_growth(true);
        let found = if field.monotone(plan) {
            bisect(&mut chances, field.goal(), target)
        } else {
            scan(&mut chances, field.goal(), target)
        };
        chances.runner.workspace.keep_growth(false);
        let (k, reachable) = match found? {
            Some(k) => (k, true),
            None => (best(&mut chances, field.current(plan))?, false),
        };
        let success_probability = chances.at(k)?;
        Ok(Answer {
            format: "glidepath-solve/1",
            field: field.name(),
            target,
            value: grid.value(k),
            success_probability,
            reachable,
            evaluations: chances.known.len(),
        })
    }

    /// The same runner, borrowed again (for a question's helper).
    fn reborrow(&mut self) -> Runner<'_> {
        Runner {
            history: self.history,
            workspace: &mut *self.workspace,
            control: self.control,
        }
    }
}

/// The chance at grid points, each run once.
struct Chances<'a> {
    plan: &'a ValidPlan,
    field: Field,
    grid: Grid,
    runner: Runner<'a>,
    known: std::collections::BTreeMap<usize, f64>,
}

impl Chances<'_> {
    fn at(&mut self, k: usize) -> Result<f64, SimulationError> {
        if let Some(chance) = self.known.get(&k) {
            return Ok(*chance);
        }
        Ok(self.many(&[k])?[0])
    }

    /// The chances at several points, run as one set on the same draws.
    fn many(&mut self, ks: &[usize]) -> Result<Vec<f64>, SimulationError> {
        let plans = ks
            .iter()
            .map(|&k| self.field.set(self.plan, self.grid.value(k)))
            .collect::<Result<Vec<ValidPlan>, _>>()?;
        let members: Vec<(&ValidPlan, Record)> =
            plans.iter().map(|p| (p, Record::Success)).collect();
        let set = self.runner.set(&members)?;
        let chances: Vec<f64> = set
            .members
            .iter()
            .map(|m| m.summary.success_probability)
            .collect();
        for (&k, &chance) in ks.iter().zip(&chances) {
            self.known.insert(k, chance);
        }
        Ok(chances)
    }
}

/// Bisection where the chance moves one way: for `Smallest` it rises with
/// the value, for `Largest` it falls.
fn bisect(c: &mut Chances<'_>, goal: Goal, target: f64) -> Result<Option<usize>, SimulationError> {
    let n = c.grid.steps;
    let ok = |chance: f64| chance >= target;
    match goal {
        Goal::Largest => {
            if !ok(c.at(0)?) {
                return Ok(None);
            }
            if ok(c.at(n)?) {
                return Ok(Some(n));
            }
            // ok(lo) and !ok(hi): the last ok.
            let (mut lo, mut hi) = (0, n);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if ok(c.at(mid)?) { lo = mid } else { hi = mid }
            }
            Ok(Some(lo))
        }
        _ => {
            if !ok(c.at(n)?) {
                return Ok(None);
            }
            if ok(c.at(0)?) {
                return Ok(Some(0));
            }
            // !ok(lo) and ok(hi): the first ok.
            let (mut lo, mut hi) = (0, n);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if ok(c.at(mid)?) { hi = mid } else { lo = mid }
            }
            Ok(Some(hi))
        }
    }
}

/// Every value, as one set: the first that reaches the target in the
/// goal's direction.
fn scan(c: &mut Chances<'_>, goal: Goal, target: f64) -> Result<Option<usize>, SimulationError> {
    let ks: Vec<usize> = (0..=c.grid.steps).collect();
    let chances = c.many(&ks)?;
    let mut reaching = ks
        .iter()
        .zip(&chances)
        .filter(|(_, ch)| **ch >= target)
        .map(|(k, _)| *k);
    Ok(match goal {
        Goal::Largest => reaching.next_back(),
        _ => reaching.next(),
    })
}

/// The point with the highest chance, nearest the plan's `value` on a tie.
fn best(c: &mut Chances<'_>, value: f64) -> Result<usize, SimulationError> {
    let plan_k = c.grid.nearest(value);
    let n = c.grid.steps;
    if !c.field.monotone(c.plan) {
        // A scan ran every value.
        let max = c.known.values().copied().fold(f64::NEG_INFINITY, f64::max);
        return Ok(c
            .known
            .iter()
            .filter(|(_, chance)| **chance == max)
            .map(|(k, _)| *k)
            .min_by_key(|k| k.abs_diff(plan_k))
            .unwrap_or(plan_k));
    }
    // Monotone: the top chance is at one end, and the values that share it
    // run from there to a point found by bisection.
    let rising = c.field.goal() != Goal::Largest;
    let top = c.at(if rising { n } else { 0 })?;
    let (mut lo, mut hi) = (0, n);
    if rising {
        // The first k with the top chance: [first, n] ties.
        if c.at(0)? >= top {
            return Ok(plan_k);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if c.at(mid)? >= top {
                hi = mid
            } else {
                lo = mid
            }
        }
        Ok(plan_k.max(hi))
    } else {
        // The last k with the top chance: [0, last] ties.
        if c.at(n)? >= top {
            return Ok(plan_k);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if c.at(mid)? >= top {
                lo = mid
            } else {
                hi = mid
            }
        }
        Ok(plan_k.min(lo))
    }
}

/// The assumption a sweep's row is drawn under: a shipped crypto view
/// (from `assets/crypto_views.ron`), a shipped private-market view for the
/// private sleeve, or the plan's own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SweepView {
    /// A shipped crypto view.
    Shipped(&'static CryptoView),
    /// The private sleeve under a shipped kind's view.
    Private(PrivateKind),
    /// The plan's own crypto assumption.
    Plan,
}

impl SweepView {
    /// The id of the plan's own assumption, beside the shipped views' ids.
    pub const PLAN_ID: &'static str = "plan";

    /// Every shipped view, then the plan's own.
    pub fn all() -> Vec<SweepView> {
        shipped()
            .crypto_views
            .iter()
            .map(SweepView::Shipped)
            .chain([SweepView::Plan])
            .collect()
    }

    /// Every shipped private-market view, then the plan's own.
    pub fn all_private() -> Vec<SweepView> {
        PrivateKind::ALL
            .into_iter()
            .map(SweepView::Private)
            .chain([SweepView::Plan])
            .collect()
    }

    /// The view of that id (`plan` for the plan's own, a private kind's id
    /// for its view), or an error naming the views there are.
    pub fn parse(id: &str) -> Result<SweepView, ViewError> {
        if id == Self::PLAN_ID {
            return Ok(SweepView::Plan);
        }
        if let Some(kind) = PrivateKind::from_id(id) {
            return Ok(SweepView::Private(kind));
        }
        shipped().view(id).map(SweepView::Shipped)
    }

    /// Its id, as the sweep's rows name it.
    pub fn id(&self) -> &'static str {
        match self {
            SweepView::Shipped(view) => &view.id,
            SweepView::Private(kind) => kind.id(),
            SweepView::Plan => Self::PLAN_ID,
        }
    }

    /// What the app calls it: "Skeptic", "Your assumption".
    pub fn name(&self) -> &'static str {
        match self {
            SweepView::Shipped(view) => &view.name,
            SweepView::Private(kind) => kind.label(),
            SweepView::Plan => "Your assumption",
        }
    }

    /// `plan` alone under this view, validated.
    fn apply(&self, plan: &ValidPlan) -> Result<ValidPlan, SimulationError> {
        match self {
            SweepView::Shipped(view) => plan.with_view(view).map_err(SimulationError::Invalid),
            SweepView::Private(kind) => plan
                .with_private_view(*kind)
                .map_err(SimulationError::Invalid),
            SweepView::Plan => Ok(plan.alone()),
        }
    }
}

/// One row of a sweep: the cells of one crypto view.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SweepRow {
    /// `skeptic`, `neutral`, `optimist`, or `plan` for the plan's own.
    pub view: String,
    /// One cell per value.
    pub cells: Vec<SweepCell>,
}

/// The figures at one value.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SweepCell {
    /// The field's value.
    pub value: f64,
    /// The chance the money lasts.
    pub success_probability: f64,
    /// Balance and income at retirement (p10 and p50).
    pub retirement: SweepRetirement,
    /// The sleeve's worst year on a typical path (with a sleeve).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sleeve_worst_year: Option<f64>,
    /// With taxes: federal and state tax over the whole plan, in today's
    /// dollars, the median and the 1 in 10 that pays more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifetime_tax: Option<MedianAndHigh>,
}

/// The median and the 90th percentile (of a cost: 1 in 10 pays more).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MedianAndHigh {
    /// 50th percentile.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// A cell's figures at retirement.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SweepRetirement {
    /// p10 and p50 of the balance.
    pub balance: TwoLevels,
    /// p10 and p50 of the first year's income.
    pub annual_income: TwoLevels,
    /// With taxes: p10 and p50 of the first year's income after tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_income_after_tax: Option<TwoLevels>,
}

/// The bad case and the median.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TwoLevels {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
}

/// The values of a sweep: `from + i · step` for `i = 0 … ⌊(to − from)/step + 1e-9⌋`.
pub fn sweep_values(from: f64, to: f64, step: f64) -> Result<Vec<f64>, SweepRangeError> {
    if !(from.is_finite() && to.is_finite() && step.is_finite()) {
        return Err(SweepRangeError::NotNumbers);
    }
    if step <= 0.0 {
        return Err(SweepRangeError::Step(step));
    }
    if from > to {
        return Err(SweepRangeError::Backwards { from, to });
    }
    let count = ((to - from) / step + 1e-9).floor() + 1.0;
    if count > MAX_SWEEP_VALUES as f64 {
        return Err(SweepRangeError::TooMany {
            count,
            most: MAX_SWEEP_VALUES,
        });
    }
    Ok(Grid::between(from, to, step).values())
}

/// The most values a sweep runs.
pub const MAX_SWEEP_VALUES: usize = 1_000;

impl Runner<'_> {
    /// A sweep of `field` over `values` for each of `views`: every cell on
    /// the same draws, each equal to running the plan with that value and
    /// view alone. Calls `row_done` as each view's row is ready (so the
    /// first line can be drawn early).
    ///
    /// ```
    /// use glidepath::engine::questions::{Field, SweepView};
    /// use glidepath::engine::{RunControl, Runner, Workspace};
    /// use glidepath::plan::{Plan, validate};
    ///
    /// let mut plan = Plan::sample();
    /// plan.simulation.paths = 200;
    /// let plan = validate(&plan).expect("the sample is valid");
    /// let (mut workspace, control) = (Workspace::default(), RunControl::new());
    /// let rows = Runner::new(&mut workspace, &control).sweep(
    ///     &plan,
    ///     Field::SleeveWeight,
    ///     &[0.0, 0.05],
    ///     &SweepView::all(),
    ///     &mut |_row| {},
    /// )?;
    /// assert_eq!(rows.len(), SweepView::all().len());
    /// assert_eq!(rows[0].cells.len(), 2);
    /// # Ok::<(), glidepath::engine::SimulationError>(())
    /// ```
    pub fn sweep(
        &mut self,
        plan: &ValidPlan,
        field: Field,
        values: &[f64],
        views: &[SweepView],
        row_done: &mut dyn FnMut(&SweepRow),
    ) -> Result<Vec<SweepRow>, SimulationError> {
        let mut rows = Vec::with_capacity(views.len());
        for view in views {
            let viewed = view.apply(plan)?;
            let plans = values
                .iter()
                .map(|&v| field.set(&viewed, v))
                .collect::<Result<Vec<ValidPlan>, _>>()?;
            let members: Vec<(&ValidPlan, Record)> =
                plans.iter().map(|p| (p, Record::Summary)).collect();
            let set = self.set(&members)?;
            let cells = values
                .iter()
                .zip(&set.members)
                .map(|(&value, member)| cell(value, &member.summary))
                .collect::<Result<Vec<_>, _>>()?;
            let row = SweepRow {
                view: view.id().to_owned(),
                cells,
            };
            row_done(&row);
            rows.push(row);
        }
        Ok(rows)
    }
}

fn cell(value: f64, summary: &MemberSummary) -> Result<SweepCell, SimulationError> {
    check_finite(summary)?;
    let r = summary
        .retirement
        .as_ref()
        .ok_or(SimulationError::NotFinite("the figures at retirement"))?;
    Ok(SweepCell {
        value,
        success_probability: summary.success_probability,
        retirement: SweepRetirement {
            balance: TwoLevels {
                p10: r.balance.p10,
                p50: r.balance.p50,
            },
            annual_income: TwoLevels {
                p10: r.annual_income.p10,
                p50: r.annual_income.p50,
            },
            annual_income_after_tax: r.annual_income_after_tax.as_ref().map(|a| TwoLevels {
                p10: a.p10,
                p50: a.p50,
            }),
        },
        sleeve_worst_year: summary.sleeve_worst_year,
        lifetime_tax: summary.taxes.as_ref().map(|t| MedianAndHigh {
            p50: t.lifetime_tax.p50,
            p90: t.lifetime_tax.p90,
        }),
    })
}

/// How close the break-even bisection closes in: 0.01 points of return.
pub const BREAK_EVEN_BRACKET: f64 = 0.0001;

impl Runner<'_> {
    /// The crypto returns at which the sleeve pays off (MODEL-v2 §11): the
    /// smallest expected crypto return (volatility and crashes kept) at
    /// which the median balance at retirement with the sleeve reaches the
    /// one without it, and the same for the chance the money lasts; each
    /// bisected on [−50%, +100%] to a bracket of 0.01 points and reported at
    /// its upper end, `None` where even +100% does not. `Ok(None)` without
    /// a sleeve, under a history, or for a plan that starts retired. Of the
    /// plan as it is: a stress test does not change what the sleeve needs.
    pub fn break_even(&mut self, plan: &ValidPlan) -> Result<Option<BreakEven>, SimulationError> {
        let applies = plan.allocation.sleeve.is_some()
            && matches!(plan.simulation.returns, Returns::MonteCarlo)
            && plan.saver.retirement_age > plan.saver.age;
        if !applies {
            return Ok(None);
        }
        let base = plan.unstressed();
        // Monte Carlo: the break-even varies an assumption a history has not.
        let mut runner = self.without_history();
        let mut summary = |plan: &ValidPlan| -> Result<(f64, f64), SimulationError> {
            let set = runner.set(&[(plan, Record::Summary)])?;
            let member = set.members.first().ok_or(SimulationError::EmptySet)?;
            check_finite(&member.summary)?;
            let r = member
                .summary
                .retirement
                .as_ref()
                .ok_or(SimulationError::NotFinite("the figures at retirement"))?;
            Ok((r.balance.p50, member.summary.success_probability))
        };
        let without = summary(&base.without_sleeve())?;
        let mut known: Vec<(f64, (f64, f64))> = Vec::new();
        let mut at = |mean: f64| -> Result<(f64, f64), SimulationError> {
            if let Some((_, figures)) = known.iter().find(|(m, _)| *m == mean) {
                return Ok(*figures);
            }
            let valid = base
                .with(Lever::CryptoMean, mean)
                .map_err(|e| SimulationError::Invalid(e.into_problems()))?;
            let figures = summary(&valid)?;
            known.push((mean, figures));
            Ok(figures)
        };
        let mut find =
            |pick: fn((f64, f64)) -> f64, reach: f64| -> Result<Option<f64>, SimulationError> {
                let (mut low, mut high) = (-0.5, 1.0);
                if pick(at(high)?) < reach {
                    return Ok(None);
                }
                if pick(at(low)?) >= reach {
                    return Ok(Some(low));
                }
                while high - low > BREAK_EVEN_BRACKET {
                    let mid = 0.5 * (low + high);
                    if pick(at(mid)?) >= reach {
                        high = mid;
                    } else {
                        low = mid;
                    }
                }
                Ok(Some(high))
            };
        Ok(Some(BreakEven {
            median_balance: find(|f| f.0, without.0)?,
            success: find(|f| f.1, without.1)?,
        }))
    }
}

/// The same plan under the other kind of returns, run, shown beside its
/// own so the user sees whether the assumptions are kinder or harsher than
/// the past (MODEL-v2 §13).
#[derive(Clone, Debug, PartialEq)]
pub struct Beside {
    /// Its outcome: beside Monte Carlo, every start year of the newest
    /// shipped US history; beside any history, Monte Carlo. The comparison
    /// without the sleeve keeps its median and bad case only.
    pub outcome: Outcome,
    /// The plan's sleeves were left out: the shipped history has no crypto
    /// or private-market returns to replay them with.
    pub core_alone: bool,
}

impl Runner<'_> {
    /// `plan` (as it is written, unstressed) under the other kind of
    /// returns, run; an error when nothing can be, such as a plan longer
    /// than the shipped history.
    pub fn beside(&mut self, plan: &ValidPlan) -> Result<Beside, SimulationError> {
        let mut other = plan.unstressed().alone().into_plan();
        let mut core_alone = false;
        other.simulation.returns = match other.simulation.returns {
            Returns::MonteCarlo => {
                let us = &BUILT_IN_HISTORIES[0];
                if !us.has_crypto && other.allocation.sleeve.is_some() {
                    other.allocation.sleeve = None;
                    core_alone = true;
                }
                // No history has private-market returns.
                if other.allocation.private.take().is_some() {
                    core_alone = true;
                }
                Returns::us_history(HistoryMode::Rolling)
            }
            _ => Returns::MonteCarlo,
        };
        let other = crate::plan::validate(&other).map_err(SimulationError::Invalid)?;
        // Beside needs no file: Monte Carlo or the shipped history.
        let mut outcomes = self
            .without_history()
            .scenarios(&[&other], Levels::MEDIAN_AND_BAD_CASE)?;
        let outcome = outcomes.pop().ok_or(SimulationError::EmptySet)?;
        Ok(Beside {
            outcome,
            core_alone,
        })
    }
}

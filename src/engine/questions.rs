//! Answers, not only projections: goal seek ("what would give a 90%
//! chance?") and sweeps ("how do the figures move with the sleeve's
//! weight?"), MODEL-v2 §11. Both run one plan many ways on the same draws:
//! the same market, so the answer is the decision's.
//!
//! The fields a question can vary are [`Field`]s, each read and written
//! through a [`Lever`], so the app, validation and these answers name them
//! alike.

use super::{RunControl, SimulationError, Workspace, simulate_set};
use crate::market::history::ReturnHistory;
use crate::outcome::{BreakEven, MemberSummary, Record};
use crate::plan::defaults::shipped;
use crate::plan::retirement::{FloorCeiling, Guardrails, Withdrawal};
use crate::plan::sleeve::{Rebalance, Sleeve};
use crate::plan::{HistoryMode, Lever, Plan, Problem, Returns, ValidPlan, validate};

/// A field a question varies, by its command-line name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `contribution_rate`: the saver's deferral rate.
    ContributionRate,
    /// `balance`: today's balance.
    Balance,
    /// `spending`: the income need, or a rate rule's rate.
    Spending,
    /// `retirement_age`.
    RetirementAge,
    /// `sleeve_weight` (sweeps only): the sleeve's weight, its taper kept.
    SleeveWeight,
    /// `plan_fee` (sweeps only).
    PlanFee,
}

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
    /// The `k`-th value, rounded to ten decimals so it is written as read.
    pub fn value(&self, k: usize) -> f64 {
        ((self.low + k as f64 * self.step) * 1e10).round() / 1e10
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
    pub const ALL: [Field; 6] = [
        Field::ContributionRate,
        Field::Balance,
        Field::Spending,
        Field::RetirementAge,
        Field::SleeveWeight,
        Field::PlanFee,
    ];

    /// The fields a solve can answer for.
    pub const SOLVABLE: [Field; 4] = [
        Field::ContributionRate,
        Field::Balance,
        Field::Spending,
        Field::RetirementAge,
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
            Field::SleeveWeight => Lever::SleeveWeight,
            Field::PlanFee => Lever::PlanFee,
        }
    }

    /// Why a solve for this field does not apply to `plan`, if it does not.
    pub fn solve_refusal(self, plan: &Plan) -> Option<String> {
        let rule = &plan.retirement.withdrawal;
        match (self, rule) {
            (Field::ContributionRate | Field::Balance, Withdrawal::FixedReal(_)) => None,
            (Field::ContributionRate | Field::Balance, _) => Some(format!(
                "{} applies to a yearly income need: with a rate rule the chance hardly depends on how much is saved",
                self.name()
            )),
            (Field::Spending, Withdrawal::PercentOfBalance(_)) => Some(
                "spending does not apply to a percent of balance: it never runs out, so no amount changes the chance".into(),
            ),
            (Field::Spending, Withdrawal::Vpw(_)) => Some(
                "spending does not apply to VPW: it spends what the balance allows and never runs out".into(),
            ),
            (Field::Spending | Field::RetirementAge, _) => None,
            (Field::SleeveWeight | Field::PlanFee, _) => Some(format!(
                "{} can be swept, not solved for: use glidepath sweep",
                self.name()
            )),
        }
    }

    /// What a solve looks for.
    pub fn goal(self) -> Goal {
        match self {
            Field::RetirementAge => Goal::Earliest,
            Field::Spending => Goal::Largest,
            _ => Goal::Smallest,
        }
    }

    /// The values a solve searches (MODEL-v2 §11's table).
    pub fn grid(self, plan: &Plan) -> Grid {
        let grid = |low: f64, high: f64, step: f64| Grid {
            low,
            step,
            steps: ((high - low) / step + 1e-9).floor().max(0.0) as usize,
        };
        match (self, plan.retirement.withdrawal) {
            (Field::ContributionRate, _) => grid(0.0, 1.0, 0.001),
            (Field::Balance, _) => grid(0.0, 100.0 * plan.saver.salary + 10_000_000.0, 1_000.0),
            (Field::Spending, Withdrawal::FixedReal(amount)) => {
                grid(0.0, (10.0 * amount).max(1_000_000.0), 100.0)
            }
            (
                Field::Spending,
                Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate),
            ) => grid(0.0, (10.0 * rate).clamp(0.1, 1.0), 0.0005),
            // Guardrails' rails are shares of a rate above 0.
            (
                Field::Spending,
                Withdrawal::Guardrails(Guardrails {
                    initial_rate: rate, ..
                })
                | Withdrawal::FloorCeiling(FloorCeiling { rate, .. }),
            ) => grid(0.0005, (10.0 * rate).clamp(0.1, 1.0), 0.0005),
            (Field::Spending, Withdrawal::Vpw(_)) => grid(0.0, 0.0, 1.0),
            (Field::RetirementAge, _) => {
                let age = f64::from(plan.saver.age);
                grid(
                    age,
                    f64::from(plan.saver.plan_to_age.saturating_sub(1)).max(age),
                    1.0,
                )
            }
            (Field::SleeveWeight | Field::PlanFee, _) => grid(0.0, 1.0, 0.001),
        }
    }

    /// Whether the chance moves one way with this field on every path, so
    /// bisection finds the answer (elsewhere every value is tried).
    pub fn monotone(self, plan: &Plan) -> bool {
        matches!(
            (self, plan.retirement.withdrawal),
            (
                Field::ContributionRate | Field::Balance | Field::Spending,
                Withdrawal::FixedReal(_)
            ) | (Field::Spending, Withdrawal::InitialRate(_))
        )
    }

    /// `plan` with this field at `value`: for the sleeve's weight, the
    /// taper `weight_at_retirement / weight` is kept (1 without a sleeve or
    /// with a weight of 0), and a plan without a sleeve gets one. An error
    /// names the value when the field does not apply or the plan becomes
    /// invalid.
    pub fn set(self, plan: &Plan, value: f64) -> Result<ValidPlan, SimulationError> {
        let mut changed = plan.clone();
        changed.variants.clear();
        let lever = self.lever(plan);
        let written = if self == Field::SleeveWeight {
            let (taper, rebalance) = match &plan.allocation.sleeve {
                Some(s) if s.weight > 0.0 => (s.weight_at_retirement / s.weight, s.rebalance),
                Some(s) => (1.0, s.rebalance),
                None => (1.0, Rebalance::Annual),
            };
            let at_retirement = value * taper;
            if at_retirement > 1.0 {
                return Err(invalid(
                    lever,
                    format!(
                        "a sleeve of {value} tapering as the plan's does would be {at_retirement} at retirement, above 100%"
                    ),
                ));
            }
            changed.allocation.sleeve = Some(Sleeve {
                weight: value,
                weight_at_retirement: at_retirement,
                rebalance,
            });
            true
        } else {
            lever.set(&mut changed, value)
        };
        if !written {
            return Err(invalid(
                lever,
                format!("{} does not apply to this plan", self.name()),
            ));
        }
        validate(&changed).map_err(|problems| {
            SimulationError::Invalid(
                problems
                    .into_iter()
                    .map(|p| Problem {
                        message: format!("with {} at {value}: {}", self.name(), p.message),
                        field: p.field,
                    })
                    .collect(),
            )
        })
    }
}

fn invalid(lever: Lever, message: String) -> SimulationError {
    SimulationError::Invalid(vec![Problem {
        field: lever.path().to_owned(),
        message,
    }])
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

/// Finds the value of `field` that gives `plan` a chance of at least
/// `target` (the smallest, largest or earliest, per [`Field::goal`]), exactly
/// for these draws: written into the plan, the answer reaches the target
/// and one step beyond it does not.
pub fn solve(
    plan: &ValidPlan,
    field: Field,
    target: f64,
    history: Option<&ReturnHistory>,
    workspace: &mut Workspace,
    control: &RunControl,
) -> Result<Answer, SimulationError> {
    if let Some(refusal) = field.solve_refusal(plan) {
        return Err(SimulationError::NotApplicable(refusal));
    }
    let grid = field.grid(plan);
    let mut chances = Chances {
        plan: plan.plan(),
        field,
        grid,
        history,
        workspace,
        control,
        known: std::collections::BTreeMap::new(),
    };
    chances.workspace.keep_growth(true);
    let found = if field.monotone(plan) {
        bisect(&mut chances, field.goal(), target)
    } else {
        scan(&mut chances, field.goal(), target)
    };
    chances.workspace.keep_growth(false);
    let (k, reachable) = match found? {
        Some(k) => (k, true),
        None => (
            best(&mut chances, field.lever(plan).get(plan).unwrap_or(0.0))?,
            false,
        ),
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

/// The chance at grid points, each run once.
struct Chances<'a> {
    plan: &'a Plan,
    field: Field,
    grid: Grid,
    history: Option<&'a ReturnHistory>,
    workspace: &'a mut Workspace,
    control: &'a RunControl,
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
        let refs: Vec<&ValidPlan> = plans.iter().collect();
        let set = simulate_set(
            &refs,
            self.history,
            &[Record::Success],
            self.workspace,
            self.control,
        )?;
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
}

/// A cell's figures at retirement.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SweepRetirement {
    /// p10 and p50 of the balance.
    pub balance: TwoLevels,
    /// p10 and p50 of the first year's income.
    pub annual_income: TwoLevels,
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
pub fn sweep_values(from: f64, to: f64, step: f64) -> Result<Vec<f64>, String> {
    if !(from.is_finite() && to.is_finite() && step.is_finite()) {
        return Err("FROM, TO and STEP must be numbers".into());
    }
    if step <= 0.0 {
        return Err(format!("the step must be above 0 (is {step})"));
    }
    if from > to {
        return Err(format!("FROM ({from}) must not be above TO ({to})"));
    }
    let count = ((to - from) / step + 1e-9).floor() + 1.0;
    if count > MAX_SWEEP_VALUES as f64 {
        return Err(format!(
            "{count} values: a sweep has at most {MAX_SWEEP_VALUES}"
        ));
    }
    Ok((0..count as usize)
        .map(|i| ((from + i as f64 * step) * 1e10).round() / 1e10)
        .collect())
}

/// The most values a sweep runs.
pub const MAX_SWEEP_VALUES: usize = 1_000;

/// `plan` with its crypto assumption replaced by the shipped view `id`
/// (`plan` keeps its own).
pub fn with_view(plan: &Plan, id: &str) -> Result<Plan, String> {
    if id == "plan" {
        return Ok(plan.clone());
    }
    let view = shipped().crypto_view(id).ok_or_else(|| {
        let ids: Vec<&str> = shipped()
            .crypto_views
            .iter()
            .map(|v| v.id.as_str())
            .collect();
        format!("no crypto view {id:?}: the views are {}", ids.join(", "))
    })?;
    let mut plan = plan.clone();
    plan.assumptions.crypto = view.asset();
    plan.assumptions.crypto_crash = view.crash.clone();
    Ok(plan)
}

/// A sweep of `field` over `values` for each view in `views` (`"plan"` is
/// the plan's own assumption): every cell on the same draws, each equal to
/// running the plan with that value and view alone. Calls `row_done` as
/// each view's row is ready (so the first line can be drawn early).
#[allow(clippy::too_many_arguments)] // the question, its market, its buffers
pub fn sweep(
    plan: &Plan,
    field: Field,
    values: &[f64],
    views: &[&str],
    history: Option<&ReturnHistory>,
    workspace: &mut Workspace,
    control: &RunControl,
    row_done: &mut dyn FnMut(&SweepRow),
) -> Result<Vec<SweepRow>, SimulationError> {
    let mut rows = Vec::with_capacity(views.len());
    for view in views {
        let viewed = with_view(plan, view).map_err(SimulationError::NotApplicable)?;
        let plans = values
            .iter()
            .map(|&v| field.set(&viewed, v))
            .collect::<Result<Vec<ValidPlan>, _>>()?;
        let refs: Vec<&ValidPlan> = plans.iter().collect();
        let set = simulate_set(&refs, history, &[Record::Summary], workspace, control)?;
        let cells = values
            .iter()
            .zip(&set.members)
            .map(|(&value, member)| cell(value, &member.summary))
            .collect::<Result<Vec<_>, _>>()?;
        let row = SweepRow {
            view: (*view).to_owned(),
            cells,
        };
        row_done(&row);
        rows.push(row);
    }
    Ok(rows)
}

fn cell(value: f64, summary: &MemberSummary) -> Result<SweepCell, SimulationError> {
    super::check_finite(summary)?;
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
        },
        sleeve_worst_year: summary.sleeve_worst_year,
    })
}

/// The crypto returns at which the sleeve pays off (MODEL-v2 §11): the
/// smallest expected crypto return (volatility and crashes kept) at which
/// the median balance at retirement with the sleeve reaches the one
/// without it, and the same for the chance the money lasts; each bisected
/// on [−50%, +100%] to a bracket of 0.01 points and reported at its upper
/// end, `None` where even +100% does not. `Ok(None)` without a sleeve,
/// under a history, or for a plan that starts retired.
pub fn break_even(
    plan: &ValidPlan,
    workspace: &mut Workspace,
    control: &RunControl,
) -> Result<Option<BreakEven>, SimulationError> {
    let applies = plan.allocation.sleeve.is_some()
        && matches!(plan.simulation.returns, crate::plan::Returns::MonteCarlo)
        && plan.saver.retirement_age > plan.saver.age;
    if !applies {
        return Ok(None);
    }
    let base = plan.unstressed();
    let summary =
        |plan: &ValidPlan, workspace: &mut Workspace| -> Result<(f64, f64), SimulationError> {
            let set = simulate_set(&[plan], None, &[Record::Summary], workspace, control)?;
            let member = set.members.first().ok_or(SimulationError::EmptySet)?;
            super::check_finite(&member.summary)?;
            let r = member
                .summary
                .retirement
                .as_ref()
                .ok_or(SimulationError::NotFinite("the figures at retirement"))?;
            Ok((r.balance.p50, member.summary.success_probability))
        };
    let without = summary(&base.without_sleeve(), workspace)?;
    let mut known: Vec<(f64, (f64, f64))> = Vec::new();
    let mut at = |mean: f64, workspace: &mut Workspace| -> Result<(f64, f64), SimulationError> {
        if let Some((_, figures)) = known.iter().find(|(m, _)| *m == mean) {
            return Ok(*figures);
        }
        let mut changed = base.plan().clone();
        changed.variants.clear();
        Lever::CryptoMean.set(&mut changed, mean);
        let valid = validate(&changed).map_err(SimulationError::Invalid)?;
        let figures = summary(&valid, workspace)?;
        known.push((mean, figures));
        Ok(figures)
    };
    let mut find =
        |pick: fn((f64, f64)) -> f64, reach: f64| -> Result<Option<f64>, SimulationError> {
            let (mut low, mut high) = (-0.5, 1.0);
            if pick(at(high, workspace)?) < reach {
                return Ok(None);
            }
            if pick(at(low, workspace)?) >= reach {
                return Ok(Some(low));
            }
            while high - low > BREAK_EVEN_BRACKET {
                let mid = 0.5 * (low + high);
                if pick(at(mid, workspace)?) >= reach {
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

/// How close the break-even bisection closes in: 0.01 points of return.
pub const BREAK_EVEN_BRACKET: f64 = 0.0001;

/// The same plan under the other kind of returns, shown beside its own so
/// the user sees whether the assumptions are kinder or harsher than the
/// past (MODEL-v2 §13).
#[derive(Clone, Debug, PartialEq)]
pub struct Beside {
    /// The plan to run: beside Monte Carlo, every start year of the newest
    /// shipped US history; beside any history, Monte Carlo.
    pub plan: ValidPlan,
    /// The plan's sleeve was left out: the shipped history has no crypto
    /// returns to replay it with.
    pub core_alone: bool,
}

/// What to run beside `plan` (taken as it is written, unstressed), or why
/// nothing can be: a plan longer than the shipped history.
pub fn beside(plan: &ValidPlan) -> Result<Beside, String> {
    let plan = plan.unstressed();
    let mut other = plan.plan().clone();
    other.variants.clear();
    let mut core_alone = false;
    other.simulation.returns = match other.simulation.returns {
        Returns::MonteCarlo => {
            let us = &crate::plan::BUILT_IN_HISTORIES[0];
            if !us.has_crypto && other.allocation.sleeve.is_some() {
                other.allocation.sleeve = None;
                core_alone = true;
            }
            Returns::us_history(HistoryMode::Rolling)
        }
        _ => Returns::MonteCarlo,
    };
    let plan = validate(&other).map_err(|problems| {
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    Ok(Beside { plan, core_alone })
}

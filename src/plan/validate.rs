//! Validation: every problem of a plan at once, each naming its field path
//! (`saver.retirement_age`) and saying in plain English what is wrong, or a
//! [`ValidPlan`]: the only kind of plan the engine and the app's previews
//! accept, so nothing ever works on an unchecked size or age.

use std::fmt;
use std::ops::Deref;

use super::asset::Asset;
use super::assumptions::{CorrelationProblem, Correlations};
use super::contributions::YearContribution;
use super::defaults::{CryptoView, IrsLimits, shipped};
use super::glide_path::{GlidePath, mix_at_sorted};
use super::lever::{Lever, MAX_AGE_YEARS, MAX_USD, MIN_AGE_YEARS, SetError, path};
use super::scenario::MAX_VARIANTS;
use super::social_security::SocialSecurity;
use super::stress::{Stress, StressRefusal};
use super::taxes::{FilingChoice, Order};
use super::withdrawal::Withdrawal;
use super::{BuiltInHistory, FORMAT_VERSION, HistoryMode, Plan, Returns, TargetWeights};
use crate::units::percent_exact;

/// How far a knot's weights may sum from 1.
pub const WEIGHT_SUM_TOLERANCE: f64 = 1e-6;
/// The most knots a glide path may have (the presets have at most 4).
pub const MAX_KNOTS: usize = 100;
/// The most tiers an employer match may have.
pub const MAX_MATCH_TIERS: usize = 20;

/// One thing wrong with a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is, such as `saver.retirement_age` or `contributions.employer_match[1].rate`.
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// A plan that passed validation, with what validation worked out (the
/// correlations' factor, the IRS limits of its year). Only [`validate`]
/// makes one; it reads as the plan it wraps.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidPlan {
    plan: Plan,
    correlations: Correlations,
    irs_limits: &'static IrsLimits,
    /// Each variant's whole plan, validated, in the order of `variants`.
    variants: Vec<ValidPlan>,
    /// A stress test the plan is run under, if any.
    stress: Option<Stress>,
    /// The run without the sleeve of a plan that has one: stressed alike.
    comparison: bool,
}

impl Deref for ValidPlan {
    type Target = Plan;

    fn deref(&self) -> &Plan {
        &self.plan
    }
}

impl ValidPlan {
    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The plan, given back.
    pub fn into_plan(self) -> Plan {
        self.plan
    }

    /// This plan alone (no variants, no stress) with `lever` at `value`,
    /// validated: the one door for "this plan, but with X" (a solve's
    /// step, a sweep's cell, a break-even's crypto return).
    ///
    /// ```
    /// use glidepath::plan::{Lever, Plan, validate};
    ///
    /// let plan = validate(&Plan::sample()).expect("the sample is valid");
    /// let later = plan.with(Lever::RetirementAge, 67.0).expect("67 is a valid age");
    /// assert_eq!(later.saver.retirement_age, 67);
    /// // A value out of range is a problem at the lever's field.
    /// let wrong = plan.with(Lever::Balance, -1.0).unwrap_err();
    /// assert!(wrong.into_problems().iter().any(|p| p.field == "saver.balance"));
    /// ```
    pub fn with(&self, lever: Lever, value: f64) -> Result<ValidPlan, WithError> {
        let mut plan = self.plan.clone();
        plan.variants.clear();
        lever
            .set(&mut plan, value)
            .map_err(|source| WithError::Set { lever, source })?;
        validate(&plan).map_err(WithError::Invalid)
    }

    /// This plan alone under a shipped crypto view, validated.
    pub fn with_view(&self, view: &CryptoView) -> Result<ValidPlan, Vec<Problem>> {
        let mut plan = self.plan.with_view(view);
        plan.variants.clear();
        validate(&plan)
    }

    /// This plan alone with its private sleeve under `kind`'s shipped view
    /// (a sleeve of weight 0 of that kind if it has none), validated.
    pub fn with_private_view(
        &self,
        kind: super::private::PrivateKind,
    ) -> Result<ValidPlan, Vec<Problem>> {
        let mut plan = self.plan.clone();
        plan.variants.clear();
        match plan.allocation.private.as_mut() {
            Some(sleeve) => {
                sleeve.kind = kind;
                sleeve.view = None;
            }
            None => {
                plan.allocation.private = Some(super::private::PrivateSleeve::constant(0.0, kind));
            }
        }
        validate(&plan)
    }

    /// The same plan and its variants run on `paths` paths (a drag's quick
    /// run), or the problem with that number.
    pub fn with_paths(&self, paths: u32) -> Result<ValidPlan, Problem> {
        if let Some(message) = Lever::Paths.problem(f64::from(paths)) {
            return Err(Problem {
                field: Lever::Paths.path().to_owned(),
                message,
            });
        }
        let mut fewer = self.clone();
        fewer.plan.simulation.paths = paths;
        for variant in &mut fewer.variants {
            variant.plan.simulation.paths = paths;
        }
        Ok(fewer)
    }

    /// This plan without its variants: the base alone (still valid, since
    /// a variant's problems are its own).
    #[must_use]
    pub fn alone(&self) -> ValidPlan {
        let mut plan = self.plan.clone();
        plan.variants.clear();
        ValidPlan {
            plan,
            variants: Vec::new(),
            ..self.clone()
        }
    }

    /// Scenario `index` (0 is the base, then each variant) as a whole
    /// valid plan.
    pub fn scenario(&self, index: usize) -> Option<&ValidPlan> {
        match index {
            0 => Some(self),
            i => self.variants.get(i - 1),
        }
    }

    /// The same plan without its crypto sleeve: still valid, since only
    /// the sleeve's own fields could have been wrong about it.
    #[must_use]
    pub fn without_sleeve(&self) -> ValidPlan {
        ValidPlan {
            plan: self.plan.without_sleeve(),
            comparison: true,
            ..self.clone()
        }
    }

    /// The same plan without its private sleeve, for comparison on the
    /// same draws (the core holds what the sleeve held).
    pub fn without_private(&self) -> ValidPlan {
        ValidPlan {
            plan: self.plan.without_private(),
            comparison: true,
            ..self.clone()
        }
    }

    /// The plan under `stress` (checked: it must apply), or why not.
    #[must_use = "the stressed plan is a new plan; the plan itself is unchanged"]
    pub fn stressed(&self, stress: Stress) -> Result<ValidPlan, StressRefusal> {
        if let Some(why) = stress.refusal(&self.plan, self.comparison) {
            return Err(why);
        }
        Ok(ValidPlan {
            stress: Some(stress),
            ..self.clone()
        })
    }

    /// The same plan under no stress.
    #[must_use]
    pub fn unstressed(&self) -> ValidPlan {
        ValidPlan {
            stress: None,
            ..self.clone()
        }
    }

    /// The stress test it runs under, if any.
    pub fn stress(&self) -> Option<Stress> {
        self.stress
    }

    /// Each variant's whole plan (named as the variant), validated.
    pub fn variants(&self) -> &[ValidPlan] {
        &self.variants
    }

    /// The base and its variants: every scenario, the base first.
    pub fn scenarios(&self) -> Vec<&ValidPlan> {
        std::iter::once(self).chain(&self.variants).collect()
    }

    /// The checked correlations of its assumptions.
    pub fn correlations(&self) -> &Correlations {
        &self.correlations
    }

    /// The IRS limits of the plan's limits year.
    pub fn irs_limits(&self) -> &'static IrsLimits {
        self.irs_limits
    }

    /// Years simulated, `plan_to_age − age`: at least 1 and at most 102.
    pub fn horizon_years(&self) -> usize {
        self.plan.horizon_years() as usize
    }

    /// The target weights at every simulated age: the core's mix scaled by
    /// `1 − s` and the sleeve's `s`. The engine runs on exactly these.
    pub fn target_weights(&self) -> Vec<TargetWeights> {
        let knots = self.plan.allocation.glide_path.sorted_knots();
        let saver = &self.plan.saver;
        (saver.age..saver.plan_to_age)
            .map(|age| {
                let years_to_retirement = f64::from(saver.retirement_age) - f64::from(age);
                // Validation guarantees a knot, so a mix always exists.
                let mix = mix_at_sorted(&knots, years_to_retirement).unwrap_or_default();
                let sleeve = self
                    .plan
                    .allocation
                    .sleeve
                    .as_ref()
                    .map_or(0.0, |s| s.weight_at(saver.age, saver.retirement_age, age));
                let private = self
                    .plan
                    .allocation
                    .private
                    .as_ref()
                    .map_or(0.0, |p| p.weight_at(saver.age, saver.retirement_age, age));
                TargetWeights {
                    age,
                    mix,
                    sleeve,
                    private,
                }
            })
            .collect()
    }

    /// What goes in each working year, with the limits that bind: the
    /// engine's contributions, for the app to explain.
    pub fn contribution_schedule(&self) -> Vec<(u32, YearContribution)> {
        let saver = &self.plan.saver;
        (saver.age..saver.retirement_age.min(saver.plan_to_age))
            .map(|age| {
                let years = age - saver.age;
                let salary_usd = saver.salary * (1.0 + saver.salary_growth).powi(years as i32);
                let year =
                    self.plan
                        .contributions
                        .for_year(years, age, salary_usd, self.irs_limits);
                (age, year)
            })
            .collect()
    }
}

/// Why [`ValidPlan::with`] gave no plan.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WithError {
    /// The lever wrote nothing.
    #[error("{}: {source}", lever.path())]
    Set {
        /// The lever.
        lever: Lever,
        /// Why it wrote nothing.
        source: SetError,
    },
    /// The plan with the value is not valid.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

impl WithError {
    /// Every problem, each under its field path.
    pub fn into_problems(self) -> Vec<Problem> {
        match self {
            WithError::Set { lever, source } => vec![Problem {
                field: lever.path().to_owned(),
                message: source.to_string(),
            }],
            WithError::Invalid(problems) => problems,
        }
    }
}

/// Collects problems as the checks walk the plan.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            field: field.into(),
            message: message.into(),
        });
    }

    /// The lever's problem, if it applies to the plan and is out of range.
    fn lever(&mut self, plan: &Plan, lever: Lever) {
        if let Some(value) = lever.get(plan)
            && let Some(message) = lever.problem(value)
        {
            self.add(lever.path(), message);
        }
    }

    fn levers(&mut self, plan: &Plan, levers: &[Lever]) {
        for &lever in levers {
            self.lever(plan, lever);
        }
    }

    /// A share at a field that is not a lever (a match tier, a knot's
    /// weight); `true` if it is one.
    fn share(&mut self, field: String, value: f64) -> bool {
        // Any share-valued lever words the message the same way.
        match Lever::EmployeeRate.problem(value) {
            Some(message) => {
                self.add(field, message);
                false
            }
            None => true,
        }
    }
}

/// Every problem of `plan`, in the order of the file; empty when it is valid.
pub fn problems(plan: &Plan) -> Vec<Problem> {
    match validate(plan) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

/// The plan, checked: a [`ValidPlan`] the engine can run, or every problem,
/// each under its field path.
///
/// ```
/// use glidepath::plan::{Plan, validate};
///
/// assert!(validate(&Plan::sample()).is_ok());
/// let mut plan = Plan::sample();
/// plan.saver.age = 10;
/// plan.contributions.employee_rate = 1.5;
/// let problems = validate(&plan).unwrap_err();
/// let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
/// assert!(fields.contains(&"saver.age"));
/// assert!(fields.contains(&"contributions.employee_rate"));
/// ```
pub fn validate(plan: &Plan) -> Result<ValidPlan, Vec<Problem>> {
    let mut p = Problems::default();
    check_version(&mut p, plan);
    check_saver(&mut p, plan);
    let irs_limits = check_contributions(&mut p, plan);
    check_allocation(&mut p, plan);
    check_retirement(&mut p, plan);
    // The private fund's fee is its view's, checked with its sleeve.
    for asset in &Asset::ALL[..Asset::IN_FILE] {
        p.lever(plan, Lever::fee(*asset));
    }
    p.lever(plan, Lever::PlanFee);
    let correlations = check_assumptions(&mut p, plan);
    check_simulation(&mut p, plan);
    check_taxes(&mut p, plan);
    let variants = check_variants(&mut p, plan);
    match (p.0.is_empty(), correlations, irs_limits) {
        (true, Some(correlations), Some(irs_limits)) => Ok(ValidPlan {
            plan: plan.clone(),
            correlations,
            irs_limits,
            variants,
            stress: None,
            comparison: false,
        }),
        _ => Err(p.0),
    }
}

/// The taxes' problems (MODEL-v3 §16): a law that ships, a filing status
/// the plan can have, brackets the law has, conversions from 60.
fn check_taxes(p: &mut Problems, plan: &Plan) {
    let Some(t) = &plan.taxes else {
        return;
    };
    let law = crate::tax::law(t.law);
    if law.is_none() {
        let years: Vec<String> = crate::tax::law_years().iter().map(u32::to_string).collect();
        p.add(
            path::TAX_LAW,
            format!(
                "no tax law ships for {} (the laws are {})",
                t.law,
                years.join(", ")
            ),
        );
    }
    p.levers(
        plan,
        &[Lever::FirstTaxYear, Lever::StateRate, Lever::TaxableDrag],
    );
    if t.filing == FilingChoice::Joint && plan.retirement.spouse.is_none() {
        p.add(
            path::FILING,
            "a joint return needs a spouse in the plan (retirement.spouse): add one, or file Auto or Single",
        );
    }
    // A bracket to fill is one the law has, below its top.
    let bracket = |p: &mut Problems, field: &str, rate: f64| {
        let Some(law) = law else {
            return;
        };
        if let Some(message) = Lever::OrderTopRate.problem(rate) {
            p.add(field, message);
            return;
        }
        let rates: Vec<f64> = law.brackets.single.iter().map(|b| b.rate).collect();
        let fills = |r: &f64| {
            law.bracket_top_usd(crate::tax::Filing::Single, *r)
                .is_some()
        };
        if !fills(&rate) {
            let named: Vec<String> = std::iter::once(0.0)
                .chain(rates.into_iter().filter(|r| fills(r)))
                .map(percent_exact)
                .collect();
            p.add(
                field,
                format!(
                    "must be the rate of a bracket with a top: {} (is {})",
                    named.join(", "),
                    percent_exact(rate)
                ),
            );
        }
    };
    if let Order::FillBracket(f) = t.order {
        bracket(p, path::ORDER_TOP_RATE, f.top_rate);
    }
    if let Some(c) = t.conversions {
        bracket(p, path::CONVERSION_RATE, c.fill_to_rate);
        if c.from_age < 60 {
            p.add(
                Lever::ConversionFromAge.path(),
                format!(
                    "must be at least 60: before 60 the tax withheld from a conversion is an early withdrawal, taxed 10% more (is {})",
                    c.from_age
                ),
            );
        } else {
            p.lever(plan, Lever::ConversionFromAge);
        }
        if c.until_age < c.from_age {
            p.add(
                Lever::ConversionUntilAge.path(),
                format!(
                    "must not be before the window's first age {} (is {})",
                    c.from_age, c.until_age
                ),
            );
        } else {
            p.lever(plan, Lever::ConversionUntilAge);
        }
    }
}

/// The variants' problems: how many, their names, and each one's whole
/// plan validated (problems the base has too are the base's to report).
/// Each valid variant's plan, validated.
fn check_variants(p: &mut Problems, plan: &Plan) -> Vec<ValidPlan> {
    if plan.variants.len() > MAX_VARIANTS {
        p.add(
            path::VARIANTS,
            format!(
                "a plan may hold at most {MAX_VARIANTS} variants besides its base (has {})",
                plan.variants.len()
            ),
        );
        return Vec::new();
    }
    let base_problems = p.0.clone();
    let mut names: Vec<String> = vec![plan.name.trim().to_lowercase()];
    let mut valid = Vec::new();
    for (i, variant) in plan.variants.iter().enumerate() {
        let name = variant.name.trim();
        if name.is_empty() {
            p.add(path::variant(i, Some("name")), "must not be empty");
        } else if names.contains(&name.to_lowercase()) {
            p.add(
                path::variant(i, Some("name")),
                format!("another scenario is already called \"{name}\" (names ignore case)"),
            );
        }
        names.push(name.to_lowercase());
        match validate(&variant.changes.apply(plan, name)) {
            Ok(v) => valid.push(v),
            Err(problems) => {
                for problem in problems {
                    if !base_problems.contains(&problem) {
                        p.add(
                            path::variant(i, Some(&problem.field)),
                            format!("in \"{name}\": {}", problem.message),
                        );
                    }
                }
            }
        }
    }
    valid
}

fn check_version(p: &mut Problems, plan: &Plan) {
    if !(1..=FORMAT_VERSION).contains(&plan.version) {
        p.add(
            path::VERSION,
            format!(
                "this app reads format versions 1 to {FORMAT_VERSION}, not {}",
                plan.version
            ),
        );
    }
}

fn check_saver(p: &mut Problems, plan: &Plan) {
    let s = &plan.saver;
    p.lever(plan, Lever::Age);
    if s.retirement_age < s.age {
        p.add(
            Lever::RetirementAge.path(),
            format!(
                "must not be before the current age {} (is {})",
                s.age, s.retirement_age
            ),
        );
    } else {
        p.lever(plan, Lever::RetirementAge);
    }
    let plan_to_age = Lever::PlanToAge.path();
    if s.plan_to_age <= s.age {
        p.add(
            plan_to_age,
            format!(
                "must be after the current age {} (is {})",
                s.age, s.plan_to_age
            ),
        );
    } else if s.plan_to_age < s.retirement_age {
        p.add(
            plan_to_age,
            format!(
                "must not be before the retirement age {} (is {})",
                s.retirement_age, s.plan_to_age
            ),
        );
    } else {
        p.lever(plan, Lever::PlanToAge);
    }
    p.levers(
        plan,
        &[
            Lever::Balance,
            Lever::RothBalance,
            Lever::TaxableBalance,
            Lever::TaxableBasis,
            Lever::Salary,
            Lever::SalaryGrowth,
        ],
    );
}

/// The contributions' problems; the plan's IRS limits when its year ships.
fn check_contributions(p: &mut Problems, plan: &Plan) -> Option<&'static IrsLimits> {
    let c = &plan.contributions;
    p.levers(
        plan,
        &[Lever::EmployeeRate, Lever::Escalation, Lever::EscalationCap],
    );
    if c.employer_match.len() > MAX_MATCH_TIERS {
        p.add(
            path::EMPLOYER_MATCH,
            format!(
                "may have at most {MAX_MATCH_TIERS} tiers (has {})",
                c.employer_match.len()
            ),
        );
    } else {
        for (i, tier) in c.employer_match.iter().enumerate() {
            p.share(path::match_tier(i, "rate"), tier.rate);
            p.share(path::match_tier(i, "up_to"), tier.up_to);
        }
    }
    p.levers(
        plan,
        &[
            Lever::EmployerFixed,
            Lever::RothShare,
            Lever::TaxableSavings,
        ],
    );
    let limits = shipped().irs_limits(c.irs_limits_year);
    if limits.is_none() {
        let years: Vec<String> = shipped()
            .irs_limits_by_year
            .iter()
            .map(|l| l.year.to_string())
            .collect();
        p.add(
            path::IRS_LIMITS_YEAR,
            format!(
                "no IRS limits for {} ship with this app (it has {})",
                c.irs_limits_year,
                years.join(", ")
            ),
        );
    }
    limits
}

/// The problems of one glide path, with field paths under `prefix`.
pub fn glide_path_problems(path: &GlidePath, prefix: &str) -> Vec<Problem> {
    let mut p = Problems::default();
    check_glide_path(&mut p, path, prefix);
    p.0
}

fn check_glide_path(p: &mut Problems, glide_path: &GlidePath, prefix: &str) {
    let knots = &glide_path.knots;
    if knots.is_empty() {
        p.add(format!("{prefix}.knots"), "needs at least one knot");
        return;
    }
    if knots.len() > MAX_KNOTS {
        p.add(
            format!("{prefix}.knots"),
            format!("may have at most {MAX_KNOTS} knots (has {})", knots.len()),
        );
        return;
    }
    for (i, knot) in knots.iter().enumerate() {
        let years = knot.years_to_retirement;
        if let Some(message) = finite_problem(years) {
            p.add(path::knot(prefix, i, Some("years_to_retirement")), message);
        }
        let mut all_shares = true;
        for (name, w) in [
            ("stocks", knot.stocks),
            ("bonds", knot.bonds),
            ("cash", knot.cash),
        ] {
            all_shares &= p.share(path::knot(prefix, i, Some(name)), w);
        }
        let sum = knot.stocks + knot.bonds + knot.cash;
        if all_shares && (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
            p.add(
                path::knot(prefix, i, None),
                format!(
                    "stocks, bonds and cash must add up to 100% (they add up to {})",
                    percent_exact(sum)
                ),
            );
        }
    }
    // Knots at the same years to retirement: sorted once, neighbours
    // compared; each repeat is reported at its own index, in file order.
    let mut order: Vec<usize> = (0..knots.len()).collect();
    order.sort_by(|&a, &b| {
        knots[a]
            .years_to_retirement
            .total_cmp(&knots[b].years_to_retirement)
            .then(a.cmp(&b))
    });
    let mut repeats: Vec<usize> = order
        .windows(2)
        .filter(|w| knots[w[0]].years_to_retirement == knots[w[1]].years_to_retirement)
        .map(|w| w[1])
        .collect();
    repeats.sort_unstable();
    for i in repeats {
        p.add(
            path::knot(prefix, i, Some("years_to_retirement")),
            format!(
                "another knot is already at {} years to retirement",
                knots[i].years_to_retirement
            ),
        );
    }
}

fn finite_problem(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("is not a number (NaN)")
    } else if value.is_infinite() {
        Some("must be a finite number")
    } else {
        None
    }
}

fn check_allocation(p: &mut Problems, plan: &Plan) {
    check_glide_path(p, &plan.allocation.glide_path, path::GLIDE_PATH);
    p.levers(
        plan,
        &[Lever::SleeveWeight, Lever::SleeveWeightAtRetirement],
    );
    let Some(private) = &plan.allocation.private else {
        return;
    };
    let fields: Vec<Lever> = Lever::ALL
        .into_iter()
        .filter(|l| l.path().starts_with(path::PRIVATE))
        .collect();
    p.levers(plan, &fields);
    // The core holds what the two sleeves leave: they may not hold more
    // than the whole account, today or at retirement.
    let sleeve = plan.allocation.sleeve.as_ref();
    for (field, private_weight, crypto_weight) in [
        (
            Lever::PrivateWeight.path(),
            private.weight,
            sleeve.map_or(0.0, |s| s.weight),
        ),
        (
            Lever::PrivateWeightAtRetirement.path(),
            private.weight_at_retirement,
            sleeve.map_or(0.0, |s| s.weight_at_retirement),
        ),
    ] {
        if private_weight + crypto_weight > 1.0 + 1e-12 {
            p.add(
                field,
                format!(
                    "with the crypto sleeve's {} the two sleeves would hold {} of the account: together they may hold at most 100%",
                    percent_exact(crypto_weight),
                    percent_exact(private_weight + crypto_weight)
                ),
            );
        }
    }
}

fn check_retirement(p: &mut Problems, plan: &Plan) {
    // Every lever of the retirement section, in the order the file has them.
    let levers: Vec<Lever> = Lever::ALL
        .into_iter()
        .filter(|l| l.path().starts_with("retirement."))
        .collect();
    p.levers(plan, &levers);
    let r = &plan.retirement;
    // Guardrails' rails are shares of the initial rate: it must be above 0.
    if let Withdrawal::Guardrails(g) = r.withdrawal
        && g.initial_rate <= 0.0
        && g.initial_rate.is_finite()
    {
        p.add(
            path::WITHDRAWAL,
            format!(
                "the initial rate must be above 0% (is {})",
                percent_exact(g.initial_rate)
            ),
        );
    }
    if r.spouse.is_some()
        && let Some(SocialSecurity::Fixed { .. }) = r.social_security
    {
        p.add(
            path::SPOUSE,
            "a spouse needs your Social Security as the monthly benefit at full retirement age (pia, claim_age), not a yearly amount: the spousal top-up is half of that benefit",
        );
    }
    if r.income.len() > MAX_INCOME_STREAMS {
        p.add(
            path::INCOME,
            format!(
                "may have at most {MAX_INCOME_STREAMS} incomes and expenses (has {})",
                r.income.len()
            ),
        );
        return;
    }
    check_survivors(p, plan);
    for (i, stream) in r.income.iter().enumerate() {
        let at = |field: &str| format!("{}[{i}].{field}", path::INCOME);
        if !(0.0..=1.0).contains(&stream.survivor_share) {
            p.add(
                at("survivor_share"),
                format!(
                    "must be between 0% and 100% of the income (is {})",
                    percent_exact(stream.survivor_share)
                ),
            );
        }
        if stream.name.trim().is_empty() {
            p.add(at("name"), "must have a name (\"Pension\", \"College\")");
        }
        if !(stream.annual.is_finite() && stream.annual.abs() <= MAX_USD) {
            p.add(
                at("annual"),
                format!(
                    "must be between -$1 trillion and $1 trillion (is {})",
                    stream.annual
                ),
            );
        }
        if !(MIN_AGE_YEARS..=MAX_AGE_YEARS).contains(&stream.from_age) {
            p.add(
                at("from_age"),
                format!(
                    "must be between {MIN_AGE_YEARS} and {MAX_AGE_YEARS} (is {})",
                    stream.from_age
                ),
            );
        }
        if let Some(until) = stream.until_age {
            if until < stream.from_age {
                p.add(
                    at("until_age"),
                    format!("ends at {until}, before it starts at {}", stream.from_age),
                );
            } else if until > MAX_AGE_YEARS {
                p.add(
                    at("until_age"),
                    format!("must be at most {MAX_AGE_YEARS} (is {until})"),
                );
            }
        }
    }
}

/// Lifespans and a fixed story of one death: a table needs each person's
/// sex, and a story a spouse and an age at death from today on.
fn check_survivors(p: &mut Problems, plan: &Plan) {
    let r = &plan.retirement;
    if plan.simulation.lifespan.is_table() {
        if plan.saver.sex.is_none() {
            p.add(
                path::SEX,
                "lifespans from the life table need your sex (Female or Male): set it, or plan to an age (lifespan: PlanToAge)",
            );
        }
        if r.spouse.as_ref().is_some_and(|s| s.sex.is_none()) {
            p.add(
                path::SPOUSE_SEX,
                "lifespans from the life table need the spouse's sex (Female or Male) too",
            );
        }
    }
    let Some(story) = r.survivor else {
        return;
    };
    let Some(spouse) = &r.spouse else {
        p.add(
            path::SURVIVOR,
            "a survivor's story needs a spouse in the plan (retirement.spouse): add one, or remove the story",
        );
        return;
    };
    match (story.saver_dies_at, story.spouse_dies_at) {
        (None, None) => p.add(
            path::SURVIVOR,
            "a survivor's story names who dies and when: saver_dies_at or spouse_dies_at",
        ),
        (Some(_), Some(_)) => p.add(
            path::SURVIVOR,
            "a survivor's story names one death: saver_dies_at or spouse_dies_at, not both",
        ),
        (Some(at), None) => dies_at(p, path::SAVER_DIES_AT, "your", at, plan.saver.age),
        (None, Some(at)) => dies_at(p, path::SPOUSE_DIES_AT, "the spouse's", at, spouse.age),
    }
}

/// A death age in a survivor's story: from today's age to the oldest age.
fn dies_at(p: &mut Problems, field: &str, whose: &str, at: u32, age_today: u32) {
    if at < age_today {
        p.add(
            field,
            format!("is {at}, before {whose} age today ({age_today}): a death in the story is today or later"),
        );
    } else if at > MAX_AGE_YEARS {
        p.add(field, format!("must be at most {MAX_AGE_YEARS} (is {at})"));
    }
}

/// The most incomes and expenses a plan may list: no household has more,
/// and the year loop visits each one every year.
pub const MAX_INCOME_STREAMS: usize = 50;

/// The assumptions' problems; the checked correlations when they are valid.
fn check_assumptions(p: &mut Problems, plan: &Plan) -> Option<Correlations> {
    for asset in &Asset::ALL[..Asset::IN_FILE] {
        p.lever(plan, Lever::mean(*asset));
        p.lever(plan, Lever::volatility(*asset));
    }
    // The private asset's row, when its view's correlations are numbers a
    // matrix can hold (else their own problems are reported).
    let private_row = plan.allocation.private.as_ref().and_then(|s| {
        let view = s.resolved(plan.assumptions.inflation);
        let row = [view.correlation_stocks, view.correlation_bonds];
        row.iter().all(|c| (-1.0..=1.0).contains(c)).then_some(row)
    });
    let correlations = match Correlations::with_private(&plan.assumptions.correlations, private_row)
    {
        Ok(correlations) => Some(correlations),
        Err(problems) => {
            for problem in problems {
                let (field, message) = correlation_problem(problem);
                p.add(field, message);
            }
            None
        }
    };
    p.levers(
        plan,
        &[
            Lever::CrashProbability,
            Lever::CrashMean,
            Lever::CrashVolatility,
            Lever::Inflation,
        ],
    );
    correlations
}

/// A correlation problem's field and words.
fn correlation_problem(problem: CorrelationProblem) -> (String, String) {
    use CorrelationProblem::*;
    match problem {
        Shape => (
            path::CORRELATIONS.to_owned(),
            format!(
                "must be {n} rows of {n} numbers ({})",
                Asset::ALL[..Asset::IN_FILE]
                    .iter()
                    .map(|a| a.key())
                    .collect::<Vec<_>>()
                    .join(", "),
                n = Asset::IN_FILE
            ),
        ),
        PrivateNotPositiveSemiDefinite => (
            format!("{}.view", path::PRIVATE),
            "its correlations with stocks and bonds cannot hold together with the correlations of assumptions.correlations (the 5×5 matrix is not positive semi-definite): bring them closer to the stocks–bonds correlation".to_owned(),
        ),
        NotANumber { row, column } => (
            path::correlation(row, column),
            "is not a number (NaN)".to_owned(),
        ),
        Infinite { row, column } => (
            path::correlation(row, column),
            "must be a finite number".to_owned(),
        ),
        Diagonal { index } => (
            path::correlation(index, index),
            "an asset's correlation with itself must be 1".to_owned(),
        ),
        OutOfRange { row, column } => (
            path::correlation(row, column),
            "must be between -1 and 1".to_owned(),
        ),
        Asymmetric { row, column } => (
            path::correlation(row, column),
            format!("must equal [{column}][{row}]: the matrix must be symmetric"),
        ),
        NotPositiveSemiDefinite => (
            path::CORRELATIONS.to_owned(),
            "these correlations cannot all hold at once (the matrix is not positive semi-definite)"
                .to_owned(),
        ),
    }
}

fn check_simulation(p: &mut Problems, plan: &Plan) {
    p.lever(plan, Lever::Paths);
    let returns = &plan.simulation.returns;
    match returns {
        Returns::History { file, .. } if file.trim().is_empty() => {
            p.add(path::HISTORY_FILE, "must name a return history file");
        }
        Returns::History { .. } if plan.allocation.private.is_some() => p.add(
            path::HISTORY_FILE,
            "a return history has no private-market returns, so a plan with a private sleeve cannot replay it: use Monte Carlo, or remove the private sleeve",
        ),
        Returns::BuiltIn { name, .. } => match BuiltInHistory::named(name) {
            None => p.add(
                path::BUILT_IN_HISTORY,
                format!(
                    "no shipped history is called {name:?}: the shipped histories are {}",
                    BuiltInHistory::names()
                ),
            ),
            Some(history) if plan.allocation.private.is_some() => p.add(
                path::BUILT_IN_HISTORY,
                format!(
                    "{} has no private-market returns, so a plan with a private sleeve cannot replay it: use Monte Carlo, or remove the private sleeve",
                    history.label
                ),
            ),
            // Never a silent zero for the sleeve: say so before any run.
            Some(history) if !history.has_crypto && plan.allocation.sleeve.is_some() => p.add(
                path::BUILT_IN_HISTORY,
                format!(
                    "{} has no crypto returns, so a plan with a crypto sleeve cannot replay it: remove the sleeve to replay the core alone, or use Monte Carlo",
                    history.label
                ),
            ),
            Some(_) => {}
        },
        _ => {}
    }
    if let Some(HistoryMode::Bootstrap { block_years }) = returns.history_mode() {
        p.lever(plan, Lever::BlockYears);
        // A shipped history's length is known here: the same refusal a run
        // would give, so `check` and `simulate` agree (a file's is checked
        // when it is read).
        if let Returns::BuiltIn { name, .. } = returns
            && let Some(history) = BuiltInHistory::named(name)
        {
            let have = (history.years.1 - history.years.0 + 1).max(0) as u32;
            if block_years > have {
                p.add(
                    Lever::BlockYears.path(),
                    format!(
                        "must be at most the {have} years of the return history (is {block_years})"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::sleeve::Sleeve;

    #[test]
    fn a_block_longer_than_the_shipped_history_is_refused_by_validation() {
        let mut plan = Plan::sample();
        plan.simulation.returns = Returns::us_history(HistoryMode::Bootstrap { block_years: 500 });
        let found = problems(&plan);
        assert!(
            found.iter().any(|p| p.field == Lever::BlockYears.path()
                && p.message.contains("years of the return history")),
            "{found:?}"
        );
        plan.simulation.returns = Returns::us_history(HistoryMode::Bootstrap { block_years: 20 });
        assert_eq!(problems(&plan), vec![]);
    }

    #[test]
    fn the_sample_and_the_defaults_are_valid() {
        assert_eq!(problems(&Plan::sample()), vec![]);
        assert_eq!(problems(&Plan::default()), vec![]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut plan = Plan::sample();
        plan.saver.retirement_age = 30;
        plan.contributions.employee_rate = 1.5;
        plan.simulation.paths = 0;
        let fields: Vec<String> = problems(&plan).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "saver.retirement_age",
                "contributions.employee_rate",
                "simulation.paths"
            ]
        );
    }

    #[test]
    fn every_lever_is_validated() {
        let mut plan = Plan::sample();
        plan.allocation.sleeve = Some(Sleeve::constant(0.03));
        plan.simulation.returns = Returns::History {
            file: "h.csv".into(),
            mode: HistoryMode::Bootstrap { block_years: 5 },
        };
        // The optional tax parts, so their levers have a field to set.
        use crate::plan::taxes::{Conversions, FillBracket, Order, Taxable};
        plan.saver.taxable = Some(Taxable {
            balance: 20_000.0,
            basis: 15_000.0,
        });
        if let Some(taxes) = plan.taxes.as_mut() {
            taxes.conversions = Some(Conversions {
                fill_to_rate: 0.12,
                from_age: 63,
                until_age: 72,
            });
        }
        for lever in Lever::ALL {
            let mut bad = plan.clone();
            if lever == Lever::OrderTopRate
                && let Some(taxes) = bad.taxes.as_mut()
            {
                taxes.order = Order::FillBracket(FillBracket { top_rate: 0.12 });
            }
            if lever == Lever::WithdrawalRate {
                bad.retirement.withdrawal = crate::plan::withdrawal::Withdrawal::InitialRate(0.04);
            }
            {
                use crate::plan::withdrawal as r;
                let rule = match lever {
                    Lever::GuardrailsUpper
                    | Lever::GuardrailsLower
                    | Lever::GuardrailsAdjustment
                    | Lever::GuardrailsYearsLeft => {
                        Some(Withdrawal::Guardrails(r::Guardrails::default()))
                    }
                    Lever::VpwReturn => Some(Withdrawal::Vpw(r::Vpw::default())),
                    Lever::FloorCeilingCeiling | Lever::FloorCeilingFloor => {
                        Some(Withdrawal::FloorCeiling(r::FloorCeiling::default()))
                    }
                    _ => None,
                };
                if let Some(rule) = rule {
                    bad.retirement.withdrawal = rule;
                }
                if lever == Lever::Essential {
                    bad.retirement.essential = Some(40_000.0);
                }
            }
            if lever.path().starts_with(path::PRIVATE) {
                bad.allocation.private = Some(crate::plan::private::PrivateSleeve::constant(
                    0.05,
                    crate::plan::private::PrivateKind::PrivateEquity,
                ));
            }
            // The PIA form and a spouse for their levers.
            if lever.path().contains("pia")
                || lever.path().contains("claim_age")
                || lever.path().contains("full_retirement_age")
                || lever.path().contains("spouse")
                || lever.path().contains("survivor")
            {
                let r = &mut bad.retirement;
                r.social_security = Some(SocialSecurity::Claimed(Default::default()));
                r.spouse = Some(crate::plan::social_security::Spouse {
                    age: 60,
                    pia: 1000.0,
                    claim_age: 67,
                    full_retirement_age: 67,
                    sex: None,
                });
            }
            // Whole-number fields cannot hold NaN: one of these is wrong for each.
            let caught = [f64::NAN, -1e12, 1e12].iter().any(|&value| {
                let mut bad = bad.clone();
                lever.set(&mut bad, value).is_ok()
                    && problems(&bad).iter().any(|p| p.field == lever.path())
            });
            assert!(caught, "{lever:?} is never reported");
        }
    }

    #[test]
    fn a_correlation_of_one_is_accepted_but_an_impossible_one_is_not() {
        let mut plan = Plan::sample();
        plan.assumptions.correlations[0][1] = 1.0;
        plan.assumptions.correlations[1][0] = 1.0;
        plan.assumptions.correlations[1][2] = 0.0;
        plan.assumptions.correlations[2][1] = 0.0;
        plan.assumptions.correlations[0][3] = 0.0;
        plan.assumptions.correlations[3][0] = 0.0;
        assert_eq!(problems(&plan), vec![]);
        plan.assumptions.correlations[0][2] = 0.9;
        plan.assumptions.correlations[2][0] = 0.9;
        let found = problems(&plan);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("positive semi-definite"));
    }

    #[test]
    fn repeated_knots_are_found_without_comparing_every_pair() {
        use crate::plan::glide_path::Knot;
        let knot = |y: f64| Knot {
            years_to_retirement: y,
            stocks: 0.5,
            bonds: 0.5,
            cash: 0.0,
        };
        let path = GlidePath::new(
            "x",
            vec![knot(3.0), knot(1.0), knot(3.0), knot(1.0), knot(2.0)],
        );
        let fields: Vec<String> = glide_path_problems(&path, "p")
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                "p.knots[2].years_to_retirement",
                "p.knots[3].years_to_retirement"
            ]
        );
        let many = GlidePath::new("x", (0..MAX_KNOTS + 1).map(|i| knot(i as f64)).collect());
        assert!(
            glide_path_problems(&many, "p")[0]
                .message
                .contains("at most 100")
        );
    }

    #[test]
    fn a_limits_year_that_does_not_ship_is_named() {
        let mut plan = Plan::sample();
        plan.contributions.irs_limits_year = 2031;
        let found = problems(&plan);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "contributions.irs_limits_year");
        assert!(found[0].message.contains("2026"), "{}", found[0].message);
    }

    #[test]
    fn previews_of_a_valid_plan_cover_its_years() {
        let valid = validate(&Plan::sample()).unwrap();
        assert_eq!(valid.target_weights().len(), 60);
        assert_eq!(valid.contribution_schedule().len(), 30);
        assert_eq!(valid.horizon_years(), 60);
    }
}

//! Validation: every problem of a plan at once, each naming its field path
//! (`saver.retirement_age`) and saying in plain English what is wrong.

use std::fmt;

use crate::glide_path::GlidePath;
use crate::market::cholesky;
use crate::plan::{HistoryMode, Plan, Returns};
use crate::retirement::Withdrawal;

/// The most money any amount may be: a trillion dollars.
pub const MAX_USD: f64 = 1e12;
pub const MIN_AGE_YEARS: u32 = 18;
pub const MAX_AGE_YEARS: u32 = 120;
pub const MAX_PATHS: u32 = 1_000_000;
/// How far a knot's weights may sum from 1.
pub const WEIGHT_SUM_TOLERANCE: f64 = 1e-6;

/// One thing wrong with a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is, such as `saver.retirement_age` or `contributions.employer_match[1].rate`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
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

    /// A finite number; `None` (and a problem) if it is NaN or infinite.
    fn finite(&mut self, field: &str, value: f64) -> Option<f64> {
        if value.is_nan() {
            self.add(field, "is not a number (NaN)");
            None
        } else if value.is_infinite() {
            self.add(field, "must be a finite number");
            None
        } else {
            Some(value)
        }
    }

    fn share(&mut self, field: &str, value: f64) {
        if let Some(v) = self.finite(field, value)
            && !(0.0..=1.0).contains(&v)
        {
            self.add(
                field,
                format!("must be between 0% and 100% (is {})", percent(v)),
            );
        }
    }

    fn money(&mut self, field: &str, value: f64) {
        if let Some(v) = self.finite(field, value)
            && !(0.0..=MAX_USD).contains(&v)
        {
            self.add(
                field,
                format!("must be between $0 and $1,000,000,000,000 (is {v})"),
            );
        }
    }

    fn volatility(&mut self, field: &str, value: f64) {
        if let Some(v) = self.finite(field, value)
            && v < 0.0
        {
            self.add(field, format!("must not be negative (is {v})"));
        }
    }

    fn expected_return(&mut self, field: &str, value: f64) {
        if let Some(v) = self.finite(field, value)
            && v <= -1.0
        {
            self.add(field, format!("must be above -100% (is {})", percent(v)));
        }
    }
}

fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0 * 1e6).round() / 1e6)
}

/// Every problem of `plan`, in the order of the file; empty when it is valid.
pub fn problems(plan: &Plan) -> Vec<Problem> {
    let mut p = Problems::default();
    check_version(&mut p, plan);
    check_saver(&mut p, plan);
    check_contributions(&mut p, plan);
    check_allocation(&mut p, plan);
    check_retirement(&mut p, plan);
    check_fees(&mut p, plan);
    check_assumptions(&mut p, plan);
    check_simulation(&mut p, plan);
    p.0
}

/// `Ok` for a plan the engine can run; otherwise every problem.
pub fn validate(plan: &Plan) -> Result<(), Vec<Problem>> {
    let found = problems(plan);
    if found.is_empty() { Ok(()) } else { Err(found) }
}

fn check_version(p: &mut Problems, plan: &Plan) {
    if plan.version != crate::plan::FORMAT_VERSION {
        p.add(
            "version",
            format!("this app reads format version 1, not {}", plan.version),
        );
    }
}

fn check_saver(p: &mut Problems, plan: &Plan) {
    let s = &plan.saver;
    if s.age < MIN_AGE_YEARS {
        p.add(
            "saver.age",
            format!("must be at least {MIN_AGE_YEARS} (is {})", s.age),
        );
    }
    if s.retirement_age < s.age {
        p.add(
            "saver.retirement_age",
            format!(
                "must not be before the current age {} (is {})",
                s.age, s.retirement_age
            ),
        );
    }
    if s.plan_to_age > MAX_AGE_YEARS {
        p.add(
            "saver.plan_to_age",
            format!("must be at most {MAX_AGE_YEARS} (is {})", s.plan_to_age),
        );
    }
    if s.plan_to_age <= s.age {
        p.add(
            "saver.plan_to_age",
            format!(
                "must be after the current age {} (is {})",
                s.age, s.plan_to_age
            ),
        );
    } else if s.plan_to_age < s.retirement_age {
        p.add(
            "saver.plan_to_age",
            format!(
                "must not be before the retirement age {} (is {})",
                s.retirement_age, s.plan_to_age
            ),
        );
    }
    p.money("saver.balance", s.balance);
    p.money("saver.salary", s.salary);
    p.share("saver.salary_growth", s.salary_growth);
}

fn check_contributions(p: &mut Problems, plan: &Plan) {
    let c = &plan.contributions;
    p.share("contributions.employee_rate", c.employee_rate);
    p.share("contributions.escalation", c.escalation);
    p.share("contributions.escalation_cap", c.escalation_cap);
    for (i, tier) in c.employer_match.iter().enumerate() {
        p.share(
            &format!("contributions.employer_match[{i}].rate"),
            tier.rate,
        );
        p.share(
            &format!("contributions.employer_match[{i}].up_to"),
            tier.up_to,
        );
    }
    p.share("contributions.employer_fixed", c.employer_fixed);
}

/// The problems of one glide path, with field paths under `prefix`.
pub fn glide_path_problems(path: &GlidePath, prefix: &str) -> Vec<Problem> {
    let mut p = Problems::default();
    check_glide_path(&mut p, path, prefix);
    p.0
}

fn check_glide_path(p: &mut Problems, path: &GlidePath, prefix: &str) {
    if path.knots.is_empty() {
        p.add(format!("{prefix}.knots"), "needs at least one knot");
    }
    for (i, knot) in path.knots.iter().enumerate() {
        let at = format!("{prefix}.knots[{i}]");
        p.finite(
            &format!("{at}.years_to_retirement"),
            knot.years_to_retirement,
        );
        let mut all_shares = true;
        for (name, w) in [
            ("stocks", knot.stocks),
            ("bonds", knot.bonds),
            ("cash", knot.cash),
        ] {
            let before = p.0.len();
            p.share(&format!("{at}.{name}"), w);
            all_shares &= p.0.len() == before;
        }
        let sum = knot.stocks + knot.bonds + knot.cash;
        if all_shares && (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
            p.add(
                at.clone(),
                format!(
                    "stocks, bonds and cash must add up to 100% (they add up to {})",
                    percent(sum)
                ),
            );
        }
        let repeated = path.knots[..i]
            .iter()
            .any(|k| k.years_to_retirement == knot.years_to_retirement);
        if repeated {
            p.add(
                format!("{at}.years_to_retirement"),
                format!(
                    "another knot is already at {} years to retirement",
                    knot.years_to_retirement
                ),
            );
        }
    }
}

fn check_allocation(p: &mut Problems, plan: &Plan) {
    check_glide_path(p, &plan.allocation.glide_path, "allocation.glide_path");
    if let Some(sleeve) = &plan.allocation.sleeve {
        p.share("allocation.sleeve.weight", sleeve.weight);
        p.share(
            "allocation.sleeve.weight_at_retirement",
            sleeve.weight_at_retirement,
        );
    }
}

fn check_retirement(p: &mut Problems, plan: &Plan) {
    let field = "retirement.withdrawal";
    match plan.retirement.withdrawal {
        Withdrawal::FixedReal(amount) => p.money(field, amount),
        Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate) => p.share(field, rate),
    }
    if let Some(ss) = &plan.retirement.social_security {
        p.money("retirement.social_security.annual", ss.annual);
        if !(MIN_AGE_YEARS..=MAX_AGE_YEARS).contains(&ss.from_age) {
            p.add(
                "retirement.social_security.from_age",
                format!(
                    "must be between {MIN_AGE_YEARS} and {MAX_AGE_YEARS} (is {})",
                    ss.from_age
                ),
            );
        }
    }
}

fn check_fees(p: &mut Problems, plan: &Plan) {
    let f = &plan.fees;
    for (name, fee) in [
        ("stocks", f.stocks),
        ("bonds", f.bonds),
        ("cash", f.cash),
        ("crypto", f.crypto),
        ("plan", f.plan),
    ] {
        p.share(&format!("fees.{name}"), fee);
    }
}

fn check_assumptions(p: &mut Problems, plan: &Plan) {
    let a = &plan.assumptions;
    for (name, asset) in [
        ("stocks", a.stocks),
        ("bonds", a.bonds),
        ("cash", a.cash),
        ("crypto", a.crypto),
    ] {
        p.expected_return(&format!("assumptions.{name}.mean"), asset.mean);
        p.volatility(&format!("assumptions.{name}.volatility"), asset.volatility);
    }
    check_correlations(p, &a.correlations);
    if let Some(crash) = &a.crypto_crash {
        p.share("assumptions.crypto_crash.probability", crash.probability);
        p.finite("assumptions.crypto_crash.mean", crash.mean);
        p.volatility("assumptions.crypto_crash.volatility", crash.volatility);
    }
    p.expected_return("assumptions.inflation", a.inflation);
}

fn check_correlations(p: &mut Problems, rows: &[Vec<f64>]) {
    let field = "assumptions.correlations";
    if rows.len() != 4 || rows.iter().any(|r| r.len() != 4) {
        p.add(
            field,
            "must be 4 rows of 4 numbers (stocks, bonds, cash, crypto)",
        );
        return;
    }
    let mut all_finite = true;
    for (i, row) in rows.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            all_finite &= p.finite(&format!("{field}[{i}][{j}]"), v).is_some();
        }
    }
    if !all_finite {
        return;
    }
    let mut shape_ok = true;
    for (i, row) in rows.iter().enumerate() {
        if row[i] != 1.0 {
            p.add(
                format!("{field}[{i}][{i}]"),
                "an asset's correlation with itself must be 1",
            );
            shape_ok = false;
        }
        for (j, &value) in row.iter().enumerate() {
            if !(-1.0..=1.0).contains(&value) {
                p.add(format!("{field}[{i}][{j}]"), "must be between -1 and 1");
                shape_ok = false;
            } else if j > i && (value - rows[j][i]).abs() > 1e-12 {
                p.add(
                    format!("{field}[{i}][{j}]"),
                    format!("must equal [{j}][{i}]: the matrix must be symmetric"),
                );
                shape_ok = false;
            }
        }
    }
    if shape_ok {
        let matrix: [[f64; 4]; 4] = std::array::from_fn(|i| std::array::from_fn(|j| rows[i][j]));
        if cholesky(&matrix).is_none() {
            p.add(
                field,
                "these correlations cannot all hold at once (the matrix is not positive semi-definite)",
            );
        }
    }
}

fn check_simulation(p: &mut Problems, plan: &Plan) {
    let sim = &plan.simulation;
    if !(1..=MAX_PATHS).contains(&sim.paths) {
        p.add(
            "simulation.paths",
            format!("must be between 1 and 1,000,000 (is {})", sim.paths),
        );
    }
    if let Returns::History { file, mode } = &sim.returns {
        if file.trim().is_empty() {
            p.add("simulation.returns.file", "must name a return history file");
        }
        if let HistoryMode::Bootstrap { block_years: 0 } = mode {
            p.add("simulation.returns.mode.block_years", "must be at least 1");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

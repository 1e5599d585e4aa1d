//! Goal seek and sweeps: answers exact for their draws, cells equal to the
//! plan run alone, and clear refusals.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

use glidepath::engine::questions::{Field, SweepView};
use glidepath::engine::{QuestionError, RunControl, Runner, SimulationError, Workspace};
use glidepath::plan::defaults::shipped;
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::plan::{Plan, validate};

const MODEL_EXAMPLE: &str = include_str!("data/model_example.ron");

fn example(paths: u32) -> Plan {
    let mut plan =
        glidepath::store::parse_plan(MODEL_EXAMPLE, std::path::Path::new("m.ron")).unwrap();
    plan.simulation.paths = paths;
    plan
}

fn chance(plan: &Plan, field: Field, value: f64) -> f64 {
    let valid = field.set(&validate(plan).unwrap(), value).unwrap();
    glidepath::simulate(&valid, &RunControl::new())
        .unwrap()
        .portfolio
        .success_probability
}

fn glidepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn each_solve_is_exact_for_its_draws() {
    let mut rate_rule = example(1_500);
    rate_rule.retirement.withdrawal = Withdrawal::InitialRate(0.04);
    let cases = [
        (example(1_500), Field::ContributionRate, 0.85),
        (example(1_500), Field::Balance, 0.85),
        (example(1_500), Field::Spending, 0.85),
        (example(1_500), Field::RetirementAge, 0.85),
        (rate_rule.clone(), Field::Spending, 0.9),
        (rate_rule, Field::RetirementAge, 0.97),
    ];
    for (plan, field, target) in cases {
        let valid = validate(&plan).unwrap();
        let answer = Runner::new(&mut Workspace::default(), &RunControl::new())
            .solve(&valid, field, target)
            .unwrap();
        assert!(answer.reachable, "{field:?}");
        let at = chance(&plan, field, answer.value);
        assert_eq!(
            at, answer.success_probability,
            "{field:?}: the answer's own chance"
        );
        assert!(at >= target, "{field:?}: {at} at {}", answer.value);
        let grid = field.grid(&plan);
        let k = grid.nearest(answer.value);
        // One step on the other side falls short (where there is one).
        let beyond = match field {
            Field::Spending => (k < grid.steps).then(|| grid.value(k + 1)),
            _ => (k > 0).then(|| grid.value(k - 1)),
        };
        if let Some(beyond) = beyond {
            let short = chance(&plan, field, beyond);
            assert!(
                short < target,
                "{field:?}: {short} at {beyond}, one step beyond {}",
                answer.value
            );
        }
    }
}

#[test]
fn an_unreachable_target_says_so_with_the_best_value() {
    let mut plan = example(800);
    plan.retirement.withdrawal = Withdrawal::FixedReal(400_000.0);
    let valid = validate(&plan).unwrap();
    let answer = Runner::new(&mut Workspace::default(), &RunControl::new())
        .solve(&valid, Field::ContributionRate, 0.95)
        .unwrap();
    assert!(!answer.reachable);
    assert!(answer.success_probability < 0.95);
    // No value does better.
    for rate in [0.0, 0.3, 0.7, 1.0] {
        assert!(chance(&plan, Field::ContributionRate, rate) <= answer.success_probability);
    }
}

#[test]
fn questions_that_do_not_apply_are_refused() {
    let mut plan = example(500);
    plan.retirement.withdrawal = Withdrawal::PercentOfBalance(0.04);
    let valid = validate(&plan).unwrap();
    for field in [Field::ContributionRate, Field::Balance, Field::Spending] {
        let error = Runner::new(&mut Workspace::default(), &RunControl::new())
            .solve(&valid, field, 0.9)
            .unwrap_err();
        assert!(
            matches!(
                error,
                SimulationError::NotApplicable(
                    QuestionError::NeedsAnIncomeNeed { .. } | QuestionError::PercentNeverRunsOut
                )
            ),
            "{error}"
        );
    }
}

#[test]
fn every_sweep_cell_equals_the_plan_run_alone_and_no_sleeve_is_0_percent() {
    let plan = example(1_000);
    let values = [0.0, 0.03, 0.1];
    let views = [
        SweepView::parse("skeptic").unwrap(),
        SweepView::parse("optimist").unwrap(),
        SweepView::Plan,
    ];
    let rows = Runner::new(&mut Workspace::default(), &RunControl::new())
        .sweep(
            &validate(&plan).unwrap(),
            Field::SleeveWeight,
            &values,
            &views,
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        let viewed = match shipped().crypto_view(&row.view) {
            Some(view) => plan.with_view(view),
            None => plan.clone(),
        };
        let viewed = validate(&viewed).unwrap();
        for cell in &row.cells {
            let alone = glidepath::simulate(
                &Field::SleeveWeight.set(&viewed, cell.value).unwrap(),
                &RunControl::new(),
            )
            .unwrap();
            assert_eq!(
                cell.success_probability,
                alone.portfolio.success_probability
            );
            assert_eq!(
                cell.retirement.balance.p10,
                alone.portfolio.retirement.balance.p10
            );
            assert_eq!(
                cell.retirement.balance.p50,
                alone.portfolio.retirement.balance.p50
            );
            assert_eq!(
                cell.retirement.annual_income.p50,
                alone.portfolio.retirement.annual_income.p50
            );
            assert_eq!(cell.sleeve_worst_year, alone.sleeve_worst_year);
        }
        // 0% is the plan without its sleeve.
        let none = glidepath::simulate(&viewed.without_sleeve(), &RunControl::new()).unwrap();
        assert_eq!(
            row.cells[0].success_probability,
            none.portfolio.success_probability
        );
        assert_eq!(
            row.cells[0].retirement.balance.p50,
            none.portfolio.retirement.balance.p50
        );
    }
}

#[test]
fn the_command_line_refuses_bad_questions_clearly() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("questions");
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.ron");
    std::fs::write(&plan, MODEL_EXAMPLE).unwrap();
    let p = plan.to_str().unwrap();
    let history = dir.join("h.csv");
    let mut text = String::from("year,stocks,bonds,cash,inflation,crypto\n");
    for y in 1950..2020 {
        text.push_str(&format!("{y},0.07,0.02,0.01,0.02,0.3\n"));
    }
    std::fs::write(&history, text).unwrap();
    let h = history.to_str().unwrap();
    let rate_plan = dir.join("rate.ron");
    std::fs::write(
        &rate_plan,
        MODEL_EXAMPLE.replace("FixedReal(60000.0)", "PercentOfBalance(0.04)"),
    )
    .unwrap();
    let r = rate_plan.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["solve", p, "--for", "plan_fee", "--target", "0.9"],
            "the fields are",
        ),
        (
            vec!["solve", p, "--for", "nonsense", "--target", "0.9"],
            "the fields are",
        ),
        (
            vec!["solve", p, "--for", "balance", "--target", "1.2"],
            "between 0 and 1",
        ),
        (
            vec!["solve", p, "--for", "balance", "--target", "0"],
            "between 0 and 1",
        ),
        (
            vec!["solve", r, "--for", "spending", "--target", "0.9"],
            "never runs out",
        ),
        (
            vec!["solve", r, "--for", "contribution_rate", "--target", "0.9"],
            "rate rule",
        ),
        (
            vec!["sweep", p, "--field", "balance", "--values", "0:100:0"],
            "above 0",
        ),
        (
            vec!["sweep", p, "--field", "balance", "--values", "10:0:1"],
            "must not be above",
        ),
        (
            vec!["sweep", p, "--field", "balance", "--values", "0:1000000:1"],
            "at most 1000",
        ),
        (
            vec![
                "sweep",
                p,
                "--field",
                "retirement_age",
                "--values",
                "60:70:0.5",
            ],
            "whole",
        ),
        (
            vec!["sweep", p, "--field", "retirement_age", "--values", "60:70"],
            "FROM:TO:STEP",
        ),
        (
            vec![
                "sweep",
                p,
                "--field",
                "sleeve_weight",
                "--values",
                "0:0.2:0.1",
                "--views",
                "all",
                "--history",
                h,
            ],
            "without --history",
        ),
        (
            vec!["sweep", p, "--field", "plan_fee", "--values", "0:2:1"],
            "with plan_fee at 2",
        ),
        (
            vec![
                "sweep",
                p,
                "--field",
                "sleeve_weight",
                "--values",
                "0:0.2:0.1",
                "--view",
                "bullish",
            ],
            "the views are",
        ),
        (vec!["simulate", p, "--view", "bullish"], "the views are"),
    ];
    for (args, words) in cases {
        let out = glidepath(&args);
        let message = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.contains(words),
            "{args:?}: {message:?} should say {words:?}"
        );
    }
    // A sweep whose taper would pass 100%.
    let steep = dir.join("steep.ron");
    std::fs::write(
        &steep,
        MODEL_EXAMPLE.replace(
            "weight: 0.03, weight_at_retirement: 0.01",
            "weight: 0.1, weight_at_retirement: 0.5",
        ),
    )
    .unwrap();
    let out = glidepath(&[
        "sweep",
        steep.to_str().unwrap(),
        "--field",
        "sleeve_weight",
        "--values",
        "0:0.5:0.25",
        "--paths",
        "50",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("above 100%"));
}

/// The tax fields of a sweep (MODEL-v3 §16.7): each cell is the plan with
/// that value run alone on the same seed, bit for bit, its after-tax
/// income and lifetime tax included; conversion_rate 0 is no conversions
/// and a rate turns them on over the planning window.
#[test]
fn tax_sweeps_equal_the_plan_run_alone() {
    let mut plan = Plan::sample();
    plan.simulation.paths = 500;
    let valid = validate(&plan).unwrap();
    for (field, values) in [
        (Field::RothShare, vec![0.0, 0.5, 1.0]),
        (Field::ConversionRate, vec![0.0, 0.12, 0.22]),
        (Field::StateRate, vec![0.0, 0.05]),
    ] {
        let rows = Runner::new(&mut Workspace::default(), &RunControl::new())
            .sweep(&valid, field, &values, &[SweepView::Plan], &mut |_| {})
            .unwrap();
        let mut lifetime = Vec::new();
        for cell in &rows[0].cells {
            let alone =
                glidepath::simulate(&field.set(&valid, cell.value).unwrap(), &RunControl::new())
                    .unwrap();
            let taxes = alone.taxes.as_ref().expect("a plan with taxes");
            assert_eq!(
                cell.success_probability, alone.portfolio.success_probability,
                "{field:?}"
            );
            let after = cell.retirement.annual_income_after_tax.as_ref().unwrap();
            let alone_after = alone
                .portfolio
                .retirement
                .annual_income_after_tax
                .as_ref()
                .unwrap();
            assert_eq!(after.p10, alone_after.p10, "{field:?}");
            assert_eq!(after.p50, alone_after.p50, "{field:?}");
            let tax = cell.lifetime_tax.as_ref().unwrap();
            assert_eq!(tax.p50, taxes.lifetime_tax.p50, "{field:?}");
            assert_eq!(tax.p90, taxes.lifetime_tax.p90, "{field:?}");
            lifetime.push(tax.p50);
        }
        // Each field moves the tax: a sweep that changed nothing would pass
        // the equalities above.
        assert!(
            lifetime.windows(2).all(|w| w[0] != w[1]),
            "{field:?}: {lifetime:?}"
        );
    }
    // conversion_rate: 0 is none; a rate opens the planning window, from
    // retirement (60 at the earliest) to the year before RMDs begin.
    assert_eq!(
        Field::ConversionRate
            .set(&valid, 0.0)
            .unwrap()
            .taxes
            .as_ref()
            .unwrap()
            .conversions,
        None
    );
    let on = Field::ConversionRate.set(&valid, 0.12).unwrap();
    let c = on.taxes.as_ref().unwrap().conversions.unwrap();
    let born = plan.taxes.as_ref().unwrap().first_year as i32 - plan.saver.age as i32;
    assert_eq!(c.fill_to_rate, 0.12);
    assert_eq!(c.from_age, plan.saver.retirement_age.max(60));
    assert_eq!(c.until_age, glidepath::tax::law::rmd_start_age(born) - 1);
}

#[test]
fn tax_sweeps_are_refused_where_they_do_not_apply() {
    let taxed = validate(&Plan::sample()).unwrap();
    let before_tax = validate(&Plan::sample_before_tax()).unwrap();
    for (field, plan, value, words) in [
        (
            Field::RothShare,
            &before_tax,
            0.5,
            "needs a plan with taxes",
        ),
        (
            Field::StateRate,
            &before_tax,
            0.05,
            "needs a plan with taxes",
        ),
        (
            Field::ConversionRate,
            &before_tax,
            0.12,
            "needs a plan with taxes",
        ),
        (Field::ConversionRate, &taxed, 0.11, "a bracket's rate"),
        (Field::StateRate, &taxed, 0.9, "between 0% and 50%"),
    ] {
        match field.set(plan, value) {
            Err(SimulationError::Invalid(problems)) => {
                assert!(
                    problems[0].message.contains(words),
                    "{field:?}: {problems:?}"
                );
            }
            other => panic!("{field:?} at {value}: {other:?}"),
        }
    }
    // The command line: exit 2 with the sentence, and lists of values.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tax-sweeps");
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("taxed.ron");
    std::fs::write(
        &plan,
        glidepath::store::plan_to_ron(&Plan::sample()).unwrap(),
    )
    .unwrap();
    let p = plan.to_str().unwrap();
    for (values, code, words) in [
        ("0,0.11", 2, "a bracket's rate"),
        ("0.12,0", 2, "must rise"),
        ("0,x", 2, "numbers separated by commas"),
    ] {
        let out = glidepath(&[
            "sweep",
            p,
            "--field",
            "conversion_rate",
            "--values",
            values,
            "--paths",
            "50",
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{values}: {stderr}");
        assert!(stderr.contains(words), "{values}: {stderr}");
    }
    let out = glidepath(&[
        "sweep",
        p,
        "--field",
        "conversion_rate",
        "--values",
        "0,0.12",
        "--paths",
        "50",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with("lifetime_tax_p50,lifetime_tax_p90"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

#[test]
fn questions_an_adaptive_rule_makes_meaningless_are_refused_with_the_reason() {
    use glidepath::engine::QuestionError;
    use glidepath::plan::withdrawal::{FloorCeiling, Guardrails, Vpw};
    for rule in [
        Withdrawal::Guardrails(Guardrails::default()),
        Withdrawal::Vpw(Vpw::default()),
        Withdrawal::FloorCeiling(FloorCeiling::default()),
        Withdrawal::PercentOfBalance(0.04),
    ] {
        let mut plan = example(200);
        plan.retirement.withdrawal = rule;
        for field in [Field::RetirementAge, Field::PlanToAge] {
            let why = field.solve_refusal(&plan);
            assert!(
                matches!(why, Some(QuestionError::AdaptsToTheBalance { .. })),
                "{rule:?} {field:?}: {why:?}"
            );
            assert!(why.unwrap().to_string().contains("adapts to the balance"));
        }
    }
    // A fixed need and the 4% rule can run out: when to retire is a question.
    let mut plan = example(200);
    assert_eq!(Field::RetirementAge.solve_refusal(&plan), None);
    plan.retirement.withdrawal = Withdrawal::InitialRate(0.04);
    assert_eq!(Field::RetirementAge.solve_refusal(&plan), None);
}

#[test]
fn under_an_adaptive_rule_the_bad_path_is_the_cards_bad_case() {
    use glidepath::engine::explain::Ranking;
    use glidepath::plan::withdrawal::Vpw;
    let mut plan = example(1_000);
    plan.retirement.withdrawal = Withdrawal::Vpw(Vpw::default());
    let valid = validate(&plan).unwrap();
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let outcome = Runner::new(&mut workspace, &control)
        .simulate(&valid)
        .unwrap();
    let bad = Runner::new(&mut workspace, &control)
        .explain(&valid, 10)
        .unwrap();
    assert_eq!(bad.ranked_by, Ranking::BalanceAtRetirement);
    let at = bad
        .years
        .iter()
        .find(|y| y.age == plan.saver.retirement_age)
        .unwrap()
        .balance_usd;
    let p10 = outcome.portfolio.retirement.balance.p10;
    assert!(
        (at - p10).abs() < 0.02 * p10,
        "the bad path retires with {at}, the cards' bad case is {p10}"
    );
    // Under a need, the ranking of before.
    let need = validate(&example(300)).unwrap();
    let path = Runner::new(&mut workspace, &control)
        .explain(&need, 10)
        .unwrap();
    assert_eq!(path.ranked_by, Ranking::RanOutThenLeft);
}

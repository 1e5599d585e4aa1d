//! Stress tests and the sleeve's break-even return (MODEL-v2 §11) with
//! volatility on: what they do on the same draws, and how the command line
//! refuses what cannot apply. The closed forms with every volatility at
//! zero are in `zero_volatility.rs`.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

use glidepath::engine::questions::BREAK_EVEN_BRACKET;
use glidepath::engine::{RunControl, Runner, Workspace};
use glidepath::plan::glide_path::{GlidePath, Knot};
use glidepath::plan::stress::{Stress, StressRefusal};
use glidepath::plan::{Plan, ValidPlan, validate};
use glidepath::simulate;

const MODEL_EXAMPLE: &str = include_str!("data/model_example.ron");

fn example(paths: u32) -> Plan {
    let mut plan =
        glidepath::store::parse_plan(MODEL_EXAMPLE, std::path::Path::new("m.ron")).unwrap();
    plan.simulation.paths = paths;
    plan
}

fn glidepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn run(plan: &ValidPlan) -> glidepath::Outcome {
    simulate(plan, &RunControl::new()).unwrap()
}

#[test]
fn a_crash_lowers_every_level_of_the_balance_at_retirement() {
    let plan = validate(&example(4_000)).unwrap();
    let calm = run(&plan);
    let crashed = run(&plan.stressed(Stress::CrashBeforeRetirement).unwrap());
    let (c, s) = (
        calm.portfolio.retirement.balance.as_array(),
        crashed.portfolio.retirement.balance.as_array(),
    );
    for (calm, crashed) in c.iter().zip(s) {
        // Half the account is in stocks the year before retirement: a 40%
        // fall there takes at least a sixth off every level.
        assert!(*crashed < **calm * 0.85, "{crashed} against {calm}");
    }
    // Before the crash year nothing differs: the same draws.
    let before = (plan.saver.retirement_age - plan.saver.age - 1) as usize;
    for t in 0..=before {
        assert_eq!(calm.portfolio.bands.p50[t], crashed.portfolio.bands.p50[t]);
    }
    let effect = crashed.stress.as_ref().unwrap();
    assert_eq!(effect.name, "crash-before-retirement");
    assert_eq!(
        effect.retirement_balance_p50_change,
        crashed.portfolio.retirement.balance.p50 - calm.portfolio.retirement.balance.p50
    );
    assert_eq!(
        effect.success_change,
        crashed.portfolio.success_probability - calm.portfolio.success_probability
    );
    assert!(effect.success_change < 0.0, "{effect:?}");
    // The run without the sleeve is stressed alike.
    let (calm_without, crashed_without) = (
        calm.without_sleeve.as_ref().unwrap(),
        crashed.without_sleeve.as_ref().unwrap(),
    );
    assert!(crashed_without.retirement.balance.p50 < 0.85 * calm_without.retirement.balance.p50);
}

#[test]
fn a_crash_leaves_bonds_and_cash_their_draws() {
    let mut plan = example(2_000);
    plan.allocation.sleeve = None;
    plan.allocation.glide_path = GlidePath::new(
        "Bonds and cash",
        vec![
            Knot {
                years_to_retirement: 10.0,
                stocks: 0.0,
                bonds: 0.8,
                cash: 0.2,
            },
            Knot {
                years_to_retirement: 0.0,
                stocks: 0.0,
                bonds: 0.6,
                cash: 0.4,
            },
        ],
    );
    let plan = validate(&plan).unwrap();
    let calm = run(&plan);
    let crashed = run(&plan.stressed(Stress::CrashBeforeRetirement).unwrap());
    assert_eq!(calm.portfolio, crashed.portfolio);
    let effect = crashed.stress.unwrap();
    assert_eq!(effect.success_change, 0.0);
    assert_eq!(effect.retirement_balance_p10_change, 0.0);
    assert_eq!(effect.income_p50_change, 0.0);
}

#[test]
fn crypto_to_zero_now_leaves_the_core_alone() {
    // No contributions: from the first year on, the stressed plan is the
    // core of the plan, run without a sleeve, on the same draws.
    let mut plan = example(3_000);
    plan.contributions.employee_rate = 0.0;
    plan.contributions.escalation = 0.0;
    plan.contributions.employer_match.clear();
    plan.contributions.employer_fixed = 0.0;
    let sleeve = plan.allocation.sleeve.clone().unwrap();
    let zeroed = run(&validate(&plan)
        .unwrap()
        .stressed(Stress::ZeroAt(plan.saver.age))
        .unwrap());
    let mut core = plan.clone();
    core.allocation.sleeve = None;
    core.saver.balance = (1.0 - sleeve.weight) * plan.saver.balance;
    let core = run(&validate(&core).unwrap());
    for (t, (z, c)) in zeroed
        .portfolio
        .bands
        .p50
        .iter()
        .zip(&core.portfolio.bands.p50)
        .enumerate()
        .skip(1)
    {
        assert!(
            (z - c).abs() <= 1e-9 * c.abs().max(1.0),
            "year {t}: {z} against {c}"
        );
    }
    assert_eq!(
        zeroed.portfolio.success_probability,
        core.portfolio.success_probability
    );
    // Every path's worst crypto year is the −100%.
    assert_eq!(zeroed.sleeve_worst_year, Some(-1.0));
}

#[test]
fn a_stress_that_cannot_apply_is_refused() {
    let plan = validate(&example(100)).unwrap();
    assert!(
        plan.stressed(Stress::ZeroAt(34)).is_err(),
        "before the plan"
    );
    assert!(plan.stressed(Stress::ZeroAt(95)).is_err(), "after the plan");
    assert!(plan.stressed(Stress::ZeroAt(94)).is_ok(), "its last year");
    let mut no_sleeve = example(100);
    no_sleeve.allocation.sleeve = None;
    let no_sleeve = validate(&no_sleeve).unwrap();
    let why = no_sleeve.stressed(Stress::ZeroAt(50)).unwrap_err();
    assert_eq!(why, StressRefusal::NoSleeve);
    assert!(why.to_string().contains("sleeve"), "{why}");
    assert!(no_sleeve.stressed(Stress::CrashBeforeRetirement).is_ok());
    let mut retired = example(100);
    retired.saver.age = 70;
    retired.saver.retirement_age = 70;
    let why = validate(&retired)
        .unwrap()
        .stressed(Stress::CrashBeforeRetirement)
        .unwrap_err();
    assert_eq!(why, StressRefusal::StartsRetired);
    assert!(why.to_string().contains("retired"), "{why}");
    for bad in [
        "zero-at",
        "zero-at:",
        "zero-at:sixty",
        "zero-at:-5",
        "crash",
        "",
    ] {
        assert!(bad.parse::<Stress>().is_err(), "{bad:?}");
    }
    for good in [Stress::ZeroAt(60), Stress::CrashBeforeRetirement] {
        assert_eq!(good.to_string().parse::<Stress>(), Ok(good));
    }
}

/// The median balance at retirement and the chance, with the sleeve and
/// without, at a crypto mean.
fn figures_at(plan: &Plan, crypto_mean: f64) -> ((f64, f64), (f64, f64)) {
    let mut plan = plan.clone();
    plan.assumptions.crypto.mean = crypto_mean;
    let outcome = run(&validate(&plan).unwrap());
    let without = outcome.without_sleeve.unwrap();
    (
        (
            outcome.portfolio.retirement.balance.p50,
            outcome.portfolio.success_probability,
        ),
        (without.retirement.balance.p50, without.success_probability),
    )
}

#[test]
fn the_break_even_returns_are_where_the_sleeve_starts_to_pay() {
    let plan = example(2_000);
    let valid = validate(&plan).unwrap();
    let found = Runner::new(&mut Workspace::default(), &RunControl::new())
        .break_even(&valid)
        .unwrap()
        .expect("a sleeve before retirement has a break-even");
    let r1 = found.median_balance.expect("reached below +100%");
    let ((with, _), (without, _)) = figures_at(&plan, r1);
    assert!(with >= without, "at {r1}: {with} < {without}");
    let below = r1 - BREAK_EVEN_BRACKET;
    let ((with, _), (without, _)) = figures_at(&plan, below);
    assert!(with < without, "at {below}: {with} ≥ {without}");
    // The same for the chance the money lasts (a fixed real spending: the
    // chance rises with every path's crypto returns).
    let r2 = found.success.expect("reached below +100%");
    let ((_, with), (_, without)) = figures_at(&plan, r2);
    assert!(with >= without, "at {r2}: {with} < {without}");
    let below = r2 - BREAK_EVEN_BRACKET;
    let ((_, with), (_, without)) = figures_at(&plan, below);
    assert!(with < without, "at {below}: {with} ≥ {without}");
    // Paying for crypto's volatility, the sleeve needs more than the other
    // assets' returns to keep up.
    assert!(r1 > plan.assumptions.stocks.mean, "{r1}");
}

#[test]
fn break_even_is_absent_where_it_does_not_apply() {
    let control = RunControl::new();
    let mut no_sleeve = example(200);
    no_sleeve.allocation.sleeve = None;
    let mut retired = example(200);
    retired.saver.age = 70;
    retired.saver.retirement_age = 70;
    for plan in [no_sleeve, retired] {
        let valid = validate(&plan).unwrap();
        assert_eq!(
            Runner::new(&mut Workspace::default(), &control)
                .break_even(&valid)
                .unwrap(),
            None
        );
    }
    // A sleeve that cannot keep up even at +100% a year: bought and held,
    // so volatility this wild leaves the typical path's crypto near nothing.
    let mut hopeless = example(500);
    hopeless.assumptions.crypto.volatility = 4.0;
    if let Some(sleeve) = hopeless.allocation.sleeve.as_mut() {
        sleeve.rebalance = glidepath::plan::sleeve::Rebalance::Never;
    }
    let valid = validate(&hopeless).unwrap();
    let found = Runner::new(&mut Workspace::default(), &control)
        .break_even(&valid)
        .unwrap()
        .unwrap();
    assert_eq!(found.median_balance, None);
}

#[test]
fn the_command_line_runs_stresses_and_refuses_what_cannot_apply() {
    let dir = std::env::temp_dir().join(format!("glidepath-stress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.ron");
    std::fs::write(&plan, MODEL_EXAMPLE.replace("paths: 10000", "paths: 500")).unwrap();
    let plan = plan.to_str().unwrap();
    let json = |out: &Output| -> serde_json::Value {
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    for stress in ["zero-at:50", "crash-before-retirement"] {
        let outcome = json(&glidepath(&["simulate", plan, "--stress", stress]));
        assert_eq!(outcome["stress"]["name"], stress);
        for key in [
            "success_change",
            "retirement_balance_p10_change",
            "retirement_balance_p50_change",
            "income_p50_change",
        ] {
            assert!(outcome["stress"][key].is_f64(), "{key}");
        }
        let compared = json(&glidepath(&["compare", plan, "--stress", stress]));
        assert_eq!(
            compared["scenarios"][0]["outcome"]["stress"]["name"],
            stress
        );
    }
    let plain = json(&glidepath(&["simulate", plan]));
    assert!(plain.get("stress").is_none());
    assert!(plain.get("sleeve_break_even").is_none());
    let asked = json(&glidepath(&["simulate", plan, "--break-even"]));
    assert!(asked["sleeve_break_even"]["median_balance"].is_f64());
    assert!(asked["sleeve_break_even"].get("success").is_some());

    // Under a history there is no crypto mean to vary: refused.
    let mut history = String::from("year,stocks,bonds,cash,inflation,crypto\n");
    for year in 1950..2020 {
        history.push_str(&format!("{year},0.07,0.02,0.01,0.02,0.3\n"));
    }
    let csv = dir.join("history.csv");
    std::fs::write(&csv, history).unwrap();
    let out = glidepath(&[
        "simulate",
        plan,
        "--history",
        csv.to_str().unwrap(),
        "--break-even",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--break-even needs Monte Carlo"));
    // One stress per run.
    let out = glidepath(&[
        "simulate",
        plan,
        "--stress",
        "zero-at:50",
        "--stress",
        "crash-before-retirement",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--stress"));

    for (stress, says) in [
        ("zero-at:20", "outside the plan"),
        ("zero-at:eighty", "whole age"),
        (
            "meltdown",
            "zero-at:AGE, crash-before-retirement and private-markdown",
        ),
    ] {
        let out = glidepath(&["simulate", plan, "--stress", stress]);
        assert_eq!(out.status.code(), Some(2), "{stress}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stress}: {stderr}");
        assert!(out.stdout.is_empty());
    }
    let retired = dir.join("retired.ron");
    std::fs::write(
        &retired,
        MODEL_EXAMPLE
            .replace("age: 35", "age: 70")
            .replace("retirement_age: 65", "retirement_age: 70"),
    )
    .unwrap();
    let out = glidepath(&[
        "compare",
        retired.to_str().unwrap(),
        "--stress",
        "crash-before-retirement",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("starts retired"));
    std::fs::remove_dir_all(&dir).unwrap();
}

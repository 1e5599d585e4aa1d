//! Spending rules that adapt (MODEL-v2 §12) on the same draws, and one
//! path explained year by year. The closed forms with every volatility at
//! zero are in `zero_volatility.rs`.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::engine::{RunControl, Runner, Workspace};
use glidepath::outcome::{Levels, Record};
use glidepath::plan::asset::Asset;
use glidepath::plan::fees::Fees;
use glidepath::plan::glide_path::{GlidePath, Knot};
use glidepath::plan::withdrawal::{Guardrails, Vpw, Withdrawal};
use glidepath::plan::{Plan, ValidPlan, validate};

/// A retiree of 65 with $1 million to 95, a fixed 60/40 mix, no fees, no
/// Social Security: the rule alone decides.
fn retiree(withdrawal: Withdrawal) -> Plan {
    let mut plan = Plan::sample_before_tax();
    plan.saver.age = 65;
    plan.saver.retirement_age = 65;
    plan.saver.plan_to_age = 95;
    plan.saver.balance = 1_000_000.0;
    let mix = |years_to_retirement| Knot {
        years_to_retirement,
        stocks: 0.6,
        bonds: 0.4,
        cash: 0.0,
    };
    plan.allocation.glide_path = GlidePath::new("60/40", vec![mix(0.0), mix(-40.0)]);
    plan.allocation.sleeve = None;
    plan.retirement.withdrawal = withdrawal;
    plan.retirement.social_security = None;
    plan.fees = Fees::NONE;
    plan.simulation.paths = 4_000;
    plan
}

/// Each path's depletion age (0: never).
fn depleted(plan: &Plan) -> Vec<u32> {
    let plan = validate(plan).unwrap();
    let set = Runner::new(&mut Workspace::default(), &RunControl::new())
        .set(&[(&plan, Record::Bands(Levels::MEDIAN_AND_BAD_CASE))])
        .unwrap();
    set.members[0].path_ends.clone().unwrap().0
}

#[test]
fn guardrails_that_only_cut_never_deplete_a_path_the_fixed_rate_keeps() {
    let rate = 0.055;
    let fixed = depleted(&retiree(Withdrawal::InitialRate(rate)));
    let cutting = depleted(&retiree(Withdrawal::Guardrails(Guardrails {
        initial_rate: rate,
        lower: 1.0,
        until_years_left: 0,
        ..Guardrails::default()
    })));
    assert!(
        fixed.iter().any(|&d| d != 0),
        "some paths run out at a fixed 5.5%"
    );
    for (k, (f, c)) in fixed.iter().zip(&cutting).enumerate() {
        if *f == 0 {
            assert_eq!(
                *c, 0,
                "path {k}: kept by the fixed rate, run out by guardrails"
            );
        }
    }
}

#[test]
fn vpw_and_a_percent_of_balance_never_run_out() {
    for rule in [
        Withdrawal::Vpw(Vpw::default()),
        Withdrawal::Vpw(Vpw { real_return: 0.0 }),
        Withdrawal::PercentOfBalance(0.08),
    ] {
        assert!(depleted(&retiree(rule)).iter().all(|&d| d == 0), "{rule:?}");
    }
}

fn explained(plan: &ValidPlan, p: u32) -> glidepath::engine::explain::Explained {
    Runner::new(&mut Workspace::default(), &RunControl::new())
        .explain(plan, p)
        .unwrap()
}

#[test]
fn an_explained_path_follows_from_its_own_returns_and_withdrawals() {
    for rule in [
        Withdrawal::Guardrails(Guardrails::default()),
        Withdrawal::FixedReal(70_000.0),
    ] {
        let mut plan = retiree(rule);
        // Two working years first: contributions through the year.
        plan.saver.age = 63;
        plan.saver.salary = 90_000.0;
        plan.contributions.employee_rate = 0.10;
        plan.contributions.escalation = 0.0;
        plan.contributions.employer_match = Vec::new();
        let plan = validate(&plan).unwrap();
        for p in [10, 50] {
            let e = explained(&plan, p);
            assert_eq!(e.years.len(), 32);
            for pair in e.years.windows(2) {
                let (y, next) = (&pair[0], &pair[1]);
                let growth = 1.0 + 0.6 * y.returns[Asset::Stocks] + 0.4 * y.returns[Asset::Bonds];
                let withdrawal = y.trace.map_or(0.0, |t| t.withdrawal_usd);
                let want =
                    (y.balance_usd - withdrawal) * growth + y.contribution_usd * growth.sqrt();
                assert!(
                    (next.balance_usd - want).abs() < 1e-6 * want.max(1.0),
                    "p{p} at {}: {} against {want}",
                    next.age,
                    next.balance_usd
                );
                assert_eq!(y.contribution_usd > 0.0, y.age < 65);
            }
        }
    }
}

#[test]
fn explain_picks_the_path_the_model_defines() {
    let plan = validate(&retiree(Withdrawal::InitialRate(0.055))).unwrap();
    let outcome = glidepath::simulate(&plan, &RunControl::new()).unwrap();
    let ran_out = |e: &glidepath::engine::explain::Explained| {
        e.years
            .iter()
            .find(|y| {
                y.trace
                    .is_some_and(|t| t.withdrawal_usd < 0.055 * 1_000_000.0 - 1e-6)
            })
            .map(|y| y.age)
    };
    // The worst path runs out first: at the age survival first drops.
    let worst = explained(&plan, 0);
    let first_drop = outcome
        .ages
        .iter()
        .zip(&outcome.portfolio.survival)
        .find(|(_, s)| **s < 1.0)
        .map(|(a, _)| *a);
    assert_eq!(ran_out(&worst).map(|a| a + 1), first_drop);
    // The best never runs out and ends at least as high as the 95th percentile.
    let best = explained(&plan, 100);
    assert_eq!(ran_out(&best), None);
    let end = |e: &glidepath::engine::explain::Explained| {
        let y = e.years.last().unwrap();
        let t = y.trace.unwrap();
        (y.balance_usd - t.withdrawal_usd)
            * (1.0 + 0.6 * y.returns[Asset::Stocks] + 0.4 * y.returns[Asset::Bonds])
    };
    assert!(end(&best) >= *outcome.portfolio.bands.p95.last().unwrap());
    // The bad case (p10) ran out if more than a tenth of paths did.
    let bad = explained(&plan, 10);
    assert_eq!(
        ran_out(&bad).is_some(),
        outcome.portfolio.success_probability < 0.9
    );
}

#[test]
fn the_command_line_explains_and_refuses_what_is_wrong() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_glidepath"))
            .args(args)
            .output()
            .unwrap()
    };
    // With taxes, MODEL-v3 §16.7's columns before the action.
    let out = run(&[
        "simulate",
        "saves/retirees-drawing-income.ron",
        "--explain",
        "p50",
        "--paths",
        "500",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(
        header,
        "age,balance,r_stocks,r_bonds,r_cash,r_crypto,contribution,withdrawal,social_security,spouse,other_income,\
         traditional,roth,taxable,withdrawal_traditional,withdrawal_roth,withdrawal_taxable,rmd,conversion,\
         taxable_ss,agi,federal_tax,state_tax,penalty,after_tax_income,marginal_rate,action"
    );
    assert!(text.contains("RMD of $"), "the RMD years say so: {text}");
    // Before tax, format 2's columns.
    let out = run(&[
        "simulate",
        "tests/data/same-bytes/before-tax-retirees-drawing-income.ron",
        "--explain",
        "p50",
        "--paths",
        "500",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(
        header,
        "age,balance,r_stocks,r_bonds,r_cash,r_crypto,contribution,withdrawal,social_security,spouse,other_income,action"
    );
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .count(),
        28
    );
    let out = run(&[
        "simulate",
        "saves/retirees-drawing-income.ron",
        "--explain",
        "median",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("p10, p50"));
}

#[test]
fn bad_rule_parameters_are_named_by_their_field() {
    let cases: [(Withdrawal, &str); 6] = [
        (
            Withdrawal::Guardrails(Guardrails {
                upper: -0.1,
                ..Guardrails::default()
            }),
            "retirement.withdrawal.upper",
        ),
        (
            Withdrawal::Guardrails(Guardrails {
                adjustment: 1.0,
                ..Guardrails::default()
            }),
            "retirement.withdrawal.adjustment",
        ),
        (
            Withdrawal::Guardrails(Guardrails {
                initial_rate: 0.0,
                ..Guardrails::default()
            }),
            "retirement.withdrawal",
        ),
        (
            Withdrawal::Vpw(Vpw { real_return: -1.0 }),
            "retirement.withdrawal.real_return",
        ),
        (
            Withdrawal::Vpw(Vpw { real_return: 1.5 }),
            "retirement.withdrawal.real_return",
        ),
        (
            Withdrawal::FloorCeiling(glidepath::plan::withdrawal::FloorCeiling {
                floor: 1.5,
                ..Default::default()
            }),
            "retirement.withdrawal.floor",
        ),
    ];
    for (rule, field) in cases {
        let problems = validate(&retiree(rule)).unwrap_err();
        assert!(
            problems.iter().any(|p| p.field == field),
            "{rule:?}: {problems:?}"
        );
    }
    let mut plan = retiree(Withdrawal::InitialRate(0.04));
    plan.retirement.essential = Some(-1.0);
    assert!(
        validate(&plan)
            .unwrap_err()
            .iter()
            .any(|p| p.field == "retirement.essential")
    );
}

#[test]
fn the_essential_income_is_met_as_often_as_the_paths_say() {
    let mut plan = retiree(Withdrawal::Guardrails(Guardrails::default()));
    plan.retirement.essential = Some(45_000.0);
    let outcome = glidepath::simulate(&validate(&plan).unwrap(), &RunControl::new()).unwrap();
    let met = outcome.essential_met_probability.unwrap();
    // Guardrails start at $50,000 and cut by 10%: $45,000 after one cut.
    assert!(met > 0.0 && met < 1.0, "{met}");
    // Never met when it is above the first year's spending.
    plan.retirement.essential = Some(50_001.0);
    let outcome = glidepath::simulate(&validate(&plan).unwrap(), &RunControl::new()).unwrap();
    assert_eq!(outcome.essential_met_probability, Some(0.0));
}

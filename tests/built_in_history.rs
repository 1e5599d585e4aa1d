//! The US history shipped inside Glidepath (MODEL-v2 §13): the alias on the
//! command line, the versioned name in plans, and a classic retirement
//! replayed against an independent loop over the shipped file.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use clap::Parser;
use glidepath::cli::run_args::RunArgs;
use glidepath::engine::RunControl;
use glidepath::plan::fees::Fees;
use glidepath::plan::glide_path::{GlidePath, Knot};
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::plan::{HistoryMode, Plan, Returns, validate};
use glidepath::simulate;

const SHIPPED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/history/us_1872_2024.csv"
);

fn glidepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn history_us_equals_the_shipped_file_bit_for_bit() {
    for plan in [
        "saves/retirees-drawing-income.ron",
        "saves/mid-career-catching-up.ron",
    ] {
        for mode in [
            &["--mode", "rolling"][..],
            &["--block-years", "7", "--paths", "500"][..],
        ] {
            let run = |history: &str| {
                let mut args = vec!["simulate", plan, "--history", history];
                args.extend_from_slice(mode);
                let out = glidepath(&args);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                out.stdout
            };
            let alias = run("us");
            assert_eq!(alias, run(SHIPPED), "{plan} {mode:?}");
            assert_eq!(alias, run("us_1872_2024"), "the versioned name too");
        }
    }
}

#[test]
fn a_file_named_us_is_reached_by_its_path() {
    let folder = std::env::temp_dir().join(format!("glidepath-us-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("us");
    std::fs::write(
        &file,
        "year,stocks,bonds,cash,inflation\n2000,0.1,0.05,0.02,0.02\n",
    )
    .unwrap();
    let path = file.to_string_lossy().into_owned();
    let out = glidepath(&[
        "simulate",
        "saves/retirees-drawing-income.ron",
        "--history",
        &path,
    ]);
    // The one-year file is read (and is too short): not the shipped history.
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("has 1 years") || err.contains("1 year"),
        "{err}"
    );
    std::fs::remove_dir_all(&folder).unwrap();
}

#[derive(Parser)]
struct Flags {
    #[command(flatten)]
    run: RunArgs,
}

#[test]
fn a_plan_run_with_history_us_is_saved_under_the_versioned_name() {
    let flags = Flags::try_parse_from(["t", "--history", "us", "--block-years", "4"]).unwrap();
    let prepared = flags
        .run
        .prepare(Path::new("saves/retirees-drawing-income.ron"))
        .unwrap();
    assert_eq!(
        prepared.plan.simulation.returns,
        Returns::us_history(HistoryMode::Bootstrap { block_years: 4 })
    );
    let text = glidepath::store::plan_to_ron(prepared.plan.plan()).unwrap();
    assert!(
        text.contains("BuiltIn(") && text.contains(r#"name: "us_1872_2024""#),
        "{text}"
    );
    let back = glidepath::store::parse_plan(&text, Path::new("saved.ron")).unwrap();
    assert_eq!(back.simulation.returns, prepared.plan.simulation.returns);
}

#[test]
fn check_accepts_a_built_in_history_and_refuses_an_unknown_one() {
    let folder = std::env::temp_dir().join(format!("glidepath-check-us-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let mut plan = classic_plan();
    let good = folder.join("good.ron");
    std::fs::write(&good, glidepath::store::plan_to_ron(&plan).unwrap()).unwrap();
    let out = glidepath(&["check", &good.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    plan.simulation.returns = Returns::BuiltIn {
        name: "us_1872_2099".into(),
        mode: HistoryMode::Rolling,
    };
    let bad = folder.join("bad.ron");
    std::fs::write(&bad, glidepath::store::plan_to_ron(&plan).unwrap()).unwrap();
    let out = glidepath(&["check", &bad.to_string_lossy()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("simulation.returns.name") && err.contains("us_1872_2024"),
        "{err}"
    );
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn a_sleeve_under_the_shipped_history_is_refused_never_zeroed() {
    let out = glidepath(&[
        "simulate",
        "saves/young-saver-crypto-sleeve.ron",
        "--history",
        "us",
    ]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no crypto returns") && err.contains("core alone"),
        "{err}"
    );
}

/// 50/50 stocks and bonds, retired at 65 with $1,000,000 to 95, the 4% rule,
/// no fees, no Social Security: the classic study.
fn classic_plan() -> Plan {
    let mut plan = Plan::sample();
    plan.name = "Classic 4%".into();
    plan.saver.age = 65;
    plan.saver.retirement_age = 65;
    plan.saver.plan_to_age = 95;
    plan.saver.balance = 1_000_000.0;
    let half = |years_to_retirement| Knot {
        years_to_retirement,
        stocks: 0.5,
        bonds: 0.5,
        cash: 0.0,
    };
    plan.allocation.glide_path = GlidePath::new("50/50", vec![half(0.0), half(-40.0)]);
    plan.allocation.sleeve = None;
    plan.retirement.withdrawal = Withdrawal::InitialRate(0.04);
    plan.retirement.social_security = None;
    plan.fees = Fees::NONE;
    plan.simulation.returns = Returns::us_history(HistoryMode::Rolling);
    plan
}

#[test]
fn the_classic_four_percent_study_matches_an_independent_loop() {
    // Our own reading of the shipped file.
    let text = std::fs::read_to_string(SHIPPED).unwrap();
    let years: Vec<(i32, f64)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("year"))
        .map(|l| {
            let f: Vec<f64> = l.split(',').map(|c| c.trim().parse().unwrap()).collect();
            let (stocks, bonds, inflation) = (f[1], f[2], f[4]);
            let real =
                0.5 * (1.0 + stocks) / (1.0 + inflation) + 0.5 * (1.0 + bonds) / (1.0 + inflation);
            (f[0] as i32, real)
        })
        .collect();
    assert_eq!(years.len(), 153);
    let horizon = 30;
    let mut expected_failed = Vec::new();
    let mut starts = Vec::new();
    for start in 0..=years.len() - horizon {
        starts.push(years[start].0);
        let mut balance = 1_000_000.0_f64;
        let withdrawal = 40_000.0;
        let mut failed = false;
        for (_, growth) in &years[start..start + horizon] {
            if withdrawal > balance {
                failed = true;
                break;
            }
            balance = (balance - withdrawal) * growth;
        }
        if failed {
            expected_failed.push(years[start].0);
        }
    }
    let plan = validate(&classic_plan()).unwrap();
    let outcome = simulate(&plan, &RunControl::new()).unwrap();
    assert_eq!(outcome.start_years.as_ref().unwrap(), &starts);
    assert_eq!(
        outcome.failed_start_years.as_ref().unwrap(),
        &expected_failed
    );
    let share = 1.0 - expected_failed.len() as f64 / starts.len() as f64;
    assert!((outcome.portfolio.success_probability - share).abs() < 1e-12);
    // The start years are calendar years, and the famous bad ones fail
    // or come close: 1966 is the 4% rule's origin story.
    assert_eq!(starts.first(), Some(&1872));
    assert_eq!(starts.last(), Some(&1995));
    assert!(
        !expected_failed.is_empty(),
        "some start years fail at 4% with 50/50"
    );
    assert!(expected_failed.iter().all(|y| (1872..=1995).contains(y)));
    // Each failed start year runs out inside the plan.
    let ages = outcome.ran_out_at_ages.as_ref().unwrap();
    assert_eq!(ages.len(), expected_failed.len());
    assert!(ages.iter().all(|a| (65..95).contains(a)));
}

#[test]
fn the_json_names_failed_start_years_as_calendar_years() {
    let folder = std::env::temp_dir().join(format!("glidepath-json-us-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("classic.ron");
    std::fs::write(
        &file,
        glidepath::store::plan_to_ron(&classic_plan()).unwrap(),
    )
    .unwrap();
    let out = glidepath(&["simulate", &file.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed = json["failed_start_years"].as_array().unwrap();
    assert!(!failed.is_empty());
    assert!(
        failed
            .iter()
            .all(|y| (1872..=1995).contains(&y.as_i64().unwrap()))
    );
    assert_eq!(
        json["ran_out_at_ages"].as_array().unwrap().len(),
        failed.len()
    );
    assert_eq!(json["mode"], "historical-rolling");
    std::fs::remove_dir_all(&folder).unwrap();
}

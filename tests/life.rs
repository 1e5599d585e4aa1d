//! How long people live (MODEL-v3 §17): `glidepath life` against products
//! of the shipped table's q_x computed here, the plan's `sex` fields read,
//! written and refused with their path, and bad flags refused.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use glidepath::life::Sex;

mod common;
use common::{alive, ssa_table};
use glidepath::plan::Plan;

fn glidepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn life_prints_the_tables_products() {
    let q = ssa_table();
    assert_eq!(q.len(), 120);
    let out = glidepath(&[
        "life",
        "--age",
        "65",
        "--sex",
        "female",
        "--spouse-age",
        "63",
        "--spouse-sex",
        "male",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "glidepath-life/1");
    let years: Vec<u64> = json["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    // To the younger's last age in the table (63 + 56 = 119).
    assert_eq!(years.len(), 57);
    let numbers = |v: &serde_json::Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    let her = numbers(&json["saver"]["alive"]);
    let him = numbers(&json["spouse"]["alive"]);
    let either = numbers(&json["either"]["alive"]);
    for (i, year) in years.iter().enumerate() {
        let y = *year as u32;
        let (a, b) = (
            alive(&q, Sex::Female, 65, 65 + y),
            alive(&q, Sex::Male, 63, 63 + y),
        );
        assert!((her[i] - a).abs() < 1e-12, "her year {y}: {} {a}", her[i]);
        assert!((him[i] - b).abs() < 1e-12, "his year {y}: {} {b}", him[i]);
        let one = 1.0 - (1.0 - a) * (1.0 - b);
        assert!((either[i] - one).abs() < 1e-12, "either year {y}");
    }
    // Life expectancy: the birthdays reached, and half the year of death.
    let expected = 65.0
        + (66..=120)
            .map(|a| alive(&q, Sex::Female, 65, a))
            .sum::<f64>()
        + 0.5;
    let got = json["saver"]["life_expectancy_age"].as_f64().unwrap();
    assert!((got - expected).abs() < 1e-12, "{got} {expected}");
    // The oldest ages reached with 25% and 10%.
    for (key, p) in [("p25", 0.25), ("p10", 0.10)] {
        let oldest = (65..120)
            .filter(|a| alive(&q, Sex::Female, 65, *a) >= p)
            .max()
            .unwrap();
        assert_eq!(
            json["saver"]["reached_with"][key].as_u64().unwrap(),
            u64::from(oldest)
        );
        let couple = (0..57u32)
            .filter(|y| {
                1.0 - (1.0 - alive(&q, Sex::Female, 65, 65 + y))
                    * (1.0 - alive(&q, Sex::Male, 63, 63 + y))
                    >= p
            })
            .max()
            .unwrap();
        assert_eq!(
            json["either"]["reached_with"][key].as_u64().unwrap(),
            u64::from(65 + couple)
        );
    }
    // The design's figures: a 65-year-old woman reaches 90 with 32%, 95 with 13%.
    assert_eq!((her[25] * 100.0).round(), 32.0);
    assert_eq!((her[30] * 100.0).round(), 13.0);
}

#[test]
fn bad_flags_are_refused_with_a_sentence() {
    for (args, words) in [
        (vec!["life", "--age", "130", "--sex", "female"], "0 to 119"),
        (
            vec!["life", "--age", "65", "--sex", "other"],
            "female or male",
        ),
        (
            vec!["life", "--age", "65", "--sex", "male", "--spouse-age", "60"],
            "--spouse-sex",
        ),
    ] {
        let out = glidepath(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {stderr}");
    }
}

#[test]
fn the_plan_keeps_each_sex_and_refuses_one_the_table_lacks() {
    let mut plan = Plan::sample();
    plan.saver.sex = Some(Sex::Female);
    let text = glidepath::store::plan_to_ron(&plan).unwrap();
    assert!(text.contains("sex: Some(Female)"), "{text}");
    let back = glidepath::store::parse_plan(&text, Path::new("p.ron")).unwrap();
    assert_eq!(back.saver.sex, Some(Sex::Female));
    // A plan without it writes nothing new: its file is as before.
    let without = glidepath::store::plan_to_ron(&Plan::sample()).unwrap();
    assert!(!without.contains("sex"), "{without}");
    // A sex the table lacks: the file's line and column, and the choices.
    let bad = text.replace("sex: Some(Female)", "sex: Some(Other)");
    let e = glidepath::store::parse_plan(&bad, Path::new("p.ron")).unwrap_err();
    let message = e.to_string();
    let line = bad.lines().position(|l| l.contains("Some(Other)")).unwrap() + 1;
    assert!(message.contains(&format!("p.ron:{line}:")), "{message}");
    assert!(message.contains("`Female` or `Male`"), "{message}");
}

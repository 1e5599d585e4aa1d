//! The command line, run as a user would: exit codes, messages, output.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MODEL_EXAMPLE: &str = include_str!("data/model_example.ron");

fn glidepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh folder under the target directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

fn assert_no_panic(out: &Output, what: &str) {
    assert_ne!(
        out.status.code(),
        Some(101),
        "{what} panicked: {}",
        stderr(out)
    );
    assert!(!stderr(out).contains("panicked"), "{what}: {}", stderr(out));
}

#[test]
fn simulate_prints_the_json_of_the_model() {
    let dir = scratch("json");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let out = glidepath(&["simulate", &plan, "--paths", "500", "--seed", "7"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["format"], "glidepath-outcome/1");
    assert_eq!(json["plan"], "Alex, base case");
    assert_eq!(json["mode"], "monte-carlo");
    assert_eq!(json["paths"], 500);
    assert_eq!(json["seed"], 7);
    assert_eq!(json["ages"].as_array().unwrap().len(), 61);
    for band in ["p5", "p10", "p25", "p50", "p75", "p90", "p95"] {
        assert_eq!(json["bands"][band].as_array().unwrap().len(), 61);
        assert!(json["retirement"]["balance"][band].is_number());
        assert!(json["retirement"]["annual_income"][band].is_number());
        assert_eq!(
            json["without_sleeve"]["bands"][band]
                .as_array()
                .unwrap()
                .len(),
            61
        );
    }
    assert_eq!(json["retirement"]["age"], 65);
    assert!(json["success_probability"].as_f64().unwrap() <= 1.0);
    assert_eq!(json["survival"].as_array().unwrap().len(), 61);
    assert!(json["depletion_age_p10"].is_u64() || json["depletion_age_p10"].is_null());
    assert!(json["without_sleeve"]["survival"].is_array());
    assert!(json["sleeve_worst_year"].as_f64().unwrap() < 0.0);
}

#[test]
fn without_a_sleeve_there_is_no_comparison() {
    let dir = scratch("nosleeve");
    let plan = write(
        &dir,
        "plan.ron",
        MODEL_EXAMPLE.replace(
            "sleeve: Some((weight: 0.03, weight_at_retirement: 0.01, rebalance: Annual))",
            "sleeve: None",
        ),
    );
    let out = glidepath(&["simulate", &plan, "--paths", "100"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.get("without_sleeve").is_none());
    assert!(json.get("sleeve_worst_year").is_none());
}

#[test]
fn csv_to_a_file() {
    let dir = scratch("csv");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let target = dir.join("bands.csv");
    let out = glidepath(&[
        "simulate",
        &plan,
        "--paths",
        "200",
        "--format",
        "csv",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(target).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("age,p5,p10,p25,p50,p75,p90,p95"));
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(first[0], "35");
    assert_eq!(first[4], "85000.00");
    assert_eq!(text.lines().count(), 62);
}

#[test]
fn same_seed_same_output() {
    let dir = scratch("seed");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let a = glidepath(&["simulate", &plan, "--paths", "300"]);
    let b = glidepath(&["simulate", &plan, "--paths", "300"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn exit_codes_for_usage_files_and_history() {
    let dir = scratch("usage");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let code = |args: &[&str]| {
        let out = glidepath(args);
        assert_no_panic(&out, &args.join(" "));
        out.status.code()
    };
    assert_eq!(code(&["simulate", &plan, "--mode", "rolling"]), Some(2));
    assert_eq!(code(&["simulate", &plan, "--block-years", "5"]), Some(2));
    // A history file that cannot be read is 1; a broken one is 2.
    assert_eq!(
        code(&[
            "simulate",
            &plan,
            "--history",
            dir.join("missing.csv").to_str().unwrap()
        ]),
        Some(1)
    );
    let broken = write(&dir, "broken.csv", "year,stocks\n2000,0.1\n");
    assert_eq!(code(&["simulate", &plan, "--history", &broken]), Some(2));
    assert_eq!(
        code(&[
            "simulate",
            &plan,
            "--history",
            &broken,
            "--mode",
            "rolling",
            "--block-years",
            "3"
        ]),
        Some(2)
    );
    assert_eq!(code(&["simulate", &plan, "--paths", "0"]), Some(2));
    assert_eq!(code(&["simulate", &plan, "--paths", "1000001"]), Some(2));
    assert_eq!(code(&["simulate", &plan, "--paths", "many"]), Some(2));
    assert_eq!(code(&["simulate", &plan, "--format", "xml"]), Some(2));
    assert_eq!(code(&["simulate"]), Some(2));
    assert_eq!(code(&["simulate", &plan, "--frobnicate"]), Some(2));
    assert_eq!(code(&["--help"]), Some(0));
    assert_eq!(code(&["simulate", "--help"]), Some(0));
    // A file that cannot be read or written is 1.
    assert_eq!(
        code(&["simulate", dir.join("missing.ron").to_str().unwrap()]),
        Some(1)
    );
    assert_eq!(
        code(&["check", dir.join("missing.ron").to_str().unwrap()]),
        Some(1)
    );
    let unwritable = format!("{plan}/inside-a-file.json");
    assert_eq!(
        code(&["simulate", &plan, "--paths", "10", "--output", &unwritable]),
        Some(1)
    );
}

#[test]
fn check_accepts_the_model_example_and_every_example_plan() {
    let dir = scratch("check");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let out = glidepath(&["check", &plan]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let saves = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut count = 0;
    for entry in std::fs::read_dir(saves).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let out = glidepath(&["check", path.to_str().unwrap()]);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}: {}",
                path.display(),
                stderr(&out)
            );
            count += 1;
        }
    }
    assert!(count >= 3, "saves/ holds at least three example plans");
}

/// Replaces one field of the model example (the first `from` after `after`).
fn edit(from: &str, to: &str) -> String {
    assert!(MODEL_EXAMPLE.contains(from), "{from}");
    MODEL_EXAMPLE.replacen(from, to, 1)
}

#[test]
fn every_invalid_input_names_its_field() {
    let dir = scratch("invalid");
    let cases: Vec<(String, &str, &str)> = vec![
        (edit("age: 35,", "age: 17,"), "saver.age", "at least 18"),
        (
            edit("retirement_age: 65", "retirement_age: 30"),
            "saver.retirement_age",
            "before the current age",
        ),
        (
            edit("plan_to_age: 95", "plan_to_age: 121"),
            "saver.plan_to_age",
            "at most 120",
        ),
        (
            edit("plan_to_age: 95", "plan_to_age: 60"),
            "saver.plan_to_age",
            "retirement age",
        ),
        (
            edit("age: 35,", "age: 95,").replace("retirement_age: 65", "retirement_age: 95"),
            "saver.plan_to_age",
            "after the current age",
        ),
        (
            edit("from_age: 67", "from_age: 17"),
            "retirement.social_security.from_age",
            "between 18 and 120",
        ),
        (
            edit("balance: 85000.0", "balance: -1.0"),
            "saver.balance",
            "between $0",
        ),
        (
            edit("salary: 72000.0", "salary: 2e12"),
            "saver.salary",
            "between $0",
        ),
        (
            edit("FixedReal(60000.0)", "FixedReal(-5.0)"),
            "retirement.withdrawal",
            "between $0",
        ),
        (
            edit("FixedReal(60000.0)", "InitialRate(1.5)"),
            "retirement.withdrawal",
            "between 0% and 100%",
        ),
        (
            edit("annual: 24000.0", "annual: -1.0"),
            "retirement.social_security.annual",
            "between $0",
        ),
        (
            edit("employee_rate: 0.08", "employee_rate: 1.2"),
            "contributions.employee_rate",
            "between 0% and 100%",
        ),
        (
            edit("escalation: 0.01", "escalation: -0.01"),
            "contributions.escalation",
            "between 0%",
        ),
        (
            edit("escalation_cap: 0.12", "escalation_cap: 2.0"),
            "contributions.escalation_cap",
            "between 0%",
        ),
        (
            edit("(rate: 0.5, up_to: 0.02)", "(rate: 1.5, up_to: 0.02)"),
            "contributions.employer_match[1].rate",
            "between 0%",
        ),
        (
            edit("(rate: 0.5, up_to: 0.02)", "(rate: 0.5, up_to: -0.02)"),
            "contributions.employer_match[1].up_to",
            "between 0%",
        ),
        (
            edit("employer_fixed: 0.0", "employer_fixed: 1.01"),
            "contributions.employer_fixed",
            "between 0%",
        ),
        (
            edit("salary_growth: 0.01", "salary_growth: -0.5"),
            "saver.salary_growth",
            "between 0%",
        ),
        (
            edit("fees: (stocks: 0.0026", "fees: (stocks: 1.5"),
            "fees.stocks",
            "between 0%",
        ),
        (edit("plan: 0.0)", "plan: -0.1)"), "fees.plan", "between 0%"),
        (
            edit("weight: 0.03", "weight: 1.03"),
            "allocation.sleeve.weight",
            "between 0%",
        ),
        (
            edit("weight_at_retirement: 0.01", "weight_at_retirement: -0.01"),
            "allocation.sleeve.weight_at_retirement",
            "between 0%",
        ),
        (
            edit("probability: 0.25", "probability: 1.25"),
            "assumptions.crypto_crash.probability",
            "between 0%",
        ),
        (
            edit("stocks: (mean: 0.055", "stocks: (mean: -1.0"),
            "assumptions.stocks.mean",
            "above -100%",
        ),
        (
            edit("volatility: 0.160", "volatility: -0.1"),
            "assumptions.stocks.volatility",
            "not be negative",
        ),
        (
            edit("volatility: 0.25)", "volatility: -0.25)"),
            "assumptions.crypto_crash.volatility",
            "not be negative",
        ),
        (
            edit("knots: [", "knots: [], old_knots: [")
                .replace(", old_knots: [", ", /*")
                .replace(
                    "            ],\n        ),\n        sleeve",
                    "            ]*/\n        ),\n        sleeve",
                ),
            "allocation.glide_path.knots",
            "at least one knot",
        ),
        (
            edit("stocks: 0.90, bonds: 0.10", "stocks: 0.90, bonds: 0.20"),
            "allocation.glide_path.knots[0]",
            "add up to 100%",
        ),
        (
            edit("stocks: 0.90, bonds: 0.10", "stocks: 1.10, bonds: -0.10"),
            "allocation.glide_path.knots[0].stocks",
            "between 0%",
        ),
        (
            edit("years_to_retirement: -7.0", "years_to_retirement: 0.0"),
            "allocation.glide_path.knots[2].years_to_retirement",
            "already at",
        ),
        (
            edit("[1.00, 0.20, 0.00, 0.30],", "[1.00, 0.20, 0.00],"),
            "assumptions.correlations",
            "4 rows of 4",
        ),
        (
            edit("[1.00, 0.20, 0.00, 0.30],", "[0.90, 0.20, 0.00, 0.30],"),
            "assumptions.correlations[0][0]",
            "must be 1",
        ),
        (
            edit("[1.00, 0.20, 0.00, 0.30],", "[1.00, 0.25, 0.00, 0.30],"),
            "assumptions.correlations[0][1]",
            "symmetric",
        ),
        (
            edit("[1.00, 0.20, 0.00, 0.30],", "[1.00, 0.20, 0.00, 1.30],"),
            "assumptions.correlations[0][3]",
            "between -1 and 1",
        ),
        (
            edit("[1.00, 0.20, 0.00, 0.30],", "[1.00, 0.99, -0.99, 0.30],")
                .replace("[0.20, 1.00, 0.30, 0.00],", "[0.99, 1.00, 0.30, 0.00],")
                .replace("[0.00, 0.30, 1.00, 0.00],", "[-0.99, 0.30, 1.00, 0.00],"),
            "assumptions.correlations",
            "positive semi-definite",
        ),
        (
            edit("paths: 10000", "paths: 0"),
            "simulation.paths",
            "between 1 and 1,000,000",
        ),
        (
            edit("paths: 10000", "paths: 1000001"),
            "simulation.paths",
            "between 1 and 1,000,000",
        ),
        (
            edit("balance: 85000.0", "balance: NaN"),
            "saver.balance",
            "not a number",
        ),
        (
            edit("salary: 72000.0", "salary: inf"),
            "saver.salary",
            "finite",
        ),
        (
            edit("inflation: 0.025", "inflation: NaN"),
            "assumptions.inflation",
            "not a number",
        ),
        (
            edit("mean: -0.70", "mean: -inf"),
            "assumptions.crypto_crash.mean",
            "finite",
        ),
    ];
    for (i, (text, field, words)) in cases.iter().enumerate() {
        let plan = write(&dir, &format!("case{i}.ron"), text);
        // --paths would override the plan's own paths, so it is left out there.
        let paths: &[&str] = if *field == "simulation.paths" {
            &[]
        } else {
            &["--paths", "10"]
        };
        let simulate = [&["simulate", plan.as_str()][..], paths].concat();
        for args in [vec!["check", plan.as_str()], simulate] {
            let out = glidepath(&args);
            assert_no_panic(&out, field);
            assert_eq!(
                out.status.code(),
                Some(2),
                "case {i} ({field}) with {}: {}",
                args[0],
                stderr(&out)
            );
            let message = stderr(&out);
            let line = message
                .lines()
                .find(|l| l.contains(&format!("{field}: ")))
                .unwrap_or_else(|| panic!("case {i}: no line names {field}: {message}"));
            assert!(
                line.contains(words),
                "case {i}: {line:?} should say {words:?}"
            );
        }
    }
}

#[test]
fn malformed_files_are_reported_with_line_and_column_and_never_panic() {
    let dir = scratch("malformed");
    let half = &MODEL_EXAMPLE[..MODEL_EXAMPLE.len() / 2];
    let garbage: Vec<u8> = (0..2048u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("empty", vec![], None),
        ("whitespace", b"   \n\n".to_vec(), None),
        ("truncated", half.as_bytes().to_vec(), None),
        ("garbage", garbage, Some("not text")),
        ("nul bytes", vec![0; 64], None),
        ("json", br#"{"version": 1}"#.to_vec(), None),
        ("a number", b"42".to_vec(), None),
        ("no version", b"(name: \"x\")".to_vec(), Some("version")),
        (
            "string age",
            edit("age: 35,", "age: \"35\",").into_bytes(),
            Some(":6:"),
        ),
        (
            "negative age",
            edit("age: 35,", "age: -35,").into_bytes(),
            Some(":6:"),
        ),
        (
            "huge age",
            edit("age: 35,", "age: 99999999999999999999,").into_bytes(),
            Some(":6:"),
        ),
        (
            "float age",
            edit("age: 35,", "age: 35.5,").into_bytes(),
            Some(":6:"),
        ),
        (
            "huge paths",
            edit("paths: 10000", "paths: 1e400").into_bytes(),
            None,
        ),
        (
            "negative seed",
            edit("seed: 42", "seed: -42").into_bytes(),
            None,
        ),
        (
            "unknown field",
            edit("notes: \"\",", "notes: \"\", colour: 3,").into_bytes(),
            Some("colour"),
        ),
        (
            "unknown variant",
            edit("FixedReal(60000.0)", "Fixed(60000.0)").into_bytes(),
            Some("Fixed"),
        ),
        (
            "half an asset",
            edit(
                "stocks: (mean: 0.055, volatility: 0.160)",
                "stocks: (mean: 0.055)",
            )
            .into_bytes(),
            Some("volatility"),
        ),
        (
            "missing comma",
            edit("age: 35,", "age: 35").into_bytes(),
            None,
        ),
        (
            "unclosed string",
            edit("\"Alex, base case\"", "\"Alex, base case").into_bytes(),
            None,
        ),
        (
            "sleeve not an option",
            edit("sleeve: Some((weight", "sleeve: ((weight").into_bytes(),
            None,
        ),
        (
            "tuple correlations",
            edit("[1.00, 0.20, 0.00, 0.30]", "(1.00, 0.20, 0.00, 0.30)").into_bytes(),
            None,
        ),
        (
            "version text",
            edit("version: 1", "version: \"1\"").into_bytes(),
            None,
        ),
        (
            "version zero",
            edit("version: 1", "version: 0").into_bytes(),
            Some("version"),
        ),
        (
            "newer version",
            edit("version: 1", "version: 3")
                .replace("notes: \"\",", "notes: \"\", future_field: 7,")
                .into_bytes(),
            Some("newer"),
        ),
        ("deep nesting", "[".repeat(10_000).into_bytes(), None),
        ("only a comment", b"// nothing here\n".to_vec(), None),
        (
            "rebalance typo",
            edit("rebalance: Annual", "rebalance: Yearly").into_bytes(),
            Some("Yearly"),
        ),
        (
            "history without mode",
            edit("returns: MonteCarlo", "returns: History(file: \"h.csv\")").into_bytes(),
            None,
        ),
        (
            "withdrawal without amount",
            edit("FixedReal(60000.0)", "FixedReal").into_bytes(),
            None,
        ),
    ];
    for (name, bytes, words) in &cases {
        let plan = write(&dir, &format!("{}.ron", name.replace(' ', "_")), bytes);
        for args in [
            vec!["check", plan.as_str()],
            vec!["simulate", plan.as_str(), "--paths", "10"],
        ] {
            let out = glidepath(&args);
            assert_no_panic(&out, name);
            let message = stderr(&out);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{name} with {}: {message}",
                args[0]
            );
            assert!(
                message.contains(&plan),
                "{name}: the message names the file: {message}"
            );
            if let Some(words) = words {
                assert!(
                    message.contains(words),
                    "{name}: {message:?} should contain {words:?}"
                );
            }
        }
        // The file on disk is never touched.
        assert_eq!(&std::fs::read(&plan).unwrap(), bytes, "{name}");
    }
}

#[test]
fn syntax_errors_name_line_and_column() {
    let dir = scratch("position");
    let plan = write(&dir, "plan.ron", edit("salary: 72000.0", "salary: lots"));
    let out = glidepath(&["check", &plan]);
    assert_eq!(out.status.code(), Some(2));
    // Line 10 of the example holds the salary; the value starts at column 17.
    assert!(
        stderr(&out).contains(&format!("{plan}:10:")),
        "{}",
        stderr(&out)
    );
}

fn history_csv(years: std::ops::Range<i32>) -> String {
    let mut text = String::from("# made up for a test\nyear,stocks,bonds,cash,inflation,crypto\n");
    for (i, year) in years.enumerate() {
        let swing = if i % 4 == 0 { -0.25 } else { 0.12 };
        text.push_str(&format!("{year},{swing},0.03,0.02,0.025,{}\n", swing * 3.0));
    }
    text
}

#[test]
fn simulate_replays_a_history_file_by_the_flag_rules() {
    let dir = scratch("history");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let history = write(&dir, "history.csv", history_csv(1930..2000));
    let json = |args: &[&str]| -> serde_json::Value {
        let out = glidepath(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // --history alone: rolling, one path per start year, --paths ignored with a note.
    let out = glidepath(&["simulate", &plan, "--history", &history, "--paths", "99"]);
    assert!(
        stderr(&out).contains("--paths is ignored"),
        "{}",
        stderr(&out)
    );
    let rolling: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rolling["mode"], "historical-rolling");
    assert_eq!(rolling["paths"], 70 - 60 + 1);
    assert_eq!(rolling["start_years"].as_array().unwrap().len(), 11);
    assert_eq!(rolling["start_years"][0], 1930);
    assert!(rolling["failed_start_years"].is_array());
    // --block-years alone means bootstrap, with --paths.
    let boot = json(&[
        "simulate",
        &plan,
        "--history",
        &history,
        "--block-years",
        "4",
        "--paths",
        "300",
    ]);
    assert_eq!(boot["mode"], "historical-bootstrap");
    assert_eq!(boot["paths"], 300);
    assert!(boot.get("start_years").is_none());
    // --mode bootstrap without --block-years uses 5; same seed, same output.
    let a = glidepath(&[
        "simulate",
        &plan,
        "--history",
        &history,
        "--mode",
        "bootstrap",
        "--paths",
        "200",
    ]);
    let b = glidepath(&[
        "simulate",
        &plan,
        "--history",
        &history,
        "--mode",
        "bootstrap",
        "--block-years",
        "5",
        "--paths",
        "200",
    ]);
    assert_eq!(a.stdout, b.stdout);
    // A plan that names its history, relative to the plan's folder.
    let with_file = MODEL_EXAMPLE.replace(
        "returns: MonteCarlo",
        "returns: History(file: \"history.csv\", mode: Bootstrap(block_years: 3))",
    );
    let own = write(&dir, "own.ron", with_file);
    let from_plan = json(&["simulate", &own, "--paths", "100"]);
    assert_eq!(from_plan["mode"], "historical-bootstrap");
    let overridden = json(&["simulate", &own, "--mode", "rolling"]);
    assert_eq!(overridden["mode"], "historical-rolling");
    // check reads the plan's history too.
    assert_eq!(glidepath(&["check", &own]).status.code(), Some(0));
    let missing = write(
        &dir,
        "missing.ron",
        MODEL_EXAMPLE.replace(
            "returns: MonteCarlo",
            "returns: History(file: \"nowhere.csv\", mode: Rolling)",
        ),
    );
    assert_eq!(glidepath(&["check", &missing]).status.code(), Some(1));
    std::fs::write(dir.join("short.csv"), history_csv(1990..2000)).unwrap();
    let short = write(
        &dir,
        "short.ron",
        MODEL_EXAMPLE.replace(
            "returns: MonteCarlo",
            "returns: History(file: \"short.csv\", mode: Rolling)",
        ),
    );
    let out = glidepath(&["check", &short]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has 10 years") && stderr(&out).contains("needs 60"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_example_history_in_saves_is_valid_and_says_it_is_made_up() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join("example-history.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.lines()
            .take(3)
            .any(|l| l.starts_with('#') && l.contains("MADE UP"))
    );
    let plan = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join("retirees-drawing-income.ron");
    let out = glidepath(&[
        "simulate",
        plan.to_str().unwrap(),
        "--history",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

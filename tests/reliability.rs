//! Nothing a file, a flag or a keystroke can do makes Glidepath hang, lie
//! or lose a file: the defects the fuzzing round of 2026-11 found, each
//! held by a test that failed before its fix.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

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

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("reliability")
        .join(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

fn edit(from: &str, to: &str) -> String {
    assert!(MODEL_EXAMPLE.contains(from), "{from}");
    MODEL_EXAMPLE.replacen(from, to, 1)
}

/// Exit 2 with a message containing every one of `words`, no panic.
fn refused(out: &Output, words: &[&str]) {
    let message = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    for word in words {
        assert!(message.contains(word), "{message:?} should say {word:?}");
    }
}

fn history_csv(rows: impl Iterator<Item = String>) -> String {
    let mut text = String::from("year,stocks,bonds,cash,inflation,crypto\n");
    for row in rows {
        text.push_str(&row);
        text.push('\n');
    }
    text
}

#[test]
fn absurd_assumptions_are_refused_with_their_field_never_reported_as_numbers() {
    let dir = scratch("absurd");
    let cases = [
        (
            edit("stocks: (mean: 0.055", "stocks: (mean: 1e12"),
            "assumptions.stocks.mean",
            "at most 100%",
        ),
        (
            edit(
                "crypto: (mean: 0.080, volatility: 0.550)",
                "crypto: (mean: 0.080, volatility: 1e308)",
            ),
            "assumptions.crypto.volatility",
            "at most 500%",
        ),
        (
            edit(
                "crypto_crash: Some((probability: 0.25, mean: -0.70, volatility: 0.25))",
                "crypto_crash: Some((probability: 0.0, mean: -0.70, volatility: 1e200))",
            ),
            "assumptions.crypto_crash.volatility",
            "at most 500%",
        ),
    ];
    for (i, (text, field, words)) in cases.iter().enumerate() {
        let plan = write(&dir, &format!("case{i}.ron"), text);
        for command in ["check", "simulate"] {
            let out = glidepath(
                &[command, &plan, "--paths", "50"][..if command == "check" { 2 } else { 4 }],
            );
            refused(&out, &[field, words]);
            assert!(out.stdout.is_empty(), "no numbers are printed");
        }
    }
    // A history year of 1e308 (10³⁰⁸ %) is refused where it stands.
    let rows = (1950..2020).map(|y| {
        let stocks = if y == 1990 { "1e308" } else { "0.07" };
        format!("{y},{stocks},0.02,0.01,0.02,0.5")
    });
    let history = write(&dir, "huge.csv", history_csv(rows));
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let out = glidepath(&["simulate", &plan, "--history", &history]);
    refused(&out, &["huge.csv:42:", "+10,000%"]);
}

#[test]
fn every_number_of_a_successful_run_is_finite() {
    // The most extreme assumptions validation allows, over the longest
    // horizon: either every figure is a number or the run says why not.
    let dir = scratch("finite");
    let text = edit(
        "stocks: (mean: 0.055, volatility: 0.160)",
        "stocks: (mean: 1.0, volatility: 5.0)",
    )
    .replace("age: 35,", "age: 18,")
    .replace("plan_to_age: 95", "plan_to_age: 120")
    .replace("retirement_age: 65", "retirement_age: 119");
    let plan = write(&dir, "extreme.ron", text);
    let out = glidepath(&["simulate", &plan, "--paths", "20000"]);
    let json = String::from_utf8_lossy(&out.stdout);
    match out.status.code() {
        Some(0) => {
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_every_number_is_finite(&value, "");
        }
        Some(2) => assert!(
            stderr(&out).contains("not a finite number"),
            "{}",
            stderr(&out)
        ),
        other => panic!("{other:?}: {}", stderr(&out)),
    }
}

/// Every number is finite and the only nulls are ages that never came
/// (`depletion_age_p10`): JSON has no infinity, and NaN would be null.
fn assert_every_number_is_finite(value: &serde_json::Value, key: &str) {
    match value {
        serde_json::Value::Null => assert_eq!(key, "depletion_age_p10", "null at {key}"),
        serde_json::Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{key}"),
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|v| assert_every_number_is_finite(v, key)),
        serde_json::Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| assert_every_number_is_finite(v, k)),
        _ => {}
    }
}

#[test]
fn devices_folders_and_huge_files_are_not_read() {
    let dir = scratch("devices");
    let started = Instant::now();
    for device in ["/dev/zero", "/dev/urandom"] {
        if !Path::new(device).exists() {
            continue;
        }
        refused(
            &glidepath(&["check", device]),
            &[device, "not a regular file"],
        );
        refused(&glidepath(&["simulate", device]), &["not a regular file"]);
        let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
        refused(
            &glidepath(&["simulate", &plan, "--history", device]),
            &["not a regular file"],
        );
    }
    refused(
        &glidepath(&["check", dir.to_str().unwrap()]),
        &["not a regular file"],
    );
    let padding = format!("{MODEL_EXAMPLE}\n// {}\n", "x".repeat(2 << 20));
    let big = write(&dir, "big.ron", padding);
    refused(&glidepath(&["check", &big]), &["larger than 1 MiB"]);
    assert!(started.elapsed() < Duration::from_secs(20), "bounded work");
}

#[test]
fn many_knots_and_tiers_are_refused_quickly() {
    let dir = scratch("knots");
    // 10,000 knots: as many as fit in a plan file's 1 MiB.
    let knots: Vec<String> = (0..10_000)
        .map(|i| format!("(years_to_retirement: {i}.0, stocks: 0.6, bonds: 0.4, cash: 0.0)"))
        .collect();
    let text = edit(
        "(years_to_retirement: 25.0, stocks: 0.90, bonds: 0.10, cash: 0.00),",
        &format!("{},", knots.join(",")),
    );
    let plan = write(&dir, "knots.ron", &text);
    let started = Instant::now();
    refused(
        &glidepath(&["check", &plan]),
        &["allocation.glide_path.knots", "at most 100 knots"],
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let tiers: Vec<String> = (0..21)
        .map(|_| "(rate: 0.1, up_to: 0.01)".to_owned())
        .collect();
    let text = edit(
        "employer_match: [(rate: 1.0, up_to: 0.03), (rate: 0.5, up_to: 0.02)]",
        &format!("employer_match: [{}]", tiers.join(",")),
    );
    let plan = write(&dir, "tiers.ron", &text);
    refused(
        &glidepath(&["check", &plan]),
        &["contributions.employer_match", "at most 20 tiers"],
    );
}

#[test]
fn history_years_are_bounded_and_long_files_parse_in_one_pass() {
    let dir = scratch("years");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let near_max =
        history_csv((0..70).map(|i| format!("{},0.07,0.02,0.01,0.02,0.5", i32::MAX - 69 + i)));
    let history = write(&dir, "max.csv", near_max);
    refused(
        &glidepath(&["simulate", &plan, "--history", &history]),
        &["max.csv:2:1:", "between 1000 and 9999"],
    );
    // 9,000 years (every year allowed), parsed at once, with a comment on
    // every other line so line numbers must be counted with them.
    let mut text = String::from("year,stocks,bonds,cash,inflation,crypto\n");
    for y in 1000..=9999 {
        text.push_str(&format!("# {y}\n{y},0.07,0.02,0.01,0.02,0.5\n"));
    }
    text.push_str("# end\n10000,0.07,0.02,0.01,0.02,0.5\n");
    let history = write(&dir, "long.csv", text);
    let started = Instant::now();
    let out = glidepath(&["simulate", &plan, "--history", &history, "--paths", "10"]);
    refused(&out, &["long.csv:18003:1:", "10000"]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn output_is_atomic_private_and_never_over_an_input() {
    let dir = scratch("output");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let out = glidepath(&["simulate", &plan, "--paths", "20", "--output", &plan]);
    refused(&out, &["would overwrite the input"]);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), MODEL_EXAMPLE);
    let relative = glidepath(&[
        "simulate",
        &plan,
        "--paths",
        "20",
        "--output",
        &format!("{}/../output/plan.ron", dir.display()),
    ]);
    refused(&relative, &["would overwrite the input"]);
    let history = write(
        &dir,
        "h.csv",
        history_csv((1950..2020).map(|y| format!("{y},0.07,0.02,0.01,0.02,0.5"))),
    );
    let out = glidepath(&[
        "simulate",
        &plan,
        "--history",
        &history,
        "--output",
        &history,
    ]);
    refused(&out, &["would overwrite the input"]);

    let result = dir.join("result.json");
    std::fs::write(&result, "the old result").unwrap();
    let out = glidepath(&[
        "simulate",
        &plan,
        "--paths",
        "20",
        "--output",
        result.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&result).unwrap().starts_with('{'));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&result).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "personal figures are owner-only");
    }
    // A write that cannot finish leaves the old file whole and no litter.
    let blocked = dir.join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    let out = glidepath(&[
        "simulate",
        &plan,
        "--paths",
        "20",
        "--output",
        blocked.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let litter: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

#[test]
fn check_runs_every_check_simulate_runs_and_names_the_field() {
    let dir = scratch("check_history");
    let history = write(
        &dir,
        "short.csv",
        history_csv((2000..2010).map(|y| format!("{y},0.07,0.02,0.01,0.02,0.5"))),
    );
    let text = edit(
        "returns: MonteCarlo",
        "returns: History(file: \"short.csv\", mode: Bootstrap(block_years: 20))",
    );
    let plan = write(&dir, "plan.ron", &text);
    for command in ["check", "simulate"] {
        let out = glidepath(&[command, &plan]);
        refused(
            &out,
            &[
                "plan.ron: simulation.returns.mode.block_years",
                "at most the 10 years",
            ],
        );
    }
    assert!(history.ends_with("short.csv"));
    // A zero block written in the plan is the plan's field, not a flag.
    let zero = text.replace("block_years: 20", "block_years: 0");
    let plan = write(&dir, "zero.ron", zero);
    let out = glidepath(&["simulate", &plan]);
    refused(
        &out,
        &[
            "zero.ron: simulation.returns.mode.block_years",
            "at least 1",
        ],
    );
    assert!(!stderr(&out).contains("--block-years"), "{}", stderr(&out));
}

#[test]
fn a_byte_order_mark_is_read_as_nothing() {
    let dir = scratch("bom");
    let plan = write(&dir, "bom.ron", format!("\u{feff}{MODEL_EXAMPLE}"));
    let out = glidepath(&["check", &plan]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

mod saves {
    //! The store's saves, driven directly.

    use super::scratch;
    use glidepath::plan::Plan;
    use glidepath::store::{Autosave, Recovery, save_plan};

    #[cfg(unix)]
    #[test]
    fn a_backup_link_is_replaced_never_written_through() {
        let dir = scratch("bak_link");
        let plan_path = dir.join("plan.ron");
        save_plan(&plan_path, &Plan::sample()).unwrap();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join("plan.ron.bak")).unwrap();
        save_plan(&plan_path, &Plan::default()).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        let backup = std::fs::symlink_metadata(dir.join("plan.ron.bak")).unwrap();
        assert!(backup.is_file(), "the link was replaced by the backup");
    }

    #[test]
    fn a_backup_that_is_a_folder_is_named_and_the_plan_kept() {
        let dir = scratch("bak_dir");
        let plan_path = dir.join("plan.ron");
        save_plan(&plan_path, &Plan::sample()).unwrap();
        let before = std::fs::read(&plan_path).unwrap();
        std::fs::create_dir(dir.join("plan.ron.bak")).unwrap();
        std::fs::write(dir.join("plan.ron.bak").join("x"), "x").unwrap();
        let error = save_plan(&plan_path, &Plan::default())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("plan.ron.bak") && error.contains("backup"),
            "{error}"
        );
        assert_eq!(std::fs::read(&plan_path).unwrap(), before);
    }

    #[test]
    fn a_stale_temporary_file_neither_blocks_a_save_nor_is_deleted() {
        let dir = scratch("stale_tmp");
        let plan_path = dir.join("plan.ron");
        // The name the first Glidepath used for its temporary file.
        let stale = dir.join(format!(".plan.ron.tmp{}", std::process::id()));
        std::fs::write(&stale, "someone else's").unwrap();
        save_plan(&plan_path, &Plan::sample()).unwrap();
        assert_eq!(std::fs::read_to_string(&stale).unwrap(), "someone else's");
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_link_keeps_the_link() {
        let dir = scratch("plan_link");
        let real = dir.join("real.ron");
        save_plan(&real, &Plan::sample()).unwrap();
        let link = dir.join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        let mut changed = Plan::sample();
        changed.name = "Changed".into();
        save_plan(&link, &changed).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(std::fs::read_to_string(&real).unwrap().contains("Changed"));
    }

    #[cfg(unix)]
    #[test]
    fn the_data_folder_is_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("data_folder");
        let autosave = Autosave {
            path: dir.join("new").join("deeper").join("autosave.ron"),
        };
        autosave
            .write(&Recovery {
                source: None,
                plan: Plan::sample(),
            })
            .unwrap();
        for folder in [dir.join("new"), dir.join("new").join("deeper")] {
            let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", folder.display());
        }
    }
}

/// Runs the binary and waits at most `seconds` for it: a command that
/// blocks is killed and the test fails, rather than hanging.
fn glidepath_within(seconds: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    while child.try_wait().expect("it can be waited on").is_none() {
        if started.elapsed() > Duration::from_secs(seconds) {
            child.kill().ok();
            panic!("glidepath {args:?} blocked for {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("its output")
}

#[cfg(unix)]
#[test]
fn a_pipe_as_the_plan_or_the_history_is_refused_without_blocking() {
    let dir = scratch("fifo");
    let fifo = dir.join("plan.ron");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // No mkfifo on this machine: nothing to try.
    }
    let fifo = fifo.to_str().unwrap();
    refused(
        &glidepath_within(10, &["check", fifo]),
        &[fifo, "not a regular file"],
    );
    refused(
        &glidepath_within(10, &["simulate", fifo]),
        &["not a regular file"],
    );
    let plan = write(&dir, "real.ron", MODEL_EXAMPLE);
    refused(
        &glidepath_within(10, &["simulate", &plan, "--history", fifo]),
        &["not a regular file"],
    );
}

#[test]
fn small_lies_are_told_straight() {
    let dir = scratch("small-lies");
    // A decimal where a whole number belongs says so, at its place.
    let plan = write(&dir, "decimal.ron", "(version: 3, saver: (age: 35.0))");
    refused(
        &glidepath(&["check", &plan]),
        &["1:29", "a whole number is expected here (35, not 35.0)"],
    );
    // A block longer than the shipped history: check refuses it as
    // simulate does.
    let long = write(
        &dir,
        "long-block.ron",
        edit(
            "returns: MonteCarlo",
            "returns: BuiltIn(name: \"us_1872_2024\", mode: Bootstrap(block_years: 500))",
        ),
    );
    for command in ["check", "simulate"] {
        refused(
            &glidepath(&[command, &long]),
            &["block_years", "years of the return history"],
        );
    }
    // A report is a PDF: CSV is refused, not ignored.
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let pdf = dir.join("r.pdf");
    let out = glidepath(&[
        "report",
        &plan,
        "--format",
        "csv",
        "--output",
        pdf.to_str().unwrap(),
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("--format csv does not apply"),
        "{}",
        stderr(&out)
    );
    assert!(!pdf.exists());
}

#[cfg(unix)]
#[test]
fn a_source_date_that_is_not_text_is_refused_not_ignored() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("source-date");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let pdf = dir.join("r.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(["report", &plan, "--paths", "100", "--output"])
        .arg(&pdf)
        .env("SOURCE_DATE_EPOCH", std::ffi::OsStr::from_bytes(b"17\xff"))
        .output()
        .expect("the binary runs");
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("SOURCE_DATE_EPOCH"),
        "{}",
        stderr(&out)
    );
    assert!(!pdf.exists());
}

#[cfg(unix)]
#[test]
fn outputs_onto_devices_pipes_folders_and_link_chains_go_where_a_user_means() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("special-outputs");
    let plan = write(&dir, "plan.ron", MODEL_EXAMPLE);
    let run = |output: &Path| {
        glidepath_within(
            30,
            &[
                "simulate",
                &plan,
                "--paths",
                "50",
                "--output",
                output.to_str().unwrap(),
            ],
        )
    };
    // A device is written through and stays a device.
    let null = Path::new("/dev/null");
    if null.exists() {
        assert_eq!(run(null).status.code(), Some(0));
        assert!(
            std::fs::metadata(null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    // A named pipe someone reads gets the bytes and stays a pipe; with no
    // reader it is an error at once, not a hang.
    let pipe = dir.join("out.pipe");
    if Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .is_ok_and(|s| s.success())
    {
        let out = run(&pipe);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("a pipe no one reads from"));
        let reader = {
            let pipe = pipe.clone();
            std::thread::spawn(move || std::fs::read(&pipe).unwrap())
        };
        std::thread::sleep(Duration::from_millis(200));
        let out = run(&pipe);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let got = reader.join().unwrap();
        assert!(got.starts_with(b"{"), "the JSON came through the pipe");
        assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
    }
    // A folder is refused with a sentence and left as it was.
    let folder = dir.join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let out = run(&folder);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    assert!(folder.is_dir());
    // A chain of links: the file at its end gets the data, every link stays.
    let real = dir.join("real.json");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink("real.json", dir.join("mid.json")).unwrap();
    std::os::unix::fs::symlink("mid.json", dir.join("chain.json")).unwrap();
    assert_eq!(run(&dir.join("chain.json")).status.code(), Some(0));
    for link in ["chain.json", "mid.json"] {
        let meta = std::fs::symlink_metadata(dir.join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} stays a link");
    }
    assert!(std::fs::read_to_string(&real).unwrap().starts_with('{'));
}

#[test]
fn a_solve_for_a_vast_spending_need_searches_only_valid_amounts() {
    // $200 billion a year: ten times it is past the most money an amount
    // may be, so the search stops at that most.
    let dir = scratch("vast-spending");
    let text = std::fs::read_to_string("saves/retirees-drawing-income.ron")
        .unwrap()
        .replace("FixedReal(65000.0)", "FixedReal(200000000000.0)");
    let plan = write(&dir, "vast.ron", text);
    let out = glidepath(&[
        "solve", &plan, "--for", "spending", "--target", "0.9", "--paths", "100",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(answer["value"].as_f64().unwrap() <= 1e12);
}

#[test]
fn a_salary_below_the_smallest_normal_number_runs_to_finite_numbers() {
    // Found by the fuzz harness: a contribution too small to divide by once
    // made the kinds of money NaN (and a tax clamp panic).
    let dir = scratch("subnormal-salary");
    let text = std::fs::read_to_string("saves/couple-pension-college.ron")
        .unwrap()
        .replace("salary: 95000.0", "salary: 1e-320")
        .replace("paths: 10000", "paths: 100");
    let plan = write(&dir, "tiny.ron", text);
    let out = glidepath(&["simulate", &plan]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_every_number_is_finite(&value, "");
}

//! Plan files: round trips, stable bytes, atomic saves, broken files,
//! autosave and recovery, owner-only permissions.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use glidepath::plan::sleeve::Sleeve;
use glidepath::plan::{HistoryMode, Plan, Returns};
use glidepath::store::{
    Autosave, Recovery, open_plan, parse_plan, plan_to_ron, save_plan, write_atomically,
};

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("files")
        .join(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A plan with every field set away from its default.
fn everything_set() -> Plan {
    let mut plan = Plan::sample();
    plan.name = "Every field \"quoted\", set".into();
    plan.notes = "Line one\nline two".into();
    plan.contributions.employer_fixed = 0.03;
    plan.contributions.irs_limits = false;
    plan.allocation.sleeve = Some(Sleeve {
        weight: 0.04,
        weight_at_retirement: 0.02,
        rebalance: glidepath::plan::sleeve::Rebalance::Never,
    });
    plan.fees.plan = 0.001;
    plan.assumptions.crypto_crash = None;
    plan.assumptions.inflation = 0.03;
    plan.simulation.paths = 12_345;
    plan.simulation.seed = u64::MAX;
    plan.simulation.returns = Returns::History {
        file: "/somewhere/history.csv".into(),
        mode: HistoryMode::Bootstrap { block_years: 7 },
    };
    plan
}

fn examples() -> Vec<PathBuf> {
    let saves = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut found: Vec<PathBuf> = std::fs::read_dir(saves)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    found.sort();
    found
}

#[test]
fn every_example_and_a_full_plan_survive_a_round_trip_with_stable_bytes() {
    let dir = scratch("round_trip");
    let mut plans: Vec<Plan> = examples()
        .iter()
        .map(|p| open_plan(p).expect("example opens"))
        .collect();
    plans.push(everything_set());
    assert!(plans.len() >= 4);
    for (i, plan) in plans.iter().enumerate() {
        let path = dir.join(format!("plan{i}.ron"));
        save_plan(&path, plan).expect("saves");
        let first = std::fs::read(&path).unwrap();
        let again = open_plan(&path).expect("reopens");
        assert_eq!(&again, plan, "plan {i} round trip");
        save_plan(&path, &again).expect("saves again");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            first,
            "plan {i}: saving twice gives the same bytes"
        );
        let text = String::from_utf8(first).unwrap();
        assert!(text.starts_with("// Glidepath plan, format version 3"));
        for field in [
            "version:",
            "notes:",
            "salary_growth:",
            "employer_match:",
            "irs_limits:",
            "knots:",
            "sleeve:",
            "social_security:",
            "fees:",
            "correlations:",
            "crypto_crash:",
            "inflation:",
            "seed:",
            "returns:",
            "taxes:",
            "roth_share:",
        ] {
            assert!(text.contains(field), "plan {i} writes {field}");
        }
    }
}

#[test]
fn a_save_that_cannot_complete_leaves_the_old_file_as_it_was() {
    let dir = scratch("failed_save");
    let path = dir.join("plan.ron");
    save_plan(&path, &Plan::sample()).unwrap();
    let before = std::fs::read(&path).unwrap();

    // A writer that fails midway, after writing part of the new text.
    let result = write_atomically(&path, true, &mut |file| {
        use std::io::Write;
        file.write_all(b"(version: 1, name: \"half")?;
        Err(std::io::Error::other("disk full"))
    });
    assert!(result.is_err());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left behind: {leftovers:?}"
    );

    // A target whose parent is a regular file: fails even as root.
    let blocked = path.join("inside.ron");
    let error = save_plan(&blocked, &Plan::sample()).unwrap_err();
    assert!(error.to_string().contains("inside.ron"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn saving_over_a_file_keeps_the_old_one_as_bak() {
    let dir = scratch("backup");
    let path = dir.join("client.ron");
    let mut first = Plan::sample();
    first.name = "First".into();
    save_plan(&path, &first).unwrap();
    let old = std::fs::read(&path).unwrap();
    let mut second = first.clone();
    second.name = "Second".into();
    save_plan(&path, &second).unwrap();
    assert_eq!(std::fs::read(dir.join("client.ron.bak")).unwrap(), old);
    assert_eq!(open_plan(&path).unwrap().name, "Second");
}

#[cfg(unix)]
#[test]
fn files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("permissions");
    let path = dir.join("private.ron");
    save_plan(&path, &Plan::sample()).unwrap();
    save_plan(&path, &Plan::sample()).unwrap();
    for file in [path.clone(), dir.join("private.ron.bak")] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
    let autosave = Autosave {
        path: dir.join("data").join("autosave.ron"),
    };
    autosave
        .write(&Recovery {
            source: None,
            plan: Plan::sample(),
        })
        .unwrap();
    let mode = std::fs::metadata(&autosave.path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn broken_files_give_their_message_and_change_nothing() {
    let dir = scratch("broken");
    let good = plan_to_ron(&Plan::sample()).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", good.as_bytes()[..good.len() / 2].to_vec(), ":"),
        (
            "wrong type",
            good.replacen("age: 35", "age: \"old\"", 1).into_bytes(),
            "Expected",
        ),
        (
            "unknown field",
            good.replacen("notes:", "colour: 1, notes:", 1).into_bytes(),
            "colour",
        ),
        (
            "newer version",
            good.replacen("version: 3", "version: 4", 1).into_bytes(),
            "newer",
        ),
        (
            "binary garbage",
            vec![0xff, 0xfe, 0x00, 0x81, 0x92],
            "not text",
        ),
        ("empty", Vec::new(), ":"),
    ];
    for (name, bytes, words) in cases {
        let path = dir.join(format!("{}.ron", name.replace(' ', "_")));
        std::fs::write(&path, &bytes).unwrap();
        let error = open_plan(&path).unwrap_err().to_string();
        assert!(
            error.contains(&path.display().to_string()),
            "{name}: names the file: {error}"
        );
        assert!(error.contains(words), "{name}: {error}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{name}: the file is untouched"
        );
    }
    // Syntax errors carry a line and a column.
    let error = parse_plan(
        "(\n  version: 1,\n  saver: (age: x),\n)",
        Path::new("p.ron"),
    )
    .unwrap_err();
    assert!(error.to_string().starts_with("p.ron:3:"), "{error}");
}

#[test]
fn an_autosave_is_restored_and_cleared() {
    let dir = scratch("autosave");
    let autosave = Autosave {
        path: dir.join("data").join("autosave.ron"),
    };
    assert_eq!(autosave.read().unwrap(), None);
    let mut plan = everything_set();
    plan.name = "Unsaved work".into();
    let recovery = Recovery {
        source: Some(dir.join("client.ron")),
        plan,
    };
    autosave.write(&recovery).unwrap();
    assert_eq!(autosave.read().unwrap(), Some(recovery));
    autosave.clear().unwrap();
    assert_eq!(autosave.read().unwrap(), None);
    autosave.clear().unwrap();
}

#[test]
fn history_files_are_stored_relative_to_the_plan_when_inside_its_folder() {
    let dir = scratch("history");
    let mut plan = Plan::sample();
    let inside = dir.join("data").join("history.csv");
    plan.simulation.returns = Returns::History {
        file: inside.to_string_lossy().into(),
        mode: HistoryMode::Rolling,
    };
    let path = dir.join("plan.ron");
    save_plan(&path, &plan).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("file: \"data/history.csv\""), "{text}");
    assert_eq!(
        open_plan(&path).unwrap(),
        plan,
        "opened, it is absolute again"
    );
}

#[test]
fn the_embedded_examples_are_the_files_in_saves() {
    let files = examples();
    assert_eq!(files.len(), glidepath::store::EXAMPLES.len());
    for (name, text) in glidepath::store::EXAMPLES {
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("saves")
                .join(name),
        )
        .unwrap();
        assert_eq!(on_disk, text, "{name}");
        parse_plan(text, Path::new(name)).expect("parses");
    }
}

#[test]
fn a_version_1_file_reads_as_version_3_with_the_same_numbers() {
    let dir = scratch("v1_to_v3");
    let v1 = include_str!("data/model_example.ron");
    assert!(v1.contains("version: 1") && !v1.contains("irs_limits_year"));
    let plan = parse_plan(v1, Path::new("model_example.ron")).unwrap();
    assert_eq!(plan.version, 3);
    assert_eq!(plan.contributions.irs_limits_year, 2026, "v1 meant 2026");
    assert_eq!(plan.taxes, None, "v1 meant before tax");
    let path = dir.join("upgraded.ron");
    save_plan(&path, &plan).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("version: 3,") && text.contains("irs_limits_year: 2026"));
    assert!(text.contains("taxes: None"), "saved, it stays before tax");
    let reopened = open_plan(&path).unwrap();
    assert_eq!(reopened, plan);
    let run = |plan: &Plan| {
        let mut plan = plan.clone();
        plan.simulation.paths = 500;
        glidepath::simulate(
            &glidepath::validate(&plan).unwrap(),
            &glidepath::RunControl::new(),
        )
        .unwrap()
    };
    let mut as_v1: Plan = ron::from_str(v1).unwrap();
    as_v1.version = 3;
    assert_eq!(run(&reopened), run(&as_v1), "the same numbers, bit for bit");
}

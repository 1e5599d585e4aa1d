//! The client report (`glidepath report`), read back as a reader's PDF
//! software would: its text, its attachment, its bytes.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use glidepath::report::client::{CRYPTO_RISKS, DISCLOSURES};
use glidepath::units::percent;

/// 2025-11-25 12:00 UTC.
const EPOCH: &str = "1764072000";

fn report(plan: &Path, output: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .arg("report")
        .arg(plan)
        .args(["--paths", "1000", "--output"])
        .arg(output)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("the binary runs")
}

/// Writes the report of `plan` to `output` (it must succeed) and gives its
/// text, a word at a time.
fn report_words(plan: &Path, output: &Path, extra: &[&str]) -> String {
    let out = report(plan, output, extra);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    words(&pdf_extract::extract_text_from_mem(&std::fs::read(output).unwrap()).unwrap())
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(name)
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The chance the money lasts as `simulate` gives it for the same flags.
fn simulated_chance(plan: &Path) -> f64 {
    let out = Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .arg("simulate")
        .arg(plan)
        .args(["--paths", "1000"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["success_probability"].as_f64().unwrap()
}

/// The first attached file's name and bytes.
fn attachment(pdf: &[u8]) -> (String, Vec<u8>) {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let catalog = doc.get_dictionary(root).unwrap();
    let deref = |o: &lopdf::Object| -> lopdf::Object {
        match o {
            lopdf::Object::Reference(r) => doc.get_object(*r).unwrap().clone(),
            other => other.clone(),
        }
    };
    let names = deref(catalog.get(b"Names").unwrap());
    let files = deref(names.as_dict().unwrap().get(b"EmbeddedFiles").unwrap());
    let list = deref(files.as_dict().unwrap().get(b"Names").unwrap());
    let list = list.as_array().unwrap();
    let name = String::from_utf8_lossy(list[0].as_str().unwrap()).into_owned();
    let spec = deref(&list[1]);
    let ef = deref(spec.as_dict().unwrap().get(b"EF").unwrap());
    let stream = deref(ef.as_dict().unwrap().get(b"F").unwrap());
    let stream = stream.as_stream().unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    (name, bytes)
}

#[test]
fn the_report_says_what_simulate_says_and_carries_the_plan() {
    let dir = scratch("report-text");
    let plan = example("young-saver-crypto-sleeve.ron");
    let pdf_path = dir.join("young.pdf");
    let out = report(&plan, &pdf_path, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    // A paragraph may run across a page: its running foot is not part of it.
    let text = words(
        &text
            .lines()
            .filter(|line| !line.contains(" · Glidepath ") && !line.starts_with("Page "))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert!(text.contains("Jordan, 25, a small crypto sleeve"), "{text}");
    let chance = percent(simulated_chance(&plan));
    assert!(
        text.contains(&format!("Chance the money lasts to 95 {chance}")),
        "{chance} not in {text}"
    );
    for sentence in DISCLOSURES.iter().chain([&CRYPTO_RISKS]) {
        assert!(text.contains(&words(sentence)), "missing: {sentence}");
    }
    assert!(text.contains("2025-11-25"));
    assert!(text.contains("glidepath simulate young-saver-crypto-sleeve.ron --paths 1000 --seed"));
    assert!(text.contains("What the crypto sleeve changes"));
    let (name, bytes) = attachment(&pdf);
    assert_eq!(name, "young-saver-crypto-sleeve.ron");
    assert_eq!(
        bytes,
        std::fs::read(&plan).unwrap(),
        "the attachment is the plan file, byte for byte"
    );
}

#[test]
fn the_same_plan_and_date_give_the_same_bytes() {
    let dir = scratch("report-bytes");
    let plan = example("deciding-at-45.ron");
    let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
    assert!(report(&plan, &a, &[]).status.success());
    assert!(report(&plan, &b, &[]).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // Four scenarios side by side, each named.
    let text = words(&pdf_extract::extract_text_from_mem(&std::fs::read(&a).unwrap()).unwrap());
    assert!(text.contains("Scenarios side by side"));
    for name in ["Retire at 67", "5% crypto", "10% private equity"] {
        assert!(text.contains(name), "{name}");
    }
}

#[test]
fn a_history_a_plan_without_a_sleeve_and_bad_outputs() {
    let dir = scratch("report-history");
    let plan = example("retirees-drawing-income.ron");
    let pdf_path = dir.join("history.pdf");
    let text = report_words(&plan, &pdf_path, &["--history", "us"]);
    assert!(text.contains("Every start year of the history"), "{text}");
    assert!(!text.contains("What the crypto sleeve changes"));
    assert!(text.contains("--history us --mode rolling"));

    // A folder that does not exist: exit 1, a message, no file.
    let missing = dir.join("no such folder").join("r.pdf");
    let out = report(&plan, &missing, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
    assert!(!missing.exists());
    // No --output: an input error.
    let out = Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .arg("report")
        .arg(&plan)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output"));
    // A SOURCE_DATE_EPOCH that is not seconds: said, nothing written.
    let odd = dir.join("odd.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .arg("report")
        .arg(&plan)
        .arg("--output")
        .arg(&odd)
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH"));
    assert!(!odd.exists());
    // Only the PDFs asked for are left: no temporary files.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("history.pdf")]);
}

#[test]
fn with_her_sex_given_the_report_says_what_the_life_table_says() {
    let dir = scratch("report-life");
    let mut plan = glidepath::store::read_plan(&example("retirees-guardrails.ron")).unwrap();
    plan.saver.sex = Some(glidepath::life::Sex::Female);
    let plan_path = dir.join("maria.ron");
    std::fs::write(&plan_path, glidepath::store::plan_to_ron(&plan).unwrap()).unwrap();
    let pdf_path = dir.join("maria.pdf");
    let text = report_words(&plan_path, &pdf_path, &[]);
    let expected = plan
        .life_outlook()
        .unwrap()
        .plan_to_words(plan.saver.plan_to_age);
    assert!(
        text.contains(
            "By the SSA period life table a 65-year-old woman has a 13% chance of reaching 95"
        ),
        "{text}"
    );
    assert!(text.contains(&words(&expected)), "{expected}");
}

#[test]
fn with_lifespans_from_the_table_the_report_says_what_success_means_and_which_table() {
    let dir = scratch("report-lifespans");
    let mut plan = glidepath::store::read_plan(&example("couple-pension-college.ron")).unwrap();
    plan.simulation.lifespan = glidepath::plan::lifespan::Lifespan::Table(Default::default());
    let plan_path = dir.join("pat-and-robin.ron");
    std::fs::write(&plan_path, glidepath::store::plan_to_ron(&plan).unwrap()).unwrap();
    let text = report_words(&plan_path, &dir.join("pat-and-robin.pdf"), &[]);
    for sentence in [
        "Chance the money lasts as long as someone needs it (ages at death from the SSA table)",
        "Money left at death (median)",
        "Lifespans: each future draws the ages at death from the SSA period life table (2025 edition)",
        "the need falls to 75% of itself",
        "The life table is the whole US population's",
    ] {
        assert!(text.contains(sentence), "{sentence}\n{text}");
    }
    // To the plan-to age, the report says so instead.
    let text = report_words(
        &example("couple-pension-college.ron"),
        &dir.join("plan-to.pdf"),
        &[],
    );
    assert!(
        text.contains("No mortality: every future runs to the plan-to age"),
        "{text}"
    );
    assert!(!text.contains("Money left at death"));
}

//! The real app, driven headless with egui_kittest: find inputs by their
//! labels, act, let the app settle, assert on state and text. The app runs
//! its engine inline here (`Startup::inline`): a job is done in the frame
//! that asks for it, so settling is waiting enough, with no clock.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use glidepath::app::{Command, Dialog, Failure, GlidepathApp, Startup};
use glidepath::plan::Plan;
use glidepath::store::PlanFileError;
use glidepath::units::usd_short;

fn app_from(startup: Startup) -> Harness<'static, GlidepathApp> {
    app_sized(startup, egui::vec2(1280.0, 800.0))
}

/// The app in a window of `size`, its engine inline.
fn app_sized(startup: Startup, size: egui::Vec2) -> Harness<'static, GlidepathApp> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            GlidepathApp::new(
                cc,
                Startup {
                    inline: true,
                    ..startup
                },
            )
        })
}

fn app_with(plan: Plan) -> Harness<'static, GlidepathApp> {
    app_from(Startup {
        plan,
        ..Startup::sample()
    })
}

fn app() -> Harness<'static, GlidepathApp> {
    let mut plan = Plan::sample();
    plan.simulation.paths = 2_000;
    app_with(plan)
}

/// Lets the app settle, then the engine's newest result is on screen.
fn wait_for_results(harness: &mut Harness<'_, GlidepathApp>) {
    wait_for_engine(harness);
    assert!(
        harness.state().outcome().is_some(),
        "the engine gave no result"
    );
}

/// Lets the app settle: the engine, inline, has then answered the newest
/// plan (with a result or an error) and every question on screen.
fn wait_for_engine(harness: &mut Harness<'_, GlidepathApp>) {
    harness.run();
    assert!(
        !harness.state().is_updating(),
        "the engine answers in the frame that asks"
    );
}

fn median_at_retirement(harness: &Harness<'_, GlidepathApp>) -> f64 {
    harness
        .state()
        .outcome()
        .as_ref()
        .expect("results")
        .portfolio
        .retirement
        .balance
        .p50
}

#[test]
fn the_first_screen_shows_the_sample_saver_and_real_results() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness.get_by_label("Chance your money lasts to 95");
    harness.get_by_label("Balance at retirement (65), today's dollars");
    harness.get_by_label_contains("Hypothetical results based on assumptions");
    let outcome = harness.state().outcome().unwrap();
    assert_eq!(outcome.ages.first(), Some(&35));
    assert!(outcome.without_sleeve.is_none());
    assert!(harness.query_by_label("What the sleeve changes").is_none());
}

#[test]
fn more_contributions_raise_the_median() {
    let mut harness = app();
    wait_for_results(&mut harness);
    let before = median_at_retirement(&harness);
    // The card shows the library's median as short money.
    harness.get_by_label(&usd_short(before));
    harness
        .get_by_role_and_label(Role::SpinButton, "You contribute")
        .set_value_accesskit(0.12);
    wait_for_results(&mut harness);
    assert_eq!(harness.state().plan().contributions.employee_rate, 0.12);
    let after = median_at_retirement(&harness);
    assert!(
        after > before,
        "median at retirement {after} should exceed {before}"
    );
    harness.get_by_label(&usd_short(after));
    assert!(harness.query_by_label(&usd_short(before)).is_none());
}

#[test]
fn changing_the_age_moves_the_chart() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness
        .get_by_role_and_label(Role::SpinButton, "Age")
        .set_value_accesskit(45.0);
    wait_for_results(&mut harness);
    let outcome = harness.state().outcome().unwrap();
    assert_eq!(outcome.ages.first(), Some(&45));
    assert_eq!(outcome.ages.len(), 95 - 45 + 1);
}

#[test]
fn an_invalid_retirement_age_is_explained_and_the_last_results_stay() {
    let mut harness = app();
    wait_for_results(&mut harness);
    let before = harness.state().outcome().cloned();
    harness
        .get_by_role_and_label(Role::SpinButton, "Retirement age")
        .set_value_accesskit(30.0);
    harness.run_steps(3);
    harness.get_by_label("must not be before the current age 35 (is 30)");
    harness.get_by_label("Out of date: fix the plan to update");
    assert!(!harness.state().problems().is_empty());
    assert_eq!(
        harness.state().outcome().cloned(),
        before,
        "the last valid results stay on screen"
    );
}

#[test]
fn turning_the_sleeve_on_shows_the_comparison() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness
        .get_by_role_and_label(Role::CheckBox, "Add a crypto sleeve")
        .click_accesskit();
    wait_for_results(&mut harness);
    assert!(harness.state().plan().allocation.sleeve.is_some());
    let outcome = harness.state().outcome().unwrap();
    assert!(outcome.without_sleeve.is_some());
    harness.get_by_label("What the sleeve changes");
    harness.get_by_label_contains("Its worst year on a typical path");
    harness.get_by_label_contains("Held alone, bitcoin under this view has an average year of 8%, and keeps 18% of its value on a typical 10-year path");
}

#[test]
fn turning_a_private_sleeve_on_shows_what_it_changes() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness.get_by_label("Private markets").click_accesskit();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Add a private-markets sleeve")
        .click_accesskit();
    wait_for_results(&mut harness);
    assert!(harness.state().plan().allocation.private.is_some());
    let outcome = harness.state().outcome().unwrap();
    assert!(outcome.without_private.is_some());
    assert!(outcome.private.is_some());
    harness.get_by_label("What the private sleeve changes");
    harness.get_by_label_contains("Fund fees over the plan");
    harness.get_by_label_contains(
        "with a smoothing of 0.60 a 30% fall in the assets shows as a fall of about 12%",
    );
    // Another kind brings its own view whole.
    harness.get_by_label("Kind").click_accesskit();
    harness.run();
    harness.get_by_label("Real estate").click_accesskit();
    wait_for_results(&mut harness);
    let sleeve = harness.state().plan().allocation.private.clone().unwrap();
    assert_eq!(
        sleeve.kind,
        glidepath::plan::private::PrivateKind::RealEstate
    );
    harness.get_by_label_contains(
        "with a smoothing of 0.78 a 30% fall in the assets shows as a fall of about 6.6%",
    );
}

#[test]
fn an_idle_app_stops_repainting() {
    let mut harness = app();
    wait_for_results(&mut harness);
    // `run` fails if the app keeps asking for frames when nothing changes.
    harness.run();
}

#[test]
fn presentation_zoom_follows_the_shortcut() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    harness.run_steps(2);
    assert!(harness.state().preferences().zoom > 1.0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    harness.run_steps(2);
    assert_eq!(harness.state().preferences().zoom, 1.0);
}

#[test]
fn a_money_field_accepts_thousands_and_shorthand() {
    let mut harness = app();
    wait_for_results(&mut harness);
    let balance = harness.get_by_role_and_label(Role::SpinButton, "Balance, pre-tax");
    assert_eq!(balance.value().as_deref(), Some("$85,000"));
    type_into(&mut harness, "Balance, pre-tax", "150k");
    wait_for_results(&mut harness);
    assert_eq!(harness.state().plan().saver.balance, 150_000.0);
    let shown = harness
        .get_by_role_and_label(Role::SpinButton, "Balance, pre-tax")
        .value();
    assert_eq!(shown.as_deref(), Some("$150,000"));
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("ui")
        .join(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Queues a command as the menus and shortcuts do, and lets a frame run it.
/// Types `text` into the number field `label` as a person would: click to
/// edit, type, Enter to commit (the frames after are the caller's).
fn type_into(harness: &mut Harness<'_, GlidepathApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::SpinButton, label)
        .click();
    harness.run_steps(2);
    harness.get_by_role(Role::TextInput).type_text(text);
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
}

fn command(harness: &mut Harness<'_, GlidepathApp>, command: Command) {
    harness.state_mut().queue(command);
    // One frame runs it; the next draws any dialog it opened (a modal
    // needs one more to measure itself).
    harness.run_steps(4);
}

#[test]
fn a_long_value_or_message_cannot_widen_the_plan_panel() {
    let mut harness = app();
    wait_for_results(&mut harness);
    let results_left =
        |harness: &Harness<'_, GlidepathApp>| harness.get_by_label("Balance by age").rect().left();
    let before = results_left(&harness);
    for typed in ["1e308", "abc", "-5000", &"9".repeat(400)] {
        type_into(&mut harness, "Balance, pre-tax", typed);
        harness.run();
        // The panel keeps its width and the results stay beside it.
        let left = results_left(&harness);
        assert!(
            (left - before).abs() < 2.0,
            "{typed}: the results moved from {before} to {left}"
        );
    }
    // A value too large shows as such, and its problem is said in a few words.
    let field = harness.get_by_role_and_label(Role::SpinButton, "Balance, pre-tax");
    let shown = format!("{:?}", field.value());
    assert!(shown.len() < 40, "{shown}");
}

#[test]
fn a_blank_plan_asks_for_money_first_and_can_be_solved_for_saving() {
    let mut plan = Plan::blank();
    plan.simulation.paths = 2_000;
    let mut harness = app_with(plan);
    harness.run();
    // No "100% chance" of a plan with nothing in it.
    harness.get_by_label("Start with your balance and salary");
    assert!(
        harness
            .query_by_label_contains("Chance your money lasts")
            .is_none()
    );
    harness
        .get_by_role_and_label(Role::SpinButton, "Balance, pre-tax")
        .set_value_accesskit(50_000.0);
    harness
        .get_by_role_and_label(Role::SpinButton, "Salary")
        .set_value_accesskit(60_000.0);
    wait_for_results(&mut harness);
    assert!(
        harness
            .query_by_label("Start with your balance and salary")
            .is_none()
    );
    harness.get_by_label_contains("Chance your money lasts");
    // An income need, so "what saving gives 90%?" can be asked.
    let plan = harness.state().plan().clone();
    assert!(matches!(
        plan.retirement.withdrawal,
        glidepath::plan::withdrawal::Withdrawal::FixedReal(_)
    ));
    assert!(
        glidepath::engine::questions::Field::ContributionRate
            .solve_refusal(&plan)
            .is_none()
    );
}

#[test]
fn help_lists_the_shortcuts_and_says_what_glidepath_is() {
    let mut harness = app();
    harness.run();
    harness.key_press(egui::Key::F1);
    harness.run_steps(4);
    assert!(harness.query_all_by_label("Keyboard shortcuts").count() >= 1);
    harness.get_by_label("Ctrl+Z");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label("Keyboard shortcuts").count(), 0);
    command(&mut harness, Command::About);
    harness.get_by_label_contains("never uses the network");
}

#[test]
fn undo_twice_gives_back_the_original_plan_and_redo_returns() {
    let mut harness = app();
    wait_for_results(&mut harness);
    let original = harness.state().plan().clone();
    harness
        .get_by_role_and_label(Role::SpinButton, "Age")
        .set_value_accesskit(40.0);
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::SpinButton, "You contribute")
        .set_value_accesskit(0.1);
    harness.run_steps(2);
    assert_eq!(harness.state().plan().saver.age, 40);
    assert_eq!(harness.state().plan().contributions.employee_rate, 0.1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().plan().contributions.employee_rate, 0.08);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(*harness.state().plan(), original);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run_steps(2);
    assert_eq!(harness.state().plan().saver.age, 40);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run_steps(2);
    assert_eq!(harness.state().plan().contributions.employee_rate, 0.1);
}

#[test]
fn an_autosaved_plan_is_restored_at_the_next_start() {
    let dir = scratch("recovery");
    let autosave = glidepath::store::Autosave {
        path: dir.join("autosave.ron"),
    };
    let mut unsaved = Plan::sample();
    unsaved.name = "Work in progress".into();
    unsaved.saver.balance = 123_456.0;
    autosave
        .write(&glidepath::store::Recovery {
            source: None,
            plan: unsaved.clone(),
        })
        .unwrap();
    let mut harness = app_from(Startup {
        autosave: Some(autosave),
        ..Startup::sample()
    });
    harness.run_steps(2);
    assert_eq!(*harness.state().plan(), unsaved);
    assert!(
        harness.state().is_dirty(),
        "a restored plan is not saved yet"
    );
    harness.get_by_label("Restored the unsaved plan from your last session");
}

#[test]
fn the_working_plan_is_autosaved_after_a_pause() {
    let dir = scratch("autosave");
    let autosave = glidepath::store::Autosave {
        path: dir.join("autosave.ron"),
    };
    let mut harness = app_from(Startup {
        autosave: Some(autosave.clone()),
        ..Startup::sample()
    });
    wait_for_results(&mut harness);
    harness
        .get_by_role_and_label(Role::SpinButton, "Age")
        .set_value_accesskit(41.0);
    harness.run_steps(2);
    assert_eq!(autosave.read().unwrap(), None, "not before the pause");
    // Each frame advances egui's clock by 1/60 s: pass the 3 s debounce.
    harness.run_steps(240);
    let recovery = autosave.read().unwrap().expect("autosaved");
    assert_eq!(recovery.plan.saver.age, 41);
}

#[test]
fn save_marks_the_plan_clean_and_a_broken_file_changes_nothing() {
    let dir = scratch("save_open");
    let mut harness = app();
    wait_for_results(&mut harness);
    harness
        .get_by_role_and_label(Role::SpinButton, "Age")
        .set_value_accesskit(42.0);
    harness.run_steps(2);
    assert!(harness.state().is_dirty());
    let path = dir.join("client.ron");
    command(&mut harness, Command::SaveTo(path.clone()));
    assert!(!harness.state().is_dirty());
    assert_eq!(
        glidepath::store::open_plan(&path).unwrap(),
        *harness.state().plan()
    );
    assert_eq!(
        harness
            .state()
            .preferences()
            .recent_files
            .first()
            .map(|p| p.file_name()),
        Some(path.file_name())
    );

    let broken = dir.join("broken.ron");
    std::fs::write(&broken, "(version: 1, saver: (age: \"x\"))").unwrap();
    let before = harness.state().plan().clone();
    command(&mut harness, Command::OpenPath(broken.clone()));
    assert_eq!(*harness.state().plan(), before, "the current plan stays");
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::Error(failure))
            if matches!(**failure, Failure::Open(PlanFileError::Syntax { .. }))
                && failure.to_string().contains("broken.ron:1:"))
    );
    harness.get_by_label_contains("broken.ron:1:");
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "(version: 1, saver: (age: \"x\"))"
    );
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness
        .get_by_role_and_label(Role::SpinButton, "Age")
        .set_value_accesskit(50.0);
    harness.run_steps(2);
    command(&mut harness, Command::New);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::UnsavedChanges { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().plan().saver.age,
        50,
        "cancel keeps the plan"
    );
    command(&mut harness, Command::New);
    harness.get_by_label("Discard").click();
    harness.run_steps(3);
    // Then New asks what to start from.
    assert!(matches!(harness.state().dialog(), Some(Dialog::NewPlan)));
    harness.get_by_label("The sample plan").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().plan().saver.age,
        35,
        "discard starts the new plan"
    );
    assert!(!harness.state().is_dirty());
    command(&mut harness, Command::New);
    harness.get_by_label("A blank plan").click();
    harness.run_steps(3);
    assert_eq!(harness.state().plan().name, "New plan");
    assert_eq!(
        harness.state().plan().retirement,
        glidepath::plan::Plan::blank().retirement
    );
}

#[test]
fn exporting_csv_writes_the_bands_with_their_basis() {
    let dir = scratch("export");
    let mut harness = app();
    wait_for_results(&mut harness);
    let path = dir.join("bands.csv");
    command(&mut harness, Command::ExportCsvTo(path.clone()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Plan: Alex, base case\n"));
    assert!(text.contains("not a guarantee"));
    assert!(text.contains("\nage,p5,p10,p25,p50,p75,p90,p95,survival\n35,"));
}

#[test]
fn the_chart_exports_off_screen_in_print_style_without_changing_the_tab() {
    let dir = scratch("export-png");
    let mut harness = app();
    harness.set_size(egui::vec2(1280.0, 800.0));
    wait_for_results(&mut harness);
    harness.get_by_label("At retirement").click();
    harness.run_steps(2);
    let path = dir.join("at-retirement.png");
    command(&mut harness, Command::ExportPngTo(path.clone()));
    let bytes = std::fs::read(&path).unwrap();
    // A PNG of 1600 × 1000 pixels, whatever the window's size.
    assert_eq!(&bytes[1..4], b"PNG");
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 1600);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 1000);
    assert_eq!(
        harness.state().preferences().tab,
        glidepath::app::Tab::AtRetirement
    );
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .contains("Exported the chart")
    );
}

#[test]
fn the_client_report_is_made_in_the_background_from_the_menu_command() {
    let dir = scratch("export-pdf");
    let mut plan = Plan::sample();
    plan.simulation.paths = 500;
    plan.report.prepared_for = "Alex Doe".into();
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    let path = dir.join("report.pdf");
    command(&mut harness, Command::ExportReportTo(path.clone()));
    wait_until(&mut harness, |h| {
        h.state()
            .notice()
            .is_some_and(|n| n.starts_with("Exported the client report"))
    });
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    assert!(text.contains("Prepared for Alex Doe"), "{text}");
}

#[test]
fn a_history_file_replays_and_lists_the_start_years_that_ran_out() {
    let dir = scratch("history");
    let csv = dir.join("history.csv");
    let mut text = String::from("# made up\nyear,stocks,bonds,cash,inflation\n");
    for (i, year) in (1950..2020).enumerate() {
        let r = if i % 3 == 0 { -0.3 } else { 0.09 };
        text.push_str(&format!("{year},{r},0.02,0.01,0.03\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let mut plan = Plan::sample();
    plan.simulation.returns = glidepath::plan::Returns::History {
        file: csv.to_string_lossy().into(),
        mode: glidepath::plan::HistoryMode::Rolling,
    };
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    let outcome = harness.state().outcome().cloned().unwrap();
    assert_eq!(outcome.mode, glidepath::outcome::Mode::HistoricalRolling);
    assert_eq!(outcome.paths, 11);
    harness.get_by_label_contains("Replayed history: 11 start years, 1950 to 1960");

    // Turning the sleeve on with a history that has no crypto: said plainly.
    harness
        .get_by_role_and_label(Role::CheckBox, "Add a crypto sleeve")
        .click_accesskit();
    wait_for_engine(&mut harness);
    let error = harness
        .state()
        .run_error()
        .map(ToString::to_string)
        .expect("an error");
    assert!(error.contains("no crypto column"), "{error}");
    harness.get_by_label_contains("has no crypto column");
    harness.get_by_label("Out of date: fix the plan to update");
}

#[test]
fn the_built_in_us_history_is_one_click_away_and_its_strip_names_the_failed_years() {
    let mut plan =
        glidepath::store::read_plan(std::path::Path::new("saves/retirees-drawing-income.ron"))
            .unwrap();
    plan.simulation.paths = 2_000;
    if let glidepath::plan::withdrawal::Withdrawal::FixedReal(need) =
        &mut plan.retirement.withdrawal
    {
        *need = 75_000.0;
    }
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    // Beside Monte Carlo, the chance over every US start year.
    wait_for_engine(&mut harness);
    harness.get_by_label_contains("US history since 1872: lasted in");
    harness.get_by_label("Simulation").click_accesskit();
    harness.run_steps(2);
    harness
        .get_by_label("US history 1872–2024, every start year")
        .click_accesskit();
    wait_for_results(&mut harness);
    assert_eq!(
        harness.state().plan().simulation.returns,
        glidepath::plan::Returns::us_history(glidepath::plan::HistoryMode::Rolling)
    );
    let outcome = harness.state().outcome().cloned().unwrap();
    assert_eq!(outcome.mode, glidepath::outcome::Mode::HistoricalRolling);
    let failed = outcome.failed_start_years.clone().unwrap();
    assert!(
        !failed.is_empty(),
        "a $75,000 need fails in some start years"
    );
    let (lasted, of) = outcome.start_years_lasted().unwrap();
    harness.get_by_label(&format!("Lasted in {lasted} of {of} start years"));
    // The strip shows the same calendar years as the JSON would.
    let worst = outcome.worst_start_years();
    let listed: Vec<String> = worst
        .iter()
        .map(|(y, a)| format!("{y} ran out at {a}"))
        .collect();
    harness.get_by_label(&format!(
        "Start years 1872 to {}: {}",
        1872 + of as i32 - 1,
        listed.join(", ")
    ));
    harness.get_by_label_contains(&format!(
        "it ran out soonest starting in {} (at {})",
        worst[0].0, worst[0].1
    ));
    // And Monte Carlo beside it, said in words.
    wait_for_engine(&mut harness);
    harness.get_by_label_contains("Monte Carlo from the assumptions:");
}

#[test]
fn changing_the_claiming_age_changes_the_benefit_line_and_the_income_chart() {
    let mut plan =
        glidepath::store::read_plan(std::path::Path::new("saves/couple-pension-college.ron"))
            .unwrap();
    plan.simulation.paths = 2_000;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    harness.get_by_label("Income by age").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("$1,680 a month at 62, $2,400 at 67 (yours), $2,976 at 70");
    let before = harness.state().outcome().cloned().unwrap();
    let at_70 = before.income.ages.iter().position(|&a| a == 70).unwrap();
    // Far down the panel: set as assistive technology would.
    harness
        .get_by_role_and_label(Role::SpinButton, "Claiming age")
        .set_value_accesskit(70.0);
    harness.run_steps(2);
    wait_for_results(&mut harness);
    harness.get_by_label_contains("$1,680 a month at 62, $2,400 at 67, $2,976 at 70 (yours)");
    let after = harness.state().outcome().cloned().unwrap();
    // The chart's Social Security band: nothing until 70, then 24% more.
    assert_eq!(after.income.social_security[at_70 - 1], 0.0);
    assert!((after.income.social_security[at_70] - 12.0 * 2_400.0 * 1.24).abs() < 1e-6);
    assert!(before.income.social_security[at_70 - 1] > 0.0);
    // What a death changes is said where the spouse is entered.
    harness.get_by_label_contains("After a death the survivor keeps the larger");
}

#[test]
fn choosing_guardrails_shows_the_rails_in_dollars_and_the_income_by_age() {
    let mut plan =
        glidepath::store::read_plan(std::path::Path::new("saves/retirees-drawing-income.ron"))
            .unwrap();
    plan.simulation.paths = 2_000;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Guardrails in dollars")
            .is_none()
    );
    harness
        .get_by_role_and_label(Role::ComboBox, "Withdrawal")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Guardrails").click_accesskit();
    wait_for_results(&mut harness);
    assert!(matches!(
        harness.state().plan().retirement.withdrawal,
        glidepath::plan::withdrawal::Withdrawal::Guardrails(_)
    ));
    // $900,000 at retirement, 5%: $45,000; cut below $750,000 to $40,500,
    // raised above $1,125,000 to $49,500.
    harness.get_by_label_contains(
        "spending starts at $45,000 a year before tax. If the account falls below $750,000, spending is cut to $40,500; above $1,125,000 it rises to $49,500.",
    );
    harness.get_by_label("Income by age").click_accesskit();
    wait_for_results(&mut harness);
    harness.get_by_label("Income by age, a year before and after tax, today's dollars");
    let outcome = harness.state().outcome().cloned().unwrap();
    // Guardrails move spending: the income's bad case and median part.
    let last = outcome.income.ages.len() - 1;
    assert!(outcome.income.bands.p10[last] < outcome.income.bands.p50[last]);
    // And the year-by-year table says what the rule did.
    harness.get_by_label("Year by year").click_accesskit();
    wait_for_engine(&mut harness);
    harness
        .get_by_label("A bad path (1 in 10 is worse)")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("What the rule did");
}

#[test]
fn future_dollars_switch_the_cards_too_and_they_say_so() {
    let mut harness = app();
    wait_for_results(&mut harness);
    let outcome = harness.state().outcome().cloned().unwrap();
    let today = outcome.portfolio.retirement.balance.p50;
    harness.get_by_label_contains(&usd_short(today));
    harness.get_by_label("Future dollars").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Balance at retirement (65), future dollars");
    let future = today * outcome.nominal_factor(65);
    harness.get_by_label_contains(&usd_short(future));
}

#[test]
fn an_example_tells_its_story_where_a_newcomer_looks() {
    let mut plan =
        glidepath::store::read_plan(std::path::Path::new("saves/retirees-guardrails.ron")).unwrap();
    plan.simulation.paths = 1_000;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    harness.get_by_label("Story");
    harness.get_by_role_and_label(Role::MultilineTextInput, "Notes");
    let notes = harness.state().plan().notes.clone();
    assert!(notes.starts_with("Maria retires at 65"));
}

#[test]
fn text_a_money_field_cannot_read_is_said_not_swallowed() {
    let mut harness = app();
    wait_for_results(&mut harness);
    type_into(&mut harness, "Balance, pre-tax", "abc");
    harness.run_steps(3);
    assert_eq!(
        harness.state().plan().saver.balance,
        85_000.0,
        "the value is kept"
    );
    harness.get_by_label_contains("Could not read \"abc\"");
    // The next edit clears it.
    type_into(&mut harness, "Balance, pre-tax", "90k");
    harness.run_steps(3);
    assert_eq!(harness.state().plan().saver.balance, 90_000.0);
    assert!(harness.query_by_label_contains("Could not read").is_none());
}

#[test]
fn on_a_narrow_window_the_cards_flow_into_two_rows() {
    let mut plan =
        glidepath::store::read_plan(std::path::Path::new("saves/young-saver-crypto-sleeve.ron"))
            .unwrap();
    plan.simulation.paths = 1_000;
    let mut harness = app_sized(
        Startup {
            plan,
            ..Startup::sample()
        },
        egui::vec2(1024.0, 640.0),
    );
    wait_for_results(&mut harness);
    harness.run_steps(3);
    let chance = harness
        .get_by_label_contains("Chance your money lasts to")
        .rect();
    let sleeve = harness.get_by_label("What the sleeve changes").rect();
    assert!(
        sleeve.top() > chance.bottom(),
        "the sleeve card is on the second row: {sleeve:?} {chance:?}"
    );
    // At 1280 the four figures share the first row, the sleeve and Roth
    // cards the second, side by side.
    let saver =
        glidepath::store::read_plan(std::path::Path::new("saves/young-saver-crypto-sleeve.ron"))
            .unwrap();
    let mut wide = app_with(saver.clone());
    wait_for_results(&mut wide);
    wide.run_steps(3);
    let chance = wide
        .get_by_label_contains("Chance your money lasts to")
        .rect();
    let bad_case = wide.get_by_label("In a bad case (1 in 10)").rect();
    let sleeve = wide.get_by_label("What the sleeve changes").rect();
    let roth = wide.get_by_label("What Roth deferrals change").rect();
    assert!((bad_case.top() - chance.top()).abs() < 2.0);
    assert!(sleeve.top() > chance.bottom(), "{sleeve:?} {chance:?}");
    assert!((roth.top() - sleeve.top()).abs() < 2.0 && roth.left() > sleeve.right());
    // Without the Roth card (retired: nothing deferred) all five share one.
    let mut retired = saver;
    retired.saver.retirement_age = retired.saver.age;
    let mut wide = app_with(retired);
    wait_for_results(&mut wide);
    wide.run_steps(3);
    let chance = wide
        .get_by_label_contains("Chance your money lasts to")
        .rect();
    let sleeve = wide.get_by_label("What the sleeve changes").rect();
    assert!((sleeve.top() - chance.top()).abs() < 2.0);
}

#[test]
fn saving_from_the_question_carries_on_with_what_was_asked() {
    let dir = scratch("carry_on");
    let mut harness = app();
    wait_for_results(&mut harness);
    harness
        .get_by_role_and_label(Role::SpinButton, "Age")
        .set_value_accesskit(50.0);
    harness.run_steps(2);
    // A plan never saved: Save asks where (here in the window), then the
    // example asked for opens.
    let path = dir.join("mine.ron");
    harness.state_mut().show_dialog(Dialog::AskPath {
        purpose: glidepath::app::PathFor::SavePlan,
        text: path.to_string_lossy().into_owned(),
        then: Some(Box::new(Command::OpenExample(0))),
    });
    harness.run_steps(2);
    harness.get_by_label("OK").click();
    harness.run_steps(4);
    assert_eq!(
        glidepath::store::open_plan(&path).unwrap().saver.age,
        50,
        "saved first"
    );
    assert_eq!(
        harness.state().plan().name,
        glidepath::store::example_names()[0],
        "then the example opened"
    );
}

#[test]
fn menus_open_from_the_keyboard() {
    let mut harness = app();
    wait_for_results(&mut harness);
    assert!(
        harness.query_by_label_contains("Save As").is_none(),
        "the File menu starts closed"
    );
    harness.key_press(egui::Key::F10);
    harness.run_steps(3);
    harness.get_by_label_contains("Save As");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::V);
    harness.run_steps(3);
    harness.get_by_label_contains("Actual size");
}

#[test]
fn the_plan_can_be_hidden_for_a_projector() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    harness.run_steps(3);
    assert!(harness.state().preferences().hide_plan);
    assert!(
        harness.query_by_label("Retirement age").is_none(),
        "the plan panel is hidden"
    );
    harness.get_by_label("Chance your money lasts to 95");
    // Whose plan it is stays on screen.
    harness.get_by_label_contains(
        "Alex, base case: Age 35, retires at 65, plans to 95; $85,000 saved, salary $72,000; saves 8% of pay; no crypto sleeve",
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    harness.run_steps(3);
    harness.get_by_label("Retirement age");
}

#[test]
fn without_a_file_dialog_the_path_is_asked_in_the_window() {
    let dir = scratch("ask_path");
    let mut harness = app();
    wait_for_results(&mut harness);
    let path = dir.join("typed.ron");
    harness.state_mut().show_dialog(Dialog::AskPath {
        purpose: glidepath::app::PathFor::SavePlan,
        text: String::new(),
        then: None,
    });
    harness.run_steps(3);
    harness.get_by_label("Save the plan as");
    harness
        .get_by_role_and_label(Role::TextInput, "File")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "File")
        .type_text(&path.to_string_lossy());
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(4);
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    assert_eq!(
        glidepath::store::open_plan(&path).unwrap(),
        *harness.state().plan()
    );
    assert_eq!(harness.state().file_path(), Some(path.as_path()));
}

#[test]
fn a_typed_value_is_kept_as_typed_and_explained_when_invalid() {
    let mut harness = app();
    wait_for_results(&mut harness);
    type_into(&mut harness, "You contribute", "150%");
    harness.run_steps(3);
    assert_eq!(
        harness.state().plan().contributions.employee_rate,
        1.5,
        "never clamped"
    );
    harness.get_by_label("must be between 0% and 100% (is 150%)");
    harness.get_by_label("Out of date: fix the plan to update");
}

#[test]
fn an_absurd_typed_age_is_explained_and_the_window_keeps_answering() {
    let mut harness = app();
    wait_for_results(&mut harness);
    type_into(&mut harness, "Plan to age", "1000000000");
    let started = std::time::Instant::now();
    harness.run_steps(5);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "five frames took {:?}: the window did work sized by the age",
        started.elapsed()
    );
    assert_eq!(harness.state().plan().saver.plan_to_age, 1_000_000_000);
    harness.get_by_label("must be at most 120 (is 1,000,000,000)");
    harness.get_by_label("Out of date: fix the plan to update");
    // The window still answers: putting the age back brings results back.
    harness
        .get_by_role_and_label(Role::SpinButton, "Plan to age")
        .set_value_accesskit(90.0);
    wait_for_results(&mut harness);
    assert!(harness.state().problems().is_empty());
    assert_eq!(harness.state().outcome().unwrap().ages.last(), Some(&90));
}

#[test]
fn while_a_slider_is_dragged_a_quick_run_answers_and_the_full_run_follows() {
    let mut plan = Plan::sample();
    plan.simulation.paths = 10_000;
    plan.allocation.sleeve = Some(glidepath::plan::sleeve::Sleeve::constant(0.02));
    // Tall enough that the sleeve's slider is on screen without scrolling.
    let mut harness = app_sized(
        Startup {
            plan,
            ..Startup::sample()
        },
        egui::vec2(1280.0, 1100.0),
    );
    wait_for_results(&mut harness);
    assert_eq!(harness.state().outcome().unwrap().paths, 10_000);

    let rect = harness
        .get_by_role_and_label(Role::Slider, "Weight now")
        .rect();
    let start = rect.center();
    harness.drag_at(start);
    harness.step();
    harness.hover_at(start + egui::vec2(25.0, 0.0));
    harness.step();
    let during = harness
        .state()
        .plan()
        .allocation
        .sleeve
        .as_ref()
        .unwrap()
        .weight;
    assert!(during > 0.02, "the drag moved the slider ({during})");
    wait_for_results(&mut harness);
    assert_eq!(
        harness.state().outcome().unwrap().paths,
        2_000,
        "a quick run while dragging"
    );

    harness.drop_at(start + egui::vec2(25.0, 0.0));
    wait_for_results(&mut harness);
    harness.run_steps(2);
    wait_for_results(&mut harness);
    assert_eq!(
        harness.state().outcome().unwrap().paths,
        10_000,
        "the full run once let go"
    );
    // One drag is one undo step.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness
            .state()
            .plan()
            .allocation
            .sleeve
            .as_ref()
            .unwrap()
            .weight,
        0.02
    );
}

#[test]
fn a_scenario_is_added_changed_compared_and_its_deletion_undone() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness.get_by_label("Add scenario").click();
    harness.run_steps(3);
    assert_eq!(harness.state().plan().variants.len(), 1);
    assert_eq!(harness.state().shown_scenario(), 1);
    harness.get_by_label_contains("The same as the base so far");
    harness
        .get_by_role_and_label(Role::SpinButton, "Retirement age")
        .set_value_accesskit(67.0);
    wait_for_results(&mut harness);
    harness.run_steps(3);
    harness.get_by_label("• Retires at 67 instead of 65");
    let plan = harness.state().plan();
    assert_eq!(plan.saver.retirement_age, 65, "the base is unchanged");
    assert_eq!(plan.scenario(1).unwrap().saver.retirement_age, 67);
    // The comparison shows both, the later retirement with the better chance.
    harness.get_by_label("Compare scenarios");
    harness.get_by_label("Chance the money lasts");
    let (base, later) = (
        harness
            .state()
            .scenario_outcome(0)
            .unwrap()
            .portfolio
            .success_probability,
        harness
            .state()
            .scenario_outcome(1)
            .unwrap()
            .portfolio
            .success_probability,
    );
    assert!(later > base, "{later} vs {base}");
    let points = ((later - base) * 100.0).round();
    harness.get_by_label(&format!("{points:+.0} points"));
    // Delete it, then undo the deletion.
    harness.get_by_label("Delete").click();
    harness.run_steps(3);
    assert!(harness.state().plan().variants.is_empty());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().plan().variants.len(), 1);
    assert_eq!(
        harness
            .state()
            .plan()
            .scenario(1)
            .unwrap()
            .saver
            .retirement_age,
        67
    );
}

#[test]
fn the_comparison_is_the_default_view_and_exports_with_its_disclosures() {
    let dir = scratch("compare_export");
    let mut plan = glidepath::store::parse_plan(
        include_str!("../saves/deciding-at-45.ron"),
        std::path::Path::new("deciding-at-45.ron"),
    )
    .unwrap();
    plan.simulation.paths = 2_000;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    assert!((0..4).all(|i| harness.state().scenario_outcome(i).is_some()));
    // A plan with variants opens on the comparison.
    assert!(harness.query_all_by_label("10% private equity").count() >= 2);
    harness.get_by_label("Chance the money lasts");
    let path = dir.join("comparison.csv");
    command(&mut harness, Command::ExportComparisonTo(path.clone()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# Plan: Sam, 45, retire at 65?\n"),
        "{text}"
    );
    assert!(text.contains("# Scenarios on the same simulated markets: Sam, 45, retire at 65?; Retire at 67; 5% crypto; 10% private equity"));
    assert!(text.contains("not a guarantee"));
    assert!(text.contains("\nscenario,changed,success_probability,"));
    assert_eq!(text.lines().filter(|l| !l.starts_with('#')).count(), 5);
}

/// Lets the app settle, then `done` holds: what the engine (inline) was
/// asked is answered.
fn wait_until(
    harness: &mut Harness<'_, GlidepathApp>,
    done: impl Fn(&Harness<'_, GlidepathApp>) -> bool,
) {
    harness.run();
    assert!(
        done(harness),
        "the answer is on screen once the app settles"
    );
}

#[test]
fn the_solve_answer_appears_and_apply_changes_the_contribution_rate() {
    let mut harness = app();
    wait_for_results(&mut harness);
    wait_until(&mut harness, |h| {
        h.query_by_label_contains("instead of 8%").is_some()
    });
    let before = harness.state().plan().contributions.employee_rate;
    harness.get_by_label_contains("Save ");
    harness.get_by_label("Apply").click();
    harness.run_steps(3);
    let after = harness.state().plan().contributions.employee_rate;
    assert!(after > before, "{after} vs {before}");
    // One undo step takes it back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().plan().contributions.employee_rate, before);
}

#[test]
fn the_sleeve_tab_draws_one_line_per_view() {
    let mut plan = Plan::sample();
    plan.simulation.paths = 1_000;
    plan.allocation.sleeve = Some(glidepath::plan::sleeve::Sleeve::constant(0.03));
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    harness.get_by_label("Sleeve and questions").click();
    wait_until(&mut harness, |h| {
        h.query_all_by_label("Your assumption").count() >= 2
    });
    for view in ["Skeptic", "Neutral", "Optimist", "Your assumption"] {
        assert!(
            harness.query_all_by_label(view).count() >= 2,
            "{view} in both charts' legends"
        );
    }
    harness.get_by_label("What firms have published (context, not advice)");
}

#[test]
fn the_zero_toggle_changes_the_cards_and_says_what_it_costs() {
    let mut plan = Plan::sample();
    plan.simulation.paths = 1_000;
    plan.allocation.sleeve = Some(glidepath::plan::sleeve::Sleeve::constant(0.05));
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    let before = median_at_retirement(&harness);
    let card = glidepath::units::usd_short(before);
    harness.get_by_label(&card);
    // The sleeve card says what crypto must return, once found.
    wait_until(&mut harness, |h| {
        h.query_by_label_contains("The sleeve pays off only if crypto beats")
            .is_some()
    });
    harness.get_by_label("Crypto goes to zero at").click();
    wait_until(&mut harness, |h| {
        h.state().outcome().is_some_and(|o| o.stress.is_some())
    });
    let after = median_at_retirement(&harness);
    assert!(after < before, "{after} against {before}");
    let card = glidepath::units::usd_short(after);
    harness.get_by_label(&card);
    harness.get_by_label_contains("less at retirement");
    assert_eq!(
        harness
            .state()
            .outcome()
            .unwrap()
            .stress
            .as_ref()
            .unwrap()
            .name,
        format!("zero-at:{}", Plan::sample().saver.retirement_age - 1)
    );
    // The crash instead: one stress at a time.
    harness
        .get_by_label("A crash the year before retirement")
        .click();
    wait_until(&mut harness, |h| {
        h.state()
            .outcome()
            .and_then(|o| o.stress.as_ref())
            .is_some_and(|s| s.name == "crash-before-retirement")
    });
    // And off again: the first numbers come back.
    harness
        .get_by_label("A crash the year before retirement")
        .click();
    wait_until(&mut harness, |h| {
        h.state().outcome().is_some_and(|o| o.stress.is_none())
    });
    assert_eq!(median_at_retirement(&harness), before);
}

#[test]
fn the_income_card_says_after_tax_and_the_taxes_tab_shows_what_tax_takes() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness.get_by_label("Monthly income after tax, first year retired, today's dollars");
    harness.get_by_label_contains("Before tax: ");
    // The tab (the plan panel's group of the same name comes first).
    harness
        .get_all_by_label("Taxes")
        .last()
        .unwrap()
        .click_accesskit();
    wait_for_results(&mut harness);
    harness.get_by_label("Tax by age, a year, today's dollars");
    harness.get_by_label("Money at retirement (65), by kind");
    harness.get_by_label_contains("Tax over the whole plan");
    let outcome = harness.state().outcome().cloned().unwrap();
    let taxes = outcome.taxes.expect("the sample has taxes");
    harness.get_by_label(&format!(
        "Median {}; 1 in 10 pays more than {}",
        usd_short(taxes.lifetime_tax.p50),
        usd_short(taxes.lifetime_tax.p90)
    ));
    // The tax choices, worked out while the tab is open.
    harness.get_by_label("Your tax choices, on the same markets");
    wait_until(&mut harness, |h| {
        h.query_by_label("Every deferral Roth").is_some()
    });
    // In the table's words and on the Roth card above the tabs.
    assert_eq!(
        harness
            .query_all_by_label_contains(
                "Against every deferral traditional, Roth deferrals cost you"
            )
            .count(),
        2
    );
    harness.get_by_label("Take-home now");
    harness.get_by_label_contains("Roth conversions, ages ");
    harness.get_by_label("Tax on conversions");
    harness.get_by_label("Which account pays first");
    // One best row in each of the two tables that mark one.
    assert_eq!(harness.query_all_by_label_contains("(best)").count(), 2);
    // One click turns the chart into the bracket room.
    harness
        .get_by_label("Bracket room, today's dollars")
        .click();
    harness.run();
    harness.get_by_label("Other taxable income");
    harness.get_by_label("Top of a bracket");
    harness.get_by_label("Planning window");
    assert!(harness.query_by_label("Federal tax, median").is_none());
}

#[test]
fn the_roth_card_shows_while_the_saver_works() {
    let mut harness = app();
    wait_for_results(&mut harness);
    harness.get_by_label("What Roth deferrals change");
    wait_until(&mut harness, |h| {
        h.query_by_label_contains("Chance money lasts: as it is ")
            .is_some()
    });
    harness.get_by_label_contains("Against every deferral traditional, Roth deferrals cost you $");
    harness.get_by_label_contains("of take-home pay this year");
    // A retiree defers nothing: no card.
    let mut plan = Plan::sample();
    plan.simulation.paths = 500;
    plan.saver.retirement_age = plan.saver.age;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    assert!(
        harness
            .query_by_label("What Roth deferrals change")
            .is_none()
    );
}

#[test]
fn the_taxes_section_edits_the_plan_and_explains_each_control() {
    // Tall enough that the whole plan panel is on screen, Taxes open.
    let mut plan = Plan::sample();
    plan.simulation.paths = 2_000;
    let mut harness = app_sized(
        Startup {
            plan,
            ..Startup::sample()
        },
        egui::vec2(1280.0, 2600.0),
    );
    wait_for_results(&mut harness);
    let chance = harness
        .state()
        .outcome()
        .unwrap()
        .portfolio
        .success_probability;
    // The plan panel's group (the outcome's tab of the same name comes after).
    harness
        .get_all_by_label("Taxes")
        .next()
        .unwrap()
        .click_accesskit();
    harness.run();
    type_into(&mut harness, "State income tax", "6%");
    wait_for_results(&mut harness);
    let taxes = harness.state().plan().taxes.clone().unwrap();
    assert!(
        (taxes.state.rate - 0.06).abs() < 1e-12,
        "{}",
        taxes.state.rate
    );
    assert!(
        harness
            .state()
            .outcome()
            .unwrap()
            .portfolio
            .success_probability
            <= chance
    );
    harness.get_by_label_contains("No income tax in AK, FL, NV");
    // Conversions on: their window's rows appear, explained.
    harness
        .get(
            egui_kittest::kittest::By::new()
                .role(Role::CheckBox)
                .label_contains("onver"),
        )
        .click_accesskit();
    harness.run();
    harness.get_by_role_and_label(Role::SpinButton, "From age");
    harness.get_by_label_contains("else withheld from the conversion");
    assert!(
        harness
            .state()
            .plan()
            .taxes
            .as_ref()
            .unwrap()
            .conversions
            .is_some()
    );
    // A conversion window before 60 is refused, with the reason beside it.
    type_into(&mut harness, "From age", "58");
    wait_for_engine(&mut harness);
    harness.get_by_label_contains("early withdrawal");
}

#[test]
fn a_plan_before_tax_says_so_once_and_taxes_turn_on_undoably() {
    let mut plan = Plan::sample_before_tax();
    plan.simulation.paths = 2_000;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    harness.get_by_label_contains("This plan has no taxes");
    harness.get_by_label("Monthly income before tax, first year retired, today's dollars");
    harness.get_by_label("Turn taxes on").click_accesskit();
    wait_for_results(&mut harness);
    assert!(harness.state().plan().taxes.is_some());
    assert!(
        harness
            .query_by_label_contains("This plan has no taxes")
            .is_none()
    );
    harness.get_by_label("Monthly income after tax, first year retired, today's dollars");
    command(&mut harness, Command::Undo);
    wait_for_results(&mut harness);
    assert!(harness.state().plan().taxes.is_none(), "one undo step");
    // Said once: undone, the offer does not come back.
    assert!(
        harness
            .query_by_label_contains("This plan has no taxes")
            .is_none()
    );
}

#[test]
fn the_life_table_hint_plans_to_an_age_in_one_click() {
    let mut plan = Plan::sample();
    plan.simulation.paths = 500;
    let mut harness = app_with(plan.clone());
    wait_for_results(&mut harness);
    harness.get_by_label_contains("Give your sex below");
    // With her sex given: what the table says, and one click.
    plan.saver.sex = Some(glidepath::life::Sex::Female);
    plan.saver.plan_to_age = 90;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    harness.get_by_label_contains("By the SSA period life table a 35-year-old woman has a");
    let outlook = glidepath::life::Outlook::new(
        glidepath::life::ssa_period(),
        glidepath::life::Person {
            age: 35,
            sex: glidepath::life::Sex::Female,
        },
        None,
    );
    let oldest = outlook.reached_with().p10;
    harness.get_by_label(&format!("Plan to {oldest}")).click();
    harness.run_steps(2);
    assert_eq!(harness.state().plan().saver.plan_to_age, oldest);
}

#[test]
fn lifespans_from_the_table_change_what_the_chance_means_and_show_the_ages_at_death() {
    let mut plan =
        glidepath::store::read_plan(std::path::Path::new("saves/couple-pension-college.ron"))
            .unwrap();
    plan.simulation.paths = 1_000;
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    harness.get_by_label_contains("Chance your money lasts to 95");
    // The switch under Simulation, as a person clicks it.
    harness.get_by_label("Simulation").click_accesskit();
    harness.run_steps(2);
    harness
        .get_by_label("Ages at death from the SSA life table")
        .click_accesskit();
    harness.run_steps(2);
    wait_for_results(&mut harness);
    assert!(harness.state().plan().simulation.lifespan.is_table());
    harness.get_by_label_contains("Chance your money lasts as long as either of you lives");
    harness.get_by_label_contains("Money left at death");
    harness.get_by_label_contains("Ages at death from the SSA table. You: half die by");
    // Without the spouse's sex the table cannot be used, and it is said where.
    let mut plan = harness.state().plan().clone();
    if let Some(spouse) = plan.retirement.spouse.as_mut() {
        spouse.sex = None;
    }
    let mut harness = app_with(plan);
    harness.run_steps(4);
    // Under Simulation and beside the spouse's sex.
    assert_eq!(
        harness
            .query_all_by_label_contains("lifespans from the life table need the spouse's sex")
            .count(),
        2
    );
}

#[test]
fn a_death_in_the_story_is_chosen_and_the_survivor_years_follow() {
    let mut plan =
        glidepath::store::read_plan(std::path::Path::new("saves/couple-pension-college.ron"))
            .unwrap();
    plan.simulation.paths = 500;
    plan.retirement.survivor = Some(glidepath::plan::lifespan::SurvivorStory {
        saver_dies_at: Some(80),
        spouse_dies_at: None,
    });
    let mut harness = app_with(plan);
    wait_for_results(&mut harness);
    harness.get_by_label_contains("In this story you die at 80; your spouse lives on");
    let outcome = harness.state().outcome().cloned().unwrap();
    let at = |age: u32| outcome.income.ages.iter().position(|a| *a == age).unwrap();
    // From 81 the spouse has Pat's $2,400 a month and Pat's own stops.
    assert_eq!(outcome.income.social_security[at(81)], 0.0);
    assert_eq!(outcome.income.spouse[at(81)], 12.0 * 2_400.0);
    harness.get_by_label_contains("After a death the survivor keeps the larger");
}

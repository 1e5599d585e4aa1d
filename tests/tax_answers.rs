//! The tax answers (MODEL-v3 §16.5–16.7): Roth or traditional, conversions
//! by bracket, the withdrawal order, on the same draws. Each row is its plan
//! simulated alone, bit for bit; common random numbers make a difference
//! between two choices far steadier than independent runs; the take-home
//! pay a Roth deferral costs is the hand computation's; bad input refused.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use glidepath::engine::{RunControl, Runner, SimulationError, TaxAnswers, Workspace};
use glidepath::plan::taxes::{FillBracket, Order};
use glidepath::plan::{Plan, validate};

fn answers(plan: &Plan) -> TaxAnswers {
    Runner::new(&mut Workspace::default(), &RunControl::new())
        .tax_answers(&validate(plan).unwrap())
        .unwrap()
}

fn sample(paths: u32, seed: u64) -> Plan {
    let mut plan = Plan::sample();
    plan.simulation.paths = paths;
    plan.simulation.seed = seed;
    plan
}

#[test]
fn every_row_is_its_plan_simulated_alone() {
    let plan = sample(400, 11);
    let a = answers(&plan);
    assert_eq!(a.format, "glidepath-tax-answers/1");
    assert_eq!(
        (a.roth.len(), a.conversions.len(), a.orders.len()),
        (3, 6, 4)
    );
    let alone = |change: &dyn Fn(&mut Plan)| {
        let mut p = plan.clone();
        change(&mut p);
        glidepath::simulate(&validate(&p).unwrap(), &RunControl::new()).unwrap()
    };
    let window = a.conversion_window;
    let mut expected: Vec<(&glidepath::engine::TaxChoice, glidepath::Outcome)> = vec![
        (&a.roth[0], alone(&|_| {})),
        (&a.roth[1], alone(&|p| p.contributions.roth_share = 0.0)),
        (&a.roth[2], alone(&|p| p.contributions.roth_share = 1.0)),
        (
            &a.conversions[0],
            alone(&|p| p.taxes.as_mut().unwrap().conversions = None),
        ),
        (
            &a.orders[1],
            alone(&|p| p.taxes.as_mut().unwrap().order = Order::ProRata),
        ),
        (
            &a.orders[3],
            alone(&|p| {
                p.taxes.as_mut().unwrap().order = Order::FillBracket(FillBracket { top_rate: 0.22 })
            }),
        ),
    ];
    for (k, rate) in [(2, 0.12), (3, 0.22)] {
        expected.push((
            &a.conversions[k],
            alone(&|p| {
                p.taxes.as_mut().unwrap().conversions = Some(glidepath::plan::taxes::Conversions {
                    fill_to_rate: rate,
                    from_age: window[0],
                    until_age: window[1],
                })
            }),
        ));
    }
    for (row, outcome) in expected {
        let p = &outcome.portfolio;
        assert_eq!(
            row.success_probability, p.success_probability,
            "{}",
            row.choice
        );
        let after = p.retirement.annual_income_after_tax.as_ref().unwrap();
        assert_eq!(row.income_after_tax.p10, after.p10, "{}", row.choice);
        assert_eq!(row.income_after_tax.p50, after.p50, "{}", row.choice);
        let taxes = outcome.taxes.as_ref().unwrap();
        assert_eq!(
            row.lifetime_tax.p50, taxes.lifetime_tax.p50,
            "{}",
            row.choice
        );
        assert_eq!(
            row.lifetime_tax.p90, taxes.lifetime_tax.p90,
            "{}",
            row.choice
        );
        assert_eq!(
            row.left_at_end.p50,
            *p.bands.p50.last().unwrap(),
            "{}",
            row.choice
        );
        assert_eq!(
            row.left_at_end.p10,
            *p.bands.p10.last().unwrap(),
            "{}",
            row.choice
        );
    }
    // One best row in each table that has one.
    assert_eq!(a.conversions.iter().filter(|r| r.best).count(), 1);
    assert_eq!(a.orders.iter().filter(|r| r.best).count(), 1);
    assert!(a.roth.iter().all(|r| !r.best));
    assert!(
        a.roth_in_words
            .starts_with("Against every deferral traditional"),
        "{}",
        a.roth_in_words
    );
}

/// Common random numbers: the Roth-or-traditional difference in what is
/// left at the end (the median) moves far less from seed to seed on the
/// same draws than between runs on independent seeds. (The first year's
/// income after tax is the need itself for this plan, the same either
/// way, so the figure that moves is the money left; the need is one most
/// paths meet, as a median at the edge of running out is no measure.)
#[test]
fn the_same_draws_make_the_difference_the_choice_alone() {
    let std = |v: &[f64]| {
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
    };
    let (mut same, mut independent) = (Vec::new(), Vec::new());
    for seed in 1..=10u64 {
        let plan = |seed| {
            let mut p = sample(1_000, seed);
            p.retirement.withdrawal = glidepath::plan::withdrawal::Withdrawal::FixedReal(40_000.0);
            p
        };
        let a = answers(&plan(seed));
        let b = answers(&plan(seed + 1_000));
        let (traditional, roth) = (&a.roth[1], &a.roth[2]);
        same.push(roth.left_at_end.p50 - traditional.left_at_end.p50);
        independent.push(roth.left_at_end.p50 - b.roth[1].left_at_end.p50);
    }
    let (s, i) = (std(&same), std(&independent));
    eprintln!("std of the difference: same draws ${s:.0}, independent seeds ${i:.0}");
    assert!(s <= 0.5 * i, "same draws {s} against independent {i}");
}

/// `plan`'s saver single at `age`, retiring at 65, earning $100,000 a year
/// (no raise) and deferring 10% of it, no employer match, no state tax.
fn single_deferring_10_percent_of_100k(plan: &mut Plan, age: u32) {
    plan.saver.age = age;
    plan.saver.retirement_age = 65;
    plan.saver.salary = 100_000.0;
    plan.saver.salary_growth = 0.0;
    plan.contributions.employee_rate = 0.10;
    plan.contributions.escalation = 0.0;
    plan.contributions.employer_match.clear();
    plan.retirement.spouse = None;
    plan.taxes.as_mut().unwrap().state.rate = 0.0;
}

/// A saver of 40, single, $100,000 of pay, deferring 10% ($10,000), in
/// the 22% bracket either way: every deferral Roth costs 22% of it in
/// take-home pay today, $2,200 to the cent (payroll tax is the same
/// either way and left out).
#[test]
fn a_roth_deferral_costs_its_tax_today() {
    let mut plan = sample(200, 3);
    single_deferring_10_percent_of_100k(&mut plan, 40);
    let a = answers(&plan);
    let traditional = a.roth[1].take_home_now_usd.unwrap();
    let roth = a.roth[2].take_home_now_usd.unwrap();
    assert!(
        (traditional - roth - 2_200.0).abs() < 0.005,
        "{traditional} - {roth}"
    );
    // Independently: pay less the deferral less the tax on the wages left.
    // Single, 2026: $16,100 deduction; 10% to $12,400, 12% to $50,400, 22% above.
    let tax = |wages: f64| {
        let taxable: f64 = (wages - 16_100.0).max(0.0);
        0.10 * taxable.min(12_400.0)
            + 0.12 * (taxable.min(50_400.0) - 12_400.0).max(0.0)
            + 0.22 * (taxable.min(105_700.0) - 50_400.0).max(0.0)
    };
    assert!((traditional - (100_000.0 - 10_000.0 - tax(90_000.0))).abs() < 0.005);
    assert!((roth - (100_000.0 - 10_000.0 - tax(100_000.0))).abs() < 0.005);
}

#[test]
fn a_plan_before_tax_is_refused() {
    let plan = validate(&Plan::sample_before_tax()).unwrap();
    match Runner::new(&mut Workspace::default(), &RunControl::new()).tax_answers(&plan) {
        Err(SimulationError::Invalid(problems)) => {
            assert_eq!(problems[0].field, "taxes");
            assert!(problems[0].message.contains("need a plan with taxes"));
        }
        other => panic!("{other:?}"),
    }
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tax-answers");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("before.ron");
    std::fs::write(
        &path,
        glidepath::store::plan_to_ron(&Plan::sample_before_tax()).unwrap(),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args(["taxes", path.to_str().unwrap(), "--paths", "50"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("taxes: the tax answers need a plan with taxes")
    );
    let taxed = dir.join("taxed.ron");
    std::fs::write(
        &taxed,
        glidepath::store::plan_to_ron(&Plan::sample()).unwrap(),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_glidepath"))
        .args([
            "taxes",
            taxed.to_str().unwrap(),
            "--paths",
            "100",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 1 + 3 + 6 + 4, "{csv}");
}

/// The tax levers as a plan's variants: `compare` runs them on the same
/// draws and each equals, bit for bit, the tax answers' row of that choice.
#[test]
fn tax_variants_compare_as_the_tax_answers_rows() {
    let mut plan = sample(400, 7);
    let a = answers(&plan);
    let [from, until] = a.conversion_window;
    for (name, changes) in [
        ("All Roth", "(contributions: (roth_share: 1.0))".to_owned()),
        (
            "Convert to 22%",
            format!(
                "(taxes: (conversions: Some((fill_to_rate: 0.22, from_age: {from}, until_age: {until}))))"
            ),
        ),
        ("Pro rata", "(taxes: (order: ProRata))".to_owned()),
    ] {
        plan.variants.push(glidepath::plan::scenario::Variant {
            name: name.to_owned(),
            changes: ron::from_str(&changes).unwrap(),
        });
    }
    let valid = validate(&plan).unwrap();
    let scenarios = valid.scenarios();
    let comparison = Runner::new(&mut Workspace::default(), &RunControl::new())
        .compare(&valid, &scenarios)
        .unwrap();
    let by_name = |name: &str| {
        &comparison
            .scenarios
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .outcome
    };
    for (name, row) in [
        ("All Roth", &a.roth[2]),
        ("Convert to 22%", &a.conversions[3]),
        ("Pro rata", &a.orders[1]),
    ] {
        let outcome = by_name(name);
        let taxes = outcome.taxes.as_ref().unwrap();
        assert_eq!(
            outcome.portfolio.success_probability, row.success_probability,
            "{name}"
        );
        assert_eq!(taxes.lifetime_tax.p50, row.lifetime_tax.p50, "{name}");
        assert_eq!(taxes.lifetime_tax.p90, row.lifetime_tax.p90, "{name}");
        assert_eq!(
            *outcome.portfolio.bands.p50.last().unwrap(),
            row.left_at_end.p50,
            "{name}"
        );
    }
}

/// The Roth card's rows are the Roth table's, bit for bit, in the same words.
#[test]
fn what_roth_changes_is_the_roth_table() {
    let plan = sample(300, 5);
    let a = answers(&plan);
    let changes = Runner::new(&mut Workspace::default(), &RunControl::new())
        .roth_changes(&validate(&plan).unwrap())
        .unwrap();
    assert_eq!(changes.rows, a.roth);
    assert_eq!(changes.in_words, a.roth_in_words);
    assert!(
        changes.in_words.contains("of take-home pay this year"),
        "{}",
        changes.in_words
    );
}

/// Zero volatility and zero returns, by hand: a single saver of 64 earning
/// $100,000 defers 10% in her last working year, then at 65 draws $40,000
/// a year before tax, pro rata from her kinds of money (no Social
/// Security, no inflation). Now the deferral is taxed at 22% (her wages
/// past $50,400 + $16,100): Roth costs $2,200 of take-home pay. Later the
/// withdrawal's traditional part is taxed at 12%: with the $10,000 in Roth
/// beside $600,000 pre-tax, 10,000/610,000 of each withdrawal is tax-free.
#[test]
fn roth_against_traditional_now_and_later_to_the_cent() {
    let mut plan = Plan::sample();
    single_deferring_10_percent_of_100k(&mut plan, 64);
    plan.saver.plan_to_age = 90;
    plan.saver.balance = 600_000.0;
    plan.saver.roth_balance = 0.0;
    plan.contributions.employer_fixed = 0.0;
    plan.contributions.taxable_savings = 0.0;
    plan.retirement.social_security = None;
    plan.retirement.income.clear();
    plan.retirement.essential = None;
    plan.retirement.withdrawal = glidepath::plan::withdrawal::Withdrawal::FixedReal(40_000.0);
    plan.fees = glidepath::plan::fees::Fees {
        stocks: 0.0,
        bonds: 0.0,
        cash: 0.0,
        crypto: 0.0,
        plan: 0.0,
    };
    let a = &mut plan.assumptions;
    a.inflation = 0.0;
    for asset in [&mut a.stocks, &mut a.bonds, &mut a.cash, &mut a.crypto] {
        asset.mean = 0.0;
        asset.volatility = 0.0;
    }
    a.crypto_crash = None;
    plan.allocation.sleeve = None;
    plan.simulation.paths = 5;
    let t = plan.taxes.as_mut().unwrap();
    t.spending = glidepath::plan::taxes::Spending::BeforeTax;
    t.order = Order::ProRata;
    t.conversions = None;
    let a = answers(&plan);
    let (traditional, roth) = (&a.roth[1], &a.roth[2]);
    let cent = |what: &str, engine: f64, hand: f64| {
        assert!(
            (engine - hand).abs() < 0.005,
            "{what}: engine {engine:.4}, hand {hand:.4}"
        );
    };
    // Now: the $10,000 deferral is taxed at 22% when it goes Roth.
    cent(
        "take-home pay Roth costs",
        traditional.take_home_now_usd.unwrap() - roth.take_home_now_usd.unwrap(),
        2_200.0,
    );
    // Later, the first year retired (2027: $16,100 + $2,050 at 65 + the
    // senior deduction's $6,000, its phase-out far off; 10% to $12,400,
    // then 12%).
    let tax = |ordinary: f64| {
        let taxable: f64 = (ordinary - 16_100.0 - 2_050.0 - 6_000.0).max(0.0);
        0.10 * taxable.min(12_400.0) + 0.12 * (taxable - 12_400.0).max(0.0)
    };
    let all_traditional = 40_000.0 - tax(40_000.0);
    let with_roth = 40_000.0 - tax(40_000.0 * 600_000.0 / 610_000.0);
    cent(
        "after tax, all traditional",
        traditional.income_after_tax.p50,
        all_traditional,
    );
    cent("after tax, with Roth", roth.income_after_tax.p50, with_roth);
    cent(
        "what Roth adds a year after tax",
        roth.income_after_tax.p50 - traditional.income_after_tax.p50,
        0.12 * 40_000.0 * 10_000.0 / 610_000.0,
    );
}

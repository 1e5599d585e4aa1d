//! Income as people get it (MODEL-v2 §12): Social Security by claiming
//! age, a spouse, pensions and expenses. Zero volatility against a plain
//! loop written here, and invariants on the same draws.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::plan::fees::Fees;
use glidepath::plan::glide_path::{GlidePath, Knot};
use glidepath::plan::income::IncomeStream;
use glidepath::plan::social_security::{Benefit, SocialSecurity, Spouse, claim_factor};
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::plan::{Plan, validate};
use glidepath::{Outcome, RunControl, simulate};

const STOCKS: f64 = 0.05;
const BONDS: f64 = 0.02;
const INFLATION: f64 = 0.03;

/// A couple retiring at 62 from 60 with a fixed 50/50 mix, no fees: the
/// saver's benefit by PIA, a spouse four years younger, a pension fixed in
/// dollars and four years of college.
fn couple(withdrawal: Withdrawal, vol: f64) -> Plan {
    let mut plan = Plan::sample_before_tax();
    plan.saver.age = 60;
    plan.saver.retirement_age = 62;
    plan.saver.plan_to_age = 90;
    plan.saver.balance = 900_000.0;
    plan.saver.salary = 100_000.0;
    plan.contributions.employer_match = Vec::new();
    plan.contributions.employee_rate = 0.10;
    plan.contributions.escalation = 0.0;
    let half = |years_to_retirement| Knot {
        years_to_retirement,
        stocks: 0.5,
        bonds: 0.5,
        cash: 0.0,
    };
    plan.allocation.glide_path = GlidePath::new("50/50", vec![half(10.0), half(-40.0)]);
    plan.allocation.sleeve = None;
    plan.fees = Fees::NONE;
    let r = &mut plan.retirement;
    r.withdrawal = withdrawal;
    r.social_security = Some(SocialSecurity::Claimed(Benefit {
        pia: 2_400.0,
        claim_age: 67,
        full_retirement_age: 67,
    }));
    r.spouse = Some(Spouse {
        age: 56,
        pia: 700.0,
        claim_age: 62,
        full_retirement_age: 67,
        sex: None,
    });
    r.income = vec![
        IncomeStream {
            name: "Pension".into(),
            annual: 18_000.0,
            from_age: 62,
            until_age: None,
            inflation_adjusted: false,
            taxable: true,
            survivor_share: 0.0,
        },
        IncomeStream {
            name: "College".into(),
            annual: -30_000.0,
            from_age: 63,
            until_age: Some(66),
            inflation_adjusted: true,
            taxable: true,
            survivor_share: 0.0,
        },
    ];
    let a = &mut plan.assumptions;
    a.stocks.mean = STOCKS;
    a.bonds.mean = BONDS;
    a.inflation = INFLATION;
    for asset in [&mut a.stocks, &mut a.bonds, &mut a.cash, &mut a.crypto] {
        asset.volatility = vol;
    }
    a.crypto_crash = None;
    plan.simulation.paths = if vol == 0.0 { 3 } else { 3_000 };
    plan
}

fn run(plan: &Plan) -> Outcome {
    simulate(&validate(plan).unwrap(), &RunControl::new()).unwrap()
}

/// The household's Social Security in the year the saver is `age`, by the
/// SSA rules written out: the saver's own from 67; the spouse's own from
/// their 62 (the saver's 66), 30% early; from the year both have claimed
/// (the saver's 67, the spouse then 63) a spousal top-up of half the
/// saver's PIA less hers, reduced for her 48 months early.
fn social_security(age: u32) -> (f64, f64) {
    let saver = if age >= 67 { 12.0 * 2_400.0 } else { 0.0 };
    let own = if age >= 66 { 12.0 * 700.0 * 0.70 } else { 0.0 };
    let top_up = if age >= 67 {
        12.0 * (1_200.0 - 700.0) * (1.0 - 36.0 * 25.0 / 3600.0 - 12.0 * 5.0 / 1200.0)
    } else {
        0.0
    };
    (saver, own + top_up)
}

#[test]
fn zero_volatility_income_equals_a_hand_computation() {
    for withdrawal in [
        Withdrawal::FixedReal(85_000.0),
        Withdrawal::InitialRate(0.04),
    ] {
        let plan = couple(withdrawal, 0.0);
        let outcome = run(&plan);
        let growth = 0.5 * (1.0 + STOCKS) + 0.5 * (1.0 + BONDS);
        let mut balance = plan.saver.balance;
        let mut b_r = 0.0;
        let mut i = 0;
        for age in 60..90 {
            if age < 62 {
                // Working: 10% of $100,000 through the year, half a year's growth.
                let salary = 100_000.0 * (1.0 + plan.saver.salary_growth).powi((age - 60) as i32);
                balance = balance * growth + 0.10 * salary * growth.sqrt();
                continue;
            }
            if age == 62 {
                b_r = balance;
            }
            let (ss, spouse) = social_security(age);
            // The pension loses a year of inflation each year after 62.
            let pension = 18_000.0 / (1.0 + INFLATION).powi((age - 62) as i32);
            let college = if (63..=66).contains(&age) {
                30_000.0
            } else {
                0.0
            };
            let net = ss + spouse + pension - college;
            let paid = match withdrawal {
                Withdrawal::FixedReal(need) => (need - net).max(0.0),
                Withdrawal::InitialRate(rate) => rate * b_r + college,
                _ => unreachable!(),
            };
            assert!(paid <= balance, "the money lasts in this plan");
            let total = paid + net;
            let got = outcome.income.bands.p50[i];
            assert!(
                (got - total).abs() < 1e-6 * total.abs().max(1.0),
                "{withdrawal:?} at {age}: {got} against {total}"
            );
            assert_eq!(outcome.income.ages[i], age);
            assert!((outcome.income.social_security[i] - ss).abs() < 1e-9);
            assert!((outcome.income.spouse[i] - spouse).abs() < 1e-9, "{age}");
            assert!((outcome.income.other[i] - pension).abs() < 1e-9);
            assert!((outcome.income.expenses[i] - college).abs() < 1e-9);
            balance = (balance - paid) * growth;
            let engine = outcome.portfolio.bands.p50[(age - 60 + 1) as usize];
            assert!(
                (engine - balance).abs() < 1e-6 * balance,
                "{withdrawal:?} balance at {}: {engine} against {balance}",
                age + 1
            );
            i += 1;
        }
        assert_eq!(i, outcome.income.ages.len());
        // Under an income need the total is the need whenever the money lasts.
        if let Withdrawal::FixedReal(need) = withdrawal {
            assert!(
                outcome
                    .income
                    .bands
                    .p10
                    .iter()
                    .all(|v| (v - need).abs() < 1e-6)
            );
        }
    }
}

#[test]
fn a_pension_never_lowers_any_percentile_of_the_balance() {
    for withdrawal in [
        Withdrawal::FixedReal(85_000.0),
        Withdrawal::InitialRate(0.045),
        Withdrawal::PercentOfBalance(0.05),
    ] {
        let with = couple(withdrawal, 0.12);
        let mut without = with.clone();
        without.retirement.income.retain(|s| s.annual < 0.0);
        let (a, b) = (run(&with), run(&without));
        let (a, b) = (a.portfolio.bands.as_array(), b.portfolio.bands.as_array());
        for (level_with, level_without) in a.iter().zip(b) {
            for (w, wo) in level_with.iter().zip(level_without.iter()) {
                assert!(w >= wo, "{withdrawal:?}: {w} below {wo}");
            }
        }
    }
}

#[test]
fn under_the_four_percent_rule_claiming_later_never_lowers_income_after_70() {
    let early = couple(Withdrawal::InitialRate(0.04), 0.12);
    for claim_age in 68..=70 {
        let mut later = early.clone();
        if let Some(SocialSecurity::Claimed(b)) = &mut later.retirement.social_security {
            b.claim_age = claim_age;
        }
        let (e, l) = (run(&early), run(&later));
        for (k, &age) in e.income.ages.iter().enumerate() {
            if age < 70 {
                continue;
            }
            for (le, ll) in e
                .income
                .bands
                .as_array()
                .iter()
                .zip(l.income.bands.as_array())
            {
                assert!(
                    ll[k] >= le[k],
                    "claim at {claim_age}, age {age}: {} below {}",
                    ll[k],
                    le[k]
                );
            }
        }
    }
    // And the benefit itself follows the SSA's factor.
    assert!((claim_factor(70, 67) - 1.24).abs() < 1e-12);
}

#[test]
fn bad_income_input_is_named_by_its_field() {
    let mut plan = couple(Withdrawal::FixedReal(85_000.0), 0.0);
    if let Some(SocialSecurity::Claimed(b)) = &mut plan.retirement.social_security {
        b.claim_age = 71;
        b.full_retirement_age = 65;
    }
    plan.retirement.spouse.as_mut().unwrap().age = 130;
    plan.retirement.income[0].name = " ".into();
    plan.retirement.income[1].until_age = Some(60);
    plan.retirement.income.push(IncomeStream {
        name: "Late".into(),
        annual: 1.0,
        from_age: 121,
        until_age: None,
        inflation_adjusted: true,
        taxable: true,
        survivor_share: 0.0,
    });
    let fields: Vec<String> = validate(&plan)
        .unwrap_err()
        .into_iter()
        .map(|p| p.field)
        .collect();
    for field in [
        "retirement.social_security.claim_age",
        "retirement.social_security.full_retirement_age",
        "retirement.spouse.age",
        "retirement.income[0].name",
        "retirement.income[1].until_age",
        "retirement.income[2].from_age",
    ] {
        assert!(
            fields.iter().any(|f| f == field),
            "{field} not in {fields:?}"
        );
    }
    // A spouse beside the saver's version 1 benefit: the top-up needs the PIA.
    let mut v1 = couple(Withdrawal::FixedReal(85_000.0), 0.0);
    v1.retirement.social_security = Some(SocialSecurity::Fixed {
        annual: 24_000.0,
        from_age: 67,
    });
    let problems = validate(&v1).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.field == "retirement.spouse" && p.message.contains("pia"))
    );
}

#[test]
fn files_with_bad_income_are_refused_with_their_line() {
    let folder = std::env::temp_dir().join(format!("glidepath-income-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    for (name, retirement, says) in [
        (
            "mixed",
            "social_security: Some((annual: 24000.0, pia: 2000.0))",
            "not a mix",
        ),
        ("no-age", "spouse: Some((pia: 900.0))", "age"),
        (
            "no-name",
            "income: [(annual: 1000.0, from_age: 65)]",
            "name",
        ),
        (
            "no-start",
            "income: [(name: \"x\", annual: 1000.0)]",
            "from_age",
        ),
    ] {
        let file = folder.join(format!("{name}.ron"));
        std::fs::write(&file, format!("(version: 2, retirement: ({retirement}))")).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_glidepath"))
            .args(["check", &file.to_string_lossy()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(says) && err.contains(":1:"), "{name}: {err}");
    }
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn under_a_history_a_fixed_dollar_pension_falls_with_that_path_s_inflation() {
    let inflation = [0.02, 0.10, 0.05, 0.0, 0.03];
    let mut text = String::from("year,stocks,bonds,cash,inflation\n");
    for (k, i) in inflation.iter().enumerate() {
        text.push_str(&format!("{},0,0,0,{i}\n", 2000 + k));
    }
    let history = glidepath::market::history::parse(&text, std::path::Path::new("h.csv")).unwrap();
    let mut plan = couple(Withdrawal::InitialRate(0.04), 0.0);
    plan.saver.age = 65;
    plan.saver.retirement_age = 65;
    plan.saver.plan_to_age = 70;
    plan.retirement.spouse = None;
    plan.retirement.social_security = None;
    plan.retirement.income.truncate(1);
    plan.retirement.income[0].from_age = 65;
    plan.simulation.returns = glidepath::plan::Returns::History {
        file: "h.csv".into(),
        mode: glidepath::plan::HistoryMode::Rolling,
    };
    let plan = validate(&plan).unwrap();
    let outcome = glidepath::engine::Runner::new(
        &mut glidepath::engine::Workspace::default(),
        &RunControl::new(),
    )
    .with_history(Some(&history))
    .simulate(&plan)
    .unwrap();
    assert_eq!(outcome.paths, 1);
    let mut pension = 18_000.0;
    for (k, age) in (65..70).enumerate() {
        if k > 0 {
            pension /= 1.0 + inflation[k];
        }
        let want = 0.04 * 900_000.0 + pension;
        let got = outcome.income.bands.p50[k];
        assert!((got - want).abs() < 1e-6, "at {age}: {got} against {want}");
    }
}

//! Taxes end to end (MODEL-v3 §15–16): the contract's worked cases
//! through the engine, a zero-volatility retiree against a year loop
//! written here (its own RMD divisors, its own withdrawal search, its own
//! accounts; only one year's tax comes from the law the `tax` tests check
//! against the contract), invariants on the same draws, and bad input
//! refused with the field's path.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::engine::{RunControl, Runner, Workspace};
use glidepath::plan::Plan;
use glidepath::plan::income::IncomeStream;
use glidepath::plan::social_security::SocialSecurity;
use glidepath::plan::taxes::{Conversions, FilingChoice, Spending, Taxes};
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::tax::{Filing, StateTax, TaxInput};
use glidepath::{Outcome, simulate, validate};

mod common;
use common::still_markets;

const GROWTH: f64 = 0.04;
const INFLATION: f64 = 0.025;

/// A retiree of `age` with every volatility at zero, no fees, all in
/// stocks growing 4% a year, Social Security fixed from today.
fn retiree(age: u32, traditional_usd: f64, roth_usd: f64, ss_usd: f64, need_usd: f64) -> Plan {
    let mut plan = Plan::sample();
    plan.saver.age = age;
    plan.saver.retirement_age = age;
    plan.saver.plan_to_age = 95;
    plan.saver.balance = traditional_usd;
    plan.saver.roth_balance = roth_usd;
    plan.saver.salary = 0.0;
    plan.contributions.employee_rate = 0.0;
    plan.contributions.employer_match.clear();
    still_markets(&mut plan, GROWTH, INFLATION);
    plan.retirement.withdrawal = Withdrawal::FixedReal(need_usd);
    plan.retirement.social_security = Some(SocialSecurity::Fixed {
        annual: ss_usd,
        from_age: age,
    });
    plan.simulation.paths = 3;
    plan
}

fn taxes_of(plan: &mut Plan) -> &mut Taxes {
    plan.taxes.as_mut().expect("the plan has taxes")
}

fn run(plan: &Plan) -> Outcome {
    simulate(&validate(plan).expect("valid"), &RunControl::new()).expect("runs")
}

fn assert_cent(what: &str, engine: f64, expected: f64) {
    assert!(
        (engine - expected).abs() < 0.01,
        "{what}: the engine has {engine:.4}, the loop {expected:.4}"
    );
}

#[test]
fn the_single_worked_cases_through_the_engine() {
    // Single, 70, Social Security $24,000 and $30,000 withdrawn: $1,810.00;
    // with $31,000: $2,032.00 (before tax, the need is what is withdrawn
    // plus the benefit).
    for (withdrawn, tax) in [(30_000.0, 1_810.00), (31_000.0, 2_032.00)] {
        let mut plan = retiree(70, 900_000.0, 0.0, 24_000.0, 24_000.0 + withdrawn);
        taxes_of(&mut plan).spending = Spending::BeforeTax;
        let taxes = run(&plan).taxes.expect("a taxes block");
        assert_cent("federal tax", taxes.federal_tax.p50[0], tax);
        // After tax, the need that leaves that much gives the same year.
        let mut after = plan.clone();
        after.retirement.withdrawal = Withdrawal::FixedReal(24_000.0 + withdrawn - tax);
        taxes_of(&mut after).spending = Spending::AfterTax;
        let outcome = run(&after);
        assert_cent(
            "federal tax",
            outcome.taxes.unwrap().federal_tax.p50[0],
            tax,
        );
        assert_cent(
            "income before tax",
            outcome.portfolio.retirement.annual_income.p50,
            24_000.0 + withdrawn,
        );
    }
}

#[test]
fn the_married_worked_case_through_the_engine() {
    // Married, both 67, Social Security $40,000, $60,000 withdrawn: $5,084.00.
    let mut plan = retiree(67, 900_000.0, 0.0, 40_000.0, 100_000.0);
    // Each spouse's own $20,000 at full retirement age: no spousal top-up.
    let pia = 20_000.0 / 12.0;
    plan.retirement.social_security = Some(SocialSecurity::Claimed(
        glidepath::plan::social_security::Benefit {
            pia,
            claim_age: 67,
            full_retirement_age: 67,
        },
    ));
    plan.retirement.spouse = Some(glidepath::plan::social_security::Spouse {
        age: 67,
        pia,
        claim_age: 67,
        full_retirement_age: 67,
        sex: None,
    });
    taxes_of(&mut plan).spending = Spending::BeforeTax;
    let outcome = run(&plan);
    assert_cent(
        "the household's benefits",
        outcome.income.social_security[0] + outcome.income.spouse[0],
        40_000.0,
    );
    assert_cent(
        "federal tax",
        outcome.taxes.unwrap().federal_tax.p50[0],
        5_084.00,
    );
}

/// The Uniform Lifetime Table (IRS Pub. 590-B, Table III, from 2022), the
/// ages this test reaches.
fn divisor(age: u32) -> f64 {
    const TABLE: [f64; 24] = [
        26.5, 25.5, 24.6, 23.7, 22.9, 22.0, 21.1, 20.2, 19.4, 18.5, 17.7, 16.8, 16.0, 15.2, 14.4,
        13.7, 12.9, 12.2, 11.5, 10.8, 10.1, 9.5, 8.9, 8.4,
    ];
    TABLE[(age - 73) as usize]
}

/// One year of the loop: what the engine should have done.
#[derive(Debug)]
struct LoopYear {
    traditional_usd: f64,
    roth_usd: f64,
    rmd_usd: f64,
    from_traditional_usd: f64,
    from_roth_usd: f64,
    conversion_usd: f64,
    conversion_tax_usd: f64,
    /// Ordinary taxable income (the loop has no gains).
    taxable_usd: f64,
    federal_usd: f64,
    state_usd: f64,
}

/// The top of the 12% bracket for a single filer, 2026 (Rev. Proc.
/// 2025-32; the One Big Beautiful Bill Act's amounts).
const TOP_OF_12_SINGLE_USD: f64 = 50_400.0;

/// The retiree's years by hand: the RMD from 73 (born before 1960) or 75,
/// then traditional money, then Roth, the withdrawal found by bisection so
/// that what is left after tax and the planned expenses is the need; then
/// a conversion that fills the 12% bracket in its window, its tax withheld
/// from it (the retiree has no taxable account); the rest grows 4%.
fn by_hand(plan: &Plan, state: StateTax) -> Vec<LoopYear> {
    let law = glidepath::tax::law(2026).unwrap();
    let need = match plan.retirement.withdrawal {
        Withdrawal::FixedReal(need) => need,
        _ => unreachable!(),
    };
    let Some(SocialSecurity::Fixed {
        annual: benefit,
        from_age: benefit_from,
    }) = plan.retirement.social_security
    else {
        unreachable!()
    };
    let conversions = plan.taxes.as_ref().and_then(|t| t.conversions);
    if let Some(c) = conversions {
        assert_eq!(c.fill_to_rate, 0.12, "the loop fills the 12% bracket");
    }
    let born = 2026 - plan.saver.age;
    let rmd_from = if born < 1960 { 73 } else { 75 };
    let (mut traditional, mut roth) = (plan.saver.balance, plan.saver.roth_balance);
    let mut years = Vec::new();
    for t in 0..(plan.saver.plan_to_age - plan.saver.age) {
        let age = plan.saver.age + t;
        let ss = if age >= benefit_from { benefit } else { 0.0 };
        // Expenses in today's dollars, kept up with inflation.
        let expenses: f64 = plan
            .retirement
            .income
            .iter()
            .filter(|s| s.annual < 0.0 && s.from_age <= age && s.until_age.is_none_or(|u| age <= u))
            .map(|s| -s.annual)
            .sum();
        let tax_of = |from_traditional: f64, conversion: f64| {
            law.tax(&TaxInput {
                filing: Filing::Single,
                year: 2026 + t as i32,
                filers_65: u32::from(age >= 65),
                social_security_usd: ss,
                ordinary_usd: from_traditional + conversion,
                retirement_usd: from_traditional + conversion,
                gains_usd: 0.0,
                early_usd: 0.0,
                price_level: (1.0 + INFLATION).powi(t as i32),
                state,
            })
        };
        let rmd = if age >= rmd_from {
            traditional / divisor(age)
        } else {
            0.0
        };
        let split = |w: f64| {
            let from_traditional = w.min(traditional).max(rmd);
            (from_traditional, w - from_traditional)
        };
        let net = |w: f64| {
            let (from_traditional, _) = split(w);
            ss + w - expenses - tax_of(from_traditional, 0.0).total_tax_usd
        };
        assert!(net(rmd) < need, "age {age}: the RMD alone covers the need");
        let (mut lo, mut hi) = (rmd, traditional + roth);
        assert!(net(hi) > need, "age {age}: the money runs out");
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if net(mid) < need {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let w = 0.5 * (lo + hi);
        let (from_traditional, from_roth) = split(w);
        // The conversion: the taxable income to the top of 12%.
        let left = traditional - from_traditional;
        let ordinary = |c: f64| tax_of(from_traditional, c).taxable_income_usd;
        let conversion = match conversions {
            Some(c) if (c.from_age..=c.until_age).contains(&age) && left > 0.0 => {
                let (mut lo, mut hi) = (0.0, left);
                if ordinary(0.0) >= TOP_OF_12_SINGLE_USD {
                    0.0
                } else if ordinary(left) <= TOP_OF_12_SINGLE_USD {
                    left
                } else {
                    for _ in 0..200 {
                        let mid = 0.5 * (lo + hi);
                        if ordinary(mid) < TOP_OF_12_SINGLE_USD {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    0.5 * (lo + hi)
                }
            }
            _ => 0.0,
        };
        let tax = tax_of(from_traditional, conversion);
        let conversion_tax = tax.total_tax_usd - tax_of(from_traditional, 0.0).total_tax_usd;
        years.push(LoopYear {
            traditional_usd: traditional,
            roth_usd: roth,
            rmd_usd: rmd,
            from_traditional_usd: from_traditional,
            from_roth_usd: from_roth,
            conversion_usd: conversion,
            conversion_tax_usd: conversion_tax,
            taxable_usd: tax.taxable_income_usd,
            federal_usd: tax.federal_tax_usd,
            state_usd: tax.state_tax_usd,
        });
        traditional = (traditional - from_traditional - conversion) * (1.0 + GROWTH);
        roth = (roth - from_roth + conversion - conversion_tax) * (1.0 + GROWTH);
    }
    years
}

#[test]
fn a_zero_volatility_retiree_equals_the_year_loop_at_every_age() {
    let mut plan = retiree(70, 700_000.0, 150_000.0, 30_000.0, 72_000.0);
    let state = StateTax {
        rate: 0.04,
        taxes_social_security: false,
        exempts_retirement_income: false,
    };
    taxes_of(&mut plan).state.rate = state.rate;
    let expected = by_hand(&plan, state);
    let valid = validate(&plan).unwrap();
    let explained = Runner::new(&mut Workspace::default(), &RunControl::new())
        .explain(&valid, 50)
        .unwrap();
    let outcome = run(&plan);
    let taxes = outcome.taxes.as_ref().unwrap();
    let after_tax = outcome.income_after_tax.as_ref().unwrap();
    let mut lifetime = 0.0;
    assert_eq!(explained.years.len(), expected.len());
    // Roth money is reached in the last years: both kinds are exercised.
    assert!(expected.iter().any(|y| y.from_roth_usd > 1.0));
    assert!(expected.iter().filter(|y| y.rmd_usd > 0.0).count() > 10);
    for (i, (year, hand)) in explained.years.iter().zip(&expected).enumerate() {
        let age = year.age;
        let pots = year.pots.unwrap();
        let did = year.trace.unwrap().taxed.unwrap();
        assert_cent(
            &format!("{age}: traditional"),
            pots.traditional_usd,
            hand.traditional_usd,
        );
        assert_cent(&format!("{age}: Roth"), pots.roth_usd, hand.roth_usd);
        assert_cent(&format!("{age}: RMD"), did.rmd_usd, hand.rmd_usd);
        assert_cent(
            &format!("{age}: from traditional"),
            did.traditional_usd,
            hand.from_traditional_usd,
        );
        assert_cent(
            &format!("{age}: from Roth"),
            did.roth_usd,
            hand.from_roth_usd,
        );
        assert_cent(
            &format!("{age}: federal"),
            did.federal_tax_usd,
            hand.federal_usd,
        );
        assert_cent(&format!("{age}: state"), did.state_tax_usd, hand.state_usd);
        assert_cent(
            &format!("{age}: after tax"),
            did.income_after_tax_usd,
            72_000.0,
        );
        // The outcome's figures are these, on every path.
        assert_cent(
            &format!("{age}: p50 federal"),
            taxes.federal_tax.p50[i],
            hand.federal_usd,
        );
        assert_cent(
            &format!("{age}: p10 state"),
            taxes.state_tax.p10[i],
            hand.state_usd,
        );
        assert_cent(&format!("{age}: p90 RMD"), taxes.rmd.p90[i], hand.rmd_usd);
        assert_cent(
            &format!("{age}: income after tax"),
            after_tax.bands.p50[i],
            72_000.0,
        );
        assert_cent(
            &format!("{age}: balance"),
            outcome.portfolio.bands.p50[i],
            hand.traditional_usd + hand.roth_usd,
        );
        lifetime += hand.federal_usd + hand.state_usd;
    }
    assert_cent("lifetime tax", taxes.lifetime_tax.p50, lifetime);
    assert_eq!(outcome.portfolio.success_probability, 1.0);
}

#[test]
fn twelve_percent_conversions_beat_none_by_the_years_computed_here() {
    // 65, $1.2M pre-tax and $300k Roth, $50,000 a year to spend after tax;
    // Social Security of $30,000 and care costs of $40,000 a year from 70:
    // the years before 70 have room in the 12% bracket (the planning
    // window), the later ones are taxed at 22%.
    let mut plan = retiree(65, 1_200_000.0, 300_000.0, 30_000.0, 50_000.0);
    plan.retirement.social_security = Some(SocialSecurity::Fixed {
        annual: 30_000.0,
        from_age: 70,
    });
    plan.retirement.income.push(IncomeStream {
        name: "Care".into(),
        annual: -40_000.0,
        from_age: 70,
        until_age: None,
        inflation_adjusted: true,
        taxable: false,
        survivor_share: 0.0,
    });
    plan.simulation.paths = 5;
    let state = StateTax {
        rate: 0.0,
        taxes_social_security: false,
        exempts_retirement_income: false,
    };
    taxes_of(&mut plan).state.rate = state.rate;
    taxes_of(&mut plan).conversions = Some(Conversions {
        fill_to_rate: 0.12,
        from_age: 65,
        until_age: 69,
    });
    let with = by_hand(&plan, state);
    let mut none = plan.clone();
    taxes_of(&mut none).conversions = None;
    let without = by_hand(&none, state);
    let lifetime =
        |years: &[LoopYear]| -> f64 { years.iter().map(|y| y.federal_usd + y.state_usd).sum() };
    assert_eq!(with.iter().filter(|y| y.conversion_usd > 1.0).count(), 5);
    let saved = lifetime(&without) - lifetime(&with);
    assert!(saved > 1_000.0, "the conversions save {saved:.2}");

    let answers = Runner::new(&mut Workspace::default(), &RunControl::new())
        .tax_answers(&validate(&plan).unwrap())
        .unwrap();
    let row = |id: &str| answers.conversions.iter().find(|r| r.choice == id).unwrap();
    assert_cent(
        "no conversions' lifetime tax",
        row("none").lifetime_tax.p50,
        lifetime(&without),
    );
    assert_cent(
        "12% conversions' lifetime tax",
        row("fill-12%").lifetime_tax.p50,
        lifetime(&with),
    );
    // What the conversions paid: their tax over the money converted.
    let rates = row("fill-12%").conversion_rates.unwrap();
    let converted: f64 = with.iter().map(|y| y.conversion_usd).sum();
    let conversion_tax: f64 = with.iter().map(|y| y.conversion_tax_usd).sum();
    assert_cent("converted", rates.converted_usd, converted);
    assert!(
        (rates.overall - conversion_tax / converted).abs() < 1e-9,
        "{rates:?}"
    );
    // Inside the 12% bracket each converted dollar pays 12%, a little more
    // in the years its AGI passes the senior deduction's $75,000 (not
    // indexed, so lower each year in today's dollars) and phases it out.
    assert!((rates.lowest - 0.12).abs() < 1e-9, "{rates:?}");
    assert!(
        rates.highest > 0.12 && rates.highest < 0.12 * 1.06 + 1e-9,
        "{rates:?}"
    );
    assert!(row("none").conversion_rates.is_none());

    // The bracket room of the plan as it is (with its conversions).
    let room = answers.bracket_room.unwrap();
    assert_eq!(room.planning_window, Some([65, 69]));
    assert_eq!(room.ages.len(), with.len());
    let twelve = room.edges.iter().find(|e| e.rate == 0.12).unwrap();
    assert!(
        twelve
            .top_usd
            .iter()
            .all(|top| *top == TOP_OF_12_SINGLE_USD)
    );
    for (i, year) in with.iter().enumerate() {
        let age = room.ages[i];
        assert_eq!(age, 65 + i as u32);
        assert_cent(
            &format!("{age}: taxable income"),
            room.taxable_usd(i),
            year.taxable_usd,
        );
        assert_cent(
            &format!("{age}: conversion"),
            room.conversion_usd[i],
            year.conversion_usd,
        );
        assert!(room.rmd_usd[i] <= year.rmd_usd + 0.01);
        if year.conversion_usd > 1.0 {
            assert_cent(
                &format!("{age}: filled to the top"),
                room.taxable_usd(i),
                TOP_OF_12_SINGLE_USD,
            );
        }
        if age >= 75 {
            assert_cent(&format!("{age}: RMD"), room.rmd_usd[i], year.rmd_usd);
        }
    }
}

/// A working saver on Monte Carlo draws, for the invariants.
fn saver() -> Plan {
    let mut plan = Plan::sample();
    plan.simulation.paths = 2_000;
    plan
}

#[test]
fn all_roth_and_no_other_income_pays_no_federal_tax() {
    let mut plan = saver();
    plan.saver.roth_balance = plan.saver.balance;
    plan.saver.balance = 0.0;
    plan.contributions.roth_share = 1.0;
    plan.contributions.employer_roth = true;
    plan.retirement.social_security = None;
    let outcome = run(&plan);
    let taxes = outcome.taxes.unwrap();
    assert!(taxes.federal_tax.p90.iter().all(|&tax| tax == 0.0));
    assert_eq!(taxes.lifetime_tax.p90, 0.0);
    assert_eq!(taxes.at_retirement.traditional.p90, 0.0);
    // What is left after tax is what was asked.
    let after = outcome.income_after_tax.unwrap();
    assert_eq!(after.bands.p50[0], outcome.income.bands.p50[0]);
}

#[test]
fn a_higher_state_rate_never_raises_the_chance() {
    let mut chances = Vec::new();
    for rate in [0.0, 0.03, 0.06, 0.10] {
        let mut plan = saver();
        taxes_of(&mut plan).state.rate = rate;
        chances.push(run(&plan).portfolio.success_probability);
    }
    assert!(chances.windows(2).all(|w| w[1] <= w[0]), "{chances:?}");
    assert!(
        chances[3] < chances[0],
        "the state's tax costs something: {chances:?}"
    );
}

#[test]
fn an_after_tax_need_costs_at_least_the_before_tax_one() {
    let before = {
        let mut plan = saver();
        taxes_of(&mut plan).spending = Spending::BeforeTax;
        run(&plan)
    };
    let after = run(&saver());
    assert!(after.portfolio.success_probability <= before.portfolio.success_probability);
    assert!(after.portfolio.success_probability < before.portfolio.success_probability);
    for (a, b) in after
        .portfolio
        .bands
        .p50
        .iter()
        .zip(&before.portfolio.bands.p50)
    {
        assert!(
            a <= b,
            "after tax the median balance is never higher: {a} > {b}"
        );
    }
    // Before tax the need is the income, and the tax comes out of it.
    let b = before.income_after_tax.unwrap();
    assert!(b.bands.p50[0] < before.income.bands.p50[0]);
}

#[test]
fn without_taxes_the_kinds_of_money_are_one_pot() {
    // v2's world: the three balances and the taxable savings are summed.
    let mut split = saver();
    split.taxes = None;
    split.saver.balance = 60_000.0;
    split.saver.roth_balance = 15_000.0;
    split.saver.taxable = Some(glidepath::plan::taxes::Taxable {
        balance: 10_000.0,
        basis: 8_000.0,
    });
    split.contributions.roth_share = 0.5;
    let mut one = split.clone();
    one.saver.balance = 85_000.0;
    one.saver.roth_balance = 0.0;
    one.saver.taxable = None;
    one.contributions.roth_share = 0.0;
    let (a, b) = (run(&split), run(&one));
    assert_eq!(a.portfolio, b.portfolio);
    assert!(a.taxes.is_none() && a.income_after_tax.is_none());
}

#[test]
fn an_rmd_beyond_the_need_is_reinvested_in_the_taxable_account() {
    // At 80 with $2,000,000 traditional the RMD ($99,010) is far above a
    // $40,000 need: the surplus after its tax goes to the taxable account.
    let mut plan = retiree(80, 2_000_000.0, 0.0, 30_000.0, 40_000.0);
    taxes_of(&mut plan).first_year = 2026;
    let valid = validate(&plan).unwrap();
    let explained = Runner::new(&mut Workspace::default(), &RunControl::new())
        .explain(&valid, 50)
        .unwrap();
    let first = explained.years[0].trace.unwrap().taxed.unwrap();
    assert_cent("RMD", first.rmd_usd, 2_000_000.0 / 20.2);
    assert!(first.reinvested_usd > 30_000.0, "{first:?}");
    assert_cent("after tax", first.income_after_tax_usd, 40_000.0);
    let next = explained.years[1].pots.unwrap();
    assert_cent(
        "the taxable account a year on",
        next.taxable_usd,
        first.reinvested_usd * (1.0 + GROWTH) - first.reinvested_usd * 0.004,
    );
}

#[test]
fn a_conversion_fills_the_bracket_and_its_tax_is_paid() {
    let mut plan = retiree(63, 800_000.0, 0.0, 0.0, 40_000.0);
    plan.saver.taxable = Some(glidepath::plan::taxes::Taxable {
        balance: 200_000.0,
        basis: 200_000.0,
    });
    taxes_of(&mut plan).conversions = Some(Conversions {
        fill_to_rate: 0.12,
        from_age: 63,
        until_age: 72,
    });
    let valid = validate(&plan).unwrap();
    let explained = Runner::new(&mut Workspace::default(), &RunControl::new())
        .explain(&valid, 50)
        .unwrap();
    let first = explained.years[0].trace.unwrap().taxed.unwrap();
    // Ordinary taxable income is filled to the 12% bracket's top.
    let law = glidepath::tax::law(2026).unwrap();
    let top = law.bracket_top_usd(Filing::Single, 0.12).unwrap();
    let tax = law.tax(&TaxInput {
        filing: Filing::Single,
        year: 2026,
        filers_65: 0,
        social_security_usd: 0.0,
        ordinary_usd: first.traditional_usd + first.conversion_usd,
        retirement_usd: first.traditional_usd + first.conversion_usd,
        gains_usd: 0.0,
        early_usd: 0.0,
        price_level: 1.0,
        state: StateTax::default(),
    });
    assert!(first.conversion_usd > 10_000.0, "{first:?}");
    assert_cent("taxable income", tax.taxable_income_usd, top);
    assert_cent("federal tax", first.federal_tax_usd, tax.federal_tax_usd);
    // After the window, no more conversions.
    assert!(
        explained.years.iter().filter(|y| y.age > 72).all(|y| y
            .trace
            .unwrap()
            .taxed
            .unwrap()
            .conversion_usd
            == 0.0)
    );
}

#[test]
fn bad_tax_fields_are_refused_with_their_path_and_a_sentence() {
    let refused = |plan: &Plan, field: &str, words: &str| {
        let problems = validate(plan).expect_err("refused");
        let problem = problems
            .iter()
            .find(|p| p.field == field)
            .unwrap_or_else(|| panic!("no problem at {field}: {problems:?}"));
        assert!(
            problem.message.contains(words),
            "{field}: {}",
            problem.message
        );
    };
    let mut plan = saver();
    taxes_of(&mut plan).state.rate = 0.7;
    refused(&plan, "taxes.state.rate", "between");
    let mut plan = saver();
    taxes_of(&mut plan).conversions = Some(Conversions {
        fill_to_rate: 0.12,
        from_age: 58,
        until_age: 65,
    });
    refused(&plan, "taxes.conversions.from_age", "early withdrawal");
    // A window that ends before it starts; a bracket the law does not have.
    let mut backwards = saver();
    taxes_of(&mut backwards).conversions = Some(Conversions {
        fill_to_rate: 0.12,
        from_age: 70,
        until_age: 66,
    });
    refused(
        &backwards,
        "taxes.conversions.until_age",
        "before the window's first age",
    );
    let mut plan = saver();
    taxes_of(&mut plan).conversions = Some(Conversions {
        fill_to_rate: 0.11,
        from_age: 65,
        until_age: 70,
    });
    refused(&plan, "taxes.conversions.fill_to_rate", "11%");
    // The command line says the same and exits 2.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-window");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("window.ron");
    std::fs::write(&file, glidepath::store::plan_to_ron(&backwards).unwrap()).unwrap();
    for command in ["check", "taxes"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_glidepath"))
            .args([command, file.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("taxes.conversions.until_age")
                && stderr.contains("before the window's first age"),
            "{command}: {stderr}"
        );
    }
    let mut plan = saver();
    taxes_of(&mut plan).filing = FilingChoice::Joint;
    refused(&plan, "taxes.filing", "spouse");
    let mut plan = saver();
    taxes_of(&mut plan).law = 1999;
    refused(&plan, "taxes.law", "2026");
    let mut plan = saver();
    plan.contributions.roth_share = 1.5;
    refused(&plan, "contributions.roth_share", "between");
}

/// A saver of `age` earning `salary_usd` with nothing saved, every return
/// zero and no fees: what reaches each kind of money is what went in.
fn worker(age: u32, salary_usd: f64, rate: f64) -> Plan {
    let mut plan = retiree(age, 0.0, 0.0, 0.0, 40_000.0);
    plan.saver.retirement_age = 65;
    plan.saver.salary = salary_usd;
    plan.saver.salary_growth = 0.0;
    plan.contributions.employee_rate = rate;
    plan.contributions.escalation = 0.0;
    plan.contributions.employer_match = vec![glidepath::plan::contributions::MatchTier {
        rate: 1.0,
        up_to: 0.04,
    }];
    plan.retirement.social_security = None;
    plan.assumptions.stocks.mean = 0.0;
    taxes_of(&mut plan).taxable_drag = 0.0;
    plan
}

#[test]
fn deferrals_reach_their_kind_of_money() {
    // Half of an 8% deferral Roth, the employer's 4% pre-tax, $5,000 a
    // year outside: thirty years of each.
    let mut plan = worker(35, 72_000.0, 0.08);
    plan.contributions.roth_share = 0.5;
    plan.contributions.taxable_savings = 5_000.0;
    let kinds = run(&plan).taxes.unwrap().at_retirement;
    assert_cent("Roth", kinds.roth.p50, 30.0 * 0.04 * 72_000.0);
    assert_cent("traditional", kinds.traditional.p50, 30.0 * 0.08 * 72_000.0);
    assert_cent("taxable", kinds.taxable.p50, 30.0 * 5_000.0);
    // The employer's money Roth when the plan says so.
    plan.contributions.employer_roth = true;
    let kinds = run(&plan).taxes.unwrap().at_retirement;
    assert_cent("Roth", kinds.roth.p50, 30.0 * 0.08 * 72_000.0);
    assert_cent("traditional", kinds.traditional.p50, 30.0 * 0.04 * 72_000.0);
}

#[test]
fn catch_ups_above_150000_of_wages_go_roth() {
    // From 55 to 64 at $200,000, deferring 20%: the $24,500 limit, and the
    // catch-up of $8,000 ($11,250 at 60–63) Roth whatever the Roth share.
    let plan = worker(55, 200_000.0, 0.20);
    let kinds = run(&plan).taxes.unwrap().at_retirement;
    let catch_ups = 6.0 * 8_000.0 + 4.0 * 11_250.0;
    assert_cent("Roth", kinds.roth.p50, catch_ups);
    assert_cent(
        "traditional",
        kinds.traditional.p50,
        10.0 * (24_500.0 + 0.04 * 200_000.0),
    );
    // Below the threshold the catch-up follows the Roth share (0 here).
    let plan = worker(55, 140_000.0, 0.25);
    let kinds = run(&plan).taxes.unwrap().at_retirement;
    assert_eq!(kinds.roth.p50, 0.0);
}

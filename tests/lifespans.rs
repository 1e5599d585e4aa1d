//! Lifespans and survivors (MODEL-v3 §17) through the engine: a
//! zero-volatility plan whose money runs out at a known age succeeds as
//! often as the table says no one is alive then (within the sampling
//! error), the markets are the same draws in both lifespan modes until the
//! first death, a couple's fixed story gives the survivor's benefit, need,
//! pension and filing of a loop written here to the cent, and bad input is
//! refused at its field.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::engine::{RunControl, Runner, Survivor, Workspace};
use glidepath::life::Sex;
use glidepath::plan::Plan;
use glidepath::plan::income::IncomeStream;
use glidepath::plan::lifespan::{Lifespan, SurvivorStory, TableLifespan};
use glidepath::plan::social_security::{Benefit, SocialSecurity, Spouse};
use glidepath::plan::taxes::Spending;
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::tax::{Filing, StateTax, TaxInput};
use glidepath::{Outcome, simulate, validate};

mod common;
use common::{alive, ssa_table, still_markets};

/// A retiree of 65 with every volatility and return at zero, no fees, no
/// income: $1,000,000 spent at $50,000 a year lasts exactly 20 years, so
/// the money runs out in the year of 85.
fn zero_volatility_retiree(paths: u32) -> Plan {
    let mut plan = Plan::sample_before_tax();
    plan.saver.age = 65;
    plan.saver.retirement_age = 65;
    plan.saver.plan_to_age = 110;
    plan.saver.balance = 1_000_000.0;
    plan.saver.salary = 0.0;
    plan.saver.sex = Some(Sex::Female);
    plan.retirement.withdrawal = Withdrawal::FixedReal(50_000.0);
    plan.retirement.social_security = None;
    plan.fees = Default::default();
    plan.fees.stocks = 0.0;
    plan.fees.bonds = 0.0;
    plan.fees.cash = 0.0;
    plan.fees.plan = 0.0;
    let a = &mut plan.assumptions;
    for asset in [&mut a.stocks, &mut a.bonds, &mut a.cash, &mut a.crypto] {
        asset.mean = 0.0;
        asset.volatility = 0.0;
    }
    a.crypto_crash = None;
    plan.simulation.paths = paths;
    plan
}

fn table_lifespans(plan: &mut Plan) {
    plan.simulation.lifespan = Lifespan::Table(TableLifespan::default());
}

fn run(plan: &Plan) -> Outcome {
    simulate(&validate(plan).expect("valid"), &RunControl::new()).expect("runs")
}

/// The age the money runs out at, read from a run to the plan-to age.
fn runs_out_at(outcome: &Outcome) -> u32 {
    let survival = &outcome.portfolio.survival;
    let first_below = survival.iter().position(|s| *s < 1.0).unwrap();
    // survival[i] is the share not run out before ages[i]: the money ran
    // out in the year before.
    outcome.ages[first_below - 1]
}

/// Asserts that `p` is within four standard errors of `expected` at `n` paths.
fn within_four_se(what: &str, p: f64, expected: f64, n: u32) {
    let se = (expected * (1.0 - expected) / f64::from(n)).sqrt();
    assert!(
        (p - expected).abs() <= 4.0 * se,
        "{what}: {p} against {expected} (4 SE = {})",
        4.0 * se
    );
}

#[test]
fn a_single_retiree_succeeds_as_often_as_no_one_is_alive_when_the_money_runs_out() {
    let q = ssa_table();
    let mut plan = zero_volatility_retiree(3);
    let d = runs_out_at(&run(&plan));
    assert_eq!(d, 85, "twenty years of $50,000 from $1,000,000");
    let n = 100_000;
    plan.simulation.paths = n;
    table_lifespans(&mut plan);
    let outcome = run(&plan);
    let expected = 1.0 - alive(&q, Sex::Female, 65, d);
    within_four_se(
        "the chance of success",
        outcome.portfolio.success_probability,
        expected,
        n,
    );
    let lives = outcome.lifespans.as_ref().expect("lifespans are reported");
    assert_eq!(lives.lifespan, "table");
    assert!(
        (lives.outliving_probability - (1.0 - outcome.portfolio.success_probability)).abs() < 1e-12
    );
    // The share of paths someone is alive in at each age is the table's.
    for (i, age) in outcome.ages.iter().enumerate().step_by(5) {
        within_four_se(
            &format!("alive at {age}"),
            lives.alive[i],
            alive(&q, Sex::Female, 65, *age),
            n,
        );
    }
    // The median age at death: where half have died.
    let median = lives.death_age.saver.as_ref().unwrap().p50;
    assert!(alive(&q, Sex::Female, 65, median as u32 + 1) <= 0.5 + 0.01);
    assert!(alive(&q, Sex::Female, 65, median as u32) >= 0.5 - 0.01);
    // Whoever died before 85 left money; whoever lived on left none.
    let left = &lives.left_at_death;
    assert_eq!(left.p5, 0.0);
    assert!(left.p95 > 0.0);
}

#[test]
fn a_couple_succeeds_as_often_as_neither_is_alive_when_the_money_runs_out() {
    let q = ssa_table();
    let mut plan = zero_volatility_retiree(3);
    // The spouse is two years younger; the need stays whole after a death
    // and there is no income, so the money runs out at 85 whoever lives.
    plan.retirement.spouse = Some(Spouse {
        age: 63,
        pia: 0.0,
        claim_age: 67,
        full_retirement_age: 67,
        sex: Some(Sex::Male),
    });
    plan.retirement.social_security = Some(SocialSecurity::Claimed(Benefit {
        pia: 0.0,
        ..Benefit::default()
    }));
    plan.retirement.survivor_need = 1.0;
    let d = runs_out_at(&run(&plan));
    assert_eq!(d, 85);
    let n = 100_000;
    plan.simulation.paths = n;
    table_lifespans(&mut plan);
    let outcome = run(&plan);
    // The last survivor is alive in the year of 85 (the spouse's 83).
    let either =
        1.0 - (1.0 - alive(&q, Sex::Female, 65, d)) * (1.0 - alive(&q, Sex::Male, 63, d - 2));
    within_four_se(
        "the couple's chance of success",
        outcome.portfolio.success_probability,
        1.0 - either,
        n,
    );
    let lives = outcome.lifespans.as_ref().unwrap();
    assert!(lives.death_age.spouse.is_some());
    // One of them outlives the other within the plan on nearly every path.
    assert!(lives.survivor_probability.unwrap() > 0.9);
}

#[test]
fn the_markets_are_the_same_draws_until_the_first_death() {
    // A couple at 66 and 64 with volatile markets, one path at a time: the
    // balance at every age to the first death (and the year after it,
    // since the year of death is a year of need) is the same bits in both
    // lifespan modes; after it the survivor's smaller need shows.
    let mut changed_after = 0;
    for seed in 1..=24 {
        let mut plan = Plan::sample_before_tax();
        plan.saver.age = 66;
        plan.saver.retirement_age = 66;
        plan.saver.plan_to_age = 105;
        plan.saver.balance = 1_500_000.0;
        plan.saver.sex = Some(Sex::Male);
        plan.retirement.social_security = Some(SocialSecurity::Claimed(Benefit {
            pia: 2_000.0,
            ..Benefit::default()
        }));
        plan.retirement.spouse = Some(Spouse {
            age: 64,
            pia: 900.0,
            claim_age: 67,
            full_retirement_age: 67,
            sex: Some(Sex::Female),
        });
        plan.simulation.paths = 1;
        plan.simulation.seed = seed;
        let to_plan_age = run(&plan);
        table_lifespans(&mut plan);
        let drawn = run(&plan);
        let lives = drawn.lifespans.as_ref().unwrap();
        let saver_death = lives.death_age.saver.as_ref().unwrap().p50 as u32;
        let spouse_death = lives.death_age.spouse.as_ref().unwrap().p50 as u32 + 2;
        let first = saver_death.min(spouse_death).min(104);
        for (i, age) in drawn.ages.iter().enumerate() {
            let (a, b) = (
                to_plan_age.portfolio.bands.p50[i],
                drawn.portfolio.bands.p50[i],
            );
            // (A balance no one is alive to need is not in the bands.)
            if *age <= first + 1 && lives.alive[i] > 0.0 {
                assert_eq!(a.to_bits(), b.to_bits(), "seed {seed}, age {age}");
            } else if *age == first + 2 && a != b {
                changed_after += 1;
            }
        }
    }
    assert!(
        changed_after > 12,
        "a survivor's year differs: {changed_after} of 24"
    );
}

/// The couple of the fixed story: the saver 66 and the spouse 64 today,
/// both retired, every volatility at zero, $900,000 of traditional money
/// growing 3% a year; the saver's PIA $2,500 and the spouse's $1,000,
/// both claimed at 67, their full retirement age; a $12,000 pension
/// that pays half to the survivor; $100,000 a year before tax; taxes on,
/// no state tax; the saver dies at 80.
fn couple_story() -> Plan {
    let mut plan = Plan::sample();
    plan.saver.age = 66;
    plan.saver.retirement_age = 66;
    plan.saver.plan_to_age = 95;
    plan.saver.balance = 900_000.0;
    plan.saver.salary = 0.0;
    plan.contributions.employee_rate = 0.0;
    plan.contributions.employer_match.clear();
    still_markets(&mut plan, GROWTH, INFLATION);
    plan.retirement.withdrawal = Withdrawal::FixedReal(100_000.0);
    plan.retirement.social_security = Some(SocialSecurity::Claimed(Benefit {
        pia: 2_500.0,
        claim_age: 67,
        full_retirement_age: 67,
    }));
    plan.retirement.spouse = Some(Spouse {
        age: 64,
        pia: 1_000.0,
        claim_age: 67,
        full_retirement_age: 67,
        sex: None,
    });
    plan.retirement.income = vec![IncomeStream {
        name: "Pension".into(),
        annual: 12_000.0,
        from_age: 66,
        until_age: None,
        inflation_adjusted: true,
        taxable: true,
        survivor_share: 0.5,
    }];
    plan.retirement.survivor = Some(SurvivorStory {
        saver_dies_at: Some(80),
        spouse_dies_at: None,
    });
    let taxes = plan.taxes.as_mut().unwrap();
    taxes.spending = Spending::BeforeTax;
    taxes.state.rate = 0.0;
    plan.simulation.paths = 3;
    plan
}

const GROWTH: f64 = 0.03;
const INFLATION: f64 = 0.025;

/// The Uniform Lifetime Table from 73.
fn divisor(age: u32) -> f64 {
    const TABLE: [f64; 24] = [
        26.5, 25.5, 24.6, 23.7, 22.9, 22.0, 21.1, 20.2, 19.4, 18.5, 17.7, 16.8, 16.0, 15.2, 14.4,
        13.7, 12.9, 12.2, 11.5, 10.8, 10.1, 9.5, 8.9, 8.4,
    ];
    TABLE[(age - 73) as usize]
}

#[test]
fn a_fixed_death_at_80_gives_the_survivors_year_of_the_loop_to_the_cent() {
    let plan = couple_story();
    let valid = validate(&plan).unwrap();
    let explained = Runner::new(&mut Workspace::default(), &RunControl::new())
        .explain(&valid, 50)
        .unwrap();
    let law = glidepath::tax::law(2026).unwrap();
    let mut traditional = plan.saver.balance;
    for (t, year) in explained.years.iter().enumerate() {
        let age = 66 + t as u32;
        let spouse_age = age - 2;
        let widowed = age > 80;
        // The couple: the saver's 12 × 2,500 from 67; the spouse's own
        // 12 × 1,000 from their 67 (the saver's 69) and from then the
        // top-up to half the saver's PIA, $250 a month at full retirement
        // age. The survivor: the larger of their own and the saver's
        // $30,000 (claimed at full retirement age: unreduced).
        let (saver_ss, spouse_ss) = if widowed {
            (0.0, 30_000.0_f64.max(12_000.0))
        } else {
            (
                if age >= 67 { 30_000.0 } else { 0.0 },
                if spouse_age >= 67 {
                    12_000.0 + 3_000.0
                } else {
                    0.0
                },
            )
        };
        let pension = if widowed { 6_000.0 } else { 12_000.0 };
        let need = if widowed { 75_000.0 } else { 100_000.0 };
        let withdrawal = need - (saver_ss + spouse_ss + pension);
        // RMDs: the saver's from 75 (born 1960); once widowed the spouse's
        // own from their 75 (born 1962): never above the withdrawal here.
        let rmd = match (widowed, age >= 75, spouse_age >= 75) {
            (false, true, _) => traditional / divisor(age),
            (true, _, true) => traditional / divisor(spouse_age),
            _ => 0.0,
        };
        assert!(rmd < withdrawal, "age {age}: the RMD binds");
        let (filing, filers_65) = if widowed {
            (Filing::Single, 1)
        } else {
            (Filing::Joint, 1 + u32::from(spouse_age >= 65))
        };
        let tax = law.tax(&TaxInput {
            filing,
            year: 2026 + t as i32,
            filers_65,
            social_security_usd: saver_ss + spouse_ss,
            ordinary_usd: withdrawal + pension,
            retirement_usd: withdrawal + pension,
            gains_usd: 0.0,
            early_usd: 0.0,
            price_level: (1.0 + INFLATION).powi(t as i32),
            state: StateTax {
                rate: 0.0,
                taxes_social_security: false,
                exempts_retirement_income: false,
            },
        });
        let trace = year.trace.as_ref().unwrap();
        let taxed = trace.taxed.as_ref().unwrap();
        let cent = |what: &str, engine: f64, expected: f64| {
            assert!(
                (engine - expected).abs() < 0.01,
                "age {age}, {what}: the engine has {engine:.4}, the loop {expected:.4}"
            );
        };
        cent("balance", year.balance_usd, traditional);
        cent(
            "saver's Social Security",
            trace.income.social_security_usd,
            saver_ss,
        );
        cent(
            "spouse's Social Security",
            trace.income.spouse_usd,
            spouse_ss,
        );
        cent("pension", trace.income.other_usd, pension);
        cent("withdrawal", trace.withdrawal_usd, withdrawal);
        cent("federal tax", taxed.federal_tax_usd, tax.federal_tax_usd);
        cent(
            "income after tax",
            taxed.income_after_tax_usd,
            need - tax.total_tax_usd,
        );
        assert_eq!(
            trace.alone,
            widowed.then_some(Survivor::Spouse),
            "age {age}: whose year"
        );
        assert_eq!(taxed.filing, filing, "age {age}: the return");
        traditional = (traditional - withdrawal) * (1.0 + GROWTH);
    }
    // The widow's tax: in the first year alone the survivor pays more tax
    // on less income than the couple did the year before.
    let tax_at = |age: u32| {
        let y = &explained.years[(age - 66) as usize];
        y.trace.unwrap().taxed.unwrap().federal_tax_usd
    };
    assert!(tax_at(81) > 0.0);
    // The story's survivor's years show in the income sources too.
    let outcome = run(&plan);
    let at = |age: u32| outcome.income.ages.iter().position(|a| *a == age).unwrap();
    assert_eq!(outcome.income.spouse[at(81)], 30_000.0);
    assert_eq!(outcome.income.social_security[at(81)], 0.0);
    assert_eq!(outcome.income.other[at(81)], 6_000.0);
    assert_eq!(outcome.income.social_security[at(80)], 30_000.0);
    let lives = outcome.lifespans.as_ref().unwrap();
    assert_eq!(lives.lifespan, "plan-to-age");
    assert_eq!(lives.survivor_probability, Some(1.0));
}

#[test]
fn a_widows_benefit_keeps_the_floor_of_the_deceaseds_pia() {
    // Claimed at 62 with a full retirement age of 67: 70% of the PIA, but
    // the survivor is paid at least 82.5% of it.
    let early = Benefit {
        pia: 2_000.0,
        claim_age: 62,
        full_retirement_age: 67,
    };
    assert!((early.widow_usd(75) - 12.0 * 2_000.0 * 0.825).abs() < 1e-9);
    // Delayed to 70: the survivor keeps the delayed credits.
    let late = Benefit {
        claim_age: 70,
        ..early
    };
    assert!((late.widow_usd(75) - 12.0 * 2_000.0 * 1.24).abs() < 1e-9);
    // Died at 60, before claiming: the whole PIA.
    assert!((late.widow_usd(60) - 12.0 * 2_000.0).abs() < 1e-9);
    // Died at 68 before claiming at 70: the credits earned to 68.
    assert!((late.widow_usd(68) - 12.0 * 2_000.0 * 1.08).abs() < 1e-9);
}

#[test]
fn without_a_death_the_survivors_fields_change_nothing() {
    let mut plan = couple_story();
    plan.retirement.survivor = None;
    let before = serde_json::to_string(&run(&plan)).unwrap();
    plan.retirement.survivor_need = 0.5;
    plan.retirement.income[0].survivor_share = 1.0;
    plan.simulation.lifespan = Lifespan::PlanToAge;
    let after = serde_json::to_string(&run(&plan)).unwrap();
    assert_eq!(before, after);
    assert!(!after.contains("lifespans"));
}

#[test]
fn bad_lifespans_are_refused_at_their_field() {
    let fields = |plan: &Plan| -> Vec<String> {
        validate(plan)
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect()
    };
    // A table without the saver's or the spouse's sex.
    let mut plan = couple_story();
    plan.retirement.survivor = None;
    table_lifespans(&mut plan);
    let f = fields(&plan);
    assert!(f.contains(&"saver.sex".to_owned()), "{f:?}");
    assert!(f.contains(&"retirement.spouse.sex".to_owned()), "{f:?}");
    // A death before today, a share outside 0–1, a story without a spouse.
    let mut plan = couple_story();
    plan.retirement.survivor = Some(SurvivorStory {
        saver_dies_at: Some(60),
        spouse_dies_at: None,
    });
    plan.retirement.survivor_need = 1.5;
    plan.retirement.income[0].survivor_share = -0.1;
    let f = fields(&plan);
    for field in [
        "retirement.survivor.saver_dies_at",
        "retirement.survivor_need",
        "retirement.income[0].survivor_share",
    ] {
        assert!(f.contains(&field.to_owned()), "{field} in {f:?}");
    }
    let mut plan = couple_story();
    plan.retirement.spouse = None;
    assert!(fields(&plan).contains(&"retirement.survivor".to_owned()));
    // A sex the table lacks is refused by the reader, at its line.
    let text = "(version: 3, saver: (sex: Some(Other)))";
    let error = glidepath::store::parse_plan(text, std::path::Path::new("p.ron"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("1:"), "{error}");
}

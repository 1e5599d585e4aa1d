//! Invariants that must hold for any valid plan (proptest).

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::plan::Plan;
use glidepath::plan::sleeve::{Rebalance, Sleeve};
use glidepath::plan::social_security::SocialSecurity;
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::{Outcome, RunControl, simulate};
use proptest::prelude::*;

prop_compose! {
    fn any_plan()(
        age in 25u32..70,
        working in 0u32..35,
        retired in 1u32..30,
        balance in 0.0f64..2e6,
        salary in 0.0f64..300_000.0,
        employee_rate in 0.0f64..0.3,
        sleeve_weight in 0.0f64..0.2,
        never in any::<bool>(),
        need in 0.0f64..150_000.0,
        percent in any::<bool>(),
        seed in any::<u64>(),
    ) -> Plan {
        let mut plan = Plan::sample();
        plan.saver.age = age;
        plan.saver.retirement_age = age + working;
        plan.saver.plan_to_age = (age + working + retired).min(120);
        plan.saver.balance = balance;
        plan.saver.salary = salary;
        plan.contributions.employee_rate = employee_rate;
        plan.allocation.sleeve = Some(Sleeve {
            weight: sleeve_weight,
            weight_at_retirement: sleeve_weight / 2.0,
            rebalance: if never { Rebalance::Never } else { Rebalance::Annual },
        });
        plan.retirement.withdrawal = if percent {
            Withdrawal::PercentOfBalance(0.05)
        } else {
            Withdrawal::FixedReal(need)
        };
        plan.retirement.social_security = Some(SocialSecurity::Fixed { annual: 20_000.0, from_age: 67 });
        plan.simulation.paths = 300;
        plan.simulation.seed = seed;
        plan
    }
}

fn run(plan: &Plan) -> Outcome {
    simulate(
        &glidepath::validate(plan).expect("a valid plan"),
        &RunControl::new(),
    )
    .expect("a valid plan runs")
}

/// The cases: a fixed seed, so CI runs the same plans every time (a random
/// seed once found, on CI only, a zero-weight sleeve a bit away from none);
/// `GLIDEPATH_INVARIANTS_SEED=N` and `GLIDEPATH_INVARIANTS_CASES=N` explore
/// others (6,000 random cases passed when taxes came in).
fn config() -> ProptestConfig {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
    ProptestConfig {
        cases: var("GLIDEPATH_INVARIANTS_CASES").map_or(48, |n: u64| n as u32),
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            var("GLIDEPATH_INVARIANTS_SEED").unwrap_or(20_261_203),
        ),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn percentiles_are_ordered_at_every_age(plan in any_plan()) {
        let outcome = run(&plan);
        for portfolio in std::iter::once(&outcome.portfolio).chain(outcome.without_sleeve.as_ref()) {
            let b = portfolio.bands.as_array();
            for t in 0..outcome.ages.len() {
                for pair in b.windows(2) {
                    prop_assert!(pair[0][t] <= pair[1][t], "age {}: {} > {}", outcome.ages[t], pair[0][t], pair[1][t]);
                }
            }
            let r = portfolio.retirement.annual_income.as_array();
            prop_assert!(r.windows(2).all(|p| p[0] <= p[1]));
            prop_assert!((0.0..=1.0).contains(&portfolio.success_probability));
            prop_assert!(portfolio.survival.windows(2).all(|s| s[0] >= s[1]));
            prop_assert_eq!(*portfolio.survival.last().unwrap(), portfolio.success_probability);
        }
    }

    /// With the same draws, saving more never lowers any percentile. This
    /// holds for a fixed need and a percent of balance; the 4% rule is left
    /// out on purpose: a larger balance at retirement raises every later
    /// withdrawal, and after bad years that can leave less (see docs/model.md).
    #[test]
    fn saving_more_never_lowers_a_percentile(plan in any_plan(), extra in 0.001f64..0.2) {
        let mut more = plan.clone();
        more.contributions.employee_rate = (plan.contributions.employee_rate + extra).min(1.0);
        let (a, b) = (run(&plan), run(&more));
        for (low, high) in a.portfolio.bands.as_array().into_iter().zip(b.portfolio.bands.as_array()) {
            for t in 0..a.ages.len() {
                prop_assert!(high[t] >= low[t] * (1.0 - 1e-12), "age {}: {} < {}", a.ages[t], high[t], low[t]);
            }
        }
        prop_assert!(b.portfolio.success_probability >= a.portfolio.success_probability);
    }

    #[test]
    fn a_sleeve_of_weight_zero_is_no_sleeve(plan in any_plan()) {
        let mut zero = plan.clone();
        zero.allocation.sleeve = Some(Sleeve { weight: 0.0, weight_at_retirement: 0.0, rebalance: Rebalance::Annual });
        let (with_zero, none) = (run(&zero), run(&plan.without_sleeve()));
        prop_assert_eq!(&with_zero.portfolio.bands, &none.portfolio.bands);
        prop_assert_eq!(with_zero.portfolio.success_probability, none.portfolio.success_probability);
        prop_assert_eq!(&with_zero.portfolio.retirement, &none.portfolio.retirement);
    }
}

/// Two plans the random cases once found, kept: a retiree from the first
/// year with a zero-weight sleeve (its growth must be the core's to the
/// bit), and a plan that runs out with taxes on (no dust may be left to
/// grow once everything was taken).
#[test]
fn the_cases_once_found_hold() {
    let mut retiree = Plan::sample();
    retiree.saver.age = 25;
    retiree.saver.retirement_age = 25;
    retiree.saver.plan_to_age = 30;
    retiree.saver.balance = 1_616_278.859_383_436_2;
    retiree.saver.salary = 0.0;
    retiree.contributions.employee_rate = 0.0;
    retiree.retirement.withdrawal = Withdrawal::FixedReal(120_000.0);
    retiree.simulation.paths = 300;
    retiree.simulation.seed = 0;
    let mut zero = retiree.clone();
    zero.allocation.sleeve = Some(Sleeve {
        weight: 0.0,
        weight_at_retirement: 0.0,
        rebalance: Rebalance::Annual,
    });
    let (with_zero, none) = (run(&zero), run(&retiree.without_sleeve()));
    assert_eq!(with_zero.portfolio.bands, none.portfolio.bands);
    assert_eq!(with_zero.portfolio.retirement, none.portfolio.retirement);

    let mut short = Plan::sample();
    short.saver.age = 50;
    short.saver.retirement_age = 51;
    short.saver.plan_to_age = 55;
    short.saver.balance = 766_893.413_790_702_1;
    short.saver.salary = 231_584.604_152_671_73;
    short.contributions.employee_rate = 0.110_783_344_998_067_5;
    short.allocation.sleeve = Some(Sleeve {
        weight: 0.125,
        weight_at_retirement: 0.0625,
        rebalance: Rebalance::Annual,
    });
    short.retirement.withdrawal = Withdrawal::FixedReal(147_926.934_756_693_66);
    short.retirement.social_security = Some(SocialSecurity::Fixed {
        annual: 20_000.0,
        from_age: 67,
    });
    short.simulation.paths = 300;
    short.simulation.seed = 7_977_664_060_972_660_220;
    let mut more = short.clone();
    more.contributions.employee_rate += 0.001;
    let (a, b) = (run(&short), run(&more));
    for (low, high) in a
        .portfolio
        .bands
        .as_array()
        .into_iter()
        .zip(b.portfolio.bands.as_array())
    {
        for t in 0..a.ages.len() {
            assert!(
                high[t] >= low[t] * (1.0 - 1e-12),
                "age {}: {} < {}",
                a.ages[t],
                high[t],
                low[t]
            );
        }
    }
    // What ran out is nothing at all.
    assert!(a.portfolio.bands.p5.last().is_some_and(|&v| v == 0.0));
}

//! With every volatility at zero and no crashes, every path is the same and
//! the engine must equal a plain year-by-year calculation of the model,
//! written here independently of the library's own helpers.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::plan::Plan;
use glidepath::plan::contributions::MatchTier;
use glidepath::plan::glide_path::Knot;
use glidepath::plan::sleeve::{Rebalance, Sleeve};
use glidepath::plan::social_security::SocialSecurity;
use glidepath::plan::stress::Stress;
use glidepath::plan::withdrawal::{FloorCeiling, Guardrails, Vpw, Withdrawal};
use glidepath::{RunControl, simulate};

const STOCKS: f64 = 0.05;
const BONDS: f64 = 0.02;
const CASH: f64 = 0.01;
const CRYPTO: f64 = 0.10;

fn plan(withdrawal: Withdrawal, rebalance: Rebalance) -> Plan {
    let mut plan = Plan::sample_before_tax();
    plan.saver.age = 45;
    plan.saver.retirement_age = 66;
    plan.saver.plan_to_age = 92;
    plan.saver.balance = 250_000.0;
    plan.saver.salary = 200_000.0;
    plan.saver.salary_growth = 0.02;
    plan.contributions.employee_rate = 0.12;
    plan.contributions.escalation = 0.01;
    plan.contributions.escalation_cap = 0.18;
    plan.contributions.employer_match = vec![
        MatchTier {
            rate: 1.0,
            up_to: 0.03,
        },
        MatchTier {
            rate: 0.5,
            up_to: 0.04,
        },
    ];
    // Large enough that the annual additions limit binds.
    plan.contributions.employer_fixed = 0.20;
    plan.contributions.irs_limits = true;
    plan.allocation.sleeve = Some(Sleeve {
        weight: 0.06,
        weight_at_retirement: 0.02,
        rebalance,
    });
    plan.retirement.withdrawal = withdrawal;
    plan.retirement.social_security = Some(SocialSecurity::Fixed {
        annual: 30_000.0,
        from_age: 68,
    });
    plan.fees.plan = 0.001;
    let a = &mut plan.assumptions;
    a.stocks.mean = STOCKS;
    a.bonds.mean = BONDS;
    a.cash.mean = CASH;
    a.crypto.mean = CRYPTO;
    for asset in [&mut a.stocks, &mut a.bonds, &mut a.cash, &mut a.crypto] {
        asset.volatility = 0.0;
    }
    a.crypto_crash = None;
    plan.simulation.paths = 3;
    plan
}

/// The glide path's mix by plain linear interpolation over sorted knots.
fn mix(knots: &[Knot], ytr: f64) -> [f64; 3] {
    let mut k: Vec<Knot> = knots.to_vec();
    k.sort_by(|a, b| {
        a.years_to_retirement
            .partial_cmp(&b.years_to_retirement)
            .unwrap()
    });
    let w = |k: &Knot| [k.stocks, k.bonds, k.cash];
    if ytr <= k[0].years_to_retirement {
        return w(&k[0]);
    }
    if ytr >= k[k.len() - 1].years_to_retirement {
        return w(&k[k.len() - 1]);
    }
    for pair in k.windows(2) {
        let (lo, hi) = (&pair[0], &pair[1]);
        if ytr >= lo.years_to_retirement && ytr <= hi.years_to_retirement {
            let f =
                (ytr - lo.years_to_retirement) / (hi.years_to_retirement - lo.years_to_retirement);
            let (a, b) = (w(lo), w(hi));
            return [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * f);
        }
    }
    unreachable!()
}

/// Contribution in year t at age a, straight from the model's section 3.
fn contribution(plan: &Plan, t: u32, age: u32) -> (f64, bool, bool) {
    let c = &plan.contributions;
    let salary = plan.saver.salary * (1.0 + plan.saver.salary_growth).powi(t as i32);
    let rate =
        (c.employee_rate + c.escalation * t as f64).min(c.employee_rate.max(c.escalation_cap));
    let catch_up = if (60..=63).contains(&age) {
        11_250.0
    } else if age >= 50 {
        8_000.0
    } else {
        0.0
    };
    let wanted = rate * salary;
    let deferral = wanted.min(24_500.0 + catch_up);
    let mut matched = 0.0;
    let mut below = 0.0;
    for tier in &c.employer_match {
        matched += tier.rate * (deferral - below * salary).clamp(0.0, tier.up_to * salary);
        below += tier.up_to;
    }
    let employer_wanted = matched + c.employer_fixed * salary;
    let employer = employer_wanted.min(72_000.0 - deferral.min(24_500.0));
    (
        deferral + employer,
        deferral < wanted,
        employer < employer_wanted,
    )
}

struct Expected {
    balances: Vec<f64>,
    /// The rule's moves: (age, what it did).
    moves: Vec<(u32, &'static str)>,
    first_income: f64,
    depleted: Option<u32>,
    limits_hit: (usize, usize, Vec<u32>),
}

/// The model's year loop, section 2, for one deterministic path, under a
/// stress test of MODEL-v2 §11 when one is given.
fn expected(plan: &Plan, stress: Option<Stress>) -> Expected {
    let s0 = plan.saver.age;
    let r_age = plan.saver.retirement_age;
    let sleeve = plan.allocation.sleeve.clone();
    let weight = |age: u32| -> f64 {
        match &sleeve {
            None => 0.0,
            // Crypto went to zero: nothing buys it any more.
            Some(_) if matches!(stress, Some(Stress::ZeroAt(z)) if age > z) => 0.0,
            Some(s) if age >= r_age => s.weight_at_retirement,
            Some(s) => {
                s.weight
                    + (s.weight_at_retirement - s.weight) * (age - s0) as f64 / (r_age - s0) as f64
            }
        }
    };
    let annual = sleeve
        .as_ref()
        .is_none_or(|s| s.rebalance == Rebalance::Annual);
    let f = &plan.fees;
    let mut core = plan.saver.balance;
    let mut crypto = 0.0;
    let mut balances = vec![core];
    let mut b_r = 0.0;
    let mut first_income = f64::NAN;
    let mut depleted = None;
    let mut previous = 0.0;
    let mut moves = Vec::new();
    let (mut deferral_hits, mut additions_hits, mut catch_up_ages) = (0, 0, vec![]);
    for t in 0..plan.horizon_years() {
        let age = s0 + t;
        let g = mix(&plan.allocation.glide_path.knots, r_age as f64 - age as f64);
        let s = weight(age);
        let zero_year = stress == Some(Stress::ZeroAt(age));
        let crash_year = stress == Some(Stress::CrashBeforeRetirement) && age + 1 == r_age;
        if annual || t == 0 || zero_year {
            let b = core + crypto;
            core = (1.0 - s) * b;
            crypto = s * b;
        }
        let ss = match &plan.retirement.social_security {
            Some(SocialSecurity::Fixed { annual, from_age }) if age >= *from_age => *annual,
            _ => 0.0,
        };
        let retired = age >= r_age;
        if retired {
            let b = core + crypto;
            if age == r_age {
                b_r = b;
            }
            // Years left, this year included.
            let left = plan.saver.plan_to_age - age;
            let first = age == r_age;
            let spend = match plan.retirement.withdrawal {
                Withdrawal::FixedReal(x) => x,
                Withdrawal::InitialRate(r) => r * b_r,
                Withdrawal::PercentOfBalance(r) => r * b,
                Withdrawal::Guardrails(g) if first => g.initial_rate * b_r,
                Withdrawal::Guardrails(g) => {
                    let rate = previous / b;
                    if rate > g.initial_rate * (1.0 + g.upper) {
                        if left > g.until_years_left {
                            moves.push((age, "cut"));
                            previous * (1.0 - g.adjustment)
                        } else {
                            moves.push((age, "no cut"));
                            previous
                        }
                    } else if rate < g.initial_rate * (1.0 - g.lower) {
                        moves.push((age, "raise"));
                        previous * (1.0 + g.adjustment)
                    } else {
                        previous
                    }
                }
                Withdrawal::Vpw(v) => {
                    let (r, n) = (v.real_return, f64::from(left));
                    if left <= 1 {
                        b
                    } else {
                        // The annuity-due payment over the years left.
                        b * r / ((1.0 + r) * (1.0 - (1.0 + r).powf(-n)))
                    }
                }
                Withdrawal::FloorCeiling(f) if first => f.rate * b_r,
                Withdrawal::FloorCeiling(f) => {
                    let low = previous * (1.0 - f.floor);
                    let high = previous * (1.0 + f.ceiling);
                    let wanted = f.rate * b;
                    if wanted > high {
                        moves.push((age, "ceiling"));
                    } else if wanted < low {
                        moves.push((age, "floor"));
                    }
                    wanted.clamp(low, high)
                }
            };
            previous = spend;
            let w = if depleted.is_some() {
                0.0
            } else {
                match plan.retirement.withdrawal {
                    Withdrawal::FixedReal(_) => (spend - ss).max(0.0),
                    _ => spend,
                }
            };
            let paid = if w > b {
                depleted = Some(age);
                core = 0.0;
                crypto = 0.0;
                b
            } else {
                if b > 0.0 {
                    core -= w * core / b;
                    crypto -= w * crypto / b;
                }
                w
            };
            if age == r_age {
                first_income = paid + ss;
            }
        }
        let stocks = if crash_year { -0.40 } else { STOCKS };
        let r_crypto = match () {
            () if zero_year => -1.0,
            () if crash_year => -0.75,
            () => CRYPTO,
        };
        let r_core = g[0] * stocks + g[1] * BONDS + g[2] * CASH;
        core *= 1.0 + r_core;
        crypto *= 1.0 + r_crypto;
        if !retired {
            let (c, deferral_hit, additions_hit) = contribution(plan, t, age);
            deferral_hits += deferral_hit as usize;
            additions_hits += additions_hit as usize;
            if deferral_hit && (60..=63).contains(&age) {
                catch_up_ages.push(age);
            }
            core += (1.0 - s) * c * (1.0 + r_core).sqrt();
            crypto += s * c * (1.0 + r_crypto).sqrt();
        }
        core *= 1.0 - (g[0] * f.stocks + g[1] * f.bonds + g[2] * f.cash + f.plan);
        crypto *= 1.0 - (f.crypto + f.plan);
        balances.push(core + crypto);
    }
    Expected {
        balances,
        moves,
        first_income,
        depleted,
        limits_hit: (deferral_hits, additions_hits, catch_up_ages),
    }
}

fn assert_close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: engine {got}, by hand {want}"
    );
}

fn check(plan: &Plan) -> Expected {
    check_under(plan, None)
}

fn check_under(plan: &Plan, stress: Option<Stress>) -> Expected {
    let valid = glidepath::validate(plan).expect("a valid plan");
    let valid = match stress {
        Some(stress) => valid.stressed(stress).expect("the stress applies"),
        None => valid,
    };
    let outcome = simulate(&valid, &RunControl::new()).expect("runs");
    let want = expected(plan, stress);
    assert_eq!(outcome.ages.len(), want.balances.len());
    for (t, &b) in want.balances.iter().enumerate() {
        for series in outcome.portfolio.bands.as_array() {
            assert_close(series[t], b, &format!("balance at age {}", outcome.ages[t]));
        }
    }
    let ret = outcome.portfolio.retirement.balance.p50;
    assert_close(
        ret,
        want.balances[(plan.saver.retirement_age - plan.saver.age) as usize],
        "retirement balance",
    );
    assert_close(
        outcome.portfolio.retirement.annual_income.p10,
        want.first_income,
        "first income",
    );
    let success = if want.depleted.is_some() { 0.0 } else { 1.0 };
    assert_eq!(outcome.portfolio.success_probability, success);
    // Depleted during the year at age a, the money does not last to a + 1:
    // the first age whose survival is below 90%.
    assert_eq!(
        outcome.portfolio.depletion_age_p10,
        want.depleted.map(|a| a + 1)
    );
    // The comparison without the sleeve is the same calculation with no sleeve.
    let without = expected(&plan.without_sleeve(), stress);
    let ws = outcome
        .without_sleeve
        .as_ref()
        .expect("a sleeve gives a comparison");
    for (t, &b) in without.balances.iter().enumerate() {
        assert_close(
            ws.bands.p50[t],
            b,
            &format!("balance without the sleeve at age {}", outcome.ages[t]),
        );
    }
    let worst = match stress {
        Some(Stress::ZeroAt(_)) => -1.0,
        Some(Stress::CrashBeforeRetirement) => -0.75,
        Some(Stress::PrivateMarkdown) => panic!("these plans hold no private sleeve"),
        None => CRYPTO,
    };
    assert_close(
        outcome.sleeve_worst_year.unwrap(),
        worst,
        "sleeve's worst year",
    );
    // The stress's cost is the stressed run less the same plan unstressed.
    match stress {
        Some(stress) => {
            let effect = outcome
                .stress
                .as_ref()
                .expect("a stressed run says its cost");
            assert_eq!(effect.name, stress.to_string());
            let calm = expected(plan, None);
            let at_retirement = (plan.saver.retirement_age - plan.saver.age) as usize;
            let change = want.balances[at_retirement] - calm.balances[at_retirement];
            assert_close(
                effect.retirement_balance_p50_change,
                change,
                "cost at retirement",
            );
            assert_close(
                effect.retirement_balance_p10_change,
                change,
                "bad-case cost",
            );
            assert_close(
                effect.income_p50_change,
                want.first_income - calm.first_income,
                "cost in income",
            );
        }
        None => assert!(outcome.stress.is_none()),
    }
    want
}

#[test]
fn fixed_real_withdrawal_with_social_security() {
    let want = check(&plan(Withdrawal::FixedReal(90_000.0), Rebalance::Annual));
    // The plan is meant to exercise every limit: check that it does.
    let (deferral_hits, additions_hits, catch_up_ages) = want.limits_hit;
    assert!(deferral_hits > 10, "the deferral limit binds in most years");
    assert!(additions_hits > 0, "the annual additions limit binds");
    assert_eq!(
        catch_up_ages,
        vec![60, 61, 62, 63],
        "the SECURE 2.0 catch-up applies at 60-63"
    );
}

#[test]
fn fixed_real_withdrawal_that_depletes() {
    let want = check(&plan(Withdrawal::FixedReal(400_000.0), Rebalance::Annual));
    assert!(
        want.depleted.is_some(),
        "this withdrawal is meant to run out"
    );
}

#[test]
fn initial_rate_withdrawal() {
    check(&plan(Withdrawal::InitialRate(0.045), Rebalance::Annual));
}

#[test]
fn guardrails_cut_when_the_balance_falls_but_not_near_the_end() {
    let rule = Guardrails {
        initial_rate: 0.07,
        until_years_left: 12,
        ..Guardrails::default()
    };
    let want = check(&plan(Withdrawal::Guardrails(rule), Rebalance::Annual));
    let cuts: Vec<u32> = want
        .moves
        .iter()
        .filter(|m| m.1 == "cut")
        .map(|m| m.0)
        .collect();
    assert!(
        !cuts.is_empty(),
        "a falling balance crosses the upper rail: {:?}",
        want.moves
    );
    assert!(
        cuts.iter().all(|&a| 92 - a > 12),
        "no cut with 12 years left or fewer"
    );
    assert!(
        want.moves.iter().any(|m| m.1 == "no cut"),
        "the limit acts: {:?}",
        want.moves
    );
}

#[test]
fn guardrails_raise_when_the_balance_rises() {
    // A small rate: the balance outgrows its withdrawals.
    let rule = Guardrails {
        initial_rate: 0.01,
        lower: 0.10,
        ..Guardrails::default()
    };
    let want = check(&plan(Withdrawal::Guardrails(rule), Rebalance::Annual));
    assert!(
        want.moves.iter().any(|m| m.1 == "raise"),
        "{:?}",
        want.moves
    );
    assert!(want.moves.iter().all(|m| m.1 == "raise"));
}

#[test]
fn vpw_pays_the_annuity_and_empties_the_account_in_the_last_year() {
    let want = check(&plan(Withdrawal::Vpw(Vpw::default()), Rebalance::Annual));
    assert_eq!(want.depleted, None, "VPW never runs out");
    assert!(
        want.balances.last().unwrap().abs() < 1e-6,
        "nothing left at the end"
    );
}

#[test]
fn floor_and_ceiling_clamp_as_stated() {
    // A high rate: the balance falls faster than the floor lets spending fall.
    let rule = FloorCeiling {
        rate: 0.09,
        ..FloorCeiling::default()
    };
    let want = check(&plan(Withdrawal::FloorCeiling(rule), Rebalance::Annual));
    assert!(
        want.moves.iter().any(|m| m.1 == "floor"),
        "{:?}",
        want.moves
    );
    // A moderate one stays within both: the rule is its rate.
    let rule = FloorCeiling {
        rate: 0.03,
        ..FloorCeiling::default()
    };
    assert!(
        check(&plan(Withdrawal::FloorCeiling(rule), Rebalance::Annual))
            .moves
            .is_empty()
    );
}

#[test]
fn percent_of_balance_withdrawal() {
    check(&plan(Withdrawal::PercentOfBalance(0.05), Rebalance::Annual));
}

#[test]
fn buy_and_hold_sleeve() {
    check(&plan(Withdrawal::FixedReal(90_000.0), Rebalance::Never));
}

#[test]
fn already_retired_and_retiring_at_the_last_age() {
    let mut retired = plan(Withdrawal::InitialRate(0.04), Rebalance::Annual);
    retired.saver.age = 70;
    retired.saver.retirement_age = 70;
    check(&retired);

    let mut late = plan(Withdrawal::InitialRate(0.04), Rebalance::Annual);
    late.saver.retirement_age = 92;
    let outcome = simulate(
        &glidepath::validate(&late).expect("a valid plan"),
        &RunControl::new(),
    )
    .unwrap();
    let want = expected(&late, None);
    let final_balance = *want.balances.last().unwrap();
    // No retirement year is simulated: the rule applied to the final balance.
    assert_close(
        outcome.portfolio.retirement.annual_income.p50,
        0.04 * final_balance + 30_000.0,
        "income",
    );
}

#[test]
fn crypto_to_zero_at_any_age() {
    for rebalance in [Rebalance::Annual, Rebalance::Never] {
        // The first year, one mid-career, the year before retirement, the
        // retirement year itself and one in retirement.
        for age in [45, 55, 65, 66, 80] {
            let want = check_under(
                &plan(Withdrawal::InitialRate(0.045), rebalance),
                Some(Stress::ZeroAt(age)),
            );
            assert!(want.balances.iter().all(|b| b.is_finite()));
        }
    }
}

#[test]
fn a_crash_the_year_before_retirement() {
    for withdrawal in [
        Withdrawal::FixedReal(90_000.0),
        Withdrawal::InitialRate(0.045),
        Withdrawal::PercentOfBalance(0.05),
    ] {
        check_under(
            &plan(withdrawal, Rebalance::Annual),
            Some(Stress::CrashBeforeRetirement),
        );
    }
    check_under(
        &plan(Withdrawal::FixedReal(90_000.0), Rebalance::Never),
        Some(Stress::CrashBeforeRetirement),
    );
}

//! Historical returns: rolling start years checked by hand, bootstrap
//! reproducibility and fairness, and rolling against Monte Carlo.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use glidepath::engine::{Runner, SimulationError, Workspace};
use glidepath::market::history::{ReturnHistory, bootstrap_indices, parse};
use glidepath::outcome::Outcome;
use glidepath::plan::fees::Fees;
use glidepath::plan::glide_path::{GlidePath, Knot};
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::plan::{HistoryMode, Plan, Returns};
use glidepath::{RunControl, simulate};

/// `plan` run on the history `h` the test read.
fn replay(plan: &glidepath::ValidPlan, h: &ReturnHistory) -> Result<Outcome, SimulationError> {
    Runner::new(&mut Workspace::default(), &RunControl::new())
        .with_history(Some(h))
        .simulate(plan)
}

fn history(text: &str) -> ReturnHistory {
    parse(text, Path::new("test.csv")).expect("a valid history")
}

fn with_history(mut plan: Plan, mode: HistoryMode) -> Plan {
    plan.simulation.returns = Returns::History {
        file: "test.csv".into(),
        mode,
    };
    plan
}

fn all_stocks() -> GlidePath {
    GlidePath::new(
        "all stocks",
        vec![Knot {
            years_to_retirement: 0.0,
            stocks: 1.0,
            bonds: 0.0,
            cash: 0.0,
        }],
    )
}

#[test]
fn rolling_start_years_equal_a_hand_calculation() {
    // Five years; a retired saver over a three-year horizon, no fees,
    // all stocks, withdrawing $30,000 a year at the start of each year.
    let h = history(
        "# made-up numbers for a test\n\
         year,stocks,bonds,cash,inflation\n\
         2000,0.10,0.01,0.01,0.02\n\
         2001,-0.20,0.01,0.01,0.01\n\
         2002,0.05,0.01,0.01,0.03\n\
         2003,0.30,0.01,0.01,0.00\n\
         2004,0.00,0.01,0.01,0.02\n",
    );
    let mut plan = Plan::default();
    plan.saver.age = 60;
    plan.saver.retirement_age = 60;
    plan.saver.plan_to_age = 63;
    plan.saver.balance = 100_000.0;
    plan.allocation.glide_path = all_stocks();
    plan.fees = Fees::NONE;
    plan.retirement.withdrawal = Withdrawal::FixedReal(30_000.0);
    let plan = with_history(plan, HistoryMode::Rolling);
    let outcome = replay(&glidepath::validate(&plan).expect("a valid plan"), &h).expect("runs");

    // Real growth of each year, by hand.
    let g2000 = 1.10 / 1.02;
    let g2001 = 0.80 / 1.01;
    let g2002 = 1.05 / 1.03;
    let g2003 = 1.30 / 1.00;
    let g2004 = 1.00 / 1.02;
    // Start 2000: survives.
    let a1 = (100_000.0 - 30_000.0) * g2000;
    let a2 = (a1 - 30_000.0) * g2001;
    let a3 = (a2 - 30_000.0) * g2002;
    // Start 2001: the third withdrawal is more than what is left.
    let b1 = (100_000.0 - 30_000.0) * g2001;
    let b2 = (b1 - 30_000.0) * g2002;
    assert!(
        b2 < 30_000.0,
        "the hand calculation expects 2001 to run out"
    );
    let b3 = 0.0;
    // Start 2002: survives.
    let c1 = (100_000.0 - 30_000.0) * g2002;
    let c2 = (c1 - 30_000.0) * g2003;
    let c3 = (c2 - 30_000.0) * g2004;

    assert_eq!(outcome.mode, glidepath::outcome::Mode::HistoricalRolling);
    assert_eq!(outcome.paths, 3);
    assert_eq!(outcome.start_years, Some(vec![2000, 2001, 2002]));
    assert_eq!(outcome.failed_start_years, Some(vec![2001]));
    assert!((outcome.portfolio.success_probability - 2.0 / 3.0).abs() < 1e-12);
    // With three paths, numpy's percentiles of the final balances:
    let mut finals = [a3, b3, c3];
    finals.sort_by(f64::total_cmp);
    let [low, mid, high] = finals;
    let last = outcome.ages.len() - 1;
    let bands = &outcome.portfolio.bands;
    let close = |got: f64, want: f64| (got - want).abs() <= 1e-9 * want.abs().max(1.0);
    assert!(
        close(bands.p50[last], mid),
        "median {} vs {mid}",
        bands.p50[last]
    );
    assert!(
        close(bands.p5[last], low + 0.1 * (mid - low)),
        "p5 {}",
        bands.p5[last]
    );
    assert!(
        close(bands.p95[last], mid + 0.9 * (high - mid)),
        "p95 {}",
        bands.p95[last]
    );
    // After one year every path is still paying: the median of a1, b1, c1.
    let mut first = [a1, b1, c1];
    first.sort_by(f64::total_cmp);
    assert!(close(bands.p50[1], first[1]));
}

#[test]
fn rolling_on_constant_returns_equals_zero_volatility_monte_carlo() {
    let (stocks, bonds, cash, inflation) = (0.07, 0.04, 0.03, 0.02);
    let mut text = String::from("year,stocks,bonds,cash,inflation\n");
    for year in 1950..2020 {
        text.push_str(&format!("{year},{stocks},{bonds},{cash},{inflation}\n"));
    }
    let h = history(&text);
    let rolling = with_history(Plan::sample(), HistoryMode::Rolling);
    let replayed = replay(&glidepath::validate(&rolling).expect("a valid plan"), &h).expect("runs");
    assert_eq!(replayed.paths, 70 - 60 + 1);

    let mut calm = Plan::sample();
    let real = |r: f64| (1.0 + r) / (1.0 + inflation) - 1.0;
    let a = &mut calm.assumptions;
    a.stocks.mean = real(stocks);
    a.bonds.mean = real(bonds);
    a.cash.mean = real(cash);
    for asset in [&mut a.stocks, &mut a.bonds, &mut a.cash, &mut a.crypto] {
        asset.volatility = 0.0;
    }
    calm.simulation.paths = 5;
    let monte_carlo = simulate(
        &glidepath::validate(&calm).expect("a valid plan"),
        &RunControl::new(),
    )
    .expect("runs");
    for (got, want) in replayed
        .portfolio
        .bands
        .p50
        .iter()
        .zip(&monte_carlo.portfolio.bands.p50)
    {
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(1.0),
            "{got} vs {want}"
        );
    }
    assert_eq!(
        replayed.portfolio.success_probability,
        monte_carlo.portfolio.success_probability
    );
}

fn thirty_years() -> ReturnHistory {
    let mut text = String::from("year,stocks,bonds,cash,inflation,crypto\n");
    for (i, year) in (1990..2020).enumerate() {
        let wobble = ((i * 7) % 11) as f64 / 50.0 - 0.1;
        text.push_str(&format!(
            "{year},{:.3},{:.3},0.01,0.02,{:.3}\n",
            0.06 + wobble,
            0.03 - wobble / 4.0,
            2.0 * wobble
        ));
    }
    history(&text)
}

#[test]
fn bootstrap_is_reproducible_and_stays_inside_the_file() {
    let h = thirty_years();
    let mut plan = with_history(Plan::sample(), HistoryMode::Bootstrap { block_years: 5 });
    plan.simulation.paths = 2_000;
    plan.allocation.sleeve = Some(glidepath::plan::sleeve::Sleeve::constant(0.03));
    let a = replay(&glidepath::validate(&plan).expect("a valid plan"), &h).unwrap();
    let b = replay(&glidepath::validate(&plan).expect("a valid plan"), &h).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.mode, glidepath::outcome::Mode::HistoricalBootstrap);
    assert_eq!(a.paths, 2_000);
    plan.simulation.seed += 1;
    assert_ne!(
        replay(&glidepath::validate(&plan).expect("a valid plan"), &h)
            .unwrap()
            .portfolio
            .bands,
        a.portfolio.bands
    );

    for path in 0..500 {
        let indices = bootstrap_indices(42, path, 30, 5, 60);
        assert_eq!(indices.len(), 60);
        for block in indices.chunks(5) {
            assert!(block.iter().all(|&i| i < 30), "inside the file");
            assert!(
                block.windows(2).all(|w| w[1] == w[0] + 1),
                "consecutive years: {block:?}"
            );
        }
    }
}

#[test]
fn bootstrap_block_starts_are_spread_evenly() {
    // 20 years, blocks of 5: 16 possible starts, each as likely.
    let (years, block, horizon) = (20, 5, 50);
    let mut counts = [0usize; 16];
    let paths = 20_000;
    for path in 0..paths {
        for start in bootstrap_indices(7, path, years, block, horizon)
            .chunks(block)
            .map(|b| b[0])
        {
            counts[start] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    assert_eq!(total, paths as usize * horizon / block);
    let expected = total as f64 / 16.0;
    // A chi-square statistic with 15 degrees of freedom: 37.7 is its 99.9th percentile.
    let chi_square: f64 = counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum();
    assert!(chi_square < 37.7, "chi-square {chi_square}: {counts:?}");
    assert!(counts.iter().all(|&c| c > 0));
}

#[test]
fn a_sleeve_without_crypto_history_is_an_error_not_a_zero() {
    let h =
        history("year,stocks,bonds,cash,inflation\n2000,0.1,0.1,0.1,0.1\n2001,0.1,0.1,0.1,0.1\n");
    let mut plan = with_history(Plan::sample(), HistoryMode::Bootstrap { block_years: 1 });
    plan.allocation.sleeve = Some(glidepath::plan::sleeve::Sleeve::constant(0.03));
    let error = replay(&glidepath::validate(&plan).expect("a valid plan"), &h)
        .unwrap_err()
        .to_string();
    assert!(error.contains("no crypto column"), "{error}");
    let rolling = with_history(Plan::sample(), HistoryMode::Rolling);
    let error = replay(&glidepath::validate(&rolling).expect("a valid plan"), &h)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("has 2 years") && error.contains("needs 60"),
        "{error}"
    );
    let too_long = with_history(Plan::sample(), HistoryMode::Bootstrap { block_years: 3 });
    let error = replay(&glidepath::validate(&too_long).expect("a valid plan"), &h)
        .unwrap_err()
        .to_string();
    assert!(error.contains("block_years"), "{error}");
}

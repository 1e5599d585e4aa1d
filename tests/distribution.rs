//! The engine against distribution facts, with enough paths that the
//! checks cannot flake: a million paths puts the 5th and 95th percentiles'
//! standard error near 0.1%, ten times inside the 1% tolerance.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::market::rng::path_rng;
use glidepath::market::{ReturnModel, YearDraws};
use glidepath::plan::Plan;
use glidepath::plan::asset::Asset;
use glidepath::plan::assumptions::CryptoCrash;
use glidepath::plan::glide_path::{GlidePath, Knot};
use glidepath::{RunControl, simulate};

/// Standard normal quantiles of the 5th, 50th and 95th percentiles.
const Z_05: f64 = -1.644_853_626_951_472_2;
const Z_95: f64 = 1.644_853_626_951_472_2;

#[test]
fn one_asset_final_balance_is_lognormal() {
    let years = 10u32;
    let b0 = 100_000.0;
    let mut plan = Plan::default();
    plan.saver.age = 40;
    plan.saver.retirement_age = 40 + years;
    plan.saver.plan_to_age = 40 + years;
    plan.saver.balance = b0;
    plan.allocation.glide_path = GlidePath::new(
        "all stocks",
        vec![Knot {
            years_to_retirement: 0.0,
            stocks: 1.0,
            bonds: 0.0,
            cash: 0.0,
        }],
    );
    plan.fees = glidepath::plan::fees::Fees {
        stocks: 0.0,
        bonds: 0.0,
        cash: 0.0,
        crypto: 0.0,
        plan: 0.0,
    };
    plan.simulation.paths = 1_000_000;
    let stocks = plan.assumptions.stocks;
    let outcome = simulate(
        &glidepath::validate(&plan).expect("a valid plan"),
        &RunControl::new(),
    )
    .expect("runs");

    let mu = (1.0 + stocks.mean).ln() - stocks.volatility.powi(2) / 2.0;
    let t = f64::from(years);
    let quantile = |z: f64| b0 * (t * mu + stocks.volatility * t.sqrt() * z).exp();
    let last = outcome.ages.len() - 1;
    let bands = &outcome.portfolio.bands;
    for (got, want, name) in [
        (bands.p5[last], quantile(Z_05), "5th"),
        (bands.p50[last], quantile(0.0), "median"),
        (bands.p95[last], quantile(Z_95), "95th"),
    ] {
        let error = (got - want).abs() / want;
        assert!(
            error < 0.01,
            "{name} percentile {got:.0} vs lognormal {want:.0} ({:.3}% off)",
            error * 100.0
        );
    }
}

#[test]
fn crash_jumps_are_compensated_so_the_mean_return_holds() {
    let mut assumptions = Plan::default().assumptions;
    assumptions.crypto_crash = Some(CryptoCrash {
        probability: 0.25,
        mean: -0.70,
        volatility: 0.25,
    });
    let mean = assumptions.crypto.mean;
    let model = ReturnModel::new(&assumptions).expect("valid");
    let draws = 1_000_000;
    let mut rng = path_rng(2024, 0);
    let total: f64 = (0..draws)
        .map(|_| 1.0 + model.returns(&YearDraws::sample(&mut rng))[Asset::Crypto])
        .sum();
    let sample_mean = total / f64::from(draws);
    let error = (sample_mean - (1.0 + mean)).abs() / (1.0 + mean);
    assert!(
        error < 0.005,
        "mean of 1 + R is {sample_mean}, expected {}",
        1.0 + mean
    );

    // Without the compensation the mean would be far off: the check has teeth.
    let crash = assumptions.crypto_crash.as_ref().unwrap();
    let uncompensated = (1.0 + mean)
        * (1.0 - crash.probability
            + crash.probability * (crash.mean + crash.volatility.powi(2) / 2.0).exp());
    assert!((uncompensated - (1.0 + mean)).abs() / (1.0 + mean) > 0.05);
}

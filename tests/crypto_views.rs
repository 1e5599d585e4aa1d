//! The crypto views say what they assume: the figures the library gives
//! for any view equal a simulation of the view's own model.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::market::rng::path_rng;
use glidepath::market::{ReturnModel, ViewFigures, YearDraws};
use glidepath::plan::asset::Asset;
use glidepath::plan::assumptions::{AssetAssumption, Assumptions, CryptoCrash};
use glidepath::plan::defaults::shipped;
use rayon::prelude::*;

/// A million simulated paths of ten years of crypto under `assumptions`:
/// the average year, the share of years below −50%, the median 10-year growth.
fn simulate(assumptions: &Assumptions) -> (f64, f64, f64) {
    let model = ReturnModel::new(assumptions).unwrap();
    let paths = 1_000_000u64;
    let years: Vec<(f64, f64, f64)> = (0..paths)
        .into_par_iter()
        .map(|path| {
            let mut rng = path_rng(2026, path);
            let (mut growth_sum, mut below, mut log_sum) = (0.0, 0.0, 0.0);
            for _ in 0..10 {
                let x = model.log_returns(&YearDraws::sample(&mut rng))[Asset::Crypto];
                growth_sum += x.exp() - 1.0;
                below += f64::from(u8::from(x < 0.5f64.ln()));
                log_sum += x;
            }
            (growth_sum, below, log_sum)
        })
        .collect();
    let n = (paths * 10) as f64;
    let average = years.iter().map(|y| y.0).sum::<f64>() / n;
    let below = years.iter().map(|y| y.1).sum::<f64>() / n;
    let mut logs: Vec<f64> = years.iter().map(|y| y.2).collect();
    logs.sort_by(f64::total_cmp);
    let median = (0.5 * (logs[499_999] + logs[500_000])).exp();
    (average, below, median)
}

fn with_crypto(asset: AssetAssumption, crash: Option<CryptoCrash>) -> Assumptions {
    Assumptions {
        crypto: asset,
        crypto_crash: crash,
        ..Assumptions::default()
    }
}

fn check(asset: AssetAssumption, crash: Option<CryptoCrash>) -> ViewFigures {
    let figures = ViewFigures::of(&asset, crash.as_ref());
    let (average, below, median) = simulate(&with_crypto(asset, crash.clone()));
    assert!(
        (figures.average_year - average).abs() < 0.005,
        "average {} vs simulated {average}",
        figures.average_year
    );
    assert!(
        (figures.years_below_half - below).abs() < 0.005,
        "below half {} vs simulated {below}",
        figures.years_below_half
    );
    assert!(
        (figures.typical_path_growth / median - 1.0).abs() < 0.02,
        "typical path {} vs simulated {median}",
        figures.typical_path_growth
    );
    figures
}

#[test]
fn each_shipped_view_implies_what_a_simulation_of_it_shows() {
    let expected = [
        ("skeptic", 0.07, 0.27, -0.65),
        ("neutral", 0.18, 0.23, -0.65),
        ("optimist", 2.88, 0.16, -0.60),
    ];
    for (id, path, below, crash) in expected {
        let view = shipped().crypto_view(id).expect(id);
        let figures = check(view.asset(), view.crash.clone());
        // The table of presets.md, to its printed precision.
        assert!(
            (figures.typical_path_growth - path).abs() < 0.01 * path.max(1.0),
            "{id}"
        );
        assert!((figures.years_below_half - below).abs() < 0.006, "{id}");
        // The typical crash year, exactly its closed form.
        let crash_of = view.crash.as_ref().unwrap();
        let a = view.asset();
        let drift = (1.0 + a.mean).ln()
            - a.volatility * a.volatility / 2.0
            - (1.0 - crash_of.probability
                + crash_of.probability
                    * (crash_of.mean + crash_of.volatility * crash_of.volatility / 2.0).exp())
            .ln();
        assert_eq!(
            figures.typical_crash_year,
            Some((drift + crash_of.mean).exp() - 1.0)
        );
        assert!(
            (figures.typical_crash_year.unwrap() - crash).abs() < 0.006,
            "{id}"
        );
    }
}

#[test]
fn a_user_s_own_view_gets_its_figures_the_same_way() {
    let figures = check(
        AssetAssumption {
            mean: 0.15,
            volatility: 0.8,
        },
        Some(CryptoCrash {
            probability: 0.1,
            mean: -0.5,
            volatility: 0.4,
        }),
    );
    assert!(figures.sentence().contains("a crash year about one in 10"));
    let calm = check(
        AssetAssumption {
            mean: 0.05,
            volatility: 0.3,
        },
        None,
    );
    assert!(
        calm.sentence().contains("no crash years"),
        "{}",
        calm.sentence()
    );
}

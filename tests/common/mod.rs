//! What several integration tests share, written once: the shipped life
//! table read on its own, its products, and a plan with markets that do
//! not move (all in stocks growing at one rate, no fees).

// Each test file uses what it needs of this module.
#![allow(dead_code)]

use glidepath::life::Sex;
use glidepath::plan::Plan;
use glidepath::plan::glide_path::{GlidePath, Knot};

/// The shipped table read here, on its own: q by age for (male, female).
pub fn ssa_table() -> Vec<(f64, f64)> {
    let text = std::fs::read_to_string("assets/life/ssa_period_life_table.csv")
        .expect("the shipped table reads");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("age"))
        .map(|l| {
            let cells: Vec<f64> = l.split(',').map(|c| c.parse().expect("a number")).collect();
            (cells[1], cells[2])
        })
        .collect()
}

/// P(D ≥ at) for a person of `sex` aged `age` today: Π (1 − q) over the
/// years between; 0 past the table.
pub fn alive(q: &[(f64, f64)], sex: Sex, age: u32, at: u32) -> f64 {
    if at > 120 {
        return 0.0;
    }
    (age..at).fold(1.0, |p, z| {
        let (m, f) = q[z as usize];
        p * (1.0 - if sex == Sex::Female { f } else { m })
    })
}

/// `plan` all in stocks that grow `growth` a year (real) with every
/// volatility at zero, no crashes and no fund or plan fees, prices rising
/// at `inflation`.
pub fn still_markets(plan: &mut Plan, growth: f64, inflation: f64) {
    plan.allocation.glide_path = GlidePath {
        name: "All stocks".into(),
        knots: vec![Knot {
            years_to_retirement: 0.0,
            stocks: 1.0,
            bonds: 0.0,
            cash: 0.0,
        }],
    };
    plan.fees.stocks = 0.0;
    plan.fees.plan = 0.0;
    let a = &mut plan.assumptions;
    a.stocks.mean = growth;
    a.inflation = inflation;
    for asset in [&mut a.stocks, &mut a.bonds, &mut a.cash, &mut a.crypto] {
        asset.volatility = 0.0;
    }
    a.crypto_crash = None;
}

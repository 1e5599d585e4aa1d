//! Randomness is seeded and reproducible: the same plan and seed give the
//! same bits on every run and whatever the number of threads.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::plan::Plan;
use glidepath::plan::sleeve::Sleeve;
use glidepath::{Outcome, RunControl, simulate};

fn plan_with_sleeve() -> Plan {
    let mut plan = Plan::sample();
    plan.allocation.sleeve = Some(Sleeve {
        weight: 0.05,
        weight_at_retirement: 0.02,
        ..Sleeve::constant(0.05)
    });
    plan.simulation.paths = 3_000;
    plan
}

fn run_on(threads: usize, plan: &Plan) -> Outcome {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    pool.install(|| {
        simulate(
            &glidepath::validate(plan).expect("a valid plan"),
            &RunControl::new(),
        )
        .expect("runs")
    })
}

fn bits(outcome: &Outcome) -> Vec<u64> {
    let p = &outcome.portfolio;
    let w = outcome.without_sleeve.as_ref().expect("comparison");
    p.bands
        .as_array()
        .into_iter()
        .chain(w.bands.as_array())
        .flat_map(|s| s.iter().map(|v| v.to_bits()))
        .chain(p.survival.iter().map(|v| v.to_bits()))
        .chain([
            p.success_probability.to_bits(),
            outcome.sleeve_worst_year.unwrap().to_bits(),
        ])
        .collect()
}

#[test]
fn same_bits_with_one_thread_and_with_many() {
    let plan = plan_with_sleeve();
    let one = run_on(1, &plan);
    let many = run_on(4, &plan);
    assert_eq!(bits(&one), bits(&many));
    assert_eq!(one, many);
    assert_eq!(bits(&run_on(3, &plan)), bits(&one));
}

#[test]
fn another_seed_gives_other_numbers() {
    let plan = plan_with_sleeve();
    let mut other = plan.clone();
    other.simulation.seed += 1;
    assert_ne!(bits(&run_on(2, &plan)), bits(&run_on(2, &other)));
}

#[test]
fn the_sleeve_never_shifts_the_stock_and_bond_draws() {
    // Common random numbers: the comparison without the sleeve is exactly
    // the plan run with no sleeve at all.
    let plan = plan_with_sleeve();
    let with = run_on(2, &plan);
    let without = run_on(2, &plan.without_sleeve());
    assert_eq!(
        with.without_sleeve.as_ref().unwrap().bands,
        without.portfolio.bands
    );
    // Turning crashes off changes crypto, not the core.
    let mut calm = plan.without_sleeve();
    calm.assumptions.crypto_crash = None;
    assert_eq!(run_on(2, &calm).portfolio.bands, without.portfolio.bands);
}

#[test]
fn a_cancelled_run_stops_with_cancelled() {
    let control = RunControl::new();
    control.cancel();
    let result = simulate(
        &glidepath::validate(&plan_with_sleeve()).expect("a valid plan"),
        &control,
    );
    assert!(matches!(result, Err(glidepath::SimulationError::Cancelled)));
}

#[test]
fn progress_reaches_one() {
    let control = RunControl::new();
    simulate(
        &glidepath::validate(&plan_with_sleeve()).expect("a valid plan"),
        &control,
    )
    .expect("runs");
    assert_eq!(control.progress(), 1.0);
}

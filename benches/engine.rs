//! Engine speed, phase by phase, against its random-number floor.
//!
//! The plan is the model's example (age 35 to 95, a 3% → 1% sleeve, so
//! every run also runs the plan without the sleeve). Phases:
//! - `draws`: every random draw a run consumes (six per path-year, the same
//!   generator and parallelism) and nothing else: the floor;
//! - `year loop`: draws, returns and the year loop of both plans, keeping
//!   only whether each path lasted (`Record::Success`);
//! - `percentiles`: the seven percentiles at each of 2 × 61 ages of 10,000
//!   balances (the summary's selections alone);
//! - `simulate`: the whole run, bands and all;
//! - `scenarios`: a set of 4 scenarios (retire at 65 or 67, a 3% or 5%
//!   sleeve), each with its comparison without the sleeve, full and at the
//!   2,000 paths of a drag.
//!
//! - `taxes`: the sample plan (a saver of 35 needing $60,000 a year after
//!   tax) with taxes on and the same plan before tax, 10,000 paths, and
//!   its 4 scenarios at the 2,000 paths of a drag with taxes on.
//!
//! - `lifespans`: the sample couple (`saves/couple-pension-college.ron`)
//!   at 10,000 paths to the plan-to age and with ages at death from the
//!   SSA table.
//!
//! - `private`: the model's example at 10,000 paths with and without a
//!   10% private-equity sleeve: the plan alone (one member, the sleeve's
//!   cost in the year loop) and `simulate` (with its comparisons).
//!
//! Targets (2 cores): a 10,000-path run ≤ 2.5× its floor; 4 scenarios ≤ 3×
//! one run; the 2,000-path preview of 4 scenarios ≤ 16 ms; with taxes on a
//! run ≤ 1.5× the same run before tax, and the preview still ≤ 16 ms; table
//! lifespans ≤ 1.1× the run to the plan-to age. See
//! docs/performance.md. Run with `cargo bench` (`cargo bench -- taxes`
//! for the taxes alone).

// The benches run the shipped example: if it does not parse or run, the
// bench must stop loudly.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use glidepath::engine::questions::{Field, SweepView};
use glidepath::engine::{RunControl, Runner, Workspace, draw_floor};
use glidepath::outcome::percentiles::{LEVELS, Selection, Values, levels_of_chunks};
use glidepath::outcome::{Levels, Record};
use glidepath::plan::lifespan::{Lifespan, TableLifespan};
use glidepath::plan::private::{PrivateKind, PrivateSleeve};
use glidepath::plan::sleeve::Sleeve;
use glidepath::plan::{Plan, ValidPlan, validate};

const MODEL_EXAMPLE: &str = include_str!("../tests/data/model_example.ron");

fn example(paths: u32) -> ValidPlan {
    let mut plan: Plan = ron::from_str(MODEL_EXAMPLE).expect("the model example parses");
    plan.version = 2;
    plan.simulation.paths = paths;
    validate(&plan).expect("the model example is valid")
}

/// The example and three variants: retire at 67, a 5% sleeve, both.
fn scenarios(paths: u32) -> Vec<ValidPlan> {
    scenarios_of(example(paths).plan())
}

/// `base` and three variants of it: retiring at 67, a 5% sleeve, both.
fn scenarios_of(base: &Plan) -> Vec<ValidPlan> {
    let variant = |change: &dyn Fn(&mut Plan)| {
        let mut plan = base.clone();
        change(&mut plan);
        validate(&plan).expect("a valid variant")
    };
    vec![
        variant(&|_| {}),
        variant(&|p| p.saver.retirement_age = 67),
        variant(&|p| p.allocation.sleeve = Some(Sleeve::constant(0.05))),
        variant(&|p| {
            p.saver.retirement_age = 67;
            p.allocation.sleeve = Some(Sleeve::constant(0.05));
        }),
    ]
}

/// The scenarios with each one's comparison without the sleeve: what the
/// app runs for a comparison.
fn with_comparisons(plans: &[ValidPlan]) -> Vec<ValidPlan> {
    plans
        .iter()
        .flat_map(|p| [p.clone(), p.without_sleeve()])
        .collect()
}

/// Each scenario with its bands, its comparison without the sleeve with
/// its median and bad case: what the app keeps of a job.
fn drag_members(set: &[ValidPlan]) -> Vec<(&ValidPlan, Record)> {
    set.iter()
        .zip(
            [
                Record::Bands(Levels::ALL),
                Record::BalanceBands(Levels::MEDIAN_AND_BAD_CASE),
            ]
            .repeat(4),
        )
        .collect()
}

fn phases(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(6));
    let mut workspace = Workspace::default();
    let control = RunControl::new();
    for paths in [10_000u32, 100_000] {
        let plan = example(paths);
        group.bench_with_input(BenchmarkId::new("draws", paths), &plan, |b, plan| {
            b.iter(|| draw_floor(black_box(plan)))
        });
        let without = plan.without_sleeve();
        let both = [(&plan, Record::Success), (&without, Record::Success)];
        group.bench_with_input(BenchmarkId::new("year loop", paths), &both, |b, both| {
            b.iter(|| {
                Runner::new(&mut workspace, &control)
                    .set(both)
                    .expect("runs")
            })
        });
        group.bench_with_input(BenchmarkId::new("simulate", paths), &plan, |b, plan| {
            b.iter(|| {
                Runner::new(&mut workspace, &control)
                    .simulate(black_box(plan))
                    .expect("runs")
            })
        });
    }

    // The selections alone: 2 × 61 columns of 10,000 lognormal balances,
    // each in 40 batches as the engine leaves them.
    let columns: Vec<Vec<f64>> = (0..122u64)
        .map(|c| {
            (0..10_000u64)
                .map(|i| {
                    let u = ((i * 2_654_435_761 + c * 97) % 10_007) as f64 / 10_007.0;
                    1e5 * (3.0 * (u - 0.5)).exp()
                })
                .collect()
        })
        .collect();
    let mut selection = Selection::default();
    group.bench_function("percentiles/10000 × 122 ages", |b| {
        b.iter(|| {
            columns
                .iter()
                .map(|column| {
                    let chunks: Vec<&[f64]> = column.chunks(256).collect();
                    levels_of_chunks(&chunks, &LEVELS, Values::NonNegative, &mut selection)[3]
                })
                .sum::<f64>()
        })
    });

    for paths in [10_000u32, 2_000] {
        let set = with_comparisons(&scenarios(paths));
        let members = drag_members(&set);
        group.bench_with_input(
            BenchmarkId::new("4 scenarios", paths),
            &members,
            |b, members| {
                b.iter(|| {
                    Runner::new(&mut workspace, &control)
                        .set(members)
                        .expect("runs")
                })
            },
        );
    }
    // Answers: a solve for the contribution rate, and the sleeve sweep of
    // the app's Sleeve tab (21 weights × 4 views), each at 10,000 paths.
    let plan = example(10_000);
    group.bench_function("solve contribution_rate/10000", |b| {
        b.iter(|| {
            Runner::new(&mut Workspace::default(), &control)
                .solve(&plan, Field::ContributionRate, 0.9)
                .expect("solves")
        })
    });
    let values: Vec<f64> = (0..=20).map(|i| f64::from(i) / 100.0).collect();
    let views = SweepView::all();
    group.bench_function("sleeve sweep 21 × 4 views/10000", |b| {
        b.iter(|| {
            Runner::new(&mut workspace, &control)
                .sweep(&plan, Field::SleeveWeight, &values, &views, &mut |_| {})
                .expect("sweeps")
        })
    });
    group.finish();
}

/// The sample plan, with taxes or before tax, and its 4 scenarios (retire
/// at 67, a 5% sleeve, both) with each one's comparison without the sleeve.
fn taxes(c: &mut Criterion) {
    let mut group = c.benchmark_group("taxes");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(6));
    let mut workspace = Workspace::default();
    let control = RunControl::new();
    let sample = |taxed: bool, paths: u32| {
        let mut plan = if taxed {
            Plan::sample()
        } else {
            Plan::sample_before_tax()
        };
        plan.simulation.paths = paths;
        plan
    };
    for (name, taxed) in [("on", true), ("off", false)] {
        let plan = validate(&sample(taxed, 10_000)).expect("the sample is valid");
        group.bench_with_input(BenchmarkId::new("simulate", name), &plan, |b, plan| {
            b.iter(|| {
                Runner::new(&mut workspace, &control)
                    .simulate(black_box(plan))
                    .expect("runs")
            })
        });
    }
    for (name, taxed) in [("on", true), ("off", false)] {
        let set = with_comparisons(&scenarios_of(&sample(taxed, 2_000)));
        let members = drag_members(&set);
        group.bench_with_input(
            BenchmarkId::new("4 scenarios/2000", name),
            &members,
            |b, members| {
                b.iter(|| {
                    Runner::new(&mut workspace, &control)
                        .set(members)
                        .expect("runs")
                })
            },
        );
    }
    // The three tax comparisons (13 plans on one set of draws) against one
    // run of the plan.
    let plan = validate(&sample(true, 10_000)).expect("the sample is valid");
    group.bench_with_input(BenchmarkId::new("answers", "10000"), &plan, |b, plan| {
        b.iter(|| {
            Runner::new(&mut workspace, &control)
                .tax_answers(black_box(plan))
                .expect("runs")
        })
    });
    group.finish();
}

/// The model's example with and without a 10% private-equity sleeve
/// (MODEL-v3 §18: at most 25% more for the sleeve).
fn private(c: &mut Criterion) {
    let mut group = c.benchmark_group("private");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(6));
    let mut workspace = Workspace::default();
    let control = RunControl::new();
    for (name, held) in [("without", false), ("with", true)] {
        let mut plan = example(10_000).into_plan();
        if held {
            plan.allocation.private =
                Some(PrivateSleeve::constant(0.10, PrivateKind::PrivateEquity));
        }
        let plan = validate(&plan).expect("the example is valid with its sleeve");
        group.bench_with_input(BenchmarkId::new("plan alone", name), &plan, |b, plan| {
            b.iter(|| {
                Runner::new(&mut workspace, &control)
                    .set(&[(black_box(plan), Record::Bands(Levels::ALL))])
                    .expect("runs")
            })
        });
        group.bench_with_input(BenchmarkId::new("simulate", name), &plan, |b, plan| {
            b.iter(|| {
                Runner::new(&mut workspace, &control)
                    .simulate(black_box(plan))
                    .expect("runs")
            })
        });
    }
    group.finish();
}

/// The sample couple to the plan-to age and with lifespans from the table.
fn lifespans(c: &mut Criterion) {
    let mut group = c.benchmark_group("lifespans");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(6));
    let mut workspace = Workspace::default();
    let control = RunControl::new();
    let couple: Plan = ron::from_str(include_str!("../saves/couple-pension-college.ron"))
        .expect("the couple example parses");
    for (name, table) in [("plan-to-age", false), ("table", true)] {
        let mut plan = couple.clone();
        if table {
            plan.simulation.lifespan = Lifespan::Table(TableLifespan::default());
        }
        let plan = validate(&plan).expect("the couple is valid");
        group.bench_with_input(BenchmarkId::new("simulate", name), &plan, |b, plan| {
            b.iter(|| {
                Runner::new(&mut workspace, &control)
                    .simulate(black_box(plan))
                    .expect("runs")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, phases, taxes, lifespans, private);
criterion_main!(benches);

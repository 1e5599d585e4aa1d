//! Engine speed against its random-number floor.
//!
//! Runs the model's example plan (age 35 to 95, with the sleeve, so the
//! comparison without it is computed too) at 10,000 and 100,000 paths, and
//! beside each, the time to make alone every random draw the run consumes
//! (six per path-year, same generator, same parallelism): the floor.
//! Targets on a 2-core machine: 10,000 paths under 16 ms; a run within 2×
//! of its floor. Run with `cargo bench`.

// The benches run the shipped example: if it does not parse or run, the
// bench must stop loudly.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use glidepath::engine::draw_floor;
use glidepath::plan::Plan;
use glidepath::{RunControl, simulate};

const MODEL_EXAMPLE: &str = include_str!("../tests/data/model_example.ron");

fn engine(c: &mut Criterion) {
    let mut plan: Plan = ron::from_str(MODEL_EXAMPLE).expect("the model example parses");
    let mut group = c.benchmark_group("model example, 35 to 95, with sleeve");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for paths in [10_000u32, 100_000] {
        plan.simulation.paths = paths;
        let plan = glidepath::validate(&plan).expect("the model example is valid");
        group.bench_with_input(BenchmarkId::new("simulate", paths), &plan, |b, plan| {
            b.iter(|| simulate(black_box(plan), &RunControl::new()).expect("runs"))
        });
        group.bench_with_input(
            BenchmarkId::new("random draws alone", paths),
            &plan,
            |b, plan| b.iter(|| draw_floor(black_box(plan))),
        );
    }
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);

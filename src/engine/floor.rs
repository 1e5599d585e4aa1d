//! The random-number floor a run's time is measured against: every draw a
//! run consumes and nothing else (`cargo bench`, docs/performance.md).

use rayon::prelude::*;

use super::batch::LANES;
use crate::market::YearDraws;
use crate::market::rng::path_rng;
use crate::plan::ValidPlan;

/// Makes, and nothing else, every random draw a run of `plan` consumes
/// (six per path-year), in parallel like [`Runner::simulate`](super::Runner::simulate): the floor a run's
/// time is measured against. Returns a sum so nothing is optimised away.
pub fn draw_floor(plan: &ValidPlan) -> f64 {
    let years = plan.horizon_years();
    let seed = plan.simulation.seed;
    (0..plan.simulation.paths as usize)
        .into_par_iter()
        .with_min_len(LANES)
        .map(|path| {
            let mut rng = path_rng(seed, path as u64);
            let mut sum = 0.0;
            for _ in 0..years {
                let d = YearDraws::sample(&mut rng);
                sum += d.z[0] + d.z[1] + d.z[2] + d.z[3] + d.crash_uniform + d.jump_normal;
            }
            sum
        })
        .sum()
}

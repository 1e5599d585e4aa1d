//! `glidepath check PLAN.ron`: every check a run makes, without running.

use std::path::Path;

use super::{CliError, run_args, validated};
use crate::engine::history_paths;
use crate::store::open_plan;

pub fn run(path: &Path) -> Result<(), CliError> {
    let plan = open_plan(path)?;
    let plan = validated(path, &plan)?;
    // A plan that replays a history is only as good as its file, checked
    // exactly as a run checks it.
    if let Some(history) = run_args::read_history(&plan)? {
        history_paths(&plan, &history).map_err(|e| CliError::run(path, e))?;
    }
    println!("{}: the plan is valid", path.display());
    Ok(())
}

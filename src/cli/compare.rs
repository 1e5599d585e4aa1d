//! `glidepath compare PLAN.ron [RUN]`: the base and its variants side by
//! side, on the same draws (`glidepath-comparison/1`, or CSV).

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::{RunControl, Runner, Workspace};

/// The flags of `compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The plan file (RON, format version 1, 2 or 3).
    pub plan: PathBuf,
    /// A stress test for every scenario: zero-at:AGE, crash-before-retirement or private-markdown.
    #[arg(long, value_name = "S")]
    pub stress: Option<String>,
    /// The run flags.
    #[command(flatten)]
    pub run: RunArgs,
}

pub fn run(args: &CompareArgs) -> Result<(), CliError> {
    let prepared = args.run.prepare(&args.plan)?;
    let base = &prepared.plan;
    let scenarios = base
        .scenarios()
        .into_iter()
        .map(|p| run_args::stressed(p, args.stress.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    let scenarios: Vec<&crate::plan::ValidPlan> = scenarios.iter().collect();
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let comparison = Runner::new(&mut workspace, &control)
        .with_history(prepared.history.as_ref())
        .compare(base, &scenarios)
        .map_err(|e| CliError::run(&args.plan, e))?;
    let text = match args.run.format {
        Format::Json => CliError::json("comparison", &comparison)?,
        Format::Csv => comparison.csv(),
    };
    args.run.write_output(&text, &prepared.inputs)
}

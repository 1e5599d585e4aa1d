//! `glidepath simulate PLAN.ron [RUN]`: one plan's outcome as JSON or CSV.

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::{RunControl, simulate_with};

/// The flags of `simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The plan file (RON, format version 1 or 2).
    pub plan: PathBuf,
    /// Run this variant of the plan instead of its base.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// The run flags.
    #[command(flatten)]
    pub run: RunArgs,
}

pub fn run(args: &SimulateArgs) -> Result<(), CliError> {
    let prepared = args.run.prepare(&args.plan)?;
    let plan = run_args::scenario(&prepared.plan, args.variant.as_deref())?;
    let outcome = simulate_with(plan, prepared.history.as_ref(), &RunControl::new())
        .map_err(|e| run_args::run_error(&args.plan, e))?;
    let text = match args.run.format {
        Format::Json => serde_json::to_string_pretty(&outcome)
            .map(|s| s + "\n")
            .map_err(|e| CliError::Failure(format!("cannot write the outcome as JSON: {e}")))?,
        Format::Csv => outcome.bands_csv(),
    };
    args.run.write_output(&text, &prepared.inputs)
}

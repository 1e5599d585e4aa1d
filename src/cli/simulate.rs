//! `glidepath simulate PLAN.ron [RUN]`: one plan's outcome as JSON or CSV.

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::questions::break_even;
use crate::engine::{RunControl, Workspace, simulate_in};
use crate::outcome::Levels;

/// The flags of `simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The plan file (RON, format version 1 or 2).
    pub plan: PathBuf,
    /// Run this variant of the plan instead of its base.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// A stress test: zero-at:AGE or crash-before-retirement.
    #[arg(long, value_name = "S")]
    pub stress: Option<String>,
    /// Add the crypto returns at which the sleeve pays off.
    #[arg(long)]
    pub break_even: bool,
    /// The run flags.
    #[command(flatten)]
    pub run: RunArgs,
}

pub fn run(args: &SimulateArgs) -> Result<(), CliError> {
    let prepared = args.run.prepare(&args.plan)?;
    if args.break_even && prepared.history.is_some() {
        // The break-even varies crypto's assumed mean: a history has none.
        return Err(CliError::Input(
            "--break-even needs Monte Carlo returns: a history has no assumed crypto return \
             to vary (drop --history, or the plan's own history, to ask it)"
                .into(),
        ));
    }
    let plan = run_args::scenario(&prepared.plan, args.variant.as_deref())?;
    let plan = run_args::stressed(plan, args.stress.as_deref())?;
    let control = RunControl::new();
    let mut workspace = Workspace::default();
    let mut outcome = simulate_in(
        &mut workspace,
        &plan,
        prepared.history.as_ref(),
        Levels::ALL,
        &control,
    )
    .map_err(|e| run_args::run_error(&args.plan, e))?;
    // Absent without a sleeve or for a plan that starts retired (MODEL-v2
    // §11): `break_even` says which.
    if args.break_even {
        outcome.sleeve_break_even = break_even(&plan, &mut workspace, &control)
            .map_err(|e| run_args::run_error(&args.plan, e))?;
    }
    let text = match args.run.format {
        Format::Json => serde_json::to_string_pretty(&outcome)
            .map(|s| s + "\n")
            .map_err(|e| CliError::Failure(format!("cannot write the outcome as JSON: {e}")))?,
        Format::Csv => outcome.bands_csv(),
    };
    args.run.write_output(&text, &prepared.inputs)
}

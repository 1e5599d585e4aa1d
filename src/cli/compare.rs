//! `glidepath compare PLAN.ron [RUN]`: the base and its variants side by
//! side, on the same draws (`glidepath-comparison/1`, or CSV).

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::{RunControl, Workspace, simulate_scenarios};
use crate::outcome::{Comparison, Levels, ScenarioOutcome};

/// The flags of `compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The plan file (RON, format version 1 or 2).
    pub plan: PathBuf,
    /// A stress test for every scenario: zero-at:AGE or crash-before-retirement.
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
    let outcomes = simulate_scenarios(
        &mut Workspace::default(),
        &scenarios,
        prepared.history.as_ref(),
        Levels::ALL,
        &RunControl::new(),
    )
    .map_err(|e| run_args::run_error(&args.plan, e))?;
    let changed =
        std::iter::once(Vec::new()).chain(base.variants.iter().map(|v| v.changes.changed_fields()));
    let comparison = Comparison::new(
        base.simulation.seed,
        scenarios
            .iter()
            .zip(outcomes)
            .zip(changed)
            .map(|((plan, outcome), changed)| ScenarioOutcome {
                name: plan.name.clone(),
                changed,
                outcome,
            })
            .collect(),
    );
    let text = match args.run.format {
        Format::Json => serde_json::to_string_pretty(&comparison)
            .map(|s| s + "\n")
            .map_err(|e| CliError::Failure(format!("cannot write the comparison as JSON: {e}")))?,
        Format::Csv => comparison.csv(),
    };
    args.run.write_output(&text, &prepared.inputs)
}

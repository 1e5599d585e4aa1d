//! `glidepath solve PLAN.ron [RUN] --for FIELD --target P`: the value of a
//! field that gives the chance asked for, exact for the run's draws
//! (`glidepath-solve/1`).

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::questions::Field;
use crate::engine::{RunControl, Runner, Workspace};

/// The flags of `solve`.
#[derive(Debug, clap::Args)]
pub struct SolveArgs {
    /// The plan file (RON, format version 1, 2 or 3).
    pub plan: PathBuf,
    /// Solve for this field: contribution_rate, balance, spending,
    /// retirement_age, survivor_need (the largest share a survivor can
    /// need) or plan_to_age (the oldest age the money lasts to).
    #[arg(long = "for", value_name = "FIELD")]
    pub field: String,
    /// The chance the money lasts to reach, between 0 and 1 (0.9 is 90%).
    #[arg(long, value_name = "P")]
    pub target: f64,
    /// Solve for this variant of the plan instead of its base.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// The run flags.
    #[command(flatten)]
    pub run: RunArgs,
}

pub fn run(args: &SolveArgs) -> Result<(), CliError> {
    let field = field(&args.field, &Field::SOLVABLE)?;
    if !(args.target > 0.0 && args.target < 1.0) {
        return Err(CliError::Usage(format!(
            "--target must be between 0 and 1, exclusive (is {})",
            args.target
        )));
    }
    let prepared = args.run.prepare(&args.plan)?;
    let plan = run_args::scenario(&prepared.plan, args.variant.as_deref())?;
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let answer = Runner::new(&mut workspace, &control)
        .with_history(prepared.history.as_ref())
        .solve(plan, field, args.target)
        .map_err(|e| CliError::run(&args.plan, e))?;
    let text = match args.run.format {
        Format::Json => CliError::json("answer", &answer)?,
        Format::Csv => format!(
            "field,target,value,success_probability,reachable,evaluations\n{},{},{},{},{},{}\n",
            answer.field,
            answer.target,
            answer.value,
            answer.success_probability,
            answer.reachable,
            answer.evaluations
        ),
    };
    args.run.write_output(&text, &prepared.inputs)
}

/// The field of that name among `allowed`, or a message listing them.
pub fn field(name: &str, allowed: &[Field]) -> Result<Field, CliError> {
    Field::parse(name)
        .filter(|f| allowed.contains(f))
        .ok_or_else(|| {
            let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
            CliError::Usage(format!(
                "no field {name:?} here: the fields are {}",
                names.join(", ")
            ))
        })
}

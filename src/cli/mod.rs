//! The command line: the commands of MODEL.md §8 and MODEL-v2 §11, one
//! module each, sharing the run flags of [`run_args`].
//!
//! Exit status: 0 success; 2 the input is wrong (a usage error, an invalid
//! plan or history); 1 a file could not be read or written, or any other
//! failure. It never panics on any input.

mod check;
mod compare;
mod report;
pub mod run_args;
mod simulate;
mod solve;
mod sweep;
mod views;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::SimulationError;
use crate::market::history::HistoryError;
use crate::plan::{Plan, ValidPlan, validate};
use crate::store::PlanFileError;
pub use compare::CompareArgs;
pub use report::ReportArgs;
pub use run_args::{Format, HistoryModeArg, RunArgs};
pub use simulate::SimulateArgs;
pub use solve::SolveArgs;
pub use sweep::SweepArgs;

#[derive(Debug, Parser)]
#[command(
    name = "glidepath",
    version,
    about = "A retirement planner: the range of 401(k) outcomes, with or without a crypto sleeve",
    long_about = "A retirement planner: the range of 401(k) outcomes, with or without a crypto sleeve.\n\n\
                  With no command it opens the desktop app (with PLAN, if given).",
    args_conflicts_with_subcommands = true
)]
#[allow(missing_docs)] // clap would show a doc comment as the program's help
pub struct Cli {
    /// A command; none opens the desktop app.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A plan file to open in the desktop app.
    pub plan: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate a plan and print its outcome bands (JSON by default).
    Simulate(SimulateArgs),
    /// Run the plan's base and variants on the same draws, side by side.
    Compare(CompareArgs),
    /// Find the value of a field that gives the chance asked for.
    Solve(SolveArgs),
    /// The figures at every value of a field (and under every crypto view).
    Sweep(SweepArgs),
    /// Write the client report, a PDF to hand over: `--output FILE.pdf`.
    Report(ReportArgs),
    /// Validate a plan: print every problem, exit 2 if there is any.
    Check {
        /// The plan file (RON, format version 1 or 2).
        plan: PathBuf,
    },
    /// List the crypto views and what each implies (with a plan, its own too).
    Views {
        /// A plan whose crypto assumption to describe as well.
        plan: Option<PathBuf>,
    },
}

/// A command's failure, with the exit status it means.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The input is wrong: exit 2.
    #[error("{0}")]
    Input(String),
    /// A file could not be read or written, or anything else: exit 1.
    #[error("{0}")]
    Failure(String),
}

impl CliError {
    /// The process's exit status for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Input(_) => ExitCode::from(2),
            CliError::Failure(_) => ExitCode::from(1),
        }
    }
}

impl From<PlanFileError> for CliError {
    fn from(e: PlanFileError) -> Self {
        match e {
            PlanFileError::Read { .. } => CliError::Failure(e.to_string()),
            PlanFileError::Syntax { .. }
            | PlanFileError::NewerVersion { .. }
            | PlanFileError::NotAPlanFile { .. }
            | PlanFileError::NotAPlan { .. } => CliError::Input(e.to_string()),
        }
    }
}

impl From<HistoryError> for CliError {
    /// A history that cannot be read is a failure (1); a broken one, or one
    /// that cannot serve the plan, an input error (2).
    fn from(e: HistoryError) -> Self {
        match e {
            HistoryError::Read { .. } => CliError::Failure(e.to_string()),
            _ => CliError::Input(e.to_string()),
        }
    }
}

impl From<SimulationError> for CliError {
    fn from(e: SimulationError) -> Self {
        match e {
            SimulationError::Cancelled => CliError::Failure(e.to_string()),
            SimulationError::History(e) => e.into(),
            _ => CliError::Input(e.to_string()),
        }
    }
}

/// Runs a subcommand, printing its output; the caller prints the error.
pub fn run(command: &Command) -> Result<(), CliError> {
    match command {
        Command::Simulate(args) => simulate::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Solve(args) => solve::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Report(args) => report::run(args),
        Command::Check { plan } => check::run(plan),
        Command::Views { plan } => views::run(plan.as_deref()),
    }
}

/// The plan validated, or every problem as an input error naming the file.
fn validated(path: &Path, plan: &Plan) -> Result<ValidPlan, CliError> {
    validate(plan).map_err(|found| {
        let lines: Vec<String> = found
            .iter()
            .map(|p| format!("{}: {p}", path.display()))
            .collect();
        CliError::Input(lines.join("\n"))
    })
}

//! The command line: the commands of MODEL.md §8 and MODEL-v2 §11, one
//! module each, sharing the run flags of [`run_args`].
//!
//! Exit status: 0 success; 2 the input is wrong (a usage error, an invalid
//! plan or history); 1 a file could not be read or written, or any other
//! failure. It never panics on any input.

mod check;
mod compare;
mod life;
mod report;
pub mod run_args;
mod simulate;
mod solve;
mod sweep;
mod tax;
mod tax_answers;
mod views;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::engine::{SimulationError, SweepRangeError};
use crate::market::history::HistoryError;
use crate::plan::defaults::ViewError;
use crate::plan::stress::{StressParseError, StressRefusal};
use crate::plan::{Plan, Problem, ValidPlan, validate};
use crate::report::SourceDateError;
use crate::report::pdf::PdfError;
use crate::store::{PlanFileError, WriteError};
pub use compare::CompareArgs;
pub use life::LifeArgs;
pub use report::ReportArgs;
pub use run_args::{Format, HistoryModeArg, RunArgs};
pub use simulate::SimulateArgs;
pub use solve::SolveArgs;
pub use sweep::SweepArgs;
pub use tax::TaxArgs;
pub use tax_answers::TaxAnswersArgs;

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
    /// One year's federal and state tax of a household, line by line (JSON).
    Tax(TaxArgs),
    /// The plan's tax decisions on the same draws: Roth or traditional,
    /// conversions by bracket, the withdrawal order (JSON or CSV).
    Taxes(TaxAnswersArgs),
    /// What the SSA life table says about a saver or a couple: the chance
    /// of reaching each age, life expectancy, the ages reached with a 25%
    /// and a 10% chance (JSON).
    Life(LifeArgs),
    /// Validate a plan: print every problem, exit 2 if there is any.
    Check {
        /// The plan file (RON, format version 1, 2 or 3).
        plan: PathBuf,
    },
    /// List the crypto views and what each implies (with a plan, its own too).
    Views {
        /// A plan whose crypto assumption to describe as well.
        plan: Option<PathBuf>,
    },
}

/// A command's failure, with the error it comes from and the exit status
/// it means ([`CliError::exit_code`]): 2 when the input is wrong, 1 when a
/// file could not be read or written or anything else failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line asks for what cannot be (a flag's value, a missing
    /// flag, an output over an input).
    #[error("{0}")]
    Usage(String),
    /// A plan file that could not be read, or is not a plan.
    #[error(transparent)]
    PlanFile(#[from] PlanFileError),
    /// A history file that could not be read, is broken, or cannot serve
    /// the plan.
    #[error(transparent)]
    History(#[from] HistoryError),
    /// The plan's problems, one line each, named by the file and the
    /// field (`plan.ron: saver.retirement_age: …`).
    #[error("{}", problem_lines(file, problems))]
    Invalid {
        /// The plan file.
        file: PathBuf,
        /// Every problem.
        problems: Vec<Problem>,
    },
    /// A run or a question that gave no answer.
    #[error(transparent)]
    Run(SimulationError),
    /// `--view` names no shipped view.
    #[error("--view: {0}")]
    View(#[from] ViewError),
    /// `--values` is not a range.
    #[error("--values: {0}")]
    Values(#[from] SweepRangeError),
    /// `--stress` names no stress.
    #[error("--stress: {0}")]
    StressName(#[from] StressParseError),
    /// The stress does not apply to a scenario.
    #[error("--stress {stress} for \"{scenario}\": {source}")]
    Stress {
        /// The stress as typed.
        stress: String,
        /// The scenario's name.
        scenario: String,
        /// Why it does not apply.
        source: StressRefusal,
    },
    /// `SOURCE_DATE_EPOCH` is not a date.
    #[error(transparent)]
    SourceDate(#[from] SourceDateError),
    /// Standard output is gone.
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// The output file could not be written.
    #[error("cannot write the output: {0}")]
    Output(#[from] WriteError),
    /// The output could not be made as JSON.
    #[error("cannot write the {what} as JSON: {source}")]
    Json {
        /// What it is ("outcome", "answer").
        what: &'static str,
        /// Why.
        source: serde_json::Error,
    },
    /// The client report could not be made.
    #[error("cannot make the report: {0}")]
    Report(#[from] PdfError),
}

impl CliError {
    /// The process's exit status for this failure: 2 when the input is
    /// wrong, 1 when a file could not be read or written, or anything else.
    pub fn exit_code(&self) -> ExitCode {
        let input_is_wrong = match self {
            CliError::Usage(_)
            | CliError::Invalid { .. }
            | CliError::View(_)
            | CliError::Values(_)
            | CliError::StressName(_)
            | CliError::Stress { .. }
            | CliError::SourceDate(_) => true,
            CliError::PlanFile(e) => !matches!(e, PlanFileError::Read { .. }),
            CliError::History(e) => !matches!(e, HistoryError::Read { .. }),
            CliError::Run(e) => !matches!(e, SimulationError::Cancelled),
            CliError::Stdout(_)
            | CliError::Output(_)
            | CliError::Json { .. }
            | CliError::Report(_) => false,
        };
        ExitCode::from(if input_is_wrong { 2 } else { 1 })
    }

    /// A run's error for the plan at `file`: its problems named by the file,
    /// a history's problem as the history's.
    pub fn run(file: &Path, error: SimulationError) -> CliError {
        match error {
            SimulationError::Invalid(problems) => CliError::Invalid {
                file: file.to_owned(),
                problems,
            },
            SimulationError::History(e) => CliError::History(e),
            other => CliError::Run(other),
        }
    }

    /// Output made as JSON, or why not.
    fn json(what: &'static str, value: &impl serde::Serialize) -> Result<String, CliError> {
        serde_json::to_string_pretty(value)
            .map(|s| s + "\n")
            .map_err(|source| CliError::Json { what, source })
    }
}

/// `plan.ron: field: message`, one line per problem.
fn problem_lines(file: &Path, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {p}", file.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs a subcommand, printing its output; the caller prints the error.
pub fn run(command: &Command) -> Result<(), CliError> {
    match command {
        Command::Simulate(args) => simulate::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Solve(args) => solve::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Report(args) => report::run(args),
        Command::Tax(args) => tax::run(args),
        Command::Taxes(args) => tax_answers::run(args),
        Command::Life(args) => life::run(args),
        Command::Check { plan } => check::run(plan),
        Command::Views { plan } => views::run(plan.as_deref()),
    }
}

/// The plan validated, or every problem as an input error naming the file.
fn validated(path: &Path, plan: &Plan) -> Result<ValidPlan, CliError> {
    validate(plan).map_err(|problems| CliError::Invalid {
        file: path.to_owned(),
        problems,
    })
}

//! The command line: `glidepath simulate` and `glidepath check`.
//!
//! Exit status: 0 success; 2 the input is wrong (a usage error, an invalid
//! plan or history); 1 a file could not be read or written, or any other
//! failure. It never panics on any input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::{RunControl, SimulationError, simulate_with};
use crate::market::history::{HistoryError, ReturnHistory};
use crate::plan::lever::MAX_PATHS;
use crate::plan::{HistoryMode, Plan, Returns, ValidPlan, validate};
use crate::store::{PlanFileError, open_plan};

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
    /// Validate a plan: print every problem, exit 2 if there is any.
    Check {
        /// The plan file (RON, format version 1 or 2).
        plan: PathBuf,
    },
}

/// The flags of `simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The plan file (RON, format version 1 or 2).
    pub plan: PathBuf,
    /// Number of simulated paths (1 to 1,000,000); overrides the plan.
    #[arg(long)]
    pub paths: Option<u32>,
    /// Random seed; overrides the plan.
    #[arg(long)]
    pub seed: Option<u64>,
    /// A return history CSV file to replay instead of Monte Carlo.
    #[arg(long, value_name = "FILE.csv")]
    pub history: Option<PathBuf>,
    /// How to replay the history.
    #[arg(long, value_enum)]
    pub mode: Option<HistoryModeArg>,
    /// Block length for bootstrap mode (implies --mode bootstrap).
    #[arg(long, value_name = "K")]
    pub block_years: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write the output to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--mode`: how a history is replayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HistoryModeArg {
    /// One path per start year.
    Rolling,
    /// Random blocks of consecutive years.
    Bootstrap,
}

/// `--format`: what `simulate` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `glidepath-outcome/1`.
    Json,
    /// One row per age with the bands.
    Csv,
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
            PlanFileError::Syntax { .. } | PlanFileError::NewerVersion { .. } => {
                CliError::Input(e.to_string())
            }
        }
    }
}

/// Runs a subcommand, printing its output; the caller prints the error.
pub fn run(command: &Command) -> Result<(), CliError> {
    match command {
        Command::Simulate(args) => run_simulate(args),
        Command::Check { plan } => run_check(plan),
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

fn run_check(path: &Path) -> Result<(), CliError> {
    let plan = open_plan(path)?;
    let plan = validated(path, &plan)?;
    // A plan that replays a history is only as good as its file.
    if let Some(history) = read_history(&plan)? {
        if plan.allocation.sleeve.is_some() {
            history
                .require_crypto()
                .map_err(|e| CliError::Input(e.to_string()))?;
        }
        if let Returns::History {
            mode: HistoryMode::Rolling,
            ..
        } = plan.simulation.returns
        {
            history
                .rolling_paths(plan.horizon_years())
                .map_err(|e| CliError::Input(e.to_string()))?;
        }
    }
    println!("{}: the plan is valid", path.display());
    Ok(())
}

/// The history the plan replays, if any: a file that cannot be read is a
/// failure (1), a broken one an input error (2).
fn read_history(plan: &Plan) -> Result<Option<ReturnHistory>, CliError> {
    let Returns::History { file, .. } = &plan.simulation.returns else {
        return Ok(None);
    };
    crate::store::history_file::read(Path::new(file))
        .map(Some)
        .map_err(|e| match e {
            HistoryError::Read { .. } => CliError::Failure(e.to_string()),
            _ => CliError::Input(e.to_string()),
        })
}

/// The plan's returns after the command line's history flags, by the
/// rules of the model: `--history` without `--mode` keeps the plan's own
/// mode, else rolling; `--block-years` alone means bootstrap; a bootstrap's
/// block is `--block-years`, else the plan's, else 5. `--mode` or
/// `--block-years` without any history is a usage error.
fn returns_from_flags(args: &SimulateArgs, plan: &Plan) -> Result<Returns, CliError> {
    let plan_history = match &plan.simulation.returns {
        Returns::History { file, mode } => Some((file.clone(), *mode)),
        Returns::MonteCarlo => None,
    };
    let file = match (&args.history, &plan_history) {
        (Some(flag), _) => flag.to_string_lossy().into_owned(),
        (None, Some((file, _))) => file.clone(),
        (None, None) => {
            if args.mode.is_some() {
                return Err(CliError::Input(
                    "--mode needs a return history: give --history FILE.csv".into(),
                ));
            }
            if args.block_years.is_some() {
                return Err(CliError::Input(
                    "--block-years needs a return history: give --history FILE.csv".into(),
                ));
            }
            return Ok(Returns::MonteCarlo);
        }
    };
    let plan_mode = plan_history.map(|(_, mode)| mode);
    let plan_block = match plan_mode {
        Some(HistoryMode::Bootstrap { block_years }) => Some(block_years),
        _ => None,
    };
    let bootstrap = |block: Option<u32>| HistoryMode::Bootstrap {
        block_years: block.or(plan_block).unwrap_or(5),
    };
    let mode = match (args.mode, args.block_years) {
        (Some(HistoryModeArg::Rolling), Some(_)) => {
            return Err(CliError::Input(
                "--block-years goes with bootstrap, not --mode rolling".into(),
            ));
        }
        (Some(HistoryModeArg::Rolling), None) => HistoryMode::Rolling,
        (Some(HistoryModeArg::Bootstrap), block) | (None, block @ Some(_)) => bootstrap(block),
        (None, None) => plan_mode.unwrap_or(HistoryMode::Rolling),
    };
    if let HistoryMode::Bootstrap { block_years: 0 } = mode {
        return Err(CliError::Input("--block-years must be at least 1".into()));
    }
    Ok(Returns::History { file, mode })
}

fn run_simulate(args: &SimulateArgs) -> Result<(), CliError> {
    let mut plan = open_plan(&args.plan)?;
    plan.simulation.returns = returns_from_flags(args, &plan)?;
    let rolling = matches!(
        plan.simulation.returns,
        Returns::History {
            mode: HistoryMode::Rolling,
            ..
        }
    );
    if let Some(paths) = args.paths {
        if !(1..=MAX_PATHS).contains(&paths) {
            return Err(CliError::Input(format!(
                "--paths must be between 1 and 1,000,000 (is {paths})"
            )));
        }
        if rolling {
            eprintln!(
                "glidepath: note: --paths is ignored under rolling history: one path per start year"
            );
        } else {
            plan.simulation.paths = paths;
        }
    }
    if let Some(seed) = args.seed {
        plan.simulation.seed = seed;
    }
    let plan = validated(&args.plan, &plan)?;
    let history = read_history(&plan)?;
    let outcome =
        simulate_with(&plan, history.as_ref(), &RunControl::new()).map_err(|e| match e {
            SimulationError::Cancelled => CliError::Failure(e.to_string()),
            _ => CliError::Input(e.to_string()),
        })?;
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&outcome)
            .map(|s| s + "\n")
            .map_err(|e| CliError::Failure(format!("cannot write the outcome as JSON: {e}")))?,
        Format::Csv => outcome.bands_csv(),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            CliError::Failure(format!("{}: cannot write the output: {e}", path.display()))
        }),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| CliError::Failure(format!("cannot write to standard output: {e}")))
        }
    }
}

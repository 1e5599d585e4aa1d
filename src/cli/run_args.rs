//! The flags every command that runs shares (MODEL-v2 §11's RUN): paths,
//! seed, a history and how to replay it, the output's format and file. How
//! they change the plan, how the history is read, and how the output is
//! written (atomically, owner-only, never over an input).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{CliError, validated};
use crate::engine::questions::SweepView;
use crate::market::history::ReturnHistory;
use crate::plan::defaults::shipped;
use crate::plan::lever::MAX_PATHS;
use crate::plan::private::PrivateKind;
use crate::plan::{BuiltInHistory, HistoryMode, Plan, Returns, ValidPlan};
use crate::store::open_plan;

/// The run flags.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Number of simulated paths (1 to 1,000,000); overrides the plan.
    /// A whole number, as `10000`, `1e4` or `10_000`.
    #[arg(long, value_parser = whole_paths)]
    pub paths: Option<u64>,
    /// Random seed; overrides the plan.
    #[arg(long)]
    pub seed: Option<u64>,
    /// A return history to replay instead of Monte Carlo: `us` for the shipped US history 1872–2024 (saved as `us_1872_2024`), else a CSV file (`./us` for a file named us).
    #[arg(long, value_name = "us|FILE.csv")]
    pub history: Option<PathBuf>,
    /// How to replay the history.
    #[arg(long, value_enum)]
    pub mode: Option<HistoryModeArg>,
    /// Block length for bootstrap mode (implies --mode bootstrap).
    #[arg(long, value_name = "K")]
    pub block_years: Option<u32>,
    /// Use a shipped crypto view's mean, volatility and crashes (skeptic,
    /// neutral or optimist), or for the private sleeve a shipped private
    /// view in place of its own (private-equity, private-credit,
    /// real-estate, infrastructure or commodities).
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
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

/// `--format`: what is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// A plan with the flags applied and validated, and what it replays.
pub struct Prepared {
    /// The plan to run.
    pub plan: ValidPlan,
    /// Its history, read, if it replays one.
    pub history: Option<ReturnHistory>,
    /// The files read (the plan, the history), which the output may not overwrite.
    pub inputs: Vec<PathBuf>,
}

impl RunArgs {
    /// Reads the plan at `path`, applies the flags, validates, reads the history.
    pub fn prepare(&self, path: &Path) -> Result<Prepared, CliError> {
        self.prepare_from(path, open_plan(path)?)
    }

    /// [`RunArgs::prepare`] for a plan already read from `path`.
    pub fn prepare_from(&self, path: &Path, mut plan: Plan) -> Result<Prepared, CliError> {
        self.apply(&mut plan)?;
        let plan = validated(path, &plan)?;
        let history = read_history(&plan)?;
        let mut inputs = vec![path.to_owned()];
        if let Returns::History { file, .. } = &plan.simulation.returns {
            inputs.push(PathBuf::from(file));
        }
        Ok(Prepared {
            plan,
            history,
            inputs,
        })
    }

    /// Applies the flags to `plan`: they override it.
    fn apply(&self, plan: &mut Plan) -> Result<(), CliError> {
        plan.simulation.returns = self.returns(plan)?;
        let rolling = matches!(
            plan.simulation.returns,
            Returns::History {
                mode: HistoryMode::Rolling,
                ..
            }
        );
        if let Some(paths) = self.paths {
            let Some(paths) = u32::try_from(paths)
                .ok()
                .filter(|p| (1..=MAX_PATHS).contains(p))
            else {
                return Err(CliError::Usage(format!(
                    "--paths must be between 1 and 1,000,000 (is {})",
                    crate::units::grouped(i64::try_from(paths).unwrap_or(i64::MAX))
                )));
            };
            if rolling {
                eprintln!(
                    "glidepath: note: --paths is ignored under rolling history: one path per start year"
                );
            } else {
                plan.simulation.paths = paths;
            }
        }
        if let Some(seed) = self.seed {
            plan.simulation.seed = seed;
        }
        // `plan` is the plan's own view: nothing to change.
        let view = self.view.as_deref().filter(|v| *v != SweepView::PLAN_ID);
        if let Some(kind) = view.and_then(PrivateKind::from_id) {
            let Some(private) = plan.allocation.private.as_mut() else {
                return Err(CliError::Usage(format!(
                    "--view {}: the plan has no private sleeve (allocation.private) to take that view",
                    kind.id()
                )));
            };
            private.kind = kind;
            private.view = None;
        } else if let Some(view) = view {
            *plan = plan.with_view(shipped().view(view)?);
        }
        Ok(())
    }

    /// The plan's returns after the history flags, by the rules of the
    /// model: `--history` without `--mode` keeps the plan's own mode, else
    /// rolling; `--block-years` alone means bootstrap; a bootstrap's block is
    /// `--block-years`, else the plan's, else 5. `--mode` or `--block-years`
    /// without any history is a usage error. A block length written in the
    /// plan is the plan's to validate (and its problem names its field).
    fn returns(&self, plan: &Plan) -> Result<Returns, CliError> {
        // The source replayed: the flag's (`us` is the newest shipped US
        // history, saved under its versioned name; any other value is a
        // path), else the plan's.
        let source = match (&self.history, &plan.simulation.returns) {
            (Some(flag), _) => {
                let flag = flag.to_string_lossy();
                match BuiltInHistory::aliased(&flag).or_else(|| BuiltInHistory::named(&flag)) {
                    Some(shipped) => Returns::BuiltIn {
                        name: shipped.name.to_owned(),
                        mode: HistoryMode::Rolling,
                    },
                    None => Returns::History {
                        file: flag.into_owned(),
                        mode: HistoryMode::Rolling,
                    },
                }
            }
            (None, Returns::MonteCarlo) => {
                if self.mode.is_some() {
                    return Err(CliError::Usage(
                        "--mode needs a return history: give --history FILE.csv or --history us"
                            .into(),
                    ));
                }
                if self.block_years.is_some() {
                    return Err(CliError::Usage(
                        "--block-years needs a return history: give --history FILE.csv or --history us"
                            .into(),
                    ));
                }
                return Ok(Returns::MonteCarlo);
            }
            (None, plan_returns) => plan_returns.clone(),
        };
        if self.block_years == Some(0) {
            return Err(CliError::Usage("--block-years must be at least 1".into()));
        }
        let plan_mode = plan.simulation.returns.history_mode();
        let plan_block = match plan_mode {
            Some(HistoryMode::Bootstrap { block_years }) => Some(block_years),
            _ => None,
        };
        let bootstrap = |block: Option<u32>| HistoryMode::Bootstrap {
            block_years: block.or(plan_block).unwrap_or(5),
        };
        let mode = match (self.mode, self.block_years) {
            (Some(HistoryModeArg::Rolling), Some(_)) => {
                return Err(CliError::Usage(
                    "--block-years goes with bootstrap, not --mode rolling".into(),
                ));
            }
            (Some(HistoryModeArg::Rolling), None) => HistoryMode::Rolling,
            (Some(HistoryModeArg::Bootstrap), block) | (None, block @ Some(_)) => bootstrap(block),
            (None, None) => plan_mode.unwrap_or(HistoryMode::Rolling),
        };
        let mut returns = source;
        if let Some(slot) = returns.history_mode_mut() {
            *slot = mode;
        }
        Ok(returns)
    }

    /// Writes `text` to `--output` (atomically, owner-only, never over one
    /// of `inputs`) or to standard output.
    pub fn write_output(&self, text: &str, inputs: &[PathBuf]) -> Result<(), CliError> {
        self.write_output_bytes(text.as_bytes(), inputs)
    }

    /// [`RunArgs::write_output`] for bytes that need not be text.
    pub fn write_output_bytes(&self, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), CliError> {
        Self::write_to(self.output.as_deref(), bytes, inputs)
    }

    /// Writes `bytes` to `output` (atomically, owner-only, never over one
    /// of `inputs`), or to standard output without one.
    pub fn write_to(
        output: Option<&Path>,
        bytes: &[u8],
        inputs: &[PathBuf],
    ) -> Result<(), CliError> {
        let Some(path) = output else {
            let mut out = std::io::stdout().lock();
            return out
                .write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(CliError::Stdout);
        };
        if let Some(input) = inputs
            .iter()
            .find(|input| crate::store::same_file(path, input))
        {
            return Err(CliError::Usage(format!(
                "--output {} would overwrite the input {}: choose another file",
                path.display(),
                input.display()
            )));
        }
        Ok(crate::store::write_bytes_atomically(path, false, bytes)?)
    }
}

/// The history the plan replays, if any.
pub fn read_history(plan: &Plan) -> Result<Option<ReturnHistory>, CliError> {
    let Returns::History { file, .. } = &plan.simulation.returns else {
        return Ok(None);
    };
    Ok(Some(crate::store::history_file::read(Path::new(file))?))
}

/// The scenario `--variant` names (ignoring case), or the base without it;
/// an unknown name lists the names there are.
pub fn scenario<'a>(plan: &'a ValidPlan, variant: Option<&str>) -> Result<&'a ValidPlan, CliError> {
    let Some(wanted) = variant else {
        return Ok(plan);
    };
    plan.variants()
        .iter()
        .find(|v| v.name.eq_ignore_ascii_case(wanted.trim()))
        .ok_or_else(|| {
            let names: Vec<String> = plan
                .variants()
                .iter()
                .map(|v| format!("\"{}\"", v.name))
                .collect();
            CliError::Usage(if names.is_empty() {
                format!("--variant {wanted:?}: the plan has no variants")
            } else {
                format!(
                    "--variant {wanted:?}: the plan's variants are {}",
                    names.join(", ")
                )
            })
        })
}

/// `plan` under the stress `--stress` names, if any; a stress that does not
/// apply (no sleeve, an age outside the plan, a plan that starts retired)
/// is an input error naming the scenario.
pub fn stressed(plan: &ValidPlan, stress: Option<&str>) -> Result<ValidPlan, CliError> {
    let Some(text) = stress else {
        return Ok(plan.clone());
    };
    let stress: crate::plan::stress::Stress = text.parse()?;
    plan.stressed(stress).map_err(|source| CliError::Stress {
        stress: text.to_owned(),
        scenario: plan.name.clone(),
        source,
    })
}

/// `--paths` as a whole number, written plainly (`100000`, `100_000`) or
/// in exponent form (`1e5`); the range is checked with the plan's.
fn whole_paths(text: &str) -> Result<u64, String> {
    let plain = text.trim().replace('_', "");
    if let Ok(paths) = plain.parse::<u64>() {
        return Ok(paths);
    }
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 => Ok(if v >= u64::MAX as f64 {
            u64::MAX
        } else {
            v as u64
        }),
        _ => Err(format!(
            "--paths takes a whole number of paths, 1 to 1,000,000 (is {text:?})"
        )),
    }
}

//! `glidepath simulate PLAN.ron [RUN]`: one plan's outcome as JSON or CSV.

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::explain::{Explained, explain};
use crate::engine::questions::break_even;
use crate::engine::{RunControl, Workspace, simulate_in};
use crate::outcome::Levels;
use crate::plan::retirement::Withdrawal;

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
    /// Print one path year by year as CSV instead: p10 (the bad case), p50
    /// (the typical path) or any pNN.
    #[arg(long, value_name = "pNN", value_parser = parse_percentile)]
    pub explain: Option<u32>,
    /// The run flags.
    #[command(flatten)]
    pub run: RunArgs,
}

pub fn run(args: &SimulateArgs) -> Result<(), CliError> {
    let prepared = args.run.prepare(&args.plan)?;
    if args.break_even && prepared.plan.simulation.returns.history_mode().is_some() {
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
    if let Some(percentile) = args.explain {
        let explained = explain(
            &plan,
            prepared.history.as_ref(),
            percentile,
            &mut workspace,
            &control,
        )
        .map_err(|e| run_args::run_error(&args.plan, e))?;
        let adjustment = match plan.retirement.withdrawal {
            Withdrawal::Guardrails(g) => g.adjustment,
            _ => 0.0,
        };
        return args
            .run
            .write_output(&explain_csv(&explained, adjustment), &prepared.inputs);
    }
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

/// `p10`, `p50` or any `pNN` from p0 to p100.
fn parse_percentile(text: &str) -> Result<u32, String> {
    text.strip_prefix('p')
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| *n <= 100)
        .ok_or_else(|| {
            format!("--explain takes p10, p50 or another pNN from p0 to p100 (is {text:?})")
        })
}

/// The explained path as MODEL-v2 §12's CSV: real dollars before tax, real
/// returns as decimals, the rule's move in words.
pub fn explain_csv(explained: &Explained, adjustment: f64) -> String {
    let mut out = format!(
        "# The path at the {}th percentile (path {}), year by year; today's dollars, before tax\n\
         age,balance,r_stocks,r_bonds,r_cash,r_crypto,contribution,withdrawal,social_security,spouse,other_income,action\n",
        explained.percentile, explained.path
    );
    for y in &explained.years {
        let [s, b, c, k] = y.returns;
        let (withdrawal, ss, spouse, other, action) = match &y.trace {
            Some(t) => (
                t.withdrawal_usd,
                t.income.social_security_usd,
                t.income.spouse_usd,
                t.income.other_usd - t.income.expenses_usd,
                t.rule_move.map(|m| m.words(adjustment)).unwrap_or_default(),
            ),
            None => (0.0, 0.0, 0.0, 0.0, String::new()),
        };
        let action = if action.contains(',') || action.contains('"') {
            format!("\"{}\"", action.replace('"', "\"\""))
        } else {
            action
        };
        let crypto = if k.is_nan() {
            String::new()
        } else {
            format!("{k:.6}")
        };
        out.push_str(&format!(
            "{},{:.2},{s:.6},{b:.6},{c:.6},{crypto},{:.2},{withdrawal:.2},{ss:.2},{spouse:.2},{other:.2},{action}\n",
            y.age, y.balance_usd, y.contribution_usd
        ));
    }
    out
}

//! `glidepath simulate PLAN.ron [RUN]`: one plan's outcome as JSON or CSV.

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::explain::Explained;
use crate::engine::{RunControl, Runner, Workspace};
use crate::plan::asset::Asset;
use crate::plan::withdrawal::Withdrawal;

/// The flags of `simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The plan file (RON, format version 1, 2 or 3).
    pub plan: PathBuf,
    /// Run this variant of the plan instead of its base.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// A stress test: zero-at:AGE, crash-before-retirement or private-markdown.
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
        return Err(CliError::Usage(
            "--break-even needs Monte Carlo returns: a history has no assumed crypto return \
             to vary (drop --history, or the plan's own history, to ask it)"
                .into(),
        ));
    }
    let plan = run_args::scenario(&prepared.plan, args.variant.as_deref())?;
    let plan = run_args::stressed(plan, args.stress.as_deref())?;
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let mut runner = Runner::new(&mut workspace, &control).with_history(prepared.history.as_ref());
    let failed = |e| CliError::run(&args.plan, e);
    if let Some(percentile) = args.explain {
        let explained = runner.explain(&plan, percentile).map_err(failed)?;
        let adjustment = match plan.retirement.withdrawal {
            Withdrawal::Guardrails(g) => g.adjustment,
            _ => 0.0,
        };
        return args
            .run
            .write_output(&explain_csv(&explained, adjustment), &prepared.inputs);
    }
    let mut outcome = runner.simulate(&plan).map_err(failed)?;
    // Absent without a sleeve or for a plan that starts retired (MODEL-v2
    // §11): `break_even` says which.
    if args.break_even {
        outcome.sleeve_break_even = runner.break_even(&plan).map_err(failed)?;
    }
    let text = match args.run.format {
        Format::Json => CliError::json("outcome", &outcome)?,
        Format::Csv => outcome.bands_csv(),
    };
    args.run.write_output(&text, &prepared.inputs)
}

/// `--explain` given something that is not a percentile.
#[derive(Debug, thiserror::Error)]
#[error("--explain takes p10, p50 or another pNN from p0 to p100 (is {0:?})")]
pub struct PercentileError(String);

/// `p10`, `p50` or any `pNN` from p0 to p100.
fn parse_percentile(text: &str) -> Result<u32, PercentileError> {
    text.strip_prefix('p')
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| *n <= 100)
        .ok_or_else(|| PercentileError(text.to_owned()))
}

/// The explained path as MODEL-v2 §12's CSV: real dollars before tax, real
/// returns as decimals, the rule's move in words; with taxes, MODEL-v3
/// §16.7's columns before the action, which also says what the taxes did.
pub fn explain_csv(explained: &Explained, adjustment: f64) -> String {
    let taxed = explained.years.iter().any(|y| y.pots.is_some());
    // Under a rule that adapts to the balance the ranking is said (under a
    // need it is MODEL-v2 §12's, as the header has always been).
    let ranked = match explained.ranked_by {
        crate::engine::explain::Ranking::RanOutThenLeft => String::new(),
        other => format!("# {}\n", other.words()),
    };
    let mut out = ranked;
    out += &if taxed {
        format!(
            "# The path at the {}th percentile (path {}), year by year; today's dollars, taxes in their columns\n\
             age,balance,r_stocks,r_bonds,r_cash,r_crypto,contribution,withdrawal,social_security,spouse,other_income,\
             traditional,roth,taxable,withdrawal_traditional,withdrawal_roth,withdrawal_taxable,rmd,conversion,\
             taxable_ss,agi,federal_tax,state_tax,penalty,after_tax_income,marginal_rate,action\n",
            explained.percentile, explained.path
        )
    } else {
        format!(
            "# The path at the {}th percentile (path {}), year by year; today's dollars, before tax\n\
             age,balance,r_stocks,r_bonds,r_cash,r_crypto,contribution,withdrawal,social_security,spouse,other_income,action\n",
            explained.percentile, explained.path
        )
    };
    for y in &explained.years {
        let r = &y.returns;
        let (s, b, c, k) = (
            r[Asset::Stocks],
            r[Asset::Bonds],
            r[Asset::Cash],
            r[Asset::Crypto],
        );
        let (withdrawal, ss, spouse, other) = match &y.trace {
            Some(t) => (
                t.withdrawal_usd,
                t.income.social_security_usd,
                t.income.spouse_usd,
                t.income.other_usd - t.income.expenses_usd,
            ),
            None => (0.0, 0.0, 0.0, 0.0),
        };
        let did = y.trace.and_then(|t| t.taxed);
        let action = y.action_words(adjustment);
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
            "{},{:.2},{s:.6},{b:.6},{c:.6},{crypto},{:.2},{withdrawal:.2},{ss:.2},{spouse:.2},{other:.2},",
            y.age, y.balance_usd, y.contribution_usd
        ));
        if taxed {
            let p = y.pots.unwrap_or_default();
            let d = did.unwrap_or_default();
            out.push_str(&format!(
                "{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.4},",
                p.traditional_usd,
                p.roth_usd,
                p.taxable_usd,
                d.traditional_usd,
                d.roth_usd,
                d.taxable_usd,
                d.rmd_usd,
                d.conversion_usd,
                d.taxable_social_security_usd,
                d.agi_usd,
                d.federal_tax_usd,
                d.state_tax_usd,
                d.penalty_usd,
                d.income_after_tax_usd,
                d.marginal_rate,
            ));
        }
        out.push_str(&action);
        out.push('\n');
    }
    out
}

//! `glidepath taxes PLAN.ron [RUN]`: the plan's tax decisions on the same
//! draws (`glidepath-tax-answers/1`, or CSV): Roth or traditional
//! deferrals, conversions bracket by bracket, the withdrawal order.

use std::path::PathBuf;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args};
use crate::engine::{RunControl, Runner, TaxAnswers, Workspace};

/// The flags of `taxes`.
#[derive(Debug, clap::Args)]
pub struct TaxAnswersArgs {
    /// The plan file (RON, format version 3, with taxes).
    pub plan: PathBuf,
    /// Answer for this variant of the plan instead of its base.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// The run flags.
    #[command(flatten)]
    pub run: RunArgs,
}

pub fn run(args: &TaxAnswersArgs) -> Result<(), CliError> {
    let prepared = args.run.prepare(&args.plan)?;
    let plan = run_args::scenario(&prepared.plan, args.variant.as_deref())?;
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let answers = Runner::new(&mut workspace, &control)
        .with_history(prepared.history.as_ref())
        .tax_answers(plan)
        .map_err(|e| CliError::run(&args.plan, e))?;
    let text = match args.run.format {
        Format::Json => CliError::json("tax answers", &answers)?,
        Format::Csv => csv(&answers),
    };
    args.run.write_output(&text, &prepared.inputs)
}

/// One line per row of the three tables, dollars to the cent (the bracket
/// room, a chart's series, is in the JSON only).
fn csv(answers: &TaxAnswers) -> String {
    let mut out = String::from(
        "table,choice,success_probability,income_after_tax_p10,income_after_tax_p50,lifetime_tax_p50,lifetime_tax_p90,left_at_end_p10,left_at_end_p50,take_home_now,converted,conversion_rate_overall,conversion_rate_lowest,conversion_rate_highest,best\n",
    );
    for (table, rows) in [
        ("roth", &answers.roth),
        ("conversions", &answers.conversions),
        ("orders", &answers.orders),
    ] {
        for r in rows {
            out.push_str(&format!(
                "{table},{},{},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{},{},{}\n",
                r.choice,
                r.success_probability,
                r.income_after_tax.p10,
                r.income_after_tax.p50,
                r.lifetime_tax.p50,
                r.lifetime_tax.p90,
                r.left_at_end.p10,
                r.left_at_end.p50,
                r.take_home_now_usd
                    .map_or_else(String::new, |v| format!("{v:.2}")),
                r.conversion_rates.map_or_else(
                    || ",,,".to_owned(),
                    |c| format!(
                        "{:.2},{},{},{}",
                        c.converted_usd, c.overall, c.lowest, c.highest
                    )
                ),
                r.best
            ));
        }
    }
    out
}

//! `glidepath sweep PLAN.ron [RUN] --field FIELD --values FROM:TO:STEP
//! [--views all]`: the figures at every value, every cell on the same draws
//! (`glidepath-sweep/1`, or CSV).

use std::path::PathBuf;

use serde::Serialize;

use super::run_args::{Format, RunArgs};
use super::{CliError, run_args, solve};
use crate::engine::questions::{Field, MAX_SWEEP_VALUES, SweepRow, SweepView, sweep_values};
use crate::engine::{RunControl, Runner, Workspace};
use crate::plan::Returns;

/// The flags of `sweep`.
#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// The plan file (RON, format version 1, 2 or 3).
    pub plan: PathBuf,
    /// The field to sweep: contribution_rate, balance, spending,
    /// retirement_age, sleeve_weight, plan_fee, private_weight (a plan
    /// without a private sleeve gets private equity), private_fee (its
    /// management fee), claim_age and
    /// spouse_claim_age (62 to 70: "when should we claim?"), survivor_need,
    /// plan_to_age, or with taxes roth_share, conversion_rate (0 for none,
    /// or a bracket's rate: 0.10, 0.12, 0.22, 0.24, 0.32) or state_rate.
    #[arg(long, value_name = "FIELD")]
    pub field: String,
    /// The values, in plan units (0.05 is 5%): FROM:TO:STEP, or a list
    /// A,B,C (`0,0.12,0.22` for conversion_rate).
    #[arg(long, value_name = "FROM:TO:STEP|A,B,C")]
    pub values: String,
    /// `all`: repeat the sweep under every shipped crypto view and the
    /// plan's own assumption.
    #[arg(long, value_name = "all")]
    pub views: Option<String>,
    /// Sweep this variant of the plan instead of its base.
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
    /// The run flags.
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Serialize)]
struct SweepOutput<'a> {
    format: &'static str,
    field: &'static str,
    values: &'a [f64],
    rows: Vec<SweepRow>,
}

pub fn run(args: &SweepArgs) -> Result<(), CliError> {
    let field = solve::field(&args.field, &Field::ALL)?;
    let values = parse_values(&args.values, field)?;
    let all_views = match args.views.as_deref() {
        None => false,
        Some("all") => true,
        Some(other) => {
            return Err(CliError::Usage(format!(
                "--views takes `all` (is {other:?}); for one view, use --view"
            )));
        }
    };
    let prepared = args.run.prepare(&args.plan)?;
    if all_views && !matches!(prepared.plan.simulation.returns, Returns::MonteCarlo) {
        return Err(CliError::Usage(
            "--views all compares crypto assumptions, which a return history replaces: run it without --history".into(),
        ));
    }
    let plan = run_args::scenario(&prepared.plan, args.variant.as_deref())?;
    let views = if all_views && field == Field::PrivateWeight {
        // The private sleeve's weight under every shipped private view.
        SweepView::all_private()
    } else if all_views {
        SweepView::all()
    } else {
        // The plan's own, which `--view` has already set.
        vec![match args.run.view.as_deref() {
            Some(id) => SweepView::parse(id)?,
            None => SweepView::Plan,
        }]
    };
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let rows = Runner::new(&mut workspace, &control)
        .with_history(prepared.history.as_ref())
        .sweep(plan, field, &values, &views, &mut |_| {})
        .map_err(|e| CliError::run(&args.plan, e))?;
    let text = match args.run.format {
        Format::Json => CliError::json(
            "sweep",
            &SweepOutput {
                format: "glidepath-sweep/1",
                field: field.name(),
                values: &values,
                rows,
            },
        )?,
        Format::Csv => {
            // With taxes, four columns more: after-tax income and lifetime tax.
            let taxed = plan.taxes.is_some();
            let mut out = String::from(
                "view,value,success_probability,balance_p10,balance_p50,income_p10,income_p50,sleeve_worst_year",
            );
            if taxed {
                out.push_str(
                    ",income_after_tax_p10,income_after_tax_p50,lifetime_tax_p50,lifetime_tax_p90",
                );
            }
            out.push('\n');
            let cents = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.2}"));
            for row in &rows {
                for c in &row.cells {
                    out.push_str(&format!(
                        "{},{},{},{:.2},{:.2},{:.2},{:.2},{}",
                        row.view,
                        c.value,
                        c.success_probability,
                        c.retirement.balance.p10,
                        c.retirement.balance.p50,
                        c.retirement.annual_income.p10,
                        c.retirement.annual_income.p50,
                        c.sleeve_worst_year
                            .map_or_else(String::new, |w| w.to_string())
                    ));
                    if taxed {
                        let after = c.retirement.annual_income_after_tax.as_ref();
                        let tax = c.lifetime_tax.as_ref();
                        out.push_str(&format!(
                            ",{},{},{},{}",
                            cents(after.map(|a| a.p10)),
                            cents(after.map(|a| a.p50)),
                            cents(tax.map(|t| t.p50)),
                            cents(tax.map(|t| t.p90)),
                        ));
                    }
                    out.push('\n');
                }
            }
            out
        }
    };
    args.run.write_output(&text, &prepared.inputs)
}

/// `FROM:TO:STEP` as the sweep's values; ages take whole steps.
fn parse_values(text: &str, field: Field) -> Result<Vec<f64>, CliError> {
    if text.contains(',') {
        return list_of_values(text, field);
    }
    let parts: Vec<&str> = text.split(':').collect();
    let numbers: Option<Vec<f64>> = parts.iter().map(|p| p.trim().parse().ok()).collect();
    let (Some(numbers), 3) = (numbers, parts.len()) else {
        return Err(CliError::Usage(format!(
            "--values must be FROM:TO:STEP, three numbers (is {text:?})"
        )));
    };
    let (from, to, step) = (numbers[0], numbers[1], numbers[2]);
    if field == Field::RetirementAge && [from, to, step].iter().any(|v| v.fract() != 0.0) {
        return Err(CliError::Usage(
            "--values for retirement_age are whole years, with a whole step".into(),
        ));
    }
    Ok(sweep_values(from, to, step)?)
}

/// `--values A,B,C`: numbers, ascending, at most [`MAX_SWEEP_VALUES`].
fn list_of_values(text: &str, field: Field) -> Result<Vec<f64>, CliError> {
    let values: Option<Vec<f64>> = text
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect();
    let Some(values) = values else {
        return Err(CliError::Usage(format!(
            "--values A,B,C must be numbers separated by commas (is {text:?})"
        )));
    };
    if values.len() > MAX_SWEEP_VALUES {
        return Err(CliError::Usage(format!(
            "--values lists {} values; a sweep runs at most {MAX_SWEEP_VALUES}",
            values.len()
        )));
    }
    if values.windows(2).any(|w| w[0] >= w[1]) {
        return Err(CliError::Usage(format!(
            "--values A,B,C must rise from one value to the next (is {text:?})"
        )));
    }
    if field == Field::RetirementAge && values.iter().any(|v| v.fract() != 0.0) {
        return Err(CliError::Usage(
            "--values for retirement_age are whole years".into(),
        ));
    }
    Ok(values)
}

//! `glidepath tax --status single|joint --ages 67[,67] --ss 40000
//! --ordinary 60000 [--gains G] [--early E] [--year 2026] [--state-rate R]`:
//! one tax year of a household, every line of MODEL-v3 §16.2 by name, as
//! JSON (`glidepath-tax/1`), so an adviser can check one year by hand and a
//! test can check the law. Amounts are that year's dollars.

use serde::Serialize;

use super::CliError;
use super::run_args::RunArgs;
use crate::tax::{self, Filing, StateTax, TaxInput, TaxYear};

/// The flags of `tax`.
#[derive(Debug, clap::Args)]
pub struct TaxArgs {
    /// How the household files: single or joint.
    #[arg(long, value_name = "single|joint")]
    pub status: String,
    /// The filers' ages at the year's end: one, or two for a joint return.
    #[arg(long, value_name = "AGE[,AGE]")]
    pub ages: String,
    /// Both spouses' Social Security benefits of the year.
    #[arg(long, value_name = "USD", default_value_t = 0.0)]
    pub ss: f64,
    /// Ordinary income other than Social Security (withdrawals, RMDs,
    /// conversions, pensions).
    #[arg(long, value_name = "USD", default_value_t = 0.0)]
    pub ordinary: f64,
    /// Realised long-term capital gains.
    #[arg(long, value_name = "USD", default_value_t = 0.0)]
    pub gains: f64,
    /// Of the ordinary income, what was withdrawn early (taxed 10% more).
    #[arg(long, value_name = "USD", default_value_t = 0.0)]
    pub early: f64,
    /// The tax year whose law applies.
    #[arg(long, default_value_t = 2026)]
    pub year: u32,
    /// A flat state income tax rate (0.05 is 5%), on AGI less the standard
    /// deduction and the taxable part of Social Security.
    #[arg(long, value_name = "R", default_value_t = 0.0)]
    pub state_rate: f64,
    /// Where to write the JSON (standard output without it).
    #[arg(long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// `glidepath-tax/1`: what was asked and every line of the year.
#[derive(Serialize)]
struct TaxOutput {
    format: &'static str,
    year: u32,
    status: &'static str,
    ages: Vec<u32>,
    social_security_usd: f64,
    ordinary_usd: f64,
    gains_usd: f64,
    early_usd: f64,
    state_rate: f64,
    #[serde(flatten)]
    lines: TaxYear,
}

/// The most any amount may be: a trillion dollars, as in a plan.
const MAX_USD: f64 = crate::plan::lever::MAX_USD;

pub fn run(args: &TaxArgs) -> Result<(), CliError> {
    let filing = match args.status.as_str() {
        "single" => Filing::Single,
        "joint" => Filing::Joint,
        other => {
            return Err(CliError::Usage(format!(
                "--status takes single or joint (is {other:?})"
            )));
        }
    };
    let ages: Vec<u32> = args
        .ages
        .split(',')
        .map(|a| a.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            CliError::Usage(format!(
                "--ages takes one or two whole ages, as 67 or 67,65 (is {:?})",
                args.ages
            ))
        })?;
    let filers = match filing {
        Filing::Single => 1,
        Filing::Joint => 2,
    };
    if ages.len() != filers {
        return Err(CliError::Usage(format!(
            "--ages: a {} return has {filers} filer{} (is {:?})",
            filing.word(),
            if filers == 1 { "" } else { "s" },
            args.ages
        )));
    }
    if let Some(age) = ages.iter().find(|a| **a > 130) {
        return Err(CliError::Usage(format!(
            "--ages: {age} is not an age a person reaches"
        )));
    }
    for (flag, value) in [
        ("--ss", args.ss),
        ("--ordinary", args.ordinary),
        ("--gains", args.gains),
        ("--early", args.early),
    ] {
        if !(0.0..=MAX_USD).contains(&value) {
            return Err(CliError::Usage(format!(
                "{flag} must be between 0 and 1,000,000,000,000 dollars (is {value})"
            )));
        }
    }
    if args.early > args.ordinary {
        return Err(CliError::Usage(format!(
            "--early ({}) is part of the ordinary income, so it cannot be more than --ordinary ({})",
            args.early, args.ordinary
        )));
    }
    if !(0.0..=1.0).contains(&args.state_rate) {
        return Err(CliError::Usage(format!(
            "--state-rate must be between 0 and 1 (is {})",
            args.state_rate
        )));
    }
    let law = tax::law(args.year).ok_or_else(|| {
        let years: Vec<String> = tax::law_years().iter().map(u32::to_string).collect();
        CliError::Usage(format!(
            "--year: no tax law ships for {} (the years are {})",
            args.year,
            years.join(", ")
        ))
    })?;
    let lines = law.tax(&TaxInput {
        filing,
        year: args.year as i32,
        filers_65: ages.iter().filter(|a| **a >= 65).count() as u32,
        social_security_usd: args.ss,
        ordinary_usd: args.ordinary,
        retirement_usd: args.ordinary,
        gains_usd: args.gains,
        early_usd: args.early,
        price_level: 1.0,
        state: StateTax {
            rate: args.state_rate,
            ..StateTax::default()
        },
    });
    let text = CliError::json(
        "tax year",
        &TaxOutput {
            format: "glidepath-tax/1",
            year: args.year,
            status: filing.word(),
            ages,
            social_security_usd: args.ss,
            ordinary_usd: args.ordinary,
            gains_usd: args.gains,
            early_usd: args.early,
            state_rate: args.state_rate,
            lines: lines.to_cents(),
        },
    )?;
    RunArgs::write_to(args.output.as_deref(), text.as_bytes(), &[])
}

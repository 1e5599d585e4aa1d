//! What a reader takes away: the lines every export carries so it can be
//! trusted (plan, date, paths and seed, basis, app version, the main
//! assumptions, and that the results are hypothetical), the bands as CSV,
//! the client report (PDF) and the charts as PNG, drawn by one chart
//! module without egui. Nothing here touches the disk: the store writes
//! what this module makes.

pub mod chart;
pub mod client;
pub mod figure;
pub mod fonts;
pub mod page;
pub mod pdf;
pub mod raster;
pub mod snapshot;

use crate::outcome::{Comparison, Outcome};
use crate::plan::Plan;

/// The lines that go with every export: as `#` comments atop a CSV, as a
/// footer drawn into a PNG; amounts said to be in today's or (`nominal`)
/// future dollars.
///
/// ```
/// use glidepath::plan::{Plan, validate};
/// use glidepath::report::trust_lines;
/// use glidepath::{RunControl, simulate};
///
/// let mut plan = Plan::sample();
/// plan.simulation.paths = 200;
/// let outcome = simulate(&validate(&plan).expect("valid"), &RunControl::new())?;
/// let lines = trust_lines(&plan, &outcome, "2026-12-03", false);
/// assert!(lines.iter().any(|l| l.contains("not a guarantee")));
/// assert!(lines.iter().any(|l| l.contains("today's dollars")));
/// # Ok::<(), glidepath::SimulationError>(())
/// ```
pub fn trust_lines(plan: &Plan, outcome: &Outcome, date: &str, nominal: bool) -> Vec<String> {
    let a = &plan.assumptions;
    let pct = |v: f64| format!("{:.2}%", v * 100.0);
    let sleeve = match &plan.allocation.sleeve {
        Some(s) => format!(
            "crypto sleeve {} now, {} at retirement; crypto average year {}, volatility {}",
            pct(s.weight),
            pct(s.weight_at_retirement),
            pct(a.crypto.mean),
            pct(a.crypto.volatility)
        ),
        None => "no crypto sleeve".to_owned(),
    };
    // A private sleeve, when there is one (a plan without says nothing
    // more, as before).
    let sleeve = match &plan.allocation.private {
        Some(p) => {
            let v = p.resolved(a.inflation);
            format!(
                "{sleeve}; private sleeve ({}) {} now, {} at retirement; its assets' average year {} before fees, volatility {}, smoothing {:.2}, fees {} a year and {} carry, at most {} sold a year",
                p.kind.label().to_lowercase(),
                pct(p.weight),
                pct(p.weight_at_retirement),
                pct(v.mean),
                pct(v.volatility),
                v.smoothing,
                pct(v.management),
                pct(v.carry),
                pct(v.max_sale)
            )
        }
        None => sleeve,
    };
    let mut lines = vec![
        format!("Plan: {}", plan.name),
        format!(
            "Made {date} with Glidepath {} ({}; {} paths, seed {})",
            env!("CARGO_PKG_VERSION"),
            outcome.mode.as_str(),
            outcome.paths,
            outcome.seed
        ),
        {
            let tax = if plan.taxes.is_some() {
                "income is shown before and after tax"
            } else {
                "income is before tax"
            };
            if nominal {
                format!(
                    "Amounts in future dollars (grown by {:.2}% inflation a year); {tax}",
                    outcome.inflation * 100.0
                )
            } else {
                format!("Amounts in today's dollars (after inflation); {tax}")
            }
        },
        format!(
            "Assumptions: stocks {} a year (volatility {}), bonds {} ({}), cash {} ({}), inflation {}; glide path {}; {sleeve}",
            pct(a.stocks.mean),
            pct(a.stocks.volatility),
            pct(a.bonds.mean),
            pct(a.bonds.volatility),
            pct(a.cash.mean),
            pct(a.cash.volatility),
            pct(a.inflation),
            plan.allocation.glide_path.name
        ),
        "Hypothetical results based on assumptions, not a guarantee of future results".to_owned(),
    ];
    if let Some(taxes) = &plan.taxes {
        lines.insert(lines.len() - 1, tax_line(plan, taxes));
    }
    lines
}

/// Which tax law the figures use and what it leaves out, in one line.
pub fn tax_line(plan: &Plan, taxes: &crate::plan::taxes::Taxes) -> String {
    use crate::plan::taxes::{FilingChoice, Spending};
    let filing = match taxes.filing {
        FilingChoice::Auto if plan.retirement.spouse.is_some() => "married filing jointly",
        FilingChoice::Auto | FilingChoice::Single => "single",
        FilingChoice::Joint => "married filing jointly",
    };
    let state = if taxes.state.rate > 0.0 {
        format!("a flat {:.2}% state tax", taxes.state.rate * 100.0)
    } else {
        "no state income tax".to_owned()
    };
    let spending = match taxes.spending {
        Spending::AfterTax => "the spending asked for is what is left after tax",
        Spending::BeforeTax => "the spending asked for is before tax",
    };
    format!(
        "Taxes: US federal law of {} (IRS Rev. Proc. 2025-32; Public Law 119-21), {filing}, {state}; {spending}. Simplified: brackets and deductions indexed (constant in today's dollars), no itemized deductions or credits, the taxable account's dividends as a lower return, the spouse's own accounts not modelled",
        taxes.law
    )
}

/// The results a client takes home as CSV: the trust lines, the headline
/// figures and the plan's main inputs as `#` comments on top, then the
/// bands by age with the chance the money lasts to each age, in today's
/// or (`nominal`) future dollars, as the screen shows them.
pub fn bands_csv(plan: &Plan, outcome: &Outcome, date: &str, nominal: bool) -> String {
    let mut lines = trust_lines(plan, outcome, date, nominal);
    let s = outcome.portfolio.summary();
    let f = |age: u32| outcome.basis_factor(age, nominal);
    let r = f(s.retirement_age);
    lines.insert(
        lines.len() - 1,
        format!(
            "Headline: chance the money lasts to {}: {:.0}%; balance at retirement ({}): median {:.0}, bad case (10th percentile) {:.0}; monthly income before tax in the first year retired: median {:.0}, bad case {:.0}; in a bad case the money {}",
            outcome.plan_to_age(),
            s.chance_money_lasts * 100.0,
            s.retirement_age,
            r * s.retirement_balance_median_usd,
            r * s.retirement_balance_bad_case_usd,
            r * s.monthly_income_median_usd,
            r * s.monthly_income_bad_case_usd,
            match s.bad_case_runs_out_at_age {
                Some(age) => format!("runs out by {age}"),
                None => format!("lasts past {}", outcome.plan_to_age()),
            }
        ),
    );
    if let Some(after) = &outcome.portfolio.retirement.annual_income_after_tax {
        let lifetime = outcome.taxes.as_ref().map(|t| t.lifetime_tax.p50);
        lines.insert(
            lines.len() - 1,
            format!(
                "After tax: monthly income after federal and state tax in the first year retired: median {:.0}, bad case {:.0}{}",
                r * after.p50 / 12.0,
                r * after.p10 / 12.0,
                lifetime.map_or(String::new(), |t| format!(
                    "; tax over the whole plan, median {t:.0} in today's dollars"
                ))
            ),
        );
    }
    let p = &plan.saver;
    lines.insert(
        lines.len() - 1,
        format!(
            "Inputs: age {}, retires at {}, plans to {}; balance {:.0}, salary {:.0}; contributes {:.1}% of pay",
            p.age,
            p.retirement_age,
            p.plan_to_age,
            p.balance,
            p.salary,
            plan.contributions.employee_rate * 100.0
        ),
    );
    let mut out: String = lines.iter().map(|line| format!("# {line}\n")).collect();
    out.push_str("age,p5,p10,p25,p50,p75,p90,p95,survival\n");
    for (t, &age) in outcome.ages.iter().enumerate() {
        out.push_str(&age.to_string());
        for series in outcome.portfolio.bands.as_array() {
            out.push_str(&format!(",{:.2}", series[t] * f(age)));
        }
        out.push_str(&format!(",{:.4}\n", outcome.portfolio.survival[t]));
    }
    out
}

/// The comparison CSV with the trust lines of the base (and the scenarios'
/// names) as `#` comments on top.
pub fn comparison_csv(plan: &Plan, comparison: &Comparison, date: &str) -> String {
    let mut lines = match comparison.scenarios.first() {
        Some(base) => trust_lines(plan, &base.outcome, date, false),
        None => Vec::new(),
    };
    let names: Vec<&str> = comparison
        .scenarios
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    lines.insert(
        1,
        format!(
            "Scenarios on the same simulated markets: {}",
            names.join("; ")
        ),
    );
    let mut out: String = lines.iter().map(|line| format!("# {line}\n")).collect();
    out.push_str(&comparison.csv());
    out
}

/// Today's date (UTC) as `YYYY-MM-DD`: `SOURCE_DATE_EPOCH`'s when it is
/// set and readable, else the system clock's.
pub fn today() -> String {
    let m = made_at().unwrap_or_else(|_| moment_of(seconds_now()));
    format!("{:04}-{:02}-{:02}", m.year, m.month, m.day)
}

/// When a document is made: `SOURCE_DATE_EPOCH` (whole seconds since
/// 1970, the reproducible-builds convention) when set, so that the same
/// plan gives the same bytes; else now. A value that is not whole seconds
/// is an error that quotes it.
pub fn made_at() -> Result<pdf::Moment, SourceDateError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (0..=253_402_300_799).contains(s))
            .map(moment_of)
            .ok_or(SourceDateError(text)),
        // Set but not text: refused as any other non-date, never ignored.
        Err(std::env::VarError::NotUnicode(raw)) => {
            Err(SourceDateError(raw.to_string_lossy().into_owned()))
        }
        Err(std::env::VarError::NotPresent) => Ok(moment_of(seconds_now())),
    }
}

/// `SOURCE_DATE_EPOCH` set to something that is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("SOURCE_DATE_EPOCH must be whole seconds since 1970 (is {0:?})")]
pub struct SourceDateError(pub String);

fn seconds_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64
}

/// The UTC moment `seconds` after 1970-01-01.
fn moment_of(seconds: i64) -> pdf::Moment {
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    pdf::Moment {
        year: y.clamp(0, 9999) as u16,
        month: m as u8,
        day: d as u8,
        time: ((s / 3_600) as u8, (s / 60 % 60) as u8, (s % 60) as u8),
    }
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's
/// algorithm for the proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::validate;
    use crate::{RunControl, simulate};

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_416), (2025, 11, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        let m = moment_of(1_764_072_000);
        assert_eq!((m.year, m.month, m.day, m.time), (2025, 11, 25, (12, 0, 0)));
    }

    #[test]
    fn the_csv_says_what_a_reader_needs() {
        let mut plan = Plan::sample_before_tax();
        plan.simulation.paths = 200;
        let outcome = simulate(&validate(&plan).unwrap(), &RunControl::new()).unwrap();
        let csv = bands_csv(&plan, &outcome, "2026-11-24", false);
        let comments: Vec<&str> = csv.lines().take_while(|l| l.starts_with('#')).collect();
        assert_eq!(comments.len(), 7);
        assert!(comments[0].contains("Alex, base case"));
        assert!(comments[1].contains("2026-11-24") && comments[1].contains("200 paths, seed 42"));
        assert!(comments[2].contains("today's dollars"));
        assert!(comments[3].contains("stocks 5.50%"));
        assert!(comments[4].starts_with("# Headline: chance the money lasts to 95"));
        assert!(comments[5].contains("Inputs: age 35, retires at 65"));
        assert!(comments[6].contains("not a guarantee"));
        assert_eq!(
            csv.lines().nth(7),
            Some("age,p5,p10,p25,p50,p75,p90,p95,survival")
        );
        assert!(csv.lines().nth(8).unwrap().ends_with(",1.0000"));
        // Future dollars: the same table grown by inflation, and said.
        let future = bands_csv(&plan, &outcome, "2026-11-24", true);
        assert!(future.contains("future dollars"));
        let last = |text: &str| {
            text.lines()
                .last()
                .unwrap()
                .split(',')
                .nth(4)
                .unwrap()
                .parse::<f64>()
                .unwrap()
        };
        let grown = last(&csv) * outcome.nominal_factor(95);
        assert!((last(&future) - grown).abs() < 0.01 * grown.max(1.0));
    }

    #[test]
    fn with_taxes_the_csv_says_which_law_and_what_is_left_after_tax() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 200;
        let outcome = simulate(&validate(&plan).unwrap(), &RunControl::new()).unwrap();
        let csv = bands_csv(&plan, &outcome, "2026-11-24", false);
        let comments: Vec<&str> = csv.lines().take_while(|l| l.starts_with('#')).collect();
        assert_eq!(comments.len(), 9);
        assert!(comments[2].contains("before and after tax"));
        assert!(comments[4].contains("US federal law of 2026") && comments[4].contains("single"));
        assert!(comments[4].contains("Simplified"));
        assert!(comments[6].starts_with("# After tax: monthly income after federal and state tax"));
        let after = outcome
            .portfolio
            .retirement
            .annual_income_after_tax
            .unwrap();
        assert!(comments[6].contains(&format!("median {:.0}", after.p50 / 12.0)));
        assert!(comments[8].contains("not a guarantee"));
    }
}

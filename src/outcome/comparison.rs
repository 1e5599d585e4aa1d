//! Scenarios side by side: each scenario's outcome on the same draws, what
//! it changes from the base, and its differences from the base. The JSON
//! format `glidepath-comparison/1` and its CSV.

use serde::Serialize;

use super::Outcome;

/// The JSON format of a comparison.
pub const COMPARISON_FORMAT: &str = "glidepath-comparison/1";

/// Every scenario of a plan, run on the same draws; the base first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// Always [`COMPARISON_FORMAT`].
    pub format: String,
    /// The seed every scenario's paths derive from.
    pub seed: u64,
    /// The scenarios, the base first.
    pub scenarios: Vec<ScenarioOutcome>,
}

/// One scenario of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioOutcome {
    /// Its name (the plan's name for the base).
    pub name: String,
    /// The field paths it changes from the base (none for the base).
    pub changed: Vec<String>,
    /// Its outcome.
    pub outcome: Outcome,
}

impl Comparison {
    /// The comparison of `scenarios` (the base first).
    pub fn new(seed: u64, scenarios: Vec<ScenarioOutcome>) -> Self {
        Comparison {
            format: COMPARISON_FORMAT.to_owned(),
            seed,
            scenarios,
        }
    }

    /// One row per scenario with its headline figures and their changes
    /// from the base (the base's changes are 0).
    pub fn csv(&self) -> String {
        let mut out = String::from(
            "scenario,changed,success_probability,balance_p10,balance_p50,income_p10,income_p50,depletion_age_p10,success_change,balance_p50_change,income_p50_change\n",
        );
        let Some(base) = self.scenarios.first() else {
            return out;
        };
        let b = &base.outcome.portfolio;
        for s in &self.scenarios {
            let p = &s.outcome.portfolio;
            let r = &p.retirement;
            out.push_str(&format!(
                "{},{},{},{:.2},{:.2},{:.2},{:.2},{},{},{:.2},{:.2}\n",
                csv_text(&s.name),
                csv_text(&s.changed.join(";")),
                p.success_probability,
                r.balance.p10,
                r.balance.p50,
                r.annual_income.p10,
                r.annual_income.p50,
                p.depletion_age_p10
                    .map_or_else(String::new, |a| a.to_string()),
                // A difference of two shares of paths, without the
                // float's noise (0.158, not 0.15800000000000003).
                ((p.success_probability - b.success_probability) * 1e9).round() / 1e9,
                r.balance.p50 - b.retirement.balance.p50,
                r.annual_income.p50 - b.retirement.annual_income.p50,
            ));
        }
        out
    }
}

/// A CSV field, quoted when it needs to be.
fn csv_text(text: &str) -> String {
    if text.contains([',', '"', '\n', ';']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

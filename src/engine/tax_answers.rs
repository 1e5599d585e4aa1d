//! The tax decisions on the same markets (MODEL-v3 §16.5–16.7): Roth or
//! traditional deferrals, Roth conversions bracket by bracket, and the
//! order the accounts pay in. Every choice is one more plan in one set, so
//! all run on the same draws and a difference between two rows is the
//! choice alone; each row equals, bit for bit, that plan simulated alone.

use serde::Serialize;

use super::error::SimulationError;
use super::outcomes::check_finite;
use super::questions::{CONVERSION_RATES, Field, MedianAndHigh, TwoLevels};
use super::runner::Runner;
use super::schedule::take_home_now_usd;
use crate::outcome::{Levels, MemberSummary, Record};
use crate::plan::taxes::{FillBracket, Order};
use crate::plan::{Plan, Problem, ValidPlan, validate};
use crate::units::{percent, usd};

/// The three comparisons (JSON `glidepath-tax-answers/1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaxAnswers {
    /// Always `glidepath-tax-answers/1`.
    pub format: &'static str,
    /// The plan's name.
    pub plan: String,
    /// Paths each row ran.
    pub paths: u32,
    /// The plan as it is, every deferral traditional, every deferral Roth.
    pub roth: Vec<TaxChoice>,
    /// No conversions, then conversions filling each bracket over the
    /// plan's window (or the planning window where it has none).
    pub conversions: Vec<TaxChoice>,
    /// The conversion window the rows with conversions use: ages, both ends.
    pub conversion_window: [u32; 2],
    /// Conventional, pro rata, and traditional first to the top of the 12%
    /// and the 22% brackets.
    pub orders: Vec<TaxChoice>,
    /// The Roth comparison in words.
    pub roth_in_words: String,
}

/// One choice's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaxChoice {
    /// The choice by identifier: `as-is`, `traditional`, `roth`; `none`,
    /// `fill-12%`; `conventional`, `pro-rata`, `fill-bracket-22%`.
    pub choice: String,
    /// The choice in words.
    pub words: String,
    /// The chance the money lasts to the plan-to age.
    pub success_probability: f64,
    /// The first retirement year's income after tax, p10 and p50.
    pub income_after_tax: TwoLevels,
    /// Federal and state tax over the whole plan, today's dollars.
    pub lifetime_tax: MedianAndHigh,
    /// The money left at the plan-to age (the bequest), p10 and p50.
    pub left_at_end: TwoLevels,
    /// Pay this year after the deferrals and income tax (a saver who
    /// works this year; Roth rows only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub take_home_now_usd: Option<f64>,
    /// The row of its table with the best outcome: the highest chance
    /// (to the whole point), then the most money left at the end in the
    /// median case, by a tenth of a percent or more (one per table; not in
    /// the Roth table).
    pub best: bool,
}

impl Runner<'_> {
    /// The plan's three tax comparisons, every row on the same draws.
    /// Refused for a plan before tax.
    pub fn tax_answers(&mut self, plan: &ValidPlan) -> Result<TaxAnswers, SimulationError> {
        if plan.taxes.is_none() {
            return Err(SimulationError::Invalid(vec![Problem {
                field: "taxes".to_owned(),
                message: "the tax answers need a plan with taxes (this plan is before tax)"
                    .to_owned(),
            }]));
        }
        let row = |id: &str, words: &str, plan: ValidPlan| (id.to_owned(), words.to_owned(), plan);
        let mut roth = vec![row("as-is", "Your deferrals as they are", plan.clone())];
        for (id, share, words) in [
            ("traditional", 0.0, "Every deferral traditional (pre-tax)"),
            ("roth", 1.0, "Every deferral Roth"),
        ] {
            roth.push(row(id, words, Field::RothShare.set(plan, share)?));
        }
        let mut conversions = Vec::new();
        for rate in CONVERSION_RATES {
            let changed = Field::ConversionRate.set(plan, rate)?;
            conversions.push(if rate == 0.0 {
                row("none", "No conversions", changed)
            } else {
                (
                    format!("fill-{}", percent(rate)),
                    format!("Convert to the top of the {} bracket", percent(rate)),
                    changed,
                )
            });
        }
        let window = conversions
            .iter()
            .find_map(|(_, _, p)| p.taxes.as_ref()?.conversions)
            .map_or([0, 0], |c| [c.from_age, c.until_age]);
        let mut orders = Vec::new();
        for (id, words, order) in [
            (
                "conventional",
                "Taxable, then pre-tax, then Roth",
                Order::Conventional,
            ),
            ("pro-rata", "From each in proportion", Order::ProRata),
            (
                "fill-bracket-12%",
                "Pre-tax to the top of the 12% bracket first",
                Order::FillBracket(FillBracket { top_rate: 0.12 }),
            ),
            (
                "fill-bracket-22%",
                "Pre-tax to the top of the 22% bracket first",
                Order::FillBracket(FillBracket { top_rate: 0.22 }),
            ),
        ] {
            let mut changed: Plan = (**plan).clone();
            if let Some(t) = changed.taxes.as_mut() {
                t.order = order;
            }
            orders.push(row(
                id,
                words,
                validate(&changed).map_err(SimulationError::Invalid)?,
            ));
        }
        let tables = [roth, conversions, orders];
        let members: Vec<(&ValidPlan, Record)> = tables
            .iter()
            .flatten()
            .map(|(_, _, p)| (p, Record::BalanceBands(Levels::MEDIAN_AND_BAD_CASE)))
            .collect();
        let set = self.set(&members)?;
        let mut summaries = set.members.iter().map(|m| &m.summary);
        let mut answer = |k: usize, roth_table: bool| -> Result<Vec<TaxChoice>, SimulationError> {
            let mut rows = tables[k]
                .iter()
                .map(|(id, words, p)| {
                    let summary = summaries.next().ok_or(SimulationError::EmptySet)?;
                    let take_home = roth_table.then(|| take_home_now_usd(p)).flatten();
                    choice(id, words, summary, take_home)
                })
                .collect::<Result<Vec<_>, _>>()?;
            if !roth_table {
                mark_best(&mut rows);
            }
            Ok(rows)
        };
        let roth = answer(0, true)?;
        let conversions = answer(1, false)?;
        let orders = answer(2, false)?;
        Ok(TaxAnswers {
            format: "glidepath-tax-answers/1",
            plan: plan.name.clone(),
            paths: plan.simulation.paths,
            roth_in_words: roth_in_words(&roth),
            roth,
            conversions,
            conversion_window: window,
            orders,
        })
    }
}

/// A row from its plan's summary.
fn choice(
    id: &str,
    words: &str,
    summary: &MemberSummary,
    take_home_now_usd: Option<f64>,
) -> Result<TaxChoice, SimulationError> {
    check_finite(summary)?;
    let missing = SimulationError::NotFinite("the tax figures");
    let after = summary
        .retirement
        .as_ref()
        .and_then(|r| r.annual_income_after_tax.as_ref())
        .ok_or(SimulationError::NotFinite("the income after tax"))?;
    let taxes = summary.taxes.as_ref().ok_or(missing)?;
    let bands = summary
        .bands
        .as_ref()
        .ok_or(SimulationError::NotFinite("the bands"))?;
    let last = |v: &Vec<f64>| v.last().copied().unwrap_or(0.0);
    Ok(TaxChoice {
        choice: id.to_owned(),
        words: words.to_owned(),
        success_probability: summary.success_probability,
        income_after_tax: TwoLevels {
            p10: after.p10,
            p50: after.p50,
        },
        lifetime_tax: MedianAndHigh {
            p50: taxes.lifetime_tax.p50,
            p90: taxes.lifetime_tax.p90,
        },
        left_at_end: TwoLevels {
            p10: last(&bands.p10),
            p50: last(&bands.p50),
        },
        take_home_now_usd,
        best: false,
    })
}

/// Marks the best row: the highest chance to the whole point, then the
/// most money left at the end in the median case, by at least a tenth of
/// a percent (less is no difference a plan can count on); the first row on
/// a tie, so "no change" wins one.
fn mark_best(rows: &mut [TaxChoice]) {
    let point = |r: &TaxChoice| (r.success_probability * 100.0).round();
    let mut best: Option<usize> = None;
    for (i, r) in rows.iter().enumerate() {
        let better = match best {
            None => true,
            Some(b) => {
                let b = &rows[b];
                point(r) > point(b)
                    || (point(r) == point(b)
                        && r.left_at_end.p50 > b.left_at_end.p50 + 0.001 * b.left_at_end.p50.abs())
            }
        };
        if better {
            best = Some(i);
        }
    }
    if let Some(i) = best {
        rows[i].best = true;
    }
}

/// "Roth deferrals cost you $2,100 of take-home pay a year now and add
/// $4,300 a year after tax in retirement in the median case."
fn roth_in_words(rows: &[TaxChoice]) -> String {
    let (Some(traditional), Some(roth)) = (
        rows.iter().find(|r| r.choice == "traditional"),
        rows.iter().find(|r| r.choice == "roth"),
    ) else {
        return String::new();
    };
    let later = roth.income_after_tax.p50 - traditional.income_after_tax.p50;
    let left = roth.left_at_end.p50 - traditional.left_at_end.p50;
    let now = match (traditional.take_home_now_usd, roth.take_home_now_usd) {
        (Some(t), Some(r)) if (t - r).abs() >= 0.5 => {
            format!("cost you {} of take-home pay this year", usd(t - r))
        }
        (Some(_), Some(_)) => "cost you nothing of take-home pay this year".to_owned(),
        _ => "change nothing you are paid (you are not working this year)".to_owned(),
    };
    let retirement = if later.abs() >= 0.5 {
        format!(
            "{} {} a year after tax in the first year retired",
            if later > 0.0 { "add" } else { "take" },
            usd(later.abs())
        )
    } else {
        "leave the first year's income after tax as it is".to_owned()
    };
    format!(
        "Against every deferral traditional, Roth deferrals {now}, {retirement}, and leave {} {} at the end, in the median case",
        usd(left.abs()),
        if left >= 0.0 { "more" } else { "less" }
    )
}

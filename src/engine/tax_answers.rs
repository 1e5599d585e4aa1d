//! The tax decisions on the same markets (MODEL-v3 §16.5–16.7): Roth or
//! traditional deferrals, Roth conversions bracket by bracket, and the
//! order the accounts pay in. Every choice is one more plan in one set, so
//! all run on the same draws and a difference between two rows is the
//! choice alone; each row equals, bit for bit, that plan simulated alone.

use serde::Serialize;

use super::bracket_room::BracketRoom;
use super::error::SimulationError;
use super::outcomes::check_finite;
use super::questions::{CONVERSION_RATES, Field, MedianAndHigh, TwoLevels};
use super::runner::Runner;
use super::schedule::take_home_now_usd;
use super::set::MemberResult;
use super::taxed::TaxedYear;
use crate::outcome::{Levels, MemberSummary, Record};
use crate::plan::taxes::{FillBracket, Order};
use crate::plan::{Plan, Problem, ValidPlan, validate};
use crate::units::{percent, usd, usd_short};

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
    /// The plan as it is: its typical path's taxable income against the
    /// brackets (`None`: no taxed retirement year).
    pub bracket_room: Option<BracketRoom>,
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
    /// What the conversions paid on the row's typical path (conversion
    /// rows that convert).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversion_rates: Option<RatesPaid>,
    /// The row of its table with the best outcome: the highest chance
    /// (to the whole point), then the most money left at the end in the
    /// median case, by a tenth of a percent or more (one per table; not in
    /// the Roth table).
    pub best: bool,
}

impl TaxAnswers {
    /// Whether the saver works this year, so Roth or traditional is a
    /// choice they make now (the Roth rows have a take-home pay).
    pub fn defers_now(&self) -> bool {
        self.roth.iter().any(|r| r.take_home_now_usd.is_some())
    }
}

/// The plan as it is, with every deferral traditional and with every
/// deferral Roth, on the same markets, and the difference in words (the
/// "What Roth changes" card).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RothChanges {
    /// As it is, every deferral traditional, every deferral Roth.
    pub rows: Vec<TaxChoice>,
    /// The comparison in words.
    pub in_words: String,
}

/// The rate a row's conversions paid on its typical path (the path whose
/// lifetime tax is the median): the tax each conversion added, federal
/// and state, over the money converted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RatesPaid {
    /// The money converted over the window, today's dollars.
    pub converted_usd: f64,
    /// The lowest year's rate.
    pub lowest: f64,
    /// The highest year's rate.
    pub highest: f64,
    /// All the conversions' tax over all the money converted.
    pub overall: f64,
}

impl RatesPaid {
    /// "23.3% on $716k (23.1–23.4%)": the rate overall, on how much, and
    /// the range of the years' rates where they differ.
    pub fn in_words(&self) -> String {
        let rate = |r: f64| percent((r * 1000.0).round() / 1000.0);
        let (low, high) = (rate(self.lowest), rate(self.highest));
        let range = if low == high {
            String::new()
        } else {
            format!(" ({}–{high})", low.trim_end_matches('%'))
        };
        format!(
            "{} on {}{range}",
            rate(self.overall),
            usd_short(self.converted_usd)
        )
    }
}

/// A choice's id, its words and its plan, before it runs.
type Row = (String, String, ValidPlan);

impl Runner<'_> {
    /// The plan's three tax comparisons, every row on the same draws, and
    /// the bracket room of the plan as it is. Refused for a plan before tax.
    pub fn tax_answers(&mut self, plan: &ValidPlan) -> Result<TaxAnswers, SimulationError> {
        refuse_before_tax(plan)?;
        let roth = roth_rows(plan)?;
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
        let set = self.set(&members(&tables))?;
        let (roth_results, rest) = set.members.split_at(tables[0].len());
        let (conversion_results, order_results) = rest.split_at(tables[1].len());
        let roth = choices(&tables[0], roth_results, TaxTable::Roth)?;
        let conversions = choices(&tables[1], conversion_results, TaxTable::Conversions)?;
        let orders = choices(&tables[2], order_results, TaxTable::Orders)?;
        let bracket_room = roth_results
            .first()
            .and_then(|as_is| BracketRoom::of(plan, as_is.median_tax_path.as_deref()?));
        Ok(TaxAnswers {
            format: "glidepath-tax-answers/1",
            plan: plan.name.clone(),
            paths: plan.simulation.paths,
            roth_in_words: roth_in_words(&roth),
            roth,
            conversions,
            conversion_window: window,
            orders,
            bracket_room,
        })
    }

    /// What Roth deferrals change: the plan as it is, every deferral
    /// traditional and every deferral Roth, on the same draws (the rows of
    /// the tax answers' Roth table, bit for bit). Refused before tax.
    pub fn roth_changes(&mut self, plan: &ValidPlan) -> Result<RothChanges, SimulationError> {
        refuse_before_tax(plan)?;
        let rows = roth_rows(plan)?;
        let set = self.set(&members(std::slice::from_ref(&rows)))?;
        let rows = choices(&rows, &set.members, TaxTable::Roth)?;
        Ok(RothChanges {
            in_words: roth_in_words(&rows),
            rows,
        })
    }
}

/// The tax answers need a plan with taxes.
fn refuse_before_tax(plan: &ValidPlan) -> Result<(), SimulationError> {
    if plan.taxes.is_some() {
        return Ok(());
    }
    Err(SimulationError::Invalid(vec![Problem {
        field: "taxes".to_owned(),
        message: "the tax answers need a plan with taxes (this plan is before tax)".to_owned(),
    }]))
}

fn row(id: &str, words: &str, plan: ValidPlan) -> Row {
    (id.to_owned(), words.to_owned(), plan)
}

/// The Roth table's plans: as it is, all traditional, all Roth.
fn roth_rows(plan: &ValidPlan) -> Result<Vec<Row>, SimulationError> {
    let mut rows = vec![row("as-is", "Your deferrals as they are", plan.clone())];
    for (id, share, words) in [
        ("traditional", 0.0, "Every deferral traditional (pre-tax)"),
        ("roth", 1.0, "Every deferral Roth"),
    ] {
        rows.push(row(id, words, Field::RothShare.set(plan, share)?));
    }
    Ok(rows)
}

/// Every row of `tables`, in order, as one set's members.
fn members(tables: &[Vec<Row>]) -> Vec<(&ValidPlan, Record)> {
    tables
        .iter()
        .flatten()
        .map(|(_, _, p)| (p, Record::BalanceBands(Levels::MEDIAN_AND_BAD_CASE)))
        .collect()
}

/// Which comparison a table is: what its rows say beyond the common
/// figures, in the column the app and the report give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxTable {
    /// Take-home pay now; no best row (a preference, not a score).
    Roth,
    /// The rates the conversions paid; the best row marked.
    Conversions,
    /// The best row marked.
    Orders,
}

impl TaxTable {
    /// The heading of the table's own column ("" where it has none).
    pub fn extra_heading(self) -> &'static str {
        match self {
            TaxTable::Roth => "Take-home now",
            TaxTable::Conversions => "Tax on conversions",
            TaxTable::Orders => "",
        }
    }

    /// A row's cell in that column.
    pub fn extra_cell(self, row: &TaxChoice) -> String {
        match self {
            TaxTable::Roth => row.take_home_now_usd.map_or_else(String::new, usd),
            TaxTable::Conversions => row
                .conversion_rates
                .map_or_else(|| "nothing converted".to_owned(), |r| r.in_words()),
            TaxTable::Orders => String::new(),
        }
    }
}

/// A table's rows from its plans and their results, in order.
fn choices(
    rows: &[Row],
    results: &[MemberResult],
    table: TaxTable,
) -> Result<Vec<TaxChoice>, SimulationError> {
    if results.len() != rows.len() {
        return Err(SimulationError::EmptySet);
    }
    let mut choices = rows
        .iter()
        .zip(results)
        .map(|((id, words, p), result)| {
            let mut choice = choice(id, words, &result.summary)?;
            match table {
                TaxTable::Roth => choice.take_home_now_usd = take_home_now_usd(p),
                TaxTable::Conversions => {
                    choice.conversion_rates =
                        result.median_tax_path.as_deref().and_then(rates_paid);
                }
                TaxTable::Orders => {}
            }
            Ok(choice)
        })
        .collect::<Result<Vec<_>, SimulationError>>()?;
    if table != TaxTable::Roth {
        mark_best(&mut choices);
    }
    Ok(choices)
}

/// The rates a path's conversions paid; `None` when it converts nothing.
pub fn rates_paid(years: &[(u32, TaxedYear)]) -> Option<RatesPaid> {
    let converting = || {
        years
            .iter()
            .map(|(_, y)| y)
            .filter(|y| y.conversion_usd >= 1.0)
    };
    let rate = |y: &TaxedYear| y.conversion_tax_usd / y.conversion_usd;
    let converted_usd: f64 = converting().map(|y| y.conversion_usd).sum();
    if converted_usd < 1.0 {
        return None;
    }
    let tax_usd: f64 = converting().map(|y| y.conversion_tax_usd).sum();
    Some(RatesPaid {
        converted_usd,
        lowest: converting().map(rate).fold(f64::INFINITY, f64::min),
        highest: converting().map(rate).fold(f64::NEG_INFINITY, f64::max),
        overall: tax_usd / converted_usd,
    })
}

/// A row from its plan's summary.
fn choice(id: &str, words: &str, summary: &MemberSummary) -> Result<TaxChoice, SimulationError> {
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
        take_home_now_usd: None,
        conversion_rates: None,
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

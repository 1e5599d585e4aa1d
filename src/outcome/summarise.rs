//! From one plan's paths to its figures: the bands of the balance by age,
//! survival, the chance the money lasts, the bad-case age money runs out,
//! the balance and income at retirement, the spread at retirement.
//!
//! The engine hands over each path's result; only what the caller asked
//! for is computed (a goal seek needs the chance alone, not 61 ages of
//! bands), and percentiles select only the order statistics they need.

use rayon::prelude::*;

use super::percentiles::{LEVELS, Percentiles, Selection, Spread, Values, levels_of_chunks};
use super::{BAD_CASE_SURVIVAL, HISTOGRAM_BINS, HistogramBin, RetirementFigures};

/// What a run keeps of each plan's paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// Everything: the bands at every age (for the levels asked), the
    /// figures at retirement and their spread.
    Bands(Levels),
    /// The bands at every age for the levels asked, without the income by
    /// age: what a comparison line (the plan without its sleeve) needs.
    BalanceBands(Levels),
    /// The chance the money lasts, survival and the figures at retirement.
    Summary,
    /// The chance the money lasts and survival only.
    Success,
}

impl Record {
    /// Whether the balance of every path at every age must be kept.
    pub fn keeps_bands(self) -> bool {
        matches!(self, Record::Bands(_) | Record::BalanceBands(_))
    }

    /// Whether the total income of every path in every retirement year
    /// must be kept.
    pub fn keeps_income(self) -> bool {
        matches!(self, Record::Bands(_))
    }
}

/// Which of the percentile [`LEVELS`] the bands report, one bit each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Levels(u8);

impl Levels {
    /// All seven levels: what the JSON output and the fan chart need.
    pub const ALL: Levels = Levels(0b111_1111);
    /// The median and the bad case (10th percentile): what a comparison line needs.
    pub const MEDIAN_AND_BAD_CASE: Levels = Levels(0b000_1010);
    /// The 10th, 50th and 90th percentiles: what the tax figures need.
    pub const SPREAD: Levels = Levels(0b010_1010);

    fn has(self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }
}

/// A function that lists the slices holding one age's balances.
pub type Column<'a> = dyn Fn(usize, &mut Vec<&'a [f64]>) + Sync + 'a;

/// One plan's paths as the engine leaves them (all slices hold one value
/// per path).
pub struct MemberPaths<'a> {
    /// The ages reported: the start age to the plan-to age.
    pub ages: &'a [u32],
    /// The retirement age.
    pub retirement_age: u32,
    /// The age each path ran out at; 0 if it never did.
    pub depleted_at: &'a [u32],
    /// The first retirement year's income of each path.
    pub first_income_usd: &'a [f64],
    /// Each path's balance at the start of its first retirement year.
    pub at_retirement_usd: &'a [f64],
    /// Each path's worst crypto growth factor, for a plan with a sleeve.
    pub worst_crypto_growth: Option<&'a [f64]>,
    /// Fills the vector with the slices that hold every path's balance at
    /// age index `t` (never negative, so their bits sort as they do).
    pub column: Option<&'a Column<'a>>,
    /// Fills the vector with the slices that hold every path's total
    /// income in year `t` (written for retirement years only).
    pub income_column: Option<&'a Column<'a>>,
    /// With an essential income: whether each path's income stayed at or
    /// above it in every retirement year.
    pub essential_met: Option<&'a [bool]>,
    /// With taxes: each path's tax figures.
    pub taxes: Option<TaxPaths<'a>>,
    /// With lifespans: each path's lives.
    pub lives: Option<LifePaths<'a>>,
}

/// A plan with lifespans other than the plan-to age: each path's (one
/// value per path).
pub struct LifePaths<'a> {
    /// The saver's age in the last year someone is alive (the plan-to
    /// age: through the plan). The figures by age count only the paths
    /// someone is alive in.
    pub last_age: &'a [u32],
    /// The saver's and the spouse's ages at death (`u32::MAX`: not drawn).
    pub death_ages: &'a [[u32; 2]],
    /// The money left at the end of the last year someone is alive.
    pub left_usd: &'a [f64],
    /// Whether each one's death is drawn (else fixed or past the plan).
    pub drawn: [bool; 2],
    /// With a spouse: the saver's age in the first year each path's
    /// survivor lives alone (0: never alone).
    pub alone_from: Option<&'a [u32]>,
}

/// What a plan's lifespans came to.
#[derive(Clone, Debug, PartialEq)]
pub struct LifespanSummary {
    /// The share of paths whose money ran out while someone was alive.
    pub outliving_probability: f64,
    /// The saver's and the spouse's ages at death, where drawn.
    pub death_age: [Option<Percentiles<f64>>; 2],
    /// The money left at the last death (or at the plan-to age).
    pub left_at_death: Percentiles<f64>,
    /// With a spouse: the share of paths in which one lives on alone.
    pub alone_probability: Option<f64>,
    /// For every age reported, the share of paths someone is alive in.
    pub alive: Vec<f64>,
}

/// A plan with taxes: each path's figures (one value per path) and, with
/// bands, the columns of its tax rows of every retirement year.
pub struct TaxPaths<'a> {
    /// Federal and state tax over every year, today's dollars.
    pub lifetime_tax_usd: &'a [f64],
    /// The first retirement year's income after tax.
    pub first_income_after_tax_usd: &'a [f64],
    /// Traditional, Roth and taxable money at retirement.
    pub at_retirement_usd: [&'a [f64]; 3],
    /// The tax rows by retirement year (with bands).
    pub columns: Option<TaxColumns<'a>>,
}

/// The columns of a plan's tax rows: each lists the slices that hold every
/// path's value in year `t` (written for retirement years only).
#[allow(missing_docs)] // the names say it
pub struct TaxColumns<'a> {
    pub income_after_tax: &'a Column<'a>,
    pub federal: &'a Column<'a>,
    pub state: &'a Column<'a>,
    pub rmd: &'a Column<'a>,
    pub conversion: &'a Column<'a>,
    /// Tax ÷ income before tax.
    pub effective_rate: &'a Column<'a>,
}

/// A plan's tax figures, as far as the [`Record`] asked.
#[derive(Clone, Debug, PartialEq)]
pub struct TaxSummary {
    /// The first retirement year's income after tax.
    pub first_income_after_tax: Percentiles<f64>,
    /// Federal and state tax over every year.
    pub lifetime_tax: Spread<f64>,
    /// Traditional, Roth and taxable money at retirement.
    pub at_retirement: [Spread<f64>; 3],
    /// By retirement year (only with [`Record::Bands`]).
    pub by_age: Option<TaxByAge>,
}

/// A plan's tax figures by retirement year.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // the names say it
pub struct TaxByAge {
    /// Income after tax, every level.
    pub income_after_tax: Percentiles<Vec<f64>>,
    pub federal: Spread<Vec<f64>>,
    pub state: Spread<Vec<f64>>,
    pub rmd: Spread<Vec<f64>>,
    pub conversion: Spread<Vec<f64>>,
    pub effective_rate: Spread<Vec<f64>>,
}

/// One plan's figures, as far as the [`Record`] asked.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberSummary {
    /// The share of paths whose money lasts to the plan-to age.
    pub success_probability: f64,
    /// For every age, the share of paths not run out before it.
    pub survival: Vec<f64>,
    /// The first age survival falls below 90%.
    pub depletion_age_p10: Option<u32>,
    /// The figures at retirement (not with [`Record::Success`]).
    pub retirement: Option<RetirementFigures>,
    /// The bands, levels not asked for NaN (only with [`Record::Bands`]).
    pub bands: Option<Percentiles<Vec<f64>>>,
    /// The bands of the total income of each retirement year, levels not
    /// asked for NaN (only with [`Record::Bands`]).
    pub income: Option<Percentiles<Vec<f64>>>,
    /// The spread of the balance at retirement (only with [`Record::Bands`]).
    pub retirement_histogram: Vec<HistogramBin>,
    /// The median path's worst crypto year, a simple return (with a sleeve).
    pub sleeve_worst_year: Option<f64>,
    /// With an essential income: the share of paths whose income never
    /// fell below it.
    pub essential_met_probability: Option<f64>,
    /// With taxes (not with [`Record::Success`]).
    pub taxes: Option<TaxSummary>,
    /// With lifespans (not with [`Record::Success`]).
    pub lifespans: Option<LifespanSummary>,
}

/// The paths someone is alive in at `age_years`, of values one per path:
/// all of them without lifespans (borrowed, so the default costs nothing).
fn living<'v>(
    values: &'v [f64],
    last_age: Option<&[u32]>,
    age_years: u32,
) -> std::borrow::Cow<'v, [f64]> {
    match last_age {
        None => std::borrow::Cow::Borrowed(values),
        Some(last) => values
            .iter()
            .zip(last)
            .filter(|(_, until)| **until >= age_years)
            .map(|(v, _)| *v)
            .collect(),
    }
}

/// Summarises one plan's paths as `record` asks. Ages are summarised in
/// parallel.
pub fn summarise(paths: &MemberPaths<'_>, record: Record) -> MemberSummary {
    let (survival, success_probability, depletion_age_p10) = survival(paths);
    let mut selection = Selection::default();
    // With lifespans, figures at an age count the paths someone is alive
    // in then.
    let last_age = paths.lives.as_ref().map(|l| l.last_age);
    let at_retirement = living(paths.at_retirement_usd, last_age, paths.retirement_age);
    let retirement = (record != Record::Success).then(|| RetirementFigures {
        age: paths.retirement_age,
        balance: Percentiles::from_array(levels_of_chunks(
            &[&at_retirement],
            &LEVELS,
            Values::NonNegative,
            &mut selection,
        )),
        annual_income: Percentiles::from_array(levels_of_chunks(
            &[&living(
                paths.first_income_usd,
                last_age,
                paths.retirement_age,
            )],
            &LEVELS,
            Values::Any,
            &mut selection,
        )),
        annual_income_after_tax: None,
    });
    let alive = Alive {
        last_age,
        ages: paths.ages,
    };
    let (bands, retirement_histogram) = match (record, paths.column) {
        (Record::Bands(levels) | Record::BalanceBands(levels), Some(column)) => (
            Some(levels_by_row(
                0..paths.ages.len(),
                column,
                levels,
                Values::NonNegative,
                alive,
            )),
            histogram(&at_retirement, &mut selection),
        ),
        _ => (None, Vec::new()),
    };
    // Income can be negative: an expense after the money ran out.
    let first = paths.retirement_age.saturating_sub(paths.ages[0]) as usize;
    let years = paths.ages.len().saturating_sub(1);
    let retirement_years = first.min(years)..years;
    let income = match (record, paths.income_column) {
        (Record::Bands(levels), Some(column)) => Some(levels_by_row(
            retirement_years.clone(),
            column,
            levels,
            Values::Any,
            alive,
        )),
        _ => None,
    };
    let taxes = match (&paths.taxes, record) {
        (Some(taxes), Record::Bands(_) | Record::BalanceBands(_) | Record::Summary) => {
            let mut spread = |values: &[f64], kind| {
                let [p10, p50, p90] =
                    levels_of_chunks(&[values], &[10.0, 50.0, 90.0], kind, &mut selection);
                Spread { p10, p50, p90 }
            };
            let lifetime_tax = spread(taxes.lifetime_tax_usd, Values::NonNegative);
            let at_retirement = taxes.at_retirement_usd.map(|kind| {
                spread(
                    &living(kind, last_age, paths.retirement_age),
                    Values::NonNegative,
                )
            });
            let by_age = match (record, &taxes.columns) {
                (Record::Bands(levels), Some(columns)) => {
                    let rows = |column: &Column<'_>| {
                        Spread::of(&levels_by_row(
                            retirement_years.clone(),
                            column,
                            Levels::SPREAD,
                            Values::Any,
                            alive,
                        ))
                    };
                    Some(TaxByAge {
                        income_after_tax: levels_by_row(
                            retirement_years.clone(),
                            columns.income_after_tax,
                            levels,
                            Values::Any,
                            alive,
                        ),
                        federal: rows(columns.federal),
                        state: rows(columns.state),
                        rmd: rows(columns.rmd),
                        conversion: rows(columns.conversion),
                        effective_rate: rows(columns.effective_rate),
                    })
                }
                _ => None,
            };
            Some(TaxSummary {
                first_income_after_tax: Percentiles::from_array(levels_of_chunks(
                    &[&living(
                        taxes.first_income_after_tax_usd,
                        last_age,
                        paths.retirement_age,
                    )],
                    &LEVELS,
                    Values::Any,
                    &mut selection,
                )),
                lifetime_tax,
                at_retirement,
                by_age,
            })
        }
        _ => None,
    };
    let sleeve_worst_year = paths.worst_crypto_growth.map(|worst| {
        let returns: Vec<f64> = worst.iter().map(|g| g - 1.0).collect();
        levels_of_chunks(&[&returns], &[50.0], Values::Any, &mut selection)[0]
    });
    let mut retirement = retirement;
    if let (Some(r), Some(t)) = (retirement.as_mut(), &taxes) {
        r.annual_income_after_tax = Some(t.first_income_after_tax.clone());
    }
    let lifespans = match (&paths.lives, record) {
        (Some(lives), Record::Bands(_) | Record::BalanceBands(_) | Record::Summary) => Some(
            lifespan_summary(lives, paths.ages, success_probability, &mut selection),
        ),
        _ => None,
    };
    MemberSummary {
        lifespans,
        success_probability,
        survival,
        depletion_age_p10,
        retirement,
        bands,
        income,
        retirement_histogram,
        sleeve_worst_year,
        essential_met_probability: paths
            .essential_met
            .map(|met| met.iter().filter(|m| **m).count() as f64 / met.len().max(1) as f64),
        taxes,
    }
}

/// Survival by age from a count of depletions by age, the chance the money
/// lasts, and the bad-case age it runs out.
fn survival(paths: &MemberPaths<'_>) -> (Vec<f64>, f64, Option<u32>) {
    let n = paths.depleted_at.len();
    let first_age = paths.ages.first().copied().unwrap_or_default();
    let mut depleted_by_age = vec![0usize; paths.ages.len()];
    let mut never = 0usize;
    for &at in paths.depleted_at {
        if at == 0 {
            never += 1;
        } else if let Some(count) = depleted_by_age.get_mut(at.saturating_sub(first_age) as usize) {
            *count += 1;
        }
    }
    let mut alive = n;
    let survival: Vec<f64> = depleted_by_age
        .iter()
        .map(|depleted_here| {
            let share = alive as f64 / n as f64;
            alive -= depleted_here;
            share
        })
        .collect();
    let depletion_age_p10 = paths
        .ages
        .iter()
        .zip(&survival)
        .find(|(_, s)| **s < BAD_CASE_SURVIVAL)
        .map(|(age, _)| *age);
    (survival, never as f64 / n as f64, depletion_age_p10)
}

/// The asked levels at every row of `rows`; NaN for the others.
fn levels_by_row(
    rows: std::ops::Range<usize>,
    column: &Column<'_>,
    levels: Levels,
    kind: Values,
    alive: Alive<'_>,
) -> Percentiles<Vec<f64>> {
    let asked: Vec<usize> = (0..LEVELS.len()).filter(|&i| levels.has(i)).collect();
    let per_age: Vec<[f64; 7]> = rows
        .into_par_iter()
        .map_init(
            || (Vec::new(), Selection::default(), Vec::new()),
            |(chunks, selection, kept), t| {
                column(t, chunks);
                // With lifespans: only the paths someone is alive in.
                if let (Some(last), Some(age)) = (alive.last_age, alive.ages.get(t)) {
                    // Compacted without a branch: every value written, the
                    // end moved on only for a living path.
                    kept.clear();
                    kept.resize(last.len(), 0.0);
                    let mut end = 0;
                    let mut lasts = last.iter();
                    for chunk in chunks.iter() {
                        for (v, until) in chunk.iter().zip(lasts.by_ref()) {
                            if let Some(cell) = kept.get_mut(end) {
                                *cell = *v;
                            }
                            end += usize::from(*until >= *age);
                        }
                    }
                    kept.truncate(end);
                    if kept.is_empty() {
                        return [0.0; 7];
                    }
                }
                let only_kept = [&kept[..]];
                let chunks: &[&[f64]] = if alive.last_age.is_some() {
                    &only_kept
                } else {
                    chunks
                };
                let mut values = [f64::NAN; 7];
                if asked.len() == LEVELS.len() {
                    values = levels_of_chunks(chunks, &LEVELS, kind, selection);
                } else if asked == [1, 3] {
                    let [p10, p50] =
                        levels_of_chunks(chunks, &[LEVELS[1], LEVELS[3]], kind, selection);
                    values[1] = p10;
                    values[3] = p50;
                } else if asked == [1, 3, 5] {
                    let [p10, p50, p90] = levels_of_chunks(
                        chunks,
                        &[LEVELS[1], LEVELS[3], LEVELS[5]],
                        kind,
                        selection,
                    );
                    values[1] = p10;
                    values[3] = p50;
                    values[5] = p90;
                } else {
                    for &i in &asked {
                        values[i] = levels_of_chunks(chunks, &[LEVELS[i]], kind, selection)[0];
                    }
                }
                values
            },
        )
        .collect();
    Percentiles::from_array(std::array::from_fn(|level| {
        per_age.iter().map(|p| p[level]).collect()
    }))
}

/// Which paths count at each age: with lifespans, those someone is alive
/// in (each path's last age alive), at the ages of the rows.
#[derive(Clone, Copy)]
struct Alive<'a> {
    last_age: Option<&'a [u32]>,
    ages: &'a [u32],
}

/// What the lifespans came to: the chance of outliving the money, the ages
/// at death, the money left, how often a survivor lives alone, and the
/// share of paths someone is alive in at each age.
fn lifespan_summary(
    lives: &LifePaths<'_>,
    ages: &[u32],
    success_probability: f64,
    selection: &mut Selection,
) -> LifespanSummary {
    let n = lives.last_age.len().max(1) as f64;
    let death_age = [0, 1].map(|who| {
        lives.drawn[who].then(|| {
            let at: Vec<f64> = lives.death_ages.iter().map(|d| f64::from(d[who])).collect();
            Percentiles::from_array(levels_of_chunks(
                &[&at],
                &LEVELS,
                Values::NonNegative,
                selection,
            ))
        })
    });
    LifespanSummary {
        outliving_probability: 1.0 - success_probability,
        death_age,
        left_at_death: Percentiles::from_array(levels_of_chunks(
            &[lives.left_usd],
            &LEVELS,
            Values::NonNegative,
            selection,
        )),
        alone_probability: lives
            .alone_from
            .map(|from| from.iter().filter(|a| **a != 0).count() as f64 / n),
        alive: ages
            .iter()
            .map(|age| lives.last_age.iter().filter(|l| **l >= *age).count() as f64 / n)
            .collect(),
    }
}

/// Every path's balance at retirement counted into equal bins from the
/// lowest to the 99th percentile; the last bin also counts the 1% above
/// it, so a long right tail does not squeeze the chart.
fn histogram(at_retirement_usd: &[f64], selection: &mut Selection) -> Vec<HistogramBin> {
    if at_retirement_usd.is_empty() {
        return Vec::new();
    }
    let [low, high] = levels_of_chunks(
        &[at_retirement_usd],
        &[0.0, 99.0],
        Values::NonNegative,
        selection,
    );
    let bins = HISTOGRAM_BINS;
    let width = ((high - low) / bins as f64).max(1.0);
    let mut counts = vec![0usize; bins];
    for v in at_retirement_usd {
        let bin = (((v - low) / width) as usize).min(bins - 1);
        counts[bin] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, count)| HistogramBin {
            start_usd: low + i as f64 * width,
            width_usd: width,
            count,
        })
        .collect()
}

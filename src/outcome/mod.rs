//! What a run found: the bands of the balance by age, the chance the money
//! lasts, the figures at retirement, and what the crypto sleeve changes.
//!
//! Every number the app or the command line shows comes from here, so the
//! two can never disagree. It serialises to the JSON format
//! `glidepath-outcome/1`.

pub mod comparison;
pub mod percentiles;
pub mod summarise;

use serde::Serialize;

pub use comparison::{Comparison, ScenarioOutcome};
use percentiles::Percentiles;
pub use percentiles::Spread;
pub use summarise::{
    Levels, LifePaths, LifespanSummary, MemberPaths, MemberSummary, Record, TaxByAge, TaxColumns,
    TaxPaths, TaxSummary, summarise,
};

/// The JSON format this module writes.
pub const FORMAT: &str = "glidepath-outcome/1";

/// The survival level that defines the bad-case depletion age.
const BAD_CASE_SURVIVAL: f64 = 0.90;
/// Bins of the spread of the balance at retirement.
pub const HISTOGRAM_BINS: usize = 40;

/// Where a run's returns come from, as the JSON names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Monte Carlo draws from the assumptions.
    MonteCarlo,
    /// Every start year of a history.
    HistoricalRolling,
    /// Random blocks of a history.
    HistoricalBootstrap,
}

impl Mode {
    /// The JSON's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::MonteCarlo => "monte-carlo",
            Mode::HistoricalRolling => "historical-rolling",
            Mode::HistoricalBootstrap => "historical-bootstrap",
        }
    }
}

/// Everything one run found; see the module docs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// Always [`FORMAT`].
    pub format: String,
    /// The plan's name.
    pub plan: String,
    /// `monte-carlo`, `historical-rolling` or `historical-bootstrap`.
    pub mode: Mode,
    /// Paths actually run.
    pub paths: u32,
    /// The seed the paths' streams derive from.
    pub seed: u64,
    /// Every age reported, the start age to the plan-to age.
    pub ages: Vec<u32>,
    /// The plan as it is.
    #[serde(flatten)]
    pub portfolio: PortfolioOutcome,
    /// The same plan without its sleeve, on the same draws; only with a sleeve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_sleeve: Option<PortfolioOutcome>,
    /// The median over paths of each path's worst single-year crypto return
    /// (a simple return: -0.6 is -60%); only with a sleeve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sleeve_worst_year: Option<f64>,
    /// The same plan without its private sleeve, on the same draws; only
    /// with a private sleeve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_private: Option<PortfolioOutcome>,
    /// With a private sleeve: the sleeve, its view, its fees and how far it
    /// strayed from its target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private: Option<PrivateOutcome>,
    /// The plan's assumed inflation, to show future dollars.
    pub inflation: f64,
    /// Rolling history: the calendar year each path starts in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_years: Option<Vec<i32>>,
    /// Rolling history: the start years whose money ran out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_start_years: Option<Vec<i32>>,
    /// Rolling history: the age each of `failed_start_years` ran out at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ran_out_at_ages: Option<Vec<u32>>,
    /// With an essential income: the share of paths whose total income
    /// (before tax) never fell below it in any retirement year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub essential_met_probability: Option<f64>,
    /// The essential income it was measured against.
    #[serde(skip)]
    pub essential_usd: Option<f64>,
    /// The total income (before tax) of each retirement year and where it
    /// comes from.
    pub income: IncomeByAge,
    /// With taxes: what is left of it to spend after federal and state tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub income_after_tax: Option<IncomeAfterTax>,
    /// With taxes: what tax takes, by retirement age and over a life.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxes: Option<TaxOutcome>,
    /// Under a stress test: what it costs against the same plan unstressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stress: Option<StressEffect>,
    /// When asked for: the crypto returns at which the sleeve pays off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sleeve_break_even: Option<BreakEven>,
    /// With lifespans from the table or a survivor's story: how long the
    /// people lived and what that did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifespans: Option<LifespanOutcome>,
}

/// What a private sleeve did (MODEL-v3 §18), against the same plan
/// without it on the same draws.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PrivateOutcome {
    /// The shipped view it starts from: `private-equity`, `private-credit`,
    /// `real-estate`, `infrastructure` or `commodities`.
    pub kind: &'static str,
    /// Its target weight today.
    pub weight: f64,
    /// Its target weight from retirement on.
    pub weight_at_retirement: f64,
    /// The view the plan ran (real, the plan's overrides in).
    pub view: crate::plan::private::PrivateView,
    /// The ratio of the reported return's volatility to the true one's
    /// under the view's smoothing.
    pub reported_volatility_ratio: f64,
    /// Each path's fund fees (management and carry) over the plan, today's
    /// dollars: their percentiles.
    pub fees_usd: Percentiles<f64>,
    /// Each path's largest overshoot of the target after rebalancing (0.04:
    /// 4 points above it): their percentiles; the bad case is `p90`.
    pub largest_overshoot: Percentiles<f64>,
    /// Against the plan without it: the change in the chance the money
    /// lasts (probability points).
    pub success_probability_change: f64,
    /// The change in the median balance at retirement.
    pub retirement_balance_p50_change_usd: f64,
    /// The change in the bad-case (10th percentile) balance at retirement.
    pub retirement_balance_p10_change_usd: f64,
}

/// What a plan's lifespans came to (MODEL-v3 §17). Every figure by age
/// counts the paths someone is alive in at that age.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LifespanOutcome {
    /// `table` (ages at death drawn from the life table) or `plan-to-age`.
    pub lifespan: &'static str,
    /// The life table, with lifespans from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<&'static str>,
    /// What the chance of success means.
    pub success_means: &'static str,
    /// The share of paths whose money ran out while someone still needed it.
    pub outliving_probability: f64,
    /// The ages at death, where drawn (each in their own ages).
    pub death_age: DeathAges,
    /// The money left at the last death (or at the plan-to age, for those
    /// alive then), today's dollars.
    pub left_at_death: Percentiles<f64>,
    /// With a spouse: the share of paths in which one of them lives on
    /// alone within the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub survivor_probability: Option<f64>,
    /// For every age of `ages`, the share of paths someone is alive in.
    pub alive: Vec<f64>,
    /// A survivor's story: who dies, at what age (their own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<crate::plan::lifespan::SurvivorStory>,
    /// With a story: the saver's age in the survivor's first year alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alone_from: Option<u32>,
}

/// The ages at death percentiles of the saver and the spouse, where drawn.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeathAges {
    /// The saver's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saver: Option<Percentiles<f64>>,
    /// The spouse's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spouse: Option<Percentiles<f64>>,
}

/// What success means with lifespans from a table.
pub const SUCCESS_WHILE_ALIVE: &str = "the money lasted as long as someone needed it";
/// What success means with everyone to the plan-to age.
pub const SUCCESS_TO_PLAN_AGE: &str = "the money lasted to the plan-to age";

/// The income of each retirement year, real dollars before tax: the
/// bands of the total (the portfolio's withdrawal, Social Security, the
/// spouse's benefit and other income, less planned expenses) and the
/// sources besides the portfolio (streams fixed in dollars at the plan's
/// assumed inflation).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncomeByAge {
    /// The retirement ages: the retirement age to the plan-to age − 1.
    pub ages: Vec<u32>,
    /// The total income's percentiles at each of those ages.
    #[serde(flatten)]
    pub bands: Percentiles<Vec<f64>>,
    /// The saver's Social Security (with any spousal top-up).
    pub social_security: Vec<f64>,
    /// The spouse's Social Security (with any spousal top-up).
    pub spouse: Vec<f64>,
    /// Pensions and annuities.
    pub other: Vec<f64>,
    /// Planned expenses, as positive amounts.
    pub expenses: Vec<f64>,
}

impl IncomeByAge {
    /// The bad-case (10th percentile) total income at `age_years`, if it is
    /// a retirement year.
    pub fn bad_case_at(&self, age_years: u32) -> Option<f64> {
        p10_at(&self.ages, &self.bands, age_years)
    }
}

/// The income of each retirement year after federal and state tax, real
/// dollars (MODEL-v3 §16.7).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncomeAfterTax {
    /// The retirement ages, as in [`IncomeByAge::ages`].
    pub ages: Vec<u32>,
    /// Its percentiles at each of those ages.
    #[serde(flatten)]
    pub bands: Percentiles<Vec<f64>>,
}

impl IncomeAfterTax {
    /// The bad-case (10th percentile) income after tax at `age_years`, if
    /// it is a retirement year.
    pub fn bad_case_at(&self, age_years: u32) -> Option<f64> {
        p10_at(&self.ages, &self.bands, age_years)
    }
}

/// The 10th percentile of `bands` (one value per age of `ages`) at `age_years`.
fn p10_at(ages: &[u32], bands: &Percentiles<Vec<f64>>, age_years: u32) -> Option<f64> {
    let i = ages.iter().position(|&a| a == age_years)?;
    bands.p10.get(i).copied()
}

/// What tax takes (MODEL-v3 §16.7), real dollars.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaxOutcome {
    /// The tax law's year.
    pub law: i32,
    /// `after-tax` (a fixed need is what is left after tax) or `before-tax`.
    pub spending: &'static str,
    /// The retirement ages the series below are given at.
    pub ages: Vec<u32>,
    /// Federal tax, the early-withdrawal tax included.
    pub federal_tax: Spread<Vec<f64>>,
    /// State tax.
    pub state_tax: Spread<Vec<f64>>,
    /// The required minimum distribution.
    pub rmd: Spread<Vec<f64>>,
    /// Traditional money converted to Roth.
    pub conversion: Spread<Vec<f64>>,
    /// Tax ÷ income before tax.
    pub effective_rate: Spread<Vec<f64>>,
    /// The rate of the last dollar of ordinary income, federal and state,
    /// on the path whose lifetime tax is the median.
    pub marginal_rate_p50: Vec<f64>,
    /// Federal and state tax over every year of the plan.
    pub lifetime_tax: Spread<f64>,
    /// The three kinds of money at retirement.
    pub at_retirement: MoneyByKind,
}

/// The balances at retirement by kind of money.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyByKind {
    /// Pre-tax money: every dollar out is taxed.
    pub traditional: Spread<f64>,
    /// Roth money: out tax-free.
    pub roth: Spread<f64>,
    /// The taxable account: its gains are taxed.
    pub taxable: Spread<f64>,
}

/// What a stress test costs: the stressed run minus the unstressed one, on
/// the same draws (real dollars a year for income).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StressEffect {
    /// The stress, as the command line names it.
    pub name: String,
    /// Change in the chance the money lasts.
    pub success_change: f64,
    /// Change in the bad-case balance at retirement.
    pub retirement_balance_p10_change: f64,
    /// Change in the median balance at retirement.
    pub retirement_balance_p50_change: f64,
    /// Change in the median first-year income.
    pub income_p50_change: f64,
}

/// The crypto returns (expected real, a year) at which the sleeve pays
/// off; `None` where even +100% a year would not.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BreakEven {
    /// Where the median balance at retirement with the sleeve reaches the one without.
    pub median_balance: Option<f64>,
    /// Where the chance the money lasts with the sleeve reaches the one without.
    pub success: Option<f64>,
}

/// The outcomes of one portfolio (with or without the sleeve).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortfolioOutcome {
    /// Percentiles of the balance at every age, in today's dollars.
    pub bands: Percentiles<Vec<f64>>,
    /// The share of paths whose money lasts to the plan-to age.
    pub success_probability: f64,
    /// For every age, the share of paths not depleted before it.
    pub survival: Vec<f64>,
    /// The first age at which survival falls below 90%: where money runs
    /// out in the bad case.
    pub depletion_age_p10: Option<u32>,
    /// The figures at retirement.
    pub retirement: RetirementFigures,
    /// The spread of the balance at retirement, for the histogram.
    #[serde(skip)]
    pub retirement_histogram: Vec<HistogramBin>,
}

/// One bar of the spread of the balance at retirement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistogramBin {
    /// Where the bin starts.
    pub start_usd: f64,
    /// How wide it is.
    pub width_usd: f64,
    /// The paths in it.
    pub count: usize,
}

/// The figures at retirement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetirementFigures {
    /// The retirement age.
    pub age: u32,
    /// Percentiles of the balance at the start of the first retirement year.
    pub balance: Percentiles<f64>,
    /// Percentiles of the first retirement year's income: what the
    /// portfolio paid plus Social Security.
    pub annual_income: Percentiles<f64>,
    /// With taxes: the same after federal and state tax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_income_after_tax: Option<Percentiles<f64>>,
}

impl PortfolioOutcome {
    /// The outcome of a summary made with [`Record::Bands`]; `None` for a
    /// summary that lacks the bands or the figures at retirement.
    pub fn from_summary(summary: MemberSummary) -> Option<Self> {
        Some(PortfolioOutcome {
            bands: summary.bands?,
            success_probability: summary.success_probability,
            survival: summary.survival,
            depletion_age_p10: summary.depletion_age_p10,
            retirement: summary.retirement?,
            retirement_histogram: summary.retirement_histogram,
        })
    }
}

impl Outcome {
    /// The index of `age_years` in [`Outcome::ages`].
    pub fn age_index(&self, age_years: u32) -> Option<usize> {
        self.ages.iter().position(|&a| a == age_years)
    }

    /// The bad-case age money runs out, or one past the plan-to age when
    /// it lasts: what ranks scenarios by it (later is better).
    pub fn depletion_age_p10_or_past(&self) -> u32 {
        self.portfolio
            .depletion_age_p10
            .unwrap_or(self.plan_to_age() + 1)
    }

    /// A rolling history: in how many of how many start years the money
    /// lasted.
    pub fn start_years_lasted(&self) -> Option<(usize, usize)> {
        let starts = self.start_years.as_ref()?;
        let failed = self.failed_start_years.as_ref()?;
        Some((starts.len() - failed.len(), starts.len()))
    }

    /// A rolling history: the start years that ran out, soonest first (the
    /// worst), each with the age it ran out at.
    pub fn worst_start_years(&self) -> Vec<(i32, u32)> {
        let (Some(years), Some(ages)) = (&self.failed_start_years, &self.ran_out_at_ages) else {
            return Vec::new();
        };
        let mut worst: Vec<(i32, u32)> = years.iter().copied().zip(ages.iter().copied()).collect();
        worst.sort_by_key(|&(year, age)| (age, year));
        worst
    }

    /// The plan's final age.
    pub fn plan_to_age(&self) -> u32 {
        self.ages.last().copied().unwrap_or_default()
    }

    /// `series` (one amount per age of `ages`, today's dollars) in future
    /// dollars if `nominal`, else as it is.
    pub fn dollars(&self, ages: &[u32], series: &[f64], nominal: bool) -> Vec<f64> {
        ages.iter()
            .zip(series)
            .map(|(&age, v)| v * self.basis_factor(age, nominal))
            .collect()
    }

    /// What today's dollars at `age_years` are multiplied by to show them
    /// in future dollars (`nominal`) or as they are (1).
    pub fn basis_factor(&self, age_years: u32, nominal: bool) -> f64 {
        if nominal {
            self.nominal_factor(age_years)
        } else {
            1.0
        }
    }

    /// The factor that turns today's dollars at `age_years` into future dollars.
    pub fn nominal_factor(&self, age_years: u32) -> f64 {
        let years = age_years.saturating_sub(self.ages.first().copied().unwrap_or(age_years));
        (1.0 + self.inflation).powi(years as i32)
    }

    /// The bands as CSV rows: `age,p5,p10,p25,p50,p75,p90,p95`.
    pub fn bands_csv(&self) -> String {
        let mut out = String::from("age,p5,p10,p25,p50,p75,p90,p95\n");
        for (t, age) in self.ages.iter().enumerate() {
            out.push_str(&age.to_string());
            for series in self.portfolio.bands.as_array() {
                out.push(',');
                out.push_str(&format!("{:.2}", series[t]));
            }
            out.push('\n');
        }
        out
    }
}

/// The headline figures the app's cards show, from one portfolio's outcome.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // the names say it, in their units
pub struct Summary {
    /// Chance the money lasts to the plan-to age, in [0, 1].
    pub chance_money_lasts: f64,
    pub retirement_age: u32,
    pub retirement_balance_median_usd: f64,
    /// The 10th percentile: one outcome in ten is worse.
    pub retirement_balance_bad_case_usd: f64,
    pub monthly_income_median_usd: f64,
    pub monthly_income_bad_case_usd: f64,
    /// The age money runs out in the bad case, if it does.
    pub bad_case_runs_out_at_age: Option<u32>,
}

impl PortfolioOutcome {
    /// The headline figures of this portfolio.
    pub fn summary(&self) -> Summary {
        Summary {
            chance_money_lasts: self.success_probability,
            retirement_age: self.retirement.age,
            retirement_balance_median_usd: self.retirement.balance.p50,
            retirement_balance_bad_case_usd: self.retirement.balance.p10,
            monthly_income_median_usd: self.retirement.annual_income.p50 / 12.0,
            monthly_income_bad_case_usd: self.retirement.annual_income.p10 / 12.0,
            bad_case_runs_out_at_age: self.depletion_age_p10,
        }
    }
}

/// What adding the sleeve changes, from the same draws: the sleeve's alone.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // the names say it, in their units
pub struct SleeveEffect {
    pub retirement_median_change_usd: f64,
    pub retirement_bad_case_change_usd: f64,
    /// Change in the chance the money lasts, in probability points.
    pub chance_money_lasts_change: f64,
    /// The sleeve's worst single year on a typical path (-0.6 is -60%).
    pub worst_year_typical: f64,
}

impl Outcome {
    /// `None` without a sleeve.
    pub fn sleeve_effect(&self) -> Option<SleeveEffect> {
        let without = self.without_sleeve.as_ref()?;
        let (with, without) = (self.portfolio.summary(), without.summary());
        Some(SleeveEffect {
            retirement_median_change_usd: with.retirement_balance_median_usd
                - without.retirement_balance_median_usd,
            retirement_bad_case_change_usd: with.retirement_balance_bad_case_usd
                - without.retirement_balance_bad_case_usd,
            chance_money_lasts_change: with.chance_money_lasts - without.chance_money_lasts,
            worst_year_typical: self.sleeve_worst_year?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::sleeve::Sleeve;
    use crate::plan::{Plan, validate};
    use crate::{RunControl, simulate};

    #[test]
    fn summary_and_sleeve_effect_come_from_the_outcome() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 2_000;
        plan.allocation.sleeve = Some(Sleeve::constant(0.05));
        let outcome = simulate(&validate(&plan).unwrap(), &RunControl::new()).unwrap();
        let s = outcome.portfolio.summary();
        assert_eq!(
            s.retirement_balance_bad_case_usd,
            outcome.portfolio.retirement.balance.p10
        );
        assert_eq!(
            s.monthly_income_median_usd * 12.0,
            outcome.portfolio.retirement.annual_income.p50
        );
        let effect = outcome.sleeve_effect().unwrap();
        let without = outcome.without_sleeve.as_ref().unwrap();
        assert_eq!(
            effect.retirement_median_change_usd,
            outcome.portfolio.retirement.balance.p50 - without.retirement.balance.p50
        );
        assert!(effect.worst_year_typical < -0.3);
        assert!(
            simulate(
                &validate(&plan.without_sleeve()).unwrap(),
                &RunControl::new()
            )
            .unwrap()
            .sleeve_effect()
            .is_none()
        );
    }

    #[test]
    fn histogram_counts_every_path() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 1_000;
        let outcome = simulate(&validate(&plan).unwrap(), &RunControl::new()).unwrap();
        let bins = &outcome.portfolio.retirement_histogram;
        assert_eq!(bins.len(), super::HISTOGRAM_BINS);
        assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 1_000);
        let p99 = outcome.portfolio.bands.p95[30];
        assert!(bins[0].start_usd < outcome.portfolio.retirement.balance.p5);
        assert!(bins[39].start_usd > p99 * 0.5);
    }
}

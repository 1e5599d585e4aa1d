//! Bracket room (MODEL-v3 §16.7): the typical path's ordinary taxable
//! income by retirement age, laid against the tops of the federal
//! brackets, with what RMDs and Roth conversions put into it stacked, so
//! an adviser points at the years of low income before Social Security and
//! RMDs (the planning window) and sees how much each bracket has left.
//!
//! The typical path is the one whose lifetime tax is the median of the
//! plan's paths (the path the marginal rates of the Taxes tab come from).
//! Amounts are today's dollars: the brackets are indexed, so their tops
//! stand still in today's dollars while a path's income moves.

use serde::Serialize;

use super::schedule::Schedule;
use super::taxed::TaxedYear;
use crate::plan::ValidPlan;

/// The chart's figures (JSON: the tax answers' `bracket_room`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BracketRoom {
    /// The retirement ages, one per column.
    pub ages: Vec<u32>,
    /// Ordinary taxable income other than the RMD and the conversion:
    /// withdrawals, pensions, the taxable part of Social Security, after
    /// the deductions (which are taken from it first).
    pub other_usd: Vec<f64>,
    /// The part of the ordinary taxable income that is the year's RMD.
    pub rmd_usd: Vec<f64>,
    /// The part that is the year's Roth conversion (its last dollars).
    pub conversion_usd: Vec<f64>,
    /// The top of each bracket by age, lowest bracket first (the top
    /// bracket has no top and is left out).
    pub edges: Vec<BracketEdge>,
    /// The years of low income between retirement and the first year of
    /// Social Security or RMDs, ages at both ends (`None`: no such year).
    pub planning_window: Option<[u32; 2]>,
}

/// One bracket's top, year by year (the filing status may change).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BracketEdge {
    /// The bracket's rate.
    pub rate: f64,
    /// Its top in taxable income, by age.
    pub top_usd: Vec<f64>,
}

impl BracketRoom {
    /// The room on `plan`'s typical path, its taxed retirement years by
    /// age; `None` for a plan before tax or with no taxed year.
    pub fn of(plan: &ValidPlan, typical: &[(u32, TaxedYear)]) -> Option<Self> {
        let schedule = Schedule::new(plan);
        let tax = schedule.tax.as_ref()?;
        if typical.is_empty() {
            return None;
        }
        let mut room = BracketRoom {
            ages: Vec::with_capacity(typical.len()),
            other_usd: Vec::with_capacity(typical.len()),
            rmd_usd: Vec::with_capacity(typical.len()),
            conversion_usd: Vec::with_capacity(typical.len()),
            edges: Vec::new(),
            planning_window: None,
        };
        let mut filings = Vec::with_capacity(typical.len());
        for (age, year) in typical {
            let ordinary = year.ordinary_taxable_usd.max(0.0);
            let [other, rmd, conversion] = stack(ordinary, year.rmd_usd, year.conversion_usd);
            room.ages.push(*age);
            room.other_usd.push(other);
            room.rmd_usd.push(rmd);
            room.conversion_usd.push(conversion);
            // The year's own filing: a survivor files single.
            filings.push(year.filing);
        }
        let rates: Vec<f64> = tax
            .law
            .brackets
            .of(filings[0])
            .iter()
            .map(|b| b.rate)
            .filter(|r| *r > 0.0)
            .collect();
        for rate in rates {
            let top_usd: Option<Vec<f64>> = filings
                .iter()
                .map(|f| tax.law.bracket_top_usd(*f, rate))
                .collect();
            if let Some(top_usd) = top_usd {
                room.edges.push(BracketEdge { rate, top_usd });
            }
        }
        room.planning_window = planning_window(plan, &schedule, &room.ages);
        Some(room)
    }

    /// The year's whole ordinary taxable income, the three parts added.
    pub fn taxable_usd(&self, i: usize) -> f64 {
        self.other_usd[i] + self.rmd_usd[i] + self.conversion_usd[i]
    }

    /// The highest year's ordinary taxable income.
    pub fn highest_usd(&self) -> f64 {
        (0..self.ages.len())
            .map(|i| self.taxable_usd(i))
            .fold(0.0, f64::max)
    }

    /// The edges a chart draws: the brackets the income reaches and the
    /// next one above it (the room it has left).
    pub fn edges_shown(&self) -> &[BracketEdge] {
        let highest = self.highest_usd();
        let reached = self
            .edges
            .iter()
            .position(|e| e.top_usd.iter().any(|top| *top >= highest))
            .map_or(self.edges.len(), |i| i + 1);
        &self.edges[..reached]
    }

    /// The room left in year `i`'s bracket: its rate and the taxable
    /// income it still takes (`None` in the top bracket).
    pub fn room_left(&self, i: usize) -> Option<(f64, f64)> {
        let taxable = self.taxable_usd(i);
        self.edges
            .iter()
            .find(|e| e.top_usd[i] > taxable + 0.5)
            .map(|e| (e.rate, e.top_usd[i] - taxable))
    }
}

/// Splits a year's ordinary taxable income into other income, the RMD
/// and the conversion, the conversion on top (the last dollars in), then
/// the RMD: the deductions come off the other income first, so each part
/// is at most what is left of the taxable income under it.
pub fn stack(ordinary_taxable_usd: f64, rmd_usd: f64, conversion_usd: f64) -> [f64; 3] {
    let conversion = conversion_usd.min(ordinary_taxable_usd).max(0.0);
    let rmd = rmd_usd.min(ordinary_taxable_usd - conversion).max(0.0);
    let other = (ordinary_taxable_usd - conversion - rmd).max(0.0);
    [other, rmd, conversion]
}

/// The retirement years before the first of Social Security (the saver's
/// or the spouse's) and RMDs, among `ages`.
fn planning_window(plan: &ValidPlan, schedule: &Schedule, ages: &[u32]) -> Option<[u32; 2]> {
    let first = *ages.first()?;
    let rmd_from = plan
        .birth_year()
        .map_or(u32::MAX, crate::tax::rmd_start_age);
    let benefits_from = schedule
        .years
        .iter()
        .find(|y| y.income.social_security_usd + y.income.spouse_usd > 0.0)
        .map_or(u32::MAX, |y| y.age);
    let ends = rmd_from.min(benefits_from);
    let last = ages.iter().copied().filter(|a| *a < ends).max()?;
    (last >= first).then_some([first, last])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stack_sums_to_the_ordinary_taxable_income() {
        for (ordinary, rmd, conversion) in [
            (50_000.0, 20_000.0, 10_000.0),
            (5_000.0, 20_000.0, 10_000.0),
            (25_000.0, 20_000.0, 10_000.0),
            (0.0, 20_000.0, 0.0),
            (80_000.0, 0.0, 0.0),
        ] {
            let parts = stack(ordinary, rmd, conversion);
            assert!(parts.iter().all(|p| *p >= 0.0), "{parts:?}");
            assert!(
                (parts.iter().sum::<f64>() - ordinary).abs() < 1e-9,
                "{parts:?}"
            );
            assert!(parts[1] <= rmd && parts[2] <= conversion, "{parts:?}");
        }
        // The conversion is the last dollars in; the RMD under it.
        assert_eq!(
            stack(25_000.0, 20_000.0, 10_000.0),
            [0.0, 15_000.0, 10_000.0]
        );
        assert_eq!(
            stack(50_000.0, 20_000.0, 10_000.0),
            [20_000.0, 20_000.0, 10_000.0]
        );
    }
}

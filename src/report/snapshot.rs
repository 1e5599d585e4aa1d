//! One chart on a picture of its own, for a client to take home as PNG:
//! the plan's name, the headline figures and key inputs above the chart,
//! the trust lines under it, in the report's light print style whatever
//! the app's theme, at a fixed size, drawn off-screen.

use super::chart;
use super::figure::{Anchor, Figure, ink};
use super::fonts::{self, Weight};
use crate::engine::questions::SweepRow;
use crate::outcome::{Comparison, Outcome};
use crate::plan::ValidPlan;
use crate::plan::defaults::shipped;
use crate::units::{percent, usd};

/// The picture's size in points; rendered at 2 pixels a point, 1600 × 1000.
pub const SIZE_PT: [f32; 2] = [800.0, 500.0];
/// Pixels per point of the PNG.
pub const PIXELS_PER_POINT: f32 = 2.0;

/// Which chart a picture shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The balance by age (the fan chart).
    Balance,
    /// The chance the money lasts by age.
    Survival,
    /// The glide path.
    GlidePath,
    /// The spread of the balance at retirement.
    AtRetirement,
    /// Income by age.
    Income,
    /// Tax by age.
    Taxes,
    /// The scenarios' medians side by side.
    Scenarios,
    /// The sleeve's sweep under each crypto view.
    SleeveSweep,
}

/// What a picture may draw besides the plan's own outcome.
#[derive(Default)]
pub struct Extras<'a> {
    /// The scenarios side by side.
    pub comparison: Option<&'a Comparison>,
    /// The sleeve's sweep.
    pub sleeve_sweep: Option<&'a [SweepRow]>,
}

/// The picture of `kind`, or of the balance when `kind` has nothing to
/// draw (no retirement years, no scenarios, no sweep yet).
pub fn picture(
    plan: &ValidPlan,
    outcome: &Outcome,
    kind: Kind,
    extras: &Extras<'_>,
    nominal: bool,
    date: &str,
) -> Figure {
    let [width, height] = SIZE_PT;
    let margin = 24.0;
    let mut figure = Figure::new(width, height);
    let text_width = width - 2.0 * margin;
    let title = fonts::fit(Weight::Bold, 16.0, &plan.name, text_width);
    figure.label(
        title,
        [margin, margin + 12.0],
        16.0,
        (Weight::Bold, ink::TEXT, Anchor::Start),
    );
    let s = outcome.portfolio.summary();
    let factor = outcome.basis_factor(s.retirement_age, nominal);
    let headline = format!(
        "Chance the money lasts to {}: {}  ·  Balance at {}: {} (bad case {})  ·  Monthly income, before tax: {}",
        outcome.plan_to_age(),
        percent(s.chance_money_lasts),
        s.retirement_age,
        usd(factor * s.retirement_balance_median_usd),
        usd(factor * s.retirement_balance_bad_case_usd),
        usd(factor * s.monthly_income_median_usd)
    );
    figure.label(
        fonts::fit(Weight::Regular, 10.0, &headline, text_width),
        [margin, margin + 30.0],
        10.0,
        (Weight::Regular, ink::TEXT, Anchor::Start),
    );
    let inputs = super::client::plan_in_words(plan);
    figure.label(
        fonts::fit(Weight::Regular, 9.0, &inputs, text_width),
        [margin, margin + 44.0],
        9.0,
        (Weight::Regular, ink::MUTED, Anchor::Start),
    );
    let footer = super::trust_lines(plan.plan(), outcome, date, nominal);
    let footer_pt = 9.0 * 1.3 * footer.len() as f32;
    let top = margin + 58.0;
    let chart_height = height - top - footer_pt - margin / 2.0 - 6.0;
    let drawn = draw(
        plan,
        outcome,
        kind,
        extras,
        nominal,
        text_width,
        chart_height,
    )
    .unwrap_or_else(|| chart::fan(outcome, nominal, text_width, chart_height));
    figure.place(drawn, margin, top);
    for (k, line) in footer.iter().enumerate() {
        figure.label(
            fonts::fit(Weight::Regular, 8.0, line, text_width),
            [
                margin,
                height - margin / 2.0 - footer_pt + 9.0 * 1.3 * (k as f32 + 1.0) - 2.0,
            ],
            8.0,
            (Weight::Regular, ink::MUTED, Anchor::Start),
        );
    }
    figure
}

fn draw(
    plan: &ValidPlan,
    outcome: &Outcome,
    kind: Kind,
    extras: &Extras<'_>,
    nominal: bool,
    width: f32,
    height: f32,
) -> Option<Figure> {
    Some(match kind {
        Kind::Balance => chart::fan(outcome, nominal, width, height),
        Kind::Survival => chart::survival(outcome, width, height),
        Kind::GlidePath => chart::glide_path(plan, width, height),
        Kind::AtRetirement => chart::histogram(outcome, width, height),
        Kind::Income => chart::income(outcome, nominal, width, height)?,
        Kind::Taxes => chart::taxes(outcome, nominal, width, height)?,
        Kind::Scenarios => chart::scenarios(extras.comparison?, width, height),
        Kind::SleeveSweep => {
            let weight = plan.allocation.sleeve.as_ref().map_or(0.0, |s| s.weight);
            chart::sleeve_sweep(
                extras.sleeve_sweep?,
                &shipped().published_ranges,
                weight,
                width,
                height,
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Plan, validate};
    use crate::{RunControl, simulate};

    #[test]
    fn every_kind_fits_its_picture_and_says_whose_plan_it_is() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 300;
        let valid = validate(&plan).unwrap();
        let outcome = simulate(&valid, &RunControl::new()).unwrap();
        for kind in [
            Kind::Balance,
            Kind::Survival,
            Kind::GlidePath,
            Kind::AtRetirement,
            Kind::Income,
            Kind::Taxes,
            Kind::Scenarios,
            Kind::SleeveSweep,
        ] {
            for nominal in [false, true] {
                let p = picture(
                    &valid,
                    &outcome,
                    kind,
                    &Extras::default(),
                    nominal,
                    "2026-11-25",
                );
                let texts = p.texts();
                assert_eq!(texts[0], "Alex, base case");
                assert!(texts.iter().any(|t| t.contains("not a guarantee")));
                assert_eq!(
                    texts.iter().any(|t| t.contains("future dollars")),
                    nominal,
                    "{kind:?}"
                );
                let (lo, hi) = p.bounds();
                assert!(
                    lo[0] >= 0.0 && lo[1] >= 0.0 && hi[0] <= SIZE_PT[0] && hi[1] <= SIZE_PT[1],
                    "{kind:?}: {lo:?} {hi:?}"
                );
            }
        }
    }
}

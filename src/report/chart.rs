//! The charts of the client report and the PNG exports, drawn from the
//! outcome's numbers as [`Figure`]s: axes at nice steps, bands, lines,
//! labels, and the legend above the plot, never over the data. Nothing
//! here knows of egui; the app's interactive charts are its own.

use super::figure::{Anchor, Figure, Rgb, ink};
use super::fonts::{self, Weight};
use crate::engine::BracketRoom;
use crate::engine::questions::{SweepRow, SweepView};
use crate::outcome::{Comparison, Outcome};
use crate::plan::ValidPlan;
use crate::plan::asset::Asset;
use crate::plan::defaults::PublishedRange;
use crate::scale::{marks, money_top};
use crate::units::{percent, usd_short};

/// The size of the charts' text.
pub const TEXT_PT: f32 = 8.0;
const GAP_PT: f32 = 6.0;

/// What a legend entry shows.
#[derive(Clone, Copy, Debug)]
enum Swatch {
    Band(Rgb, f32),
    Line(Rgb, f32, Option<[f32; 2]>),
}

/// The plot box of a chart and the values its edges stand for.
struct Frame {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
    x_range: (f64, f64),
    y_range: (f64, f64),
}

impl Frame {
    fn x(&self, value: f64) -> f32 {
        let (lo, hi) = self.x_range;
        let share = if hi > lo {
            (value - lo) / (hi - lo)
        } else {
            0.5
        };
        self.left + (self.right - self.left) * share as f32
    }

    fn y(&self, value: f64) -> f32 {
        let (lo, hi) = self.y_range;
        let share = if hi > lo {
            (value - lo) / (hi - lo)
        } else {
            0.0
        };
        self.bottom - (self.bottom - self.top) * share.clamp(-0.02, 1.02) as f32
    }

    fn points(&self, xs: &[f64], ys: &[f64]) -> Vec<[f32; 2]> {
        xs.iter()
            .zip(ys)
            .filter(|(_, y)| y.is_finite())
            .map(|(&x, &y)| [self.x(x), self.y(y)])
            .collect()
    }

    /// The band between `low` and `high` as one polygon.
    fn band(&self, xs: &[f64], low: &[f64], high: &[f64]) -> Vec<[f32; 2]> {
        let mut points = self.points(xs, high);
        let mut under = self.points(xs, low);
        under.reverse();
        points.extend(under);
        points
    }
}

/// How a chart's axes read.
struct Axes<'a> {
    x_title: &'a str,
    y_title: &'a str,
    x_marks: Vec<f64>,
    y_marks: Vec<f64>,
    x_label: &'a dyn Fn(f64) -> String,
    y_label: &'a dyn Fn(f64) -> String,
    /// Room left of the plot for more than the marks (names beside it).
    left_pt: f32,
}

/// Lays out the legend at the top and the plot box under it, draws the
/// grid, the marks and the titles; returns the box to draw in.
fn frame(
    figure: &mut Figure,
    legend: &[(String, Swatch)],
    axes: &Axes<'_>,
    x_range: (f64, f64),
    y_range: (f64, f64),
) -> Frame {
    let legend_bottom = draw_legend(figure, legend);
    let y_texts: Vec<String> = axes.y_marks.iter().map(|&v| (axes.y_label)(v)).collect();
    let widest = y_texts
        .iter()
        .map(|t| fonts::width_pt(Weight::Regular, TEXT_PT, t))
        .fold(axes.left_pt, f32::max);
    let f = Frame {
        left: widest + GAP_PT + 2.0,
        top: legend_bottom + TEXT_PT + 6.0,
        right: figure.width_pt - 8.0,
        bottom: figure.height_pt - 2.6 * TEXT_PT - 6.0,
        x_range,
        y_range,
    };
    let label = (Weight::Regular, ink::TEXT, Anchor::End);
    for (&v, text) in axes.y_marks.iter().zip(&y_texts) {
        let y = f.y(v);
        figure.line(vec![[f.left, y], [f.right, y]], ink::GRID, 0.6, None);
        figure.label(
            text.clone(),
            [f.left - GAP_PT, y + TEXT_PT * 0.35],
            TEXT_PT,
            label,
        );
    }
    figure.line(
        vec![[f.left, f.bottom], [f.right, f.bottom]],
        ink::MUTED,
        0.8,
        None,
    );
    for &v in &axes.x_marks {
        let x = f.x(v);
        figure.line(
            vec![[x, f.bottom], [x, f.bottom + 3.0]],
            ink::MUTED,
            0.8,
            None,
        );
        figure.label(
            (axes.x_label)(v),
            [x, f.bottom + 3.0 + TEXT_PT * 1.05],
            TEXT_PT,
            (Weight::Regular, ink::TEXT, Anchor::Middle),
        );
    }
    figure.label(
        axes.x_title,
        [(f.left + f.right) / 2.0, figure.height_pt - 3.0],
        TEXT_PT,
        (Weight::Regular, ink::MUTED, Anchor::Middle),
    );
    figure.label(
        axes.y_title,
        [f.left - widest - GAP_PT, f.top - TEXT_PT * 0.9],
        TEXT_PT,
        (Weight::Regular, ink::MUTED, Anchor::Start),
    );
    f
}

/// The legend's entries in rows across the top; returns where it ends.
fn draw_legend(figure: &mut Figure, entries: &[(String, Swatch)]) -> f32 {
    let (mut x, mut y) = (0.0_f32, TEXT_PT);
    let swatch_pt = 14.0;
    for (name, swatch) in entries {
        let width = swatch_pt + 4.0 + fonts::width_pt(Weight::Regular, TEXT_PT, name);
        if x > 0.0 && x + width > figure.width_pt {
            x = 0.0;
            y += TEXT_PT * 1.6;
        }
        let mid = y - TEXT_PT * 0.33;
        match *swatch {
            Swatch::Band(colour, opacity) => {
                figure.rect([x, mid - 4.0], [x + swatch_pt, mid + 4.0], colour, opacity);
            }
            Swatch::Line(colour, width_pt, dash) => {
                figure.line(vec![[x, mid], [x + swatch_pt, mid]], colour, width_pt, dash);
            }
        }
        figure.label(
            name.clone(),
            [x + swatch_pt + 4.0, y],
            TEXT_PT,
            (Weight::Regular, ink::TEXT, Anchor::Start),
        );
        x += width + 14.0;
    }
    if entries.is_empty() {
        0.0
    } else {
        y + TEXT_PT * 0.4
    }
}

fn ages_f64(ages: &[u32]) -> Vec<f64> {
    ages.iter().map(|&a| f64::from(a)).collect()
}

fn age_marks(first: f64, last: f64) -> Vec<f64> {
    marks(first, last, 8)
}

fn whole(v: f64) -> String {
    format!("{v:.0}")
}

fn money_axis(highest_usd: f64) -> (Vec<f64>, f64) {
    let top = money_top(highest_usd, 5);
    (marks(0.0, top, 5), top)
}

/// The frame of a chart of money by age: ages along, money up from $0 to a
/// nice top above `highest_usd`.
fn money_by_age(
    figure: &mut Figure,
    legend: &[(String, Swatch)],
    y_title: &str,
    (first, last): (f64, f64),
    highest_usd: f64,
) -> Frame {
    let (y_marks, top) = money_axis(highest_usd);
    frame(
        figure,
        legend,
        &Axes {
            x_title: "Age",
            y_title,
            x_marks: age_marks(first, last),
            y_marks,
            x_label: &whole,
            y_label: &|v| usd_short(v),
            left_pt: 0.0,
        },
        (first, last),
        (0.0, top),
    )
}

/// The bands (outer, then middle half), the bad case and the median, with
/// `extra` (a comparison line) drawn between the bands and the lines.
fn bands_and_median(
    figure: &mut Figure,
    f: &Frame,
    xs: &[f64],
    outer: (&[f64], &[f64]),
    middle: (&[f64], &[f64]),
    (bad, median): (&[f64], &[f64]),
    extra: Option<(&[f64], Rgb, [f32; 2])>,
) {
    figure.area(f.band(xs, outer.0, outer.1), ink::SKY, 0.25);
    figure.area(f.band(xs, middle.0, middle.1), ink::SKY, 0.55);
    if let Some((series, colour, dash)) = extra {
        figure.line(f.points(xs, series), colour, 1.6, Some(dash));
    }
    figure.line(f.points(xs, bad), ink::VERMILLION, 1.4, Some([4.0, 2.0]));
    figure.line(f.points(xs, median), ink::BLUE, 2.0, None);
}

/// A dotted upright line at the retirement age, labelled.
fn retirement_line(figure: &mut Figure, f: &Frame, age: u32) {
    let x = f.x(f64::from(age));
    marker(figure, f, x, format!("Retires at {age}"));
}

/// A dotted upright line at `x`, labelled at its top on the side with room.
fn marker(figure: &mut Figure, f: &Frame, x: f32, text: String) {
    figure.line(
        vec![[x, f.top], [x, f.bottom]],
        ink::MUTED,
        0.8,
        Some([1.5, 2.0]),
    );
    let fits_right = x + 3.0 + fonts::width_pt(Weight::Regular, TEXT_PT, &text) <= f.right;
    let (at, anchor) = if fits_right {
        (x + 3.0, Anchor::Start)
    } else {
        (x - 3.0, Anchor::End)
    };
    figure.label(
        text,
        [at, f.top + TEXT_PT],
        TEXT_PT,
        (Weight::Regular, ink::MUTED, anchor),
    );
}

/// The balance by age: the 5–95 and 25–75 bands, the median, the bad case
/// (10th percentile), the median without the sleeve, the retirement age.
pub fn fan(outcome: &Outcome, nominal: bool, width_pt: f32, height_pt: f32) -> Figure {
    let mut figure = Figure::new(width_pt, height_pt);
    let xs = ages_f64(&outcome.ages);
    let scale = |s: &[f64]| outcome.dollars(&outcome.ages, s, nominal);
    let b = &outcome.portfolio.bands;
    let (p5, p10, p25, p50, p75, p95) = (
        scale(&b.p5),
        scale(&b.p10),
        scale(&b.p25),
        scale(&b.p50),
        scale(&b.p75),
        scale(&b.p95),
    );
    let without = outcome.without_sleeve.as_ref().map(|w| scale(&w.bands.p50));
    let mut legend = vec![
        (
            "9 in 10 outcomes (5th–95th percentile)".to_owned(),
            Swatch::Band(ink::SKY, 0.25),
        ),
        (
            "Middle half (25th–75th)".to_owned(),
            Swatch::Band(ink::SKY, 0.55),
        ),
        ("Median".to_owned(), Swatch::Line(ink::BLUE, 2.0, None)),
        (
            "Bad case (10th percentile)".to_owned(),
            Swatch::Line(ink::VERMILLION, 1.4, Some([4.0, 2.0])),
        ),
    ];
    if without.is_some() {
        legend.push((
            "Median without the sleeve".to_owned(),
            Swatch::Line(ink::PURPLE, 1.6, Some([7.0, 3.0])),
        ));
    }
    let highest = p95.iter().copied().fold(0.0, f64::max);
    let dollars = if nominal {
        "Balance (future dollars)"
    } else {
        "Balance (today's dollars)"
    };
    let first = xs.first().copied().unwrap_or(0.0);
    let last = xs.last().copied().unwrap_or(1.0);
    let f = money_by_age(&mut figure, &legend, dollars, (first, last), highest);
    let extra = without.as_deref().map(|w| (w, ink::PURPLE, [7.0, 3.0]));
    bands_and_median(
        &mut figure,
        &f,
        &xs,
        (&p5, &p95),
        (&p25, &p75),
        (&p10, &p50),
        extra,
    );
    retirement_line(&mut figure, &f, outcome.portfolio.retirement.age);
    figure
}

/// The chance the money lasts to each age, with and without the sleeve.
pub fn survival(outcome: &Outcome, width_pt: f32, height_pt: f32) -> Figure {
    let mut figure = Figure::new(width_pt, height_pt);
    let xs = ages_f64(&outcome.ages);
    let as_percent = |s: &[f64]| s.iter().map(|v| v * 100.0).collect::<Vec<_>>();
    let mut legend = vec![(
        "Chance the money lasts to this age".to_owned(),
        Swatch::Line(ink::BLUE, 2.0, None),
    )];
    if outcome.without_sleeve.is_some() {
        legend.push((
            "Without the sleeve".to_owned(),
            Swatch::Line(ink::PURPLE, 1.6, Some([7.0, 3.0])),
        ));
    }
    let first = xs.first().copied().unwrap_or(0.0);
    let last = xs.last().copied().unwrap_or(1.0);
    let f = frame(
        &mut figure,
        &legend,
        &Axes {
            x_title: "Age",
            y_title: "Chance",
            x_marks: age_marks(first, last),
            y_marks: marks(0.0, 100.0, 5),
            x_label: &whole,
            y_label: &|v| format!("{v:.0}%"),
            left_pt: 0.0,
        },
        (first, last),
        (0.0, 100.0),
    );
    if let Some(w) = &outcome.without_sleeve {
        figure.line(
            f.points(&xs, &as_percent(&w.survival)),
            ink::PURPLE,
            1.6,
            Some([7.0, 3.0]),
        );
    }
    figure.line(
        f.points(&xs, &as_percent(&outcome.portfolio.survival)),
        ink::BLUE,
        2.0,
        None,
    );
    retirement_line(&mut figure, &f, outcome.portfolio.retirement.age);
    figure
}

/// The median balance by age of every scenario, on the same markets.
pub fn scenarios(comparison: &Comparison, width_pt: f32, height_pt: f32) -> Figure {
    let mut figure = Figure::new(width_pt, height_pt);
    let style = |k: usize| {
        (
            ink::SCENARIOS[k % ink::SCENARIOS.len()],
            ink::DASHES[k % ink::DASHES.len()],
        )
    };
    let legend: Vec<(String, Swatch)> = comparison
        .scenarios
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let (colour, dash) = style(k);
            (
                fonts::fit(Weight::Regular, TEXT_PT, &s.name, 180.0),
                Swatch::Line(colour, 1.8, dash),
            )
        })
        .collect();
    let all_ages = comparison
        .scenarios
        .iter()
        .flat_map(|s| s.outcome.ages.iter().copied());
    let first = all_ages.clone().min().map_or(0.0, f64::from);
    let last = all_ages.max().map_or(1.0, f64::from);
    let highest = comparison
        .scenarios
        .iter()
        .flat_map(|s| s.outcome.portfolio.bands.p50.iter().copied())
        .fold(0.0, f64::max);
    let f = money_by_age(
        &mut figure,
        &legend,
        "Median balance (today's dollars)",
        (first, last),
        highest,
    );
    for (k, s) in comparison.scenarios.iter().enumerate() {
        let (colour, dash) = style(k);
        let xs = ages_f64(&s.outcome.ages);
        figure.line(
            f.points(&xs, &s.outcome.portfolio.bands.p50),
            colour,
            1.8,
            dash,
        );
    }
    figure
}

/// The total income of each retirement year (before tax): the 10–90 band,
/// the median, the bad case, and what Social Security and pensions pay.
/// `None` for a plan without retirement years.
pub fn income(outcome: &Outcome, nominal: bool, width_pt: f32, height_pt: f32) -> Option<Figure> {
    let income = &outcome.income;
    if income.ages.is_empty() {
        return None;
    }
    let mut figure = Figure::new(width_pt, height_pt);
    let xs = ages_f64(&income.ages);
    let scale = |s: &[f64]| outcome.dollars(&income.ages, s, nominal);
    let b = &income.bands;
    let (p10, p25, p50, p75, p90) = (
        scale(&b.p10),
        scale(&b.p25),
        scale(&b.p50),
        scale(&b.p75),
        scale(&b.p90),
    );
    let sources: Vec<f64> = (0..income.ages.len())
        .map(|i| income.social_security[i] + income.spouse[i] + income.other[i])
        .collect();
    let sources = scale(&sources);
    let has_sources = sources.iter().any(|v| *v > 0.0);
    let mut legend = vec![
        (
            "8 in 10 outcomes (10th–90th percentile)".to_owned(),
            Swatch::Band(ink::SKY, 0.25),
        ),
        ("Middle half".to_owned(), Swatch::Band(ink::SKY, 0.55)),
        ("Median".to_owned(), Swatch::Line(ink::BLUE, 2.0, None)),
        (
            "Bad case (10th percentile)".to_owned(),
            Swatch::Line(ink::VERMILLION, 1.4, Some([4.0, 2.0])),
        ),
    ];
    if has_sources {
        legend.push((
            "Social Security and pensions".to_owned(),
            Swatch::Line(ink::GREEN, 1.6, Some([2.0, 2.0])),
        ));
    }
    let highest = p90.iter().chain(&sources).copied().fold(0.0, f64::max);
    let first = xs[0];
    let last = xs[xs.len() - 1].max(first + 1.0);
    let title = if nominal {
        "Income a year, before tax (future dollars)"
    } else {
        "Income a year, before tax (today's dollars)"
    };
    let f = money_by_age(&mut figure, &legend, title, (first, last), highest);
    let extra = has_sources.then_some((sources.as_slice(), ink::GREEN, [2.0, 2.0]));
    bands_and_median(
        &mut figure,
        &f,
        &xs,
        (&p10, &p90),
        (&p25, &p75),
        (&p10, &p50),
        extra,
    );
    Some(figure)
}

/// Tax by age in retirement: federal tax on the median and the 1-in-10
/// paths, state tax, and the RMDs and Roth conversions that drive it
/// (medians). `None` for a plan before tax or without retirement years.
pub fn taxes(outcome: &Outcome, nominal: bool, width_pt: f32, height_pt: f32) -> Option<Figure> {
    let taxes = outcome.taxes.as_ref()?;
    if taxes.ages.is_empty() {
        return None;
    }
    let mut figure = Figure::new(width_pt, height_pt);
    let xs = ages_f64(&taxes.ages);
    let scale = |s: &[f64]| outcome.dollars(&taxes.ages, s, nominal);
    let any = |s: &[f64]| s.iter().any(|v| *v > 0.5);
    // Each line: its name, its values, and its ink as the legend shows it.
    let lines: Vec<(&str, Vec<f64>, Swatch)> = [
        (
            "Federal tax, median",
            &taxes.federal_tax.p50,
            Swatch::Line(ink::BLUE, 2.0, None),
            true,
        ),
        (
            "Federal tax, 1 in 10 pays more",
            &taxes.federal_tax.p90,
            Swatch::Line(ink::VERMILLION, 1.4, Some([4.0, 2.0])),
            true,
        ),
        (
            "State tax, median",
            &taxes.state_tax.p50,
            Swatch::Line(ink::GREY, 1.6, Some([2.0, 2.0])),
            any(&taxes.state_tax.p50),
        ),
        (
            "RMD, median",
            &taxes.rmd.p50,
            Swatch::Line(ink::GREEN, 1.6, Some([6.0, 2.0])),
            any(&taxes.rmd.p50),
        ),
        (
            "Roth conversion, median",
            &taxes.conversion.p50,
            Swatch::Line(ink::ORANGE, 1.6, Some([6.0, 2.0])),
            any(&taxes.conversion.p50),
        ),
    ]
    .into_iter()
    .filter(|line| line.3)
    .map(|(name, series, swatch, _)| (name, scale(series), swatch))
    .collect();
    let legend: Vec<(String, Swatch)> = lines
        .iter()
        .map(|(name, _, swatch)| ((*name).to_owned(), *swatch))
        .collect();
    let highest = lines
        .iter()
        .flat_map(|line| line.1.iter().copied())
        .fold(0.0, f64::max)
        .max(1.0);
    let first = xs[0];
    let last = xs[xs.len() - 1].max(first + 1.0);
    let title = if nominal {
        "Tax a year (future dollars)"
    } else {
        "Tax a year (today's dollars)"
    };
    let f = money_by_age(&mut figure, &legend, title, (first, last), highest);
    for (_, ys, swatch) in &lines {
        if let Swatch::Line(colour, width, dash) = *swatch {
            figure.line(f.points(&xs, ys), colour, width, dash);
        }
    }
    Some(figure)
}

/// Bracket room: the typical path's ordinary taxable income by age as
/// stacked bars (other income, the RMD, the conversion) under the tops of
/// the brackets it reaches, the planning window shaded.
pub fn bracket_room(room: &BracketRoom, width_pt: f32, height_pt: f32) -> Option<Figure> {
    let (first, last) = (*room.ages.first()?, *room.ages.last()?);
    let mut figure = Figure::new(width_pt, height_pt);
    let any = |s: &[f64]| s.iter().any(|v| *v > 0.5);
    let parts = [
        ("Other taxable income", &room.other_usd, ink::SKY, 0.7, true),
        ("RMD", &room.rmd_usd, ink::GREEN, 0.9, any(&room.rmd_usd)),
        (
            "Roth conversion",
            &room.conversion_usd,
            ink::ORANGE,
            0.9,
            any(&room.conversion_usd),
        ),
    ];
    let mut legend: Vec<(String, Swatch)> = parts
        .iter()
        .filter(|p| p.4)
        .map(|(name, _, colour, opacity, _)| ((*name).to_owned(), Swatch::Band(*colour, *opacity)))
        .collect();
    legend.push((
        "Top of a bracket".to_owned(),
        Swatch::Line(ink::VERMILLION, 1.0, Some([4.0, 2.0])),
    ));
    if room.planning_window.is_some() {
        legend.push((
            "Planning window".to_owned(),
            Swatch::Band(ink::PURPLE, 0.15),
        ));
    }
    let edges = room.edges_shown();
    let highest = edges
        .iter()
        .flat_map(|e| e.top_usd.iter().copied())
        .fold(room.highest_usd(), f64::max)
        .max(1.0);
    let (y_marks, top) = money_axis(highest);
    let (lo, hi) = (f64::from(first) - 0.5, f64::from(last) + 0.5);
    let f = frame(
        &mut figure,
        &legend,
        &Axes {
            x_title: "Age",
            y_title: "Taxable income a year (today's dollars)",
            x_marks: age_marks(f64::from(first), f64::from(last)),
            y_marks,
            x_label: &whole,
            y_label: &|v| usd_short(v),
            left_pt: 0.0,
        },
        (lo, hi),
        (0.0, top),
    );
    if let Some([from, until]) = room.planning_window {
        let (x0, x1) = (f.x(f64::from(from) - 0.5), f.x(f64::from(until) + 0.5));
        figure.rect([x0, f.top], [x1, f.bottom], ink::PURPLE, 0.15);
        figure.label(
            "Planning window",
            [x0 + 2.0, f.top + TEXT_PT],
            TEXT_PT,
            (Weight::Regular, ink::MUTED, Anchor::Start),
        );
    }
    for (i, age) in room.ages.iter().enumerate() {
        let x = f64::from(*age);
        let (x0, x1) = (f.x(x - 0.4), f.x(x + 0.4));
        let mut base = 0.0;
        for (_, series, colour, opacity, _) in &parts {
            let height = series[i];
            if height > 0.5 {
                figure.rect([x0, f.y(base + height)], [x1, f.y(base)], *colour, *opacity);
            }
            base += height;
        }
    }
    for edge in edges {
        let steps: Vec<[f32; 2]> = room
            .ages
            .iter()
            .zip(&edge.top_usd)
            .flat_map(|(age, top)| {
                let x = f64::from(*age);
                [[f.x(x - 0.5), f.y(*top)], [f.x(x + 0.5), f.y(*top)]]
            })
            .collect();
        figure.line(steps, ink::VERMILLION, 1.0, Some([4.0, 2.0]));
        let at = edge.top_usd.last().copied().unwrap_or(0.0);
        figure.label(
            percent(edge.rate),
            [f.right - 2.0, f.y(at) + TEXT_PT + 1.0],
            TEXT_PT,
            (Weight::Bold, ink::VERMILLION, Anchor::End),
        );
    }
    Some(figure)
}

/// The glide path: the account's target shares by age, stacked.
pub fn glide_path(plan: &ValidPlan, width_pt: f32, height_pt: f32) -> Figure {
    let mut figure = Figure::new(width_pt, height_pt);
    let targets = plan.target_weights();
    let xs: Vec<f64> = targets.iter().map(|t| f64::from(t.age)).collect();
    let has_crypto = targets.iter().any(|t| t.sleeve > 0.0);
    let has_private = targets.iter().any(|t| t.private > 0.0);
    // Stocks at the bottom, the sleeves on top, only when there is some.
    let shown: Vec<Asset> = Asset::ALL
        .into_iter()
        .filter(|a| match a {
            Asset::Crypto => has_crypto,
            Asset::Private => has_private,
            _ => true,
        })
        .collect();
    let legend: Vec<(String, Swatch)> = shown
        .iter()
        .map(|&a| {
            let (colour, opacity) = ink::asset(a);
            (a.label().to_owned(), Swatch::Band(colour, opacity))
        })
        .collect();
    let first = xs.first().copied().unwrap_or(0.0);
    let last = xs.last().copied().unwrap_or(first + 1.0).max(first + 1.0);
    let f = frame(
        &mut figure,
        &legend,
        &Axes {
            x_title: "Age",
            y_title: "Share of the account",
            x_marks: age_marks(first, last),
            y_marks: marks(0.0, 100.0, 5),
            x_label: &whole,
            y_label: &|v| format!("{v:.0}%"),
            left_pt: 0.0,
        },
        (first, last),
        (0.0, 100.0),
    );
    let mut lower = vec![0.0; xs.len()];
    for &asset in &shown {
        let upper: Vec<f64> = targets
            .iter()
            .zip(&lower)
            .map(|(t, low)| low + 100.0 * t.of_account()[asset])
            .collect();
        let (colour, opacity) = ink::asset(asset);
        figure.area(f.band(&xs, &lower, &upper), colour, opacity);
        lower = upper;
    }
    retirement_line(&mut figure, &f, plan.saver.retirement_age);
    figure
}

/// The spread of the balance at retirement, as bars.
pub fn histogram(outcome: &Outcome, width_pt: f32, height_pt: f32) -> Figure {
    let mut figure = Figure::new(width_pt, height_pt);
    let bins = &outcome.portfolio.retirement_histogram;
    let paths = bins.iter().map(|b| b.count).sum::<usize>().max(1) as f64;
    let shares: Vec<f64> = bins
        .iter()
        .map(|b| 100.0 * b.count as f64 / paths)
        .collect();
    let highest_share = shares.iter().copied().fold(0.0, f64::max).max(1.0);
    let low = bins.first().map_or(0.0, |b| b.start_usd.max(0.0));
    let high = bins
        .last()
        .map_or(1.0, |b| b.start_usd + b.width_usd)
        .max(low + 1.0);
    let r = &outcome.portfolio.retirement;
    let legend = vec![
        ("Share of outcomes".to_owned(), Swatch::Band(ink::SKY, 0.8)),
        ("Median".to_owned(), Swatch::Line(ink::BLUE, 2.0, None)),
        (
            "Bad case (10th percentile)".to_owned(),
            Swatch::Line(ink::VERMILLION, 1.4, Some([4.0, 2.0])),
        ),
    ];
    let share_top = money_top(highest_share, 4);
    let f = frame(
        &mut figure,
        &legend,
        &Axes {
            x_title: &format!("Balance at {} (today's dollars)", r.age),
            y_title: "Share of outcomes",
            x_marks: marks(low, high, 6),
            y_marks: marks(0.0, share_top, 4),
            x_label: &|v| usd_short(v),
            y_label: &|v| format!("{v:.0}%"),
            left_pt: 0.0,
        },
        (low, high),
        (0.0, share_top),
    );
    for (b, share) in bins.iter().zip(&shares) {
        let (x0, x1) = (f.x(b.start_usd), f.x(b.start_usd + b.width_usd));
        figure.rect([x0 + 0.3, f.y(*share)], [x1 - 0.3, f.bottom], ink::SKY, 0.8);
    }
    for (value, colour, dash) in [
        (r.balance.p50, ink::BLUE, None),
        (r.balance.p10, ink::VERMILLION, Some([4.0, 2.0])),
    ] {
        let x = f.x(value);
        figure.line(vec![[x, f.top], [x, f.bottom]], colour, 1.6, dash);
    }
    figure
}

/// The sleeve's sweep: the chance the money lasts at each sleeve weight
/// under each crypto view, with the ranges firms have published under it.
pub fn sleeve_sweep(
    rows: &[SweepRow],
    ranges: &[PublishedRange],
    plan_weight: f64,
    width_pt: f32,
    height_pt: f32,
) -> Figure {
    let mut figure = Figure::new(width_pt, height_pt);
    let view_name = |id: &str| match SweepView::parse(id) {
        Ok(SweepView::Shipped(view)) => format!("{} view", view.name),
        _ => SweepView::Plan.name().to_owned(),
    };
    let style = |k: usize| (ink::SCENARIOS[k % 4], ink::DASHES[k % 4]);
    let legend: Vec<(String, Swatch)> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let (c, d) = style(k);
            (view_name(&r.view), Swatch::Line(c, 1.8, d))
        })
        .collect();
    let highest_weight = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.value))
        .fold(0.0, f64::max)
        .max(0.01);
    // The published ranges take a strip under the plot, one row each.
    let strip_pt = ranges.len() as f32 * (TEXT_PT + 3.0) + 4.0;
    let mut chart = Figure::new(width_pt, (height_pt - strip_pt).max(60.0));
    let f = frame(
        &mut chart,
        &legend,
        &Axes {
            x_title: "Crypto sleeve, share of the account",
            y_title: "Chance the money lasts",
            x_marks: marks(0.0, highest_weight * 100.0, 10),
            y_marks: marks(0.0, 100.0, 5),
            x_label: &|v| format!("{v:.0}%"),
            y_label: &|v| format!("{v:.0}%"),
            left_pt: ranges
                .iter()
                .map(|r| fonts::width_pt(Weight::Regular, TEXT_PT, &r.name))
                .fold(0.0, f32::max),
        },
        (0.0, highest_weight * 100.0),
        (0.0, 100.0),
    );
    for (k, row) in rows.iter().enumerate() {
        let (c, d) = style(k);
        let xs: Vec<f64> = row.cells.iter().map(|c| c.value * 100.0).collect();
        let ys: Vec<f64> = row
            .cells
            .iter()
            .map(|c| c.success_probability * 100.0)
            .collect();
        chart.line(f.points(&xs, &ys), c, 1.8, d);
    }
    if plan_weight > 0.0 && plan_weight <= highest_weight {
        let x = f.x(plan_weight * 100.0);
        marker(
            &mut chart,
            &f,
            x,
            format!("This plan: {}", percent(plan_weight)),
        );
    }
    let (left, right) = (f.left, f.right);
    let chart_height = chart.height_pt;
    figure.place(chart, 0.0, 0.0);
    let mut y = chart_height + 4.0;
    for range in ranges {
        let clamp = |w: f64| f.x((w * 100.0).min(highest_weight * 100.0));
        let (x0, x1) = (
            clamp(range.low),
            clamp(range.high).max(clamp(range.low) + 2.0),
        );
        figure.rect([x0, y + 1.0], [x1, y + TEXT_PT], ink::GREY, 0.6);
        figure.label(
            range.name.clone(),
            [left - GAP_PT, y + TEXT_PT - 0.5],
            TEXT_PT,
            (Weight::Regular, ink::MUTED, Anchor::End),
        );
        if x1 < right - 60.0 {
            figure.label(
                range.note.split(':').next().unwrap_or_default().to_owned(),
                [x1 + 4.0, y + TEXT_PT - 0.5],
                TEXT_PT,
                (Weight::Regular, ink::MUTED, Anchor::Start),
            );
        }
        y += TEXT_PT + 3.0;
    }
    figure
}

/// Every start year of a rolling history: lasted (grey) or ran out
/// (vermillion), the years marked every decade. `None` without a rolling
/// history.
pub fn start_years(outcome: &Outcome, width_pt: f32) -> Option<Figure> {
    let years = outcome.start_years.as_ref()?;
    let failed = outcome.failed_start_years.clone().unwrap_or_default();
    let (&first, &last) = (years.first()?, years.last()?);
    let height_pt = 3.6 * TEXT_PT + 16.0;
    let mut figure = Figure::new(width_pt, height_pt);
    let legend = vec![
        ("Lasted".to_owned(), Swatch::Band(ink::GREY, 0.5)),
        ("Ran out".to_owned(), Swatch::Band(ink::VERMILLION, 1.0)),
    ];
    let top = draw_legend(&mut figure, &legend) + 4.0;
    let span = f64::from(last - first + 1);
    let x = |year: f64| (width_pt - 4.0) * ((year - f64::from(first)) / span) as f32 + 2.0;
    for &year in years {
        let (colour, opacity) = if failed.contains(&year) {
            (ink::VERMILLION, 1.0)
        } else {
            (ink::GREY, 0.5)
        };
        let y = f64::from(year);
        figure.rect(
            [x(y) + 0.2, top],
            [x(y + 1.0) - 0.2, top + 16.0],
            colour,
            opacity,
        );
    }
    for year in marks(f64::from(first), f64::from(last), 12) {
        figure.label(
            format!("{year:.0}"),
            [x(year + 0.5), top + 16.0 + TEXT_PT * 1.2],
            TEXT_PT,
            (Weight::Regular, ink::TEXT, Anchor::Middle),
        );
    }
    Some(figure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Plan, validate};
    use crate::{RunControl, simulate};

    fn outcome(plan: &Plan) -> Outcome {
        simulate(&validate(plan).unwrap(), &RunControl::new()).unwrap()
    }

    #[test]
    fn the_fan_chart_draws_the_bands_and_names_them() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 300;
        let o = outcome(&plan);
        let figure = fan(&o, false, 500.0, 300.0);
        let texts = figure.texts();
        assert!(texts.contains(&"Median"));
        assert!(texts.contains(&"Retires at 65"));
        assert!(!texts.iter().any(|t| t.contains("without the sleeve")));
        // Money marks at nice steps, never negative, at most six.
        let money: Vec<&&str> = texts.iter().filter(|t| t.starts_with('$')).collect();
        assert!((2..=6).contains(&money.len()), "{money:?}");
        assert!(
            !texts
                .iter()
                .any(|t| t.starts_with("-$") || t.starts_with("−$"))
        );
        // Everything inside the figure.
        let (lo, hi) = figure.bounds();
        assert!(lo[0] >= -0.01 && lo[1] >= -0.01, "{lo:?}");
        assert!(hi[0] <= 500.01 && hi[1] <= 300.01, "{hi:?}");
    }

    #[test]
    fn a_plan_without_retirement_years_has_no_income_chart() {
        let mut plan = Plan::sample();
        plan.simulation.paths = 100;
        plan.saver.retirement_age = plan.saver.plan_to_age;
        let o = outcome(&plan);
        assert!(income(&o, false, 400.0, 200.0).is_none());
        // The others still draw.
        assert!(!fan(&o, false, 400.0, 200.0).items.is_empty());
        assert!(!survival(&o, 400.0, 200.0).items.is_empty());
    }
}

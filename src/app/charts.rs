//! The charts: the fan chart of the balance by age, the chance the money
//! lasts to each age, the glide path as stacked areas, and the spread of
//! the balance at retirement. They draw what the library computed.

use egui::{Color32, Ui};
use egui_plot::{
    Bar, BarChart, FilledArea, Line, LineStyle, Plot, PlotPoint, PlotPoints, Text, VLine,
};

use std::sync::Arc;

use super::theme;
use crate::engine::BracketRoom;
use crate::outcome::Outcome;
use crate::plan::ValidPlan;
use crate::plan::asset::Asset;
use crate::units::{percent, usd_short};

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
pub enum Key {
    /// A filled band.
    Band(Color32),
    /// A solid line.
    Line(Color32),
    /// A dashed line, with its dashes' length.
    Dashed(Color32, f32),
    /// A dotted line.
    Dotted(Color32),
}

impl Key {
    /// Draws the key as a short swatch where the layout puts it.
    pub fn swatch(self, ui: &mut Ui) -> egui::Response {
        let (rect, response) = ui.allocate_exact_size(egui::vec2(24.0, 12.0), egui::Sense::hover());
        let painter = ui.painter();
        let (y, left, right) = (rect.center().y, rect.left(), rect.right());
        let ends = [egui::pos2(left, y), egui::pos2(right, y)];
        match self {
            Key::Band(c) => {
                painter.rect_filled(rect.shrink2(egui::vec2(0.0, 1.0)), 2.0, c);
            }
            Key::Line(c) => {
                painter.line_segment(ends, egui::Stroke::new(2.5, c));
            }
            Key::Dashed(c, length) => {
                painter.extend(egui::Shape::dashed_line(
                    &ends,
                    egui::Stroke::new(2.5, c),
                    length,
                    3.0,
                ));
            }
            Key::Dotted(c) => {
                painter.extend(egui::Shape::dotted_line(&ends, c, 4.0, 1.3));
            }
        }
        response
    }
}

/// Draws scenario `index`'s swatch (its colour in its line style) beside
/// its name, in the strip and the table, as the charts draw it.
pub fn scenario_swatch(ui: &mut Ui, index: usize) -> egui::Response {
    let colour = theme::of(ui.ctx()).scenarios[index.min(3)];
    scenario_key(colour, index).swatch(ui)
}

/// The key of scenario `index`'s line: its colour in its line style.
pub fn scenario_key(colour: Color32, index: usize) -> Key {
    match theme::scenario_line(index) {
        LineStyle::Solid => Key::Line(colour),
        LineStyle::Dotted { .. } => Key::Dotted(colour),
        LineStyle::Dashed { length } => Key::Dashed(colour, length.min(9.0)),
    }
}

/// The legend as a row above a chart, wrapping on a narrow one, so it
/// never covers the data (on a projector least of all); returns the
/// height it took.
pub fn legend_row(ui: &mut Ui, entries: &[(String, Key)]) -> f32 {
    let top = ui.cursor().min.y;
    ui.horizontal_wrapped(|ui| {
        for (name, key) in entries {
            // A swatch and its words stay together: a new row when both do not fit.
            let words = egui::WidgetText::from(name.as_str()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let needed = 24.0 + 2.0 * ui.spacing().item_spacing.x + words.size().x;
            if ui.available_rect_before_wrap().width() < needed
                && ui.cursor().min.x > ui.max_rect().left() + 1.0
            {
                ui.end_row();
            }
            key.swatch(ui);
            // An entry's words stay on one line; the row wraps between entries.
            ui.add(egui::Label::new(name.as_str()).wrap_mode(egui::TextWrapMode::Extend));
            ui.add_space(10.0);
        }
    });
    ui.add_space(2.0);
    ui.cursor().min.y - top
}

/// A plot that stays put: the charts answer hovering, not panning or
/// zooming, which on a projector only loses the view.
pub fn still_plot(id: &str, height: f32) -> Plot<'_> {
    Plot::new(id)
        .height(height)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
}

/// A still plot `height` tall in all: the legend row of `keys` (when the
/// legends are shown) above it, the plot in the rest, never under 120 points.
pub fn keyed_plot<'a>(
    ui: &mut Ui,
    id: &'a str,
    height: f32,
    keys: Option<Vec<(String, Key)>>,
) -> Plot<'a> {
    let used = keys.map_or(0.0, |keys| legend_row(ui, &keys));
    still_plot(id, (height - used).max(120.0))
}

/// Money marks at nice steps (1, 2 or 5 × 10ⁿ), about six on the axis
/// whatever the chart's height, so a tall chart on a large screen does not
/// print thirty labels.
fn money_grid() -> Box<dyn Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark>> {
    egui_plot::uniform_grid_spacer(|input| {
        let (low, high) = input.bounds;
        // The report's rule, so paper and screen mark money alike.
        let nice = crate::scale::nice_step((high - low).max(6.0), 6);
        [nice, 2.0 * nice, 10.0 * nice]
    })
}

/// An amount of money on an axis; nothing below $0, which no balance is.
fn money_label(value: f64) -> String {
    if value < -0.5 {
        String::new()
    } else {
        usd_short(value.max(0.0))
    }
}

/// A still plot of money by age with its legend row: ages along on the age
/// grid, money up from $0 at nice steps (what the fan, income, tax and
/// bracket room charts share).
fn money_by_age_plot<'a>(
    ui: &mut Ui,
    id: &'a str,
    height: f32,
    keys: Option<Vec<(String, Key)>>,
) -> Plot<'a> {
    keyed_plot(ui, id, height, keys)
        .include_y(0.0)
        .x_axis_label("Age")
        .x_grid_spacer(age_grid())
        .y_grid_spacer(money_grid())
        .y_axis_formatter(|mark, _| money_label(mark.value))
}

/// The whole age under the pointer, near a point or not.
fn hovered_age(hover: &egui_plot::HoverPosition) -> u32 {
    let x = match hover {
        egui_plot::HoverPosition::NearDataPoint { position, .. }
        | egui_plot::HoverPosition::Elsewhere { position } => position.x,
    };
    x.round().max(0.0) as u32
}

/// Ages marked every 5, 10 and 20 years: a narrow chart keeps labels.
fn age_grid() -> Box<dyn Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark>> {
    egui_plot::uniform_grid_spacer(|_| [5.0, 10.0, 20.0])
}

fn faded(c: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha)
}

/// The fan chart: shaded 5–95 and 25–75 bands, the median, the comparison
/// without the sleeve dashed, and a line at retirement.
pub fn fan_chart(ui: &mut Ui, outcome: &Arc<Outcome>, nominal: bool, legend: bool, height: f32) {
    let colors = theme::of(ui.ctx());
    let ages: Vec<f64> = outcome.ages.iter().map(|&a| f64::from(a)).collect();
    let scale = |series: &[f64]| outcome.dollars(&outcome.ages, series, nominal);
    let b = &outcome.portfolio.bands;
    let (p5, p25, p50, p75, p95, p10) = (
        scale(&b.p5),
        scale(&b.p25),
        scale(&b.p50),
        scale(&b.p75),
        scale(&b.p95),
        scale(&b.p10),
    );
    let points = |ys: &[f64]| -> PlotPoints<'static> {
        ages.iter().zip(ys).map(|(x, y)| [*x, *y]).collect()
    };
    // The hover text reads the outcome when it is shown: share it, never copy it.
    let hover_outcome = Arc::clone(outcome);
    let keys = legend.then(|| {
        let mut keys = vec![
            (
                "5–95% of outcomes".to_owned(),
                Key::Band(faded(colors.band, 40)),
            ),
            (
                "25–75% of outcomes".to_owned(),
                Key::Band(faded(colors.band, 90)),
            ),
            ("Median".to_owned(), Key::Line(colors.band)),
            ("Bad case (10th)".to_owned(), Key::Dotted(colors.bad_case)),
        ];
        if outcome.without_sleeve.is_some() {
            keys.push((
                "Without the sleeve".to_owned(),
                Key::Dashed(colors.without_sleeve, 5.0),
            ));
        }
        keys
    });
    money_by_age_plot(ui, "fan chart", height, keys)
        .link_axis(egui::Id::unique(AGE_AXIS), [true, false])
        .y_axis_min_width(AGE_AXIS_Y_WIDTH)
        .label_formatter(move |hover| {
            let age = hovered_age(hover);
            let index = hover_outcome.age_index(age)?;
            let f = hover_outcome.basis_factor(age, nominal);
            let p = hover_outcome.portfolio.bands.at(index)?;
            let mut text = format!(
                "Age {age}\nGood case (95th) {}\n75th {}\nMedian {}\n25th {}\nBad case (10th) {}\n5th {}",
                usd_short(p.p95 * f),
                usd_short(p.p75 * f),
                usd_short(p.p50 * f),
                usd_short(p.p25 * f),
                usd_short(p.p10 * f),
                usd_short(p.p5 * f)
            );
            if let Some(w) = hover_outcome.without_sleeve.as_ref().and_then(|w| w.bands.at(index)) {
                text.push_str(&format!("\nWithout the sleeve: median {}, bad case {}", usd_short(w.p50 * f), usd_short(w.p10 * f)));
            }
            Some(text)
        })
        .show(ui, |plot| {
            plot.add(FilledArea::new("5–95% of outcomes", &ages, &p5, &p95).fill_color(faded(colors.band, 40)));
            plot.add(FilledArea::new("25–75% of outcomes", &ages, &p25, &p75).fill_color(faded(colors.band, 90)));
            plot.add(Line::new("Median", points(&p50)).color(colors.band).width(2.5));
            plot.add(Line::new("Bad case (10th percentile)", points(&p10)).color(colors.bad_case).width(1.5).style(LineStyle::Dotted { spacing: 4.0 }));
            if let Some(w) = &outcome.without_sleeve {
                plot.add(Line::new("Median without the sleeve (dashed)", points(&scale(&w.bands.p50))).color(colors.without_sleeve).width(1.5).style(LineStyle::dashed_loose()));
                plot.add(Line::new("Bad case without the sleeve (dashed)", points(&scale(&w.bands.p10))).color(colors.without_sleeve).width(1.2).style(LineStyle::dashed_dense()));
            }
            let retirement_age = f64::from(outcome.portfolio.retirement.age);
            plot.add(VLine::new(format!("Retirement at {}", outcome.portfolio.retirement.age), retirement_age).color(Color32::GRAY).width(1.0));
            // The line's own label, at the top of the fan, so it reads without the legend.
            let top = p95.iter().copied().fold(0.0, f64::max);
            plot.add(
                Text::new(
                    "",
                    PlotPoint::new(retirement_age, top),
                    egui::RichText::new(format!(" Retirement at {}", outcome.portfolio.retirement.age)).size(13.0),
                )
                .anchor(egui::Align2::LEFT_TOP)
                .color(Color32::GRAY),
            );
        });
}

/// "Chance your money lasts to each age", from the survival curve.
pub fn survival_chart(ui: &mut Ui, outcome: &Outcome, legend: bool, height: f32) {
    let colors = theme::of(ui.ctx());
    let series = |s: &[f64]| -> PlotPoints<'static> {
        outcome
            .ages
            .iter()
            .zip(s)
            .map(|(a, v)| [f64::from(*a), v * 100.0])
            .collect()
    };
    let keys = legend.then(|| {
        let mut keys = vec![("Chance it lasts".to_owned(), Key::Line(colors.band))];
        if outcome
            .lifespans
            .as_ref()
            .is_some_and(|l| l.lifespan == "table")
        {
            keys.push((
                "Someone alive".to_owned(),
                Key::Dashed(colors.after_tax, 3.0),
            ));
        }
        if outcome.without_sleeve.is_some() {
            keys.push((
                "Without the sleeve".to_owned(),
                Key::Dashed(colors.without_sleeve, 5.0),
            ));
        }
        keys
    });
    keyed_plot(ui, "survival", height, keys)
        .include_y(0.0)
        .include_y(100.0)
        // A narrow chart: ages need less room than egui_plot's default.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label("Age")
                .label_spacing(28.0..=40.0),
        ])
        .x_grid_spacer(age_grid())
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .label_formatter({
            let ages = outcome.ages.clone();
            let with = outcome.portfolio.survival.clone();
            let without = outcome.without_sleeve.as_ref().map(|w| w.survival.clone());
            let alive = table_alive(outcome).map(<[f64]>::to_vec);
            move |hover| {
                let age = hovered_age(hover);
                let i = ages.iter().position(|&a| a == age)?;
                let mut text =
                    format!("Money lasts to {age} in {:.0}% of futures", with[i] * 100.0);
                if let Some(alive) = &alive {
                    text.push_str(&format!(
                        "\nSomeone is alive at {age} in {:.0}%",
                        alive[i] * 100.0
                    ));
                }
                if let Some(w) = &without {
                    text.push_str(&format!("\nWithout the sleeve: {:.0}%", w[i] * 100.0));
                }
                Some(text)
            }
        })
        .show(ui, |plot| {
            plot.add(
                Line::new(
                    "Chance the money lasts",
                    series(&outcome.portfolio.survival),
                )
                .color(colors.band)
                .width(2.0),
            );
            if let Some(alive) = table_alive(outcome) {
                plot.add(
                    Line::new("Someone alive (dashed)", series(alive))
                        .color(colors.after_tax)
                        .style(LineStyle::dashed_dense()),
                );
            }
            if let Some(w) = &outcome.without_sleeve {
                plot.add(
                    Line::new("Without the sleeve (dashed)", series(&w.survival))
                        .color(colors.without_sleeve)
                        .style(LineStyle::dashed_loose()),
                );
            }
        });
}

/// With lifespans from the table: the share of futures someone is alive
/// in at each age.
fn table_alive(outcome: &Outcome) -> Option<&[f64]> {
    let lives = outcome.lifespans.as_ref()?;
    (lives.lifespan == "table").then_some(&lives.alive[..])
}

/// Under the fan, with lifespans from the table: each person's age at
/// death as a box on the fan's own age axis (linked, so the two line up):
/// the whiskers at the 10th and 90th percentiles, the box the middle
/// half, the line the median; the spouse's shifted into the saver's ages
/// and told in their own.
pub fn death_age_strip(ui: &mut Ui, outcome: &Outcome, spouse_offset: i64, height: f32) {
    use egui_plot::{BoxElem, BoxPlot, BoxSpread, PlotPoint, Text};
    let Some(lives) = outcome.lifespans.as_ref() else {
        return;
    };
    let people: Vec<(&str, &crate::outcome::percentiles::Percentiles<f64>, f64)> = [
        ("You", lives.death_age.saver.as_ref(), 0.0),
        (
            "Spouse",
            lives.death_age.spouse.as_ref(),
            spouse_offset as f64,
        ),
    ]
    .into_iter()
    .filter_map(|(who, p, offset)| Some((who, p?, offset)))
    .collect();
    if people.is_empty() {
        return;
    }
    let colors = theme::of(ui.ctx());
    let first = f64::from(outcome.ages.first().copied().unwrap_or_default());
    let last = f64::from(outcome.plan_to_age());
    let words: Vec<String> = people
        .iter()
        .map(|(who, p, _)| {
            format!(
                "{who}: half die by {:.0}, 1 in 4 live past {:.0}, 1 in 10 past {:.0}",
                p.p50, p.p75, p.p90
            )
        })
        .collect();
    let label = format!("Ages at death from the SSA table. {}", words.join(". "));
    let weak = ui.visuals().weak_text_color();
    let response = still_plot("ages at death", height)
        .link_axis(egui::Id::unique(AGE_AXIS), [true, false])
        .y_axis_min_width(AGE_AXIS_Y_WIDTH)
        // The y axis as wide as the fan's (and blank), so the ages line up.
        .show_axes([false, true])
        .show_grid([false, false])
        .y_axis_formatter(|_, _| String::new())
        .include_x(first)
        .include_x(last)
        .include_y(-0.6)
        .include_y(people.len() as f64 - 0.4)
        .show(ui, |plot| {
            for (k, (who, p, offset)) in people.iter().enumerate() {
                let y = (people.len() - 1 - k) as f64;
                // In the saver's ages, held to the chart's.
                let at = |age: f64| (age - offset).clamp(first, last);
                let element = BoxElem::new(
                    y,
                    BoxSpread::new(at(p.p10), at(p.p25), at(p.p50), at(p.p75), at(p.p90)),
                )
                .horizontal()
                .box_width(0.55)
                .whisker_width(0.35)
                .fill(faded(colors.band, 90))
                .stroke(egui::Stroke::new(1.5, colors.band))
                .name(format!(
                    "{who}: median age at death {:.0}; the middle half {:.0} to {:.0}; 1 in 10 past {:.0}",
                    p.p50, p.p25, p.p75, p.p90
                ));
                plot.add(
                    BoxPlot::new(format!("{who}'s age at death"), vec![element])
                        .element_formatter(Box::new(|e, _| e.name.clone())),
                );
                // Who, and the median in words, where the ages before the
                // box leave room.
                if at(p.p10) - first >= 8.0 {
                    plot.add(
                        Text::new(
                            format!("{who} label"),
                            PlotPoint::new(first, y),
                            egui::RichText::new(format!("{who}, median {:.0}", p.p50)).small(),
                        )
                        .anchor(egui::Align2::LEFT_CENTER)
                        .color(weak),
                    );
                }
            }
        })
        .response;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
}

/// The link group of the charts drawn on the saver's ages one above the
/// other (the fan and the ages at death), and the width of their y axis,
/// the same for both so their ages line up.
const AGE_AXIS: &str = "age axis";
const AGE_AXIS_Y_WIDTH: f32 = 52.0;

/// The target weights by age as stacked areas: stocks at the bottom, then
/// bonds, cash, crypto on top; exactly what the engine uses.
pub fn glide_path_chart(ui: &mut Ui, plan: &ValidPlan, height: f32, id: &str, legend: bool) {
    let colors = theme::of(ui.ctx());
    let targets = plan.target_weights();
    let ages: Vec<f64> = targets.iter().map(|t| f64::from(t.age)).collect();
    let mut lower = vec![0.0; ages.len()];
    let has_sleeve = plan.allocation.sleeve.is_some();
    let has_private = plan.allocation.private.is_some();
    let shown: Vec<Asset> = Asset::ALL
        .into_iter()
        .filter(|a| match a {
            Asset::Crypto => has_sleeve,
            Asset::Private => has_private,
            _ => true,
        })
        .collect();
    let keys = legend.then(|| {
        shown
            .iter()
            .map(|&a| (a.label().to_owned(), Key::Band(faded(colors.asset(a), 200))))
            .collect()
    });
    let mut plot = keyed_plot(ui, id, height, keys)
        .include_y(0.0)
        .include_y(100.0)
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .label_formatter({
            let targets = targets.clone();
            move |hover| {
                let age = hovered_age(hover);
                let t = targets.iter().find(|t| t.age == age)?;
                let w = t.of_account();
                let shares: Vec<String> = Asset::ALL
                    .iter()
                    .filter(|&&a| a != Asset::Private || has_private)
                    .map(|&a| format!("{} {}", a.key(), pct(w[a])))
                    .collect();
                Some(format!("Age {}: {}", t.age, shares.join(", ")))
            }
        });
    if legend {
        plot = plot.x_axis_label("Age (targets)");
    }
    plot.show(ui, |plot| {
        for &asset in &shown {
            let upper: Vec<f64> = lower
                .iter()
                .zip(&targets)
                .map(|(l, t)| l + t.of_account()[asset] * 100.0)
                .collect();
            plot.add(
                FilledArea::new(asset.label(), &ages, &lower, &upper)
                    .fill_color(faded(colors.asset(asset), 200)),
            );
            lower = upper;
        }
        plot.add(
            VLine::new("Retirement", f64::from(plan.saver.retirement_age))
                .color(Color32::GRAY)
                .width(1.0),
        );
    });
}

fn pct(share: f64) -> String {
    percent((share * 1000.0).round() / 1000.0)
}

/// A small preview of the glide path for the plan panel.
pub fn glide_path_preview(ui: &mut Ui, plan: &ValidPlan) {
    glide_path_chart(ui, plan, 90.0, "glide path preview", false);
}

/// The spread of the balance at retirement, with the percentiles marked.
pub fn retirement_histogram(ui: &mut Ui, outcome: &Outcome, height: f32) {
    let colors = theme::of(ui.ctx());
    let portfolio = &outcome.portfolio;
    let paths = f64::from(outcome.paths.max(1));
    let bars: Vec<Bar> = portfolio
        .retirement_histogram
        .iter()
        .map(|bin| {
            Bar::new(
                bin.start_usd + bin.width_usd / 2.0,
                bin.count as f64 / paths * 100.0,
            )
            .width(bin.width_usd * 0.95)
        })
        .collect();
    let r = &portfolio.retirement.balance;
    let keys = vec![
        (
            "Share of outcomes (the last bar includes the top 1%)".to_owned(),
            Key::Band(faded(colors.band, 160)),
        ),
        (
            format!("Bad case (10th) {}", usd_short(r.p10)),
            Key::Dotted(colors.bad_case),
        ),
        (
            format!("Median {}", usd_short(r.p50)),
            Key::Line(colors.band),
        ),
        (
            format!("Good case (90th) {}", usd_short(r.p90)),
            Key::Dashed(colors.bonds, 5.0),
        ),
    ];
    keyed_plot(ui, "retirement histogram", height, Some(keys))
        .include_y(0.0)
        .set_margin_fraction(egui::vec2(0.02, 0.0))
        .x_axis_label(format!(
            "Balance at retirement (age {}), today's dollars",
            portfolio.retirement.age
        ))
        .x_axis_formatter(|mark, _| usd_short(mark.value))
        .y_axis_formatter(|mark, _| format!("{:.1}%", mark.value))
        .show(ui, |plot| {
            plot.add(
                BarChart::new("Share of outcomes (the last bar includes the top 1%)", bars)
                    .color(faded(colors.band, 160)),
            );
            plot.add(
                VLine::new(format!("Bad case (10th) {}", usd_short(r.p10)), r.p10)
                    .color(colors.bad_case)
                    .width(2.0)
                    .style(LineStyle::Dotted { spacing: 4.0 }),
            );
            plot.add(
                VLine::new(format!("Median {}", usd_short(r.p50)), r.p50)
                    .color(colors.band)
                    .width(2.0),
            );
            plot.add(
                VLine::new(format!("Good case (90th) {}", usd_short(r.p90)), r.p90)
                    .color(colors.bonds)
                    .width(2.0)
                    .style(LineStyle::dashed_loose()),
            );
        });
}

/// Under a rolling history: one mark per start year, in the bad-case
/// colour where the money ran out ("1966: ran out at 88" on hover). Its
/// accessible label lists the same, so tests and screen readers read it.
pub fn start_year_strip(ui: &mut Ui, outcome: &Outcome) {
    let Some(starts) = &outcome.start_years else {
        return;
    };
    let ran_out = |year: i32| -> Option<u32> {
        let failed = outcome.failed_start_years.as_ref()?;
        let index = failed.iter().position(|&y| y == year)?;
        outcome.ran_out_at_ages.as_ref()?.get(index).copied()
    };
    let colors = theme::of(ui.ctx());
    let plan_to = outcome.plan_to_age();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 30.0), egui::Sense::hover());
    let label = {
        let failed: Vec<String> = outcome
            .worst_start_years()
            .iter()
            .map(|(year, age)| format!("{year} ran out at {age}"))
            .collect();
        format!(
            "Start years {} to {}: {}",
            starts.first().copied().unwrap_or_default(),
            starts.last().copied().unwrap_or_default(),
            if failed.is_empty() {
                "the money lasted in every one".to_owned()
            } else {
                failed.join(", ")
            }
        )
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    let painter = ui.painter_at(rect);
    let marks = rect
        .shrink2(egui::vec2(0.0, 2.0))
        .with_max_y(rect.top() + 16.0);
    let width = marks.width() / starts.len().max(1) as f32;
    let lasted = faded(colors.stocks, 110);
    for (k, &year) in starts.iter().enumerate() {
        let x = marks.left() + width * k as f32;
        let mark = egui::Rect::from_min_max(
            egui::pos2(x + 0.5, marks.top()),
            egui::pos2(x + width - 0.5, marks.bottom()),
        );
        let color = if ran_out(year).is_some() {
            colors.bad_case
        } else {
            lasted
        };
        painter.rect_filled(mark, 1.0, color);
        // Decades under the marks.
        if year % 10 == 0 && width * 10.0 >= 28.0 && x + 26.0 <= marks.right() {
            painter.text(
                egui::pos2(x, marks.bottom() + 1.0),
                egui::Align2::LEFT_TOP,
                year.to_string(),
                egui::FontId::proportional(10.0),
                ui.visuals().weak_text_color(),
            );
        }
    }
    if let Some(pointer) = response.hover_pos() {
        let k = ((pointer.x - marks.left()) / width).floor().max(0.0) as usize;
        if let Some(&year) = starts.get(k.min(starts.len().saturating_sub(1))) {
            let text = match ran_out(year) {
                Some(age) => format!("{year}: ran out at {age}"),
                None => format!("{year}: lasted to {plan_to}"),
            };
            response.on_hover_text_at_pointer(text);
        }
    }
}

/// Income by age in retirement, before tax: Social Security, the spouse's
/// benefit and other income stacked from $0, and the total income's band
/// (10th to 90th percentile), median and bad case above them; the gap
/// between the stack and the total is what the account pays.
pub fn income_chart(ui: &mut Ui, outcome: &Arc<Outcome>, nominal: bool, legend: bool, height: f32) {
    let colors = theme::of(ui.ctx());
    let income = &outcome.income;
    let ages: Vec<f64> = income.ages.iter().map(|&a| f64::from(a)).collect();
    let scale = |series: &[f64]| outcome.dollars(&income.ages, series, nominal);
    let points = |ys: &[f64]| -> PlotPoints<'static> {
        ages.iter().zip(ys).map(|(x, y)| [*x, *y]).collect()
    };
    let hover = Arc::clone(outcome);
    // A little room above the highest band.
    let top = scale(&income.bands.p90)
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let keys = legend.then(|| {
        let mut keys = Vec::new();
        for (name, values, color) in [
            ("Social Security", &income.social_security, colors.bonds),
            ("Spouse's benefit", &income.spouse, colors.cash),
            ("Pensions and other income", &income.other, colors.crypto),
        ] {
            if values.iter().any(|v| *v != 0.0) {
                keys.push((name.to_owned(), Key::Band(faded(color, 150))));
            }
        }
        if income.expenses.iter().any(|v| *v > 0.0) {
            keys.push((
                "Planned expenses".to_owned(),
                Key::Band(faded(colors.bad_case, 140)),
            ));
        }
        keys.push((
            "Total, 10–90% of outcomes".to_owned(),
            Key::Band(faded(colors.band, 60)),
        ));
        keys.push(("Total, median".to_owned(), Key::Line(colors.band)));
        keys.push((
            "Total, bad case (10th percentile)".to_owned(),
            Key::Dotted(colors.bad_case),
        ));
        if outcome.income_after_tax.is_some() {
            keys.push((
                "After tax, median".to_owned(),
                Key::Dashed(colors.after_tax, 6.0),
            ));
        }
        keys
    });
    money_by_age_plot(ui, "income chart", height, keys)
        .include_y(top * 1.1)
        .label_formatter(move |position| {
            let age = hovered_age(position);
            let i = hover.income.ages.iter().position(|&a| a == age)?;
            let f = hover.basis_factor(age, nominal);
            let inc = &hover.income;
            let mut text = format!(
                "Age {age}, a year before tax\nMedian {}\nBad case (10th) {}",
                usd_short(inc.bands.p50[i] * f),
                usd_short(inc.bands.p10[i] * f)
            );
            for (name, values) in [
                ("Social Security", &inc.social_security),
                ("Spouse's benefit", &inc.spouse),
                ("Pensions and other income", &inc.other),
            ] {
                if values[i] > 0.0 {
                    text.push_str(&format!("\n{name} {}", usd_short(values[i] * f)));
                }
            }
            if inc.expenses[i] > 0.0 {
                text.push_str(&format!(
                    "\nPlanned expenses -{} (paid from the account)",
                    usd_short(inc.expenses[i] * f)
                ));
            }
            let outside = inc.social_security[i] + inc.spouse[i] + inc.other[i] - inc.expenses[i];
            text.push_str(&format!(
                "\nFrom the account (median) {}",
                usd_short((inc.bands.p50[i] - outside).max(0.0) * f)
            ));
            if let Some(after) = &hover.income_after_tax {
                text.push_str(&format!(
                    "\nAfter tax (median) {}",
                    usd_short(after.bands.p50[i] * f)
                ));
            }
            Some(text)
        })
        .show(ui, |plot| {
            let mut lower = vec![0.0; ages.len()];
            for (name, values, color) in [
                ("Social Security", &income.social_security, colors.bonds),
                ("Spouse's benefit", &income.spouse, colors.cash),
                ("Pensions and other income", &income.other, colors.crypto),
            ] {
                if values.iter().all(|v| *v == 0.0) {
                    continue;
                }
                let upper: Vec<f64> = lower
                    .iter()
                    .zip(scale(values))
                    .map(|(l, v)| l + v)
                    .collect();
                plot.add(
                    FilledArea::new(name, &ages, &lower, &upper).fill_color(faded(color, 150)),
                );
                lower = upper;
            }
            if income.expenses.iter().any(|v| *v > 0.0) {
                let zero = vec![0.0; ages.len()];
                let below: Vec<f64> = scale(&income.expenses).iter().map(|v| -v).collect();
                plot.add(
                    FilledArea::new(
                        "Planned expenses (paid from the account)",
                        &ages,
                        &below,
                        &zero,
                    )
                    .fill_color(faded(colors.bad_case, 140)),
                );
            }
            let b = &income.bands;
            let (p10, p50, p90) = (scale(&b.p10), scale(&b.p50), scale(&b.p90));
            plot.add(
                FilledArea::new("Total income, 10–90% of outcomes", &ages, &p10, &p90)
                    .fill_color(faded(colors.band, 60)),
            );
            plot.add(
                Line::new("Total income, median", points(&p50))
                    .color(colors.band)
                    .width(2.5),
            );
            plot.add(
                Line::new("Total income, bad case (10th percentile)", points(&p10))
                    .color(colors.bad_case)
                    .width(1.5)
                    .style(LineStyle::Dotted { spacing: 4.0 }),
            );
            if let Some(after) = &outcome.income_after_tax {
                plot.add(
                    Line::new("After tax, median", points(&scale(&after.bands.p50)))
                        .color(colors.after_tax)
                        .width(2.0)
                        .style(LineStyle::Dashed { length: 6.0 }),
                );
            }
        });
}

/// Tax by age in retirement: federal tax for the median path and for the
/// 1 in 10 that pays more, state tax, and the RMDs and Roth conversions
/// that drive it (medians), in today's or future dollars.
pub fn tax_chart(ui: &mut Ui, outcome: &Arc<Outcome>, nominal: bool, legend: bool, height: f32) {
    let Some(taxes) = &outcome.taxes else {
        return;
    };
    let colors = theme::of(ui.ctx());
    let ages: Vec<f64> = taxes.ages.iter().map(|&a| f64::from(a)).collect();
    let scale = |series: &[f64]| outcome.dollars(&taxes.ages, series, nominal);
    let points = |ys: Vec<f64>| -> PlotPoints<'static> {
        ages.iter().zip(ys).map(|(x, y)| [*x, y]).collect()
    };
    let any = |series: &[f64]| series.iter().any(|v| *v > 0.5);
    // Each line: its name, its series, its colour and how it is drawn.
    let lines: Vec<(&str, &Vec<f64>, Color32, Key)> = [
        (
            "Federal tax, median",
            &taxes.federal_tax.p50,
            colors.band,
            true,
        ),
        (
            "Federal tax, 1 in 10 pays more",
            &taxes.federal_tax.p90,
            colors.bad_case,
            true,
        ),
        (
            "State tax, median",
            &taxes.state_tax.p50,
            colors.cash,
            any(&taxes.state_tax.p50),
        ),
        (
            "RMD, median",
            &taxes.rmd.p50,
            colors.bonds,
            any(&taxes.rmd.p50),
        ),
        (
            "Roth conversion, median",
            &taxes.conversion.p50,
            colors.crypto,
            any(&taxes.conversion.p50),
        ),
    ]
    .into_iter()
    .filter(|(.., shown)| *shown)
    .enumerate()
    .map(|(i, (name, series, color, _))| {
        let key = match i {
            0 => Key::Line(color),
            1 => Key::Dotted(color),
            _ => Key::Dashed(color, 6.0),
        };
        (name, series, color, key)
    })
    .collect();
    let top = lines
        .iter()
        .flat_map(|(_, series, ..)| scale(series))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let keys = legend.then(|| {
        lines
            .iter()
            .map(|(name, _, _, key)| ((*name).to_owned(), *key))
            .collect()
    });
    let hover = Arc::clone(outcome);
    money_by_age_plot(ui, "tax chart", height, keys)
        .include_y(top * 1.1 + 1.0)
        .label_formatter(move |position| {
            let age = hovered_age(position);
            let t = hover.taxes.as_ref()?;
            let i = t.ages.iter().position(|&a| a == age)?;
            let f = hover.basis_factor(age, nominal);
            let mut text = format!(
                "Age {age}\nFederal tax, median {}\n1 in 10 pays more than {}",
                usd_short(t.federal_tax.p50[i] * f),
                usd_short(t.federal_tax.p90[i] * f)
            );
            for (name, series) in [
                ("State tax, median", &t.state_tax.p50),
                ("RMD, median", &t.rmd.p50),
                ("Roth conversion, median", &t.conversion.p50),
            ] {
                if series[i] > 0.5 {
                    text.push_str(&format!("\n{name} {}", usd_short(series[i] * f)));
                }
            }
            text.push_str(&format!(
                "\nTax ÷ income, median {}",
                percent(t.effective_rate.p50[i])
            ));
            if let Some(rate) = t.marginal_rate_p50.get(i) {
                text.push_str(&format!(
                    "\nTax on the next dollar (typical path) {}",
                    percent(*rate)
                ));
            }
            Some(text)
        })
        .show(ui, |plot| {
            for (name, series, color, key) in &lines {
                let line = Line::new(*name, points(scale(series))).color(*color);
                plot.add(match key {
                    Key::Line(_) => line.width(2.5),
                    Key::Dotted(_) => line.width(1.5).style(LineStyle::Dotted { spacing: 4.0 }),
                    _ => line.width(2.0).style(LineStyle::Dashed { length: 6.0 }),
                });
            }
        });
}

/// Bracket room: the typical path's ordinary taxable income by age as
/// stacked bars (other income, the RMD, the conversion), the brackets'
/// tops as steps across them, and the planning window shaded.
pub fn bracket_room_chart(ui: &mut Ui, room: &BracketRoom, legend: bool, height: f32) {
    let colors = theme::of(ui.ctx());
    let ages: Vec<f64> = room.ages.iter().map(|&a| f64::from(a)).collect();
    // Solid bars (a bar chart's own colour fills them faintly).
    let bars = |series: &[f64], colour: Color32| -> Vec<Bar> {
        ages.iter()
            .zip(series)
            .map(|(x, y)| {
                Bar::new(*x, *y)
                    .width(0.8)
                    .fill(colour)
                    .stroke(egui::Stroke::new(1.0, colour))
            })
            .collect()
    };
    let (other_colour, rmd_colour, conversion_colour, window_colour) = (
        faded(colors.band, 200),
        colors.bonds,
        colors.crypto,
        faded(colors.after_tax, 50),
    );
    let any = |series: &[f64]| series.iter().any(|v| *v > 0.5);
    let edges = room.edges_shown();
    let top = edges
        .iter()
        .flat_map(|e| e.top_usd.iter().copied())
        .fold(room.highest_usd(), f64::max);
    const OTHER: &str = "Other taxable income";
    const RMD: &str = "RMD";
    const CONVERSION: &str = "Roth conversion";
    const WINDOW: &str = "Planning window";
    let mut keys = vec![(OTHER.to_owned(), Key::Band(other_colour))];
    if any(&room.rmd_usd) {
        keys.push((RMD.to_owned(), Key::Band(rmd_colour)));
    }
    if any(&room.conversion_usd) {
        keys.push((CONVERSION.to_owned(), Key::Band(conversion_colour)));
    }
    keys.push((
        "Top of a bracket".to_owned(),
        Key::Dashed(colors.bad_case, 6.0),
    ));
    if room.planning_window.is_some() {
        keys.push((WINDOW.to_owned(), Key::Band(window_colour)));
    }
    let hover = room.clone();
    let (first, last) = (
        ages.first().copied().unwrap_or(0.0),
        ages.last().copied().unwrap_or(0.0),
    );
    money_by_age_plot(ui, "bracket room", height, legend.then_some(keys))
        .include_x(first - 0.5)
        .include_x(last + 5.5)
        .include_y(top * 1.08 + 1.0)
        .label_formatter(move |position| {
            let age = hovered_age(position);
            let i = hover.ages.iter().position(|&a| a == age)?;
            let taxable = hover.taxable_usd(i);
            let mut text = format!("Age {age}\nTaxable income {}", usd_short(taxable));
            for (name, series) in [(RMD, &hover.rmd_usd), (CONVERSION, &hover.conversion_usd)] {
                if series[i] > 0.5 {
                    text.push_str(&format!("\n  of it, {name} {}", usd_short(series[i])));
                }
            }
            if let Some((rate, left)) = hover.room_left(i) {
                text.push_str(&format!(
                    "\nRoom left in the {} bracket {}",
                    percent(rate),
                    usd_short(left)
                ));
            }
            Some(text)
        })
        .show(ui, |plot| {
            if let Some([from, until]) = room.planning_window {
                plot.add(
                    // No label of its own: the legend names it.
                    egui_plot::Span::new("", f64::from(from) - 0.5..=f64::from(until) + 0.5)
                        .fill(window_colour)
                        .border_width(0.0),
                );
            }
            // The bars answer hovering through the plot's label, by age.
            let other =
                BarChart::new(OTHER, bars(&room.other_usd, other_colour)).allow_hover(false);
            let rmd = BarChart::new(RMD, bars(&room.rmd_usd, rmd_colour))
                .allow_hover(false)
                .stack_on(&[&other]);
            let conversion =
                BarChart::new(CONVERSION, bars(&room.conversion_usd, conversion_colour))
                    .allow_hover(false)
                    .stack_on(&[&other, &rmd]);
            plot.add(other);
            plot.add(rmd);
            plot.add(conversion);
            for edge in edges {
                let name = format!("Top of the {} bracket", percent(edge.rate));
                let steps: PlotPoints<'static> = ages
                    .iter()
                    .zip(&edge.top_usd)
                    .flat_map(|(x, y)| [[x - 0.5, *y], [x + 0.5, *y]])
                    .collect();
                plot.add(
                    Line::new(name.clone(), steps)
                        .color(colors.bad_case)
                        .width(1.5)
                        .style(LineStyle::Dashed { length: 6.0 }),
                );
                let at = edge.top_usd.last().copied().unwrap_or(0.0);
                // Beside the last year, in the room the x axis leaves there.
                plot.add(
                    Text::new(
                        name,
                        PlotPoint::new(last + 0.7, at),
                        egui::RichText::new(format!("top of {}", percent(edge.rate))).size(12.0),
                    )
                    .color(colors.bad_case)
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
        });
}

//! The scenarios side by side: every scenario's median (or bad case) by age
//! on one chart, the chance the money lasts by age together, and a table of
//! the headline figures with each variant's difference from the base. Each
//! scenario keeps its colour and line style everywhere; the best value of
//! each row is marked by more than colour (bold, and the word "best").

use std::sync::Arc;

use egui::{Grid, RichText, Ui};
use egui_plot::{Line, PlotPoints};

use crate::app::charts::{self, still_plot};
use crate::app::theme;
use crate::outcome::Outcome;
use crate::units::{percent, points, signed_usd, usd_short};

/// The comparison of one frame.
pub struct Comparison<'a> {
    /// Every scenario's name, the base first.
    pub names: &'a [String],
    /// Every scenario's last outcome, the base first.
    pub outcomes: &'a [Option<Arc<Outcome>>],
    /// Show future dollars.
    pub nominal: bool,
}

/// One row of the table: a label, how to read a scenario's value, how to
/// show it and its difference, and which way is better.
struct Row {
    label: &'static str,
    tooltip: &'static str,
    value: fn(&Outcome) -> Option<f64>,
    show: fn(f64) -> String,
    difference: fn(f64) -> String,
    higher_is_better: bool,
}

impl Comparison<'_> {
    /// Draws the comparison.
    pub fn ui(&self, ui: &mut Ui) {
        let id = egui::Id::unique("compare bad case");
        let mut bad_case = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
        ui.horizontal(|ui| {
            ui.label("Show each scenario's");
            ui.radio_value(&mut bad_case, false, "median")
                .on_hover_text("Half of outcomes are better");
            ui.radio_value(&mut bad_case, true, "bad case (1 in 10)")
                .on_hover_text("The 10th percentile: 1 outcome in 10 is worse");
        });
        ui.data_mut(|d| d.insert_temp(id, bad_case));
        let table_height = 7.0 * 40.0;
        let colours = theme::of(ui.ctx()).scenarios;
        let keys: Vec<(String, charts::Key)> = self
            .present()
            .map(|(i, name, _)| (name.to_owned(), charts::scenario_key(colours[i.min(3)], i)))
            .collect();
        // One key for both charts, above them.
        let used = charts::legend_row(ui, &keys);
        let height = (ui.available_height() - table_height - 30.0).max(200.0 + used) - used;
        ui.horizontal_top(|ui| {
            let width = ui.available_width();
            ui.vertical(|ui| {
                ui.set_width(width * 0.6);
                let what = if bad_case { "bad case" } else { "median" };
                let dollars = if self.nominal { "future" } else { "today's" };
                ui.label(
                    RichText::new(format!("Balance by age, {what}, {dollars} dollars")).strong(),
                );
                self.balances(ui, bad_case, height - 24.0);
            });
            ui.vertical(|ui| {
                ui.label(RichText::new("Chance the money lasts to each age").strong());
                self.survival(ui, height - 24.0);
            });
        });
        ui.add_space(6.0);
        self.table(ui);
    }

    fn present(&self) -> impl Iterator<Item = (usize, &str, &Outcome)> {
        self.names
            .iter()
            .zip(self.outcomes)
            .enumerate()
            .filter_map(|(i, (name, o))| Some((i, name.as_str(), o.as_deref()?)))
    }

    fn balances(&self, ui: &mut Ui, bad_case: bool, height: f32) {
        let colors = theme::of(ui.ctx()).scenarios;
        still_plot("compare balances", height)
            .include_y(0.0)
            .x_axis_label("Age")
            .y_axis_formatter(|mark, _| usd_short(mark.value))
            .show(ui, |plot| {
                for (i, name, outcome) in self.present() {
                    let series = if bad_case {
                        &outcome.portfolio.bands.p10
                    } else {
                        &outcome.portfolio.bands.p50
                    };
                    let points: PlotPoints<'static> = outcome
                        .ages
                        .iter()
                        .zip(series)
                        .map(|(&age, v)| {
                            [f64::from(age), v * outcome.basis_factor(age, self.nominal)]
                        })
                        .collect();
                    plot.add(
                        Line::new(name.to_owned(), points)
                            .color(colors[i.min(3)])
                            .style(theme::scenario_line(i))
                            .width(2.0),
                    );
                }
            });
    }

    fn survival(&self, ui: &mut Ui, height: f32) {
        let colors = theme::of(ui.ctx()).scenarios;
        still_plot("compare survival", height)
            .include_y(0.0)
            .include_y(100.0)
            // A narrow chart: ages need less room than egui_plot's default.
            .custom_x_axes(vec![
                egui_plot::AxisHints::new_x()
                    .label("Age")
                    .label_spacing(28.0..=40.0),
            ])
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
            .show(ui, |plot| {
                for (i, name, outcome) in self.present() {
                    let points: PlotPoints<'static> = outcome
                        .ages
                        .iter()
                        .zip(&outcome.portfolio.survival)
                        .map(|(&age, s)| [f64::from(age), s * 100.0])
                        .collect();
                    plot.add(
                        Line::new(name.to_owned(), points)
                            .color(colors[i.min(3)])
                            .style(theme::scenario_line(i))
                            .width(2.0),
                    );
                }
            });
    }

    fn table(&self, ui: &mut Ui) {
        let plan_to = self.present().next().map_or(0, |(_, _, o)| o.plan_to_age());
        let rows = [
            Row {
                label: "Chance the money lasts",
                tooltip: "The share of simulated futures in which the account pays every withdrawal to the plan-to age",
                value: |o| Some(o.portfolio.success_probability),
                show: |v| percent((v * 100.0).round() / 100.0),
                difference: |d| points(d),
                higher_is_better: true,
            },
            Row {
                label: "Balance at retirement, median",
                tooltip: "Half of outcomes are better; in today's dollars",
                value: |o| Some(o.portfolio.retirement.balance.p50),
                show: usd_short,
                difference: signed_usd,
                higher_is_better: true,
            },
            Row {
                label: "Balance at retirement, bad case",
                tooltip: "The 10th percentile: 1 outcome in 10 is worse",
                value: |o| Some(o.portfolio.retirement.balance.p10),
                show: usd_short,
                difference: signed_usd,
                higher_is_better: true,
            },
            Row {
                label: "Monthly income, median, before tax",
                tooltip: "The first retirement year's income (what the account pays plus Social Security), a month",
                value: |o| Some(o.portfolio.retirement.annual_income.p50 / 12.0),
                show: usd_short,
                difference: |d| format!("{}/mo", signed_usd(d)),
                higher_is_better: true,
            },
            Row {
                label: "Monthly income, bad case, before tax",
                tooltip: "1 outcome in 10 is worse",
                value: |o| Some(o.portfolio.retirement.annual_income.p10 / 12.0),
                show: usd_short,
                difference: |d| format!("{}/mo", signed_usd(d)),
                higher_is_better: true,
            },
            Row {
                label: "Monthly income, median, after tax",
                tooltip: "The first retirement year's income after federal and state tax, a month (plans with taxes)",
                value: |o| {
                    o.portfolio
                        .retirement
                        .annual_income_after_tax
                        .as_ref()
                        .map(|a| a.p50 / 12.0)
                },
                show: usd_short,
                difference: |d| format!("{}/mo", signed_usd(d)),
                higher_is_better: true,
            },
            Row {
                label: "Tax over the whole plan, median",
                tooltip: "Federal and state tax of every year, added up, in today's dollars (plans with taxes)",
                value: |o| o.taxes.as_ref().map(|t| t.lifetime_tax.p50),
                show: usd_short,
                difference: signed_usd,
                higher_is_better: false,
            },
            Row {
                label: "Bad case: money runs out by",
                tooltip: "The first age at which fewer than 9 in 10 simulated futures still have money",
                // Money that lasts counts as one year past the plan.
                value: |o| Some(f64::from(o.depletion_age_p10_or_past())),
                show: |v| format!("{v:.0}"),
                difference: |d| format!("{d:+.0} years"),
                higher_is_better: true,
            },
        ];
        let present: Vec<(usize, &str, &Outcome)> = self.present().collect();
        Grid::new("comparison table")
            .num_columns(present.len() + 1)
            .striped(true)
            .spacing(egui::vec2(18.0, 4.0))
            .show(ui, |ui| {
                ui.label("");
                for (i, name, _) in &present {
                    ui.horizontal(|ui| {
                        charts::scenario_swatch(ui, *i);
                        ui.label(RichText::new(*name).strong());
                    });
                }
                ui.end_row();
                for row in &rows {
                    let values: Vec<Option<f64>> =
                        present.iter().map(|(_, _, o)| (row.value)(o)).collect();
                    // A figure no scenario has (the taxes of plans before
                    // tax) is not a row.
                    if values.iter().all(Option::is_none) {
                        continue;
                    }
                    ui.label(row.label).on_hover_text(row.tooltip);
                    let best =
                        values
                            .iter()
                            .flatten()
                            .copied()
                            .fold(None, |best: Option<f64>, v| match best {
                                Some(b) if (v > b) != row.higher_is_better || v == b => Some(b),
                                _ => Some(v),
                            });
                    let base = values.first().copied().flatten();
                    let all_equal = values.iter().all(|v| *v == base);
                    for (k, value) in values.iter().enumerate() {
                        let Some(v) = value else {
                            ui.weak("…");
                            continue;
                        };
                        ui.vertical(|ui| {
                            let mut text = if row.label.starts_with("Bad case: money")
                                && *v > f64::from(plan_to)
                            {
                                format!("lasts past {plan_to}")
                            } else {
                                (row.show)(*v)
                            };
                            let is_best = !all_equal && Some(*v) == best;
                            if is_best {
                                text = format!("{text} (best)");
                            }
                            let rich = RichText::new(text);
                            ui.label(if is_best { rich.strong() } else { rich })
                                .on_hover_text(if is_best {
                                    "The best of the scenarios"
                                } else {
                                    ""
                                });
                            if k > 0
                                && let Some(b) = base
                            {
                                ui.weak((row.difference)(v - b));
                            }
                        });
                    }
                    ui.end_row();
                }
            });
    }
}

//! Answers on screen: "What would give 90%?" beside the cards, and the
//! Sleeve tab, where the chance and the bad case at retirement are drawn
//! against the sleeve's weight under every crypto view (or against another
//! field), with the allocations firms have published shown as context.
//! The engine answers in the background after the plan's own run; these
//! panels only ask and draw.

use egui::{ComboBox, RichText, Ui};
use egui_plot::{Line, LineStyle, PlotPoint, PlotPoints, Polygon, Text, VLine};

use super::super::Command;
use super::super::charts::{self, still_plot};
use super::super::theme;
use super::super::worker::{Asks, SweepAsk};
use super::stress::StressPick;
use crate::engine::questions::{Answer, Field, SweepRow};
use crate::plan::Plan;
use crate::plan::defaults::shipped;
use crate::plan::retirement::Withdrawal;
use crate::report::money::{percent, usd, usd_short};

/// What the user asks, kept while the app runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Questions {
    /// The field to solve for (`None`: the first that applies).
    pub solve_field: Option<Field>,
    /// The chance to reach, in percent.
    pub target_percent: f64,
    /// The field the Sleeve tab sweeps.
    pub sweep_field: Field,
    /// The stress test on, if any.
    pub stress: StressPick,
    /// The path the year-by-year tab shows.
    pub explain_path: super::year_by_year::WhichPath,
}

impl Default for Questions {
    fn default() -> Self {
        Questions {
            solve_field: None,
            target_percent: 90.0,
            sweep_field: Field::SleeveWeight,
            stress: StressPick::default(),
            explain_path: Default::default(),
        }
    }
}

/// The views the sleeve sweep draws, with their labels.
const VIEWS: [(&str, &str); 4] = [
    ("skeptic", "Skeptic"),
    ("neutral", "Neutral"),
    ("optimist", "Optimist"),
    ("plan", "Your assumption"),
];

impl Questions {
    /// The solve field for `plan`: the one chosen if it applies, else the
    /// first that does.
    pub fn solve_field_for(&self, plan: &Plan) -> Option<Field> {
        self.solve_field
            .filter(|f| f.solve_refusal(plan).is_none())
            .or_else(|| {
                Field::SOLVABLE
                    .into_iter()
                    .find(|f| f.solve_refusal(plan).is_none())
            })
    }

    /// What to ask the engine about `plan`, given what is on screen.
    pub fn asks(
        &self,
        plan: &Plan,
        cards_shown: bool,
        sweep_shown: bool,
        explain_shown: bool,
    ) -> Asks {
        Asks {
            solve: cards_shown
                .then(|| self.solve_field_for(plan))
                .flatten()
                .map(|f| (f, self.target_percent / 100.0)),
            sweep: sweep_shown.then(|| sweep_ask(plan, self.sweep_field)),
            // The sleeve card says it.
            break_even: cards_shown && plan.allocation.sleeve.is_some(),
            stress: self.stress.chosen(plan),
            // The chance card says it: the other kind of returns beside
            // the plan's, for the plan as written.
            beside: cards_shown,
            explain: explain_shown,
        }
    }

    /// "What would give [90]%?" with the answer in words and "Apply".
    pub fn solve_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        answer: Option<&Result<Answer, String>>,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.label("What would give a");
            ui.add(
                egui::DragValue::new(&mut self.target_percent)
                    .range(1.0..=99.0)
                    .speed(0.5)
                    .fixed_decimals(0)
                    .suffix("%"),
            )
            .on_hover_text("The chance the money lasts to aim for");
            let label = ui.label("chance, changing");
            let chosen = self.solve_field_for(plan);
            ComboBox::from_id_salt("solve field")
                .selected_text(chosen.map_or("nothing", field_label))
                .show_ui(ui, |ui| {
                    for field in Field::SOLVABLE {
                        match field.solve_refusal(plan) {
                            None => {
                                if ui
                                    .selectable_label(chosen == Some(field), field_label(field))
                                    .clicked()
                                {
                                    self.solve_field = Some(field);
                                }
                            }
                            Some(why) => {
                                ui.add_enabled(false, egui::Button::new(field_label(field)))
                                    .on_disabled_hover_text(why);
                            }
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.label("?");
        });
        let Some(field) = self.solve_field_for(plan) else {
            return;
        };
        match answer {
            None => {
                ui.weak("Working it out…");
            }
            Some(Err(e)) => {
                ui.colored_label(theme::of(ui.ctx()).error, e);
            }
            Some(Ok(answer)) => {
                let current = field.lever(plan).get(plan).unwrap_or(0.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(answer_words(plan, field, answer, current)).strong());
                    if answer.reachable && answer.value != current && ui.button("Apply").clicked() {
                        commands.push(Command::Apply(field, answer.value));
                    }
                });
            }
        }
    }

    /// The Sleeve tab: the sweep's charts and the published ranges.
    pub fn sweep_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        sweep: Option<&(SweepAsk, Result<Vec<SweepRow>, String>)>,
        height: f32,
    ) {
        ui.horizontal(|ui| {
            let label = ui.label("Against");
            ComboBox::from_id_salt("sweep field")
                .selected_text(field_label(self.sweep_field))
                .show_ui(ui, |ui| {
                    for field in [
                        Field::SleeveWeight,
                        Field::ContributionRate,
                        Field::RetirementAge,
                        Field::Spending,
                        Field::PlanFee,
                    ] {
                        ui.selectable_value(&mut self.sweep_field, field, field_label(field));
                    }
                })
                .response
                .labelled_by(label.id);
            if self.sweep_field == Field::SleeveWeight {
                ui.weak("one line per crypto view, on the same simulated markets");
            }
        });
        let rows = match sweep {
            Some((ask, Ok(rows))) if ask.field == self.sweep_field => rows.as_slice(),
            Some((ask, Err(e))) if ask.field == self.sweep_field => {
                ui.colored_label(theme::of(ui.ctx()).error, e);
                return;
            }
            _ => &[],
        };
        if rows.is_empty() {
            ui.weak("Working it out…");
        }
        let field = self.sweep_field;
        let current = if field == Field::SleeveWeight {
            plan.allocation.sleeve.as_ref().map_or(0.0, |s| s.weight)
        } else {
            field.lever(plan).get(plan).unwrap_or(0.0)
        };
        let ranges_height = if field == Field::SleeveWeight {
            120.0
        } else {
            0.0
        };
        let chart_height = ((height - ranges_height - 60.0) / 2.0).max(150.0);
        let colors = theme::of(ui.ctx()).scenarios;
        let x_scale = if is_share(field, plan) { 100.0 } else { 1.0 };
        ui.vertical(|ui| {
            for (title, id, figure, money) in [
                ("Chance the money lasts", "sweep chance", 0, false),
                (
                    "Balance at retirement, bad case (1 in 10)",
                    "sweep bad case",
                    1,
                    true,
                ),
            ] {
                ui.label(RichText::new(title).strong());
                let mut keys: Vec<(String, charts::Key)> = rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let label = VIEWS
                            .iter()
                            .find(|(id, _)| *id == row.view)
                            .map_or(row.view.as_str(), |(_, l)| l);
                        (label.to_owned(), charts::scenario_key(colors[i.min(3)], i))
                    })
                    .collect();
                keys.push((
                    "Your plan".to_owned(),
                    charts::Key::Dotted(egui::Color32::GRAY),
                ));
                let used = charts::legend_row(ui, &keys);
                let mut p = still_plot(id, (chart_height - used).max(100.0))
                    .include_y(0.0)
                    .x_axis_label(axis_label(field, plan));
                p = if money {
                    p.y_axis_formatter(|mark, _| usd_short(mark.value))
                } else {
                    p.include_y(100.0)
                        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
                };
                if x_scale == 100.0 {
                    p = p.x_axis_formatter(|mark, _| format!("{:.0}%", mark.value));
                }
                p.show(ui, |plot| {
                    for (i, row) in rows.iter().enumerate() {
                        let label = VIEWS
                            .iter()
                            .find(|(id, _)| *id == row.view)
                            .map_or(row.view.as_str(), |(_, l)| l);
                        let points: PlotPoints<'static> = row
                            .cells
                            .iter()
                            .map(|c| {
                                let y = if figure == 0 {
                                    c.success_probability * 100.0
                                } else {
                                    c.retirement.balance.p10
                                };
                                [c.value * x_scale, y]
                            })
                            .collect();
                        plot.add(
                            Line::new(label.to_owned(), points)
                                .color(colors[i.min(3)])
                                .style(theme::scenario_line(i))
                                .width(2.0),
                        );
                    }
                    plot.add(
                        VLine::new("Your plan", current * x_scale)
                            .color(egui::Color32::GRAY)
                            .style(LineStyle::Dotted { spacing: 4.0 }),
                    );
                });
            }
            if field == Field::SleeveWeight {
                published_ranges(ui, ranges_height);
            }
        });
    }
}

/// The allocations firms have published, one bar each, with its note and
/// source in the tooltip: what others publish, never advice.
fn published_ranges(ui: &mut Ui, height: f32) {
    ui.label(RichText::new("What firms have published (context, not advice)").strong())
        .on_hover_text("Ranges of bitcoin allocation that firms have published, with their sources: what others say, not a recommendation");
    let ranges = &shipped().published_ranges;
    let color = theme::of(ui.ctx()).crypto;
    let response = still_plot("published ranges", height)
        .show_axes([true, false])
        .include_x(0.0)
        .include_x(20.0)
        .include_y(-0.5)
        .include_y(ranges.len() as f64 - 0.5)
        .x_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .label_formatter(|_| None)
        .show(ui, |plot| {
            for (i, r) in ranges.iter().enumerate() {
                let y = (ranges.len() - 1 - i) as f64;
                let (low, high) = (r.low * 100.0, (r.high * 100.0).min(20.0));
                plot.add(
                    Polygon::new(
                        r.name.clone(),
                        PlotPoints::from(vec![
                            [low, y - 0.3],
                            [high, y - 0.3],
                            [high, y + 0.3],
                            [low, y + 0.3],
                        ]),
                    )
                    .fill_color(color.gamma_multiply(0.35))
                    .stroke(egui::Stroke::new(1.0, color)),
                );
                // A label beside its bar, or inside it where the bar runs to
                // the chart's edge.
                let (x, anchor) = if high > 14.0 {
                    (low + 0.2, egui::Align2::LEFT_CENTER)
                } else {
                    (high + 0.2, egui::Align2::LEFT_CENTER)
                };
                plot.add(
                    Text::new(
                        "",
                        PlotPoint::new(x, y),
                        RichText::new(format!("{} {}", r.name, r.note)).size(12.0),
                    )
                    .anchor(anchor),
                );
            }
        });
    let sources: Vec<String> = ranges
        .iter()
        .map(|r| format!("{}: {} ({}), {}", r.name, r.note, r.date, r.source))
        .collect();
    response.response.on_hover_text(sources.join("\n"));
}

/// The sweep the Sleeve tab asks for `field`, around the plan.
fn sweep_ask(plan: &Plan, field: Field) -> SweepAsk {
    let steps = |low: f64, high: f64, step: f64| -> Vec<f64> {
        let n = ((high - low) / step + 1e-9).floor().max(0.0) as usize;
        (0..=n)
            .map(|i| ((low + i as f64 * step) * 1e10).round() / 1e10)
            .collect()
    };
    let values = match (field, plan.retirement.withdrawal) {
        (Field::SleeveWeight, _) => steps(0.0, 0.20, 0.01),
        (Field::ContributionRate, _) => steps(0.0, 0.25, 0.01),
        (Field::RetirementAge, _) => {
            let age = f64::from(
                plan.saver
                    .age
                    .max(plan.saver.retirement_age.saturating_sub(10)),
            );
            let last = f64::from(plan.saver.plan_to_age.saturating_sub(1)).min(age + 15.0);
            steps(age, last.max(age), 1.0)
        }
        (Field::Spending, Withdrawal::FixedReal(amount)) => {
            let step = (amount / 10.0 / 1_000.0).round().max(1.0) * 1_000.0;
            steps((amount - 10.0 * step).max(0.0), amount + 10.0 * step, step)
        }
        (Field::Spending, _) => steps(0.02, 0.08, 0.0025),
        (Field::PlanFee, _) => steps(0.0, 0.01, 0.0005),
        (Field::Balance, _) => {
            let b = plan.saver.balance.max(10_000.0);
            steps(0.0, 2.0 * b, (b / 10.0).round().max(1.0))
        }
    };
    let views = if field == Field::SleeveWeight {
        VIEWS.iter().map(|(id, _)| *id).collect()
    } else {
        vec!["plan"]
    };
    SweepAsk {
        field,
        values,
        views,
    }
}

fn is_share(field: Field, plan: &Plan) -> bool {
    match field {
        Field::Balance | Field::RetirementAge => false,
        Field::Spending => !matches!(plan.retirement.withdrawal, Withdrawal::FixedReal(_)),
        _ => true,
    }
}

fn axis_label(field: Field, plan: &Plan) -> String {
    match field {
        Field::SleeveWeight => "Sleeve weight (share of the account)".into(),
        Field::ContributionRate => "Your contribution rate (share of pay)".into(),
        Field::RetirementAge => "Retirement age".into(),
        Field::PlanFee => "Plan fee a year".into(),
        Field::Balance => "Balance today".into(),
        Field::Spending => match plan.retirement.withdrawal {
            Withdrawal::FixedReal(_) => "Income a year, before tax, today's dollars".into(),
            _ => "Withdrawal rate".into(),
        },
    }
}

/// A field as a person names it.
pub fn field_label(field: Field) -> &'static str {
    match field {
        Field::ContributionRate => "how much you save",
        Field::Balance => "your balance today",
        Field::Spending => "your spending",
        Field::RetirementAge => "when you retire",
        Field::SleeveWeight => "the sleeve's weight",
        Field::PlanFee => "the plan fee",
    }
}

/// The answer in words: "Save 11.3% of pay instead of 8%".
fn answer_words(plan: &Plan, field: Field, answer: &Answer, current: f64) -> String {
    let target = percent(answer.target);
    let value = answer.value;
    let fixed = matches!(plan.retirement.withdrawal, Withdrawal::FixedReal(_));
    let say = |v: f64| -> String {
        match field {
            Field::ContributionRate => format!("{} of pay", percent(v)),
            Field::Balance => usd(v),
            Field::Spending if fixed => format!("{} a year before tax", usd(v)),
            Field::Spending => format!("{} a year", percent(v)),
            Field::RetirementAge => format!("{v:.0}"),
            Field::SleeveWeight | Field::PlanFee => percent(v),
        }
    };
    if !answer.reachable {
        return format!(
            "No change to {} reaches {target}: the best is {} at {}",
            field_label(field),
            percent((answer.success_probability * 100.0).round() / 100.0),
            say(value)
        );
    }
    if value == current {
        return format!("Your plan already gives {target} or more");
    }
    match field {
        Field::ContributionRate => format!("Save {} instead of {}", say(value), percent(current)),
        Field::Balance => format!(
            "Have {} saved today instead of {}",
            say(value),
            usd(current)
        ),
        Field::Spending if fixed => {
            format!("Spend up to {} (instead of {})", say(value), usd(current))
        }
        Field::Spending => format!(
            "Withdraw up to {} (instead of {})",
            say(value),
            percent(current)
        ),
        Field::RetirementAge => format!("Retire at {} instead of {current:.0}", say(value)),
        Field::SleeveWeight | Field::PlanFee => {
            format!("{} instead of {}", say(value), percent(current))
        }
    }
}

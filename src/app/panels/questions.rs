//! Answers on screen: "What would give 90%?" beside the cards, and the
//! Sleeve tab, where the chance and the bad case at retirement are drawn
//! against the sleeve's weight under every crypto view (or against another
//! field), with the allocations firms have published shown as context.
//! The engine answers in the background after the plan's own run; these
//! panels only ask and draw.

use egui::{ComboBox, RichText, Ui};
use egui_plot::{Line, LineStyle, PlotPoint, PlotPoints, Polygon, Text, VLine};

use super::stress::StressPick;
use crate::app::Command;
use crate::app::charts::{self, still_plot};
use crate::app::results::{Asks, Results, view_of};
use crate::app::theme;
use crate::engine::questions::{Answer, Field, SweepRow, SweepView};
use crate::engine::{Found, Question, SweepAsk};
use crate::plan::Plan;
use crate::plan::defaults::shipped;
use crate::units::usd_short;

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

/// What the screen shows, for the questions to ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OnScreen {
    /// The cards (every tab but the comparison).
    pub cards: bool,
    /// The Sleeve tab's sweep.
    pub sweep: bool,
    /// The year-by-year tab.
    pub explain: bool,
    /// The Taxes tab's comparison of the tax choices.
    pub taxes: bool,
}

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

    /// The solve on screen for `plan`, if any applies.
    pub fn solve_question(&self, plan: &Plan) -> Option<Question> {
        self.solve_field_for(plan).map(|field| Question::Solve {
            field,
            target: self.target_percent / 100.0,
        })
    }

    /// The sweep the Sleeve tab draws for `plan`.
    pub fn sweep_question(&self, plan: &Plan) -> Question {
        Question::Sweep(SweepAsk::around(plan, self.sweep_field))
    }

    /// What to ask the engine about `plan`, given what is on screen, in the
    /// order the answers are wanted.
    pub fn asks(&self, plan: &Plan, on_screen: OnScreen) -> Asks {
        let mut questions = Vec::new();
        if on_screen.cards {
            questions.extend(self.solve_question(plan));
            // The sleeve card says it.
            if plan.allocation.sleeve.is_some() {
                questions.push(Question::BreakEven);
            }
            // The chance card says it: the other kind of returns beside
            // the plan's, for the plan as written.
            questions.push(Question::Beside);
            // The Roth card says it.
            if shows_roth_card(plan) {
                questions.push(Question::RothChanges);
            }
        }
        if on_screen.explain {
            questions.extend(super::year_by_year::WhichPath::ALL.map(|w| w.question()));
        }
        if on_screen.sweep {
            questions.push(self.sweep_question(plan));
        }
        if on_screen.taxes && plan.taxes.is_some() {
            questions.push(Question::TaxAnswers);
        }
        Asks {
            stress: self.stress.chosen(plan),
            questions,
        }
    }

    /// "What would give [90]%?" with the answer in words and "Apply".
    pub fn solve_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        results: &Results,
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
                .selected_text(chosen.map_or("nothing", Field::short_label))
                .show_ui(ui, |ui| {
                    for field in Field::SOLVABLE {
                        match field.solve_refusal(plan) {
                            None => {
                                if ui
                                    .selectable_label(chosen == Some(field), field.short_label())
                                    .clicked()
                                {
                                    self.solve_field = Some(field);
                                }
                            }
                            Some(why) => {
                                ui.add_enabled(false, egui::Button::new(field.short_label()))
                                    .on_disabled_hover_text(refusal_words(field, &why));
                            }
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.label("?");
        });
        let Some(question) = self.solve_question(plan) else {
            return;
        };
        let Question::Solve { field, .. } = question else {
            return;
        };
        // The last answer stays while the new one is worked out.
        let solved = results.latest(&question).and_then(|a| {
            view_of(a, |found| match found {
                Found::Solved(answer) => Some(answer),
                _ => None,
            })
        });
        match solved {
            None => {
                ui.weak("Working it out…");
            }
            Some(Err(e)) => {
                ui.colored_label(theme::of(ui.ctx()).error, e.to_string());
            }
            Some(Ok(answer)) => answer_line(ui, plan, field, answer, commands),
        }
    }

    /// The Sleeve tab: the sweep's charts and the published ranges.
    pub fn sweep_ui(&mut self, ui: &mut Ui, plan: &Plan, results: &Results, height: f32) {
        ui.horizontal(|ui| {
            let label = ui.label("Against");
            ComboBox::from_id_salt("sweep field")
                .selected_text(self.sweep_field.short_label())
                .show_ui(ui, |ui| {
                    for field in Field::SWEPT_IN_THE_APP {
                        // A claiming age needs the benefit on the SSA statement
                        // (and a spouse for theirs).
                        if field.lever(plan).get(plan).is_some() {
                            ui.selectable_value(&mut self.sweep_field, field, field.short_label());
                        } else {
                            ui.add_enabled(false, egui::Button::new(field.short_label()))
                                .on_disabled_hover_text(match field {
                                    Field::SpouseClaimAge => "Add a spouse under Retirement to sweep their claiming age",
                                    _ => "Enter your Social Security as the monthly benefit at full retirement age (Retirement) to sweep the claiming age",
                                });
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            if self.sweep_field == Field::SleeveWeight {
                ui.weak("one line per crypto view, on the same simulated markets");
            }
            if self.sweep_field == Field::PrivateWeight {
                ui.weak("one line per private-market view, each after its own fees, on the same simulated markets");
            }
        });
        // The last rows of this field stay while the new ones are made.
        let swept = results.latest(&self.sweep_question(plan)).and_then(|a| {
            view_of(a, |found| match found {
                Found::Swept(rows) => Some(rows.as_slice()),
                _ => None,
            })
        });
        let rows = match swept {
            Some(Ok(rows)) => rows,
            Some(Err(e)) => {
                ui.colored_label(theme::of(ui.ctx()).error, e.to_string());
                return;
            }
            None => &[],
        };
        if rows.is_empty() {
            ui.weak("Working it out…");
        }
        let field = self.sweep_field;
        let current = field.current(plan);
        let ranges_height = if field == Field::SleeveWeight {
            120.0
        } else {
            0.0
        };
        // Each chart tall enough to read (a legend, a plot of at least 160
        // points); when the tab is shorter than both charts and the ranges,
        // it scrolls rather than squeezing them.
        let chart_height = ((height - ranges_height - 60.0) / 2.0).max(230.0);
        let ranges_height = if field == Field::SleeveWeight {
            30.0 + 22.0 * shipped().published_ranges.len() as f32
        } else {
            ranges_height
        };
        egui::ScrollArea::vertical()
            .id_salt("sweep charts")
            .max_height(height.max(200.0))
            .show(ui, |ui| {
            for figure in [SweepFigure::Chance, SweepFigure::BadCase] {
                sweep_chart(ui, plan, field, rows, current, figure, chart_height);
            }
            if field == Field::SleeveWeight {
                published_ranges(ui, ranges_height);
            }
            if field == Field::PrivateWeight {
                ui.label(RichText::new("What others hold (context, not advice)").strong());
                ui.label("BlackRock's target-date fund with private markets, announced in 2025, holds 5% to 20% of it in private investments; the funds that add them hold them beside an index core, as this sleeve does. A plan without a private sleeve is swept as private equity under \"Your assumption\".");
            }
        });
    }
}

/// The answer in words, with "Apply" where it changes the plan.
fn answer_line(
    ui: &mut Ui,
    plan: &Plan,
    field: Field,
    answer: &Answer,
    commands: &mut Vec<Command>,
) {
    let current = field.current(plan);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(answer.in_words(plan, field)).strong());
        if answer.reachable && answer.value != current && ui.button("Apply").clicked() {
            commands.push(Command::Apply(field, answer.value));
        }
    });
}

/// What a sweep chart draws against the field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SweepFigure {
    /// The chance the money lasts.
    Chance,
    /// The balance at retirement in the bad case.
    BadCase,
}

/// One of the sweep's charts: one line per view, the plan's value marked.
fn sweep_chart(
    ui: &mut Ui,
    plan: &Plan,
    field: Field,
    rows: &[SweepRow],
    current: f64,
    figure: SweepFigure,
    height: f32,
) {
    let (title, id) = match figure {
        SweepFigure::Chance => ("Chance the money lasts", "sweep chance"),
        SweepFigure::BadCase => (
            "Balance at retirement, bad case (1 in 10)",
            "sweep bad case",
        ),
    };
    // The scenarios' four hues, then two more for the private views' six
    // lines (never the same hue twice on one chart).
    let theme = theme::of(ui.ctx());
    let colors = [
        theme.scenarios[0],
        theme.scenarios[1],
        theme.scenarios[2],
        theme.scenarios[3],
        theme.private,
        theme.bonds,
    ];
    let x_scale = if field.is_share(plan) { 100.0 } else { 1.0 };
    let view_name = |row: &SweepRow| {
        SweepView::parse(&row.view).map_or(row.view.clone(), |v| v.name().to_owned())
    };
    ui.label(RichText::new(title).strong());
    let mut keys: Vec<(String, charts::Key)> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (view_name(row), charts::scenario_key(colors[i.min(5)], i)))
        .collect();
    keys.push((
        "Your plan".to_owned(),
        charts::Key::Dotted(egui::Color32::GRAY),
    ));
    let used = charts::legend_row(ui, &keys);
    let mut p = still_plot(id, (height - used).max(100.0))
        .include_y(0.0)
        .x_axis_label(field.axis_label(plan));
    p = match figure {
        SweepFigure::BadCase => p.y_axis_formatter(|mark, _| usd_short(mark.value)),
        SweepFigure::Chance => p
            .include_y(100.0)
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value)),
    };
    if x_scale == 100.0 {
        p = p.x_axis_formatter(|mark, _| format!("{:.0}%", mark.value));
    }
    p.show(ui, |plot| {
        for (i, row) in rows.iter().enumerate() {
            let points: PlotPoints<'static> = row
                .cells
                .iter()
                .map(|c| {
                    let y = match figure {
                        SweepFigure::Chance => c.success_probability * 100.0,
                        SweepFigure::BadCase => c.retirement.balance.p10,
                    };
                    [c.value * x_scale, y]
                })
                .collect();
            plot.add(
                Line::new(view_name(row), points)
                    .color(colors[i.min(5)])
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

/// Whether the cards say what Roth deferrals change: a plan with taxes
/// whose saver still works (and so defers).
pub fn shows_roth_card(plan: &Plan) -> bool {
    plan.taxes.is_some() && plan.saver.age < plan.saver.retirement_age
}

/// Why a question cannot be asked of this plan, in a person's words (the
/// command line's message names fields by their flags).
fn refusal_words(field: Field, why: &crate::engine::QuestionError) -> String {
    use crate::engine::QuestionError as Q;
    match why {
        Q::NeedsAnIncomeNeed { .. } => format!(
            "Your spending rule sets each year's withdrawal from the balance, so the chance hardly depends on {}: choose \"A yearly income need\" under Retirement to ask this",
            field.short_label()
        ),
        Q::AdaptsToTheBalance { .. } => "Your spending rule adapts to the balance: spending falls instead of the money running out, so the chance is high whatever you choose. Compare the income each choice leaves under Sleeve and questions".to_owned(),
        Q::PercentNeverRunsOut => "A percent of the balance never runs out, so no amount of spending changes the chance".to_owned(),
        Q::VpwNeverRunsOut => "VPW spends what the balance allows and never runs out, so no amount of spending changes the chance".to_owned(),
        Q::SweepOnly { .. } => format!(
            "{} can be compared value by value (Sleeve and questions), not solved for",
            crate::plan::scenario::capitalised(field.short_label())
        ),
        Q::NeedsASpouse { .. } => {
            "Add a spouse under Retirement to ask about a survivor's need".to_owned()
        }
        other => other.to_string(),
    }
}

//! The outcome, in the centre: summary cards on top, the charts below in
//! tabs, and the line that says what the numbers are.

use egui::{RichText, Ui};

use super::questions::Questions;
use crate::app::results::{Results, view_of};
use crate::app::shown::Shown;
use crate::app::{Command, Preferences, charts, theme};
use crate::engine::questions::Beside;
use crate::engine::{Found, Question, RothChanges, SimulationError};
use crate::outcome::{BreakEven, Mode, Outcome};
use crate::plan::{BUILT_IN_HISTORIES, Plan};
use crate::units::{percent, points, signed_usd, usd, usd_about, usd_short};

/// The outcome's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    /// The fan chart and the chance the money lasts by age.
    #[default]
    Balance,
    /// The target weights by age.
    GlidePath,
    /// The spread of the balance at retirement.
    AtRetirement,
    /// The scenarios side by side.
    Compare,
    /// The figures against the sleeve's weight (or another field).
    Sleeve,
    /// Income by age in retirement and where it comes from.
    Income,
    /// A typical and a bad path, year by year.
    YearByYear,
    /// Tax by age, RMDs and conversions, the money by kind.
    Taxes,
}

/// The outcome in the centre, for one frame: what it reads (the results,
/// the scenario shown) and what it may change (the tab and the view's
/// switches, the questions, the commands it queues).
pub struct OutcomePanel<'a> {
    /// Every result and answer on screen.
    pub results: &'a Results,
    /// The scenario shown.
    pub shown: &'a Shown,
    /// Progress of the run under way, if one is.
    pub updating: Option<f64>,
    /// The tab, the basis and the legends (kept between sessions).
    pub preferences: &'a mut Preferences,
    /// The questions asked on screen.
    pub questions: &'a mut Questions,
    /// Commands for after the frame (Apply).
    pub commands: &'a mut Vec<Command>,
}

/// What every result is, on screen under the charts.
pub const DISCLAIMER: &str = "Hypothetical results based on assumptions, not a guarantee of future results. In today's dollars unless shown otherwise.";

impl OutcomePanel<'_> {
    /// Draws the outcome.
    pub fn ui(&mut self, ui: &mut Ui) {
        let comparing = self.shown.comparing();
        let stale = self.results.is_stale();
        let Preferences {
            tab,
            nominal,
            legends,
            ..
        } = &mut *self.preferences;
        if !comparing && *tab == Tab::Compare {
            *tab = Tab::Balance;
        }
        // Wraps on a narrow window rather than widening the panel past it.
        ui.horizontal_wrapped(|ui| {
            if comparing {
                ui.selectable_value(tab, Tab::Compare, "Compare scenarios");
            }
            ui.selectable_value(tab, Tab::Balance, "Balance by age");
            ui.selectable_value(tab, Tab::GlidePath, "Glide path");
            ui.selectable_value(tab, Tab::AtRetirement, "At retirement");
            ui.selectable_value(tab, Tab::Income, "Income by age")
                .on_hover_text("Total income before tax in every retirement year, and where it comes from");
            ui.selectable_value(tab, Tab::Taxes, "Taxes")
                .on_hover_text("Federal and state tax by age, the required minimum distributions and Roth conversions, and the money by kind at retirement");
            ui.selectable_value(tab, Tab::YearByYear, "Year by year")
                .on_hover_text("A typical and a bad path: returns, withdrawals, income and what the spending rule did each year");
            ui.selectable_value(tab, Tab::Sleeve, "Sleeve and questions")
                .on_hover_text("The chance and the bad case against the sleeve's weight under every crypto view, or against another choice");
            ui.separator();
            ui.checkbox(nominal, "Future dollars").on_hover_text(
                "Show amounts in future (nominal) dollars, grown by the assumed inflation",
            );
            ui.checkbox(legends, "Legends")
                .on_hover_text("Hide the charts' legends so nothing covers the data (on a projector)");
        });
        let (tab, nominal, legends) = (*tab, *nominal, *legends);
        // A status line that is always there, so nothing moves when its
        // words come and go.
        ui.horizontal(|ui| {
            ui.set_min_height(ui.text_style_height(&egui::TextStyle::Body));
            if let Some(done) = self.updating {
                ui.weak(format!("Updating… {:.0}%", done * 100.0));
            }
            if stale {
                ui.colored_label(theme::of(ui.ctx()).error, "Out of date: fix the plan to update")
                    .on_hover_text("These results are for the plan before your last change; they are dimmed until the field marked in red is fixed");
            }
        });
        // Stale results stay for reference, veiled.
        if stale {
            ui.multiply_opacity(0.35);
        }
        let shown = self.shown;
        let results = self.results;
        let Some(outcome) = results.outcome(shown.index) else {
            ui.label("Simulating…");
            return;
        };
        if tab == Tab::Compare {
            ui.add_space(4.0);
            super::compare::Comparison {
                names: &shown.names,
                outcomes: results.outcomes(),
                nominal,
            }
            .ui(ui);
            disclaimer(ui);
            return;
        }
        ui.add_space(4.0);
        if comparing {
            ui.horizontal(|ui| {
                charts::scenario_swatch(ui, shown.index);
                ui.label(RichText::new(&shown.names[shown.index]).strong());
            });
        }
        let plan = &shown.plan;
        let break_even = results.answer(&Question::BreakEven, plan).and_then(|a| {
            view_of(a, |found| match found {
                Found::BreakEven(found) => Some(found),
                _ => None,
            })
        });
        let beside = results.answer(&Question::Beside, plan).and_then(|a| {
            view_of(a, |found| match found {
                Found::Beside(beside) => Some(&**beside),
                _ => None,
            })
        });
        // The Roth card, with taxes: `Some(None)` while it is worked out.
        let roth = super::questions::shows_roth_card(plan).then(|| {
            results.answer(&Question::RothChanges, plan).and_then(|a| {
                view_of(a, |found| match found {
                    Found::RothChanges(changes) => Some(&**changes),
                    _ => None,
                })
            })
        });
        if plan.has_no_money() {
            // A blank plan: no figure means anything until there is money
            // and pay to plan with.
            egui::Frame::group(ui.style()).inner_margin(12.0).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new("Start with your balance and salary").size(18.0).strong());
                ui.label("Enter what the account holds today and what you earn (Saver, on the left), then what you save (Contributions) and the income you need in retirement (Retirement): the chance your money lasts, the balance and the income at retirement appear here as you type.");
            });
            disclaimer(ui);
            return;
        }
        let rate_rule = !matches!(
            plan.retirement.withdrawal,
            crate::plan::withdrawal::Withdrawal::FixedReal(_)
        );
        cards(ui, outcome, nominal, rate_rule, break_even, beside, roth);
        self.questions.stress.ui(ui, plan, outcome.stress.as_ref());
        rails_line(ui, plan, outcome);
        history_line(ui, outcome);
        self.questions.solve_ui(ui, plan, results, self.commands);
        ui.add_space(6.0);
        let height = (ui.available_height() - 40.0).max(180.0);
        match tab {
            Tab::Compare => {}
            Tab::Sleeve => {
                self.questions.sweep_ui(ui, plan, results, height);
            }
            Tab::Balance => {
                ui.horizontal_top(|ui| {
                    let width = ui.available_width();
                    ui.vertical(|ui| {
                        ui.set_width(width * 0.68);
                        let title = if nominal {
                            "Balance by age, future dollars"
                        } else {
                            "Balance by age, today's dollars"
                        };
                        ui.label(RichText::new(title).strong());
                        let people = outcome.lifespans.as_ref().map_or(0, |l| {
                            usize::from(l.death_age.saver.is_some())
                                + usize::from(l.death_age.spouse.is_some())
                        });
                        let strip_height = if outcome.start_years.is_some() {
                            34.0
                        } else {
                            0.0
                        } + if people > 0 {
                            18.0 * people as f32 + 28.0
                        } else {
                            0.0
                        };
                        charts::fan_chart(
                            ui,
                            outcome,
                            nominal,
                            legends,
                            height - 24.0 - strip_height,
                        );
                        if outcome.start_years.is_some() {
                            charts::start_year_strip(ui, outcome);
                        }
                        if people > 0 {
                            let offset = plan
                                .retirement
                                .spouse
                                .as_ref()
                                .map_or(0, |s| i64::from(s.age) - i64::from(plan.saver.age));
                            ui.label(
                                RichText::new(
                                    "Ages at death drawn from the SSA table: the box holds the middle half, the whiskers 1 in 10 sooner and later",
                                )
                                .small()
                                .weak(),
                            );
                            charts::death_age_strip(
                                ui,
                                outcome,
                                offset,
                                18.0 * people as f32 + 6.0,
                            );
                        }
                    });
                    ui.vertical(|ui| {
                        ui.label(RichText::new("Chance the money lasts to each age").strong());
                        charts::survival_chart(ui, outcome, legends, height - 24.0);
                    });
                });
            }
            Tab::GlidePath => {
                ui.label(RichText::new("Target weights by age").strong());
                match results.valid_scenario(shown.index) {
                    Some(valid) => {
                        if valid
                            .allocation
                            .sleeve
                            .as_ref()
                            .is_some_and(|s| s.rebalance == crate::plan::sleeve::Rebalance::Never)
                        {
                            ui.weak("Buy and hold: the sleeve's actual share drifts with bitcoin's price; these are its targets for new money");
                        }
                        charts::glide_path_chart(ui, valid, height - 24.0, "glide path", true);
                    }
                    None => {
                        ui.weak("Fix the plan to see its glide path");
                    }
                }
            }
            Tab::AtRetirement => charts::retirement_histogram(ui, outcome, height),
            Tab::YearByYear => {
                super::year_by_year::ui(
                    ui,
                    plan,
                    results,
                    &mut self.questions.explain_path,
                    height - 40.0,
                );
            }
            Tab::Taxes => {
                let answers = results.answer(&Question::TaxAnswers, plan).and_then(|a| {
                    view_of(a, |found| match found {
                        Found::TaxAnswers(answers) => Some(&**answers),
                        _ => None,
                    })
                });
                taxes_tab(
                    ui,
                    outcome,
                    nominal,
                    legends,
                    height,
                    answers,
                    plan.saver.plan_to_age,
                );
            }
            Tab::Income => {
                let title = match (nominal, outcome.income_after_tax.is_some()) {
                    (true, true) => "Income by age, a year before and after tax, future dollars",
                    (false, true) => "Income by age, a year before and after tax, today's dollars",
                    (true, false) => "Income by age, a year before tax, future dollars",
                    (false, false) => "Income by age, a year before tax, today's dollars",
                };
                ui.label(RichText::new(title).strong());
                if outcome.income.ages.is_empty() {
                    ui.weak("The plan has no retirement year before its plan-to age");
                } else {
                    charts::income_chart(ui, outcome, nominal, legends, height - 24.0);
                }
            }
        }
        disclaimer(ui);
    }
}

/// The Taxes tab: tax by age on the left; on the right the money by kind
/// at retirement and the plan's tax over its whole length.
fn taxes_tab(
    ui: &mut Ui,
    outcome: &std::sync::Arc<Outcome>,
    nominal: bool,
    legends: bool,
    height: f32,
    answers: Option<Result<&crate::engine::TaxAnswers, &SimulationError>>,
    plan_to_age: u32,
) {
    let Some(taxes) = &outcome.taxes else {
        ui.weak("This plan is before tax: turn taxes on in the plan's Taxes section to see what tax takes, year by year");
        return;
    };
    let basis = if nominal {
        "future dollars"
    } else {
        "today's dollars"
    };
    // The chart and the money by kind above, the tax choices below: the
    // chart gives way (to 100 points) so that the tables keep 120 and the
    // disclaimer its line, in a short window or a projector's zoom.
    let disclaimer_height = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let chart_room = ui.available_height() - disclaimer_height - 24.0 - 6.0 - 120.0 - 40.0;
    let chart_height = ((height - 24.0) * 0.5)
        .max(200.0)
        .min(chart_room)
        .max(100.0);
    ui.horizontal_top(|ui| {
        let width = ui.available_width();
        ui.vertical(|ui| {
            ui.set_width(width * 0.66);
            // Tax by age, or the typical path's room in its brackets.
            let room_id = egui::Id::unique("taxes tab shows bracket room");
            let mut room = ui.data(|d| d.get_temp::<bool>(room_id)).unwrap_or(false);
            ui.horizontal(|ui| {
                ui.selectable_value(&mut room, false, RichText::new(format!("Tax by age, a year, {basis}")).strong());
                ui.selectable_value(&mut room, true, RichText::new("Bracket room, today's dollars").strong())
                    .on_hover_text("The typical path's taxable income by age against the tops of the federal brackets, with RMDs and conversions stacked: the shaded years before Social Security and RMDs are the planning window");
            });
            ui.data_mut(|d| d.insert_temp(room_id, room));
            let found = answers.map(|a| a.map(|a| a.bracket_room.as_ref()));
            match (room, found) {
                _ if taxes.ages.is_empty() => {
                    ui.weak("The plan has no retirement year before its plan-to age");
                }
                (false, _) => {
                    charts::tax_chart(ui, outcome, nominal, legends, chart_height);
                    widow_line(ui, outcome, taxes);
                }
                (true, None) => {
                    ui.weak("Working out the typical path's bracket room…");
                }
                (true, Some(Err(e))) => {
                    ui.colored_label(theme::of(ui.ctx()).error, e.to_string());
                }
                (true, Some(Ok(None))) => {
                    ui.weak("The typical path has no taxed retirement year");
                }
                (true, Some(Ok(Some(room)))) => {
                    charts::bracket_room_chart(ui, room, legends, chart_height);
                }
            }
        });
        ui.vertical(|ui| {
            let f = outcome.basis_factor(outcome.portfolio.retirement.age, nominal);
            ui.label(
                RichText::new(format!(
                    "Money at retirement ({}), by kind",
                    outcome.portfolio.retirement.age
                ))
                .strong(),
            )
            .on_hover_text("Traditional money is taxed as it comes out; Roth money comes out tax-free; the taxable account's gains are taxed when sold");
            egui::Grid::new("money by kind").striped(true).show(ui, |ui| {
                ui.label("");
                ui.label(RichText::new("Median").strong());
                ui.label(RichText::new("Bad case").strong());
                ui.end_row();
                let kinds = &taxes.at_retirement;
                for (name, spread) in [
                    ("Traditional", &kinds.traditional),
                    ("Roth", &kinds.roth),
                    ("Taxable", &kinds.taxable),
                ] {
                    ui.label(name);
                    ui.label(usd_short(f * spread.p50));
                    ui.label(usd_short(f * spread.p10));
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
            ui.label(RichText::new("Tax over the whole plan, today's dollars").strong())
                .on_hover_text("Federal and state tax of every year, added up: half of futures pay less than the median");
            ui.label(format!(
                "Median {}; 1 in 10 pays more than {}",
                usd_short(taxes.lifetime_tax.p50),
                usd_short(taxes.lifetime_tax.p90)
            ));
            if let (Some(rate), Some(next)) = (
                taxes.effective_rate.p50.first(),
                taxes.marginal_rate_p50.first(),
            ) {
                ui.add_space(8.0);
                ui.label(RichText::new("The first year retired").strong());
                ui.label(format!("Tax ÷ income: {} (median)", percent(*rate)))
                    .on_hover_text("Federal and state tax as a share of the year's income before tax");
                ui.label(format!("Tax on the next dollar: {}", percent(*next)))
                    .on_hover_text("What one more dollar of traditional withdrawal would cost in federal and state tax, on the typical path: Social Security's taxation can make it higher than the bracket's rate");
            }
            ui.add_space(8.0);
            ui.label(
                RichText::new(format!(
                    "US federal law of {}, {}",
                    taxes.law,
                    if taxes.spending == "after-tax" {
                        "your spending is what is left after tax"
                    } else {
                        "your spending is before tax"
                    }
                ))
                .small()
                .weak(),
            );
        });
    });
    ui.add_space(6.0);
    // What is left under the chart, less the disclaimer's line: on a
    // projector's zoom the tables scroll in what room there is.
    // Never past what is left: a scroll area taller than its room would
    // run under the disclaimer.
    let left = (ui.available_height() - disclaimer_height).max(48.0);
    egui::ScrollArea::vertical()
        .id_salt("tax choices")
        .min_scrolled_height(left)
        .max_height(left)
        .show(ui, |ui| super::tax_choices::ui(ui, answers, plan_to_age));
}

/// What every result is, readable on a projector: body size, full contrast.
fn disclaimer(ui: &mut Ui) {
    ui.label(RichText::new(DISCLAIMER).size(13.0));
}

/// One summary card: a small title (with its explanation on hover) over
/// what `add` draws, at least `min_height` tall; returns the height its
/// content needs, so a row can make its cards equally tall.
fn card(
    ui: &mut Ui,
    title: &str,
    tooltip: &str,
    min_height: f32,
    add: impl FnOnce(&mut Ui),
) -> f32 {
    egui::Frame::group(ui.style())
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(title).small())
                .on_hover_text(tooltip);
            add(ui);
            let content = ui.min_rect();
            // `set_min_height` counts from the cursor, not the top: expand
            // the frame to the row's height from its top instead.
            ui.expand_to_include_rect(egui::Rect::from_min_size(
                content.min,
                egui::vec2(0.0, min_height),
            ));
            content.height()
        })
        .inner
}

/// Columns side by side, each as wide as its share of `weights`; with
/// `rows`, the columns from index `rows.0` on start a second row `rows.1`
/// points lower, sharing its width among themselves (a narrow window).
fn weighted_columns<R>(
    ui: &mut Ui,
    weights: &[f32],
    rows: Option<(usize, f32)>,
    add: impl FnOnce(&mut [Ui]) -> R,
) -> R {
    let gap = ui.spacing().item_spacing.x;
    let available = ui.available_width();
    let top_left = ui.cursor().min;
    let (split, row_offset) = rows.unwrap_or((weights.len(), 0.0));
    let mut columns: Vec<Ui> = Vec::with_capacity(weights.len());
    for (row, range) in [
        (0, 0..split.min(weights.len())),
        (1, split.min(weights.len())..weights.len()),
    ] {
        let row_weights = &weights[range];
        if row_weights.is_empty() {
            continue;
        }
        let total_weight: f32 = row_weights.iter().sum();
        let width = (available - gap * row_weights.len().saturating_sub(1) as f32).max(0.0);
        let top = top_left.y + if row == 0 { 0.0 } else { row_offset };
        let mut x = top_left.x;
        for weight in row_weights {
            let column_width = width * weight / total_weight;
            let rect = egui::Rect::from_min_max(
                egui::pos2(x, top),
                egui::pos2(x + column_width, ui.max_rect().bottom().max(top + 1.0)),
            );
            x += column_width + gap;
            let mut column = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .layout(egui::Layout::top_down(egui::Align::LEFT)),
            );
            column.set_width(column_width);
            columns.push(column);
        }
    }
    let result = add(&mut columns);
    let bottom = columns
        .iter()
        .map(|c| c.min_rect().bottom())
        .fold(top_left.y, f32::max);
    ui.advance_cursor_after_rect(egui::Rect::from_min_max(
        top_left,
        egui::pos2(top_left.x + available, bottom),
    ));
    result
}

/// A card's two money figures: the median large, the bad case below it.
fn median_and_bad_case(ui: &mut Ui, median_usd: f64, bad_case_usd: f64) {
    ui.label(RichText::new(usd_short(median_usd)).size(22.0).strong());
    let bad = format!("Bad case {}", usd_short(bad_case_usd));
    ui.colored_label(theme::of(ui.ctx()).bad_case, bad);
}

/// With a death in the story: what single filing does to the survivor's
/// tax ("the widow's tax trap"), the median rate the year before and after.
fn widow_line(ui: &mut Ui, outcome: &Outcome, taxes: &crate::outcome::TaxOutcome) {
    let Some(from) = outcome.lifespans.as_ref().and_then(|l| l.alone_from) else {
        return;
    };
    let rate_at = |age: u32| {
        let i = taxes.ages.iter().position(|a| *a == age)?;
        taxes.effective_rate.p50.get(i).copied()
    };
    if let (Some(before), Some(after)) = (rate_at(from - 1), rate_at(from)) {
        ui.label(
            RichText::new(format!(
                "From {from} the survivor files single, with narrower brackets and one deduction (the widow's tax trap): the median tax takes {} of income at {}, {} at {from}",
                percent(before),
                from - 1,
                percent(after)
            ))
            .small(),
        );
    }
}

/// Under the chance, with lifespans: the money left at death (from the
/// table) or the story's death.
fn lifespan_line(lives: &crate::outcome::LifespanOutcome, table: bool) -> Option<String> {
    if table {
        return Some(format!(
            "Money left at death: {} median, {} bad case",
            usd_about(lives.left_at_death.p50),
            usd_about(lives.left_at_death.p10)
        ));
    }
    let story = lives.story?;
    Some(match (story.saver_dies_at, story.spouse_dies_at) {
        (Some(age), _) => format!("In this story you die at {age}; your spouse lives on"),
        (None, Some(age)) => format!("In this story your spouse dies at {age}; you live on"),
        (None, None) => return None,
    })
}

/// The summary cards, side by side and equally tall so they fit the
/// window: the chance the money lasts, the balance and income at
/// retirement, the bad case, and, with a sleeve, what it changes (wider:
/// it says more).
fn cards(
    ui: &mut Ui,
    outcome: &Outcome,
    nominal: bool,
    rate_rule: bool,
    break_even: Option<Result<&Option<BreakEven>, &SimulationError>>,
    beside: Option<Result<&Beside, &SimulationError>>,
    roth: Option<Option<Result<&RothChanges, &SimulationError>>>,
) {
    let s = outcome.portfolio.summary();
    // Amounts follow the chart's basis, and each card says which it is.
    let at = |age: u32| outcome.basis_factor(age, nominal);
    let f = at(s.retirement_age);
    let basis = if nominal {
        "future dollars"
    } else {
        "today's dollars"
    };
    let colors = theme::of(ui.ctx());
    let plan_to = outcome.plan_to_age();
    let effect = outcome.sleeve_effect();
    // The four figures, then the wider cards of what the sleeve and Roth
    // deferrals change.
    let mut weights = vec![1.0_f32; 4];
    weights.extend(effect.iter().map(|_| 1.7));
    let private = outcome.private.as_ref();
    let has_sleeve_card = effect.is_some();
    weights.extend(private.iter().map(|_| 1.7));
    weights.extend(roth.iter().map(|_| 1.7));
    // As tall as the tallest card's content was last frame.
    let height_id = egui::Id::unique("summary card height");
    let height = ui.data(|d| d.get_temp::<f32>(height_id)).unwrap_or(64.0);
    // A narrow window: the chance, the balance and the income first, the
    // rest in a second row, each card keeping a readable width.
    // Six cards: the two wide ones in a second row.
    let narrow = ui.available_width() < 760.0;
    let split = match weights.len() {
        n if narrow && n > 3 => Some(3),
        n if n >= 6 => Some(4),
        _ => None,
    };
    let rows = split.map(|split| {
        let spacing = ui.spacing().item_spacing.y;
        // A card is its content's height plus its frame (margins and stroke).
        (split, height + 2.0 * 8.0 + 2.0 + spacing)
    });
    let needed = weighted_columns(ui, &weights, rows, |columns| {
        // Which success the chance measures: to the plan-to age, or as long
        // as someone lives under lifespans from the table.
        let lives = outcome.lifespans.as_ref();
        let table = lives.is_some_and(|l| l.lifespan == "table");
        let couple = lives.is_some_and(|l| l.survivor_probability.is_some());
        let (chance_title, chance_hover) = match (table, couple) {
            (true, false) => (
                "Chance your money lasts as long as you live".to_owned(),
                format!(
                    "Each future draws your age at death from the SSA period life table (at most {plan_to}): the share of futures in which the account pays every withdrawal while you are alive. The markets are the same draws as planning to an age"
                ),
            ),
            (true, true) => (
                "Chance your money lasts as long as either of you lives".to_owned(),
                format!(
                    "Each future draws both ages at death from the SSA period life table (at most your {plan_to}): the share of futures in which the account pays every withdrawal while one of you is alive. The markets are the same draws as planning to an age"
                ),
            ),
            (false, _) => (
                format!("Chance your money lasts to {plan_to}"),
                if outcome.mode == Mode::HistoricalRolling {
                    "The share of start years in which the account pays every withdrawal to the plan-to age".to_owned()
                } else {
                    "The share of simulated futures in which the account pays every withdrawal to the plan-to age".to_owned()
                },
            ),
        };
        let mut needed = vec![card(
            &mut columns[0],
            &chance_title,
            &chance_hover,
            height,
            |ui| {
                let chance = percent((s.chance_money_lasts * 100.0).round() / 100.0);
                ui.label(RichText::new(chance).size(26.0).strong());
                if let Some(line) = lives.and_then(|l| lifespan_line(l, table)) {
                    ui.label(line);
                }
                if let (Some(met), Some(essential)) =
                    (outcome.essential_met_probability, outcome.essential_usd)
                {
                    ui.label(format!(
                        "Chance income never falls below {}: {}",
                        usd_about(essential),
                        percent((met * 100.0).round() / 100.0)
                    ))
                    .on_hover_text("The share of futures whose total income before tax stays at or above your essential income in every retirement year");
                }
                if let Some((lasted, of)) = outcome.start_years_lasted() {
                    ui.label(format!("Lasted in {lasted} of {of} start years"));
                }
                if rate_rule {
                    ui.label(RichText::new("Your spending rule follows the balance, so the chance hardly moves with saving: the income shows what saving more buys").small().weak())
                        .on_hover_text("A rule that withdraws a share of the balance (or adjusts to it) spends less after bad years instead of running out: judge it by the income it leaves, in the next card and under Income by age");
                }
                beside_line(ui, outcome, beside);
            },
        )];
        needed.push(card(
            &mut columns[1],
            &format!("Balance at retirement ({}), {basis}", s.retirement_age),
            "Median: half of outcomes are better. Bad case: the 10th percentile, 1 in 10 outcomes is worse",
            height,
            |ui| median_and_bad_case(ui, f * s.retirement_balance_median_usd, f * s.retirement_balance_bad_case_usd),
        ));
        // With taxes the card says what is left to spend, and the gross
        // beside it; without, the income before tax.
        let after_tax = outcome
            .portfolio
            .retirement
            .annual_income_after_tax
            .as_ref();
        let (title, hover, median, bad, at_80) = match (after_tax, &outcome.income_after_tax) {
            (Some(after), Some(by_age)) => (
                format!("Monthly income after tax, first year retired, {basis}"),
                "What is left to spend after federal and state tax: what the accounts pay plus Social Security and other income, less planned expenses and the year's tax",
                after.p50 / 12.0,
                after.p10 / 12.0,
                by_age.bad_case_at(80),
            ),
            _ => (
                format!("Monthly income before tax, first year retired, {basis}"),
                "What the account pays plus Social Security and other income, less planned expenses, in the first retirement year, before tax",
                s.monthly_income_median_usd,
                s.monthly_income_bad_case_usd,
                outcome.income.bad_case_at(80),
            ),
        };
        needed.push(card(
            &mut columns[2],
            &title,
            hover,
            height,
            |ui| {
                if (median - bad).abs() < 1.0 {
                    // The same in every future (an income need met): no bad case to show.
                    ui.label(RichText::new(usd_short(f * median)).size(22.0).strong());
                    ui.label(RichText::new("In every future").small())
                        .on_hover_text("The first year's income does not depend on markets: your income need is met in full");
                    // Where a need met in full comes from, and until when.
                    if let Some(line) = sources_line(outcome, f) {
                        ui.label(RichText::new(line).small());
                    }
                } else {
                    median_and_bad_case(ui, f * median, f * bad);
                }
                if after_tax.is_some() {
                    ui.label(
                        RichText::new(format!(
                            "Before tax: {} (median)",
                            usd_short(f * s.monthly_income_median_usd)
                        ))
                        .small(),
                    )
                    .on_hover_text("The same income before federal and state tax: the difference is the first year's tax");
                }
                let at_80 = at_80.map_or_else(|| "—".to_owned(), |a| usd_short(at(80) * a / 12.0));
                ui.label(RichText::new(format!("Bad case at 80: {at_80}")).small())
                    .on_hover_text("The monthly income at 80 that 1 future in 10 falls below; — when 80 is not a retirement year of the plan");
            },
        ));
        needed.push(card(
            &mut columns[3],
            "In a bad case (1 in 10)",
            "The first age at which fewer than 9 in 10 simulated futures still have money",
            height,
            |ui| {
                let text = match s.bad_case_runs_out_at_age {
                    Some(age) => {
                        RichText::new(format!("Money runs out by {age}")).color(colors.bad_case)
                    }
                    None => RichText::new(format!("Money lasts past {plan_to}")),
                };
                ui.label(text.size(18.0).strong());
            },
        ));
        if let Some(effect) = effect {
            needed.push(card(
                &mut columns[4],
                "What the sleeve changes",
                "The same plan without the sleeve, on the same simulated markets: the difference is the sleeve's alone",
                height,
                |ui| {
                    change_lines(
                        ui,
                        f * effect.retirement_median_change_usd,
                        f * effect.retirement_bad_case_change_usd,
                        effect.chance_money_lasts_change,
                    );
                    let worst = percent((effect.worst_year_typical * 100.0).round() / 100.0);
                    ui.label(format!("Its worst year on a typical path: {worst}"));
                    break_even_lines(ui, break_even);
                },
            ));
        }
        if let Some(private) = private {
            let column = 4 + usize::from(has_sleeve_card);
            needed.push(card(
                &mut columns[column],
                "What the private sleeve changes",
                "The same plan without the private sleeve, on the same simulated markets: the difference is the sleeve's alone, after its fees",
                height,
                |ui| private_lines(ui, private, f),
            ));
        }
        if let Some(roth) = roth {
            let column = weights.len() - 1;
            needed.push(card(
                &mut columns[column],
                "What Roth deferrals change",
                "Your plan with every deferral traditional and with every deferral Roth, on the same simulated markets: the difference is the choice alone. A Roth deferral is taxed now and comes out tax-free",
                height,
                |ui| roth_lines(ui, roth),
            ));
        }
        needed.into_iter().fold(0.0_f32, f32::max)
    });
    if (needed - height).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(height_id, needed));
        ui.ctx().request_repaint();
    }
}

/// What a sleeve changes against the plan without it: the median and
/// bad-case balance at retirement and the chance the money lasts.
fn change_lines(ui: &mut Ui, median_usd: f64, bad_case_usd: f64, chance: f64) {
    ui.label(format!(
        "At retirement: median {}, bad case {}",
        signed_usd(median_usd),
        signed_usd(bad_case_usd)
    ));
    ui.label(format!("Chance money lasts: {}", points(chance)));
}

/// The private sleeve card's lines: what it changes, its fees in dollars,
/// and how far it stood above its target in a bad case.
fn private_lines(ui: &mut Ui, private: &crate::outcome::PrivateOutcome, f: f64) {
    change_lines(
        ui,
        f * private.retirement_balance_p50_change_usd,
        f * private.retirement_balance_p10_change_usd,
        private.success_probability_change,
    );
    ui.label(format!(
        "Fund fees over the plan: {} (median, today's dollars)",
        usd_about(private.fees_usd.p50)
    ))
    .on_hover_text("The management fee and carry the private fund keeps, summed over every year of the plan, on a typical path");
    let over = private.largest_overshoot.p90;
    if over >= 0.005 {
        ui.colored_label(
            theme::of(ui.ctx()).bad_case,
            format!(
                "In a bad case (1 in 10) it stood {:.0} points above its target: it could not be sold fast enough",
                over * 100.0
            ),
        )
        .on_hover_text("After a fall of the other assets, or while withdrawals draw the liquid assets down, the sale limit keeps the private holding above its target; the 90th percentile over futures of its largest overshoot");
    }
}

/// The Roth card's words and chances, once found.
fn roth_lines(ui: &mut Ui, found: Option<Result<&RothChanges, &SimulationError>>) {
    match found {
        None => {
            ui.label(
                RichText::new("Working out what Roth deferrals change…")
                    .small()
                    .weak(),
            );
        }
        Some(Ok(changes)) => {
            ui.label(format!("{}.", changes.in_words));
            let chance = |id: &str| {
                changes
                    .rows
                    .iter()
                    .find(|r| r.choice == id)
                    .map_or_else(String::new, |r| {
                        percent((r.success_probability * 100.0).round() / 100.0)
                    })
            };
            ui.label(
                RichText::new(format!(
                    "Chance money lasts: as it is {}, all traditional {}, all Roth {}",
                    chance("as-is"),
                    chance("traditional"),
                    chance("roth")
                ))
                .small(),
            )
            .on_hover_text("The Taxes tab compares them in full, with conversions and the order the accounts pay in");
        }
        Some(Err(why)) => {
            ui.label(
                RichText::new(format!(
                    "What Roth deferrals change could not be found: {why}"
                ))
                .small()
                .weak(),
            );
        }
    }
}

/// Where the first retirement year's income comes from, a month before
/// tax ("the account $4,100, Social Security from 67: $2,400"); `None`
/// without a retirement year.
fn sources_line(outcome: &Outcome, f: f64) -> Option<String> {
    let income = &outcome.income;
    let total = income.bands.p50.first()?;
    let outside = |k: usize| income.social_security[k] + income.spouse[k] + income.other[k];
    let account = total - outside(0) + income.expenses.first().copied().unwrap_or(0.0);
    let mut parts = vec![format!("the account {}", usd_short(f * account / 12.0))];
    // Social Security and pensions: now, or from the age they start.
    match (0..income.ages.len()).find(|&k| outside(k) > 0.0) {
        Some(0) => parts.push(format!(
            "Social Security and pensions {}",
            usd_short(f * outside(0) / 12.0)
        )),
        Some(k) => parts.push(format!(
            "Social Security and pensions {} from {}",
            usd_short(f * outside(k) / 12.0),
            income.ages[k]
        )),
        None => {}
    }
    let lasts = match outcome.portfolio.summary().bad_case_runs_out_at_age {
        Some(age) => format!("; in a bad case the account pays it until {age}"),
        None => String::new(),
    };
    Some(format!("Before tax, a month: {}{lasts}", parts.join(", ")))
}

/// What crypto must return for the sleeve to pay off, once found.
fn break_even_lines(ui: &mut Ui, found: Option<Result<&Option<BreakEven>, &SimulationError>>) {
    let rate = |r: f64| percent((r * 1000.0).round() / 1000.0);
    match found {
        None => {
            ui.label(
                RichText::new("Working out the return the sleeve needs…")
                    .small()
                    .weak(),
            );
        }
        Some(Ok(None)) => {}
        Some(Ok(Some(found))) => {
            let median = match found.median_balance {
                Some(r) => format!(
                    "The sleeve pays off only if crypto beats {} a year after inflation",
                    rate(r)
                ),
                None => "Even at 100% a year after inflation the sleeve would not lift the median"
                    .into(),
            };
            ui.label(median).on_hover_text(
                "The expected crypto return (its volatility and crashes kept) at which the median balance at retirement with the sleeve reaches the one without it",
            );
            let chance = match found.success {
                // The search's floor: even a crypto that halves each year
                // keeps the chance, so crypto's return does not move it.
                Some(r) if r <= -0.5 => "The chance the money lasts hardly depends on crypto's return here: even a sleeve that halved every year would keep it".into(),
                Some(r) => format!(
                    "To lift the chance the money lasts, it must beat {} a year",
                    rate(r)
                ),
                None => {
                    "No crypto return up to 100% a year lifts the chance the money lasts".into()
                }
            };
            ui.label(chance)
                .on_hover_text("The same for the chance the money lasts to the plan-to age");
        }
        Some(Err(why)) => {
            ui.label(
                RichText::new(format!("The break-even return could not be found: {why}"))
                    .small()
                    .weak(),
            );
        }
    }
}

/// Under guardrails: the rails in dollars for the first year retired, at
/// the median balance at retirement, as advisers put them to clients.
fn rails_line(ui: &mut Ui, plan: &Plan, outcome: &Outcome) {
    let crate::plan::withdrawal::Withdrawal::Guardrails(g) = plan.retirement.withdrawal else {
        return;
    };
    let balance = outcome.portfolio.retirement.balance.p50;
    let rails = g.in_dollars(balance);
    let raise = match rails.raise_to_usd {
        Some(to) => format!(
            "; above {} it rises to {}",
            usd_about(rails.raise_above_usd),
            usd(to)
        ),
        None => "; the lower rail never raises it".to_owned(),
    };
    ui.label(format!(
        "Guardrails in dollars: with the median {} at retirement, spending starts at {} a year before tax. If the account falls below {}, spending is cut to {}{raise}.",
        usd_about(balance),
        usd(rails.spending_usd),
        usd_about(rails.cut_below_usd),
        usd(rails.cut_to_usd),
    ))
    .on_hover_text(format!(
        "Checked at the start of each later year: the withdrawal rate is last year's spending over the balance. Above {} of the balance spending is cut by {}, below {} it is raised by {}; no cuts in the last {} years",
        percent(g.initial_rate * (1.0 + g.upper)),
        percent(g.adjustment),
        percent(g.initial_rate * (1.0 - g.lower)),
        percent(g.adjustment),
        g.until_years_left
    ));
}

/// The chance under the other kind of returns, saying which is which and
/// whether the past was kinder or harsher than the assumptions.
fn beside_line(ui: &mut Ui, outcome: &Outcome, beside: Option<Result<&Beside, &SimulationError>>) {
    let under_history = outcome.mode != Mode::MonteCarlo;
    let Some(found) = beside else {
        let doing = if under_history {
            "Running Monte Carlo beside it…"
        } else {
            "Replaying US history beside it…"
        };
        ui.label(RichText::new(doing).small().weak());
        return;
    };
    let (other, core_alone) = match found {
        Ok(beside) => (&beside.outcome, beside.core_alone),
        Err(why) => {
            // The plan's problems under the other returns say it best alone.
            let why = match why {
                SimulationError::Invalid(problems) => problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            ui.label(
                RichText::new(format!("No comparison: {why}"))
                    .small()
                    .weak(),
            );
            return;
        }
    };
    let (mc, history) = if under_history {
        (
            other.portfolio.success_probability,
            outcome.portfolio.success_probability,
        )
    } else {
        (
            outcome.portfolio.success_probability,
            other.portfolio.success_probability,
        )
    };
    let rounded = |p: f64| percent((p * 100.0).round() / 100.0);
    let what = if under_history {
        format!("Monte Carlo from the assumptions: {}", rounded(mc))
    } else {
        let us = &BUILT_IN_HISTORIES[0];
        let lasted = match other.start_years_lasted() {
            Some((lasted, of)) => format!("lasted in {lasted} of {of} start years"),
            None => rounded(history),
        };
        let core = if core_alone {
            " (the core alone: it has no crypto or private-market returns)"
        } else {
            ""
        };
        format!("US history since {}{core}: {lasted}", us.years.0)
    };
    let verdict = if (history - mc).abs() < 0.02 {
        "The past and the assumptions agree"
    } else if history > mc {
        "The past was kinder than the assumptions"
    } else {
        "The past was harsher than the assumptions"
    };
    ui.label(RichText::new(what).small()).on_hover_text(format!(
        "{verdict}. Monte Carlo draws many possible futures from the assumptions under Advanced; US history replays every start year since {} that fits the plan (Shiller's data, in today's dollars)",
        BUILT_IN_HISTORIES[0].years.0
    ));
    ui.label(RichText::new(verdict).small().weak());
}

/// For a rolling history: which start years were replayed and which ran
/// out, the worst (soonest out) named first: what users ask about first.
fn history_line(ui: &mut Ui, outcome: &Outcome) {
    match &outcome.start_years {
        Some(starts) => {
            let (first, last) = (
                starts.first().copied().unwrap_or_default(),
                starts.last().copied().unwrap_or_default(),
            );
            let worst = outcome.worst_start_years();
            const NAMED: usize = 5;
            let ran_out = if worst.is_empty() {
                "the money lasted in every one".to_owned()
            } else {
                let named: Vec<String> = worst
                    .iter()
                    .take(NAMED)
                    .map(|(year, age)| format!("{year} (at {age})"))
                    .collect();
                let more = match worst.len().saturating_sub(NAMED) {
                    0 => String::new(),
                    more => format!(" and {more} more"),
                };
                format!("it ran out soonest starting in {}{more}", named.join(", "))
            };
            let text = format!(
                "Replayed history: {} start years, {first} to {last}; {ran_out}",
                starts.len()
            );
            ui.colored_label(
                if worst.is_empty() {
                    ui.visuals().text_color()
                } else {
                    theme::of(ui.ctx()).bad_case
                },
                text,
            );
        }
        _ if outcome.mode == crate::outcome::Mode::HistoricalBootstrap => {
            ui.label(format!(
                "Replayed history in random blocks: {} paths",
                outcome.paths
            ));
        }
        _ => {}
    }
}

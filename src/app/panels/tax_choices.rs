//! The Taxes tab's comparison of the tax choices, on the same markets:
//! Roth or traditional deferrals, Roth conversions bracket by bracket, the
//! order the accounts pay in. The engine thread works them out while the
//! tab is open; this only lays out what it found.

use egui::{Grid, RichText, Ui};

use crate::engine::{SimulationError, TaxAnswers, TaxChoice};
use crate::units::{percent, usd, usd_short};

/// The three tables, or a line saying they are being worked out.
pub fn ui(ui: &mut Ui, answers: Option<Result<&TaxAnswers, &SimulationError>>, plan_to_age: u32) {
    ui.label(RichText::new("Your tax choices, on the same markets").strong())
        .on_hover_text("Each row is your plan with that one choice changed, run on the same simulated markets, so a difference between two rows is the choice alone");
    let answers = match answers {
        None => {
            ui.weak("Working out the tax choices…");
            return;
        }
        Some(Err(e)) => {
            ui.colored_label(super::super::theme::of(ui.ctx()).error, e.to_string());
            return;
        }
        Some(Ok(answers)) => answers,
    };
    // Roth or traditional is a saver's choice while working.
    if answers.defers_now() {
        ui.label(format!("{}.", answers.roth_in_words));
        table(
            ui,
            "roth choices",
            "Your deferrals",
            &answers.roth,
            plan_to_age,
            Extra::TakeHome,
        );
        ui.add_space(6.0);
    }
    let [from, until] = answers.conversion_window;
    table(
        ui,
        "conversion choices",
        &format!("Roth conversions, ages {from} to {until}"),
        &answers.conversions,
        plan_to_age,
        Extra::RatePaid,
    );
    ui.add_space(6.0);
    table(
        ui,
        "order choices",
        "Which account pays first",
        &answers.orders,
        plan_to_age,
        Extra::Nothing,
    );
    ui.label(
        RichText::new(format!(
            "Medians in today's dollars. Best: the highest chance, then the most left at {plan_to_age}. What is left counts pre-tax money before the tax your heirs would pay on it, so it understates what conversions leave: their saving shows in lifetime tax."
        ))
        .small()
        .weak(),
    );
}

/// The column a table has beyond the common ones.
#[derive(Clone, Copy, PartialEq)]
enum Extra {
    /// This year's take-home pay (the Roth table).
    TakeHome,
    /// The rate the conversions paid (the conversions table).
    RatePaid,
    /// None.
    Nothing,
}

/// One comparison: a row per choice, the best marked.
fn table(ui: &mut Ui, id: &str, title: &str, rows: &[TaxChoice], plan_to_age: u32, extra: Extra) {
    Grid::new(id).striped(true).num_columns(6).show(ui, |ui| {
        ui.label(RichText::new(title).strong());
        ui.label(RichText::new("Chance").strong());
        ui.label(RichText::new("Income after tax").strong())
            .on_hover_text("The first year retired, median");
        ui.label(RichText::new("Lifetime tax").strong())
            .on_hover_text("Federal and state tax over the whole plan, median");
        ui.label(RichText::new(format!("Left at {plan_to_age}")).strong())
            .on_hover_text("The money left at the plan-to age, median");
        match extra {
            Extra::TakeHome => {
                ui.label(RichText::new("Take-home now").strong()).on_hover_text(
                    "This year's pay after your deferrals and income tax: a Roth deferral is taxed today",
                );
            }
            Extra::RatePaid => {
                ui.label(RichText::new("Tax on conversions").strong()).on_hover_text(
                    "On the typical path (the median lifetime tax): the federal and state tax the conversions added, over the money converted, and the lowest and highest year's rate",
                );
            }
            Extra::Nothing => {
                ui.label("");
            }
        }
        ui.end_row();
        for row in rows {
            let words = if row.best {
                RichText::new(format!("{} (best)", row.words)).strong()
            } else {
                RichText::new(&row.words)
            };
            ui.label(words);
            ui.label(percent((row.success_probability * 100.0).round() / 100.0));
            ui.label(usd_short(row.income_after_tax.p50));
            ui.label(usd_short(row.lifetime_tax.p50));
            ui.label(usd_short(row.left_at_end.p50));
            ui.label(match extra {
                Extra::TakeHome => row.take_home_now_usd.map_or_else(String::new, usd),
                Extra::RatePaid => row.conversion_rates.map_or_else(
                    || "nothing converted".to_owned(),
                    |r| r.in_words(),
                ),
                Extra::Nothing => String::new(),
            });
            ui.end_row();
        }
    });
}

//! The Taxes tab's comparison of the tax choices, on the same markets:
//! Roth or traditional deferrals, Roth conversions bracket by bracket, the
//! order the accounts pay in. The engine thread works them out while the
//! tab is open; this only lays out what it found.

use egui::{Grid, RichText, Ui};

use crate::engine::{SimulationError, TaxAnswers, TaxChoice, TaxTable};
use crate::units::{percent, usd_short};

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
            TaxTable::Roth,
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
        TaxTable::Conversions,
    );
    ui.add_space(6.0);
    table(
        ui,
        "order choices",
        "Which account pays first",
        &answers.orders,
        plan_to_age,
        TaxTable::Orders,
    );
    ui.label(
        RichText::new(format!(
            "Medians in today's dollars. Best: the highest chance, then the most left at {plan_to_age}. What is left counts pre-tax money before the tax your heirs would pay on it, so it understates what conversions leave: their saving shows in lifetime tax."
        ))
        .small()
        .weak(),
    );
}

/// One comparison: a row per choice, the best marked.
fn table(ui: &mut Ui, id: &str, title: &str, rows: &[TaxChoice], plan_to_age: u32, kind: TaxTable) {
    Grid::new(id).striped(true).num_columns(6).show(ui, |ui| {
        ui.label(RichText::new(title).strong());
        ui.label(RichText::new("Chance").strong());
        ui.label(RichText::new("Income after tax").strong())
            .on_hover_text("The first year retired, median");
        ui.label(RichText::new("Lifetime tax").strong())
            .on_hover_text("Federal and state tax over the whole plan, median");
        ui.label(RichText::new(format!("Left at {plan_to_age}")).strong())
            .on_hover_text("The money left at the plan-to age, median");
        // The table's own column, explained where it has one.
        let heading = ui.label(RichText::new(kind.extra_heading()).strong());
        match kind {
            TaxTable::Roth => {
                heading.on_hover_text(
                    "This year's pay after your deferrals and income tax: a Roth deferral is taxed today",
                );
            }
            TaxTable::Conversions => {
                heading.on_hover_text(
                    "On the typical path (the median lifetime tax): the federal and state tax the conversions added, over the money converted, and the lowest and highest year's rate",
                );
            }
            TaxTable::Orders => {}
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
            ui.label(kind.extra_cell(row));
            ui.end_row();
        }
    });
}

//! The plan, on the left: every input of the saver's plan, grouped, each
//! with a tooltip in plain English. It edits the plan and nothing else;
//! what the numbers mean comes from the library. One file per group.

mod advanced;
mod allocation;
mod contributions;
mod private;
mod retirement;
mod saver;
mod simulation;
mod sleeve;
mod taxes;

use egui::{CollapsingHeader, Ui};

use crate::app::inputs::Form;
use crate::app::{Command, RunError, theme};
use crate::plan::{Plan, Problem, ValidPlan};

/// What the plan panel reads besides the plan it edits.
pub struct PanelContext<'a> {
    /// The plan's problems (empty when it is valid).
    pub problems: &'a [Problem],
    /// The plan as last validated, when it is valid: previews draw only
    /// from it, so an absurd typed age never sizes a loop.
    pub valid: Option<&'a ValidPlan>,
    /// Why the engine could not run the plan (a history file's problem).
    pub run_error: Option<&'a RunError>,
    /// The base, when a variant is shown: its inputs that differ are marked.
    pub base: Option<&'a Plan>,
}

/// The panel's own state: what is not part of the plan.
#[derive(Default)]
pub struct PlanPanel {
    sleeve: sleeve::SleeveSection,
}

impl PlanPanel {
    /// Edits `plan`; actions that need the app (a file dialog) are queued
    /// in `commands`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        plan: &mut Plan,
        context: &PanelContext<'_>,
        commands: &mut Vec<Command>,
    ) {
        let form = Form {
            problems: context.problems,
            error_color: theme::of(ui.ctx()).error,
            base: context.base,
        };
        ui.horizontal(|ui| {
            let (name, tooltip) = match context.base {
                None => ("Plan name", "Shown in the window title and on exports"),
                Some(_) => (
                    "Scenario name",
                    "The name of this scenario, shown in the comparison",
                ),
            };
            let label = ui.label(name).on_hover_text(tooltip);
            ui.text_edit_singleline(&mut plan.name)
                .labelled_by(label.id);
        });
        // The plan's story, where a newcomer sees it first: the examples
        // explain themselves here.
        CollapsingHeader::new("Story")
            .default_open(!plan.notes.is_empty())
            .show(ui, |ui| {
                if context.base.is_some() {
                    ui.label(egui::RichText::new(&plan.notes).small())
                        .on_hover_text(
                            "Every scenario shares the base's story: edit it on the base",
                        );
                } else {
                    let label = ui.label("Notes").on_hover_text(
                        "Who the plan is for and what they want to know; saved with the plan",
                    );
                    ui.add(
                        egui::TextEdit::multiline(&mut plan.notes)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY)
                            .hint_text("Who this plan is for and what they want to know"),
                    )
                    .labelled_by(label.id);
                    // The names on the client report's first page.
                    egui::Grid::new("report names")
                        .num_columns(2)
                        .show(ui, |ui| {
                            for (name, value, hint) in [
                                (
                                    "Prepared for",
                                    &mut plan.report.prepared_for,
                                    "The client, on the report",
                                ),
                                (
                                    "Prepared by",
                                    &mut plan.report.prepared_by,
                                    "The adviser or firm, on the report",
                                ),
                            ] {
                                let label = ui.label(name).on_hover_text(hint);
                                ui.add(egui::TextEdit::singleline(value).hint_text(hint))
                                    .labelled_by(label.id);
                                ui.end_row();
                            }
                        });
                }
            });
        ui.add_space(4.0);
        group(ui, "Saver", true, |ui| saver::ui(ui, &form, plan));
        group(ui, "Contributions", true, |ui| {
            contributions::ui(ui, &form, plan, context.valid)
        });
        group(ui, "Allocation", true, |ui| {
            allocation::ui(ui, &form, plan, context.valid)
        });
        group(ui, "Crypto sleeve", true, |ui| {
            self.sleeve.ui(ui, &form, plan)
        });
        group(
            ui,
            "Private markets",
            plan.allocation.private.is_some(),
            |ui| private::ui(ui, &form, plan),
        );
        group(ui, "Retirement", true, |ui| retirement::ui(ui, &form, plan));
        group(ui, "Taxes", plan.taxes.is_none(), |ui| {
            taxes::ui(ui, &form, plan)
        });
        group(ui, "Advanced", false, |ui| advanced::ui(ui, &form, plan));
        let history = plan.simulation.returns.history_mode().is_some();
        let table = plan.simulation.lifespan.is_table();
        group(
            ui,
            "Simulation",
            history || table || context.run_error.is_some(),
            |ui| simulation::ui(ui, &form, plan, context.run_error, commands),
        );
    }
}

/// A sentence under a control, in the grid's second column, wrapped at
/// the controls' width so that a sentence never widens the panel.
fn say(ui: &mut Ui, words: &str) {
    ui.label("");
    ui.vertical(|ui| {
        ui.set_max_width(SAY_WIDTH);
        ui.add(egui::Label::new(egui::RichText::new(words).small().weak()).wrap());
    });
    ui.end_row();
}

/// How wide a sentence under a control may run, in points.
const SAY_WIDTH: f32 = 210.0;

fn group(ui: &mut Ui, title: &str, open: bool, add: impl FnOnce(&mut Ui)) {
    CollapsingHeader::new(egui::RichText::new(title).strong())
        .default_open(open)
        .show(ui, add);
}

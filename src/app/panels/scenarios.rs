//! The scenario strip, above the plan: the base and up to three variants,
//! each with its colour; pick one to edit it, add one (a copy of the one
//! shown), copy, delete or make it the base. A variant's changes from the
//! base are listed in words under the strip.

use egui::{RichText, Ui};

use crate::app::charts;
use crate::app::{Command, ScenarioAction};
use crate::plan::Plan;
use crate::plan::scenario::{MAX_VARIANTS, describe_changes};

/// The strip of one frame.
pub struct ScenarioStrip<'a> {
    /// The plan, base and variants.
    pub plan: &'a Plan,
    /// The scenario shown and edited (0 is the base).
    pub selected: usize,
}

impl ScenarioStrip<'_> {
    /// Draws the strip; what the user asks for goes to `commands`.
    pub fn ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let plan = self.plan;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Scenarios").strong())
                .on_hover_text("Compare up to four plans on the same simulated markets: the base and up to three variants");
            for index in 0..plan.scenario_count() {
                let name = match index {
                    0 => "Base".to_owned(),
                    i => plan.variants[i - 1].name.clone(),
                };
                charts::scenario_swatch(ui, index);
                let chosen = index == self.selected;
                if ui
                    .selectable_label(chosen, &name)
                    .on_hover_text(if index == 0 {
                        format!("The plan itself, \"{}\": variants follow it for everything they do not change", plan.name)
                    } else {
                        format!("Edit the scenario \"{name}\"")
                    })
                    .clicked()
                {
                    commands.push(Command::Scenario(ScenarioAction::Select(index)));
                }
            }
            let room = plan.variants.len() < MAX_VARIANTS;
            if ui
                .add_enabled(room, egui::Button::new("Add scenario"))
                .on_hover_text("A new scenario copying the one shown: then change what you want to compare")
                .on_disabled_hover_text("Up to three variants beside the base")
                .clicked()
            {
                commands.push(Command::Scenario(ScenarioAction::Add));
            }
        });
        if self.selected == 0 {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(
                    plan.variants.len() < MAX_VARIANTS,
                    egui::Button::new("Copy"),
                )
                .on_hover_text("A new scenario copying this one")
                .clicked()
            {
                commands.push(Command::Scenario(ScenarioAction::Add));
            }
            if ui
                .button("Make this the base")
                .on_hover_text("The other scenarios are kept as they are, as changes from this one")
                .clicked()
            {
                commands.push(Command::Scenario(ScenarioAction::MakeBase(self.selected)));
            }
            if ui
                .button("Delete")
                .on_hover_text("Remove this scenario (Undo, Ctrl+Z, brings it back)")
                .clicked()
            {
                commands.push(Command::Scenario(ScenarioAction::Delete(self.selected)));
            }
        });
        let Some(variant) = plan.scenario(self.selected) else {
            return;
        };
        let changes = describe_changes(plan, &variant);
        if changes.is_empty() {
            ui.weak("The same as the base so far: change what you want to compare");
        }
        for line in changes {
            ui.label(format!("• {line}"));
        }
    }
}

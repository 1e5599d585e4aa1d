//! The menu bar: File, Edit and View, each item a [`Command`] with its
//! shortcut shown.

use egui::ThemePreference;

use super::{Command, GlidepathApp};

impl GlidepathApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let commands = &mut self.runtime.commands;
        let item =
            |ui: &mut egui::Ui, command: Command, enabled: bool, commands: &mut Vec<Command>| {
                let shortcut = shortcut_words(ui.ctx(), command.clone());
                if ui
                    .add_enabled(
                        enabled,
                        egui::Button::new(command.label()).shortcut_text(shortcut),
                    )
                    .clicked()
                {
                    commands.push(command);
                }
            };
        if let Some(popup) = ui.data(|d| d.get_temp::<egui::Id>(pending_menu_id())) {
            ui.data_mut(|d| d.remove::<egui::Id>(pending_menu_id()));
            egui::Popup::open_id(ui.ctx(), popup);
        }
        egui::MenuBar::new().ui(ui, |ui| {
            let file = ui.menu_button("File", |ui| {
                item(ui, Command::New, true, commands);
                item(ui, Command::Open, true, commands);
                ui.menu_button("Open example", |ui| {
                    for i in 0..crate::store::EXAMPLES.len() {
                        item(ui, Command::OpenExample(i), true, commands);
                    }
                });
                ui.menu_button("Open recent", |ui| {
                    if self.preferences.recent_files.is_empty() {
                        ui.weak("No recent files");
                    }
                    for path in &self.preferences.recent_files {
                        item(ui, Command::OpenPath(path.clone()), true, commands);
                    }
                });
                ui.separator();
                item(ui, Command::Save, true, commands);
                item(ui, Command::SaveAs, true, commands);
                ui.separator();
                let has_results = self.results.outcome(0).is_some();
                let comparing = self.document.plan.scenario_count() > 1;
                ui.menu_button("Export", |ui| {
                    let valid = self.results.valid().is_some();
                    item(ui, Command::ExportReport, valid, commands);
                    item(ui, Command::ExportPng, has_results, commands);
                    item(ui, Command::ExportCsv, has_results, commands);
                    item(
                        ui,
                        Command::ExportComparison,
                        has_results && comparing,
                        commands,
                    );
                });
                ui.separator();
                item(ui, Command::Quit, true, commands);
            });
            let edit = ui.menu_button("Edit", |ui| {
                item(ui, Command::Undo, self.document.can_undo(), commands);
                item(ui, Command::Redo, self.document.can_redo(), commands);
            });
            let view = ui.menu_button("View", |ui| {
                for command in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                    item(ui, command, true, commands);
                }
                let shortcut = shortcut_words(ui.ctx(), Command::TogglePlanPanel);
                let shown = !self.preferences.hide_plan;
                if ui
                    .add(
                        egui::Button::selectable(shown, Command::TogglePlanPanel.label())
                            .shortcut_text(shortcut),
                    )
                    .on_hover_text(
                        "Hide the plan to give the chart the whole window, for a projector",
                    )
                    .clicked()
                {
                    commands.push(Command::TogglePlanPanel);
                }
                ui.separator();
                ui.label("Theme");
                for theme in [
                    ThemePreference::System,
                    ThemePreference::Light,
                    ThemePreference::Dark,
                ] {
                    if ui
                        .radio(
                            self.preferences.theme == theme,
                            Command::Theme(theme).label(),
                        )
                        .clicked()
                    {
                        commands.push(Command::Theme(theme));
                    }
                }
            });
            let help = ui.menu_button("Help", |ui| {
                item(ui, Command::ShowShortcuts, true, commands);
                item(ui, Command::About, true, commands);
            });
            // Menus from the keyboard: F10 or Alt+F opens File, Alt+E Edit,
            // Alt+V View, Alt+H Help (then the arrow keys and Enter, as
            // egui's menus do).
            let key = |ui: &mut egui::Ui, key: egui::Key| {
                ui.input_mut(|i| i.consume_key(egui::Modifiers::ALT, key))
            };
            let open = if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F10))
                || key(ui, egui::Key::F)
            {
                Some(&file.response)
            } else if key(ui, egui::Key::E) {
                Some(&edit.response)
            } else if key(ui, egui::Key::V) {
                Some(&view.response)
            } else if key(ui, egui::Key::H) {
                Some(&help.response)
            } else {
                None
            };
            // Opened as the next frame starts, before the bar is drawn, so
            // the menu is shown in the frame it opens in.
            if let Some(button) = open {
                let popup = egui::Popup::default_response_id(button);
                ui.data_mut(|d| d.insert_temp(pending_menu_id(), popup));
                ui.ctx().request_repaint();
            }
        });
    }
}

/// A command's shortcut as people write it: "Ctrl+=" and "Ctrl+-", not
/// egui's "Ctrl+Equals" and "Ctrl+Minus".
fn shortcut_words(ctx: &egui::Context, command: Command) -> String {
    command
        .shortcut()
        .map(|s| {
            ctx.format_shortcut(&s)
                .replace("Equals", "=")
                .replace("Minus", "-")
                .replace("Plus", "+")
        })
        .unwrap_or_default()
}

/// Where a menu asked for from the keyboard waits for the next frame.
fn pending_menu_id() -> egui::Id {
    egui::Id::unique("menu opened from the keyboard")
}

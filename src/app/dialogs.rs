//! The questions and messages that wait for the user: an error, unsaved
//! changes, a path typed where no file dialog can be shown. Their buttons
//! queue commands; nothing is saved or opened inside the dialog itself.

use std::path::PathBuf;
use std::sync::Arc;

use egui::Key;

use super::failure::Failure;
use super::{Command, GlidepathApp, PathFor};

/// A question or message that waits for the user.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Something went wrong; the plan and files are as they were.
    Error(Arc<Failure>),
    /// There are unsaved changes: save, discard or cancel `then`.
    UnsavedChanges {
        /// What was asked for.
        then: Command,
    },
    /// New: start from a blank plan or from the sample.
    NewPlan,
    /// Help: every keyboard shortcut.
    Shortcuts,
    /// Help: what Glidepath is and where its documents are.
    About,
    /// No system file dialog could be shown: the path is typed here.
    AskPath {
        /// What the path is for.
        purpose: PathFor,
        /// The path as typed so far.
        text: String,
        /// What to carry on with once the path's purpose succeeded.
        then: Option<Box<Command>>,
    },
}

impl GlidepathApp {
    /// Shows the dialog, if there is one; its answer becomes commands.
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.view.dialog.clone() else {
            return;
        };
        let mut close = false;
        let commands = &mut self.runtime.commands;
        egui::Modal::new(egui::Id::unique("glidepath dialog")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &dialog {
                Dialog::Error(failure) => {
                    ui.heading("Something went wrong");
                    ui.label(failure.to_string());
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                        close = true;
                    }
                }
                Dialog::AskPath {
                    purpose,
                    text,
                    then,
                } => {
                    let mut text = text.clone();
                    ui.heading(purpose.question());
                    ui.label("No file dialog is available here: type the file's path");
                    let label = ui.label("File");
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(420.0))
                        .labelled_by(label.id);
                    if ui.memory(|m| m.focused().is_none()) {
                        field.request_focus();
                    }
                    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    if let Some(Dialog::AskPath { text: kept, .. }) = &mut self.view.dialog {
                        kept.clone_from(&text);
                    }
                    ui.horizontal(|ui| {
                        if (ui.button("OK").clicked() || entered) && !text.trim().is_empty() {
                            close = true;
                            commands.push(purpose.command(PathBuf::from(text.trim())));
                            if let Some(then) = then {
                                commands.push(Command::IfSaved(then.clone()));
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::NewPlan => {
                    ui.heading("Start a new plan");
                    ui.label("A blank plan has every default to fill in (an income need of $60,000 a year after tax to change, no money yet); the sample plan is a 35-year-old saver to change.");
                    ui.horizontal(|ui| {
                        for blank in [true, false] {
                            let command = Command::NewPlan { blank };
                            let clicked = ui.button(command.label()).clicked();
                            // Enter takes the first, the blank plan.
                            if clicked || (blank && ui.input(|i| i.key_pressed(Key::Enter))) {
                                close = true;
                                commands.push(command);
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Shortcuts => {
                    ui.heading("Keyboard shortcuts");
                    egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
                        for command in [
                            Command::New,
                            Command::Open,
                            Command::Save,
                            Command::SaveAs,
                            Command::Undo,
                            Command::Redo,
                            Command::ZoomIn,
                            Command::ZoomOut,
                            Command::ZoomReset,
                            Command::TogglePlanPanel,
                            Command::ShowShortcuts,
                            Command::Quit,
                        ] {
                            let keys: Vec<String> = command
                                .shortcuts()
                                .iter()
                                .map(|s| {
                                    ui.ctx()
                                        .format_shortcut(s)
                                        .replace("Equals", "=")
                                        .replace("Minus", "-")
                                })
                                .collect();
                            ui.label(command.label());
                            ui.label(keys.join(" or "));
                            ui.end_row();
                        }
                        for (what, keys) in [
                            ("Open the File, Edit, View or Help menu", "F10, Alt+F, Alt+E, Alt+V, Alt+H"),
                            ("Move between fields", "Tab, Shift+Tab"),
                            ("Commit a typed value", "Enter"),
                            ("Close a dialog", "Escape"),
                        ] {
                            ui.label(what);
                            ui.label(keys);
                            ui.end_row();
                        }
                    });
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                        close = true;
                    }
                }
                Dialog::About => {
                    ui.heading(format!("Glidepath {}", env!("CARGO_PKG_VERSION")));
                    ui.label("A retirement planner for US 401(k) savers and their advisers: the range of outcomes of a plan, after tax, for as long as you may live, with or without a crypto or a private-markets sleeve.");
                    ui.label("Private and offline: Glidepath never uses the network and sends nothing anywhere. Your plans stay in the files you save.");
                    ui.label("How every figure is worked out, with its sources, is in the README and docs/model.md beside the program's source, and in the Method and Assumptions pages of every client report (File > Export).");
                    ui.label(egui::RichText::new("Hypothetical results based on assumptions, not a guarantee of future results; not investment, tax or legal advice.").small());
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                        close = true;
                    }
                }
                Dialog::UnsavedChanges { then } => {
                    ui.heading(format!("Save the changes to {}?", self.document.name()));
                    ui.label("If you don't, they are lost. Enter saves; Escape cancels.");
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                            close = true;
                            commands.push(Command::SaveThen(Box::new(then.clone())));
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            self.document.discard_changes();
                            commands.push(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
            }
            if ui.input(|i| i.key_pressed(Key::Escape)) {
                close = true;
            }
        });
        if close && self.view.dialog.as_ref() == Some(&dialog) {
            self.view.dialog = None;
        }
    }
}

//! The input widgets the plan panel is built from: labelled rows with a
//! tooltip, money and percentage fields, and the reason beside an invalid
//! field. The fields have no range to clamp to: a value from a file or
//! typed is kept and shown as it is (the app never silently changes a
//! plan's numbers), and one that is not valid is explained beside it.

use egui::{DragValue, Response, Ui};

use crate::plan::{Lever, Plan, Problem, Unit};
use crate::units::{parse_percent, parse_usd, percent, usd};

/// A form: a grid of labelled rows that knows the plan's problems.
pub struct Form<'a> {
    /// The plan's problems, each found by its field path.
    pub problems: &'a [Problem],
    /// The colour a problem is written in.
    pub error_color: egui::Color32,
    /// The base, when a variant is edited: rows that differ are marked.
    pub base: Option<&'a Plan>,
}

impl Form<'_> {
    /// One row: the label (with its tooltip), the widget, and, when the
    /// field at `field` has a problem, the reason in words below it.
    pub fn row(
        &self,
        ui: &mut Ui,
        label: &str,
        tooltip: &str,
        field: &str,
        add: impl FnOnce(&mut Ui) -> Response,
    ) -> Response {
        let label_response = ui.label(label).on_hover_text(tooltip);
        let problem = self.problems.iter().find(|p| p.field == field);
        let response = ui
            .scope(|ui| {
                if problem.is_some() {
                    let visuals = &mut ui.visuals_mut().widgets;
                    for w in [&mut visuals.inactive, &mut visuals.hovered] {
                        w.bg_stroke = egui::Stroke::new(1.5, self.error_color);
                    }
                }
                add(ui)
            })
            .inner
            .labelled_by(label_response.id)
            .on_hover_text(tooltip);
        ui.end_row();
        if let Some(problem) = problem {
            wrapped(ui, &problem.message, self.error_color);
        }
        // Typed text a field could not read: said under it until the next edit.
        let unreadable_id = response.id.with("unreadable");
        if let Some(text) = response.lost_focus().then(take_unreadable).flatten() {
            ui.data_mut(|d| d.insert_temp(unreadable_id, text));
        } else if response.changed() || response.gained_focus() {
            ui.data_mut(|d| d.remove::<String>(unreadable_id));
        }
        if let Some(text) = ui.data(|d| d.get_temp::<String>(unreadable_id)) {
            // What was typed, cut short: a pasted page must not widen the panel.
            let shown: String = text.chars().take(24).collect();
            let shown = if shown.len() < text.len() {
                format!("{shown}…")
            } else {
                shown
            };
            wrapped(
                ui,
                &format!(
                    "Could not read \"{shown}\": the field keeps its value. Type a number, as 85,000, 85k or 8%"
                ),
                self.error_color,
            );
        }
        response
    }

    /// A row for `lever`: its widget follows the lever's unit, its value is
    /// read and written through the lever, its problem found by its path.
    /// Nothing is drawn where the lever does not apply to the plan.
    pub fn lever(
        &self,
        ui: &mut Ui,
        plan: &mut Plan,
        lever: Lever,
        label: &str,
        tooltip: &str,
    ) -> Option<Response> {
        let mut value = lever.get(plan)?;
        let base_value = self.base.map(|base| lever.get(base));
        let response = self.row(ui, label, tooltip, lever.path(), |ui| {
            ui.horizontal(|ui| {
                let response = ui.add(widget(lever.unit(), &mut value));
                if let Some(base_value) = base_value.filter(|b| *b != Some(value)) {
                    let was = base_value.map_or_else(|| "not set".to_owned(), |v| lever.show(v));
                    changed_mark(ui).on_hover_text(format!("Base: {was}"));
                }
                response
            })
            .inner
        });
        // The row is drawn only where the lever applies (it read a value),
        // and the panel's levers each write one field: nothing refuses.
        if response.changed() && lever.set(plan, value).is_err() {
            debug_assert!(false, "{lever:?} refused a value it read");
        }
        Some(response)
    }

    /// The problem at `field`, written under the rows (for fields that are
    /// not a row, such as a match tier).
    pub fn problem_at(&self, ui: &mut Ui, field: &str) {
        if let Some(p) = self.problems.iter().find(|p| p.field == field) {
            ui.colored_label(self.error_color, &p.message);
        }
    }
}

/// The dot beside a variant's input that differs from the base.
fn changed_mark(ui: &mut Ui) -> Response {
    let color = super::theme::of(ui.ctx()).scenarios[1];
    let (rect, response) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.0, color);
    response
}

/// The input for a number of `unit`.
fn widget(unit: Unit, value: &mut f64) -> DragValue<'_> {
    // Typed text scrolls inside the field instead of widening the panel.
    held(match unit {
        Unit::Usd => money(value),
        Unit::Share => share(value),
        Unit::Rate | Unit::LogJump => rate(value),
        Unit::Years => DragValue::new(value)
            .speed(0.1)
            .fixed_decimals(0)
            .suffix(" years")
            .update_while_editing(false),
        Unit::Year => DragValue::new(value)
            .speed(0.1)
            .fixed_decimals(0)
            .update_while_editing(false),
        Unit::Count => DragValue::new(value)
            .speed(10.0)
            .fixed_decimals(0)
            .update_while_editing(false),
    })
}

/// A field that keeps its width while text is typed into it (however
/// long), at least wide enough for a money amount.
fn held(field: DragValue<'_>) -> DragValue<'_> {
    field.clip_text(true).min_size(egui::vec2(72.0, 18.0))
}

thread_local! {
    /// The last text a field's parser could not read, for its row to say.
    static UNREADABLE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// `parse` that remembers text it could not read.
fn remembering(parse: fn(&str) -> Option<f64>) -> impl Fn(&str) -> Option<f64> {
    move |text| {
        let value = parse(text);
        if value.is_none() && !text.trim().is_empty() {
            UNREADABLE.with(|u| *u.borrow_mut() = Some(text.trim().to_owned()));
        }
        value
    }
}

/// How wide a message under a field may run, in points: it wraps there,
/// so no message widens the plan panel.
pub const MESSAGE_WIDTH: f32 = 230.0;

/// A message in the grid's second column, wrapped at [`MESSAGE_WIDTH`].
fn wrapped(ui: &mut Ui, message: &str, color: egui::Color32) {
    ui.label("");
    ui.vertical(|ui| {
        ui.set_max_width(MESSAGE_WIDTH);
        ui.add(egui::Label::new(egui::RichText::new(message).color(color)).wrap());
    });
    ui.end_row();
}

/// Forgets text no row claimed (a field outside a form): called as each
/// frame starts, so it is never said under another field.
pub fn forget_unreadable() {
    take_unreadable();
}

/// The text the last field could not read, once.
fn take_unreadable() -> Option<String> {
    UNREADABLE.with(|u| u.borrow_mut().take())
}

/// Money in whole dollars: shows `$85,000`, accepts "85,000", "85k", "1.2m".
pub fn money(value: &mut f64) -> DragValue<'_> {
    let speed = (value.abs() * 0.002).clamp(10.0, 10_000.0);
    held(DragValue::new(value))
        .speed(speed)
        // A value too large to be an account's says so, in a few letters,
        // instead of forty digits that widen the panel.
        .custom_formatter(|v, _| {
            if v.abs() >= 1e15 {
                "too large".to_owned()
            } else {
                usd(v)
            }
        })
        .custom_parser(remembering(parse_usd))
        .update_while_editing(false)
}

/// A share shown and typed as a percentage (0.08 is "8%").
pub fn share(value: &mut f64) -> DragValue<'_> {
    held(DragValue::new(value))
        .speed(0.0005)
        .custom_formatter(|v, _| percent(v))
        .custom_parser(remembering(parse_percent))
        .update_while_editing(false)
}

/// A return or volatility that may be negative (expected returns).
pub fn rate(value: &mut f64) -> DragValue<'_> {
    held(DragValue::new(value))
        .speed(0.0005)
        .custom_formatter(|v, _| percent(v))
        .custom_parser(remembering(parse_percent))
        .update_while_editing(false)
}

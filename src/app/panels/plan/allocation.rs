//! The Allocation group: the glide path, picked from the presets or edited
//! age by age, with a preview of the target weights.

use egui::{CollapsingHeader, ComboBox, Grid, Ui};

use super::Form;
use crate::app::charts;
use crate::app::inputs::share;
use crate::plan::defaults::shipped;
use crate::plan::glide_path::Knot;
use crate::plan::lever::path;
use crate::plan::{Plan, ValidPlan};

pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan, valid: Option<&ValidPlan>) {
    let presets = &shipped().presets;
    let retirement_age = f64::from(plan.saver.retirement_age);
    let glide_path = &mut plan.allocation.glide_path;
    let matching = presets.iter().find(|p| p.knots == glide_path.knots);
    let selected = matching.map_or("Custom", |p| p.name.as_str());
    ui.horizontal(|ui| {
        let label = ui
            .label("Glide path")
            .on_hover_text("How the mix of stocks, bonds and cash moves as retirement nears");
        ComboBox::from_id_salt("glide path")
            .selected_text(selected)
            .width(220.0)
            .show_ui(ui, |ui| {
                for preset in presets {
                    if ui
                        .selectable_label(selected == preset.name, &preset.name)
                        .on_hover_text(format!(
                            "{}. Resembles {} (not the fund family's own product). {}",
                            describe(&preset.knots),
                            preset.resembles,
                            preset.source
                        ))
                        .clicked()
                    {
                        *glide_path = preset.glide_path();
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if matching.is_none() {
        ui.weak("Custom: the mix at each age; between two ages it moves in a straight line, and it holds before the first and after the last");
    }
    CollapsingHeader::new("Edit the glide path")
        .default_open(matching.is_none())
        .show(ui, |ui| {
            let mut remove = None;
            Grid::new("knots").num_columns(5).show(ui, |ui| {
                ui.label("At age").on_hover_text(
                    "The age this mix applies at; it moves with the retirement age (the file keeps years to retirement)",
                );
                ui.label("Stocks");
                ui.label("Bonds");
                ui.label("Cash");
                ui.end_row();
                for (i, knot) in glide_path.knots.iter_mut().enumerate() {
                    let mut age = retirement_age - knot.years_to_retirement;
                    if ui
                        .add(
                            egui::DragValue::new(&mut age)
                                .speed(0.2)
                                .max_decimals(1)
                                .update_while_editing(false),
                        )
                        .changed()
                    {
                        knot.years_to_retirement = retirement_age - age;
                    }
                    ui.add(share(&mut knot.stocks));
                    ui.add(share(&mut knot.bonds));
                    ui.add(share(&mut knot.cash));
                    if ui.small_button("Remove").clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
            if let Some(i) = remove {
                glide_path.knots.remove(i);
            }
            if ui
                .button("Add an age")
                .on_hover_text("Another mix, five years after the last one")
                .clicked()
            {
                let last = glide_path.knots.last().copied().unwrap_or(Knot {
                    years_to_retirement: 0.0,
                    stocks: 0.6,
                    bonds: 0.4,
                    cash: 0.0,
                });
                glide_path.knots.push(Knot {
                    years_to_retirement: last.years_to_retirement - 5.0,
                    ..last
                });
            }
            if !glide_path.name.starts_with("Custom") && matching.is_none() {
                glide_path.name = format!("Custom (from {})", glide_path.name);
            }
            let prefix = format!("{}.", path::GLIDE_PATH);
            for p in form
                .problems
                .iter()
                .filter(|p| p.field.starts_with(path::GLIDE_PATH))
            {
                ui.colored_label(
                    form.error_color,
                    format!("{}: {}", p.field.trim_start_matches(&prefix), p.message),
                );
            }
        });
    match valid {
        Some(valid) => charts::glide_path_preview(ui, valid),
        None => {
            ui.weak("The preview returns once the plan is valid");
        }
    }
}

/// A glide path in words, by its stocks: "Stocks 90% until 25 years before
/// retirement, 50% at retirement, 30% from 7 years after".
fn describe(knots: &[Knot]) -> String {
    let mut sorted = knots.to_vec();
    sorted.sort_by(|a, b| b.years_to_retirement.total_cmp(&a.years_to_retirement));
    let when = |y: f64| match y {
        y if y > 0.0 => format!("{y:.0} years before retirement"),
        y if y < 0.0 => format!("{:.0} years after", -y),
        _ => "retirement".to_owned(),
    };
    let pct = |v: f64| format!("{:.0}%", v * 100.0);
    match sorted.as_slice() {
        [] => String::new(),
        [only] => format!("Stocks {} throughout", pct(only.stocks)),
        [first, middle @ .., last] => {
            let mut parts = vec![format!(
                "Stocks {} until {}",
                pct(first.stocks),
                when(first.years_to_retirement)
            )];
            parts.extend(
                middle
                    .iter()
                    .map(|k| format!("{} at {}", pct(k.stocks), when(k.years_to_retirement))),
            );
            parts.push(format!(
                "{} from {}",
                pct(last.stocks),
                when(last.years_to_retirement)
            ));
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glide_path_reads_in_words() {
        let k = |y: f64, s: f64| Knot {
            years_to_retirement: y,
            stocks: s,
            bonds: 1.0 - s,
            cash: 0.0,
        };
        assert_eq!(
            describe(&[k(0.0, 0.5), k(25.0, 0.9), k(-7.0, 0.3)]),
            "Stocks 90% until 25 years before retirement, 50% at retirement, 30% from 7 years after"
        );
        assert_eq!(describe(&[k(0.0, 0.6)]), "Stocks 60% throughout");
    }
}

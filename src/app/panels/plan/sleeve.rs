//! The Crypto sleeve group: on or off, its weights, rebalancing, the crypto
//! view, and what the view means for bitcoin held alone.

use egui::{ComboBox, Grid, Slider, SliderClamping, Ui};

use super::Form;
use crate::app::theme;
use crate::market::ViewFigures;
use crate::plan::defaults::shipped;
use crate::plan::lever::path;
use crate::plan::sleeve::{Rebalance, Sleeve};
use crate::plan::{Lever, Plan};
use crate::units::{parse_percent, percent};

/// The group's own state: what is not part of the plan.
#[derive(Default)]
pub struct SleeveSection {
    /// Lets the sleeve's slider go to 50% instead of 10%.
    allow_more_crypto: bool,
    /// The sentence on crypto alone, for the assumptions it was computed from.
    crypto_sentence: Option<(String, String)>,
}

impl SleeveSection {
    pub fn ui(&mut self, ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
        let mut on = plan.allocation.sleeve.is_some();
        if ui
            .checkbox(&mut on, "Add a crypto sleeve")
            .on_hover_text("Hold part of the account in bitcoin, beside the target-date core")
            .changed()
        {
            plan.allocation.sleeve = on.then(|| Sleeve::constant(0.03));
        }
        let Some(sleeve) = plan.allocation.sleeve.as_mut() else {
            ui.weak("Off: the whole account follows the glide path");
            return;
        };
        let max = if self.allow_more_crypto { 0.5 } else { 0.1 };
        Grid::new("sleeve").num_columns(2).show(ui, |ui| {
            form.row(
                ui,
                "Weight now",
                "The sleeve's target share of the account today",
                Lever::SleeveWeight.path(),
                |ui| ui.add(weight_slider(&mut sleeve.weight, max)),
            );
            form.row(
                ui,
                "Weight at retirement",
                "The target moves in a straight line from today's weight to this one at retirement, then holds",
                Lever::SleeveWeightAtRetirement.path(),
                |ui| ui.add(weight_slider(&mut sleeve.weight_at_retirement, max)),
            );
            form.row(
                ui,
                "Rebalancing",
                "Annual: each year the sleeve is brought back to its target (gains sold, losses bought). Never: buy and hold; the sleeve drifts with bitcoin's price",
                path::REBALANCE,
                |ui| {
                    ComboBox::from_id_salt("rebalance")
                        .selected_text(rebalance_label(sleeve.rebalance))
                        .show_ui(ui, |ui| {
                            for policy in [Rebalance::Annual, Rebalance::Never] {
                                ui.selectable_value(
                                    &mut sleeve.rebalance,
                                    policy,
                                    rebalance_label(policy),
                                );
                            }
                        })
                        .response
                },
            );
        });
        ui.checkbox(&mut self.allow_more_crypto, "Allow more than 10%")
            .on_hover_text("Lets the sliders go up to 50%");
        if sleeve.weight > 0.05 || sleeve.weight_at_retirement > 0.05 {
            ui.colored_label(
                theme::of(ui.ctx()).bad_case,
                "Above 5%, bitcoin's swings start to drive the whole account's risk",
            );
        }
        self.crypto_view(ui, plan);
    }

    fn crypto_view(&mut self, ui: &mut Ui, plan: &mut Plan) {
        let views = &shipped().crypto_views;
        let a = &mut plan.assumptions;
        let current = views
            .iter()
            .find(|v| v.asset() == a.crypto && v.crash == a.crypto_crash);
        ui.horizontal(|ui| {
            let label = ui.label("Crypto view").on_hover_text(
                "Nobody knows bitcoin's future return: these are assumptions, not forecasts. Neutral is the default",
            );
            ComboBox::from_id_salt("crypto view")
                .selected_text(current.map_or("Custom", |v| v.name.as_str()))
                .show_ui(ui, |ui| {
                    for view in views {
                        let chosen = current.is_some_and(|c| c.id == view.id);
                        if ui
                            .selectable_label(chosen, &view.name)
                            .on_hover_text(&view.basis)
                            .clicked()
                        {
                            a.crypto = view.asset();
                            a.crypto_crash = view.crash.clone();
                        }
                    }
                    ui.weak("Custom: edit in Advanced");
                })
                .response
                .labelled_by(label.id);
        });
        if let Some(view) = current {
            ui.weak(&view.basis);
        }
        // The figures follow the numbers, the user's own included; worked
        // out again only when they change.
        let key = format!("{:?}{:?}", a.crypto, a.crypto_crash);
        if self.crypto_sentence.as_ref().is_none_or(|(k, _)| *k != key) {
            let figures = ViewFigures::of(&a.crypto, a.crypto_crash.as_ref());
            let sentence = format!(
                "Held alone, bitcoin under this view has an average year of {}, and {}",
                percent(figures.average_year),
                figures.sentence()
            );
            self.crypto_sentence = Some((key, sentence));
        }
        if let Some((_, sentence)) = &self.crypto_sentence {
            ui.label(sentence);
        }
    }
}

/// A sleeve weight from 0 to `max`, typed values beyond it kept.
pub(super) fn weight_slider(value: &mut f64, max: f64) -> Slider<'_> {
    Slider::new(value, 0.0..=max)
        .clamping(SliderClamping::Never)
        .custom_formatter(|v, _| percent(v))
        .custom_parser(parse_percent)
}

fn rebalance_label(policy: Rebalance) -> &'static str {
    match policy {
        Rebalance::Annual => "Annual",
        Rebalance::Never => "Never (buy and hold)",
    }
}

//! The Private markets group: a private sleeve on or off, its kind (a
//! shipped view with its source), its weights, every figure of its view
//! through its lever, and what the smoothing and the sale limit mean in
//! words.

use egui::{ComboBox, Grid, Ui};

use super::sleeve::weight_slider;
use super::{Form, SAY_WIDTH};
use crate::app::theme;
use crate::plan::defaults::shipped;
use crate::plan::lever::path;
use crate::plan::private::{PrivateKind, PrivateSleeve};
use crate::plan::{Lever, Plan};
use crate::units::percent;

pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let mut on = plan.allocation.private.is_some();
    if ui
        .checkbox(&mut on, "Add a private-markets sleeve")
        .on_hover_text("Hold part of the account in private equity, private credit, real estate, infrastructure or commodities, beside the target-date core, as the target-date funds that add them do")
        .changed()
    {
        plan.allocation.private =
            on.then(|| PrivateSleeve::constant(0.10, PrivateKind::PrivateEquity));
    }
    let Some(sleeve) = plan.allocation.private.as_mut() else {
        ui.weak("Off: no private assets");
        return;
    };
    Grid::new("private kind").num_columns(2).show(ui, |ui| {
        form.row(
            ui,
            "Kind",
            "Which shipped view the sleeve starts from; every figure below can be changed",
            path::PRIVATE_KIND,
            |ui| {
                ComboBox::from_id_salt("private kind")
                    .selected_text(sleeve.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in PrivateKind::ALL {
                            if ui
                                .selectable_label(sleeve.kind == kind, kind.label())
                                .on_hover_text(&shipped().private_view(kind).source)
                                .clicked()
                            {
                                // A new kind brings its own view whole.
                                sleeve.kind = kind;
                                sleeve.view = None;
                            }
                        }
                    })
                    .response
            },
        );
    });
    let source = &shipped().private_view(sleeve.kind).source.clone();
    ui.vertical(|ui| {
        ui.set_max_width(SAY_WIDTH + 120.0);
        ui.add(egui::Label::new(egui::RichText::new(source).small().weak()).wrap());
    });
    Grid::new("private").num_columns(2).show(ui, |ui| {
        form.row(
            ui,
            "Weight now",
            "The private sleeve's target share of the account today; published target-date funds hold 5% to 20%",
            Lever::PrivateWeight.path(),
            |ui| match plan.allocation.private.as_mut() {
                Some(sleeve) => ui.add(weight_slider(&mut sleeve.weight, 0.2)),
                None => ui.label(""),
            },
        );
        form.row(
            ui,
            "Weight at retirement",
            "The target moves in a straight line to this one at retirement, then holds",
            Lever::PrivateWeightAtRetirement.path(),
            |ui| match plan.allocation.private.as_mut() {
                Some(sleeve) => ui.add(weight_slider(&mut sleeve.weight_at_retirement, 0.2)),
                None => ui.label(""),
            },
        );
        for (lever, label, tooltip) in [
            (
                Lever::PrivateMean,
                "Average year, before fees",
                "The expected (arithmetic) return of the assets in a year, after inflation, before the fund's fees",
            ),
            (
                Lever::PrivateVolatility,
                "Volatility of the assets",
                "How much the assets' true value swings in a year; the reported value swings less (smoothing)",
            ),
            (
                Lever::PrivateCorrelationStocks,
                "Correlation with stocks",
                "How the assets' true return moves with stocks'",
            ),
            (
                Lever::PrivateCorrelationBonds,
                "Correlation with bonds",
                "How the assets' true return moves with bonds'",
            ),
            (
                Lever::PrivateSmoothing,
                "Smoothing",
                "Appraised values lag the assets: each year's reported return keeps this share of last year's (0: priced daily)",
            ),
            (
                Lever::PrivateFee,
                "Management fee",
                "The fund's yearly fee, a share of its reported value",
            ),
            (
                Lever::PrivateCarry,
                "Carry",
                "The fund's performance fee: its share of the reported return above the hurdle",
            ),
            (
                Lever::PrivateHurdle,
                "Hurdle",
                "The return (after inflation) above which carry is charged",
            ),
            (
                Lever::PrivateMaxSale,
                "Most sold in a year",
                "The share of the holding the fund redeems in a year: withdrawals and rebalancing take the rest from the liquid assets",
            ),
        ] {
            form.lever(ui, plan, lever, label, tooltip);
        }
    });
    let Some(sleeve) = plan.allocation.private.as_ref() else {
        return;
    };
    let view = sleeve.resolved(plan.assumptions.inflation);
    let words = format!(
        "Reported values lag: with a smoothing of {:.2} a 30% fall in the assets shows as a fall of about {} in its first year, and the reported value swings {} as much as the assets do. At most {} of the holding can be sold in a year, so after a crash elsewhere it can stand above its target. Fees: {} a year and {} of the return above {}; a 401(k) stock index fund costs about {}.",
        view.smoothing,
        percent(view.first_year_fall(0.30)),
        percent(view.reported_volatility_ratio()),
        percent(view.max_sale),
        percent(view.management),
        percent(view.carry),
        percent(view.hurdle),
        percent(crate::plan::fees::Fees::default().stocks),
    );
    ui.vertical(|ui| {
        ui.set_max_width(SAY_WIDTH + 120.0);
        ui.add(egui::Label::new(egui::RichText::new(words).small()).wrap());
    });
    if plan.simulation.returns.history_mode().is_some() {
        ui.colored_label(
            theme::of(ui.ctx()).error,
            "A return history has no private-market returns: use Monte Carlo (Simulation) to run this plan",
        );
    }
}

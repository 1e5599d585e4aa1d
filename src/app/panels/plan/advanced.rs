//! The Advanced group: fees, the market assumptions, crypto crashes,
//! inflation, a reset to the shipped defaults and where they come from.

use egui::{CollapsingHeader, Grid, RichText, Ui};

use super::Form;
use crate::app::inputs::share;
use crate::market::ViewFigures;
use crate::plan::assumptions::{Assumptions, CryptoCrash};
use crate::plan::defaults::{ABOUT, shipped};
use crate::plan::fees::Fees;
use crate::plan::lever::path;
use crate::plan::{Lever, Plan};
use crate::units::percent;

pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    ui.label(RichText::new("Fees a year").strong());
    Grid::new("fees").num_columns(2).show(ui, |ui| {
        for (lever, label, tooltip) in [
            (
                Lever::StocksFee,
                "Stock funds",
                "Expense ratio of the stock funds",
            ),
            (
                Lever::BondsFee,
                "Bond funds",
                "Expense ratio of the bond funds",
            ),
            (
                Lever::CashFee,
                "Cash fund",
                "Expense ratio of the cash fund",
            ),
            (
                Lever::CryptoFee,
                "Crypto fund",
                "Sponsor fee of the bitcoin fund",
            ),
            (
                Lever::PlanFee,
                "Plan fee",
                "The plan's own administration fee, from its fee disclosure",
            ),
        ] {
            form.lever(ui, plan, lever, label, tooltip);
        }
    });
    ui.label(RichText::new("Assumptions (after inflation)").strong());
    Grid::new("assumptions").num_columns(2).show(ui, |ui| {
        for (name, mean, volatility) in [
            ("Stocks", Lever::StocksMean, Lever::StocksVolatility),
            ("Bonds", Lever::BondsMean, Lever::BondsVolatility),
            ("Cash", Lever::CashMean, Lever::CashVolatility),
            ("Crypto", Lever::CryptoMean, Lever::CryptoVolatility),
        ] {
            form.lever(
                ui,
                plan,
                mean,
                &format!("{name}: average year"),
                "The expected (arithmetic) return in a year, after inflation",
            );
            form.lever(
                ui,
                plan,
                volatility,
                &format!("{name}: volatility"),
                "How much a year's return swings: the standard deviation of log returns",
            );
        }
        crashes(ui, form, plan);
        form.lever(
            ui,
            plan,
            Lever::Inflation,
            "Inflation",
            "Used only to show future dollars",
        );
    });
    if let Some(p) = form
        .problems
        .iter()
        .find(|p| p.field.starts_with(path::CORRELATIONS))
    {
        ui.colored_label(form.error_color, p.to_string());
    }
    if ui
        .button("Reset to defaults")
        .on_hover_text("Put back the shipped fees and assumptions")
        .clicked()
    {
        plan.fees = Fees::default();
        plan.assumptions = Assumptions::default();
    }
    CollapsingHeader::new("About these assumptions").show(ui, |ui| {
        ui.label(ABOUT);
        ui.add_space(4.0);
        ui.label(RichText::new("What each crypto view implies for bitcoin held alone").strong());
        for view in &shipped().crypto_views {
            let figures = ViewFigures::of(&view.asset(), view.crash.as_ref());
            ui.label(format!(
                "{}: an average year of {}; {}. {}",
                view.name,
                percent(figures.average_year),
                figures.sentence(),
                view.basis
            ));
        }
    });
}

/// Crypto crashes: on or off, how often, how deep (shown as the loss a
/// typical crash means), how much their size varies.
fn crashes(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let a = &mut plan.assumptions;
    let mut on = a.crypto_crash.is_some();
    form.row(
        ui,
        "Crypto crashes",
        "Some years bitcoin also crashes; its average year stays as assumed",
        path::CRYPTO_CRASH,
        |ui| ui.checkbox(&mut on, "On"),
    );
    if on != a.crypto_crash.is_some() {
        a.crypto_crash = on.then(|| {
            shipped()
                .assumptions
                .crypto_crash
                .clone()
                .unwrap_or(CryptoCrash {
                    probability: 0.25,
                    mean: -0.7,
                    volatility: 0.25,
                })
        });
    }
    form.lever(
        ui,
        plan,
        Lever::CrashProbability,
        "Chance of a crash in a year",
        "The probability of a crash year",
    );
    if let Some(crash) = plan.assumptions.crypto_crash.as_mut() {
        let mut loss = crash.typical_loss();
        let response = form.row(
            ui,
            "A typical crash cuts",
            "The loss a crash of average size means (a log jump of -0.70 cuts about 50%)",
            Lever::CrashMean.path(),
            |ui| {
                ui.horizontal(|ui| {
                    let response = ui.add(share(&mut loss));
                    ui.weak(loss_in_words(loss));
                    response
                })
                .inner
            },
        );
        if response.changed() {
            crash.mean = (1.0 - loss).ln();
        }
    }
    form.lever(
        ui,
        plan,
        Lever::CrashVolatility,
        "Crash size varies by",
        "The standard deviation of the crash's log size",
    );
}

/// A loss in words a saver reads at a glance: "about half".
fn loss_in_words(loss: f64) -> &'static str {
    match loss {
        l if l < 0.2 => "a small part",
        l if l < 0.29 => "about a quarter",
        l if l < 0.4 => "about a third",
        l if l < 0.58 => "about half",
        l if l < 0.7 => "about two thirds",
        l if l < 0.83 => "about three quarters",
        l if l < 0.97 => "nearly all",
        _ => "all of it",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn losses_read_in_words() {
        assert_eq!(super::loss_in_words(0.5034), "about half");
        assert_eq!(super::loss_in_words(0.75), "about three quarters");
        assert_eq!(super::loss_in_words(0.9), "nearly all");
    }
}

//! The Retirement group: the withdrawal rule and its amount or rate, and
//! Social Security.

use egui::{ComboBox, Grid, Ui};

use super::Form;
use crate::plan::lever::path;
use crate::plan::retirement::{SocialSecurity, Withdrawal};
use crate::plan::{Lever, Plan};

const NEED: &str = "A yearly income need";
const RULE: &str = "The 4% rule";
const PERCENT: &str = "A percent of balance";

pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let current = match plan.retirement.withdrawal {
        Withdrawal::FixedReal(_) => NEED,
        Withdrawal::InitialRate(_) => RULE,
        Withdrawal::PercentOfBalance(_) => PERCENT,
    };
    Grid::new("retirement").num_columns(2).show(ui, |ui| {
        let withdrawal = &mut plan.retirement.withdrawal;
        form.row(
            ui,
            "Withdrawal",
            "A yearly income need: what you need in total, Social Security included. The 4% rule: a fixed share of the balance you retire with, every year. A percent of balance: a share of each year's balance; it never runs out, but income moves with markets",
            path::WITHDRAWAL,
            |ui| {
                ComboBox::from_id_salt("withdrawal")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (name, rule) in [
                            (NEED, Withdrawal::FixedReal(60_000.0)),
                            (RULE, Withdrawal::InitialRate(0.04)),
                            (PERCENT, Withdrawal::PercentOfBalance(0.04)),
                        ] {
                            if ui.selectable_label(current == name, name).clicked() {
                                *withdrawal = rule;
                            }
                        }
                    })
                    .response
            },
        );
        form.lever(
            ui,
            plan,
            Lever::SpendingAmount,
            "Income you need",
            "A year, in today's dollars, Social Security included",
        );
        form.lever(
            ui,
            plan,
            Lever::WithdrawalRate,
            "Withdrawal rate",
            "The share withdrawn each year",
        );
        let social_security = &mut plan.retirement.social_security;
        let mut on = social_security.is_some();
        form.row(
            ui,
            "Social Security",
            "Include a Social Security benefit, in today's dollars",
            path::SOCIAL_SECURITY,
            |ui| ui.checkbox(&mut on, "Include"),
        );
        if on != social_security.is_some() {
            *social_security = on.then_some(SocialSecurity {
                annual: 24_000.0,
                from_age: 67,
            });
        }
        form.lever(
            ui,
            plan,
            Lever::SocialSecurityAnnual,
            "Benefit a year",
            "Your estimated benefit from ssa.gov, in today's dollars",
        );
        form.lever(
            ui,
            plan,
            Lever::SocialSecurityFromAge,
            "Benefit from age",
            "The age your benefit starts (62 to 70)",
        );
    });
}

//! The Saver group: ages, balance, salary, and beside the plan-to age what
//! the SSA life table says about living that long (one click plans to an
//! age reached with a 25% or a 10% chance).

use egui::{ComboBox, Grid, Ui};

use super::{Form, say};
use crate::life::Sex;
use crate::plan::lever::path;
use crate::plan::{Lever, Plan};

pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    // With taxes the balance is the pre-tax money; Roth and taxable money
    // are in the Taxes group.
    let (balance, balance_tip) = if plan.taxes.is_some() {
        (
            "Balance, pre-tax",
            "Traditional (pre-tax) 401(k) and IRA money today: every dollar out is taxed. Roth and taxable money are under Taxes. Type 85k or 1.2m",
        )
    } else {
        ("Balance", "What is in the account today. Type 85k or 1.2m")
    };
    Grid::new("saver").num_columns(2).show(ui, |ui| {
        for (lever, label, tooltip) in [
            (Lever::Age, "Age", "Your age today"),
            (
                Lever::RetirementAge,
                "Retirement age",
                "The age you stop working and start drawing income",
            ),
            (
                Lever::PlanToAge,
                "Plan to age",
                "How long the money should last: plan for a long life",
            ),
        ] {
            form.lever(ui, plan, lever, label, tooltip);
        }
        lifespan_hint(ui, plan);
        form.row(
            ui,
            "Sex",
            "Only for the life table, which has one column for women and one for men",
            path::SEX,
            |ui| sex_choice(ui, "saver sex", &mut plan.saver.sex),
        );
        for (lever, label, tooltip) in [
            (Lever::Balance, balance, balance_tip),
            (Lever::Salary, "Salary", "This year's pay before tax"),
            (
                Lever::SalaryGrowth,
                "Salary growth",
                "How much faster than inflation your pay grows each year",
            ),
        ] {
            form.lever(ui, plan, lever, label, tooltip);
        }
    });
}

/// A choice of the table's two columns, or none.
pub(super) fn sex_choice(ui: &mut Ui, id: &str, sex: &mut Option<Sex>) -> egui::Response {
    let words = |s: Option<Sex>| match s {
        None => "Not given",
        Some(Sex::Female) => "Female",
        Some(Sex::Male) => "Male",
    };
    ComboBox::from_id_salt(id)
        .selected_text(words(*sex))
        .show_ui(ui, |ui| {
            for choice in [None, Some(Sex::Female), Some(Sex::Male)] {
                ui.selectable_value(sex, choice, words(choice));
            }
        })
        .response
}

/// Under the plan-to age: the chance the table gives of reaching it, and
/// the ages reached with a 25% and a 10% chance, one click each.
fn lifespan_hint(ui: &mut Ui, plan: &mut Plan) {
    let Some(outlook) = plan.life_outlook() else {
        say(
            ui,
            "Give your sex below to see what the SSA life table says about living this long",
        );
        return;
    };
    let plan_to = plan.saver.plan_to_age;
    let reached = outlook.reached_with();
    say(ui, &outlook.plan_to_words(plan_to));
    ui.label("");
    ui.horizontal(|ui| {
        for (age, words) in [(reached.p25, "1 in 4"), (reached.p10, "1 in 10")] {
            if age != plan_to
                && ui
                    .small_button(format!("Plan to {age}"))
                    .on_hover_text(format!(
                        "Plan to the age {words} reach by the table: planning to life expectancy leaves half of futures short"
                    ))
                    .clicked()
            {
                plan.saver.plan_to_age = age.max(plan.saver.retirement_age + 1);
            }
        }
    });
    ui.end_row();
}

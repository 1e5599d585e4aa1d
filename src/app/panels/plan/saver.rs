//! The Saver group: ages, balance, salary.

use egui::{Grid, Ui};

use super::Form;
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

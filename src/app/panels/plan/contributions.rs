//! The Contributions group: the saver's rate, escalation, the employer's
//! match and money, the IRS limits, and what goes in this year.

use egui::{Grid, Ui};

use super::Form;
use crate::app::inputs::share;
use crate::plan::contributions::MatchTier;
use crate::plan::lever::path;
use crate::plan::{Lever, Plan, ValidPlan};
use crate::units::{percent, usd};

pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan, valid: Option<&ValidPlan>) {
    let limits_year = valid.map_or(plan.contributions.irs_limits_year, |v| v.irs_limits().year);
    Grid::new("contributions").num_columns(2).show(ui, |ui| {
        for (lever, label, tooltip) in [
            (
                Lever::EmployeeRate,
                "You contribute",
                "Your deferral as a share of pay this year",
            ),
            (
                Lever::Escalation,
                "Auto-escalation",
                "Added to your rate every year (many plans raise it 1% a year)",
            ),
            (
                Lever::EscalationCap,
                "Escalation stops at",
                "The rate escalation stops at",
            ),
            (
                Lever::EmployerFixed,
                "Employer non-elective",
                "Money your employer adds whatever you contribute, as a share of pay",
            ),
        ] {
            form.lever(ui, plan, lever, label, tooltip);
        }
        form.row(
            ui,
            "IRS limits",
            &format!(
                "Cap contributions at the {limits_year} IRS limits, with catch-ups from 50 and the larger one at 60 to 63. A saved plan keeps its limits year"
            ),
            path::IRS_LIMITS,
            |ui| ui.checkbox(&mut plan.contributions.irs_limits, "On"),
        );
    });
    match_tiers(ui, form, &mut plan.contributions.employer_match);
    if let Some(valid) = valid {
        this_year(ui, valid);
    }
}

fn match_tiers(ui: &mut Ui, form: &Form<'_>, tiers: &mut Vec<MatchTier>) {
    ui.label("Employer match")
        .on_hover_text("Tiers apply in order: 100% of the first 3%, then 50% of the next 2%");
    let mut remove = None;
    for (i, tier) in tiers.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(share(&mut tier.rate))
                .on_hover_text("Dollars your employer adds per dollar you put in, on this tier");
            ui.label("of the next");
            ui.add(share(&mut tier.up_to))
                .on_hover_text("The slice of your pay this tier covers");
            if ui
                .small_button("Remove")
                .on_hover_text("Remove this tier")
                .clicked()
            {
                remove = Some(i);
            }
        });
        for field in ["rate", "up_to"] {
            form.problem_at(ui, &path::match_tier(i, field));
        }
    }
    form.problem_at(ui, path::EMPLOYER_MATCH);
    if let Some(i) = remove {
        tiers.remove(i);
    }
    if ui.button("Add a match tier").clicked() {
        tiers.push(MatchTier {
            rate: 0.5,
            up_to: 0.02,
        });
    }
}

/// What goes in this year and which limits bind, from the valid plan.
fn this_year(ui: &mut Ui, valid: &ValidPlan) {
    let schedule = valid.contribution_schedule();
    let Some(&(age_now, year)) = schedule.first() else {
        return;
    };
    let employer_share = if year.salary_usd > 0.0 {
        year.employer_usd / year.salary_usd
    } else {
        0.0
    };
    ui.label(format!(
        "This year {} goes in: {} from you, {} from your employer ({} of pay)",
        usd(year.total_usd()),
        usd(year.deferral_usd),
        usd(year.employer_usd),
        percent((employer_share * 1000.0).round() / 1000.0)
    ));
    if let Some((at, y)) = schedule.iter().find(|(_, y)| y.deferral_limit_binds) {
        let limit = y.deferral_limit_usd.unwrap_or_default();
        let when = if *at == age_now {
            "this year".to_owned()
        } else {
            format!("at age {at}")
        };
        ui.label(format!("You hit the {} limit {when}", usd(limit)));
    }
    if let Some((at, _)) = schedule.iter().find(|(_, y)| y.additions_limit_binds) {
        ui.label(format!(
            "The {} limit on all money going in cuts your employer's share from age {at}",
            usd(valid.irs_limits().annual_additions_usd)
        ));
    }
}

//! "What if it goes wrong?": the stress tests under the cards. One stress
//! at a time runs on every scenario; the cards then show the stressed
//! plan, and a line says what the stress costs against the same plan on
//! the same simulated markets, in the terms that move.

use egui::{RichText, Ui};

use crate::app::theme;
use crate::outcome::StressEffect;
use crate::plan::Plan;
use crate::plan::stress::Stress;
use crate::units::usd_about;

/// The stress chosen, kept while the app runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StressPick {
    /// "Crypto goes to zero at [age]" is on.
    pub zero: bool,
    /// The age it goes to zero at (`None`: the year before retirement).
    pub zero_age: Option<u32>,
    /// "A crash the year before retirement" is on.
    pub crash: bool,
    /// "Private holding marked down 30%" is on.
    pub markdown: bool,
}

impl StressPick {
    /// The age crypto goes to zero at, for `plan`: the one chosen, kept
    /// within the plan's years.
    fn zero_age_for(&self, plan: &Plan) -> u32 {
        let s = &plan.saver;
        let last = s.plan_to_age.saturating_sub(1).max(s.age);
        self.zero_age
            .unwrap_or(s.retirement_age.saturating_sub(1))
            .clamp(s.age, last)
    }

    /// The stress to run `plan` under, if one is on.
    pub fn chosen(&self, plan: &Plan) -> Option<Stress> {
        if self.zero {
            Some(Stress::ZeroAt(self.zero_age_for(plan)))
        } else if self.crash {
            Some(Stress::CrashBeforeRetirement)
        } else if self.markdown {
            Some(Stress::PrivateMarkdown)
        } else {
            None
        }
    }

    /// The toggles, and what the stress costs (`effect`, from the outcome
    /// on screen) or why it does not apply to `plan`.
    pub fn ui(&mut self, ui: &mut Ui, plan: &Plan, effect: Option<&StressEffect>) {
        let colors = theme::of(ui.ctx());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("What if it goes wrong?").strong());
            let has_sleeve = plan.allocation.sleeve.is_some();
            let zero = ui
                .add_enabled(
                    has_sleeve,
                    egui::Checkbox::new(&mut self.zero, "Crypto goes to zero at"),
                )
                .on_hover_text("In the year you are this age the sleeve loses everything on every simulated path, and nothing buys crypto after")
                .on_disabled_hover_text("The plan has no crypto sleeve");
            if zero.changed() && self.zero {
                self.crash = false;
                self.markdown = false;
            }
            let mut age = self.zero_age_for(plan);
            let s = &plan.saver;
            let last = s.plan_to_age.saturating_sub(1).max(s.age);
            let field = ui
                .add_enabled(
                    has_sleeve,
                    egui::DragValue::new(&mut age).range(s.age..=last).speed(0.2),
                )
                .on_hover_text("The age crypto goes to zero at");
            if field.changed() {
                self.zero_age = Some(age);
                self.zero = true;
                self.crash = false;
                self.markdown = false;
            }
            let crash = ui
                .checkbox(&mut self.crash, "A crash the year before retirement")
                .on_hover_text("In the year before retirement, on every simulated path, stocks lose 40% and crypto 75% after inflation; bonds and cash keep their own returns");
            if crash.changed() && self.crash {
                self.zero = false;
                self.markdown = false;
            }
            let has_private = plan.allocation.private.is_some();
            let markdown = ui
                .add_enabled(
                    has_private,
                    egui::Checkbox::new(&mut self.markdown, "Private holding marked down 30%"),
                )
                .on_hover_text("In the year before retirement, on every simulated path, the private sleeve's assets and its reported value fall 30% after inflation; the other assets keep their own returns")
                .on_disabled_hover_text("The plan has no private sleeve");
            if markdown.changed() && self.markdown {
                self.zero = false;
                self.crash = false;
            }
        });
        let Some(stress) = self.chosen(plan) else {
            return;
        };
        match (effect, stress.refusal(plan, false)) {
            (_, Some(why)) => {
                ui.weak(format!("This stress does not apply to this plan: {why}"));
            }
            (Some(effect), None) => {
                ui.colored_label(
                    colors.bad_case,
                    format!(
                        "{}: {} than without it, on the same simulated markets. Every figure above includes it.",
                        stress_title(stress),
                        cost_words(effect)
                    ),
                );
            }
            (None, None) => {
                ui.weak("Running the stress test…");
            }
        }
    }
}

/// The stress as the toggles name it.
fn stress_title(stress: Stress) -> String {
    match stress {
        Stress::ZeroAt(age) => format!("If crypto goes to zero at {age}"),
        Stress::CrashBeforeRetirement => "If markets crash the year before retirement".into(),
        Stress::PrivateMarkdown => {
            "If the private holding is marked down 30% the year before retirement".into()
        }
    }
}

/// What a stress costs, in the terms that move: "$41,000 less at
/// retirement, 3 points lower chance, $120 a month less".
pub fn cost_words(effect: &StressEffect) -> String {
    let mut parts = Vec::new();
    let balance = effect.retirement_balance_p50_change;
    parts.push(match usd_about(balance.abs()).as_str() {
        "$0" => "about the same at retirement".to_owned(),
        amount if balance < 0.0 => format!("{amount} less at retirement"),
        amount => format!("{amount} more at retirement"),
    });
    let points = (effect.success_change * 100.0).round() as i64;
    parts.push(match points {
        0 => "about the same chance".to_owned(),
        -1 => "1 point lower chance".to_owned(),
        1 => "1 point higher chance".to_owned(),
        p if p < 0 => format!("{} points lower chance", -p),
        p => format!("{p} points higher chance"),
    });
    // Only for rules whose income moves with the balance.
    let monthly = effect.income_p50_change / 12.0;
    match usd_about(monthly.abs()).as_str() {
        "$0" => {}
        amount if monthly < 0.0 => parts.push(format!("{amount} a month less")),
        amount => parts.push(format!("{amount} a month more")),
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effect(balance: f64, success: f64, income: f64) -> StressEffect {
        StressEffect {
            name: "crash-before-retirement".into(),
            success_change: success,
            retirement_balance_p10_change: balance,
            retirement_balance_p50_change: balance,
            income_p50_change: income,
        }
    }

    #[test]
    fn the_cost_is_said_in_the_terms_that_move() {
        assert_eq!(
            cost_words(&effect(-41_234.0, -0.031, -1_440.0)),
            "$41,000 less at retirement, 3 points lower chance, $120 a month less"
        );
        assert_eq!(
            cost_words(&effect(-4_000.0, -0.006, 0.0)),
            "$4,000 less at retirement, 1 point lower chance"
        );
        assert_eq!(
            cost_words(&effect(0.0, 0.0, 0.0)),
            "about the same at retirement, about the same chance"
        );
    }

    #[test]
    fn the_zero_age_stays_within_the_plan() {
        let plan = Plan::sample();
        let mut pick = StressPick {
            zero: true,
            ..StressPick::default()
        };
        assert_eq!(
            pick.chosen(&plan),
            Some(Stress::ZeroAt(plan.saver.retirement_age - 1))
        );
        pick.zero_age = Some(1_000_000_000);
        assert_eq!(
            pick.chosen(&plan),
            Some(Stress::ZeroAt(plan.saver.plan_to_age - 1))
        );
        pick.zero_age = Some(0);
        assert_eq!(pick.chosen(&plan), Some(Stress::ZeroAt(plan.saver.age)));
    }
}

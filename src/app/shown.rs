//! What the screen shows this frame, worked out once at its start and
//! handed to every panel: which scenario, as a whole plan, and every
//! scenario's name. Nothing here is kept between frames.

use crate::plan::Plan;

/// The scenario on screen this frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// Its index (0 is the base), within the plan's scenarios.
    pub index: usize,
    /// It as a whole plan: the base, or the base with a variant's changes.
    pub plan: Plan,
    /// Every scenario's name, the base first.
    pub names: Vec<String>,
}

impl Shown {
    /// Scenario `index` of `plan` (the last one if `index` is past it).
    pub fn of(plan: &Plan, index: usize) -> Self {
        let index = index.min(plan.scenario_count() - 1);
        Shown {
            index,
            plan: plan.scenario(index).unwrap_or_else(|| plan.clone()),
            names: plan.scenario_names(),
        }
    }

    /// Whether the plan has variants to compare.
    pub fn comparing(&self) -> bool {
        self.names.len() > 1
    }
}

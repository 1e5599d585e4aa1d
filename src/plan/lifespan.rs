//! How long the plan runs for the people in it (MODEL-v3 §17): to the
//! plan-to age (v2's meaning: everyone lives to it), or each path's own
//! ages at death drawn from a life table; and a fixed story of one death,
//! for a couple's "what if one of us dies at 85".

use serde::{Deserialize, Serialize};

/// Which lifespans a run uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lifespan {
    /// Everyone lives to the plan-to age (formats 1 and 2, and the default).
    #[default]
    PlanToAge,
    /// Each path draws the ages at death from a life table, conditional on
    /// today's ages, from its own random stream; the plan-to age stays the
    /// cap.
    Table(TableLifespan),
}

impl Lifespan {
    /// Whether it is the default (then a plan file leaves it out).
    pub fn is_plan_to_age(&self) -> bool {
        *self == Lifespan::PlanToAge
    }

    /// Whether ages at death are drawn from a table.
    pub fn is_table(&self) -> bool {
        matches!(self, Lifespan::Table(_))
    }
}

/// A life table's lifespans.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableLifespan {
    /// Which table.
    pub table: TableName,
}

/// The life tables Glidepath ships.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableName {
    /// The SSA period life table (`assets/life/`).
    #[default]
    SsaPeriod,
}

/// A fixed story of one death in a couple: the saver (or the spouse) dies
/// during the year of the age given, in every path, whatever the lifespan
/// mode says of them; the other lives as the mode says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurvivorStory {
    /// The saver's age in the year they die.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saver_dies_at: Option<u32>,
    /// The spouse's own age in the year they die.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spouse_dies_at: Option<u32>,
}

/// The default share of the household's need a survivor keeps: three
/// quarters, a common planning figure (MODEL-v3 §17).
pub const SURVIVOR_NEED: f64 = 0.75;

/// [`SURVIVOR_NEED`], for serde.
pub fn survivor_need_default() -> f64 {
    SURVIVOR_NEED
}

/// Whether a survivor's need is the default (then a file leaves it out).
pub fn is_default_survivor_need(share: &f64) -> bool {
    *share == SURVIVOR_NEED
}

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
///
/// A file writes the age as it is (`(saver_dies_at: 85)`, as MODEL-v3
/// §17 has it); `Some(85)` reads too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurvivorStory {
    /// The saver's age in the year they die.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "age_as_is",
        deserialize_with = "age_or_some"
    )]
    pub saver_dies_at: Option<u32>,
    /// The spouse's own age in the year they die.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "age_as_is",
        deserialize_with = "age_or_some"
    )]
    pub spouse_dies_at: Option<u32>,
}

/// Writes a story's age as the bare number (never `None`: skipped).
fn age_as_is<S: serde::Serializer>(age: &Option<u32>, serializer: S) -> Result<S::Ok, S::Error> {
    match age {
        Some(age) => serializer.serialize_u32(*age),
        None => serializer.serialize_none(),
    }
}

/// Reads a story's age: `85`, `Some(85)` or `None`.
fn age_or_some<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    struct Age;
    impl<'de> serde::de::Visitor<'de> for Age {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an age in whole years (85)")
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Option<u32>, E> {
            u32::try_from(v)
                .map(Some)
                .map_err(|_| E::custom(format!("{v} is not an age")))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Option<u32>, E> {
            u32::try_from(v)
                .map(Some)
                .map_err(|_| E::custom(format!("{v} is not an age")))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Option<u32>, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<u32>, D::Error> {
            <u32 as Deserialize>::deserialize(d).map(Some)
        }
    }
    deserializer.deserialize_any(Age)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_reads_its_age_bare_or_in_some_and_writes_it_bare() {
        for text in ["(saver_dies_at: 85)", "(saver_dies_at: Some(85))"] {
            let story: SurvivorStory = ron::from_str(text).unwrap();
            assert_eq!(story.saver_dies_at, Some(85), "{text}");
            assert_eq!(story.spouse_dies_at, None);
        }
        let story = SurvivorStory {
            saver_dies_at: None,
            spouse_dies_at: Some(88),
        };
        assert_eq!(ron::to_string(&story).unwrap(), "(spouse_dies_at:88)");
        assert!(ron::from_str::<SurvivorStory>("(saver_dies_at: -3)").is_err());
        assert!(ron::from_str::<SurvivorStory>("(saver_dies_at: \"x\")").is_err());
    }
}

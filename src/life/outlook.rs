//! What the table says about a saver, or a couple, of given ages: the
//! chance each is alive at each age to the table's end, the chance at
//! least one is, the life expectancy, and the ages reached with a 25% and
//! a 10% chance (JSON `glidepath-life/1`, and the app's hint beside the
//! plan-to age).

use serde::Serialize;

use super::table::{LAST_AGE, LifeTable, Sex};

/// A person the table is asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Person {
    /// Age today, in whole years.
    pub age: u32,
    /// Sex, as the table distinguishes it.
    pub sex: Sex,
}

/// What the table says (JSON `glidepath-life/1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outlook {
    /// Always `glidepath-life/1`.
    pub format: &'static str,
    /// The table, named as the app names it.
    pub table: &'static str,
    /// Years from today, one per row: to the younger's last table age.
    pub years: Vec<u32>,
    /// The saver.
    pub saver: Life,
    /// The spouse, for a couple.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spouse: Option<Life>,
    /// For a couple: the chance that at least one of them is alive in each
    /// year (independent lives), and the saver's ages by which it falls
    /// under 25% and 10%.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub either: Option<Either>,
}

/// One person's line of the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Life {
    /// Age today.
    pub age: u32,
    /// Sex.
    pub sex: Sex,
    /// Their age in each year of [`Outlook::years`].
    pub ages: Vec<u32>,
    /// The chance they reach that age (are alive at that birthday).
    pub alive: Vec<f64>,
    /// The expected age at death: today's age, the expected years of life
    /// to come counted as whole birthdays reached, and half the year of
    /// death.
    pub life_expectancy_age: f64,
    /// The oldest ages reached with at least these chances.
    pub reached_with: Reached,
}

/// The oldest age reached with at least a 25% and a 10% chance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reached {
    /// With a 25% chance.
    pub p25: u32,
    /// With a 10% chance.
    pub p10: u32,
}

/// At least one of a couple alive.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Either {
    /// The chance at least one is alive, each year.
    pub alive: Vec<f64>,
    /// The saver's oldest ages at which at least one is alive with at
    /// least these chances: the plan-to ages the hint offers a couple.
    pub reached_with: Reached,
}

/// How the app and the report name the table.
pub const TABLE_NAME: &str = "SSA period life table (2025 edition)";

impl Outlook {
    /// What `table` says about `saver` and, for a couple, `spouse`.
    pub fn new(table: &LifeTable, saver: Person, spouse: Option<Person>) -> Self {
        let youngest = spouse.map_or(saver.age, |s| s.age.min(saver.age));
        let years: Vec<u32> = (0..=LAST_AGE.saturating_sub(youngest)).collect();
        let life = |p: Person| {
            // The chance of reaching each birthday from today's on.
            let reach = table.alive_from(p.sex, p.age);
            let at = |age: u32| reach.get((age - p.age) as usize).copied().unwrap_or(0.0);
            let ages: Vec<u32> = years.iter().map(|y| p.age + y).collect();
            let alive: Vec<f64> = ages.iter().map(|a| at(*a)).collect();
            let expected_years: f64 = reach[1..].iter().sum();
            Life {
                age: p.age,
                sex: p.sex,
                reached_with: reached(&ages, &alive),
                ages,
                alive,
                life_expectancy_age: f64::from(p.age) + expected_years + 0.5,
            }
        };
        let saver_life = life(saver);
        let spouse_life = spouse.map(life);
        let either = spouse_life.as_ref().map(|s| {
            let alive: Vec<f64> = saver_life
                .alive
                .iter()
                .zip(&s.alive)
                .map(|(a, b)| 1.0 - (1.0 - a) * (1.0 - b))
                .collect();
            Either {
                reached_with: reached(&saver_life.ages, &alive),
                alive,
            }
        });
        Outlook {
            format: "glidepath-life/1",
            table: TABLE_NAME,
            years,
            saver: saver_life,
            spouse: spouse_life,
            either,
        }
    }

    /// The chance that the saver (or, for a couple, at least one of them)
    /// is alive at the saver's age `age`; 0 past the table.
    pub fn alive_at(&self, age: u32) -> f64 {
        let alive = self.either.as_ref().map_or(&self.saver.alive, |e| &e.alive);
        let Some(i) = age.checked_sub(self.saver.age) else {
            return 1.0;
        };
        alive.get(i as usize).copied().unwrap_or(0.0)
    }

    /// The saver's oldest ages reached (by them or, for a couple, by at
    /// least one) with a 25% and a 10% chance.
    pub fn reached_with(&self) -> Reached {
        self.either
            .as_ref()
            .map_or(self.saver.reached_with, |e| e.reached_with)
    }
}

impl Outlook {
    /// What the table says about planning to `plan_to_age`, in a sentence:
    /// "By the SSA period life table a 65-year-old woman has a 13% chance
    /// of reaching 95; 1 in 4 reach 91, 1 in 10 reach 95" (for a couple,
    /// the chance that one of them is alive).
    pub fn plan_to_words(&self, plan_to_age: u32) -> String {
        let reached = self.reached_with();
        let chance = crate::units::percent((self.alive_at(plan_to_age) * 100.0).round() / 100.0);
        if self.spouse.is_some() {
            format!(
                "By the SSA period life table there is a {chance} chance that one of you is alive when you would be {plan_to_age}; for 1 in 4 couples one is alive at your {}, for 1 in 10 at your {}",
                reached.p25, reached.p10
            )
        } else {
            format!(
                "By the SSA period life table a {}-year-old {} has a {chance} chance of reaching {plan_to_age}; 1 in 4 reach {}, 1 in 10 reach {}",
                self.saver.age,
                self.saver.sex.noun(),
                reached.p25,
                reached.p10
            )
        }
    }
}

/// The oldest of `ages` whose chance is at least 25% and 10%.
fn reached(ages: &[u32], alive: &[f64]) -> Reached {
    let oldest = |p: f64| {
        ages.iter()
            .zip(alive)
            .filter(|(_, a)| **a >= p)
            .map(|(age, _)| *age)
            .max()
            .unwrap_or(ages.first().copied().unwrap_or(0))
    };
    Reached {
        p25: oldest(0.25),
        p10: oldest(0.10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::life::ssa_period;

    #[test]
    fn a_couple_is_likelier_than_either_to_reach_an_age() {
        let table = ssa_period();
        let her = Person {
            age: 65,
            sex: Sex::Female,
        };
        let him = Person {
            age: 65,
            sex: Sex::Male,
        };
        let couple = Outlook::new(table, her, Some(him));
        let alone = Outlook::new(table, her, None);
        // The design's figure: one of a 65-year-old couple reaches 90 with 47%.
        assert!((couple.alive_at(90) - 0.467).abs() < 5e-4);
        assert!(couple.alive_at(90) > alone.alive_at(90));
        assert!(couple.reached_with().p10 >= alone.reached_with().p10);
        assert_eq!(couple.alive_at(60), 1.0);
        assert_eq!(couple.alive_at(200), 0.0);
        // The chances fall with age: reaching 119 is next to impossible,
        // 120 impossible (q is 1 at 119).
        let s = &alone.saver.alive;
        assert!(s.windows(2).all(|w| w[1] <= w[0]));
        assert_eq!(alone.saver.ages.last(), Some(&119));
        assert!(*s.last().unwrap() < 1e-9);
        assert_eq!(alone.alive_at(120), 0.0);
        assert!(alone.saver.reached_with.p25 > alone.saver.life_expectancy_age as u32);
    }
}

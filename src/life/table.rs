//! The SSA period life table (`assets/life/ssa_period_life_table.csv`):
//! q_x by single year of age 0–119 and sex, read once.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The last age of the table: q is 1 there (no one passes 120).
pub const LAST_AGE: u32 = 119;

/// The sex the table distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// The table's female column.
    Female,
    /// The table's male column.
    Male,
}

impl Sex {
    /// "woman" or "man", as the app's sentences say it.
    pub fn noun(self) -> &'static str {
        match self {
            Sex::Female => "woman",
            Sex::Male => "man",
        }
    }
}

/// Death probabilities by age, one column per sex.
#[derive(Clone, Debug, PartialEq)]
pub struct LifeTable {
    /// q_x for men, ages 0 to [`LAST_AGE`].
    male: Vec<f64>,
    /// q_x for women.
    female: Vec<f64>,
}

impl LifeTable {
    /// The chance that a person of `sex` who has reached `age` dies within
    /// the year: 1 from [`LAST_AGE`] on.
    pub fn q(&self, sex: Sex, age: u32) -> f64 {
        let column = match sex {
            Sex::Female => &self.female,
            Sex::Male => &self.male,
        };
        column.get(age as usize).copied().unwrap_or(1.0)
    }

    /// The chance that a person of `sex` aged `age` today reaches the
    /// birthday `at` (1 for `at ≤ age`): the product of `1 − q` over the
    /// years between.
    pub fn alive(&self, sex: Sex, age: u32, at: u32) -> f64 {
        if at <= age {
            return 1.0;
        }
        // Past the table's end no one is alive (q is 1 at its last age).
        if age > LAST_AGE {
            return 0.0;
        }
        (age..at.min(LAST_AGE + 1)).fold(1.0, |p, z| p * (1.0 - self.q(sex, z)))
    }

    /// For a person of `sex` aged `age` today, the chance of reaching each
    /// birthday from today on: `alive[k]` is [`LifeTable::alive`] at
    /// `age + k`, from 1 at `k = 0` down to the first 0 (past the table's
    /// last age), as one running product.
    pub fn alive_from(&self, sex: Sex, age: u32) -> Vec<f64> {
        let mut alive = vec![1.0];
        let mut p = 1.0;
        for z in age..=LAST_AGE.max(age) {
            p *= 1.0 - self.q(sex, z);
            alive.push(p);
            if p == 0.0 {
                break;
            }
        }
        alive
    }

    /// Reads the table's CSV (comment lines start with `#`; a header
    /// `age,q_male,q_female`; ages 0 to 119 in order, each q in [0, 1]).
    pub fn parse(csv: &str) -> Result<Self, String> {
        let mut rows = csv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        if rows.next().map(str::trim) != Some("age,q_male,q_female") {
            return Err("the header is not age,q_male,q_female".to_owned());
        }
        let (mut male, mut female) = (Vec::new(), Vec::new());
        for (expected, row) in rows.enumerate() {
            let cells: Vec<&str> = row.split(',').map(str::trim).collect();
            let [age, m, f] = cells[..] else {
                return Err(format!("row {expected}: three columns expected"));
            };
            if age.parse::<usize>().ok() != Some(expected) {
                return Err(format!("row {expected}: age {age} out of order"));
            }
            for (cell, column) in [(m, &mut male), (f, &mut female)] {
                let q: f64 = cell
                    .parse()
                    .map_err(|_| format!("age {age}: {cell} is not a number"))?;
                if !(0.0..=1.0).contains(&q) {
                    return Err(format!("age {age}: q = {q} is not a probability"));
                }
                column.push(q);
            }
        }
        if male.len() != LAST_AGE as usize + 1 || male.last() != Some(&1.0) {
            return Err(format!("ages 0 to {LAST_AGE} expected, q = 1 at the last"));
        }
        Ok(LifeTable { male, female })
    }
}

/// The shipped SSA period table (a test reads it: a broken file is a
/// broken build, never a silent table).
pub fn ssa_period() -> &'static LifeTable {
    static TABLE: OnceLock<LifeTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        LifeTable::parse(include_str!("../../assets/life/ssa_period_life_table.csv")).unwrap_or(
            LifeTable {
                male: vec![1.0],
                female: vec![1.0],
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_reads_whole() {
        let csv = include_str!("../../assets/life/ssa_period_life_table.csv");
        let table = LifeTable::parse(csv).unwrap();
        assert_eq!(&table, ssa_period());
        assert_eq!(table.male.len(), 120);
        // The figures the design quotes from the SSA table.
        assert!((table.alive(Sex::Female, 65, 90) - 0.3227).abs() < 5e-4);
        assert!((table.alive(Sex::Female, 65, 95) - 0.1272).abs() < 5e-4);
        assert_eq!(table.alive(Sex::Male, 65, 65), 1.0);
        assert_eq!(table.alive(Sex::Male, 65, 121), 0.0);
        assert_eq!(table.q(Sex::Female, 130), 1.0);
    }

    #[test]
    fn a_broken_table_says_where() {
        for (csv, words) in [
            ("age,q\n0,0.1", "header"),
            ("age,q_male,q_female\n1,0.1,0.1", "out of order"),
            ("age,q_male,q_female\n0,x,0.1", "not a number"),
            ("age,q_male,q_female\n0,1.5,0.1", "not a probability"),
            ("age,q_male,q_female\n0,0.1,0.1", "ages 0 to 119"),
        ] {
            let e = LifeTable::parse(csv).unwrap_err();
            assert!(e.contains(words), "{csv}: {e}");
        }
    }
}

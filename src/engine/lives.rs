//! Lifespans and survivors in the year loop (MODEL-v3 §17).
//!
//! The schedule knows, for each person of the plan, when they die: never
//! within the horizon (the plan-to age, v2's meaning), at a fixed age (a
//! survivor's story), or drawn from the life table conditional on today's
//! age. Each path draws its ages at death from its own lifespan stream
//! ([`life_rng`]), never from the market's, so a plan's markets are the
//! same draws in every lifespan mode. In each year a path's household is
//! both of them, one survivor, or no one: the survivor's year (their own
//! Social Security or the widow(er)'s benefit, the pensions that go on,
//! a smaller need, single filing) is worked out once per year here, and
//! the lane picks it.

use super::taxed::{Shortcut, TaxYearPlan};
use crate::market::rng::{PathRng, life_rng, uniform};
use crate::plan::income::YearIncome;
use crate::plan::social_security::Benefit;

/// When one person of the plan dies, as the schedule knows it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Death {
    /// Lives through the plan's horizon.
    Never,
    /// Dies in the year of this age (their own), on every path.
    At(u32),
    /// Drawn from the table: `alive[k]` is the chance of reaching the
    /// birthday `age + k` (1 at `k = 0`, down to 0).
    Drawn { age: u32, alive: Vec<f64> },
}

impl Death {
    /// The age at death (their own) given the person's uniform draw `u`:
    /// the oldest birthday `y` with `P(D ≥ y) > u`, so that
    /// `P(D ≥ y) = alive[y − age]` exactly; `None` if they outlive the
    /// horizon.
    fn age_of(&self, u: f64) -> Option<u32> {
        match self {
            Death::Never => None,
            Death::At(age) => Some(*age),
            Death::Drawn { age, alive } => {
                let reached = alive.iter().take_while(|p| **p > u).count();
                Some(age + reached.saturating_sub(1) as u32)
            }
        }
    }
}

/// Which of a couple survives the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Survivor {
    /// The saver, after the spouse's death.
    Saver,
    /// The spouse, after the saver's death.
    Spouse,
}

/// A survivor's year, the same on every path.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct AloneYear {
    /// Income from outside without a widow(er)'s benefit: the survivor's
    /// own Social Security (no spousal top-up), the streams that go on
    /// (the saver's at their survivor share when the saver died), the
    /// planned expenses.
    pub income: YearIncome,
    /// Whether the survivor is at or past their full retirement age, when
    /// the widow(er)'s benefit is paid (claiming it earlier is not modelled).
    pub widow_paid: bool,
    /// The survivor's taxes: single filing, their own age's deductions and
    /// (for the spouse) RMDs.
    pub tax: Option<TaxYearPlan>,
    /// Whether the year's contributions go in (the saver works on).
    pub contributes: bool,
    /// The share of a fixed need the survivor keeps.
    pub need_share: f64,
    /// Under Monte Carlo, with a fixed need after tax: the year's shortcut
    /// for each widow(er)'s benefit a path can have (keyed by its bits).
    pub shortcuts: Vec<(u64, Option<Shortcut>)>,
}

/// The lifespans of one plan's people, worked out once per run.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Lives {
    pub saver: Death,
    /// The spouse's death, and their age less the saver's.
    pub spouse: Option<(Death, i64)>,
    /// The share of the need a survivor keeps.
    pub need_share: f64,
    /// Year by year, each survivor's year: the saver's, then the spouse's
    /// (empty without a spouse).
    pub alone: Vec<[AloneYear; 2]>,
    /// The record each survivor's widow(er)'s benefit comes from: the
    /// spouse's for the saver, the saver's for the spouse.
    pub records: [Option<Benefit>; 2],
    /// The plan-to age: the cap of every life.
    pub plan_to_age: u32,
}

/// One path's lives, in one plan.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LaneLife {
    /// The saver's last year alive, in the saver's ages (`u32::MAX`:
    /// through the horizon).
    saver_until: u32,
    /// The spouse's, in the saver's ages (`None` without a spouse).
    spouse_until: Option<u32>,
    /// The widow(er)'s benefit each survivor would be paid: the saver's,
    /// the spouse's (yearly, today's dollars).
    widow_usd: [f64; 2],
    /// Each one's age at death (their own; `u32::MAX`: not drawn).
    pub death_ages: [u32; 2],
}

/// A lane's household in one year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Household<'a> {
    /// As the plan is: everyone alive (or a single saver alive).
    Whole,
    /// One of a couple, from the year after the other's death.
    Alone {
        survivor: Survivor,
        year: &'a AloneYear,
        widow_usd: f64,
    },
    /// No one: the path is over.
    Gone,
}

impl Lives {
    /// Whether the saver's and the spouse's deaths are drawn (then the
    /// outcome reports their ages at death).
    pub fn drawn(&self) -> [bool; 2] {
        [
            matches!(self.saver, Death::Drawn { .. }),
            matches!(self.spouse, Some((Death::Drawn { .. }, _))),
        ]
    }

    /// Whether the plan has a spouse.
    pub fn couple(&self) -> bool {
        self.spouse.is_some()
    }

    /// Path `path`'s lives in a run seeded with `seed`: two draws from its
    /// lifespan stream, the saver's first, whether or not they are used.
    pub fn lane(&self, seed: u64, path: usize) -> LaneLife {
        let mut rng: PathRng = life_rng(seed, path as u64);
        let (u_saver, u_spouse) = (uniform(&mut rng), uniform(&mut rng));
        let saver_at = self.saver.age_of(u_saver);
        let spouse = self
            .spouse
            .as_ref()
            .map(|(death, offset)| (death.age_of(u_spouse), *offset));
        let in_saver_ages = |own: Option<u32>, offset: i64| {
            own.map_or(u32::MAX, |a| (i64::from(a) - offset).max(0) as u32)
        };
        let widow = |record: &Option<Benefit>, death_age: Option<u32>| match (record, death_age) {
            (Some(b), Some(age)) => b.widow_usd(age),
            _ => 0.0,
        };
        LaneLife {
            saver_until: in_saver_ages(saver_at, 0),
            spouse_until: spouse.map(|(at, offset)| in_saver_ages(at, offset)),
            widow_usd: [
                widow(&self.records[0], spouse.and_then(|(at, _)| at)),
                widow(&self.records[1], saver_at),
            ],
            death_ages: [
                saver_at.unwrap_or(u32::MAX),
                spouse.and_then(|(at, _)| at).unwrap_or(u32::MAX),
            ],
        }
    }
}

impl LaneLife {
    /// The household in year `t`, the saver `age_years` old: a death
    /// counts from the year after it (the year of death is a year of need).
    pub(super) fn household<'a>(
        &self,
        lives: &'a Lives,
        t: usize,
        age_years: u32,
    ) -> Household<'a> {
        let saver = age_years <= self.saver_until;
        match (saver, self.spouse_until.map(|until| age_years <= until)) {
            (true, None | Some(true)) => Household::Whole,
            (false, None | Some(false)) => Household::Gone,
            (true, Some(false)) => Household::Alone {
                survivor: Survivor::Saver,
                year: &lives.alone[t][0],
                widow_usd: self.widow_usd[0],
            },
            (false, Some(true)) => Household::Alone {
                survivor: Survivor::Spouse,
                year: &lives.alone[t][1],
                widow_usd: self.widow_usd[1],
            },
        }
    }

    /// The saver's age in the last year someone is alive, at most the
    /// plan-to age (which means: through the plan).
    pub fn last_age(&self, plan_to_age: u32) -> u32 {
        self.saver_until
            .max(self.spouse_until.unwrap_or(0))
            .min(plan_to_age)
    }

    /// The saver's age in the first year a survivor of a couple lives
    /// alone within the plan (the year after the first death); 0 if never.
    pub fn alone_from(&self, plan_to_age: u32) -> u32 {
        let Some(spouse_until) = self.spouse_until else {
            return 0;
        };
        let first = self.saver_until.min(spouse_until);
        let last = self.last_age(plan_to_age).min(plan_to_age - 1);
        if first < last { first + 1 } else { 0 }
    }
}

impl AloneYear {
    /// The survivor's income this year with the widow(er)'s benefit when
    /// it is larger than their own: in the saver's slot or the spouse's.
    pub fn income_with(&self, survivor: Survivor, widow_usd: f64) -> YearIncome {
        let mut income = self.income;
        let slot = match survivor {
            Survivor::Saver => &mut income.social_security_usd,
            Survivor::Spouse => &mut income.spouse_usd,
        };
        if self.widow_paid && widow_usd > *slot {
            *slot = widow_usd;
        }
        income
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawn_age_has_the_tables_chances() {
        // Alive at 70 for sure, at 71 with 0.5, at 72 with 0.2, then gone.
        let death = Death::Drawn {
            age: 70,
            alive: vec![1.0, 0.5, 0.2, 0.0],
        };
        assert_eq!(death.age_of(0.0), Some(72));
        assert_eq!(death.age_of(0.19), Some(72));
        assert_eq!(death.age_of(0.2), Some(71));
        assert_eq!(death.age_of(0.49), Some(71));
        assert_eq!(death.age_of(0.5), Some(70));
        assert_eq!(death.age_of(0.99), Some(70));
        assert_eq!(Death::Never.age_of(0.3), None);
        assert_eq!(Death::At(85).age_of(0.3), Some(85));
    }
}

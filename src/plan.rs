//! The saver's plan: everything they decide, exactly as a plan file of
//! format version 1 stores it (see `docs/model.md`).
//!
//! Every field but `version` may be left out of a file and takes its
//! default; a field the app does not know is an error, so a typo never
//! passes in silence.

use serde::{Deserialize, Serialize};

use crate::assumptions::Assumptions;
use crate::contributions::{Contributions, MatchTier};
use crate::fees::Fees;
use crate::glide_path::GlidePath;
use crate::retirement::{Retirement, SocialSecurity, Withdrawal};
use crate::sleeve::Sleeve;

/// The plan file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub version: u32,
    #[serde(default = "default_name")]
    pub name: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub saver: Saver,
    #[serde(default)]
    pub contributions: Contributions,
    #[serde(default)]
    pub allocation: Allocation,
    #[serde(default)]
    pub retirement: Retirement,
    #[serde(default)]
    pub fees: Fees,
    #[serde(default)]
    pub assumptions: Assumptions,
    #[serde(default)]
    pub simulation: Simulation,
}

fn default_name() -> String {
    "Untitled plan".to_owned()
}

impl Default for Plan {
    /// A plan of nothing but defaults: what an empty `(version: 1)` file means.
    fn default() -> Self {
        Plan {
            version: FORMAT_VERSION,
            name: default_name(),
            notes: String::new(),
            saver: Saver::default(),
            contributions: Contributions::default(),
            allocation: Allocation::default(),
            retirement: Retirement::default(),
            fees: Fees::default(),
            assumptions: Assumptions::default(),
            simulation: Simulation::default(),
        }
    }
}

impl Plan {
    /// The sample saver of the model: a 35-year-old with $85,000 saved,
    /// earning $72,000, deferring 8% with a common match, no crypto sleeve.
    /// A new plan starts here, so the first screen shows a real chart.
    pub fn sample() -> Self {
        Plan {
            name: "Alex, base case".to_owned(),
            saver: Saver {
                age: 35,
                retirement_age: 65,
                plan_to_age: 95,
                balance: 85_000.0,
                salary: 72_000.0,
                salary_growth: 0.01,
            },
            contributions: Contributions {
                employee_rate: 0.08,
                escalation: 0.01,
                escalation_cap: 0.12,
                employer_match: vec![
                    MatchTier {
                        rate: 1.0,
                        up_to: 0.03,
                    },
                    MatchTier {
                        rate: 0.5,
                        up_to: 0.02,
                    },
                ],
                employer_fixed: 0.0,
                irs_limits: true,
            },
            retirement: Retirement {
                withdrawal: Withdrawal::FixedReal(60_000.0),
                social_security: Some(SocialSecurity {
                    annual: 24_000.0,
                    from_age: 67,
                }),
            },
            ..Plan::default()
        }
    }

    /// Years simulated: `plan_to_age - age` (0 for an invalid plan).
    pub fn horizon_years(&self) -> u32 {
        self.saver.plan_to_age.saturating_sub(self.saver.age)
    }

    /// The ages a run reports: the start age to the plan-to age, inclusive.
    pub fn ages(&self) -> Vec<u32> {
        (self.saver.age..=self.saver.plan_to_age).collect()
    }

    /// The target weights at every simulated age: the core's mix scaled by
    /// `1 - s` and the sleeve's `s`. The engine runs on exactly these.
    pub fn target_weights(&self) -> Vec<TargetWeights> {
        let knots = self.allocation.glide_path.sorted_knots();
        let saver = &self.saver;
        (saver.age..saver.plan_to_age.max(saver.age + 1))
            .filter_map(|age| {
                let ytr = f64::from(saver.retirement_age) - f64::from(age);
                let mix = crate::glide_path::mix_at_sorted(&knots, ytr)?;
                let sleeve = self
                    .allocation
                    .sleeve
                    .as_ref()
                    .map_or(0.0, |s| s.weight_at(saver.age, saver.retirement_age, age));
                Some(TargetWeights { age, mix, sleeve })
            })
            .collect()
    }

    /// What goes in each working year, with the limits that bind: the
    /// engine's contributions, for the app to explain.
    pub fn contribution_schedule(&self) -> Vec<(u32, crate::contributions::YearContribution)> {
        let saver = &self.saver;
        let limits = &crate::defaults::shipped().irs_limits;
        (saver.age..saver.retirement_age.min(saver.plan_to_age))
            .map(|age| {
                let t = age - saver.age;
                let salary_usd = saver.salary * (1.0 + saver.salary_growth).powi(t as i32);
                (age, self.contributions.for_year(t, age, salary_usd, limits))
            })
            .collect()
    }

    /// The same plan without its crypto sleeve.
    pub fn without_sleeve(&self) -> Plan {
        let mut plan = self.clone();
        plan.allocation.sleeve = None;
        plan
    }
}

/// The targets at one age.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetWeights {
    pub age: u32,
    /// The core's own mix (sums to 1).
    pub mix: crate::glide_path::Mix,
    /// The sleeve's share of the whole account.
    pub sleeve: f64,
}

impl TargetWeights {
    /// Shares of the whole account: stocks, bonds, cash, crypto (sum to 1).
    pub fn of_account(&self) -> [f64; 4] {
        let core = 1.0 - self.sleeve;
        [
            core * self.mix.stocks,
            core * self.mix.bonds,
            core * self.mix.cash,
            self.sleeve,
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Saver {
    pub age: u32,
    pub retirement_age: u32,
    pub plan_to_age: u32,
    /// Today's balance in the account, in dollars.
    pub balance: f64,
    /// This year's salary, in dollars.
    pub salary: f64,
    /// Real salary growth a year (above inflation).
    pub salary_growth: f64,
}

impl Default for Saver {
    fn default() -> Self {
        Saver {
            age: 35,
            retirement_age: 65,
            plan_to_age: 95,
            balance: 0.0,
            salary: 0.0,
            salary_growth: 0.0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Allocation {
    pub glide_path: GlidePath,
    pub sleeve: Option<Sleeve>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Simulation {
    pub paths: u32,
    pub seed: u64,
    pub returns: Returns,
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation {
            paths: 10_000,
            seed: 42,
            returns: Returns::MonteCarlo,
        }
    }
}

/// Where the yearly returns come from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Returns {
    #[default]
    MonteCarlo,
    /// Replay a return history file (relative to the plan file's folder).
    History { file: String, mode: HistoryMode },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HistoryMode {
    /// One path per start year whose horizon fits in the file.
    Rolling,
    /// Paths joined from random blocks of consecutive years.
    Bootstrap { block_years: u32 },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sleeve::Rebalance;

    const MODEL_EXAMPLE: &str = include_str!("../tests/data/model_example.ron");

    #[test]
    fn the_model_example_parses_to_the_sample_saver_with_a_sleeve() {
        let plan: Plan = ron::from_str(MODEL_EXAMPLE).expect("parses");
        let mut expected = Plan::sample();
        expected.allocation.sleeve = Some(Sleeve {
            weight: 0.03,
            weight_at_retirement: 0.01,
            rebalance: Rebalance::Annual,
        });
        assert_eq!(plan, expected);
    }

    #[test]
    fn a_version_alone_is_a_plan_of_defaults() {
        let plan: Plan = ron::from_str("(version: 1)").expect("parses");
        assert_eq!(plan, Plan::default());
        assert_eq!(plan.name, "Untitled plan");
        assert_eq!(plan.retirement.withdrawal, Withdrawal::InitialRate(0.04));
        assert!(plan.assumptions.crypto_crash.is_some());
    }

    #[test]
    fn crashes_can_be_turned_off_and_history_written() {
        let plan: Plan = ron::from_str(
            "(version: 1, assumptions: (crypto_crash: None), simulation: (returns: History(file: \"h.csv\", mode: Bootstrap(block_years: 5))))",
        )
        .expect("parses");
        assert!(plan.assumptions.crypto_crash.is_none());
        assert_eq!(
            plan.simulation.returns,
            Returns::History {
                file: "h.csv".into(),
                mode: HistoryMode::Bootstrap { block_years: 5 }
            }
        );
    }

    #[test]
    fn unknown_fields_and_half_assets_are_rejected() {
        assert!(ron::from_str::<Plan>("(version: 1, saver: (agee: 40))").is_err());
        assert!(
            ron::from_str::<Plan>("(version: 1, assumptions: (stocks: (mean: 0.05)))").is_err()
        );
        assert!(ron::from_str::<Plan>("(name: \"no version\")").is_err());
    }
}

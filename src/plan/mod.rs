//! What the saver decides: the plan, exactly as a plan file stores it
//! (format version 3, which reads versions 1 and 2 with their own meaning:
//! no taxes; see `docs/model.md` and `docs/taxes.md`),
//! and everything about it that does not need a market: defaults, levers,
//! validation.
//!
//! Every field but `version` may be left out of a file and takes its
//! default; a field the app does not know is an error, so a typo never
//! passes in silence. Nothing here touches the disk or draws a random
//! number.

pub mod asset;
pub mod assumptions;
pub mod contributions;
pub mod defaults;
pub mod fees;
pub mod glide_path;
pub mod income;
pub mod lever;
pub mod lifespan;
pub mod private;
pub mod retirement;
pub mod returns;
pub mod scenario;
pub mod sleeve;
pub mod social_security;
pub mod stress;
pub mod taxes;
pub mod validate;
pub mod withdrawal;

use serde::{Deserialize, Serialize};

use assumptions::Assumptions;
use contributions::{Contributions, MatchTier};
use fees::Fees;
use glide_path::GlidePath;
use retirement::Retirement;
use sleeve::Sleeve;
use social_security::SocialSecurity;
use withdrawal::Withdrawal;

pub use lever::{Lever, Unit};
pub use returns::{BUILT_IN_HISTORIES, BuiltInHistory, HistoryMode, Returns};
pub use validate::{Problem, ValidPlan, validate};

/// The plan file format this build writes. It reads every version up to it.
pub const FORMAT_VERSION: u32 = 3;

/// Everything the saver decides; see the module docs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The file's format version: 1, 2 or 3 when read, 3 when written.
    pub version: u32,
    /// A name for the plan, shown in the title and on exports.
    #[serde(default = "default_name")]
    pub name: String,
    /// The plan's story, in the saver's or the adviser's words.
    #[serde(default)]
    pub notes: String,
    /// Who saves: ages, balance, salary.
    #[serde(default)]
    pub saver: Saver,
    /// What goes in during the working years.
    #[serde(default)]
    pub contributions: Contributions,
    /// How the account is invested.
    #[serde(default)]
    pub allocation: Allocation,
    /// What the account pays in retirement.
    #[serde(default)]
    pub retirement: Retirement,
    /// Yearly fees.
    #[serde(default)]
    pub fees: Fees,
    /// What the saver assumes about markets.
    #[serde(default)]
    pub assumptions: Assumptions,
    /// How many paths, which seed, which returns.
    #[serde(default)]
    pub simulation: Simulation,
    /// Up to three variants of this plan, each a patch on it (format 2).
    #[serde(default)]
    pub variants: Vec<scenario::Variant>,
    /// Who the client report is for and by (format 2).
    #[serde(default, skip_serializing_if = "ReportFields::is_empty")]
    pub report: ReportFields,
    /// Taxes (format 3): `None`, as every v1 and v2 file, is one pot before
    /// tax.
    #[serde(default)]
    pub taxes: Option<taxes::Taxes>,
}

/// The names on the client report's first page (MODEL-v2 §14).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFields {
    /// The client: "Prepared for".
    #[serde(default)]
    pub prepared_for: String,
    /// The adviser or firm: "Prepared by".
    #[serde(default)]
    pub prepared_by: String,
}

impl ReportFields {
    /// Whether neither name is given (then a plan file leaves the field out).
    pub fn is_empty(&self) -> bool {
        self.prepared_for.is_empty() && self.prepared_by.is_empty()
    }
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
            variants: Vec::new(),
            report: ReportFields::default(),
            taxes: None,
        }
    }
}

impl Plan {
    /// The saver's year of birth, as the tax sees it: the plan's first
    /// calendar year less the saver's age (with taxes only: the plan's
    /// calendar year is theirs).
    pub fn birth_year(&self) -> Option<i32> {
        let first_year = self.taxes.as_ref()?.first_year;
        Some(first_year as i32 - self.saver.age as i32)
    }

    /// What the SSA life table says about the saver (and a spouse whose
    /// sex is given); `None` without the saver's sex.
    pub fn life_outlook(&self) -> Option<crate::life::Outlook> {
        use crate::life::{Outlook, Person, ssa_period, table::LAST_AGE};
        let sex = self.saver.sex?;
        if self.saver.age > LAST_AGE {
            return None;
        }
        let spouse = self.retirement.spouse.as_ref().and_then(|s| {
            Some(Person {
                age: s.age.min(LAST_AGE),
                sex: s.sex?,
            })
        });
        Some(Outlook::new(
            ssa_period(),
            Person {
                age: self.saver.age,
                sex,
            },
            spouse,
        ))
    }

    /// A new blank plan: every default, with taxes on (what File → New
    /// makes; an empty file means no taxes).
    pub fn blank() -> Self {
        let mut plan = Plan {
            name: "New plan".into(),
            taxes: Some(taxes::Taxes::default()),
            ..Plan::default()
        };
        // An income need, as the sample has: under a rate rule the chance
        // hardly depends on saving, and "what contribution gives 90%?"
        // could not be asked.
        plan.retirement.withdrawal = Self::sample().retirement.withdrawal;
        plan
    }

    /// Whether the plan has nothing to plan with yet: no money saved in any
    /// account and no pay (a blank plan before its first edit).
    pub fn has_no_money(&self) -> bool {
        let s = &self.saver;
        s.balance == 0.0
            && s.roth_balance == 0.0
            && s.taxable.is_none_or(|t| t.balance == 0.0)
            && s.salary == 0.0
    }

    /// The sample saver of the model: a 35-year-old with $85,000 saved,
    /// earning $72,000, deferring 8% with a common match, no crypto sleeve,
    /// needing $60,000 a year after tax. A new plan starts here, so the
    /// first screen shows a real chart.
    pub fn sample() -> Self {
        Plan {
            taxes: Some(taxes::Taxes::default()),
            ..Self::sample_before_tax()
        }
    }

    /// [`Plan::sample`] without taxes, as format 2 read it: every figure
    /// before tax (the closed forms and distribution tests start here).
    pub fn sample_before_tax() -> Self {
        Plan {
            name: "Alex, base case".to_owned(),
            saver: Saver {
                age: 35,
                retirement_age: 65,
                plan_to_age: 95,
                balance: 85_000.0,
                salary: 72_000.0,
                salary_growth: 0.01,
                roth_balance: 0.0,
                taxable: None,
                sex: None,
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
                irs_limits_year: contributions::FIRST_IRS_LIMITS_YEAR,
                ..Contributions::default()
            },
            retirement: Retirement {
                withdrawal: Withdrawal::FixedReal(60_000.0),
                social_security: Some(SocialSecurity::Fixed {
                    annual: 24_000.0,
                    from_age: 67,
                }),
                ..Retirement::default()
            },
            ..Plan::default()
        }
    }

    /// Years simulated: `plan_to_age - age` (0 for an invalid plan).
    pub fn horizon_years(&self) -> u32 {
        self.saver.plan_to_age.saturating_sub(self.saver.age)
    }

    /// The ages a run reports: the start age to the plan-to age, inclusive
    /// (empty for an invalid plan whose ages go backwards).
    pub fn ages(&self) -> std::ops::RangeInclusive<u32> {
        self.saver.age..=self.saver.plan_to_age
    }

    /// The same plan without its crypto sleeve.
    #[must_use]
    pub fn without_sleeve(&self) -> Plan {
        let mut plan = self.clone();
        plan.allocation.sleeve = None;
        plan
    }

    /// The same plan without its private sleeve.
    #[must_use]
    pub fn without_private(&self) -> Plan {
        let mut plan = self.clone();
        plan.allocation.private = None;
        plan
    }

    /// The same plan under a shipped crypto view: its crypto return,
    /// volatility and crashes are the view's.
    #[must_use]
    pub fn with_view(&self, view: &defaults::CryptoView) -> Plan {
        let mut plan = self.clone();
        plan.assumptions.crypto = view.asset();
        plan.assumptions.crypto_crash = view.crash.clone();
        plan
    }

    /// Every scenario's name, the base first.
    pub fn scenario_names(&self) -> Vec<String> {
        (0..self.scenario_count())
            .map(|i| self.scenario(i).map(|p| p.name).unwrap_or_default())
            .collect()
    }
}

/// The targets at one age.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetWeights {
    /// The saver's age.
    pub age: u32,
    /// The core's own mix (sums to 1).
    pub mix: glide_path::Mix,
    /// The sleeve's share of the whole account.
    pub sleeve: f64,
    /// The private sleeve's share of the whole account.
    pub private: f64,
}

impl TargetWeights {
    /// Each asset's share of the whole account (they sum to 1).
    pub fn of_account(&self) -> asset::PerAsset<f64> {
        let core = 1.0 - self.sleeve - self.private;
        asset::PerAsset::from_fn(|a| match a {
            asset::Asset::Crypto => self.sleeve,
            asset::Asset::Private => self.private,
            core_asset => core * self.mix.share(core_asset),
        })
    }
}

/// Who saves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Saver {
    /// Age today, in whole years.
    pub age: u32,
    /// The age work stops and withdrawals start (equal to `age`: retired).
    pub retirement_age: u32,
    /// How long the money should last: the last age reported.
    pub plan_to_age: u32,
    /// Today's balance in the 401(k), in dollars: traditional (pre-tax)
    /// money when the plan has taxes.
    pub balance: f64,
    /// Roth money today (Roth 401(k), Roth IRA), format 3.
    #[serde(default)]
    pub roth_balance: f64,
    /// An account outside the plan, taxed on its gains, format 3.
    #[serde(default)]
    pub taxable: Option<taxes::Taxable>,
    /// This year's salary, in dollars.
    pub salary: f64,
    /// Real salary growth a year (above inflation).
    pub salary_growth: f64,
    /// Sex, for the life table (format 3; `None`: no table is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<crate::life::Sex>,
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
            roth_balance: 0.0,
            taxable: None,
            sex: None,
        }
    }
}

/// How the account is invested.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Allocation {
    /// The core's mix of stocks, bonds and cash by years to retirement.
    pub glide_path: GlidePath,
    /// An optional crypto holding beside the core.
    pub sleeve: Option<Sleeve>,
    /// An optional private-market holding beside the core (format 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private: Option<private::PrivateSleeve>,
}

/// How a run is made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Simulation {
    /// Monte Carlo paths (a rolling history ignores it).
    pub paths: u32,
    /// The seed every path's random stream derives from.
    pub seed: u64,
    /// Where returns come from.
    pub returns: Returns,
    /// How long the people in the plan live (format 3).
    #[serde(skip_serializing_if = "lifespan::Lifespan::is_plan_to_age")]
    pub lifespan: lifespan::Lifespan,
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation {
            paths: 10_000,
            seed: 42,
            returns: Returns::MonteCarlo,
            lifespan: lifespan::Lifespan::PlanToAge,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sleeve::Rebalance;
    use super::*;

    const MODEL_EXAMPLE: &str = include_str!("../../tests/data/model_example.ron");

    #[test]
    fn the_model_example_parses_to_the_sample_saver_with_a_sleeve() {
        let plan: Plan = ron::from_str(MODEL_EXAMPLE).expect("parses");
        let mut expected = Plan::sample_before_tax();
        // Read without the store, the file keeps its own version; it writes
        // the crash of the views before 2026-11.
        expected.version = 1;
        expected.assumptions.crypto_crash = Some(assumptions::CryptoCrash {
            probability: 0.25,
            mean: -0.70,
            volatility: 0.25,
        });
        expected.allocation.sleeve = Some(Sleeve {
            weight: 0.03,
            weight_at_retirement: 0.01,
            rebalance: Rebalance::Annual,
        });
        assert_eq!(plan, expected);
    }

    #[test]
    fn a_version_alone_is_a_plan_of_defaults() {
        let plan: Plan = ron::from_str("(version: 3)").expect("parses");
        assert_eq!(plan, Plan::default());
        assert_eq!(plan.taxes, None, "an empty file is before tax");
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

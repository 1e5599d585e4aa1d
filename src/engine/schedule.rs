//! One plan's schedule: everything about its years that does not depend on
//! the market, worked out once per run (the mix, the contribution, Social
//! Security and fees of each year, the sleeve's target, the rule).

use crate::plan::ValidPlan;
use crate::plan::glide_path::Mix;
use crate::plan::retirement::Withdrawal;
use crate::plan::sleeve::Rebalance;
use crate::plan::stress::Stress;

/// What happens in one year of every path of one plan.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Year {
    pub age: u32,
    pub mix: Mix,
    pub retired: bool,
    pub contribution_usd: f64,
    pub social_security_usd: f64,
    pub core_fee: f64,
    pub sleeve_fee: f64,
    /// The sleeve's target weight (0 without a sleeve).
    pub sleeve_weight: f64,
    /// A stress test's event in this year, if any.
    pub stress: Option<YearStress>,
}

/// What a stress test does to one year on every path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum YearStress {
    /// The sleeve is held at its target and returns −100%.
    CryptoToZero,
    /// Stocks −40%, crypto −75%; bonds and cash keep their draws.
    Crash,
}

/// One plan of a set, ready for the year loop.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Schedule {
    pub years: Vec<Year>,
    pub rebalance: Rebalance,
    pub withdrawal: Withdrawal,
    pub balance_usd: f64,
    /// Index of the first retirement year (`T` if none is simulated).
    pub retirement_index: usize,
    /// Social Security at the plan-to age, for a plan that never retires
    /// within its horizon.
    pub social_security_at_end_usd: f64,
    pub has_sleeve: bool,
}

impl Schedule {
    pub fn new(plan: &ValidPlan) -> Self {
        let saver = &plan.saver;
        let schedule = plan.contribution_schedule();
        let years = plan
            .target_weights()
            .iter()
            .map(|target| {
                let age = target.age;
                let retired = age >= saver.retirement_age;
                let contribution_usd = schedule
                    .get((age - saver.age) as usize)
                    .filter(|_| !retired)
                    .map_or(0.0, |(_, c)| c.total_usd());
                Year {
                    age,
                    mix: target.mix,
                    retired,
                    contribution_usd,
                    social_security_usd: plan.retirement.social_security_usd(age),
                    core_fee: plan.fees.core_rate(&target.mix),
                    sleeve_fee: plan.fees.sleeve_rate(),
                    sleeve_weight: target.sleeve,
                    stress: None,
                }
            })
            .collect::<Vec<Year>>();
        let mut years = years;
        match plan.stress() {
            Some(Stress::ZeroAt(age)) => {
                for year in &mut years {
                    if year.age == age {
                        year.stress = Some(YearStress::CryptoToZero);
                    } else if year.age > age {
                        year.sleeve_weight = 0.0;
                    }
                }
            }
            Some(Stress::CrashBeforeRetirement) => {
                let before = (saver.retirement_age - saver.age) as usize;
                if let Some(year) = before.checked_sub(1).and_then(|t| years.get_mut(t)) {
                    year.stress = Some(YearStress::Crash);
                }
            }
            None => {}
        }
        let sleeve = plan.allocation.sleeve.as_ref();
        Schedule {
            years,
            rebalance: sleeve.map_or(Rebalance::Annual, |s| s.rebalance),
            withdrawal: plan.retirement.withdrawal,
            balance_usd: saver.balance,
            retirement_index: (saver.retirement_age - saver.age) as usize,
            social_security_at_end_usd: plan.retirement.social_security_usd(saver.plan_to_age),
            has_sleeve: sleeve.is_some(),
        }
    }

    /// Years simulated, `T`.
    pub fn horizon(&self) -> usize {
        self.years.len()
    }
}

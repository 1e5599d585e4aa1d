//! Retirement: how the portfolio pays (a [`Withdrawal`] rule) and what
//! comes in from elsewhere (MODEL-v2 §12): Social Security by claiming
//! age, a spouse's benefit with the spousal top-up both ways, pensions,
//! annuities and planned expenses. The rules live in `withdrawal.rs`, the
//! benefits in `social_security.rs`, the streams in `income.rs`; here they
//! come together. All in today's dollars, before tax.

use serde::{Deserialize, Serialize};

use super::income::IncomeStream;
use super::lifespan::SurvivorStory;
use super::social_security::{SocialSecurity, Spouse, spousal_factor};
use super::withdrawal::Withdrawal;

/// What the account pays in retirement, and what else comes in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retirement {
    /// How the yearly withdrawal is set.
    pub withdrawal: Withdrawal,
    /// The saver's Social Security, if any.
    pub social_security: Option<SocialSecurity>,
    /// A spouse, with their own benefit and the spousal top-up.
    pub spouse: Option<Spouse>,
    /// Pensions, annuities and planned expenses.
    pub income: Vec<IncomeStream>,
    /// The total income (before tax) the household must not fall below:
    /// measured, it changes no withdrawal.
    pub essential: Option<f64>,
    /// After a death in a couple, the share of the need (and of what the
    /// rule spends, and of the essential income) the survivor keeps.
    #[serde(
        default = "super::lifespan::survivor_need_default",
        skip_serializing_if = "super::lifespan::is_default_survivor_need"
    )]
    pub survivor_need: f64,
    /// A fixed story of one death in a couple (format 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub survivor: Option<SurvivorStory>,
}

impl Default for Retirement {
    fn default() -> Self {
        Retirement {
            withdrawal: Withdrawal::default(),
            social_security: None,
            spouse: None,
            income: Vec::new(),
            essential: None,
            survivor_need: super::lifespan::SURVIVOR_NEED,
            survivor: None,
        }
    }
}

impl Retirement {
    /// Social Security in the year the saver is `age_years` (today they are
    /// `age_today`): the saver's and the spouse's, each with their spousal
    /// top-up from the year both have claimed.
    pub fn social_security_usd(&self, age_today: u32, age_years: u32) -> (f64, f64) {
        let saver = self
            .social_security
            .as_ref()
            .map_or(0.0, |ss| ss.own_usd(age_years));
        let Some(spouse) = &self.spouse else {
            return (saver, 0.0);
        };
        let spouse_age = |saver_age: u32| spouse.age + (saver_age - age_today.min(saver_age));
        let theirs = spouse.benefit();
        let spouse_own = if spouse_age(age_years) >= spouse.claim_age {
            theirs.annual_usd()
        } else {
            0.0
        };
        // The top-ups need the saver's PIA: validation refuses a spouse
        // beside a v1-form benefit.
        let Some(mine) = self
            .social_security
            .as_ref()
            .and_then(SocialSecurity::benefit)
        else {
            return (saver, spouse_own);
        };
        // The saver's age in the first year both have claimed.
        let both_from = mine
            .claim_age
            .max(age_today + spouse.claim_age.saturating_sub(spouse.age));
        if age_years < both_from {
            return (saver, spouse_own);
        }
        let top_up = |recipient_pia: f64, other_pia: f64, recipient_age: u32, fra: u32| -> f64 {
            let gap = other_pia / 2.0 - recipient_pia;
            if gap > 0.0 {
                12.0 * gap * spousal_factor(recipient_age, fra)
            } else {
                0.0
            }
        };
        let saver_top_up = top_up(mine.pia, theirs.pia, both_from, mine.full_retirement_age);
        let spouse_top_up = top_up(
            theirs.pia,
            mine.pia,
            spouse_age(both_from),
            theirs.full_retirement_age,
        );
        (saver + saver_top_up, spouse_own + spouse_top_up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::social_security::Benefit;

    #[test]
    fn a_spousal_top_up_worked_by_hand() {
        // The saver (PIA $2,400, claims at 67, FRA 67) is 64; the spouse
        // (PIA $600, claims at 62, FRA 67) is 60. The spouse claims at 62,
        // when the saver is 66; the saver claims at 67, when the spouse is
        // 63: both have claimed from the saver's 67, the spouse then 63.
        let r = Retirement {
            social_security: Some(SocialSecurity::Claimed(Benefit {
                pia: 2_400.0,
                claim_age: 67,
                full_retirement_age: 67,
            })),
            spouse: Some(Spouse {
                age: 60,
                pia: 600.0,
                claim_age: 62,
                full_retirement_age: 67,
                sex: None,
            }),
            ..Retirement::default()
        };
        // Saver 65: the spouse is 61, nobody has claimed.
        assert_eq!(r.social_security_usd(64, 65), (0.0, 0.0));
        // Saver 66: the spouse (62) has her own, reduced 30%.
        let own = 12.0 * 600.0 * 0.70;
        assert_eq!(r.social_security_usd(64, 66), (0.0, own));
        // Saver 67: both have claimed. The spouse's top-up is half the
        // saver's PIA less hers, $600 a month, reduced for her age 63: 48
        // months early, 36 × 25/36 % + 12 × 5/12 % = 30%.
        let (saver, spouse) = r.social_security_usd(64, 67);
        assert_eq!(saver, 12.0 * 2_400.0);
        let top_up = 12.0 * 600.0 * (1.0 - 0.25 - 0.05);
        assert!((spouse - (own + top_up)).abs() < 1e-9, "{spouse}");
        // The reduction is measured at the later claim and then kept.
        assert_eq!(r.social_security_usd(64, 80), (saver, spouse));
    }
}

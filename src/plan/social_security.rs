//! Social Security: the benefit by claiming age (the SSA's reduction and
//! delayed credits), the plan's two ways of giving it (a yearly amount from
//! an age, or the monthly benefit at full retirement age with a claiming
//! age), and a spouse with their own benefit. Today's dollars, before tax.

use serde::{Deserialize, Serialize};

/// The earliest age Social Security can be claimed.
pub const MIN_CLAIM_AGE: u32 = 62;
/// The latest age worth claiming at: delayed credits stop at 70.
pub const MAX_CLAIM_AGE: u32 = 70;

/// The share of the monthly benefit at full retirement age (PIA) paid when
/// claiming at `claim_age` (SSA: 5/9 of 1% a month for the first 36 months
/// early, 5/12 of 1% beyond; 2/3 of 1% a month of delayed credit).
pub fn claim_factor(claim_age: u32, full_retirement_age: u32) -> f64 {
    let months = |years: u32| f64::from(years) * 12.0;
    if claim_age < full_retirement_age {
        let m = months(full_retirement_age - claim_age);
        1.0 - (5.0 / 9.0 / 100.0 * m.min(36.0) + 5.0 / 12.0 / 100.0 * (m - 36.0).max(0.0))
    } else {
        1.0 + 2.0 / 3.0 / 100.0 * months(claim_age - full_retirement_age)
    }
}

/// The share of a spousal benefit paid when it starts at `age` (SSA: 25/36
/// of 1% a month for the first 36 months before full retirement age, 5/12
/// of 1% beyond; no delayed credits).
pub fn spousal_factor(age: u32, full_retirement_age: u32) -> f64 {
    let m = f64::from(full_retirement_age.saturating_sub(age)) * 12.0;
    1.0 - (25.0 / 36.0 / 100.0 * m.min(36.0) + 5.0 / 12.0 / 100.0 * (m - 36.0).max(0.0))
}

/// A Social Security benefit, in one of two forms.
#[derive(Clone, Debug, PartialEq)]
pub enum SocialSecurity {
    /// Version 1's form: a yearly amount from an age.
    Fixed {
        /// The real yearly benefit.
        annual: f64,
        /// The age it starts.
        from_age: u32,
    },
    /// The monthly benefit at full retirement age and the claiming age.
    Claimed(Benefit),
}

/// A benefit from the PIA on the saver's (or spouse's) SSA statement.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Benefit {
    /// The monthly benefit at full retirement age (PIA), today's dollars.
    pub pia: f64,
    /// The age the benefit is claimed, 62 to 70.
    pub claim_age: u32,
    /// Full retirement age: 66 or 67.
    pub full_retirement_age: u32,
}

impl Default for Benefit {
    fn default() -> Self {
        Benefit {
            pia: 0.0,
            claim_age: 67,
            full_retirement_age: 67,
        }
    }
}

impl Benefit {
    /// The yearly benefit once claimed: `12 × pia × factor`.
    pub fn annual_usd(&self) -> f64 {
        self.annual_at(self.claim_age)
    }

    /// The yearly benefit if claimed at `claim_age` instead.
    pub fn annual_at(&self, claim_age: u32) -> f64 {
        12.0 * self.pia * claim_factor(claim_age, self.full_retirement_age)
    }
}

/// The share of the deceased's PIA a widow(er)'s benefit never falls
/// below when the deceased claimed early (SSA's widow(er)'s limit,
/// POMS RS 00615.320: the larger of the deceased's benefit and 82.5%).
pub const WIDOW_FLOOR: f64 = 0.825;

impl Benefit {
    /// The yearly widow(er)'s benefit from this (the deceased's) record,
    /// unreduced (the survivor at or past full retirement age), when the
    /// deceased died in the year of age `death_age`: the benefit they were
    /// paid, at least [`WIDOW_FLOOR`] of the PIA, if they had claimed; the
    /// PIA if they died before claiming and before full retirement age;
    /// the PIA with the delayed credits earned to the death after it.
    pub fn widow_usd(&self, death_age: u32) -> f64 {
        let factor = if death_age >= self.claim_age {
            claim_factor(self.claim_age, self.full_retirement_age).max(WIDOW_FLOOR)
        } else if death_age < self.full_retirement_age {
            1.0
        } else {
            claim_factor(death_age, self.full_retirement_age)
        };
        12.0 * self.pia * factor
    }
}

impl Default for SocialSecurity {
    fn default() -> Self {
        SocialSecurity::Claimed(Benefit::default())
    }
}

impl SocialSecurity {
    /// The saver's own benefit at `age_years`.
    pub fn own_usd(&self, age_years: u32) -> f64 {
        match self {
            SocialSecurity::Fixed { annual, from_age } if age_years >= *from_age => *annual,
            SocialSecurity::Claimed(b) if age_years >= b.claim_age => b.annual_usd(),
            _ => 0.0,
        }
    }

    /// The PIA form's benefit, if the benefit is in it.
    pub fn benefit(&self) -> Option<&Benefit> {
        match self {
            SocialSecurity::Claimed(b) => Some(b),
            SocialSecurity::Fixed { .. } => None,
        }
    }

    /// The same benefit in the PIA form: the PIA that pays `annual` when
    /// claimed at `from_age` (held within 62–70) with a full retirement age
    /// of 67. Outside 62–70 the benefit's start moves into that range.
    pub fn to_claimed(&self) -> Benefit {
        match self {
            SocialSecurity::Claimed(b) => *b,
            SocialSecurity::Fixed { annual, from_age } => {
                let claim_age = (*from_age).clamp(MIN_CLAIM_AGE, MAX_CLAIM_AGE);
                let full_retirement_age = 67;
                Benefit {
                    pia: annual / 12.0 / claim_factor(claim_age, full_retirement_age),
                    claim_age,
                    full_retirement_age,
                }
            }
        }
    }
}

/// The fields of both forms, in the order a file writes them.
const SOCIAL_SECURITY_FIELDS: &[&str] = &[
    "annual",
    "from_age",
    "pia",
    "claim_age",
    "full_retirement_age",
];

impl Serialize for SocialSecurity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("SocialSecurity", 3)?;
        match self {
            SocialSecurity::Fixed { annual, from_age } => {
                out.serialize_field("annual", annual)?;
                out.serialize_field("from_age", from_age)?;
            }
            SocialSecurity::Claimed(b) => {
                out.serialize_field("pia", &b.pia)?;
                out.serialize_field("claim_age", &b.claim_age)?;
                out.serialize_field("full_retirement_age", &b.full_retirement_age)?;
            }
        }
        out.end()
    }
}

/// One reader for both forms: the fields decide which it is, and a mix of
/// the two is an error.
struct SocialSecurityVisitor;

impl<'de> serde::de::Visitor<'de> for SocialSecurityVisitor {
    type Value = SocialSecurity;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Social Security benefit: (pia, claim_age, full_retirement_age) or (annual, from_age)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<SocialSecurity, A::Error> {
        use serde::de::Error;
        let (mut annual, mut from_age, mut pia, mut claim_age, mut fra) =
            (None, None, None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let twice = || {
                A::Error::duplicate_field(
                    SOCIAL_SECURITY_FIELDS
                        .iter()
                        .find(|f| **f == key)
                        .copied()
                        .unwrap_or("field"),
                )
            };
            match key.as_str() {
                "annual" if annual.is_none() => annual = Some(map.next_value::<f64>()?),
                "from_age" if from_age.is_none() => from_age = Some(map.next_value::<u32>()?),
                "pia" if pia.is_none() => pia = Some(map.next_value::<f64>()?),
                "claim_age" if claim_age.is_none() => claim_age = Some(map.next_value::<u32>()?),
                "full_retirement_age" if fra.is_none() => fra = Some(map.next_value::<u32>()?),
                "annual" | "from_age" | "pia" | "claim_age" | "full_retirement_age" => {
                    return Err(twice());
                }
                other => return Err(A::Error::unknown_field(other, SOCIAL_SECURITY_FIELDS)),
            }
        }
        let v1 = annual.is_some() || from_age.is_some();
        let v2 = pia.is_some() || claim_age.is_some() || fra.is_some();
        if v1 && v2 {
            return Err(A::Error::custom(
                "a Social Security benefit is either (annual, from_age) or (pia, claim_age, full_retirement_age), not a mix of the two",
            ));
        }
        let default = Benefit::default();
        Ok(if v1 {
            SocialSecurity::Fixed {
                annual: annual.unwrap_or(0.0),
                from_age: from_age.unwrap_or(67),
            }
        } else {
            SocialSecurity::Claimed(Benefit {
                pia: pia.unwrap_or(default.pia),
                claim_age: claim_age.unwrap_or(default.claim_age),
                full_retirement_age: fra.unwrap_or(default.full_retirement_age),
            })
        })
    }
}

impl<'de> Deserialize<'de> for SocialSecurity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(
            "SocialSecurity",
            SOCIAL_SECURITY_FIELDS,
            SocialSecurityVisitor,
        )
    }
}

/// A spouse or partner: their own Social Security and the spousal top-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spouse {
    /// Their age today (required).
    pub age: u32,
    /// Their monthly benefit at full retirement age (PIA), today's dollars.
    #[serde(default)]
    pub pia: f64,
    /// The age they claim, 62 to 70.
    #[serde(default = "default_claim_age")]
    pub claim_age: u32,
    /// Their full retirement age: 66 or 67.
    #[serde(default = "default_claim_age")]
    pub full_retirement_age: u32,
    /// Their sex, for the life table (format 3; `None`: no table is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<crate::life::Sex>,
}

fn default_claim_age() -> u32 {
    67
}

impl Spouse {
    /// Their own benefit as a [`Benefit`].
    pub fn benefit(&self) -> Benefit {
        Benefit {
            pia: self.pia,
            claim_age: self.claim_age,
            full_retirement_age: self.full_retirement_age,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ssa_factors_for_a_full_retirement_age_of_67() {
        let expected = [
            0.70,
            0.75,
            0.80,
            13.0 / 15.0,
            14.0 / 15.0,
            1.0,
            1.08,
            1.16,
            1.24,
        ];
        for (age, want) in (62..=70).zip(expected) {
            let got = claim_factor(age, 67);
            assert!((got - want).abs() < 1e-12, "{age}: {got} against {want}");
        }
        // A full retirement age of 66: 75% at 62, 132% at 70.
        assert!((claim_factor(62, 66) - 0.75).abs() < 1e-12);
        assert!((claim_factor(70, 66) - 1.32).abs() < 1e-12);
    }

    #[test]
    fn both_forms_read_and_a_mix_is_refused() {
        let v1: SocialSecurity = ron::from_str("(annual: 24000.0, from_age: 67)").unwrap();
        assert_eq!(
            v1,
            SocialSecurity::Fixed {
                annual: 24_000.0,
                from_age: 67
            }
        );
        let v2: SocialSecurity = ron::from_str("(pia: 2000.0, claim_age: 70)").unwrap();
        assert_eq!(v2.benefit().unwrap().full_retirement_age, 67);
        assert_eq!(v2.own_usd(70), 12.0 * 2_000.0 * 1.24);
        let mixed = ron::from_str::<SocialSecurity>("(annual: 24000.0, pia: 2000.0)").unwrap_err();
        assert!(mixed.to_string().contains("not a mix"), "{mixed}");
        for ss in [v1, v2] {
            let text = ron::to_string(&ss).unwrap();
            assert_eq!(ron::from_str::<SocialSecurity>(&text).unwrap(), ss);
        }
    }

    #[test]
    fn switching_to_the_pia_form_keeps_the_benefit() {
        let v1 = SocialSecurity::Fixed {
            annual: 24_000.0,
            from_age: 65,
        };
        let b = v1.to_claimed();
        assert_eq!(b.claim_age, 65);
        assert!((b.annual_usd() - 24_000.0).abs() < 1e-9);
    }
}

//! One tax year of a household (MODEL-v3 §16.2–16.3): the taxable part of
//! Social Security, AGI, the deductions, taxable income, the ordinary tax
//! by bracket, long-term gains stacked on top, the additional tax on early
//! withdrawals, and a flat state tax. Every amount is in today's dollars:
//! the law's indexed amounts are taken as they are, the unindexed ones
//! (Social Security's thresholds, the senior deduction) are divided by the
//! year's price level since the plan's first year.

use serde::Serialize;

use super::law::{Filing, Law};

/// A flat state income tax (MODEL-v3 §16.3): a flat approximation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct StateTax {
    /// The rate on state taxable income.
    pub rate: f64,
    /// Whether Social Security is taxed (most states exempt it).
    pub taxes_social_security: bool,
    /// Whether retirement income (traditional withdrawals, pensions) is
    /// exempt.
    pub exempts_retirement_income: bool,
}

/// What one tax year is computed from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TaxInput {
    /// How the household files.
    pub filing: Filing,
    /// The calendar year (the senior deduction exists to 2028).
    pub year: i32,
    /// How many filers are 65 or older by the year's end.
    pub filers_65: u32,
    /// Both spouses' Social Security benefits of the year.
    pub social_security_usd: f64,
    /// Ordinary income other than Social Security: traditional withdrawals,
    /// RMDs, conversions, pensions and other taxable income.
    pub ordinary_usd: f64,
    /// Of it, what is retirement income a state may exempt (traditional
    /// withdrawals, RMDs, pensions).
    pub retirement_usd: f64,
    /// Realised long-term gains.
    pub gains_usd: f64,
    /// Of the ordinary income, what is taxed 10% more (early withdrawals).
    pub early_usd: f64,
    /// The price level since the plan's first year (1 in its first year):
    /// unindexed amounts are worth `1 / price_level` of themselves in
    /// today's dollars.
    pub price_level: f64,
    /// The state's tax.
    pub state: StateTax,
}

/// One tax year, line by line (`glidepath-tax/1`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct TaxYear {
    /// Ordinary income plus gains plus half of Social Security.
    pub provisional_income_usd: f64,
    /// The part of Social Security that is taxable.
    pub taxable_social_security_usd: f64,
    /// Adjusted gross income.
    pub agi_usd: f64,
    /// The standard deduction with its 65+ amounts.
    pub standard_deduction_usd: f64,
    /// The senior deduction (2025–2028).
    pub senior_deduction_usd: f64,
    /// Taxable income, gains included.
    pub taxable_income_usd: f64,
    /// Of it, the gains taxed at their own rates.
    pub taxable_gains_usd: f64,
    /// The tax on ordinary taxable income, by bracket.
    pub ordinary_tax_usd: f64,
    /// The tax on long-term gains (0, 15, 20%).
    pub gains_tax_usd: f64,
    /// The 10% additional tax on early withdrawals.
    pub early_withdrawal_tax_usd: f64,
    /// Every federal tax of the year.
    pub federal_tax_usd: f64,
    /// The state's.
    pub state_tax_usd: f64,
    /// Federal and state together.
    pub total_tax_usd: f64,
    /// The bracket rate of the last dollar of ordinary taxable income.
    pub bracket_rate: f64,
}

impl TaxYear {
    /// The ordinary taxable income: taxable income less the gains taxed at
    /// their own rates (what the brackets are laid over).
    pub fn ordinary_taxable_usd(&self) -> f64 {
        self.taxable_income_usd - self.taxable_gains_usd
    }

    /// Every amount rounded to the cent, as a return shows it.
    #[must_use]
    pub fn to_cents(self) -> TaxYear {
        let c = |v: f64| (v * 100.0).round() / 100.0;
        TaxYear {
            provisional_income_usd: c(self.provisional_income_usd),
            taxable_social_security_usd: c(self.taxable_social_security_usd),
            agi_usd: c(self.agi_usd),
            standard_deduction_usd: c(self.standard_deduction_usd),
            senior_deduction_usd: c(self.senior_deduction_usd),
            taxable_income_usd: c(self.taxable_income_usd),
            taxable_gains_usd: c(self.taxable_gains_usd),
            ordinary_tax_usd: c(self.ordinary_tax_usd),
            gains_tax_usd: c(self.gains_tax_usd),
            early_withdrawal_tax_usd: c(self.early_withdrawal_tax_usd),
            federal_tax_usd: c(self.federal_tax_usd),
            state_tax_usd: c(self.state_tax_usd),
            total_tax_usd: c(self.total_tax_usd),
            bracket_rate: self.bracket_rate,
        }
    }
}

impl Law {
    /// The tax of one year (MODEL-v3 §16.2–16.3).
    pub fn tax(&self, input: &TaxInput) -> TaxYear {
        let f = input.filing;
        let deflate = 1.0 / input.price_level;
        let ss = input.social_security_usd.max(0.0);
        let other = input.ordinary_usd.max(0.0) + input.gains_usd.max(0.0);
        // IRC §86, its thresholds not indexed.
        let base = *self.social_security.base_usd.of(f) * deflate;
        let adjusted = *self.social_security.adjusted_base_usd.of(f) * deflate;
        let provisional = other + 0.5 * ss;
        let taxable_ss = (0.85 * ss).min(
            0.5 * ss.min(adjusted - base).min((provisional - base).max(0.0))
                + 0.85 * (provisional - adjusted).max(0.0),
        );
        let agi = other + taxable_ss;
        let standard = *self.standard_deduction_usd.of(f)
            + f64::from(input.filers_65) * *self.extra_65_usd.of(f);
        let s = &self.senior_deduction;
        let senior = if input.year <= s.last_year as i32 {
            let threshold = *s.threshold_usd.of(f) * deflate;
            let each = (s.per_senior_usd * deflate - s.phase_out_rate * (agi - threshold).max(0.0))
                .max(0.0);
            f64::from(input.filers_65) * each
        } else {
            0.0
        };
        let taxable = (agi - standard - senior).max(0.0);
        let gains = input.gains_usd.max(0.0).min(taxable);
        let ordinary_taxable = taxable - gains;
        let (ordinary_tax, bracket_rate) = self.ordinary_tax(f, ordinary_taxable);
        let g = &self.long_term_gains;
        // Gains sit on top of ordinary income: the part of them below each
        // threshold pays that threshold's rate.
        let at_zero = (*g.zero_up_to_usd.of(f) - ordinary_taxable).clamp(0.0, gains);
        let at_twenty =
            (taxable - g.twenty_above_usd.of(f).max(ordinary_taxable)).clamp(0.0, gains);
        let gains_tax = 0.15 * (gains - at_zero - at_twenty) + 0.20 * at_twenty;
        let early = self.early_withdrawal_rate * input.early_usd.max(0.0);
        let federal = ordinary_tax + gains_tax + early;
        let state = state_tax(
            &input.state,
            agi,
            standard,
            taxable_ss,
            input.retirement_usd,
        );
        TaxYear {
            provisional_income_usd: provisional,
            taxable_social_security_usd: taxable_ss,
            agi_usd: agi,
            standard_deduction_usd: standard,
            senior_deduction_usd: senior,
            taxable_income_usd: taxable,
            taxable_gains_usd: gains,
            ordinary_tax_usd: ordinary_tax,
            gains_tax_usd: gains_tax,
            early_withdrawal_tax_usd: early,
            federal_tax_usd: federal,
            state_tax_usd: state,
            total_tax_usd: federal + state,
            bracket_rate,
        }
    }

    /// The ordinary tax on `taxable_usd` by bracket, and the rate of its
    /// last dollar.
    fn ordinary_tax(&self, filing: Filing, taxable_usd: f64) -> (f64, f64) {
        let brackets = self.brackets.of(filing);
        let mut tax = 0.0;
        let mut rate = brackets.first().map_or(0.0, |b| b.rate);
        for (i, b) in brackets.iter().enumerate() {
            let top = brackets.get(i + 1).map_or(f64::INFINITY, |n| n.from_usd);
            if taxable_usd <= b.from_usd {
                break;
            }
            tax += b.rate * (taxable_usd.min(top) - b.from_usd);
            rate = b.rate;
        }
        (tax, rate)
    }

    /// The top of the bracket whose rate is `rate` (its taxable income), or
    /// `None` when no bracket has that rate (or it is the top one). 0 for
    /// a rate of 0: nothing to fill.
    pub fn bracket_top_usd(&self, filing: Filing, rate: f64) -> Option<f64> {
        if rate == 0.0 {
            return Some(0.0);
        }
        let brackets = self.brackets.of(filing);
        let i = brackets.iter().position(|b| b.rate == rate)?;
        brackets.get(i + 1).map(|next| next.from_usd)
    }
}

/// The flat state tax: `rate` on AGI less the federal standard deduction,
/// less the taxable part of Social Security unless the state taxes it,
/// less retirement income where the state exempts it.
fn state_tax(state: &StateTax, agi: f64, standard: f64, taxable_ss: f64, retirement: f64) -> f64 {
    if state.rate == 0.0 {
        return 0.0;
    }
    // A state that taxes Social Security starts, as states do, from the
    // federal AGI (its taxable part included); one that exempts it takes
    // that part out.
    let mut base = if state.taxes_social_security {
        agi
    } else {
        agi - taxable_ss
    };
    if state.exempts_retirement_income {
        base -= retirement.max(0.0);
    }
    state.rate * (base - standard).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tax::law;

    fn year(filing: Filing, filers_65: u32, ss: f64, ordinary: f64) -> TaxYear {
        law(2026).expect("2026").tax(&TaxInput {
            filing,
            year: 2026,
            filers_65,
            social_security_usd: ss,
            ordinary_usd: ordinary,
            retirement_usd: ordinary,
            gains_usd: 0.0,
            early_usd: 0.0,
            price_level: 1.0,
            state: StateTax::default(),
        })
    }

    fn cents(v: f64) -> f64 {
        (v * 100.0).round() / 100.0
    }

    #[test]
    fn the_worked_cases_of_the_contract_to_the_cent() {
        let a = year(Filing::Joint, 2, 40_000.0, 60_000.0);
        assert_eq!(a.taxable_social_security_usd, 34_000.0);
        assert_eq!(a.taxable_income_usd, 46_500.0);
        assert_eq!(cents(a.federal_tax_usd), 5_084.00);
        let b = year(Filing::Joint, 2, 30_000.0, 25_000.0);
        assert_eq!(b.taxable_social_security_usd, 4_000.0);
        assert_eq!(b.federal_tax_usd, 0.0);
        let c = year(Filing::Single, 1, 24_000.0, 30_000.0);
        assert_eq!(c.taxable_social_security_usd, 11_300.0);
        assert_eq!(c.taxable_income_usd, 17_150.0);
        assert_eq!(cents(c.federal_tax_usd), 1_810.00);
        let torpedo = year(Filing::Single, 1, 24_000.0, 31_000.0);
        assert_eq!(cents(torpedo.federal_tax_usd), 2_032.00);
        // 22.2% on the last $1,000, inside the 12% bracket.
        assert_eq!(torpedo.bracket_rate, 0.12);
        let d = year(Filing::Joint, 2, 50_000.0, 180_000.0);
        assert_eq!(d.taxable_social_security_usd, 42_500.0);
        assert_eq!(cents(d.senior_deduction_usd), 3_300.0);
        assert_eq!(cents(d.taxable_income_usd), 183_700.0);
        assert_eq!(cents(d.federal_tax_usd), 29_838.00);
    }

    #[test]
    fn every_bracket_edge_is_where_the_law_puts_it() {
        let law = law(2026).expect("2026");
        for filing in [Filing::Single, Filing::Joint] {
            let brackets = law.brackets.of(filing);
            // No deduction in the way: no Social Security, under 65, and
            // the standard deduction added back.
            let sd = *law.standard_deduction_usd.of(filing);
            let mut tax_below = 0.0;
            for (i, b) in brackets.iter().enumerate().skip(1) {
                let previous = &brackets[i - 1];
                tax_below += previous.rate * (b.from_usd - previous.from_usd);
                let at = year(filing, 0, 0.0, b.from_usd + sd);
                assert!(
                    (at.ordinary_tax_usd - tax_below).abs() < 1e-6,
                    "{filing:?} {i}"
                );
                assert_eq!(
                    at.bracket_rate, previous.rate,
                    "the edge is the last dollar below"
                );
                let above = year(filing, 0, 0.0, b.from_usd + sd + 100.0);
                assert!((above.ordinary_tax_usd - tax_below - b.rate * 100.0).abs() < 1e-6);
                assert_eq!(above.bracket_rate, b.rate);
            }
            // The 37% bracket has no top.
            let top = year(filing, 0, 0.0, 5_000_000.0);
            assert_eq!(top.bracket_rate, 0.37);
        }
    }

    #[test]
    fn social_security_is_taxed_by_its_50_and_85_percent_zones() {
        // Single, provisional income below $25,000: none taxable.
        assert_eq!(
            year(Filing::Single, 1, 20_000.0, 10_000.0).taxable_social_security_usd,
            0.0
        );
        // Between $25,000 and $34,000: half the excess.
        let half = year(Filing::Single, 1, 20_000.0, 20_000.0);
        assert_eq!(half.provisional_income_usd, 30_000.0);
        assert_eq!(half.taxable_social_security_usd, 2_500.0);
        // Above $34,000: $4,500 plus 85% of the excess, at most 85% of SS.
        let more = year(Filing::Single, 1, 20_000.0, 34_000.0);
        assert_eq!(more.taxable_social_security_usd, 4_500.0 + 0.85 * 10_000.0);
        let capped = year(Filing::Single, 1, 20_000.0, 200_000.0);
        assert_eq!(capped.taxable_social_security_usd, 17_000.0);
    }

    #[test]
    fn the_senior_deduction_phases_out_per_senior_and_ends_after_2028() {
        let law = law(2026).expect("2026");
        let at = |filers_65: u32, ordinary: f64, calendar: i32| {
            law.tax(&TaxInput {
                filing: Filing::Joint,
                year: calendar,
                filers_65,
                social_security_usd: 0.0,
                ordinary_usd: ordinary,
                retirement_usd: ordinary,
                gains_usd: 0.0,
                early_usd: 0.0,
                price_level: 1.0,
                state: StateTax::default(),
            })
            .senior_deduction_usd
        };
        assert_eq!(at(2, 100_000.0, 2026), 12_000.0);
        assert_eq!(at(1, 100_000.0, 2026), 6_000.0);
        // $50,000 over the threshold: each loses $3,000.
        assert_eq!(at(2, 200_000.0, 2026), 6_000.0);
        assert_eq!(at(1, 200_000.0, 2026), 3_000.0);
        assert_eq!(at(2, 400_000.0, 2026), 0.0);
        assert_eq!(at(2, 100_000.0, 2028), 12_000.0);
        assert_eq!(at(2, 100_000.0, 2029), 0.0);
        assert_eq!(at(0, 100_000.0, 2026), 0.0);
    }

    #[test]
    fn unindexed_amounts_shrink_with_inflation() {
        let law = law(2026).expect("2026");
        let tax = |price_level: f64| {
            law.tax(&TaxInput {
                filing: Filing::Single,
                year: 2026,
                filers_65: 1,
                social_security_usd: 24_000.0,
                ordinary_usd: 30_000.0,
                retirement_usd: 30_000.0,
                gains_usd: 0.0,
                early_usd: 0.0,
                price_level,
                state: StateTax::default(),
            })
        };
        // Prices doubled: the $25,000 threshold is $12,500 of today's, so
        // 85% of the benefit is taxable; the senior deduction is $3,000 of
        // today's, less 6% of AGI ($50,400) above $37,500.
        let later = tax(2.0);
        assert_eq!(later.taxable_social_security_usd, 20_400.0);
        assert!((later.senior_deduction_usd - (3_000.0 - 0.06 * 12_900.0)).abs() < 1e-9);
        assert!(later.federal_tax_usd > tax(1.0).federal_tax_usd);
    }

    #[test]
    fn gains_are_stacked_on_ordinary_income_and_taxed_at_their_rates() {
        let law = law(2026).expect("2026");
        let with = |ordinary: f64, gains: f64| {
            law.tax(&TaxInput {
                filing: Filing::Single,
                year: 2026,
                filers_65: 0,
                social_security_usd: 0.0,
                ordinary_usd: ordinary,
                retirement_usd: ordinary,
                gains_usd: gains,
                early_usd: 0.0,
                price_level: 1.0,
                state: StateTax::default(),
            })
        };
        // Taxable income $40,000 of which $20,000 gains: all under $49,450.
        let low = with(36_100.0, 20_000.0);
        assert_eq!(low.taxable_gains_usd, 20_000.0);
        assert_eq!(low.gains_tax_usd, 0.0);
        // Ordinary taxable $40,000, gains $20,000: $9,450 at 0%, the rest 15%.
        let mid = with(56_100.0, 20_000.0);
        assert!((mid.gains_tax_usd - 0.15 * (20_000.0 - 9_450.0)).abs() < 1e-6);
        // Far above $545,500: 20%.
        let high = with(1_016_100.0, 100_000.0);
        assert!((high.gains_tax_usd - 20_000.0).abs() < 1e-6);
        // Early withdrawals pay 10% more.
        let early = law.tax(&TaxInput {
            early_usd: 10_000.0,
            ..TaxInput {
                filing: Filing::Single,
                year: 2026,
                filers_65: 0,
                social_security_usd: 0.0,
                ordinary_usd: 10_000.0,
                retirement_usd: 10_000.0,
                gains_usd: 0.0,
                early_usd: 0.0,
                price_level: 1.0,
                state: StateTax::default(),
            }
        });
        assert_eq!(early.early_withdrawal_tax_usd, 1_000.0);
        assert_eq!(early.federal_tax_usd, 1_000.0);
    }

    #[test]
    fn a_flat_state_tax_follows_its_two_switches() {
        let law = law(2026).expect("2026");
        let state = |taxes_social_security: bool, exempts_retirement_income: bool| {
            law.tax(&TaxInput {
                filing: Filing::Joint,
                year: 2026,
                filers_65: 2,
                social_security_usd: 40_000.0,
                ordinary_usd: 60_000.0,
                retirement_usd: 60_000.0,
                gains_usd: 0.0,
                early_usd: 0.0,
                price_level: 1.0,
                state: StateTax {
                    rate: 0.05,
                    taxes_social_security,
                    exempts_retirement_income,
                },
            })
            .state_tax_usd
        };
        // AGI $94,000 less the taxable SS $34,000 less $35,500: 5% of $24,500.
        assert!((state(false, false) - 1_225.0).abs() < 1e-9);
        assert!((state(true, false) - 0.05 * (94_000.0 - 35_500.0)).abs() < 1e-9);
        assert_eq!(state(false, true), 0.0);
    }
}

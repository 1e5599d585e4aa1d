//! One plan's schedule: everything about its years that does not depend on
//! the market, worked out once per run (the mix, the contribution, the
//! income from outside the portfolio and fees of each year, the sleeve's
//! target, the rule).

use super::lives::{AloneYear, Death, Lives, Survivor};
use super::taxed::{Outside, Shortcut, TaxPlan, TaxYearPlan};
use crate::plan::ValidPlan;
use crate::plan::glide_path::Mix;
use crate::plan::income::{IncomeStream, YearIncome};
use crate::plan::private::PrivateView;
use crate::plan::sleeve::Rebalance;
use crate::plan::stress::Stress;
use crate::plan::taxes::{FilingChoice, Order, Taxes};
use crate::plan::withdrawal::Withdrawal;
use crate::tax::{self, Filing, StateTax};

/// What happens in one year of every path of one plan.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Year {
    pub age: u32,
    pub mix: Mix,
    pub retired: bool,
    pub contribution_usd: f64,
    /// Income from outside the portfolio (under a history, without the
    /// streams fixed in dollars: they depend on each path's inflation).
    pub income: YearIncome,
    pub core_fee: f64,
    pub sleeve_fee: f64,
    /// The sleeve's target weight (0 without a sleeve).
    pub sleeve_weight: f64,
    /// The private sleeve's target weight (0 without one).
    pub private_weight: f64,
    /// A stress test's event in this year, if any.
    pub stress: Option<YearStress>,
    /// The year's taxes, when the plan has them.
    pub tax: Option<TaxYearPlan>,
    /// Under Monte Carlo, a fixed need after tax met from traditional money
    /// is one withdrawal on every path: found once per run.
    pub shortcut: Option<Shortcut>,
}

/// What a stress test does to one year on every path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum YearStress {
    /// The sleeve is held at its target and returns −100%.
    CryptoToZero,
    /// Stocks −40%, crypto −75%; bonds and cash keep their draws.
    Crash,
    /// The private holding's true and reported values −30%.
    PrivateMarkdown,
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
    /// Income at the plan-to age, for a plan that never retires within
    /// its horizon.
    pub income_at_end: YearIncome,
    /// Under a history: the streams fixed in dollars, whose real value
    /// falls with each path's own inflation.
    pub nominal: Vec<NominalStream>,
    pub has_sleeve: bool,
    /// The private sleeve, when the plan holds one at any age (a sleeve
    /// of weight 0 throughout is none: the same bits as no field).
    pub private: Option<PrivateSchedule>,
    /// The plan-to age: a rule's "years left" is counted to it.
    pub plan_to_age: u32,
    /// The income the household must never fall below, to measure.
    pub essential_usd: Option<f64>,
    /// The plan's taxes, when it has them.
    pub tax: Option<TaxPlan>,
    /// With taxes: the three kinds of money today.
    pub pots: super::taxed::Pots,
    /// Lifespans other than the plan-to age, or a survivor's story.
    pub lives: Option<Lives>,
}

/// What the year loop needs of a private sleeve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PrivateSchedule {
    /// The view the plan runs (real, its overrides in).
    pub view: PrivateView,
    /// What the plan's own fee leaves of the holding each year.
    pub kept: f64,
}

/// A stream fixed in dollars under a history: worth `annual_usd` in the
/// year `base_t` (its start, or today if it started before), then less by
/// each year's inflation of the path, in the years `paid` says.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct NominalStream {
    pub annual_usd: f64,
    pub base_t: usize,
    /// For each year, whether it is paid (a retirement year it runs in).
    pub paid: Vec<bool>,
    /// Whether it is taxable income.
    pub taxable: bool,
    /// The share paid once the saver has died.
    pub survivor_share: f64,
}

/// The real value of `stream` in the year the saver is `age_years` (today
/// `age_today`), with fixed-dollar streams falling at `inflation` a year
/// from their start (or today, if they started before).
fn stream_usd(stream: &IncomeStream, age_today: u32, age_years: u32, inflation: f64) -> f64 {
    if !stream.pays_at(age_years) {
        return 0.0;
    }
    if stream.inflation_adjusted {
        return stream.annual;
    }
    let since = age_years - stream.from_age.max(age_today).min(age_years);
    stream.annual / (1.0 + inflation).powi(since as i32)
}

/// Income from outside the portfolio in the year the saver is `age_years`;
/// fixed-dollar streams at the plan's inflation unless `skip_nominal`.
pub(super) fn income_at(plan: &ValidPlan, age_years: u32, skip_nominal: bool) -> YearIncome {
    let r = &plan.retirement;
    let (social_security_usd, spouse_usd) = r.social_security_usd(plan.saver.age, age_years);
    streams_at(
        plan,
        age_years,
        skip_nominal,
        false,
        YearIncome {
            social_security_usd,
            spouse_usd,
            ..YearIncome::default()
        },
    )
}

/// Income from outside the portfolio in the year the saver is `age_years`
/// as the plan's survivor's story has it: the couple's until the year of
/// the story's death, the survivor's after it (with the widow(er)'s
/// benefit where it is larger than their own). Without a story (or
/// under table lifespans, whose deaths differ by path): the couple's.
pub(super) fn story_income_at(plan: &ValidPlan, age_years: u32) -> YearIncome {
    let r = &plan.retirement;
    let (Some(story), Some(spouse)) = (r.survivor, &r.spouse) else {
        return income_at(plan, age_years, false);
    };
    let offset = i64::from(spouse.age) - i64::from(plan.saver.age);
    let (survivor, died_at_saver_age, record, own_death_age) =
        match (story.saver_dies_at, story.spouse_dies_at) {
            (Some(at), _) => (
                Survivor::Spouse,
                i64::from(at),
                r.social_security
                    .as_ref()
                    .and_then(|ss| ss.benefit())
                    .copied(),
                at,
            ),
            (None, Some(at)) => (
                Survivor::Saver,
                i64::from(at) - offset,
                Some(spouse.benefit()),
                at,
            ),
            (None, None) => return income_at(plan, age_years, false),
        };
    if i64::from(age_years) <= died_at_saver_age {
        return income_at(plan, age_years, false);
    }
    let (income, widow_paid) = alone_income_at(plan, age_years, survivor, false);
    let alone = AloneYear {
        shortcuts: Vec::new(),
        income,
        widow_paid,
        tax: None,
        contributes: false,
        need_share: r.survivor_need,
    };
    alone.income_with(survivor, record.map_or(0.0, |b| b.widow_usd(own_death_age)))
}

/// What a survivor has from outside the portfolio in the year the saver
/// is (or would be) `age_years`, without a widow(er)'s benefit: their own
/// Social Security without the spousal top-up, and the streams (the
/// saver's at their survivor share once the saver has died); and whether
/// they are at or past full retirement age.
fn alone_income_at(
    plan: &ValidPlan,
    age_years: u32,
    survivor: Survivor,
    skip_nominal: bool,
) -> (YearIncome, bool) {
    let r = &plan.retirement;
    let years = age_years - plan.saver.age;
    let mut income = YearIncome::default();
    let widow_paid = match (survivor, &r.spouse) {
        (Survivor::Saver, _) => {
            income.social_security_usd = r
                .social_security
                .as_ref()
                .map_or(0.0, |ss| ss.own_usd(age_years));
            let fra = r
                .social_security
                .as_ref()
                .and_then(|ss| ss.benefit())
                .map_or(67, |b| b.full_retirement_age);
            age_years >= fra
        }
        (Survivor::Spouse, Some(spouse)) => {
            let spouse_age = spouse.age + years;
            if spouse_age >= spouse.claim_age {
                income.spouse_usd = spouse.benefit().annual_usd();
            }
            spouse_age >= spouse.full_retirement_age
        }
        (Survivor::Spouse, None) => false,
    };
    let income = streams_at(
        plan,
        age_years,
        skip_nominal,
        survivor == Survivor::Spouse,
        income,
    );
    (income, widow_paid)
}

/// `income` with the plan's streams of the year the saver is `age_years`
/// added (incomes at their survivor share when `widowed`: the saver has
/// died; expenses in full).
fn streams_at(
    plan: &ValidPlan,
    age_years: u32,
    skip_nominal: bool,
    widowed: bool,
    mut income: YearIncome,
) -> YearIncome {
    let age_today = plan.saver.age;
    for stream in &plan.retirement.income {
        if skip_nominal && !stream.inflation_adjusted {
            continue;
        }
        let mut usd = stream_usd(stream, age_today, age_years, plan.assumptions.inflation);
        if widowed && usd > 0.0 {
            usd *= stream.survivor_share;
        }
        if usd >= 0.0 {
            income.other_usd += usd;
            if !stream.taxable {
                income.untaxed_usd += usd;
            }
        } else {
            income.expenses_usd -= usd;
        }
    }
    income
}

impl Schedule {
    pub fn new(plan: &ValidPlan) -> Self {
        let saver = &plan.saver;
        let under_history = plan.simulation.returns.history_mode().is_some();
        let schedule = plan.contribution_schedule();
        let tax = tax_plan(plan);
        let savings_usd = plan.contributions.taxable_savings;
        let years =
            plan.target_weights()
                .iter()
                .map(|target| {
                    let age = target.age;
                    let retired = age >= saver.retirement_age;
                    let contribution = schedule
                        .get((age - saver.age) as usize)
                        .filter(|_| !retired)
                        .map(|(_, c)| c);
                    // Without taxes the taxable savings go into the one pot too.
                    let saved_usd = if contribution.is_some() {
                        savings_usd
                    } else {
                        0.0
                    };
                    let contribution_usd = contribution.map_or(0.0, |c| c.total_usd()) + saved_usd;
                    Year {
                        age,
                        mix: target.mix,
                        retired,
                        contribution_usd,
                        income: income_at(plan, age, under_history),
                        core_fee: plan.fees.core_rate(&target.mix),
                        sleeve_fee: plan.fees.sleeve_rate(),
                        sleeve_weight: target.sleeve,
                        private_weight: target.private,
                        stress: None,
                        shortcut: None,
                        tax: plan.taxes.as_ref().zip(tax.as_ref()).map(|t| {
                            tax_year(plan, t, age, retired, contribution, saved_usd, None)
                        }),
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
            Some(Stress::PrivateMarkdown) => {
                let before = (saver.retirement_age - saver.age) as usize;
                if let Some(year) = before.checked_sub(1).and_then(|t| years.get_mut(t)) {
                    year.stress = Some(YearStress::PrivateMarkdown);
                }
            }
            None => {}
        }
        let sleeve = plan.allocation.sleeve.as_ref();
        let nominal = if under_history {
            nominal_streams(plan, &years)
        } else {
            Vec::new()
        };
        let taxable = saver.taxable.unwrap_or_default();
        let pots = super::taxed::Pots {
            traditional_usd: saver.balance,
            roth_usd: saver.roth_balance,
            // A Roth balance today is taken to be what went in (read in
            // docs/taxes.md): its earnings are untaxed after 59½ anyway.
            roth_basis_usd: saver.roth_balance,
            taxable_usd: taxable.balance,
            taxable_basis_usd: taxable.basis,
        };
        let need = shortcut_need(plan, tax.as_ref(), under_history);
        for year in &mut years {
            if let (Some(need), Some(t), Some(tax_year), true) =
                (need, tax.as_ref(), year.tax.as_ref(), year.retired)
            {
                let outside = Outside::of(&year.income, year.income.untaxed_usd);
                year.shortcut = Shortcut::new(t, tax_year, outside, need);
            }
        }
        let lives = lives_of(plan, &years, tax.as_ref(), need);
        let private = plan
            .allocation
            .private
            .as_ref()
            .filter(|_| years.iter().any(|y| y.private_weight > 0.0))
            .map(|p| PrivateSchedule {
                view: p.resolved(plan.assumptions.inflation),
                kept: 1.0 - plan.fees.plan,
            });
        Schedule {
            private,
            lives,
            years,
            rebalance: sleeve.map_or(Rebalance::Annual, |s| s.rebalance),
            withdrawal: plan.retirement.withdrawal,
            // One pot without taxes: the three balances summed.
            balance_usd: saver.balance + saver.roth_balance + taxable.balance,
            retirement_index: (saver.retirement_age - saver.age) as usize,
            income_at_end: income_at(plan, saver.plan_to_age, false),
            nominal,
            has_sleeve: sleeve.is_some(),
            plan_to_age: saver.plan_to_age,
            essential_usd: plan.retirement.essential,
            tax,
            pots,
        }
    }

    /// Whether income from outside the portfolio differs from path to
    /// path (fixed-dollar streams under a history).
    pub fn has_nominal(&self) -> bool {
        !self.nominal.is_empty()
    }

    /// Years simulated, `T`.
    pub fn horizon(&self) -> usize {
        self.years.len()
    }
}

/// The fixed need after tax whose withdrawal is found once per year for
/// every path, under Monte Carlo.
fn shortcut_need(plan: &ValidPlan, tax: Option<&TaxPlan>, under_history: bool) -> Option<f64> {
    match (plan.retirement.withdrawal, tax) {
        (Withdrawal::FixedReal(need), Some(t))
            if !under_history && t.spending == crate::plan::taxes::Spending::AfterTax =>
        {
            Some(need)
        }
        _ => None,
    }
}

/// The plan's lifespans, when they are not everyone to the plan-to age:
/// each person's death (a story's age, the table's draw, or none), and
/// with a spouse each survivor's year.
fn lives_of(
    plan: &ValidPlan,
    years: &[Year],
    tax: Option<&TaxPlan>,
    shortcut_need: Option<f64>,
) -> Option<Lives> {
    let under_history = plan.simulation.returns.history_mode().is_some();
    let r = &plan.retirement;
    let story = r.survivor.unwrap_or_default();
    let table = plan.simulation.lifespan.is_table();
    if !table && r.survivor.is_none() {
        return None;
    }
    let death =
        |story_age: Option<u32>, sex: Option<crate::life::Sex>, age: u32| match (story_age, sex) {
            (Some(at), _) => Death::At(at),
            (None, Some(sex)) if table => Death::Drawn {
                age,
                alive: crate::life::ssa_period().alive_from(sex, age),
            },
            _ => Death::Never,
        };
    let saver = death(story.saver_dies_at, plan.saver.sex, plan.saver.age);
    let spouse = r.spouse.as_ref().map(|s| {
        (
            death(story.spouse_dies_at, s.sex, s.age),
            i64::from(s.age) - i64::from(plan.saver.age),
        )
    });
    let schedule = plan.contribution_schedule();
    let records = [
        r.spouse.as_ref().map(|s| s.benefit()),
        r.social_security
            .as_ref()
            .and_then(|ss| ss.benefit())
            .copied(),
    ];
    // Every widow(er)'s benefit a path can have: the deceased's record at
    // each age they may die at (a handful of distinct amounts).
    let widow_amounts = |survivor: Survivor| -> Vec<f64> {
        let (record, from) = match survivor {
            Survivor::Saver => (records[0], r.spouse.as_ref().map_or(0, |s| s.age)),
            Survivor::Spouse => (records[1], plan.saver.age),
        };
        let mut amounts: Vec<f64> = Vec::new();
        for age in from..=crate::life::table::LAST_AGE.max(from) {
            let usd = record.map_or(0.0, |b| b.widow_usd(age));
            if !amounts.iter().any(|a| a.to_bits() == usd.to_bits()) {
                amounts.push(usd);
            }
        }
        amounts
    };
    let amounts = [
        widow_amounts(Survivor::Saver),
        widow_amounts(Survivor::Spouse),
    ];
    let alone = if r.spouse.is_some() {
        years
            .iter()
            .map(|year| {
                [Survivor::Saver, Survivor::Spouse].map(|survivor| {
                    let (income, widow_paid) =
                        alone_income_at(plan, year.age, survivor, under_history);
                    // The saver's wages end with them.
                    let contributes = survivor == Survivor::Saver && !year.retired;
                    let contribution = schedule
                        .get((year.age - plan.saver.age) as usize)
                        .filter(|_| contributes)
                        .map(|(_, c)| c);
                    let saved_usd = if contribution.is_some() {
                        plan.contributions.taxable_savings
                    } else {
                        0.0
                    };
                    let mut alone = AloneYear {
                        shortcuts: Vec::new(),
                        income,
                        widow_paid,
                        tax: plan.taxes.as_ref().zip(tax).map(|t| {
                            tax_year(
                                plan,
                                t,
                                year.age,
                                year.retired,
                                contribution,
                                saved_usd,
                                Some(survivor),
                            )
                        }),
                        contributes,
                        need_share: r.survivor_need,
                    };
                    if let (Some(need), Some(t), Some(tax_year), true) =
                        (shortcut_need, tax, alone.tax.as_ref(), year.retired)
                    {
                        let which = usize::from(survivor == Survivor::Spouse);
                        alone.shortcuts = amounts[which]
                            .iter()
                            .map(|w| {
                                let income = alone.income_with(survivor, *w);
                                let outside = Outside::of(&income, income.untaxed_usd);
                                let need = need * r.survivor_need;
                                (w.to_bits(), Shortcut::new(t, tax_year, outside, need))
                            })
                            .collect();
                    }
                    alone
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(Lives {
        saver,
        spouse,
        need_share: r.survivor_need,
        alone,
        records,
        plan_to_age: plan.saver.plan_to_age,
    })
}

/// The fixed-dollar streams of a plan replayed on a history.
fn nominal_streams(plan: &ValidPlan, years: &[Year]) -> Vec<NominalStream> {
    let age_today = plan.saver.age;
    plan.retirement
        .income
        .iter()
        .filter(|s| !s.inflation_adjusted && s.annual != 0.0)
        .map(|s| NominalStream {
            annual_usd: s.annual,
            base_t: (s.from_age.max(age_today) - age_today) as usize,
            paid: years
                .iter()
                .map(|y| y.retired && s.pays_at(y.age))
                .collect(),
            taxable: s.taxable,
            survivor_share: s.survivor_share,
        })
        .collect()
}

/// The plan's taxes for a run, when it has them (and its law ships, which
/// validation holds).
fn tax_plan(plan: &ValidPlan) -> Option<TaxPlan> {
    let t = plan.taxes.as_ref()?;
    let law = tax::law(t.law)?;
    Some(TaxPlan {
        law,
        spending: t.spending,
        order: t.order,
        state: StateTax {
            rate: t.state.rate,
            taxes_social_security: t.state.taxes_social_security,
            exempts_retirement_income: t.state.exempts_retirement_income,
        },
        drag: t.taxable_drag,
    })
}

/// One year of the plan's taxes at `age`: filing, ages, RMDs, the early
/// withdrawal rules, the brackets to fill, the price level, and where the
/// year's contributions go.
fn tax_year(
    plan: &ValidPlan,
    (t, tax): (&Taxes, &TaxPlan),
    age: u32,
    retired: bool,
    contribution: Option<&crate::plan::contributions::YearContribution>,
    saved_usd: f64,
    alone: Option<Survivor>,
) -> TaxYearPlan {
    let saver = &plan.saver;
    let years = age - saver.age;
    let spouse_age = plan.retirement.spouse.as_ref().map(|s| s.age + years);
    let filing = match (t.filing, spouse_age, alone) {
        // A survivor files single from the year after the death.
        (_, _, Some(_)) => Filing::Single,
        (FilingChoice::Single, _, _) | (FilingChoice::Auto, None, _) => Filing::Single,
        (FilingChoice::Joint, _, _) | (FilingChoice::Auto, Some(_), _) => Filing::Joint,
    };
    let (filers_65, rmd_divisor) = match (alone, spouse_age) {
        // The spouse inherits the account as their own: their age sets the
        // deductions and the RMDs (from their own start age).
        (Some(Survivor::Spouse), Some(spouse_age)) => {
            let spouse_today = spouse_age - years;
            let born = plan
                .birth_year()
                .map(|b| b + saver.age as i32 - spouse_today as i32);
            (
                u32::from(spouse_age >= 65),
                born.is_some_and(|born| spouse_age >= tax::rmd_start_age(born))
                    .then(|| tax::rmd_divisor(spouse_age))
                    .flatten(),
            )
        }
        _ => (
            u32::from(age >= 65)
                + u32::from(filing == Filing::Joint && spouse_age.is_some_and(|a| a >= 65)),
            plan.birth_year()
                .is_some_and(|born| age >= tax::rmd_start_age(born))
                .then(|| tax::rmd_divisor(age))
                .flatten(),
        ),
    };
    // A beneficiary's withdrawals pay no 10% additional tax.
    let heir = alone == Some(Survivor::Spouse);
    let top = |rate: f64| tax.law.bracket_top_usd(filing, rate);
    let convert_to_usd = t
        .conversions
        .filter(|c| retired && (c.from_age..=c.until_age).contains(&age))
        .and_then(|c| top(c.fill_to_rate));
    let fill_to_usd = match t.order {
        Order::FillBracket(f) => top(f.top_rate),
        _ => None,
    };
    // Where the year's deferrals go: the Roth share, and catch-ups Roth
    // whatever it says once last year's wages passed the threshold.
    let (mut to_traditional_usd, mut to_roth_usd) = (0.0, 0.0);
    if let Some(c) = contribution {
        let limits = plan.irs_limits();
        let catch_up = (c.deferral_usd - limits.elective_deferral_usd).max(0.0);
        let last_year_wages = c.salary_usd / (1.0 + saver.salary_growth);
        let roth_catch_up = last_year_wages > tax.law.roth_catch_up_wages_usd;
        let share = plan.contributions.roth_share;
        let roth_deferral = share * (c.deferral_usd - catch_up)
            + if roth_catch_up {
                catch_up
            } else {
                share * catch_up
            };
        to_roth_usd += roth_deferral;
        to_traditional_usd += c.deferral_usd - roth_deferral;
        if plan.contributions.employer_roth {
            to_roth_usd += c.employer_usd;
        } else {
            to_traditional_usd += c.employer_usd;
        }
    }
    TaxYearPlan {
        filing,
        calendar: t.first_year as i32 + years as i32,
        filers_65,
        rmd_divisor,
        early: !heir && retired && age < 60 && saver.retirement_age < 55,
        roth_early: !heir && age < 60,
        convert_to_usd,
        fill_to_usd,
        price_level: (1.0 + plan.assumptions.inflation).powi(years as i32),
        to_traditional_usd,
        to_roth_usd,
        to_taxable_usd: saved_usd,
    }
}

/// The saver's pay this year after the deferrals and the income tax on
/// what is left of the wages (federal and state; payroll tax is left out:
/// it is the same whichever way the deferrals go), for a plan with taxes
/// whose saver works this year. A traditional deferral lowers the taxable
/// wages; a Roth deferral does not, and employer Roth money adds to them.
/// A spouse's own wages are not modelled.
pub fn take_home_now_usd(plan: &ValidPlan) -> Option<f64> {
    let t = plan.taxes.as_ref()?;
    let tax = tax_plan(plan)?;
    let schedule = plan.contribution_schedule();
    let (age, c) = schedule.first()?;
    if *age != plan.saver.age {
        return None;
    }
    let year = tax_year(plan, (t, &tax), *age, false, Some(c), 0.0, None);
    let (employer_traditional, employer_roth) = if plan.contributions.employer_roth {
        (0.0, c.employer_usd)
    } else {
        (c.employer_usd, 0.0)
    };
    let employee_traditional = year.to_traditional_usd - employer_traditional;
    let wages = c.salary_usd - employee_traditional + employer_roth;
    let owed = tax.law.tax(&tax::TaxInput {
        filing: year.filing,
        year: year.calendar,
        filers_65: year.filers_65,
        social_security_usd: 0.0,
        ordinary_usd: wages,
        retirement_usd: 0.0,
        gains_usd: 0.0,
        early_usd: 0.0,
        price_level: 1.0,
        state: tax.state,
    });
    Some(c.salary_usd - c.deferral_usd - owed.total_tax_usd)
}

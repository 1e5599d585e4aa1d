//! From a set's results to what a user is shown: each scenario's
//! [`Outcome`] from its members (the plan, the plan without its sleeve,
//! the plan unstressed), its income by age, what a stress costs; and the
//! check that no figure overflowed, so an infinity is an error, never a
//! number.

use super::error::SimulationError;
use super::schedule;
use super::set::MemberResult;
use crate::outcome::percentiles::Percentiles;
use crate::outcome::{
    DeathAges, FORMAT, IncomeAfterTax, IncomeByAge, LifespanOutcome, MemberSummary, Mode,
    MoneyByKind, Outcome, PortfolioOutcome, PrivateOutcome, SUCCESS_TO_PLAN_AGE,
    SUCCESS_WHILE_ALIVE, StressEffect, TaxOutcome,
};
use crate::plan::ValidPlan;
use crate::plan::stress::Stress;
use crate::plan::taxes::Spending;

/// The income of each retirement year: its bands (empty without them) and
/// the sources besides the portfolio, from the plan.
pub(super) fn income_by_age(
    plan: &ValidPlan,
    bands: Option<Percentiles<Vec<f64>>>,
) -> Result<IncomeByAge, SimulationError> {
    let ages: Vec<u32> = (plan.saver.retirement_age..plan.saver.plan_to_age).collect();
    let bands = bands.unwrap_or_else(|| Percentiles::from_array(Default::default()));
    let finite = |v: &Vec<f64>| v.iter().all(|x| x.is_finite() || x.is_nan());
    if !bands.as_array().iter().all(|v| finite(v)) {
        return Err(SimulationError::NotFinite("the income by age"));
    }
    let sources: Vec<_> = ages
        .iter()
        .map(|&age| schedule::story_income_at(plan, age))
        .collect();
    Ok(IncomeByAge {
        social_security: sources.iter().map(|i| i.social_security_usd).collect(),
        spouse: sources.iter().map(|i| i.spouse_usd).collect(),
        other: sources.iter().map(|i| i.other_usd).collect(),
        expenses: sources.iter().map(|i| i.expenses_usd).collect(),
        ages,
        bands,
    })
}

/// What a stress costs: stressed minus unstressed, on the same draws.
pub(super) fn stress_effect(
    stress: Stress,
    stressed: &MemberSummary,
    calm: &MemberSummary,
) -> Result<StressEffect, SimulationError> {
    check_finite(calm)?;
    let (Some(s), Some(c)) = (&stressed.retirement, &calm.retirement) else {
        return Err(SimulationError::NotFinite("the figures at retirement"));
    };
    Ok(StressEffect {
        name: stress.to_string(),
        success_change: stressed.success_probability - calm.success_probability,
        retirement_balance_p10_change: s.balance.p10 - c.balance.p10,
        retirement_balance_p50_change: s.balance.p50 - c.balance.p50,
        income_p50_change: s.annual_income.p50 - c.annual_income.p50,
    })
}

/// A scenario's outcome from its members' results.
pub(super) fn outcome_of(
    plan: &ValidPlan,
    mode: Mode,
    main: MemberResult,
    without: Option<MemberResult>,
    without_private: Option<MemberResult>,
) -> Result<Outcome, SimulationError> {
    let private_figures = main.private.clone();
    let sleeve_worst_year = main.summary.sleeve_worst_year;
    check_finite(&main.summary)?;
    let income = income_by_age(plan, main.summary.income.clone())?;
    let (income_after_tax, taxes) = taxes_of(plan, &income.ages, &main)?;
    let essential_met_probability = main.summary.essential_met_probability;
    let lifespans = main.summary.lifespans.clone().map(|l| lifespan_of(plan, l));
    let portfolio = portfolio_of(main.summary)?;
    let comparison = |member: Option<MemberResult>| match member {
        Some(w) => {
            check_finite(&w.summary)?;
            portfolio_of(w.summary).map(Some)
        }
        None => Ok(None),
    };
    let without_sleeve = comparison(without)?;
    let without_private = comparison(without_private)?;
    let private = match (&plan.allocation.private, private_figures, &without_private) {
        (Some(sleeve), Some(figures), Some(without)) => {
            let view = sleeve.resolved(plan.assumptions.inflation);
            if !figures.fees_usd.as_array().iter().all(|v| v.is_finite()) {
                return Err(SimulationError::NotFinite("the private sleeve's fees"));
            }
            Some(PrivateOutcome {
                kind: sleeve.kind.id(),
                weight: sleeve.weight,
                weight_at_retirement: sleeve.weight_at_retirement,
                reported_volatility_ratio: view.reported_volatility_ratio(),
                view,
                fees_usd: figures.fees_usd,
                largest_overshoot: figures.overshoot,
                success_probability_change: portfolio.success_probability
                    - without.success_probability,
                retirement_balance_p50_change_usd: portfolio.retirement.balance.p50
                    - without.retirement.balance.p50,
                retirement_balance_p10_change_usd: portfolio.retirement.balance.p10
                    - without.retirement.balance.p10,
            })
        }
        _ => None,
    };
    let (start_years, failed_start_years, ran_out_at_ages) = match main.start_years {
        Some((starts, failed)) => {
            let (years, ages) = failed.into_iter().unzip();
            (Some(starts), Some(years), Some(ages))
        }
        None => (None, None, None),
    };
    Ok(Outcome {
        format: FORMAT.to_owned(),
        plan: plan.name.clone(),
        mode,
        paths: main.paths as u32,
        seed: plan.simulation.seed,
        ages: main.ages,
        portfolio,
        without_sleeve,
        sleeve_worst_year,
        without_private,
        private,
        inflation: plan.assumptions.inflation,
        start_years,
        failed_start_years,
        ran_out_at_ages,
        essential_met_probability,
        essential_usd: plan.retirement.essential,
        income,
        income_after_tax,
        taxes,
        stress: None,
        sleeve_break_even: None,
        lifespans,
    })
}

/// A plan's lifespans as the outcome reports them.
fn lifespan_of(plan: &ValidPlan, summary: crate::outcome::LifespanSummary) -> LifespanOutcome {
    let table = plan.simulation.lifespan.is_table();
    let [saver, spouse] = summary.death_age;
    LifespanOutcome {
        lifespan: if table { "table" } else { "plan-to-age" },
        table: table.then_some(crate::life::outlook::TABLE_NAME),
        success_means: if table {
            SUCCESS_WHILE_ALIVE
        } else {
            SUCCESS_TO_PLAN_AGE
        },
        outliving_probability: summary.outliving_probability,
        death_age: DeathAges { saver, spouse },
        left_at_death: summary.left_at_death,
        survivor_probability: summary.alone_probability,
        alive: summary.alive,
        story: plan.retirement.survivor,
        alone_from: plan.retirement.survivor.and_then(|story| {
            let spouse = plan.retirement.spouse.as_ref()?;
            match (story.saver_dies_at, story.spouse_dies_at) {
                (Some(at), _) => Some(at + 1),
                (None, Some(at)) => (at + 1 + plan.saver.age).checked_sub(spouse.age),
                (None, None) => None,
            }
        }),
    }
}

/// With taxes: the income after tax and the tax figures of a plan's
/// result (by age only with bands).
fn taxes_of(
    plan: &ValidPlan,
    ages: &[u32],
    main: &MemberResult,
) -> Result<(Option<IncomeAfterTax>, Option<TaxOutcome>), SimulationError> {
    let (Some(taxes), Some(summary)) = (&plan.taxes, &main.summary.taxes) else {
        return Ok((None, None));
    };
    let Some(by_age) = &summary.by_age else {
        return Ok((None, None));
    };
    let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
    let spreads = [
        &by_age.federal,
        &by_age.state,
        &by_age.rmd,
        &by_age.conversion,
        &by_age.effective_rate,
    ];
    if !by_age.income_after_tax.as_array().iter().all(|v| finite(v))
        || !spreads
            .iter()
            .all(|s| finite(&s.p10) && finite(&s.p50) && finite(&s.p90))
        || !finite(&[
            summary.lifetime_tax.p10,
            summary.lifetime_tax.p50,
            summary.lifetime_tax.p90,
        ])
    {
        return Err(SimulationError::NotFinite("the taxes"));
    }
    let [traditional, roth, taxable] = summary.at_retirement.clone();
    Ok((
        Some(IncomeAfterTax {
            ages: ages.to_vec(),
            bands: by_age.income_after_tax.clone(),
        }),
        Some(TaxOutcome {
            law: taxes.law as i32,
            spending: match taxes.spending {
                Spending::AfterTax => "after-tax",
                Spending::BeforeTax => "before-tax",
            },
            ages: ages.to_vec(),
            federal_tax: by_age.federal.clone(),
            state_tax: by_age.state.clone(),
            rmd: by_age.rmd.clone(),
            conversion: by_age.conversion.clone(),
            effective_rate: by_age.effective_rate.clone(),
            marginal_rate_p50: main.marginal_rate_p50().unwrap_or_default(),
            lifetime_tax: summary.lifetime_tax.clone(),
            at_retirement: MoneyByKind {
                traditional,
                roth,
                taxable,
            },
        }),
    ))
}

fn portfolio_of(summary: MemberSummary) -> Result<PortfolioOutcome, SimulationError> {
    PortfolioOutcome::from_summary(summary).ok_or(SimulationError::NotFinite("a band"))
}

/// An error unless every figure asked for is a finite number: an overflow
/// is reported as such, never as `null` or `inf` in an output.
pub fn check_finite(summary: &MemberSummary) -> Result<(), SimulationError> {
    let all = |values: &[f64]| values.iter().all(|v| v.is_finite() || v.is_nan());
    let percentiles_finite = |p: &Percentiles<f64>| p.as_array().iter().all(|v| v.is_finite());
    if let Some(bands) = &summary.bands {
        // Levels not asked for are NaN; any infinity is an overflow.
        if !bands.as_array().iter().all(|series| all(series)) {
            return Err(SimulationError::NotFinite("the balance"));
        }
        if bands.p50.iter().any(|v| v.is_nan()) {
            return Err(SimulationError::NotFinite("the median balance"));
        }
    }
    if let Some(r) = &summary.retirement {
        if !percentiles_finite(&r.balance) {
            return Err(SimulationError::NotFinite("the balance at retirement"));
        }
        if !percentiles_finite(&r.annual_income) {
            return Err(SimulationError::NotFinite("the income at retirement"));
        }
    }
    if summary.sleeve_worst_year.is_some_and(|w| !w.is_finite()) {
        return Err(SimulationError::NotFinite("the sleeve's worst year"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::RetirementFigures;

    fn summary() -> MemberSummary {
        let p = Percentiles::from_array([1.0; 7]);
        MemberSummary {
            success_probability: 1.0,
            survival: vec![1.0],
            depletion_age_p10: None,
            retirement: Some(RetirementFigures {
                age: 65,
                balance: p.clone(),
                annual_income: p.clone(),
                annual_income_after_tax: None,
            }),
            bands: Some(Percentiles::from_array(std::array::from_fn(|_| vec![1.0]))),
            income: None,
            essential_met_probability: None,
            retirement_histogram: Vec::new(),
            sleeve_worst_year: Some(-0.5),
            taxes: None,
            lifespans: None,
        }
    }

    #[test]
    fn an_overflow_is_an_error_never_a_number() {
        assert!(check_finite(&summary()).is_ok());
        let mut overflow = summary();
        if let Some(bands) = overflow.bands.as_mut() {
            bands.p95[0] = f64::INFINITY;
        }
        assert!(matches!(
            check_finite(&overflow),
            Err(SimulationError::NotFinite(_))
        ));
        let mut overflow = summary();
        if let Some(r) = overflow.retirement.as_mut() {
            r.balance.p50 = f64::NAN;
        }
        let error = check_finite(&overflow).unwrap_err().to_string();
        assert!(error.contains("not a finite number"), "{error}");
    }
}

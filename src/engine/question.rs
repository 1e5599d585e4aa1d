//! Questions about one plan, as data: what a caller that asks many of them
//! (the app's engine thread, keeping the answers on screen) sends, and
//! what comes back. [`Runner::answer`] answers any [`Question`] with its
//! [`Found`], so a new kind of answer is one variant here, one engine
//! function and one match arm, and its caller's cache and store need no
//! change.

use super::error::SimulationError;
use super::explain::Explained;
use super::questions::{Answer, Beside, Field, SweepRow, SweepView};
use super::runner::Runner;
use super::tax_answers::{RothChanges, TaxAnswers};
use crate::outcome::BreakEven;
use crate::plan::ValidPlan;

/// A question about one plan, answered on the plan's own draws.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// The value of `field` that gives a chance of at least `target`.
    Solve {
        /// The field to solve for.
        field: Field,
        /// The chance to reach, in (0, 1).
        target: f64,
    },
    /// The figures at each value of a field, under each crypto view.
    Sweep(SweepAsk),
    /// The crypto returns at which the sleeve pays off.
    BreakEven,
    /// The plan under the other kind of returns (history beside Monte
    /// Carlo, Monte Carlo beside a history).
    Beside,
    /// The path at a percentile, year by year.
    Explain {
        /// 10 is the bad case, 50 the typical path.
        percentile: u32,
    },
    /// Roth or traditional, conversions by bracket, withdrawal orders.
    TaxAnswers,
    /// The plan as it is, all traditional and all Roth (the Roth card).
    RothChanges,
}

/// A sweep to make: a field, its values, the views to draw it under.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepAsk {
    /// The field.
    pub field: Field,
    /// Its values, in plan units.
    pub values: Vec<f64>,
    /// The crypto views, one row each.
    pub views: Vec<SweepView>,
}

impl SweepAsk {
    /// The sweep of `field` the app's Sleeve tab (and the client report)
    /// draws around `plan`: the field's sweep grid under its views.
    pub fn around(plan: &crate::plan::Plan, field: Field) -> Self {
        SweepAsk {
            field,
            values: field.sweep_grid(plan).values(),
            views: field.sweep_views(),
        }
    }
}

/// What a question found.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// A solve's answer.
    Solved(Answer),
    /// A sweep's rows (so far, while it is being made).
    Swept(Vec<SweepRow>),
    /// The sleeve's break-even returns (`None`: they do not apply).
    BreakEven(Option<BreakEven>),
    /// The plan under the other kind of returns (a whole outcome, boxed).
    Beside(Box<Beside>),
    /// One path year by year.
    Explained(Explained),
    /// The tax choices compared (boxed: thirteen plans' figures).
    TaxAnswers(Box<TaxAnswers>),
    /// What Roth deferrals change.
    RothChanges(Box<RothChanges>),
}

/// Which answers of a kind replace each other: one solve, one sweep per
/// field, one break-even, one beside, one path per percentile, one of each
/// tax answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Any solve.
    Solve,
    /// A sweep of this field.
    Sweep(Field),
    /// The break-even returns.
    BreakEven,
    /// The other kind of returns.
    Beside,
    /// The path at this percentile.
    Explain(u32),
    /// The tax choices.
    TaxAnswers,
    /// What Roth deferrals change.
    RothChanges,
}

impl Question {
    /// The slot its answer is kept in: a newer answer in the same slot
    /// replaces an older one.
    pub fn slot(&self) -> Slot {
        match self {
            Question::Solve { .. } => Slot::Solve,
            Question::Sweep(ask) => Slot::Sweep(ask.field),
            Question::BreakEven => Slot::BreakEven,
            Question::Beside => Slot::Beside,
            Question::Explain { percentile } => Slot::Explain(*percentile),
            Question::TaxAnswers => Slot::TaxAnswers,
            Question::RothChanges => Slot::RothChanges,
        }
    }

    /// Whether the answer is of the plan as it is written: a stress test
    /// does not change what the sleeve needs to pay off, nor the other
    /// kind of returns beside it.
    pub fn ignores_stress(&self) -> bool {
        matches!(self, Question::BreakEven | Question::Beside)
    }

    /// The plan the question is answered about, given the plan on screen.
    pub fn about(&self, plan: &ValidPlan) -> ValidPlan {
        if self.ignores_stress() {
            plan.unstressed()
        } else {
            plan.clone()
        }
    }
}

impl Runner<'_> {
    /// Answers `question` about `plan`. A sweep reports its rows so far
    /// to `partial` as each is made, so the first line can be drawn early.
    pub fn answer(
        &mut self,
        plan: &ValidPlan,
        question: &Question,
        partial: &mut dyn FnMut(&Found),
    ) -> Result<Found, SimulationError> {
        let plan = &question.about(plan);
        Ok(match question {
            Question::Solve { field, target } => Found::Solved(self.solve(plan, *field, *target)?),
            Question::Sweep(ask) => {
                let mut rows = Vec::new();
                let all = self.sweep(plan, ask.field, &ask.values, &ask.views, &mut |row| {
                    rows.push(row.clone());
                    partial(&Found::Swept(rows.clone()));
                })?;
                Found::Swept(all)
            }
            Question::BreakEven => Found::BreakEven(self.break_even(plan)?),
            Question::Beside => Found::Beside(Box::new(self.beside(plan)?)),
            Question::Explain { percentile } => Found::Explained(self.explain(plan, *percentile)?),
            Question::TaxAnswers => Found::TaxAnswers(Box::new(self.tax_answers(plan)?)),
            Question::RothChanges => Found::RothChanges(Box::new(self.roth_changes(plan)?)),
        })
    }
}

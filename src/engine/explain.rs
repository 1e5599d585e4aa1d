//! One path, year by year (MODEL-v2 §12, `simulate --explain`): the path at
//! a percentile of the outcomes, replayed with its returns, contributions,
//! withdrawals, income and what the rule did each year, so a user can see
//! why a typical or a bad future went as it did.

use super::batch::{BandLayout, SetRun};
pub use super::batch::{ExplainedYear, YearTrace};
use super::error::{QuestionError, SimulationError};
use super::runner::Runner;
use super::schedule::Schedule;
use super::source::Source;
use crate::outcome::{Levels, Record};
use crate::plan::ValidPlan;

/// The path explained and its years.
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    /// The percentile asked for (10 is the bad case, 50 the typical path).
    pub percentile: u32,
    /// Which path it is.
    pub path: usize,
    /// How the paths were ranked to find it.
    pub ranked_by: Ranking,
    /// Its years, the start age to the plan-to age − 1.
    pub years: Vec<ExplainedYear>,
}

/// How paths are ranked from worst to best to find the one at a percentile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ranking {
    /// By the age the money ran out (earliest first; never last), then by
    /// the final balance: what matters under an income need.
    RanOutThenLeft,
    /// By the balance at retirement: under a rule that adapts to the
    /// balance it sets every year's spending (and the money rarely runs
    /// out), as the cards' bad case does.
    BalanceAtRetirement,
}

impl Ranking {
    /// In words, for the table's note and the CSV's header.
    pub fn words(self) -> &'static str {
        match self {
            Ranking::RanOutThenLeft => {
                "paths ranked by when the money ran out, then by what was left"
            }
            Ranking::BalanceAtRetirement => {
                "paths ranked by the balance at retirement, which sets what the rule spends"
            }
        }
    }
}

impl Runner<'_> {
    /// The path at `percentile` (0–100) of `plan`'s outcomes: paths ranked
    /// from worst to best (by [`Ranking`]: under an income need by the age
    /// they ran out, earliest first and never last, then by their final
    /// balance; under a rule that adapts to the balance by the balance at
    /// retirement), ties by path index, and the one at position
    /// ⌊p/100 · (N − 1)⌋ replayed year by year.
    pub fn explain(
        &mut self,
        plan: &ValidPlan,
        percentile: u32,
    ) -> Result<Explained, SimulationError> {
        if percentile > 100 {
            return Err(QuestionError::Percentile(percentile).into());
        }
        let set = self.set(&[(plan, Record::Bands(Levels::MEDIAN_AND_BAD_CASE))])?;
        let member = set.members.first().ok_or(SimulationError::EmptySet)?;
        let (depleted_at, finals) = member
            .path_ends
            .as_ref()
            .ok_or(SimulationError::NotFinite("the paths' ends"))?;
        let (path, ranked_by) = match &member.at_retirement_usd {
            Some(at_retirement) => (
                rank(&vec![0; at_retirement.len()], at_retirement, percentile),
                Ranking::BalanceAtRetirement,
            ),
            None => (
                rank(depleted_at, finals, percentile),
                Ranking::RanOutThenLeft,
            ),
        };
        let schedules = [Schedule::new(plan)];
        let source = Source::new(&[plan], &schedules, self.history)?;
        let layout = BandLayout::new(&schedules, &[false]);
        let run = SetRun {
            schedules: &schedules,
            source: &source,
            keep_bands: false,
            layout: &layout,
            horizon: schedules[0].horizon(),
            lanes: 1,
        };
        Ok(Explained {
            percentile,
            path,
            ranked_by,
            years: run.explain_path(0, path),
        })
    }
}

impl ExplainedYear {
    /// What the rule did this year and what the taxes did, in words
    /// (`adjustment`: a guardrail's cut or raise); empty in a quiet year.
    pub fn action_words(&self, adjustment: f64) -> String {
        let Some(trace) = &self.trace else {
            return String::new();
        };
        if trace.gone {
            return "After the last death: nothing is spent".to_owned();
        }
        let alone = match trace.alone {
            Some(super::lives::Survivor::Spouse) => "Your spouse alone",
            Some(super::lives::Survivor::Saver) => "You alone",
            None => "",
        };
        let rule = trace
            .rule_move
            .map(|m| m.words(adjustment))
            .unwrap_or_default();
        let taxes = trace.taxed.map(|d| d.words(self.age)).unwrap_or_default();
        std::iter::once(alone.to_owned())
            .chain(std::iter::once(rule))
            .chain(taxes)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The path at `percentile`, by MODEL-v2 §12's order.
fn rank(depleted_at: &[u32], finals: &[f64], percentile: u32) -> usize {
    let n = depleted_at.len();
    let mut order: Vec<usize> = (0..n).collect();
    // Never ran out ranks after every age.
    let out_at = |k: usize| {
        if depleted_at[k] == 0 {
            u32::MAX
        } else {
            depleted_at[k]
        }
    };
    order.sort_by(|&a, &b| {
        out_at(a)
            .cmp(&out_at(b))
            .then(finals[a].total_cmp(&finals[b]))
            .then(a.cmp(&b))
    });
    let position = (u64::from(percentile) * (n.saturating_sub(1)) as u64 / 100) as usize;
    order.get(position).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_rank_by_when_they_ran_out_then_by_what_is_left() {
        // Path 2 ran out at 80, path 0 at 85; 1 and 3 never, 3 with less.
        let depleted = [85, 0, 80, 0];
        let finals = [0.0, 500.0, 0.0, 100.0];
        assert_eq!(rank(&depleted, &finals, 0), 2);
        assert_eq!(rank(&depleted, &finals, 34), 0);
        assert_eq!(rank(&depleted, &finals, 67), 3);
        assert_eq!(rank(&depleted, &finals, 100), 1);
    }
}

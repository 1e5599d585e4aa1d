//! Why the engine gave no outcome, or no answer: one error type for every
//! door of the [`Runner`](super::Runner), and the typed reasons a question
//! does not apply. Nothing here runs anything.

use crate::market::history::HistoryError;
use crate::plan::Problem;
use crate::plan::defaults::ViewError;

/// Why a run gave no outcome.
#[derive(Debug, thiserror::Error)]
pub enum SimulationError {
    /// The plan does not fit its return history (a block longer than it),
    /// or a what-if made it invalid.
    #[error("the plan is not valid: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    /// [`RunControl::cancel`](super::RunControl::cancel) was called.
    #[error("the run was cancelled")]
    Cancelled,
    /// The plan replays a history the caller did not read (its file).
    #[error("the plan replays a return history, which was not read: {0}")]
    HistoryNotRead(String),
    /// The history cannot serve the plan.
    #[error("{0}")]
    History(#[from] HistoryError),
    /// A set of no plans.
    #[error("there is no plan to run")]
    EmptySet,
    /// A question that does not apply to the plan.
    #[error("{0}")]
    NotApplicable(#[from] QuestionError),
    /// Some figure came out infinite or not a number: the assumptions are
    /// beyond what the arithmetic can carry. Never reported as a number.
    #[error(
        "the plan's assumptions make the balances overflow ({0} is not a finite number): lower the expected returns or volatilities"
    )]
    NotFinite(&'static str),
}

/// Why a question does not apply to a plan, or cannot be asked as put.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum QuestionError {
    /// Saving more changes little under a rate rule: the spending follows
    /// the balance.
    #[error(
        "{field} applies to a yearly income need: with a rate rule the chance hardly depends on how much is saved"
    )]
    NeedsAnIncomeNeed {
        /// The field's command-line name.
        field: &'static str,
    },
    /// A rule that adapts spending to the balance keeps the chance high
    /// whenever one retires: the age it gives would mislead.
    #[error(
        "{field} does not apply to a spending rule that adapts to the balance (guardrails, VPW, floor and ceiling, a percent of the balance): spending falls instead of the money running out, so the chance is high at any age; compare the income each age leaves with glidepath sweep"
    )]
    AdaptsToTheBalance {
        /// The field's command-line name.
        field: &'static str,
    },
    /// A percent of the balance never runs out.
    #[error(
        "spending does not apply to a percent of balance: it never runs out, so no amount changes the chance"
    )]
    PercentNeverRunsOut,
    /// VPW never runs out.
    #[error("spending does not apply to VPW: it spends what the balance allows and never runs out")]
    VpwNeverRunsOut,
    /// A field a sweep can vary but a solve cannot look for.
    #[error("{field} can be swept, not solved for: use glidepath sweep")]
    SweepOnly {
        /// The field's command-line name.
        field: &'static str,
    },
    /// A survivor's need without a spouse to survive.
    #[error(
        "{field} applies to a couple: add a spouse (retirement.spouse) to ask about a survivor"
    )]
    NeedsASpouse {
        /// The field's command-line name.
        field: &'static str,
    },
    /// A percentile outside 0–100.
    #[error("--explain takes a percentile from p0 to p100 (is p{0})")]
    Percentile(u32),
    /// A crypto view that is not shipped.
    #[error(transparent)]
    View(#[from] ViewError),
    /// A sweep's values that are not a range.
    #[error(transparent)]
    Values(#[from] SweepRangeError),
}

/// Why `FROM:TO:STEP` gives no sweep.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SweepRangeError {
    /// A value that is not a finite number.
    #[error("FROM, TO and STEP must be numbers")]
    NotNumbers,
    /// A step of zero or less.
    #[error("the step must be above 0 (is {0})")]
    Step(f64),
    /// The range runs backwards.
    #[error("FROM ({from}) must not be above TO ({to})")]
    Backwards {
        /// The first value.
        from: f64,
        /// The last value.
        to: f64,
    },
    /// More values than a sweep runs.
    #[error("{count} values: a sweep has at most {most}")]
    TooMany {
        /// How many the range has.
        count: f64,
        /// The most a sweep runs.
        most: usize,
    },
}

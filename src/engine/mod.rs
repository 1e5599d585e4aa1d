//! The engine: runs a set of validated plans through the year loop of the
//! model on the same market paths (common random numbers), in batches of
//! paths, in parallel, and summarises each as far as the caller asks.
//!
//! One door: a [`Runner`] (the history the caller read, a [`Workspace`] of
//! buffers kept between runs, a [`RunControl`] that reports progress and
//! cancels) answers every request: a plan, its scenarios side by side, a
//! comparison, any set, and the questions of [`questions`]. A single plan
//! with a sleeve is a set of two: the plan and the plan without its
//! sleeve, so the sleeve's effect is measured on the same draws. Scenarios,
//! goal seek and sweeps are sets too. The engine does no I/O.
//!
//! Inside, in the order a run takes: [`schedule`](self) works out each
//! plan's years, `source` where returns come from, `set` runs the batches
//! (`batch`: the year loop on 256 paths) and summarises each member, and
//! `outcomes` turns members into the outcomes a user is shown.

mod batch;
pub mod bracket_room;
mod control;
mod error;
pub mod explain;
mod floor;
mod lives;
mod outcomes;
mod question;
pub mod questions;
mod runner;
mod schedule;
mod set;
mod source;
mod tax_answers;
mod taxed;
mod workspace;

pub use bracket_room::BracketRoom;
pub use control::RunControl;
pub use error::{QuestionError, SimulationError, SweepRangeError};
pub use floor::draw_floor;
pub use lives::Survivor;
pub use outcomes::check_finite;
pub use question::{Found, Question, Slot, SweepAsk};
pub use runner::{Runner, simulate};
pub use set::{MemberResult, SetResult, StartYears};
pub use source::history_paths;
pub use tax_answers::{RatesPaid, RothChanges, TaxAnswers, TaxChoice, TaxTable};
pub use taxed::{Pots, TaxedYear};
pub use workspace::{MAX_KEPT_GROWTH_BYTES, Workspace};

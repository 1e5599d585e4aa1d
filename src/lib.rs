//! Glidepath: a retirement planner for 401(k) savers, with an honest look at
//! a crypto sleeve.
//!
//! Data flows one way:
//!
//! ```text
//! plan file / UI edits ──► Plan ──validate──► ValidPlan ─┐
//!                                                        ▼
//!            returns (Monte Carlo | history) ──► engine: plans on shared draws
//!                                                        │
//!                                                        ▼
//!                       Outcome (bands, success, retirement, sleeve effect)
//!                                                        │
//!                     ┌──────────────────┬───────────────┴──────────┐
//!                     ▼                  ▼                          ▼
//!                app draws it    cli prints JSON/CSV    report formats exports
//! ```
//!
//! The folders are the concepts, each depending only on those before it:
//!
//! - [`plan`]: what the saver decides (the file format, defaults, levers,
//!   validation);
//! - [`tax`]: the tax law of a year and one year's tax of a household;
//! - [`life`]: the SSA life table and what it says about a saver or a couple;
//! - [`market`]: where returns come from (Monte Carlo, histories, random streams);
//! - [`engine`]: the year loop of the model on many paths;
//! - [`outcome`]: every number a user is shown (percentiles, success, effects);
//! - [`report`]: what a reader takes away (exports and their trust lines);
//! - [`store`]: the only code that touches the disk;
//! - [`cli`]: the command line; [`app`] (feature `gui`): the desktop app.
//!
//! The model is specified in `docs/model.md`. Nothing outside [`app`] uses
//! egui; nothing outside [`store`] and [`cli`] does I/O.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod engine;
pub mod life;
pub mod market;
pub mod outcome;
pub mod plan;
pub mod report;
pub mod scale;
pub mod store;
pub mod tax;
pub mod units;

pub use engine::{RunControl, SimulationError, simulate};
pub use outcome::Outcome;
pub use plan::{Plan, ValidPlan, validate};

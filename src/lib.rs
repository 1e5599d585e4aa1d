//! Glidepath: a retirement planner for 401(k) savers, with an honest look at
//! a crypto sleeve.
//!
//! Data flows one way:
//!
//! ```text
//! plan file / UI edits ──► Plan ──validate──► engine ◄── market (Monte Carlo)
//!                                               │
//!                                               ▼
//!                    Outcome (bands, success, retirement, sleeve effect)
//! ```
//!
//! The model is specified in `docs/model.md`. Everything in this library but
//! [`app`] is pure: no egui, no I/O outside [`files`] and [`cli`].

pub mod app;
pub mod assumptions;
pub mod cli;
pub mod contributions;
pub mod defaults;
pub mod engine;
pub mod export;
pub mod fees;
pub mod files;
pub mod glide_path;
pub mod history;
pub mod market;
pub mod outcome;
pub mod percentiles;
pub mod plan;
pub mod retirement;
pub mod rng;
pub mod sleeve;
pub mod validation;

pub use engine::{RunControl, SimulationError, simulate};
pub use outcome::Outcome;
pub use plan::Plan;

//! Where returns come from: Monte Carlo draws from the plan's assumptions
//! (correlated lognormal returns with crypto crash jumps, one reproducible
//! random stream per path) or a return history replayed year by year.
//!
//! Nothing here touches the disk: a history file is read by the store and
//! parsed here; the shipped histories are embedded in the binary.

pub mod built_in;
pub mod exp;
pub mod history;
pub mod monte_carlo;
pub mod rng;
pub mod view_figures;

pub use monte_carlo::{ReturnModel, YearDraws, private_normal};
pub use view_figures::ViewFigures;

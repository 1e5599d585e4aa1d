//! How long people live: the SSA period life table shipped in `assets/`
//! and what it says about a saver or a couple of given ages (MODEL-v3 §17):
//! the chance each is alive at every age, the chance at least one is, the
//! life expectancy and the ages reached with a 25% and a 10% chance. Pure
//! arithmetic on the table: nothing here knows a plan, a market or a disk.
//!
//! The convention (the contract's): a person aged x today dies during the
//! year of age D ≥ x, with `P(D ≥ y) = Π_{z=x}^{y−1} (1 − q_z)`, so "alive
//! at y" means reaching the birthday y. Two lives are independent.

pub mod outlook;
pub mod table;

pub use outlook::{Outlook, Person};
pub use table::{LifeTable, Sex, ssa_period};

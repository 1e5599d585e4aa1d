//! The app's panels: the plan on the left, the outcome in the centre.

pub mod compare;
pub mod outcome;
pub mod plan;
pub mod questions;
pub mod scenarios;
pub mod stress;
pub mod tax_choices;
pub mod year_by_year;

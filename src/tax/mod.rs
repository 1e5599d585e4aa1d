//! Taxes: the federal law of a tax year as shipped data with its sources,
//! one year's federal and state tax of a household, and the tables of
//! required minimum distributions (MODEL-v3 §16). Pure arithmetic in
//! today's dollars: nothing here knows a plan, a market or the disk.

pub mod law;
pub mod year;

pub use law::{Filing, Law, law, law_years, newest_law, rmd_divisor, rmd_start_age};
pub use year::{StateTax, TaxInput, TaxYear};

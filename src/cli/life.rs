//! `glidepath life --age 65 --sex female [--spouse-age 63 --spouse-sex male]`:
//! what the SSA period life table says about a saver, or a couple, as JSON
//! (`glidepath-life/1`, MODEL-v3 §17): for every year to the table's end
//! the chance each is alive and that at least one is, the life expectancy,
//! and the ages reached with a 25% and a 10% chance (the app's hint).

use super::CliError;
use super::run_args::RunArgs;
use crate::life::{Outlook, Person, Sex, ssa_period, table::LAST_AGE};

/// The flags of `life`.
#[derive(Debug, clap::Args)]
pub struct LifeArgs {
    /// The saver's age today, 0 to 119.
    #[arg(long)]
    pub age: u32,
    /// The saver's sex: female or male.
    #[arg(long, value_name = "female|male")]
    pub sex: String,
    /// The spouse's age today, for a couple.
    #[arg(long, requires = "spouse_sex")]
    pub spouse_age: Option<u32>,
    /// The spouse's sex: female or male.
    #[arg(long, value_name = "female|male", requires = "spouse_age")]
    pub spouse_sex: Option<String>,
    /// Where to write the JSON (standard output without it).
    #[arg(long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

pub fn run(args: &LifeArgs) -> Result<(), CliError> {
    let saver = person("--age", args.age, "--sex", &args.sex)?;
    let spouse = match (args.spouse_age, &args.spouse_sex) {
        (Some(age), Some(sex)) => Some(person("--spouse-age", age, "--spouse-sex", sex)?),
        _ => None,
    };
    let outlook = Outlook::new(ssa_period(), saver, spouse);
    let text = CliError::json("life table", &outlook)?;
    RunArgs::write_to(args.output.as_deref(), text.as_bytes(), &[])
}

/// A person from their flags, or what is wrong with them.
fn person(age_flag: &str, age: u32, sex_flag: &str, sex: &str) -> Result<Person, CliError> {
    if age > LAST_AGE {
        return Err(CliError::Usage(format!(
            "{age_flag} must be 0 to {LAST_AGE}, the table's ages (is {age})"
        )));
    }
    let sex = match sex.trim().to_ascii_lowercase().as_str() {
        "female" => Sex::Female,
        "male" => Sex::Male,
        _ => {
            return Err(CliError::Usage(format!(
                "{sex_flag} takes female or male, the table's two columns (is {sex:?})"
            )));
        }
    };
    Ok(Person { age, sex })
}

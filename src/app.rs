//! The desktop app. Until it lands, `glidepath` without a command prints
//! the command line's help.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_plan: Option<&Path>) -> ExitCode {
    use clap::CommandFactory;
    let _ = crate::cli::Cli::command().print_long_help();
    ExitCode::SUCCESS
}

//! `glidepath`: the desktop app, or with a command, the command line.

use std::process::ExitCode;

use clap::Parser;
use glidepath::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors are 2.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match &cli.command {
        Some(command) => match run(command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("glidepath: {e}");
                e.exit_code()
            }
        },
        None => glidepath::app::run(cli.plan.as_deref()),
    }
}

//! `glidepath`: the desktop app, or with a command, the command line.

use std::process::ExitCode;

use clap::Parser;
use glidepath::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors are 2.
            // Nothing more can be said if the terminal is gone.
            e.print().ok();
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
        None => open_the_app(cli.plan.as_deref()),
    }
}

#[cfg(feature = "gui")]
fn open_the_app(plan: Option<&std::path::Path>) -> ExitCode {
    glidepath::app::run(plan)
}

#[cfg(not(feature = "gui"))]
fn open_the_app(_plan: Option<&std::path::Path>) -> ExitCode {
    eprintln!(
        "glidepath: this build has no desktop app (built without the `gui` feature); see --help"
    );
    ExitCode::from(2)
}

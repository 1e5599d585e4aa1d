//! `glidepath report PLAN.ron [RUN] --output FILE.pdf`: the client report
//! (MODEL-v2 §14), the same document File → Export → Client report makes.

use std::path::PathBuf;

use super::CliError;
use super::run_args::RunArgs;
use crate::engine::{RunControl, Runner, Workspace};
use crate::report::client::{Provenance, gather, pdf};

/// The flags of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The plan file (RON, format version 1, 2 or 3); it is attached to the PDF.
    pub plan: PathBuf,
    /// The run flags; `--output FILE.pdf` is required.
    #[command(flatten)]
    pub run: RunArgs,
}

pub fn run(args: &ReportArgs) -> Result<(), CliError> {
    if args.run.output.is_none() {
        return Err(CliError::Usage(
            "report writes a PDF: give it a file with --output FILE.pdf".into(),
        ));
    }
    if args.run.format == super::run_args::Format::Csv {
        return Err(CliError::Usage(
            "report writes a PDF: --format csv does not apply (simulate, compare and sweep write CSV)".into(),
        ));
    }
    let made = crate::report::made_at()?;
    let (plan, plan_file) = crate::store::open_plan_and_bytes(&args.plan)?;
    let prepared = args.run.prepare_from(&args.plan, plan)?;
    let (mut workspace, control) = (Workspace::default(), RunControl::new());
    let findings = gather(
        &prepared.plan,
        &mut Runner::new(&mut workspace, &control).with_history(prepared.history.as_ref()),
    )
    .map_err(|e| CliError::run(&args.plan, e))?;
    let file_name = args.plan.file_name().map_or_else(
        || "plan.ron".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let provenance = Provenance {
        made,
        file_name,
        plan_file,
    };
    let bytes = pdf(&prepared.plan, &findings, &provenance)?;
    args.run.write_output_bytes(&bytes, &prepared.inputs)
}

//! What went wrong, kept typed until the error dialog draws it: each
//! failure the app shows carries the error it comes from, and says in
//! words what was not done and that nothing was lost.

use std::path::PathBuf;

use super::export::ReportError;
use crate::engine::SimulationError;
use crate::report::SourceDateError;
use crate::report::raster::RasterError;
use crate::store::{PlanFileError, SaveError, WriteError};

/// A failure the error dialog shows.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A plan file could not be opened.
    #[error("Could not open the plan; nothing was changed.\n\n{0}")]
    Open(PlanFileError),
    /// A recent file is gone (and was taken off the list).
    #[error("{} is no longer there; it was removed from the recent files.", .0.display())]
    Gone(PathBuf),
    /// An example plan would not parse (a broken build).
    #[error(transparent)]
    Example(PlanFileError),
    /// The plan could not be saved.
    #[error("The plan was not saved; the file on disk is as it was.\n\n{0}")]
    Save(SaveError),
    /// A history to import is not a file.
    #[error("{}: there is no such file.", .0.display())]
    NoSuchFile(PathBuf),
    /// An answer could not be written into the plan.
    #[error(transparent)]
    Apply(SimulationError),
    /// An export asked for before there are results.
    #[error("There are no results to export yet.")]
    NoResults,
    /// The comparison asked for before every scenario has results.
    #[error("Not every scenario has results yet: try again in a moment.")]
    NotEveryScenario,
    /// A CSV export could not be written.
    #[error("Could not export the {what}: {source}")]
    Export {
        /// "results" or "comparison".
        what: &'static str,
        /// Why.
        source: WriteError,
    },
    /// The chart could not be drawn.
    #[error("Could not export the chart: {0}")]
    Chart(RasterError),
    /// The chart could not be written.
    #[error("Could not export the chart: {0}")]
    ChartFile(WriteError),
    /// The report asked for while the plan has problems.
    #[error("Fix the plan's problems first: the report is made from a valid plan.")]
    InvalidPlan,
    /// `SOURCE_DATE_EPOCH` is not a date.
    #[error("Could not make the report: {0}")]
    ReportDate(SourceDateError),
    /// The plan could not be written into the report.
    #[error("Could not make the report: {0}")]
    ReportPlan(SaveError),
    /// The report's thread could not start.
    #[error("Could not start the report: {0}")]
    ReportThread(std::io::Error),
    /// The report could not be made or written.
    #[error("Could not export the client report: {0}")]
    Report(ReportError),
}

impl PartialEq for Failure {
    /// The same failure is the same message: what the dialog shows.
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

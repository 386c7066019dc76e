//! What `update` asks the world to do, and what came of it. `update` never writes a file,
//! reads the environment or the clock: it returns `Effect`s, which the event loop (and tests)
//! carry out with `perform`, feeding each `Done` back to `update::done`.

use std::path::{Path, PathBuf};

use crate::export::{self, Format, WriteError};
use crate::load::LoadError;
use crate::model::{Dataset, EventIx};

use super::app::App;

/// Something to do outside the browser's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write an export to a file.
    Export(ExportJob),
    /// Read the dataset's file again.
    Reload(PathBuf),
}

/// An export to write: the events, the format, the file name as typed and where a relative
/// name is taken from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportJob {
    pub events: Vec<EventIx>,
    pub format: Format,
    /// As typed: relative to `dir`, or absolute, or from the home folder (`~/`).
    pub name: String,
    pub dir: PathBuf,
    /// Replace a file that is there (the person said yes).
    pub overwrite: bool,
}

/// What came of an effect.
#[derive(Debug)]
pub enum Done {
    /// The export was written, or why not.
    Exported(Result<(), ExportFailure>),
    /// The file was read again: its new version, or why it could not be read.
    Reloaded(Result<Dataset, LoadError>),
}

/// Why an export was not written.
#[derive(Debug, PartialEq, Eq)]
pub enum ExportFailure {
    /// The file is there and was not to be replaced: ask first.
    Exists,
    /// Anything else, in words.
    Failed(String),
}

/// Carries out an effect.
pub fn perform(data: &Dataset, effect: &Effect) -> Done {
    match effect {
        Effect::Export(job) => Done::Exported(write_export(data, job)),
        Effect::Reload(path) => Done::Reloaded(crate::load::from_path(path)),
    }
}

/// Carries out effects and feeds what came of them back to `update`, until none is left: what
/// the event loop does after every action (tests do the same).
pub fn run(app: &mut App, mut effects: Vec<Effect>) {
    while !effects.is_empty() {
        let mut next = Vec::new();
        for effect in &effects {
            let done = perform(&app.data, effect);
            next.extend(super::update::done(app, done));
        }
        effects = next;
    }
}

/// Where a name typed in the export dialog points: `~/` is the home folder, a relative name
/// is taken from `dir`.
pub fn export_path(dir: &Path, name: &str) -> PathBuf {
    let name = name.trim();
    if let Some(rest) = name.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    dir.join(name)
}

fn write_export(data: &Dataset, job: &ExportJob) -> Result<(), ExportFailure> {
    let text = export::render(job.format, data, &job.events, export::now())
        .map_err(|e| ExportFailure::Failed(e.to_string()))?;
    let path = export_path(&job.dir, &job.name);
    match export::write_file(&path, text.as_bytes(), job.overwrite) {
        Ok(()) => Ok(()),
        Err(WriteError::Exists(_)) => Err(ExportFailure::Exists),
        Err(e) => Err(ExportFailure::Failed(e.to_string())),
    }
}

//! Keeping a chronology: an event edited, added or deleted through a draft (`draft`), made
//! into a patch of the file's bytes (`apply`, `patch`) and saved only if the file is still what
//! annals read and the result passes the same checks as `annals validate`. The inverse of every
//! saved patch undoes it byte for byte.

pub mod apply;
pub mod draft;
pub mod patch;

use std::path::Path;

use crate::export::{WriteError, write_file};
use crate::load::{self, LoadError};
use crate::model::Store;
use crate::model::text::FileStamp;

pub use apply::{ApplyError, Change, Edit};
pub use patch::Patch;

/// Why a change was not saved. The file on disk is as it was in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the built-in dataset is read-only")]
    ReadOnly,
    #[error(
        "the file changed on disk since annals read it; nothing was written over that change \
         (it is being read again)"
    )]
    Changed,
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error("{}", problems_text(.0))]
    Invalid(LoadError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

fn problems_text(e: &LoadError) -> String {
    match e {
        LoadError::Invalid { problems, .. } => problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

impl SaveError {
    /// The problems that stop the dataset from passing `annals validate`, one a line.
    pub fn problems(&self) -> Vec<String> {
        match self {
            SaveError::Invalid(LoadError::Invalid { problems, .. }) => {
                problems.iter().map(|p| p.to_string()).collect()
            }
            other => vec![other.to_string()],
        }
    }
}

/// What saving did: the patch that undoes it.
#[derive(Debug)]
pub struct Saved {
    pub undo: Patch,
}

/// Applies `patch` to the file at `path` and writes it (through a temporary file, renamed into
/// place), if the file is still what `store` was read from and the result passes the checks of
/// `annals validate`. A link is followed: the file it points at is written.
pub fn save(path: &Path, store: &Store, patch: &Patch) -> Result<Saved, SaveError> {
    let Some(stamp) = store.stamp() else {
        return Err(SaveError::ReadOnly);
    };
    let current = std::fs::read(path).map_err(SaveError::Read)?;
    let unchanged = if store.is_mapped() {
        // The map shows the file as it is now: its identity and size tell instead, and every
        // text read from it so far was checked.
        let meta = std::fs::metadata(path).map_err(SaveError::Read)?;
        FileStamp::of(&meta) == *stamp && !store.is_stale() && current.len() as u64 == stamp.len
    } else {
        current == store.bytes()
    };
    if !unchanged {
        return Err(SaveError::Changed);
    }
    let text = String::from_utf8(current).map_err(|_| SaveError::Changed)?;
    let new = patch.apply(&text).ok_or(ApplyError::NotJson)?;
    let name = path.display().to_string();
    load::from_str(&new, &name).map_err(SaveError::Invalid)?;
    let target = std::fs::canonicalize(path).map_err(SaveError::Read)?;
    write_file(&target, new.as_bytes(), true)?;
    Ok(Saved {
        undo: patch.inverse(&text),
    })
}

/// The text of a file as `save` would leave it, without writing: for `annals add` and tests.
pub fn preview(text: &str, edit: &Edit) -> Result<String, ApplyError> {
    apply::patch(text, edit)?
        .apply(text)
        .ok_or(ApplyError::NotJson)
}

//! What `update` asks the world to do, and what came of it. `update` never writes a file,
//! reads the environment or the clock: it returns `Effect`s, which the event loop (and tests)
//! carry out with `perform`, feeding each `Done` back to `update::done`.

use std::path::{Path, PathBuf};

use crate::edit::Patch;
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
    /// Open a draft in the person's editor (`command`), handing it the terminal.
    Edit {
        command: String,
        draft: String,
        intent: Intent,
    },
    /// Change the dataset's file by a patch (if it is still what annals read, and the result
    /// passes validate).
    Save {
        path: PathBuf,
        patch: Patch,
        kind: SaveKind,
    },
    /// Open an address (checked: http, https or mailto) in the web browser.
    Open(String),
    /// Put text on the clipboard; `what` names it in the footer.
    Copy { text: String, what: String },
}

/// What a draft is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Changing the event with this id.
    Edit(String),
    /// A new event, after the event with this id (at the end when none).
    Add { after: Option<String> },
}

/// What a save does, for the footer and the undo history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveKind {
    /// An edit from a draft: the draft's text is kept until the save succeeds.
    Draft {
        intent: Intent,
        text: String,
        /// The event's id and title after the edit.
        id: String,
        title: String,
    },
    Delete {
        title: String,
    },
    Undo,
    Redo,
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
    /// The editor ended: the draft as it left it, or why there is none.
    Edited {
        intent: Intent,
        result: Result<String, String>,
    },
    /// A save was made (with the patch that undoes it), or why not.
    Saved {
        kind: SaveKind,
        result: Result<crate::edit::Saved, crate::edit::SaveError>,
    },
    /// What the footer says about an address opened or a text copied, or why not.
    Said(Result<String, String>),
}

/// What carrying out effects needs from where annals runs: a way to hand the terminal to an
/// editor and take it back.
pub trait Host {
    /// Runs the editor `command` on `file` and waits for it.
    fn edit(&mut self, command: &str, file: &Path) -> std::io::Result<std::process::ExitStatus>;
    /// Puts text on the clipboard: through the terminal (OSC 52) where there is one.
    fn copy(&mut self, text: &str) -> Result<(), String> {
        let _ = text;
        Err("there is no terminal to copy through".into())
    }
}

/// Runs an editor with the terminal as it is (tests; no screen to give up).
pub struct Plain;

impl Host for Plain {
    fn edit(&mut self, command: &str, file: &Path) -> std::io::Result<std::process::ExitStatus> {
        run_editor(command, file)
    }
}

/// Runs an editor command on a file through the shell, as git does: `$EDITOR` may carry
/// arguments (`code --wait`).
pub fn run_editor(command: &str, file: &Path) -> std::io::Result<std::process::ExitStatus> {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("annals-editor")
        .arg(file)
        .status()
}

/// The editor a person set: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_from_env() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
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
pub fn perform(data: &Dataset, effect: &Effect, host: &mut dyn Host) -> Done {
    match effect {
        Effect::Export(job) => Done::Exported(write_export(data, job)),
        Effect::Reload(path) => Done::Reloaded(crate::load::from_path(path)),
        Effect::Edit {
            command,
            draft,
            intent,
        } => Done::Edited {
            intent: intent.clone(),
            result: edit(host, command, draft),
        },
        Effect::Save { path, patch, kind } => Done::Saved {
            kind: kind.clone(),
            result: crate::edit::save(path, &data.store, patch),
        },
        Effect::Open(url) => Done::Said(open_address(url).map(|how| format!("opened {url}{how}"))),
        Effect::Copy { text, what } => {
            Done::Said(host.copy(text).map(|()| format!("copied {what}")))
        }
    }
}

/// Opens an address in the web browser: `$BROWSER` when set (a command, or several joined
/// by `:` tried in turn, as the convention goes), else the system's opener (`open` crate:
/// xdg-open, open, start). The address was checked to be http, https or mailto.
pub fn open_address(url: &str) -> Result<String, String> {
    if let Ok(browsers) = std::env::var("BROWSER")
        && !browsers.trim().is_empty()
    {
        let mut last = String::new();
        for browser in browsers.split(':').filter(|b| !b.trim().is_empty()) {
            match std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("{browser} \"$1\""))
                .arg("annals-browser")
                .arg(url)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
            {
                Ok(s) if s.success() => return Ok(format!(" with {browser}")),
                Ok(s) => last = format!("`{browser}` stopped with {s}"),
                Err(e) => last = format!("cannot run `{browser}`: {e}"),
            }
        }
        return Err(format!("not opened: {last} ($BROWSER)"));
    }
    open::that_detached(url)
        .map(|()| String::new())
        .map_err(|e| format!("not opened: {e}"))
}

/// Carries out effects and feeds what came of them back to `update`, until none is left: what
/// the event loop does after every action (tests do the same).
pub fn run(app: &mut App, mut effects: Vec<Effect>, host: &mut dyn Host) {
    while !effects.is_empty() {
        let mut next = Vec::new();
        for effect in &effects {
            let done = perform(&app.data, effect, host);
            next.extend(super::update::done(app, done));
        }
        effects = next;
    }
}

/// Writes the draft to a temporary file, lets the editor change it and reads it back.
fn edit(host: &mut dyn Host, command: &str, draft: &str) -> Result<String, String> {
    let file = tempfile::Builder::new()
        .prefix("annals-event-")
        .suffix(".json")
        .tempfile()
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    std::fs::write(file.path(), draft)
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    let status = host
        .edit(command, file.path())
        .map_err(|e| format!("cannot run the editor `{command}`: {e}"))?;
    let text = std::fs::read_to_string(file.path())
        .map_err(|e| format!("cannot read back what the editor wrote: {e}"))?;
    if !status.success() {
        // The text is kept all the same: nothing a person typed is lost.
        return Err(match status.code() {
            Some(127) => format!("the editor `{command}` was not found (set $EDITOR)"),
            Some(code) => format!("the editor `{command}` stopped with status {code}"),
            None => format!("the editor `{command}` was stopped"),
        });
    }
    Ok(text)
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

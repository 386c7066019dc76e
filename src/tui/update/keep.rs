//! Keeping the chronology from the browser: `e` edits the event in the person's editor, `o`
//! adds one after it, `D` deletes it (after a yes), `u` and `Ctrl-r` undo and redo. A draft
//! that cannot be saved is kept, with its problems, to be edited again. The editor, the save
//! and the reading of the file again are effects; this decides what they are.

use super::super::action::Action;
use super::super::app::{App, Failed, Origin, Undoable};
use super::super::effect::{Effect, Intent, SaveKind};
use crate::edit::{self, Change, Edit, SaveError, Saved, draft};
use crate::model::When;

/// Says why the built-in dataset (or a file of another tool) cannot be changed, and how to
/// make a copy that can.
fn read_only(app: &mut App) -> Option<std::path::PathBuf> {
    if app.data.imported.is_some() {
        // Short enough for an 80-column footer: the format is in `annals validate`'s words.
        app.status =
            Some("read-only: `annals import FILE -o copy.json`, then edit the copy".into());
        return None;
    }
    match &app.origin {
        Origin::File(path) => Some(path.clone()),
        Origin::Files(_) => {
            app.status = Some("read-only: several files read as one".into());
            None
        }
        Origin::Stream(_) => {
            app.status = Some("read-only: read from a stream; save it to a file to edit".into());
            None
        }
        Origin::Builtin => {
            app.status = Some(
                "the built-in dataset is read-only: `annals export --format json -o my.json`, \
                 then `annals my.json`"
                    .into(),
            );
            None
        }
    }
}

/// `e`: the event under the cursor, in the editor.
pub(super) fn edit(app: &mut App) -> Vec<Effect> {
    if read_only(app).is_none() {
        return Vec::new();
    }
    let Some(ev) = app.current() else {
        return Vec::new();
    };
    vec![Effect::Edit {
        command: app.keep.editor.clone(),
        draft: draft::of_event(&app.data, ev),
        intent: Intent::Edit(ev.id.clone()),
    }]
}

/// `o`: a new event after the one under the cursor, dated as it is.
pub(super) fn add(app: &mut App) -> Vec<Effect> {
    if read_only(app).is_none() {
        return Vec::new();
    }
    let near = app.current();
    let when = near.map(|e| When::Point(*e.when.anchor()).to_string());
    let when = when.unwrap_or_default();
    let id = draft::fresh_id(
        &app.data,
        &format!("new-{}", when.trim_end_matches(['?', '~', '%'])),
    );
    vec![Effect::Edit {
        command: app.keep.editor.clone(),
        draft: draft::new_event(&app.data, &id, &when, near),
        intent: Intent::Add {
            after: near.map(|e| e.id.clone()),
        },
    }]
}

/// `D`: asks before the event under the cursor goes.
pub(super) fn delete(app: &mut App) {
    if read_only(app).is_none() {
        return;
    }
    app.keep.deleting = app.current_ix();
}

/// The answer to "delete the event?".
pub(super) fn deleting(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(ix) = app.keep.deleting else {
        return Vec::new();
    };
    match action {
        Action::Yes => {
            app.keep.deleting = None;
            let ev = app.data.event(ix);
            let (id, title) = (ev.id.clone(), app.data.text(&ev.title).to_string());
            let e = Edit {
                change: Change::Delete(id),
                event: Default::default(),
                new_actors: Vec::new(),
                new_sources: Vec::new(),
            };
            save(app, &e, SaveKind::Delete { title })
        }
        Action::Back => {
            app.keep.deleting = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The patch of an edit against the file as annals read it, to be saved.
fn save(app: &mut App, e: &Edit, kind: SaveKind) -> Vec<Effect> {
    let Some(path) = read_only(app) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(app.data.store.bytes());
    match edit::apply::patch(&text, e) {
        Ok(patch) => vec![Effect::Save { path, patch, kind }],
        Err(err) => {
            failed(app, kind, vec![err.to_string()]);
            Vec::new()
        }
    }
}

/// A save that did not happen: a draft is kept to be edited again; anything else is said.
fn failed(app: &mut App, kind: SaveKind, problems: Vec<String>) {
    match kind {
        SaveKind::Draft { intent, text, .. } => {
            app.keep.failed = Some(Failed {
                intent,
                text,
                problems,
            });
        }
        _ => app.status = Some(format!("not saved: {}", problems.join("; "))),
    }
}

/// The editor ended: read the draft and save it, or keep it with what is wrong.
pub(super) fn edited(app: &mut App, intent: Intent, result: Result<String, String>) -> Vec<Effect> {
    let text = match result {
        Ok(text) => text,
        Err(why) => {
            app.status = Some(format!("{why}; nothing was saved"));
            return Vec::new();
        }
    };
    let d = match draft::parse(&text) {
        Ok(d) => d,
        Err(e) => {
            app.keep.failed = Some(Failed {
                intent,
                text,
                problems: vec![format!("in the draft, {e}")],
            });
            return Vec::new();
        }
    };
    if let Intent::Edit(id) = &intent
        && d.new_actors.is_empty()
        && d.new_sources.is_empty()
        && app.data.event_position(id).is_some_and(|i| {
            draft::parse(&draft::of_event(&app.data, app.data.event(i)))
                .is_ok_and(|before| before.event == d.event)
        })
    {
        app.status = Some("no change: nothing was written".into());
        return Vec::new();
    }
    let change = match &intent {
        Intent::Edit(id) => Change::Replace(id.clone()),
        Intent::Add { after } => Change::Insert {
            after: after.clone(),
        },
    };
    let kind = SaveKind::Draft {
        intent,
        text,
        id: d.event.id.clone(),
        title: d.event.title.clone(),
    };
    let e = Edit {
        change,
        event: d.event,
        new_actors: d.new_actors,
        new_sources: d.new_sources,
    };
    save(app, &e, kind)
}

/// `e` or Enter on a draft that could not be saved: the editor again, on the same text.
pub(super) fn mend(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Accept => match app.keep.failed.take() {
            Some(f) => vec![Effect::Edit {
                command: app.keep.editor.clone(),
                draft: f.text,
                intent: f.intent,
            }],
            None => Vec::new(),
        },
        Action::Back => {
            app.keep.failed = None;
            app.status = Some("draft dropped; the file is as it was".into());
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// `u` / `Ctrl-r`.
pub(super) fn undo(app: &mut App, redo: bool) -> Vec<Effect> {
    let Some(path) = read_only(app) else {
        return Vec::new();
    };
    let stack = if redo { &app.keep.redo } else { &app.keep.undo };
    match stack.last() {
        Some(u) => vec![Effect::Save {
            path,
            patch: u.patch.clone(),
            kind: if redo { SaveKind::Redo } else { SaveKind::Undo },
        }],
        None => {
            let what = if redo { "redo" } else { "undo" };
            app.status = Some(format!("nothing to {what}"));
            Vec::new()
        }
    }
}

/// A save was made, or not. Made: remembered for undo, said in the footer, and the file read
/// again at once (the cursor goes to the event edited).
pub(super) fn saved(
    app: &mut App,
    kind: SaveKind,
    result: Result<Saved, SaveError>,
) -> Vec<Effect> {
    let saved = match result {
        Ok(s) => {
            app.keep.wrote = Some(std::time::Instant::now());
            s
        }
        Err(e) => {
            let changed = matches!(e, SaveError::Changed);
            failed(app, kind, e.problems());
            // A file changed under annals is read again, so that the next try is against it.
            return match (&app.origin, changed) {
                (Origin::File(path), true) => vec![Effect::Reload(path.clone())],
                _ => Vec::new(),
            };
        }
    };
    let message = match kind {
        SaveKind::Draft {
            intent, id, title, ..
        } => {
            let verb = match intent {
                Intent::Edit(_) => "the edit of",
                Intent::Add { .. } => "the new event",
            };
            let what = format!("{verb} “{title}”");
            app.keep.undo.push(Undoable {
                patch: saved.undo,
                what: what.clone(),
            });
            app.keep.redo.clear();
            app.keep.go_to = Some(id);
            format!("saved {what} (u undoes)")
        }
        SaveKind::Delete { title } => {
            let what = format!("the deletion of “{title}”");
            app.keep.undo.push(Undoable {
                patch: saved.undo,
                what: what.clone(),
            });
            app.keep.redo.clear();
            format!("deleted “{title}” (u undoes)")
        }
        SaveKind::Undo => match app.keep.undo.pop() {
            Some(done) => {
                let message = format!("undid {}", done.what);
                app.keep.redo.push(Undoable {
                    patch: saved.undo,
                    what: done.what,
                });
                message
            }
            None => String::new(),
        },
        SaveKind::Redo => match app.keep.redo.pop() {
            Some(done) => {
                let message = format!("redid {}", done.what);
                app.keep.undo.push(Undoable {
                    patch: saved.undo,
                    what: done.what,
                });
                message
            }
            None => String::new(),
        },
    };
    app.status = Some(message);
    app.keep.quiet = true;
    match &app.origin {
        Origin::File(path) => vec![Effect::Reload(path.clone())],
        Origin::Builtin | Origin::Files(_) | Origin::Stream(_) => Vec::new(),
    }
}

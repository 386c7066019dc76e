//! `update(&mut App, Action) -> effects`: every change of the browser's state.
//!
//! What may happen here: reading and changing `App` (its dataset included, read-only), and
//! asking the core (`query`, `axis`, `export`'s pure parts) for answers. What may not: the
//! terminal, files, the environment, the clock, threads that outlive a call. Anything of that
//! kind is returned as an `Effect`; the event loop (`tui::mod`) carries it out and feeds what
//! came of it back through `done`. So every function here can be tested without a terminal,
//! a temporary folder or a clock.
//!
//! Keys go through the keymap (`on_key`) in the mode `App::mode` works out, and the mode
//! decides which state an action reaches. Overlays take keys before the panes, in this order:
//! the actor picker, a prompt, the export dialog, the help. The first one open takes every
//! key, so that typing into a popup never moves the timeline behind it (the help is checked
//! last because it may be opened over the dialog's question and must not answer it). `?`,
//! Ctrl-C and a resize act in every mode.
//!
//! One file per concern: `motion` (cursor, scrolling, mouse, jumps), `picker`, `prompt`
//! (search, dates, go to), `export`, `lanes`.

mod export;
mod keep;
mod lanes;
mod marks;
mod motion;
mod picker;
mod prompt;
mod source;
mod tags;

use ratatui::crossterm::event::KeyCode;

use super::action::Action;
use super::app::{App, Focus, View};
use super::effect::{Done, Effect};
use super::keymap::{self, KeyPress, Lookup};
use super::layout;
use crate::model::ShownIx;
use crate::text::plural;

pub use motion::keep_in_view;
pub use prompt::search_slice;

/// Feeds one key press through the keymap, keeping the start of a longer binding pending.
pub fn on_key(app: &mut App, key: KeyPress) -> Vec<Effect> {
    app.status = None;
    // Esc cancels a pending prefix (the `g` of `gg`) and does nothing else.
    if !app.pending.is_empty() && key.code == KeyCode::Esc {
        app.pending.clear();
        return Vec::new();
    }
    let mut seq = std::mem::take(&mut app.pending);
    seq.push(key);
    let mode = app.mode();
    match app.keymap.lookup(mode, &seq) {
        Lookup::Action(action) => update(app, action),
        Lookup::Prefix | Lookup::Ambiguous(_) => {
            app.pending = seq;
            Vec::new()
        }
        Lookup::None if seq.len() > 1 => {
            // The keys so far did not go on: if they were a binding in their own right (`]`)
            // it acts now, then this key is read afresh.
            let mut effects = Vec::new();
            if let Lookup::Ambiguous(action) = app.keymap.lookup(mode, &seq[..seq.len() - 1]) {
                effects = update(app, action);
            }
            effects.extend(on_key(app, key));
            effects
        }
        Lookup::None => match key.code {
            KeyCode::Char(c) if mode.takes_text() && keymap::is_text(&key) && !c.is_control() => {
                update(app, Action::Input(c))
            }
            _ => Vec::new(),
        },
    }
}

/// Whether the keys pending are a complete binding waiting to see if a longer one follows;
/// the event loop calls `flush_pending` when no key comes within `keymap::AMBIGUOUS_WAIT`.
pub fn waiting(app: &App) -> bool {
    !app.pending.is_empty()
        && matches!(
            app.keymap.lookup(app.mode(), &app.pending),
            Lookup::Ambiguous(_)
        )
}

/// No further key came: the pending keys act as the binding they are.
pub fn flush_pending(app: &mut App) -> Vec<Effect> {
    let seq = std::mem::take(&mut app.pending);
    match app.keymap.lookup(app.mode(), &seq) {
        Lookup::Ambiguous(action) => update(app, action),
        _ => Vec::new(),
    }
}

/// Applies an action; returns what must happen outside the browser's state.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // Once the search prompt is closed, anything the user does keeps the cursor from being
    // moved later by an incremental search still going.
    if app.prompt.is_none() {
        app.search_origin = None;
    }
    let before = app.current_ix();
    // A big move is remembered in the jump list (a search or go to: from where it started).
    let jump_from = match (&app.prompt, action) {
        (Some(p), Action::Accept)
            if !matches!(
                p.kind,
                super::app::PromptKind::Dates | super::app::PromptKind::Where
            ) =>
        {
            app.shown.get(p.origin.get()).copied()
        }
        (None, _) if marks::is_jump(app, action) => before,
        _ => None,
    };
    let effects = apply(app, action);
    if let Some(from) = jump_from
        && app.current_ix() != Some(from)
    {
        marks::remember(app, from);
    }
    // The lanes follow the cursor: an event moved to out of the window brings its unit in.
    if app.current_ix() != before {
        lanes::follow_cursor(app);
    }
    keep_in_view(app);
    effects
}

/// Takes in what came of an effect.
pub fn done(app: &mut App, done: Done) -> Vec<Effect> {
    let effects = match done {
        Done::Exported(result) => {
            export::exported(app, result);
            Vec::new()
        }
        Done::Reloaded(result) => {
            reloaded(app, result);
            Vec::new()
        }
        Done::Edited { intent, result } => keep::edited(app, intent, result),
        Done::Saved { kind, result } => keep::saved(app, kind, result),
        // The footer cleans what it shows.
        Done::Said(Ok(s) | Err(s)) => {
            app.status = Some(s);
            Vec::new()
        }
    };
    keep_in_view(app);
    effects
}

/// A new version of the file: in place of the old, keeping the browser's place; or, when it
/// cannot be read, the old one stays on screen and the footer says what is wrong.
fn reloaded(app: &mut App, result: Result<crate::model::Dataset, crate::load::LoadError>) {
    match result {
        Ok(data) => {
            let before = app.current_ix();
            let was_broken = app.file_problem.is_some();
            let c = app.replace_data(data);
            // After an edit, the cursor goes to the event edited.
            if let Some(id) = app.keep.go_to.take()
                && let Some(ev) = app.data.event_position(&id)
                && let Ok(pos) = app.shown.binary_search(&ev)
            {
                set_cursor(app, ShownIx::new(pos));
            }
            if app.current_ix() != before {
                lanes::follow_cursor(app);
            }
            if std::mem::take(&mut app.keep.quiet)
                || (c == Default::default() && app.status.is_some() && !was_broken)
            {
                // The file annals just wrote, seen again: what the footer says stays.
                return;
            }
            let mut parts = vec![plural(app.data.events.len(), "event")];
            for (n, word) in [
                (c.added, "added"),
                (c.removed, "removed"),
                (c.changed, "changed"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {word}"));
                }
            }
            if parts.len() == 1 {
                parts.push("nothing changed".into());
            }
            app.status = Some(format!("reloaded: {}", parts.join(", ")));
        }
        Err(e) => {
            let problem = file_problem(&e);
            app.status = Some(format!("the file cannot be read: {problem}"));
            app.file_problem = Some(problem);
        }
    }
}

/// The first problems of a file that could not be read, with line and column where known.
fn file_problem(e: &crate::load::LoadError) -> String {
    use crate::load::LoadError;
    match e {
        LoadError::Json {
            line,
            column,
            kind,
            message,
            ..
        } => format!("{line}:{column}: {kind}: {message}"),
        LoadError::Invalid { problems, .. } => {
            let mut s = problems.first().map(|p| p.located()).unwrap_or_default();
            if problems.len() > 1 {
                s.push_str(&format!(" (and {} more)", problems.len() - 1));
            }
            s
        }
        LoadError::Io { source, .. } => source.to_string(),
        LoadError::Cancelled { .. } => "reading was cancelled".into(),
        LoadError::Import { message, .. } => message.clone(),
        LoadError::Unrecognised { looked_like, .. } => {
            format!("annals does not know this format (it looks like {looked_like})")
        }
    }
}

fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    if matches!(
        action,
        Action::WheelDown { .. }
            | Action::WheelUp { .. }
            | Action::Click { .. }
            | Action::Resize { .. }
    ) {
        app.pending.clear();
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            app.rebuild_strip();
        }
        Action::ToggleHelp => {
            app.help = match app.help {
                Some(_) => None,
                None => Some(Default::default()),
            };
        }
        _ if app.keep.failed.is_some() => return keep::mend(app, action),
        _ if app.keep.deleting.is_some() => return keep::deleting(app, action),
        _ if app.picker.is_some() => picker::action(app, action),
        _ if app.tag_picker.is_some() => tags::action(app, action),
        _ if app.prompt.is_some() => return prompt::action(app, action),
        _ if app.export.is_some() => return export::action(app, action),
        _ if app.help.is_some() => help_action(app, action),
        Action::OpenPicker => picker::open(app),
        Action::OpenTags => tags::open(app),
        Action::HelpFilter => {}
        Action::OpenSearch => prompt::open_search(app),
        Action::OpenDates => prompt::open_dates(app),
        Action::OpenWhere => prompt::open_where(app),
        Action::OpenGoTo => prompt::open_go_to(app),
        Action::ClearFilters => {
            app.filter = Default::default();
            app.search = None;
            app.refilter();
            app.status = Some("filters and search cleared".into());
        }
        // Esc clears what narrows the view, one thing a press, and never quits: vim users
        // press it by reflex, and losing one's place to it is the worst surprise.
        Action::ClearOne => {
            if app.search.is_some() {
                app.search = None;
                app.status = Some("search cleared".into());
            } else if app.filter != Default::default() {
                app.filter = Default::default();
                app.refilter();
                app.status = Some("filters cleared".into());
            } else if app.esc_quits {
                app.quit = true;
            }
        }
        Action::OpenSource => return source::open(app),
        Action::CopyCitation => return source::copy_citation(app),
        Action::CopyId => return source::copy_id(app),
        Action::NextMatch => motion::next_hit(app, true),
        Action::PrevMatch => motion::next_hit(app, false),
        Action::NextSameActor => motion::same_actor(app, true),
        Action::PrevSameActor => motion::same_actor(app, false),
        Action::NextPeriod => motion::step_period(app, true),
        Action::PrevPeriod => motion::step_period(app, false),
        Action::ToggleReference => motion::toggle_reference(app),
        Action::Back => match app.focus {
            Focus::Detail => app.focus = Focus::Timeline,
            Focus::Timeline => app.quit = true,
        },
        Action::ToggleSelect => {
            app.anchor = match (app.selection(), app.current_ix()) {
                (None, Some(ev)) => Some(ev),
                _ => None,
            };
        }
        Action::OpenExport => export::open(app),
        Action::ToggleMark => marks::toggle(app),
        Action::NextMark => marks::next(app, true),
        Action::PrevMark => marks::next(app, false),
        Action::MarkedOnly => marks::only(app, false),
        Action::JumpBack => marks::jump(app, true),
        Action::JumpForward => marks::jump(app, false),
        Action::Edit => return keep::edit(app),
        Action::Add => return keep::add(app),
        Action::Delete => keep::delete(app),
        Action::Undo => return keep::undo(app, false),
        Action::Redo => return keep::undo(app, true),
        Action::ToggleLanes => lanes::toggle(app),
        Action::ZoomIn
        | Action::ZoomOut
        | Action::PanEarlier
        | Action::PanLater
        | Action::ToggleGrouping
            if app.view != View::Lanes =>
        {
            app.status = Some("zoom and pan are for the lanes view: t opens it".into());
        }
        Action::ZoomIn | Action::ZoomOut => lanes::zoom(app, action == Action::ZoomIn),
        Action::PanEarlier | Action::PanLater => lanes::pan(app, action == Action::PanLater),
        Action::ToggleGrouping => lanes::toggle_grouping(app),
        Action::FocusNext => {
            app.focus = match app.focus {
                Focus::Timeline => Focus::Detail,
                Focus::Detail => Focus::Timeline,
            }
        }
        Action::Open => {
            if app.current().is_some() {
                app.focus = Focus::Detail;
            }
        }
        Action::WheelDown { column, row } => motion::wheel(app, column, row, true),
        Action::WheelUp { column, row } => motion::wheel(app, column, row, false),
        Action::Click { column, row } => motion::click(app, column, row),
        motion => match app.focus {
            Focus::Timeline => motion::move_cursor(app, motion),
            Focus::Detail => motion::scroll_detail(app, motion),
        },
    }
    Vec::new()
}

fn help_action(app: &mut App, action: Action) {
    let canvas = layout::help_canvas(app);
    let (max, page) = (canvas.max_scroll(), canvas.page);
    let Some(help) = app.help.as_mut() else {
        return;
    };
    let scroll = &mut help.scroll;
    match action {
        // Typing the filter: the filter changes and the keys are read from the top.
        Action::Input(c) if help.typing => {
            help.filter.push(c);
            help.scroll = 0;
        }
        Action::Backspace if help.typing => {
            help.filter.pop();
            help.scroll = 0;
        }
        Action::ClearInput if help.typing => {
            help.filter.clear();
            help.scroll = 0;
        }
        Action::Accept if help.typing => help.typing = false,
        Action::Back if help.typing => {
            help.typing = false;
            help.filter.clear();
            help.scroll = 0;
        }
        Action::HelpFilter => {
            help.typing = true;
            help.scroll = 0;
        }
        // Esc drops a filter before it closes the help.
        Action::Back if !help.filter.is_empty() => {
            help.filter.clear();
            help.scroll = 0;
        }
        Action::Back => app.help = None,
        Action::Down | Action::WheelDown { .. } => *scroll = (*scroll + 1).min(max),
        Action::Up | Action::WheelUp { .. } => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll = (*scroll + page).min(max),
        Action::HalfPageDown => *scroll = (*scroll + page.div_ceil(2)).min(max),
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::HalfPageUp => *scroll = scroll.saturating_sub(page.div_ceil(2)),
        Action::First => *scroll = 0,
        Action::Last => *scroll = max,
        _ => {}
    }
}

/// Moves the cursor; a new event starts the detail at its top.
fn set_cursor(app: &mut App, pos: ShownIx) {
    if pos != app.cursor {
        app.cursor = pos;
        app.detail_scroll = 0;
    }
}

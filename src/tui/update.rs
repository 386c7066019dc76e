//! `update(&mut App, Action)`: every change of UI state, pure and testable without a terminal.

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Position;

use crate::query::ActorMode;

use super::action::Action;
use super::app::{App, ExportDialog, Focus, Picker, Prompt, PromptKind, Row, View};
use super::keymap::{self, KeyPress, Lookup};
use super::layout::{self, detail_view, list_height};
use crate::axis::{Unit, Zoom};
use crate::export::{self, Format, WriteError};

/// Lines the mouse wheel moves per notch.
const WHEEL_STEP: usize = 3;

/// Feeds one key press through the keymap, keeping the start of a longer binding pending.
pub fn on_key(app: &mut App, key: KeyPress) {
    app.status = None;
    // Esc cancels a pending prefix (the `g` of `gg`) and does nothing else.
    if !app.pending.is_empty() && key.code == KeyCode::Esc {
        app.pending.clear();
        return;
    }
    let mut seq = std::mem::take(&mut app.pending);
    seq.push(key);
    let mode = app.mode();
    match keymap::lookup(mode, &seq) {
        Lookup::Action(action) => update(app, action),
        Lookup::Prefix | Lookup::Ambiguous(_) => app.pending = seq,
        Lookup::None if seq.len() > 1 => {
            // The keys so far did not go on: if they were a binding in their own right (`]`)
            // it acts now, then this key is read afresh.
            if let Lookup::Ambiguous(action) = keymap::lookup(mode, &seq[..seq.len() - 1]) {
                update(app, action);
            }
            on_key(app, key)
        }
        Lookup::None => match key.code {
            KeyCode::Char(c) if mode.takes_text() && keymap::is_text(&key) => {
                update(app, Action::Input(c))
            }
            _ => {}
        },
    }
}

/// Whether the keys pending are a complete binding waiting to see if a longer one follows;
/// the event loop calls `flush_pending` when no key comes within `keymap::AMBIGUOUS_WAIT`.
pub fn waiting(app: &App) -> bool {
    !app.pending.is_empty()
        && matches!(
            keymap::lookup(app.mode(), &app.pending),
            Lookup::Ambiguous(_)
        )
}

/// No further key came: the pending keys act as the binding they are.
pub fn flush_pending(app: &mut App) {
    let seq = std::mem::take(&mut app.pending);
    if let Lookup::Ambiguous(action) = keymap::lookup(app.mode(), &seq) {
        update(app, action);
    }
}

pub fn update(app: &mut App, action: Action) {
    // Once the search prompt is closed, anything the user does keeps the cursor from being
    // moved later by an incremental search still going.
    if app.prompt.is_none() {
        app.search_origin = None;
    }
    let before = app.shown.get(app.cursor).copied();
    apply(app, action);
    // The lanes follow the cursor: an event moved to out of the window brings its unit in.
    if app.shown.get(app.cursor).copied() != before {
        follow_cursor(app);
    }
    keep_in_view(app);
}

fn apply(app: &mut App, action: Action) {
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
            app.help = if app.help.is_some() { None } else { Some(0) };
        }
        _ if app.picker.is_some() => picker_action(app, action),
        _ if app.prompt.is_some() => prompt_action(app, action),
        _ if app.export.is_some() => export_action(app, action),
        _ if app.help.is_some() => help_action(app, action),
        Action::OpenPicker => {
            let results = app.index().rank(&app.data, "");
            app.picker = Some(Picker {
                query: String::new(),
                results,
                selected: 0,
                chosen: app.filter.actors.clone(),
                mode: app.filter.mode,
            });
        }
        Action::OpenSearch => open_prompt(app, PromptKind::Search, String::new()),
        Action::OpenDates => {
            let text = |p: Option<crate::model::Point>| {
                p.map(|p| crate::model::When::Point(p).to_string())
                    .unwrap_or_default()
            };
            let input = match (app.filter.from, app.filter.to) {
                (None, None) => String::new(),
                (f, t) if f == t => text(f),
                (f, t) => format!("{}..{}", text(f), text(t)),
            };
            open_prompt(app, PromptKind::Dates, input);
        }
        Action::ClearFilters => {
            app.filter = Default::default();
            app.search = None;
            app.refilter();
            app.status = Some("filters and search cleared".into());
        }
        Action::NextMatch => next_hit(app, true),
        Action::PrevMatch => next_hit(app, false),
        Action::NextSameActor => same_actor(app, true),
        Action::PrevSameActor => same_actor(app, false),
        Action::Back => match app.focus {
            Focus::Detail => app.focus = Focus::Timeline,
            Focus::Timeline => app.quit = true,
        },
        Action::ToggleSelect => {
            app.anchor = match (app.selection(), app.shown.get(app.cursor)) {
                (None, Some(&ev)) => Some(ev),
                _ => None,
            };
        }
        Action::OpenExport => open_export(app),
        Action::ToggleLanes => {
            app.view = match app.view {
                View::List => View::Lanes,
                View::Lanes => View::List,
            };
            follow_cursor(app);
        }
        Action::ZoomIn
        | Action::ZoomOut
        | Action::PanEarlier
        | Action::PanLater
        | Action::ToggleGrouping
            if app.view != View::Lanes =>
        {
            app.status = Some("zoom and pan are for the lanes view: t opens it".into());
        }
        Action::ZoomIn | Action::ZoomOut => zoom(app, action == Action::ZoomIn),
        Action::PanEarlier | Action::PanLater => pan(app, action == Action::PanLater),
        Action::ToggleGrouping => {
            app.lanes.grouping = app.lanes.grouping.toggled();
            app.status = Some(format!("one lane per {}", app.lanes.grouping.name()));
        }
        Action::NextPeriod => step_period(app, true),
        Action::PrevPeriod => step_period(app, false),
        Action::OpenGoTo => open_prompt(app, PromptKind::GoTo, String::new()),
        Action::ToggleReference => toggle_reference(app),
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
        Action::WheelDown { column, row } => wheel(app, column, row, true),
        Action::WheelUp { column, row } => wheel(app, column, row, false),
        Action::Click { column, row } => click(app, column, row),
        motion => match app.focus {
            Focus::Timeline => move_cursor(app, motion),
            Focus::Detail => scroll_detail(app, motion),
        },
    }
}

/// In the lanes view, zoomed to a unit: when the cursor's event is outside the window, the
/// window moves to the unit holding it.
fn follow_cursor(app: &mut App) {
    if app.view != View::Lanes {
        return;
    }
    if let (Zoom::In(_), Some(day), Some(window)) =
        (app.lanes.zoom, app.cursor_day(), app.lanes_window())
        && !window.contains(day)
    {
        app.lanes.at = day;
    }
}

/// One zoom step around the cursor (or the middle of the window when the cursor's event is
/// out of view).
fn zoom(app: &mut App, finer: bool) {
    let window = app.lanes_window();
    let centre = match (app.cursor_day(), window) {
        (Some(d), Some(w)) if w.contains(d) => d,
        (_, Some(w)) => w.day_at(1, 2),
        (Some(d), None) => d,
        (None, None) => return,
    };
    let zoom = if finer {
        app.lanes.zoom.finer()
    } else {
        app.lanes.zoom.coarser()
    };
    if zoom == app.lanes.zoom {
        app.status = Some(format!(
            "already at the {}",
            match zoom {
                Zoom::All => "whole span",
                Zoom::In(_) => "finest zoom, a day",
            }
        ));
        return;
    }
    app.lanes.zoom = zoom;
    app.lanes.at = centre;
}

/// The previous or next unit of time at the zoom level. The cursor comes along to the
/// first event dated in the new stretch, so that the detail shows what the lanes show; a
/// stretch without events leaves it where it was.
fn pan(app: &mut App, later: bool) {
    let Zoom::In(unit) = app.lanes.zoom else {
        app.status = Some("the whole span is in view: + zooms in".into());
        return;
    };
    app.lanes.at = unit.step(unit.floor(app.lanes.at), if later { 1 } else { -1 });
    let window = unit.window(app.lanes.at);
    if app.cursor_day().is_some_and(|d| window.contains(d)) {
        return;
    }
    let day = |ev: usize| app.data.events[ev].when.anchor().first_day;
    let first = app.shown.partition_point(|&ev| day(ev) < window.first);
    if app
        .shown
        .get(first)
        .is_some_and(|&ev| window.contains(day(ev)))
    {
        set_cursor(app, first);
    }
}

/// `]`: the first event of the next year (or zoom unit) that has one. `[`: the first event
/// of the cursor's year when the cursor is past it, else of the previous year with events.
fn step_period(app: &mut App, forward: bool) {
    let unit = match (app.view, app.lanes.zoom) {
        (View::Lanes, Zoom::In(u)) => u,
        _ => Unit::Year,
    };
    if app.shown.is_empty() {
        return;
    }
    let key = |ev: usize| unit.index(app.data.events[ev].when.anchor().first_day);
    let here = key(app.shown[app.cursor]);
    // Events are in date order, so the keys never go down along `shown`.
    let first_with = |k: i64| app.shown.partition_point(|&ev| key(ev) < k);
    let target = if forward {
        let p = app.shown.partition_point(|&ev| key(ev) <= here);
        (p < app.shown.len()).then_some(p)
    } else {
        let first_here = first_with(here);
        if first_here < app.cursor {
            Some(first_here)
        } else if first_here > 0 {
            Some(first_with(key(app.shown[first_here - 1])))
        } else {
            None
        }
    };
    match target {
        Some(p) => set_cursor(app, p),
        None => {
            let which = if forward { "later" } else { "earlier" };
            app.status = Some(format!("no {which} {} has events", unit.name()));
        }
    }
}

fn toggle_reference(app: &mut App) {
    let Some(&ev) = app.shown.get(app.cursor) else {
        return;
    };
    if app.reference == Some(ev) {
        app.reference = None;
        app.status = Some("relative dates cleared".into());
    } else {
        app.reference = Some(ev);
        let title = crate::text::sanitize(app.data.text(&app.data.events[ev].title)).into_owned();
        app.status = Some(format!(
            "dates relative to “{title}” (r on it again clears)"
        ));
    }
}

fn open_prompt(app: &mut App, kind: PromptKind, input: String) {
    app.prompt = Some(Prompt {
        kind,
        input,
        error: None,
        origin: app.cursor,
        previous_search: app.search.clone(),
    });
}

fn set_cursor(app: &mut App, pos: usize) {
    if pos != app.cursor {
        app.cursor = pos;
        app.detail_scroll = 0;
    }
}

fn picker_action(app: &mut App, action: Action) {
    let Some(p) = app.picker.as_mut() else { return };
    let mut rerank = false;
    match action {
        Action::Input(c) => {
            p.query.push(c);
            rerank = true;
        }
        Action::Backspace => rerank = p.query.pop().is_some(),
        Action::ClearInput => {
            rerank = !p.query.is_empty();
            p.query.clear();
        }
        Action::PickerDown | Action::WheelDown { .. } => {
            p.selected = (p.selected + 1).min(p.results.len().saturating_sub(1));
        }
        Action::PickerUp | Action::WheelUp { .. } => {
            p.selected = p.selected.saturating_sub(1);
        }
        Action::PickerToggle => {
            if let Some(m) = p.results.get(p.selected) {
                match p.chosen.iter().position(|&a| a == m.actor) {
                    Some(i) => {
                        p.chosen.remove(i);
                    }
                    None => p.chosen.push(m.actor),
                }
                p.selected = (p.selected + 1).min(p.results.len().saturating_sub(1));
            }
        }
        Action::ToggleAnyAll => {
            p.mode = match p.mode {
                ActorMode::Any => ActorMode::All,
                ActorMode::All => ActorMode::Any,
            }
        }
        Action::Accept => {
            let mut chosen = std::mem::take(&mut p.chosen);
            if chosen.is_empty()
                && let Some(m) = p.results.get(p.selected)
            {
                chosen.push(m.actor);
            }
            app.filter.actors = chosen;
            app.filter.mode = p.mode;
            app.picker = None;
            app.refilter();
            if app.shown.is_empty() {
                app.status = Some("no event matches the filter (c clears it)".into());
            }
        }
        Action::Back => app.picker = None,
        _ => {}
    }
    if rerank && let Some(query) = app.picker.as_ref().map(|p| p.query.clone()) {
        let results = app.index().rank(&app.data, &query);
        let Some(p) = app.picker.as_mut() else { return };
        p.results = results;
        p.selected = 0;
    }
}

fn prompt_action(app: &mut App, action: Action) {
    let Some(p) = app.prompt.as_mut() else { return };
    let kind = p.kind;
    match action {
        Action::Input(c) => p.input.push(c),
        Action::Backspace => {
            p.input.pop();
        }
        Action::ClearInput => p.input.clear(),
        Action::Accept => return accept_prompt(app),
        Action::Back => {
            let (origin, previous) = (p.origin, p.previous_search.clone());
            app.prompt = None;
            if kind == PromptKind::Search {
                app.search = previous;
                app.search_origin = None;
                app.find_hits();
                set_cursor(app, origin);
            }
            return;
        }
        _ => return,
    }
    p.error = None;
    if kind == PromptKind::Search {
        let (query, origin) = (crate::query::fold(&p.input), p.origin);
        app.search = (!query.is_empty()).then_some(query);
        app.find_hits();
        app.search_origin = Some(origin);
        go_to_found(app);
    }
}

/// Incremental search: moves to the first hit at or after where the search started, as soon
/// as it is known; when the search is over, wraps to the first hit, or back to the start.
fn go_to_found(app: &mut App) {
    let Some(origin) = app.search_origin else {
        return;
    };
    let i = app.hits.partition_point(|&h| h < origin);
    let target = match app.hits.get(i) {
        Some(&hit) => hit,
        None if app.searching.is_some() => return,
        None => app.hits.first().copied().unwrap_or(origin),
    };
    app.search_origin = None;
    set_cursor(app, target);
}

/// Searches one more slice of a search still going (the event loop calls this while no key
/// is waiting) and moves to the hit an incremental search waits for. True while there is more.
pub fn search_slice(app: &mut App) -> bool {
    let before = app.shown.get(app.cursor).copied();
    let more = app.search_slice();
    go_to_found(app);
    if !more
        && app.hits.is_empty()
        && app.prompt.is_none()
        && let Some(q) = &app.search
    {
        app.status = Some(no_mention(q));
    }
    if app.shown.get(app.cursor).copied() != before {
        follow_cursor(app);
    }
    keep_in_view(app);
    more
}

fn accept_prompt(app: &mut App) {
    let Some(p) = app.prompt.as_mut() else { return };
    match p.kind {
        PromptKind::Search => {
            app.prompt = None;
            match &app.search {
                Some(q) if app.hits.is_empty() && app.searching.is_none() => {
                    app.status = Some(no_mention(q));
                }
                _ => {}
            }
        }
        PromptKind::Dates => match crate::query::parse_bounds(&p.input) {
            Ok((from, to)) => {
                app.prompt = None;
                app.filter.from = from;
                app.filter.to = to;
                app.refilter();
                if app.shown.is_empty() {
                    app.status = Some("no event matches the filter (c clears it)".into());
                }
            }
            Err(e) => {
                p.error = Some(format!(
                    "{e}; a range is FROM..TO, either side may be empty"
                ))
            }
        },
        PromptKind::GoTo => match crate::query::parse_date(&p.input) {
            Ok(date) => {
                let typed = p.input.trim().to_string();
                app.prompt = None;
                go_to_date(app, &date, &typed);
            }
            Err(e) => p.error = Some(e.to_string()),
        },
    }
}

/// Moves the cursor to the shown event whose own date is nearest the period `date` means
/// (0 when they overlap); on a tie, the one on or after the date.
fn go_to_date(app: &mut App, date: &crate::model::Point, typed: &str) {
    if app.shown.is_empty() {
        app.status = Some("no event is shown (c clears the filters)".into());
        return;
    }
    let (t0, t1) = (date.first_day, date.last_day());
    let point = |pos: usize| app.data.events[app.shown[pos]].when.anchor();
    let after = app
        .shown
        .partition_point(|&ev| app.data.events[ev].when.anchor().first_day < t0);
    let distance = |pos: usize| {
        let p = point(pos);
        if p.last_day() < t0 {
            (t0 - p.last_day()).num_days()
        } else if p.first_day > t1 {
            (p.first_day - t1).num_days()
        } else {
            0
        }
    };
    let candidates = [
        after.checked_sub(1),
        (after < app.shown.len()).then_some(after),
    ];
    let Some(best) = candidates
        .into_iter()
        .flatten()
        .min_by_key(|&p| (distance(p), std::cmp::Reverse(p)))
    else {
        return;
    };
    if distance(best) > 0 {
        app.status = Some(format!(
            "nothing on {typed}; the nearest event is on {}",
            point(best).short()
        ));
    }
    set_cursor(app, best);
}

fn open_export(app: &mut App) {
    let events = app.export_events();
    if events.is_empty() {
        app.status = Some("nothing to export: no event is shown (c clears the filters)".into());
        return;
    }
    let name = export::file_name(&app.data, &events, Format::ALL[0]);
    let span = crate::model::span_text(events.iter().map(|&i| &app.data.events[i]));
    app.export = Some(ExportDialog {
        span: span.unwrap_or_default(),
        events,
        format: 0,
        name,
        confirm: false,
        error: None,
    });
}

fn export_action(app: &mut App, action: Action) {
    let Some(d) = app.export.as_mut() else { return };
    if d.confirm {
        match action {
            Action::Yes => write_export(app, true),
            Action::Back => d.confirm = false,
            _ => {}
        }
        return;
    }
    let n = Format::ALL.len();
    match action {
        Action::Input(c) => d.name.push(c),
        Action::Backspace => {
            d.name.pop();
        }
        Action::ClearInput => d.name.clear(),
        Action::FormatNext
        | Action::FormatPrev
        | Action::WheelDown { .. }
        | Action::WheelUp { .. } => {
            let old = d.format();
            let forward = matches!(action, Action::FormatNext | Action::WheelDown { .. });
            d.format = if forward {
                (d.format + 1) % n
            } else {
                (d.format + n - 1) % n
            };
            d.name = old.rename(&d.name, d.format());
        }
        Action::Accept => return write_export(app, false),
        Action::Back => {
            app.export = None;
            return;
        }
        _ => return,
    }
    d.error = None;
}

/// Where a name typed in the export dialog points: `~/` is the home folder, a relative name
/// is taken from `dir`.
pub fn export_path(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let name = name.trim();
    if let Some(rest) = name.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return std::path::PathBuf::from(home).join(rest);
    }
    dir.join(name)
}

/// Writes the export; an existing file first asks (unless `overwrite`), a failure stays in
/// the dialog to be mended, success closes it and reports in the footer.
fn write_export(app: &mut App, overwrite: bool) {
    let Some(d) = app.export.as_mut() else { return };
    d.confirm = false;
    if d.name.trim().is_empty() {
        d.error = Some("type a file name".into());
        return;
    }
    let path = export_path(&app.export_dir, &d.name);
    let format = d.format();
    let text = match export::render(format, &app.data, &d.events, chrono::Utc::now()) {
        Ok(t) => t,
        Err(e) => {
            d.error = Some(e.to_string());
            return;
        }
    };
    match export::write_file(&path, text.as_bytes(), overwrite) {
        Ok(()) => {
            app.status = Some(format!(
                "wrote {} to {} ({})",
                export::count_text(d.events.len()),
                d.name.trim(),
                format.name()
            ));
            app.export = None;
            app.anchor = None;
        }
        Err(WriteError::Exists(_)) => d.confirm = true,
        Err(e) => d.error = Some(e.to_string()),
    }
}

fn next_hit(app: &mut App, forward: bool) {
    if app.hits.is_empty() && app.searching.is_none() {
        app.status = Some(match &app.search {
            Some(q) => no_mention(q),
            None => "no search yet: press / to search".into(),
        });
        return;
    }
    let i = if forward {
        app.hits.partition_point(|&h| h <= app.cursor)
    } else {
        app.hits.partition_point(|&h| h < app.cursor)
    };
    let wraps = if forward { i == app.hits.len() } else { i == 0 };
    // Hits after the last one found may still come: no wrapping until the search is over.
    if wraps && app.searching.is_some() {
        app.status = Some("still searching…".into());
        return;
    }
    let target = match (forward, wraps) {
        (true, false) => app.hits[i],
        (false, false) => app.hits[i - 1],
        (true, true) => {
            app.status = Some("search wrapped to the top".into());
            app.hits[0]
        }
        (false, true) => {
            app.status = Some("search wrapped to the bottom".into());
            app.hits[app.hits.len() - 1]
        }
    };
    set_cursor(app, target);
}

/// The footer's word for a search that found nothing.
fn no_mention(query: &str) -> String {
    format!("no event mentions \"{query}\"")
}

fn same_actor(app: &mut App, forward: bool) {
    let Some(ev) = app.current() else { return };
    let who: Vec<usize> = ev.participants().collect();
    if who.is_empty() {
        app.status = Some("this event names no actor".into());
        return;
    }
    let shares = |pos: &usize| {
        app.data.events[app.shown[*pos]]
            .participants()
            .any(|a| who.contains(&a))
    };
    let found = if forward {
        (app.cursor + 1..app.shown.len()).find(shares)
    } else {
        (0..app.cursor).rev().find(shares)
    };
    match found {
        Some(pos) => set_cursor(app, pos),
        None => {
            let dir = if forward { "later" } else { "earlier" };
            app.status = Some(format!("no {dir} event shares an actor with this one"));
        }
    }
}

fn help_action(app: &mut App, action: Action) {
    let max = layout::help_max_scroll(app.width, app.height);
    let scroll = app.help.get_or_insert(0);
    match action {
        Action::Back => app.help = None,
        Action::Down | Action::WheelDown { .. } => *scroll = (*scroll + 1).min(max),
        Action::Up | Action::WheelUp { .. } => *scroll = scroll.saturating_sub(1),
        _ => {}
    }
}

fn move_cursor(app: &mut App, motion: Action) {
    let last = app.shown.len().saturating_sub(1);
    let page = list_height(app);
    let before = app.cursor;
    app.cursor = match motion {
        Action::Down => (app.cursor + 1).min(last),
        Action::Up => app.cursor.saturating_sub(1),
        Action::HalfPageDown => (app.cursor + (page / 2).max(1)).min(last),
        Action::HalfPageUp => app.cursor.saturating_sub((page / 2).max(1)),
        Action::PageDown => (app.cursor + page.saturating_sub(1).max(1)).min(last),
        Action::PageUp => app.cursor.saturating_sub(page.saturating_sub(1).max(1)),
        Action::First => 0,
        Action::Last => last,
        _ => app.cursor,
    };
    if app.cursor != before {
        app.detail_scroll = 0;
    }
}

fn scroll_detail(app: &mut App, motion: Action) {
    let (height, max) = detail_view(app);
    let s = app.detail_scroll;
    app.detail_scroll = match motion {
        Action::Down => s + 1,
        Action::Up => s.saturating_sub(1),
        Action::HalfPageDown => s + (height / 2).max(1),
        Action::HalfPageUp => s.saturating_sub((height / 2).max(1)),
        Action::PageDown => s + height.saturating_sub(1).max(1),
        Action::PageUp => s.saturating_sub(height.saturating_sub(1).max(1)),
        Action::First => 0,
        Action::Last => max,
        _ => s,
    }
    .min(max);
}

fn wheel(app: &mut App, column: u16, row: u16, down: bool) {
    let regions = layout::regions(app);
    let at = Position::new(column, row);
    let motion = if down { Action::Down } else { Action::Up };
    if regions
        .list
        .or(regions.lanes)
        .is_some_and(|r| r.contains(at))
    {
        for _ in 0..WHEEL_STEP {
            move_cursor(app, motion);
        }
    } else if regions.detail.is_some_and(|r| r.contains(at)) {
        for _ in 0..WHEEL_STEP {
            scroll_detail(app, motion);
        }
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let regions = layout::regions(app);
    let at = Position::new(column, row);
    if let Some(list) = regions.list.filter(|r| r.contains(at)) {
        app.focus = Focus::Timeline;
        let inner_row = usize::from(row.saturating_sub(list.y + 1));
        if row > list.y
            && inner_row < usize::from(list.height.saturating_sub(2))
            && let Some(Row::Event(pos)) = app.rows.get(app.list_offset + inner_row)
            && *pos != app.cursor
        {
            app.cursor = *pos;
            app.detail_scroll = 0;
        }
    } else if let Some(lanes) = regions.lanes.filter(|r| r.contains(at)) {
        app.focus = Focus::Timeline;
        if let Some(pos) = layout::lanes_geometry(app, lanes).and_then(|g| g.event_at(column, row))
        {
            set_cursor(app, pos);
        }
    } else if regions.detail.is_some_and(|r| r.contains(at)) {
        app.focus = Focus::Detail;
    }
}

/// Scrolls the list so that the cursor's row is on screen, with its year heading when the
/// cursor is on the first event of a year; keeps the detail scroll in range.
pub fn keep_in_view(app: &mut App) {
    if let Some(scroll) = app.help.as_mut() {
        *scroll = (*scroll).min(layout::help_max_scroll(app.width, app.height));
    }
    let regions = layout::regions(app);
    // A pane that is not on screen (one pane at a time) keeps its position.
    if regions.detail.is_some() {
        let (_, max) = detail_view(app);
        app.detail_scroll = app.detail_scroll.min(max);
    }
    if regions.list.is_none() {
        return;
    }
    let height = list_height(app);
    let row = app.cursor_row();
    let top = if row > 0 && matches!(app.rows.get(row - 1), Some(Row::Year(_))) {
        row - 1
    } else {
        row
    };
    if top < app.list_offset {
        app.list_offset = top;
    }
    if row >= app.list_offset + height {
        app.list_offset = row + 1 - height;
    }
    let max_offset = app.rows.len().saturating_sub(height);
    app.list_offset = app.list_offset.min(max_offset);
}

//! `update(&mut App, Action)`: every change of UI state, pure and testable without a terminal.

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{App, Focus, Row};
use super::keymap::{self, KeyPress, Lookup, Mode};
use super::view;

/// Lines the mouse wheel moves per notch.
const WHEEL_STEP: usize = 3;

/// The mode keys are looked up in.
pub fn mode(app: &App) -> Mode {
    if app.help.is_some() {
        Mode::Help
    } else {
        match app.focus {
            Focus::Timeline => Mode::Timeline,
            Focus::Detail => Mode::Detail,
        }
    }
}

/// Feeds one key press through the keymap, keeping the start of a longer binding pending.
pub fn on_key(app: &mut App, key: KeyPress) {
    let mut seq = std::mem::take(&mut app.pending);
    seq.push(key);
    match keymap::lookup(mode(app), &seq) {
        Lookup::Action(action) => update(app, action),
        Lookup::Prefix => app.pending = seq,
        Lookup::None if seq.len() > 1 => on_key(app, key),
        Lookup::None => {}
    }
}

pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Quit => app.quit = true,
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
        }
        Action::ToggleHelp => {
            app.help = if app.help.is_some() { None } else { Some(0) };
        }
        _ if app.help.is_some() => help_action(app, action),
        Action::Back => match app.focus {
            Focus::Detail => app.focus = Focus::Timeline,
            Focus::Timeline => app.quit = true,
        },
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
    keep_in_view(app);
}

fn help_action(app: &mut App, action: Action) {
    let max = view::help::max_scroll(app.width, app.height);
    let scroll = app.help.get_or_insert(0);
    match action {
        Action::Back => app.help = None,
        Action::Down | Action::WheelDown { .. } => *scroll = (*scroll + 1).min(max),
        Action::Up | Action::WheelUp { .. } => *scroll = scroll.saturating_sub(1),
        _ => {}
    }
}

/// Rows of the timeline on screen (inside its border).
pub fn list_height(app: &App) -> usize {
    let regions = view::layout(area(app), app.focus);
    regions
        .list
        .map_or(1, |r| usize::from(r.height.saturating_sub(2)))
        .max(1)
}

/// Lines of the detail pane on screen, and how far it can scroll.
fn detail_view(app: &App) -> (usize, usize) {
    let regions = view::layout(area(app), app.focus);
    match regions.detail {
        Some(r) => {
            let height = usize::from(r.height.saturating_sub(2)).max(1);
            let lines = view::detail::line_count(app, r.width.saturating_sub(2));
            (height, lines.saturating_sub(height))
        }
        None => (1, 0),
    }
}

fn area(app: &App) -> Rect {
    Rect::new(0, 0, app.width, app.height)
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
    let regions = view::layout(area(app), app.focus);
    let at = Position::new(column, row);
    let motion = if down { Action::Down } else { Action::Up };
    if regions.list.is_some_and(|r| r.contains(at)) {
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
    let regions = view::layout(area(app), app.focus);
    let at = Position::new(column, row);
    if let Some(list) = regions.list.filter(|r| r.contains(at)) {
        app.focus = Focus::Timeline;
        let inner_row = usize::from(row.saturating_sub(list.y + 1));
        if row > list.y
            && let Some(Row::Event(pos)) = app.rows.get(app.list_offset + inner_row)
            && *pos != app.cursor
        {
            app.cursor = *pos;
            app.detail_scroll = 0;
        }
    } else if regions.detail.is_some_and(|r| r.contains(at)) {
        app.focus = Focus::Detail;
    }
}

/// Scrolls the list so that the cursor's row is on screen, with its year heading when the
/// cursor is on the first event of a year; keeps the detail scroll in range.
pub fn keep_in_view(app: &mut App) {
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
    let (_, max) = detail_view(app);
    app.detail_scroll = app.detail_scroll.min(max);
}

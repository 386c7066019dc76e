//! Moving: the cursor in the list, the detail's scroll, the mouse, and the jumps whose rules
//! are in the core (`query::nav`): by period, to a date, to an event sharing an actor, to the
//! next search hit; and the reference for relative dates.

use ratatui::layout::Position;

use super::super::action::Action;
use super::super::app::{App, Focus, Row, View};
use super::super::layout::{self, detail_view, list_height};
use super::set_cursor;
use crate::axis::{Unit, Zoom};
use crate::model::ShownIx;
use crate::query::nav::{self, HitStep, NoneSharing};

/// Lines the mouse wheel moves per notch.
const WHEEL_STEP: usize = 3;

pub(super) fn move_cursor(app: &mut App, motion: Action) {
    let last = app.shown.len().saturating_sub(1);
    let page = list_height(app);
    let at = app.cursor.get();
    let target = match motion {
        Action::Down => (at + 1).min(last),
        Action::Up => at.saturating_sub(1),
        Action::HalfPageDown => (at + (page / 2).max(1)).min(last),
        Action::HalfPageUp => at.saturating_sub((page / 2).max(1)),
        Action::PageDown => (at + page.saturating_sub(1).max(1)).min(last),
        Action::PageUp => at.saturating_sub(page.saturating_sub(1).max(1)),
        Action::First => 0,
        Action::Last => last,
        _ => at,
    };
    set_cursor(app, ShownIx::new(target));
}

pub(super) fn scroll_detail(app: &mut App, motion: Action) {
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

pub(super) fn wheel(app: &mut App, column: u16, row: u16, down: bool) {
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

pub(super) fn click(app: &mut App, column: u16, row: u16) {
    let regions = layout::regions(app);
    let at = Position::new(column, row);
    if let Some(list) = regions.list.filter(|r| r.contains(at)) {
        app.focus = Focus::Timeline;
        let inner_row = usize::from(row.saturating_sub(list.y + 1));
        if row > list.y
            && inner_row < usize::from(list.height.saturating_sub(2))
            && !(inner_row == 0
                && layout::sticky_year(app, usize::from(list.height.saturating_sub(2))).is_some())
            && let Some(&Row::Event(pos)) = app.rows.get(app.list_offset + inner_row)
        {
            set_cursor(app, pos);
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

/// `]`: the first event of the next year (or zoom unit) that has one. `[`: the first event
/// of the cursor's year when the cursor is past it, else of the previous year with events.
pub(super) fn step_period(app: &mut App, forward: bool) {
    let unit = match (app.view, app.lanes.zoom) {
        (View::Lanes, Zoom::In(u)) => u,
        _ => Unit::Year,
    };
    if app.shown.is_empty() {
        return;
    }
    match nav::step_period(&app.data, &app.shown, app.cursor, unit, forward) {
        Some(p) => set_cursor(app, p),
        None => {
            let which = if forward { "later" } else { "earlier" };
            app.status = Some(format!("no {which} {} has events", unit.name()));
        }
    }
}

/// Moves the cursor to the shown event nearest the period `date` means, saying so when
/// nothing falls on it (`typed` is the date as the person wrote it).
pub(super) fn go_to_date(app: &mut App, date: &crate::model::Point, typed: &str) {
    let Some(found) = nav::nearest(&app.data, &app.shown, date) else {
        app.status = Some("no event is shown (c clears the filters)".into());
        return;
    };
    if !found.exact {
        let on = app.data.events[app.shown[found.pos]].when.anchor().short();
        app.status = Some(format!("nothing on {typed}; the nearest event is on {on}"));
    }
    set_cursor(app, found.pos);
}

pub(super) fn next_hit(app: &mut App, forward: bool) {
    let complete = app.searching.is_none();
    match nav::next_hit(&app.hits, app.cursor, forward, complete) {
        HitStep::To(pos) => set_cursor(app, pos),
        HitStep::Wrapped(pos) => {
            let end = if forward { "top" } else { "bottom" };
            app.status = Some(format!("search wrapped to the {end}"));
            set_cursor(app, pos);
        }
        HitStep::Pending => app.status = Some("still searching…".into()),
        HitStep::None => {
            app.status = Some(match &app.search {
                Some(q) => super::prompt::no_mention(q),
                None => "no search yet: press / to search".into(),
            })
        }
    }
}

pub(super) fn same_actor(app: &mut App, forward: bool) {
    if app.current().is_none() {
        return;
    }
    match nav::same_actor(&app.data, &app.shown, app.cursor, forward) {
        Ok(pos) => set_cursor(app, pos),
        Err(NoneSharing::NoActor) => app.status = Some("this event names no actor".into()),
        Err(NoneSharing::NoneThatWay) => {
            let dir = if forward { "later" } else { "earlier" };
            app.status = Some(format!("no {dir} event shares an actor with this one"));
        }
    }
}

pub(super) fn toggle_reference(app: &mut App) {
    let Some(ev) = app.current_ix() else {
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

/// Scrolls the list so that the cursor's row is on screen, below the top row (its year
/// heading when the cursor is on the first event of a year, else the sticky year's row); keeps the detail and help scrolls in range.
pub fn keep_in_view(app: &mut App) {
    if app.help.is_some() {
        let max = layout::help_canvas(app).max_scroll();
        if let Some(h) = app.help.as_mut() {
            h.scroll = h.scroll.min(max);
        }
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
    // The row above the cursor stays on screen too: its year heading, or the row the year
    // of the rows on screen covers (`layout::sticky_year`), never the cursor's.
    let top = row.saturating_sub(1);
    if top < app.list_offset {
        app.list_offset = top;
    }
    if row >= app.list_offset + height {
        app.list_offset = row + 1 - height;
    }
    let max_offset = app.rows.len().saturating_sub(height);
    app.list_offset = app.list_offset.min(max_offset);
}

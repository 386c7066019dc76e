//! The lanes view: switching to it, zoom by calendar units around the cursor, panning by the
//! zoom unit, and the window following the cursor.

use super::super::app::{App, View};
use super::set_cursor;
use crate::axis::Zoom;
use crate::query::nav;

pub(super) fn toggle(app: &mut App) {
    app.view = match app.view {
        View::List => View::Lanes,
        View::Lanes => View::List,
    };
    follow_cursor(app);
}

pub(super) fn toggle_grouping(app: &mut App) {
    app.lanes.grouping = app.lanes.grouping.toggled();
    app.status = Some(format!("one lane per {}", app.lanes.grouping.name()));
}

/// In the lanes view, zoomed to a unit: when the cursor's event is outside the window, the
/// window moves to the unit holding it.
pub(super) fn follow_cursor(app: &mut App) {
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
pub(super) fn zoom(app: &mut App, finer: bool) {
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
pub(super) fn pan(app: &mut App, later: bool) {
    let Zoom::In(unit) = app.lanes.zoom else {
        app.status = Some("the whole span is in view: + zooms in".into());
        return;
    };
    app.lanes.at = unit.step(unit.floor(app.lanes.at), if later { 1 } else { -1 });
    let window = unit.window(app.lanes.at);
    if app.cursor_day().is_some_and(|d| window.contains(d)) {
        return;
    }
    if let Some(pos) = nav::first_within(&app.data, &app.shown, window.first, window.last) {
        set_cursor(app, pos);
    }
}

//! The density strip under the header: how many events fall in each stretch of the whole
//! span shown, as block characters, with year (or finer) labels, the cursor's event marked
//! `▲` and the visual range shaded. The counting is done by `axis` when the events shown
//! or the width change; this only draws.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::axis::{self, Window};
use crate::tui::app::{App, View};
use crate::tui::theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(window) = app.strip.window else {
        return;
    };
    if area.height < 2 || area.width < 3 {
        return;
    }
    let cols = area.width - 2;
    let x0 = area.x + 1;
    // The counts are kept for the app's width; a frame of another size counts afresh.
    let fresh;
    let counts = if app.strip.counts.len() == usize::from(cols) {
        &app.strip.counts
    } else {
        fresh = app.density(cols);
        &fresh
    };
    let bar_rows = area.height - 1;
    let heights = axis::heights(counts, bar_rows.min(u16::from(u8::MAX / 8)) as u8);
    let label_y = area.y + bar_rows;

    let cursor = app.current().and_then(|e| {
        let (first, last) = e.when.drawn_reach();
        window.columns(first, last, cols)
    });
    let selection = app.selected().and_then(|range| {
        let events = range.iter().map(|&i| &app.data.events[i]);
        let (first, last) = crate::model::span(events)?;
        window.columns(first, last, cols)
    });
    // In the lanes view, zoomed in: the stretch the lanes show.
    let in_view = match (app.view, app.lanes.zoom) {
        (View::Lanes, axis::Zoom::In(_)) => app
            .lanes_window()
            .and_then(|w| window.columns(w.first, w.last, cols)),
        _ => None,
    };
    let within = |c: u16, span: Option<(u16, u16)>| span.is_some_and(|(a, b)| a <= c && c <= b);

    for (c, &h) in heights.iter().enumerate() {
        let c = c as u16;
        let style = if within(c, cursor) {
            theme::STRIP_CURSOR
        } else if within(c, in_view) {
            theme::STRIP_IN_VIEW
        } else {
            theme::STRIP
        };
        for r in 0..bar_rows {
            let eighths = (i32::from(h) - 8 * i32::from(r)).clamp(0, 8) as u8;
            let y = label_y - 1 - r;
            let cell = &mut buf[(x0 + c, y)];
            cell.set_char(axis::block(eighths)).set_style(style);
            if within(c, selection) {
                cell.set_style(theme::SELECTED);
            }
        }
    }

    // Marked events: a mark at the top of their columns.
    let top = label_y - bar_rows;
    for &ev in &app.marks {
        if app.shown.binary_search(&ev).is_err() {
            continue;
        }
        let (first, last) = app.data.event(ev).when.drawn_reach();
        if let Some((a, b)) = window.columns(first, last, cols) {
            let c = a + (b - a) / 2;
            buf[(x0 + c, top)]
                .set_char(super::timeline::MARK)
                .set_style(theme::MARKED);
        }
    }
    labels(buf, (x0, label_y), window, cols, cursor, "▲", theme::DIM);
}

/// A row of tick labels for `window` across `cols` columns from `at`, with `marker` in the
/// middle of the cursor's columns, always: a label it falls on (or touches) is drawn in the
/// cursor's colour, and the marker over it, so that every event has its mark.
pub fn labels(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    window: Window,
    cols: u16,
    cursor: Option<(u16, u16)>,
    marker: &str,
    style: ratatui::style::Style,
) {
    let m = cursor.map(|(a, b)| a + (b - a) / 2);
    for t in axis::ticks(window, cols) {
        let w = crate::text::width(&t.label) as u16;
        let touches = m.is_some_and(|m| t.col <= m + 1 && m <= t.col + w);
        let style = if touches { theme::STRIP_CURSOR } else { style };
        buf.set_string(x + t.col, y, &t.label, style);
    }
    if let Some(m) = m {
        buf.set_string(x + m, y, marker, theme::STRIP_CURSOR);
    }
}

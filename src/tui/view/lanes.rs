//! The lanes view: a proportional time axis with one lane per actor (or tag). Ranges are
//! bars with their title inside, points are marks (`●`, `?` when uncertain, `○` when
//! approximate) followed by their title where there is room, and a point at month or year
//! precision draws a thin line over the period it may mean. The cursor's event is yellow in
//! every lane it appears in; the placing is done by `axis::lanes`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::axis::Zoom;
use crate::axis::lanes::{Lane, Placed};
use crate::model::when::year_text;
use crate::model::{End, Event};
use crate::text::{pad, sanitize, truncate};
use crate::tui::app::{App, Focus};
use crate::tui::layout::{LanesGeometry, lanes_geometry};
use crate::tui::theme;

/// "Lanes by actor · week of 12 Nov 2012".
fn title(app: &App) -> String {
    let what = match app.lanes.zoom {
        Zoom::All => match app.years() {
            Some((a, b)) if a != b => format!("all, {}–{}", year_text(a), year_text(b)),
            Some((a, _)) => format!("all, {}", year_text(a)),
            None => "all".to_string(),
        },
        Zoom::In(unit) => unit.title(app.lanes.at),
    };
    format!("Lanes by {} · {what}", app.lanes.grouping.name())
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Timeline && app.help.is_none();
    let title = title(app);
    let block = theme::pane(&title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(g) = lanes_geometry(app, area) else {
        let text = if app.shown.is_empty() {
            " No events."
        } else {
            " No room for the lanes."
        };
        buf.set_string(
            inner.x,
            inner.y,
            truncate(text, usize::from(inner.width)),
            theme::DIM,
        );
        return;
    };
    axis_row(app, &g, buf);
    if g.lanes.is_empty() {
        let text = " No event in this stretch: h / l move, - zooms out.";
        buf.set_string(
            inner.x,
            inner.y + 1,
            truncate(text, usize::from(inner.width)),
            theme::DIM,
        );
        return;
    }
    let selection = app.selection();
    let visible = g.visible_rows();
    let mut top = 0;
    for lane in g.lanes.iter() {
        let rows = top..top + lane.rows;
        top += lane.rows;
        if rows.end <= g.offset || rows.start >= g.offset + visible {
            continue;
        }
        let y_of = |row: usize| -> Option<u16> {
            let r = rows.start + row;
            (r >= g.offset && r < g.offset + visible).then(|| inner.y + 1 + (r - g.offset) as u16)
        };
        if let Some(y) = y_of(0) {
            lane_label(app, lane, &g, y, buf);
        }
        // Row by row, left to right; each title may run up to where the next item on its
        // row starts, found in one pass from the right.
        let mut items: Vec<&Placed> = lane.items.iter().collect();
        items.sort_by_key(|p| (p.row, p.first));
        let mut next = vec![g.cols; items.len()];
        for i in (0..items.len().saturating_sub(1)).rev() {
            let (p, q) = (items[i], items[i + 1]);
            if p.row == q.row {
                next[i] = if q.first > p.first {
                    q.first
                } else {
                    next[i + 1]
                };
            }
        }
        // Everything but the cursor first, so that the cursor is drawn on top; a mark that
        // stands for several events shows the cursor's when it is among them.
        let at_cursor = lane.item_of(app.cursor).copied();
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&i| Some(*items[i]) == at_cursor);
        for i in order {
            let p = items[i];
            let Some(y) = y_of(p.row) else { continue };
            let cursor = Some(*p) == at_cursor;
            let ev_ix = app.shown[if cursor { app.cursor } else { p.pos }];
            let ev = &app.data.events[ev_ix];
            let look = Look {
                cursor,
                selected: selection.is_some_and(|(a, b)| a <= p.through && p.pos <= b),
                marked: app.marks.contains(&ev_ix),
            };
            item(
                ev,
                || app.data.text(&ev.title),
                p,
                next[i],
                (g.axis_x, y),
                look,
                buf,
            );
        }
    }
    if g.total_rows > visible {
        let mut state = ScrollbarState::new(g.total_rows - visible + 1)
            .viewport_content_length(visible)
            .position(g.offset);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(area.inner(Margin::new(0, 1)), buf, &mut state);
    }
}

/// The tick labels over the axis, and `▼` over the cursor's event.
fn axis_row(app: &App, g: &LanesGeometry, buf: &mut Buffer) {
    let cursor = app.current().and_then(|e| {
        let (a, b) = e.when.drawn_reach();
        g.window.columns(a, b, g.cols)
    });
    super::strip::labels(
        buf,
        (g.axis_x, g.inner.y),
        g.window,
        g.cols,
        cursor,
        "▼",
        theme::DATE,
    );
}

fn lane_label(app: &App, lane: &Lane, g: &LanesGeometry, y: u16, buf: &mut Buffer) {
    let room = usize::from(g.label_width);
    let (name, style) = if lane.name.is_empty() {
        (format!("(no {})", app.lanes.grouping.name()), theme::DIM)
    } else {
        (sanitize(&lane.name).into_owned(), theme::ACTORS)
    };
    let name = if lane.crowded {
        // Some events overlap: say so with a `+` after the (shortened) name.
        format!("{}+", truncate(&name, room - 1))
    } else {
        truncate(&name, room)
    };
    buf.set_string(g.inner.x, y, name, style);
}

/// How an item stands out: under the cursor, in the range, marked.
#[derive(Clone, Copy)]
struct Look {
    cursor: bool,
    selected: bool,
    marked: bool,
}

/// How a marked event is drawn in its lane.
const MARKED: char = '◆';

/// One event on its row: `first..=last` are its columns, `next` the column where the next
/// item on the row starts (the title may run up to it); `(x0, y)` is where column 0 is.
fn item<'t>(
    ev: &Event,
    title: impl FnOnce() -> &'t str,
    p: &Placed,
    next: u16,
    (x0, y): (u16, u16),
    look: Look,
    buf: &mut Buffer,
) {
    let Look {
        cursor,
        selected,
        marked,
    } = look;
    let uncertain = is_uncertain(ev);
    // The title is read only where it is drawn: a busy lane zoomed out has many marks and
    // room for few titles.
    let title = || sanitize(crate::text::head(title(), super::timeline::TITLE_BYTES));
    let x = |col: u16| x0 + col;
    if ev.when.is_interval() {
        let style = if cursor {
            theme::BAR_CURSOR
        } else if selected {
            theme::SELECTED.fg(ratatui::style::Color::White)
        } else if uncertain {
            theme::BAR_UNCERTAIN
        } else {
            theme::BAR
        };
        // Drawn with a line as well as a colour, so that it reads without colours too.
        let cells = p.last - p.first + 1;
        for c in p.first..=p.last {
            buf[(x(c), y)].set_char('━').set_style(style);
        }
        let open = matches!(ev.when.end_bound(), Some(End::Open));
        if open {
            buf[(x(p.last), y)].set_char('→');
        }
        if marked {
            let mark_style = if cursor { style } else { theme::MARKED };
            buf[(x(p.first), y)].set_char(MARKED).set_style(mark_style);
        }
        // The title inside the bar, when at least a few letters fit.
        let room = usize::from(cells.saturating_sub(4 + u16::from(open)));
        if room >= 3 {
            let title = format!(" {} ", truncate(&title(), room));
            buf.set_string(x(p.first + 1), y, title, style);
        }
        return;
    }
    let (mark, style) = match (
        marked,
        uncertain,
        ev.when.anchor().qualifier.is_approximate(),
    ) {
        (true, _, _) => (MARKED, theme::MARKED),
        (false, true, _) => ('?', theme::MARK_UNCERTAIN),
        (false, false, true) => ('○', theme::MARK),
        (false, false, false) => ('●', theme::MARK),
    };
    let style = if cursor {
        theme::BAR_CURSOR
    } else if selected {
        theme::SELECTED
    } else {
        style
    };
    // A date coarser than a day (a month, zoomed in) draws a line over the days it may mean.
    if ev.when.precision() < crate::model::when::Precision::Day {
        for c in p.first + 1..=p.last {
            buf[(x(c), y)].set_char('─').set_style(theme::DIM);
        }
    }
    buf[(x(p.first), y)].set_char(mark).set_style(style);
    let room = usize::from(next.saturating_sub(p.first + 3));
    if room >= 4 {
        let text_style = if cursor {
            theme::BAR_CURSOR
        } else if selected {
            theme::SELECTED
        } else {
            Style::default()
        };
        // Padded to its room, so that an event overlapping in a crowded lane leaves no
        // letters of its own behind.
        buf.set_string(x(p.first + 1), y, " ", text_style);
        buf.set_string(x(p.first + 2), y, pad(&title(), room), text_style);
    }
}

/// Whether the event's date (either end of a range) is marked uncertain.
fn is_uncertain(ev: &Event) -> bool {
    let q = |p: Option<&crate::model::Point>| p.is_some_and(|p| p.qualifier.is_uncertain());
    q(ev.when.start()) || q(ev.when.end()) || matches!(ev.when.end_bound(), Some(End::Unknown))
}

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
use crate::model::{End, Event, EventIx};
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
    render_with(app, area, buf, true);
}

/// `render` drawing every item of the lanes on screen, covered or not: the reference the
/// tests hold `render` to (tests/lanes_counts.rs).
#[doc(hidden)]
pub fn render_every_item(app: &App, area: Rect, buf: &mut Buffer) {
    render_with(app, area, buf, false);
}

/// `render`; with `cull`, what a later item on its row covers entirely is not drawn (the
/// frame is the same: see `hidden`).
fn render_with(app: &App, area: Rect, buf: &mut Buffer, cull: bool) {
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
        let looks: Vec<(Look, EventIx)> = items
            .iter()
            .map(|p| {
                let cursor = Some(**p) == at_cursor;
                let ev_ix = app.shown[if cursor { app.cursor } else { p.pos }];
                let look = Look {
                    cursor,
                    selected: selection.is_some_and(|(a, b)| a <= p.through && p.pos <= b),
                    marked: app.marks.contains(&ev_ix),
                };
                (look, ev_ix)
            })
            .collect();
        let draw = if cull {
            hidden(app, &items, &next, &looks, &order, g.cols, |row| {
                y_of(row).is_some()
            })
        } else {
            vec![Draw::All; items.len()]
        };
        for i in order {
            let p = items[i];
            let Some(y) = y_of(p.row) else { continue };
            if draw[i] == Draw::Nothing {
                continue;
            }
            let (look, ev_ix) = looks[i];
            let ev = &app.data.events[ev_ix];
            item(
                ev,
                (draw[i] == Draw::All).then_some(|| app.data.text(&ev.title)),
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
/// item on the row starts (the title may run up to it; no title when `title` is `None`);
/// `(x0, y)` is where column 0 is.
fn item<'t>(
    ev: &Event,
    title: Option<impl FnOnce() -> &'t str>,
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
    let title =
        title.map(|t| move || sanitize(crate::text::head(t(), super::timeline::TITLE_BYTES)));
    let x = |col: u16| x0 + col;
    if ev.when.is_interval() {
        let style = bar_style(look, uncertain);
        // Drawn with a line as well as a colour, so that it reads without colours too.
        for c in p.first..=p.last {
            buf[(x(c), y)].set_char('━').set_style(style);
        }
        if matches!(ev.when.end_bound(), Some(End::Open)) {
            buf[(x(p.last), y)].set_char('→');
        }
        if marked {
            let mark_style = if cursor { style } else { theme::MARKED };
            buf[(x(p.first), y)].set_char(MARKED).set_style(mark_style);
        }
        // The title inside the bar, when at least a few letters fit before its end and
        // before the next item on its row (in a crowded row, one may start inside the bar).
        if let (Some(title), Some((_, _, room))) = (title, title_cols(ev, p, next)) {
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
    if let (Some(title), Some((_, _, room))) = (title, title_cols(ev, p, next)) {
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

/// A bar's colours.
fn bar_style(look: Look, uncertain: bool) -> Style {
    if look.cursor {
        theme::BAR_CURSOR
    } else if look.selected {
        theme::SELECTED.fg(ratatui::style::Color::White)
    } else if uncertain {
        theme::BAR_UNCERTAIN
    } else {
        theme::BAR
    }
}

/// The columns an item's title may take when it has room for one, and how many letters:
/// inside a bar, or after a point's mark up to the next item on its row. (For a title whose
/// characters are `one_cell`, the columns it takes.)
fn title_cols(ev: &Event, p: &Placed, next: u16) -> Option<(u16, u16, usize)> {
    if ev.when.is_interval() {
        let open = matches!(ev.when.end_bound(), Some(End::Open));
        let room = bar_title_room(p.last - p.first + 1, open, p, next);
        // " title ": at most room + 2 cells.
        (room >= 3).then(|| (p.first + 1, p.first + room + 2, usize::from(room)))
    } else {
        let room = next.saturating_sub(p.first + 3);
        (room >= 4).then(|| (p.first + 1, p.first + 1 + room, usize::from(room)))
    }
}

/// How many letters of a title a bar of `cells` cells has room for: inside the bar (less the
/// spaces around the title, and the arrow of an open end) and before `next`, where the next
/// item on its row starts.
fn bar_title_room(cells: u16, open: bool, p: &Placed, next: u16) -> u16 {
    cells
        .saturating_sub(4 + u16::from(open))
        .min(next.saturating_sub(p.first + 3))
}

/// Whether a character takes one cell and a grapheme of its own, as `text::truncate` and
/// the terminal both count it (and `sanitize` leaves it): printable ASCII, Latin letters,
/// Cyrillic (without its combining marks), dashes, `…`, `№`. A title of these has a known
/// width; any other counts as reaching anywhere.
fn one_cell(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A1}'..='\u{AC}'
        | '\u{AE}'..='\u{24F}'
        | '\u{400}'..='\u{482}'
        | '\u{48A}'..='\u{4FF}'
        | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{2116}')
}

/// What of an item is drawn.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Draw {
    All,
    /// All but its title, which a later item covers.
    NoTitle,
    Nothing,
}

/// Which items of a lane (`order` is the drawing order) a later item on their row covers
/// entirely, so that drawing them changes nothing: a bar sets the symbol and both colours of
/// each of its columns whatever was there, and an item other than the cursor's or a marked
/// one adds no modifier and no underline colour, so leaving it out leaves the same frame.
/// The cursor's item and marked items are always drawn; a title with a character not
/// `one_cell` (as far as it can show) counts as reaching anywhere, so its item is drawn.
fn hidden(
    app: &App,
    items: &[&Placed],
    next: &[u16],
    looks: &[(Look, EventIx)],
    order: &[usize],
    cols: u16,
    on_screen: impl Fn(usize) -> bool,
) -> Vec<Draw> {
    let mut draw = vec![Draw::All; items.len()];
    let rows = items.iter().map(|p| p.row + 1).max().unwrap_or(0);
    // Per row: which columns a later item covers, and how many.
    let mut covered = vec![(vec![false; usize::from(cols)], 0usize); rows];
    for &i in order.iter().rev() {
        let p = items[i];
        if !on_screen(p.row) {
            continue;
        }
        let (look, ev_ix) = looks[i];
        let ev = &app.data.events[ev_ix];
        let (cells, count) = &mut covered[p.row];
        let all = |a: u16, b: u16| {
            *count == usize::from(cols)
                || (usize::from(b) < cells.len()
                    && cells[usize::from(a)..=usize::from(b)].iter().all(|&c| c))
        };
        if !look.cursor && !look.marked {
            let body = all(p.first, p.last);
            draw[i] = match title_cols(ev, p, next[i]) {
                None if body => Draw::Nothing,
                None => Draw::All,
                Some((a, b, room)) => {
                    // As far as can show: `room` cells, or room − 1 and `…` when longer.
                    let title = app.data.text(&ev.title);
                    if !title.chars().take(room + 1).all(one_cell) || !all(a, b) {
                        Draw::All
                    } else if body {
                        Draw::Nothing
                    } else {
                        Draw::NoTitle
                    }
                }
            };
        }
        if draw[i] != Draw::Nothing && ev.when.is_interval() {
            let style = bar_style(look, is_uncertain(ev));
            if style.fg.is_some() && style.bg.is_some() {
                let last = usize::from(p.last).min(cells.len() - 1);
                for c in &mut cells[usize::from(p.first)..=last] {
                    if !*c {
                        *c = true;
                        *count += 1;
                    }
                }
            }
        }
    }
    draw
}

/// Whether the event's date (either end of a range) is marked uncertain.
fn is_uncertain(ev: &Event) -> bool {
    let q = |p: Option<&crate::model::Point>| p.is_some_and(|p| p.qualifier.is_uncertain());
    q(ev.when.start()) || q(ev.when.end()) || matches!(ev.when.end_bound(), Some(End::Unknown))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters taken to be one cell are one cell to `text` and to the buffer, each a
    /// grapheme of its own.
    #[test]
    fn one_cell_characters_are_one_cell_everywhere() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| one_cell(c))
        {
            let s = format!("{c}{c}x");
            assert_eq!(crate::text::width(&s), 3, "{c:?}");
            assert_eq!(sanitize(&s), s.as_str(), "{c:?}");
            buf.reset();
            buf.set_string(0, 0, &s, Style::default());
            let one = c.to_string();
            assert_eq!(buf[(0, 0)].symbol(), one, "{c:?}");
            assert_eq!(buf[(1, 0)].symbol(), one, "{c:?}");
            assert_eq!(buf[(2, 0)].symbol(), "x", "{c:?}");
        }
    }

    /// A bar's title stops before the next item on its row, as a point's does: in a crowded
    /// row the marks drawn over a bar leave no letters of its title between them.
    #[test]
    fn a_bars_title_stops_before_the_next_item_on_its_row() {
        let p = |first: u16, last: u16| Placed {
            pos: crate::model::ShownIx::new(0),
            through: crate::model::ShownIx::new(0),
            more: 0,
            first,
            last,
            row: 0,
        };
        // A bar of 40 cells: room for 36 letters alone, 7 before an item at column 10.
        assert_eq!(bar_title_room(40, false, &p(0, 39), u16::MAX), 36);
        assert_eq!(bar_title_room(40, true, &p(0, 39), u16::MAX), 35);
        assert_eq!(bar_title_room(40, false, &p(0, 39), 10), 7);
        assert_eq!(bar_title_room(40, false, &p(5, 44), 10), 2);
        assert_eq!(bar_title_room(3, false, &p(5, 7), 100), 0);
    }

    /// Items other than the cursor's and marked ones add no modifier or underline colour
    /// where they are drawn, which `hidden` relies on; bars set both colours.
    #[test]
    fn styles_of_items_that_may_be_left_out_are_plain() {
        let plain = |s: Style| {
            s.add_modifier.is_empty() && s.sub_modifier.is_empty() && s.underline_color.is_none()
        };
        for s in [
            theme::BAR,
            theme::BAR_UNCERTAIN,
            theme::SELECTED,
            theme::SELECTED.fg(ratatui::style::Color::White),
            theme::MARK,
            theme::MARK_UNCERTAIN,
            theme::DIM,
            Style::default(),
        ] {
            assert!(plain(s), "{s:?}");
        }
        for selected in [false, true] {
            for uncertain in [false, true] {
                for cursor in [false, true] {
                    let look = Look {
                        cursor,
                        selected,
                        marked: false,
                    };
                    let s = bar_style(look, uncertain);
                    assert!(s.fg.is_some() && s.bg.is_some());
                }
            }
        }
    }
}

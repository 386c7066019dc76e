//! The timeline list: year headings and one row per event; the year of the rows on screen
//! stays at the top when its heading has scrolled off. Only the rows on screen are built.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::model::when::{elapsed_text, relative_text, year_text};
use crate::model::{End, Event};
use crate::text::{pad, sanitize, truncate, width};

/// More of a title than any row can show (a few thousand cells).
pub const TITLE_BYTES: usize = 4096;
use crate::tui::app::{App, Focus, Row};
use crate::tui::theme;

/// How a marked event (`m`) is shown, beside the cursor's marker.
pub const MARK: char = '•';

/// Cells of the date column: "13 Nov?" is the widest.
const DATE_WIDTH: usize = 7;
/// … and with a time of day, where events share a day: "13 Nov 19:41:07".
const CLOCK_WIDTH: usize = 16;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Timeline && app.help.is_none();
    let block = theme::pane("Timeline", focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if app.shown.is_empty() {
        Line::styled(" No events.", theme::DIM).render(inner, buf);
        return;
    }
    let visible = app
        .rows
        .iter()
        .skip(app.list_offset)
        .take(usize::from(inner.height));
    let selection = app.selection();
    let reference = app
        .reference
        .map(|r| app.data.events[r].when.anchor().first_day);
    // The year of the rows on screen, over the top row, when its heading is above them.
    let sticky = crate::tui::layout::sticky_year(app, usize::from(inner.height));
    for (i, row) in visible.enumerate() {
        let line_area = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        let row = match sticky {
            Some(y) if i == 0 => Row::Year(y),
            _ => *row,
        };
        let line = match row {
            Row::Year(y) => Line::styled(format!(" {}", year_text(y)), theme::YEAR),
            Row::Gap { from, to } => {
                Line::styled(format!("· {} ·", elapsed_text(from, to)), theme::GAP).centered()
            }
            Row::Event(pos) => {
                let ev = &app.data.events[app.shown[pos]];
                let is_cursor = pos == app.cursor;
                let selected = selection.is_some_and(|(a, b)| (a..=b).contains(&pos));
                if selected {
                    buf.set_style(line_area, theme::SELECTED);
                }
                if is_cursor {
                    let style = if focused {
                        theme::CURSOR
                    } else {
                        theme::CURSOR_UNFOCUSED
                    };
                    buf.set_style(line_area, style);
                }
                let marker = match (is_cursor, selected) {
                    (true, _) => '▶',
                    (false, true) => '┃',
                    (false, false) => ' ',
                };
                let mark = if app.marks.contains(&app.shown[pos]) {
                    MARK
                } else {
                    ' '
                };
                let marker = format!("{marker}{mark}");
                let date = match reference {
                    Some(r) => relative_text(r, ev.when.anchor().first_day),
                    None if app.clock => ev.when.anchor().in_year_with_clock(),
                    None => ev.when.anchor().in_year(),
                };
                event_line(
                    ev,
                    app.data.text(&ev.title),
                    &marker,
                    &date,
                    if app.clock { CLOCK_WIDTH } else { DATE_WIDTH },
                    usize::from(inner.width),
                    app.search.as_deref(),
                )
            }
        };
        line.render(line_area, buf);
    }
    if app.rows.len() > usize::from(inner.height) {
        let mut state = ScrollbarState::new(app.rows.len() - usize::from(inner.height) + 1)
            .viewport_content_length(usize::from(inner.height))
            .position(app.list_offset);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(area.inner(Margin::new(0, 1)), buf, &mut state);
    }
}

/// "▶ 13 Nov  Title → 7 May 2008 · 8 years", cut to `cells`; the marker is "▶" at the
/// cursor, "┃" in the visual range, then `•` for a marked event; `date` is the date as the
/// list words it ("13 Nov", or
/// "T−3d" from a reference). For an interval the span is
/// worded as fully as the room allows the whole title to stay: "→ 7 May 2008 · 8 years",
/// "→ 7 May 2008", then "→ 2008" beside a shortened title.
fn event_line(
    ev: &Event,
    title: &str,
    marker: &str,
    date: &str,
    date_width: usize,
    cells: usize,
    search: Option<&str>,
) -> Line<'static> {
    let date = pad(date, date_width);
    // A title is cut before it is cleaned and measured: only a line of it is shown.
    let title = sanitize(crate::text::head(title, TITLE_BYTES));
    let room = cells.saturating_sub(width(marker) + date_width + 1);
    let spans = span_wordings(ev);
    let fits = spans
        .iter()
        .find(|s| width(&title) + width(s) <= room)
        .cloned();
    let (title, span) = match fits {
        Some(span) => (title.into_owned(), span),
        None => {
            let span = spans.last().cloned().unwrap_or_default();
            let span = truncate(&span, room / 2);
            (truncate(&title, room.saturating_sub(width(&span))), span)
        }
    };
    let mut spans = vec![
        Span::raw(marker.to_string()),
        Span::styled(date, theme::DATE),
        Span::raw(" "),
    ];
    spans.extend(theme::highlight(&title, search, Style::default()));
    spans.push(Span::styled(span, theme::DIM));
    Line::from(spans)
}

/// The ways to word where an interval goes, longest first; one empty wording for a point.
fn span_wordings(ev: &Event) -> Vec<String> {
    if !ev.when.is_interval() {
        return vec![String::new()];
    }
    match ev.when.end() {
        Some(end) => {
            let mut v = Vec::new();
            if let Some(len) = ev.when.span_text() {
                v.push(format!(" → {} · {len}", end.short()));
            }
            v.push(format!(" → {}", end.short()));
            let same_year = ev.when.start().is_some_and(|s| s.year() == end.year());
            let compact = if same_year {
                end.in_year()
            } else {
                year_text(end.year())
            };
            v.push(format!(" → {compact}"));
            v
        }
        None => match ev.when.end_bound() {
            Some(End::Open) => vec![" → ongoing".to_string()],
            Some(End::Unknown) => vec![" → ?".to_string()],
            _ => vec![String::new()],
        },
    }
}

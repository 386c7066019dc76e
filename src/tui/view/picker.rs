//! The actor picker: a popup that ranks actors as you type, marks the matched characters,
//! and lets you choose several.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::query::ActorMode;
use crate::text::{pad, sanitize, truncate, width};
use crate::tui::app::{App, Picker};
use crate::tui::theme;

/// Rows above the list: the query line and the any/all line.
const HEAD: u16 = 2;

pub fn render(app: &App, p: &Picker, screen: Rect, buf: &mut Buffer) {
    let Some(inner) = frame(
        screen,
        buf,
        "Actors",
        " Enter apply · Tab choose · Ctrl-a any/all · Esc ",
        &p.query,
    ) else {
        return;
    };
    let cells = usize::from(inner.width);
    if inner.height > 1 {
        let (any, all) = match p.mode {
            ActorMode::Any => (theme::MODE, theme::DIM),
            ActorMode::All => (theme::DIM, theme::MODE),
        };
        Line::from(vec![
            Span::styled(
                format!("{} of {} · ", p.results.len(), app.data.actors.len()),
                theme::DIM,
            ),
            Span::styled(
                format!("{} chosen · events with ", p.chosen.len()),
                theme::DIM,
            ),
            Span::styled(" any ", any),
            Span::raw(" "),
            Span::styled(" all ", all),
        ])
        .render(
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
            buf,
        );
    }
    for (i, row) in rows(inner, p.selected, p.results.len()) {
        let m = &p.results[i];
        let a = app.data.actor(m.actor);
        let mark = if p.chosen.contains(&m.actor) {
            "[x] "
        } else {
            "[ ] "
        };
        let kind = a.kind.map_or("", |k| k.as_str());
        let count = app.actor_index().event_count(m.actor);
        let tail = format!(" {kind:<12} {count:>3}");
        let name_room = cells.saturating_sub(width(mark) + width(&tail));
        let mut spans = vec![Span::raw(mark)];
        // The matched characters are marked in the name, or in the alias that matched.
        let name = sanitize(&a.name).into_owned();
        match &m.via {
            None => spans.extend(marked(&name, &m.positions, name_room)),
            Some(alias) => {
                let alias = sanitize(alias).into_owned();
                let name_part = truncate(&name, name_room / 2);
                let rest = name_room.saturating_sub(width(&name_part) + 3);
                spans.push(Span::raw(name_part));
                spans.push(Span::styled(" ~ ", theme::DIM));
                spans.extend(marked(&alias, &m.positions, rest));
            }
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::raw(
            " ".repeat(cells.saturating_sub(used + width(&tail))),
        ));
        spans.push(Span::styled(tail, theme::DIM));
        if i == p.selected {
            buf.set_style(row, theme::CURSOR);
        }
        Line::from(spans).render(row, buf);
    }
}

/// A picker's popup (the actors', the tags'): its frame with how to use it (shortened to
/// how to apply when narrow) and the query line; the area inside, unless there is none.
pub(super) fn frame(
    screen: Rect,
    buf: &mut Buffer,
    title: &str,
    hint: &str,
    query: &str,
) -> Option<Rect> {
    let r = crate::tui::layout::picker_area(screen);
    let hint = if usize::from(r.width) >= width(hint) + 4 {
        hint
    } else {
        " Enter apply · Esc "
    };
    let block = theme::popup(r, buf, title, hint);
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width == 0 {
        return None;
    }
    let cells = usize::from(inner.width);
    Line::from(vec![
        Span::styled("> ", theme::KEY),
        Span::raw(truncate(&sanitize(query), cells.saturating_sub(3))),
        Span::styled(" ", theme::CURSOR),
    ])
    .render(Rect { height: 1, ..inner }, buf);
    Some(inner)
}

/// The list's rows under the picker's two head lines: which result goes on which row, the
/// selected one kept in view.
pub(super) fn rows(inner: Rect, selected: usize, len: usize) -> Vec<(usize, Rect)> {
    let list_h = usize::from(inner.height.saturating_sub(HEAD));
    let offset = selected.saturating_sub(list_h.saturating_sub(1));
    (offset..len.min(offset + list_h))
        .map(|i| {
            let y = inner.y + HEAD + (i - offset) as u16;
            (
                i,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            )
        })
        .collect()
}

/// `text` cut to `room` cells with the characters at `positions` marked.
fn marked(text: &str, positions: &[usize], room: usize) -> Vec<Span<'static>> {
    let text = pad(text, room);
    let text = text.trim_end();
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let style = if positions.contains(&i) {
                theme::MATCHED
            } else {
                Style::default()
            };
            Span::styled(c.to_string(), style)
        })
        .collect()
}

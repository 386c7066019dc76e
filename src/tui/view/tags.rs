//! The tag picker: a popup of tags with their counts, narrowed as you type.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::query::fold;
use crate::text::{sanitize, truncate, width};
use crate::tui::app::TagPicker;
use crate::tui::theme;

pub fn render(p: &TagPicker, screen: Rect, buf: &mut Buffer) {
    let Some(inner) = super::picker::frame(
        screen,
        buf,
        "Tags",
        " Enter apply · Tab choose · Esc ",
        &p.query,
    ) else {
        return;
    };
    let cells = usize::from(inner.width);
    if inner.height > 1 {
        Line::styled(
            format!(
                "{} of {} · {} chosen · events with any of them",
                p.results.len(),
                p.tags.len(),
                p.chosen.len()
            ),
            theme::DIM,
        )
        .render(
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
            buf,
        );
    }
    for (row, area) in super::picker::rows(inner, p.selected, p.results.len()) {
        let i = p.results[row];
        let (tag, count) = &p.tags[i];
        let mark = if p.chosen.contains(&fold(tag)) {
            "[x] "
        } else {
            "[ ] "
        };
        let tail = format!(" {count:>5}");
        let name = truncate(
            &sanitize(tag),
            cells.saturating_sub(width(mark) + width(&tail)),
        );
        let gap = cells.saturating_sub(width(mark) + width(&name) + width(&tail));
        if row == p.selected {
            buf.set_style(area, theme::CURSOR);
        }
        Line::from(vec![
            Span::raw(mark),
            Span::raw(name),
            Span::raw(" ".repeat(gap)),
            Span::styled(tail, theme::DIM),
        ])
        .render(area, buf);
    }
}

//! The top line: dataset title and counts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme;
use crate::text::{sanitize, truncate, width};
use crate::tui::app::App;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let n = app.shown.len();
    let mut right = format!("{n} event{}", if n == 1 { "" } else { "s" });
    match app.years {
        Some((a, b)) if a == b => right.push_str(&format!(" · {a}")),
        Some((a, b)) => right.push_str(&format!(" · {a}–{b}")),
        None => {}
    }
    right.push(' ');
    let right_w = (width(&right) as u16).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(area);
    let title = sanitize(&app.data.title);
    let room = usize::from(left_area.width).saturating_sub(" annals · ".len() + 1);
    Line::from(vec![
        Span::styled(" annals", theme::TITLE),
        Span::styled(" · ", theme::DIM),
        Span::raw(truncate(&title, room)),
    ])
    .render(left_area, buf);
    Line::from(Span::styled(right, theme::DIM)).render(right_area, buf);
}

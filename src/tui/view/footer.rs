//! The bottom line: mode, key hints from the keymap, position.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme;
use crate::tui::app::App;
use crate::tui::keymap::{self, Mode};
use crate::tui::update::mode;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let mode = mode(app);
    let label = match mode {
        Mode::Timeline => " NORMAL ",
        Mode::Detail => " DETAIL ",
        Mode::Help | Mode::Any => " HELP ",
    };
    let position = if app.shown.is_empty() {
        "0/0 ".to_string()
    } else {
        format!("{}/{} ", app.cursor + 1, app.shown.len())
    };
    let [left, right] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(position.chars().count() as u16),
    ])
    .areas(area);
    let mut spans = vec![Span::styled(label, theme::MODE), Span::raw(" ")];
    let pending: String = app
        .pending
        .iter()
        .filter_map(|k| match k.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        })
        .collect();
    if !pending.is_empty() {
        spans.push(Span::styled(format!("{pending}…  "), theme::KEY));
    }
    // Whole hints only, as many as fit.
    let mut room = usize::from(left.width).saturating_sub(spans.iter().map(|s| s.width()).sum());
    for (key, hint) in keymap::hints(mode) {
        let text = format!(" {hint}  ");
        let need = crate::text::width(&key) + crate::text::width(&text);
        if need > room {
            break;
        }
        room -= need;
        spans.push(Span::styled(key, theme::KEY));
        spans.push(Span::raw(text));
    }
    Line::from(spans).render(left, buf);
    Line::from(Span::styled(position, theme::DIM)).render(right, buf);
}

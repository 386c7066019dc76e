//! The top line: dataset title and counts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::model::when::year_text;
use crate::text::{plural, sanitize, truncate, width};
use crate::tui::app::App;
use crate::tui::theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (n, total) = (app.shown.len(), app.data.events.len());
    let events = plural(total, "event");
    let mut right = if app.filter.is_empty() {
        events
    } else {
        format!("{n} of {events}")
    };
    let f = &app.filter;
    if !f.actors.is_empty() {
        let names: Vec<String> = f
            .actors
            .iter()
            .map(|&a| sanitize(&app.data.actor(a).name).into_owned())
            .collect();
        let label = match (names.len(), f.mode) {
            (1, _) => "actor",
            (_, crate::query::ActorMode::Any) => "any of",
            (_, crate::query::ActorMode::All) => "all of",
        };
        right.push_str(&format!(" · {label}: {}", names.join(", ")));
    }
    if f.only.is_some() {
        right.push_str(" · marked only");
    }
    if !f.conditions.is_empty() {
        let text = crate::query::condition::list_text(&f.conditions);
        right.push_str(&format!(" · where {}", sanitize(&text)));
    }
    let dates = f.dates_text();
    if !dates.is_empty() {
        right.push_str(&format!(" · {dates}"));
    }
    match app.years() {
        Some((a, b)) if a == b => right.push_str(&format!(" · {}", year_text(a))),
        Some((a, b)) => right.push_str(&format!(" · {}–{}", year_text(a), year_text(b))),
        None => {}
    }
    right.push(' ');
    let right = truncate(&right, usize::from(area.width) * 2 / 3);
    let right_w = (width(&right) as u16).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(area);
    let title = sanitize(&app.data.title);
    let room = usize::from(left_area.width).saturating_sub(width(" annals · ") + 1);
    Line::from(vec![
        Span::styled(" annals", theme::TITLE),
        Span::styled(" · ", theme::DIM),
        Span::raw(truncate(&title, room)),
    ])
    .render(left_area, buf);
    Line::from(Span::styled(right, theme::DIM)).render(right_area, buf);
}

//! The bottom line: mode, key hints from the keymap (or a message, or the open prompt),
//! search hits and position.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::text::{sanitize, truncate, width};
use crate::tui::app::{App, Prompt, PromptKind};
use crate::tui::mode::Mode;
use crate::tui::theme;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(p) = &app.prompt {
        return prompt(app, p, area, buf);
    }
    if let Some(ix) = app.keep.deleting {
        return super::keep::delete_question(app, ix, area, buf);
    }
    let mode = app.mode();
    let label = match mode {
        Mode::Picker if app.tag_picker.is_some() => " TAGS ".to_string(),
        _ => format!(" {} ", mode.label()),
    };
    let mut right = String::new();
    if let Some(q) = &app.search {
        let (at, of) = app.hit_position();
        let more = search_more(app);
        // As typed (`égalité`), when it is still the search folded.
        let typed = app
            .search_typed
            .as_ref()
            .filter(|t| crate::query::fold(t) == *q)
            .unwrap_or(q);
        right.push_str(&format!(
            "/{} {at}/{of}{more}  ",
            truncate(&sanitize(typed), 16)
        ));
    }
    if let Some((a, b)) = app.selection() {
        right.push_str(&format!("{} selected  ", b.get() - a.get() + 1));
    }
    // The counter takes the width of its widest value, so that the hints beside it do not
    // come and go as the cursor moves from 9/54 to 10/54.
    let n = app.shown.len();
    let counter = if n == 0 {
        "0/0 ".to_string()
    } else {
        format!("{}/{n} ", app.cursor.get() + 1)
    };
    let widest = width(&format!("{n}/{n} "));
    right.push_str(&" ".repeat(widest.saturating_sub(width(&counter))));
    right.push_str(&counter);
    let right_w = (width(&right) as u16).min(area.width / 2);
    let [left, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(area);
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
    // A cell between what is said and the counter.
    let mut room =
        usize::from(left.width).saturating_sub(spans.iter().map(|s| s.width()).sum::<usize>() + 1);
    if let Some(status) = &app.status {
        spans.push(Span::styled(
            truncate(&sanitize(status), room),
            theme::NOTICE,
        ));
    } else if let Some(problem) = &app.file_problem {
        // Stays until the file can be read again: what is on screen is the last good data.
        let text = format!("last good data shown; the file: {problem}");
        spans.push(Span::styled(truncate(&sanitize(&text), room), theme::ERROR));
    } else {
        // Whole hints only, as many as fit.
        for (key, hint) in app.keymap.hints(mode) {
            let text = format!(" {hint}  ");
            let need = width(&key) + width(&text);
            if need > room {
                break;
            }
            room -= need;
            spans.push(Span::styled(key, theme::KEY));
            spans.push(Span::raw(text));
        }
    }
    Line::from(spans).render(left, buf);
    Line::from(Span::styled(right, theme::DIM))
        .right_aligned()
        .render(right_area, buf);
}

/// "+ 45%" after the hit count while a search is still going.
fn search_more(app: &App) -> String {
    app.search_progress()
        .map(|p| format!("+ {p}%"))
        .unwrap_or_default()
}

/// The open prompt: "/text▏" or "dates: 2012-09..2012-11▏", with its error if any.
fn prompt(app: &App, p: &Prompt, area: Rect, buf: &mut Buffer) {
    // While searching, the hits so far stay in view on the right.
    let count = match (p.kind, &app.search) {
        (PromptKind::Search, Some(_)) => {
            let (at, of) = app.hit_position();
            format!("{at}/{of}{} ", search_more(app))
        }
        _ => String::new(),
    };
    let [area, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(width(&count) as u16)])
            .areas(area);
    Line::from(Span::styled(count, theme::DIM)).render(right, buf);
    let (label, help) = match p.kind {
        PromptKind::Search => ("/", "  Enter keeps · Esc cancels"),
        PromptKind::GoTo => ("go to: ", "  2012, 2012-09 or 2012-09-18 · Enter · Esc"),
        PromptKind::Dates => (
            "dates: ",
            "  FROM..TO: 2012, 2012-09, 2012-09-18 · Enter · Esc",
        ),
        PromptKind::Where => (
            "where: ",
            "  NAME OP VALUE, OP = != < <= > >=, joined by , · empty: none · Enter · Esc",
        ),
        PromptKind::Source => (
            "open source: ",
            "  its number in the detail ([1], [2]…) · Enter · Esc",
        ),
    };
    let input = sanitize(&p.input).into_owned();
    let mut spans = vec![
        Span::styled(label, theme::KEY),
        Span::raw(input),
        Span::styled(" ", theme::CURSOR),
    ];
    match &p.error {
        Some(e) => spans.push(Span::styled(format!("  {e}"), theme::ERROR)),
        None => spans.push(Span::styled(help, theme::DIM)),
    }
    Line::from(spans).render(area, buf);
}

//! The detail pane: everything about the event under the cursor. Only that one event's text is
//! laid out, so its cost does not grow with the dataset.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme;
use crate::model::{Dataset, Event, SourceIx};
use crate::text::sanitize;
use crate::tui::app::{App, Focus};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Detail && app.help.is_none();
    let block = theme::pane("Detail", focused);
    let scroll = u16::try_from(app.detail_scroll).unwrap_or(u16::MAX);
    paragraph(app)
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// How many lines the detail takes at a width (inside the border).
pub fn line_count(app: &App, width: u16) -> usize {
    if width == 0 {
        return 0;
    }
    paragraph(app).line_count(width)
}

fn paragraph(app: &App) -> Paragraph<'static> {
    let lines = match app.current() {
        Some(ev) => lines(&app.data, ev),
        None => vec![Line::styled("No event to show.", theme::DIM)],
    };
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// The sources an event cites, in order: its own list, then any that only a quote cites.
pub fn cited_sources(ev: &Event) -> Vec<SourceIx> {
    let mut out = ev.sources.clone();
    for q in &ev.quotes {
        if !out.contains(&q.source) {
            out.push(q.source);
        }
    }
    out
}

fn text(s: &str) -> String {
    sanitize(s).into_owned()
}

/// The lines of the detail of one event.
pub fn lines(data: &Dataset, ev: &Event) -> Vec<Line<'static>> {
    let mut out = vec![
        Line::styled(ev.when.long(), theme::DATE),
        Line::styled(text(&ev.title), theme::TITLE),
    ];
    if !ev.actors.is_empty() {
        let names: Vec<String> = ev
            .actors
            .iter()
            .map(|&a| text(&data.actor(a).name))
            .collect();
        out.push(Line::styled(names.join(" · "), theme::ACTORS));
    }
    if !ev.summary.is_empty() {
        out.push(Line::default());
        out.push(Line::raw(text(&ev.summary)));
    }
    let sources = cited_sources(ev);
    let number = |s: SourceIx| sources.iter().position(|&x| x == s).map_or(0, |i| i + 1);
    for q in &ev.quotes {
        out.push(Line::default());
        let original = match q.lang.as_deref() {
            Some("fr") => format!("« {} »", text(&q.text)),
            _ => format!("“{}”", text(&q.text)),
        };
        out.push(Line::styled(original, theme::QUOTE));
        let mut by = format!("  — {}", text(&data.actor(q.by).name));
        if let Some(lang) = &q.lang {
            by.push_str(&format!(" ({})", text(lang)));
        }
        out.push(Line::from(vec![
            Span::raw(by),
            Span::styled(format!(" [{}]", number(q.source)), theme::DIM),
        ]));
        if let Some(t) = &q.translation {
            out.push(Line::styled(format!("  “{}”", text(t)), theme::DIM));
        }
    }
    if !sources.is_empty() {
        out.push(Line::default());
        out.push(Line::styled("Sources", theme::HEADING));
        for (i, &s) in sources.iter().enumerate() {
            let src = data.source(s);
            out.push(Line::from(vec![
                Span::styled(format!("[{}] ", i + 1), theme::DIM),
                Span::raw(format!("{}: {}", text(&src.citation()), text(&src.title))),
            ]));
            if let Some(url) = &src.url {
                out.push(Line::styled(format!("    {}", text(url)), theme::DIM));
            }
        }
    }
    if !ev.notes.is_empty() {
        out.push(Line::default());
        out.push(Line::styled("Notes", theme::HEADING));
        for n in &ev.notes {
            out.push(Line::raw(format!("• {}", text(n))));
        }
    }
    if !ev.tags.is_empty() {
        out.push(Line::default());
        let tags: Vec<String> = ev.tags.iter().map(|t| format!("#{}", text(t))).collect();
        out.push(Line::styled(tags.join(" "), theme::DIM));
    }
    out
}

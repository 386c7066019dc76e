//! The detail pane's text: everything about the event under the cursor, styled, with search
//! hits marked. `view::detail` draws it; `layout` measures it (how far the pane scrolls).
//! Only that one event's text is laid out, so its cost does not grow with the dataset.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme;
use crate::model::{Dataset, Event, SourceIx};
use crate::text::sanitize;
use crate::tui::app::App;

/// How many lines the detail takes at a width (inside the border).
pub fn line_count(app: &App, width: u16) -> usize {
    if width == 0 {
        return 0;
    }
    paragraph(app).line_count(width)
}

pub fn paragraph(app: &App) -> Paragraph<'static> {
    let lines = match app.current() {
        Some(ev) => {
            let mut lines = lines(&app.data, ev, app.search.as_deref());
            if let Some(r) = app.reference.map(|r| &app.data.events[r]) {
                lines.insert(1, reference_line(ev, r, app.data.text(&r.title)));
            }
            lines
        }
        None => vec![Line::styled("No event to show.", theme::DIM)],
    };
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Where the event stands from the reference event: "T−3d · 3 days before “…”", or
/// "T · the reference".
fn reference_line(ev: &Event, reference: &Event, reference_title: &str) -> Line<'static> {
    use crate::model::when::{elapsed_text, relative_text};
    let (r, d) = (
        reference.when.anchor().first_day,
        ev.when.anchor().first_day,
    );
    let text = if std::ptr::eq(ev, reference) {
        "T · the reference for relative dates (r clears it)".to_string()
    } else if r == d {
        format!("T · the same day as “{}”", text(reference_title))
    } else {
        let side = if d < r { "before" } else { "after" };
        format!(
            "{} · {} {side} “{}”",
            relative_text(r, d),
            elapsed_text(r, d),
            text(reference_title)
        )
    };
    Line::styled(text, theme::DIM)
}

/// The sources an event cites, in order: its own list, then any that only a quote cites.
pub fn cited_sources(ev: &Event) -> Vec<SourceIx> {
    let mut out = ev.sources.to_vec();
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

/// The lines of the detail of one event, with the hits of a folded search query marked.
pub fn lines(data: &Dataset, ev: &Event, search: Option<&str>) -> Vec<Line<'static>> {
    let hl = |s: &str, style: Style| Line::from(theme::highlight(&text(s), search, style));
    let mut out = vec![
        Line::styled(ev.when.long(), theme::DATE),
        hl(data.text(&ev.title), theme::TITLE),
    ];
    if !ev.actors.is_empty() {
        let names: Vec<&str> = ev
            .actors
            .iter()
            .map(|&a| data.actor(a).name.as_str())
            .collect();
        out.push(hl(&names.join(" · "), theme::ACTORS));
    }
    let summary = data.text(&ev.summary);
    if !summary.is_empty() {
        out.push(Line::default());
        out.push(hl(summary, Style::default()));
    }
    let sources = cited_sources(ev);
    let number = |s: SourceIx| sources.iter().position(|&x| x == s).map_or(0, |i| i + 1);
    for q in &ev.quotes {
        out.push(Line::default());
        let (quote, lang) = (data.text(&q.text), data.text_opt(&q.lang));
        let original = match lang {
            Some("fr") => format!("« {quote} »"),
            _ => format!("“{quote}”"),
        };
        out.push(hl(&original, theme::QUOTE));
        let mut by = format!("  — {}", text(&data.actor(q.by).name));
        if let Some(lang) = lang {
            by.push_str(&format!(" ({})", text(lang)));
        }
        out.push(Line::from(vec![
            Span::raw(by),
            Span::styled(format!(" [{}]", number(q.source)), theme::DIM),
        ]));
        if let Some(t) = data.text_opt(&q.translation) {
            out.push(hl(&format!("  “{t}”"), theme::DIM));
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
            out.push(hl(&format!("• {}", data.text(n)), Style::default()));
        }
    }
    if !ev.tags.is_empty() {
        out.push(Line::default());
        let tags: Vec<String> = ev.tags.iter().map(|t| format!("#{}", text(t))).collect();
        out.push(Line::styled(tags.join(" "), theme::DIM));
    }
    out
}

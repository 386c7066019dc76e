//! The Markdown brief: title and range, then each event as a heading with its date, the
//! summary, quotes as blockquotes (original, translation, speaker) and the sources as
//! numbered footnotes with their addresses.

use std::fmt::Write;

use crate::model::{Dataset, Source, SourceIx};
use crate::outline::Outline;
use crate::text::sanitize;

/// Dataset text made inert for Markdown: controls neutralised, markup characters escaped.
fn md(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A footnote's text: "AFP, 13 Nov 2012: Title. <https://…>".
fn footnote(s: &Source) -> String {
    let mut line = format!("{}: {}.", md(&s.citation()), md(&s.title));
    if let Some(url) = &s.url {
        if super::linkable(url) {
            let _ = write!(line, " <{url}>");
        } else {
            let _ = write!(line, " {}", md(url));
        }
    }
    line
}

pub fn render(data: &Dataset) -> String {
    render_with_query(data, None)
}

/// The brief, saying under its title the query that chose its events (its bounds, actors,
/// text…), not only the span of the events found.
pub fn render_with_query(data: &Dataset, query: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&data.title));
    let mut about = crate::text::plural(data.events.len(), "event");
    if let Some(range) = crate::model::span_text(&data.events) {
        about = format!("{range} · {about}");
    }
    let _ = writeln!(out, "{about}\n");
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        let _ = writeln!(out, "Query: {}\n", md(q));
    }
    if let Some(d) = &data.description {
        let _ = writeln!(out, "{}\n", md(d));
    }

    // Footnotes are numbered in order of first citation across the brief.
    let mut cited: Vec<SourceIx> = Vec::new();
    let mut note = |s: SourceIx| -> usize {
        match cited.iter().position(|&c| c == s) {
            Some(i) => i + 1,
            None => {
                cited.push(s);
                cited.len()
            }
        }
    };

    for e in &data.events {
        let o = Outline::new(data, e);
        let _ = writeln!(out, "## {} — {}\n", md(&o.date), md(o.title));
        if !o.actors.is_empty() {
            let names: Vec<String> = o.actors.iter().map(|n| md(n)).collect();
            let _ = writeln!(out, "*{}*\n", names.join(" · "));
        }
        if let Some(summary) = o.summary {
            let _ = writeln!(out, "{}\n", md(summary));
        }
        // The brief numbers its footnotes across all events: the event's sources, in the
        // outline's order, take the next numbers the first time they are cited.
        let numbers: Vec<usize> = o.sources.iter().map(|c| note(c.source)).collect();
        for q in &o.quotes {
            let _ = writeln!(out, "> {}", md(&q.marked()));
            if let Some(t) = q.translation {
                let _ = writeln!(out, ">\n> “{}” (translation)", md(t));
            }
            let lang = q.lang.map(|l| format!(" ({})", md(l))).unwrap_or_default();
            let _ = writeln!(
                out,
                ">\n> — {}{lang}[^{}]\n",
                md(q.speaker),
                numbers[q.source - 1]
            );
        }
        if !numbers.is_empty() {
            let marks: Vec<String> = numbers.iter().map(|n| format!("[^{n}]")).collect();
            let _ = writeln!(out, "Sources: {}\n", marks.join(" "));
        }
        for n in &o.notes {
            let _ = writeln!(out, "- Note: {}", md(n));
        }
        if !o.notes.is_empty() {
            out.push('\n');
        }
        if !o.tags.is_empty() {
            let tags: Vec<String> = o
                .tags
                .iter()
                .map(|t| format!("`{}`", sanitize(t).replace('`', "'")))
                .collect();
            let _ = writeln!(out, "Tags: {}\n", tags.join(" "));
        }
    }

    for (i, &s) in cited.iter().enumerate() {
        let _ = writeln!(out, "[^{}]: {}", i + 1, footnote(data.source(s)));
    }
    out
}

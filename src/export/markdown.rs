//! The Markdown brief: title and range, then each event as a heading with its date, the
//! summary, quotes as blockquotes (original, translation, speaker) and the sources as
//! numbered footnotes with their addresses.

use std::fmt::Write;

use crate::model::{Dataset, Source};
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
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&data.title));
    let mut about = super::count_text(data.events.len());
    if let Some(range) = crate::model::span_text(&data.events) {
        about = format!("{range} · {about}");
    }
    let _ = writeln!(out, "{about}\n");
    if let Some(d) = &data.description {
        let _ = writeln!(out, "{}\n", md(d));
    }

    // Footnotes are numbered in order of first citation across the brief.
    let mut cited: Vec<usize> = Vec::new();
    let mut note = |s: usize| -> usize {
        match cited.iter().position(|&c| c == s) {
            Some(i) => i + 1,
            None => {
                cited.push(s);
                cited.len()
            }
        }
    };

    for e in &data.events {
        let _ = writeln!(
            out,
            "## {} — {}\n",
            md(&e.when.long()),
            md(data.text(&e.title))
        );
        if !e.actors.is_empty() {
            let names: Vec<String> = e.actors.iter().map(|&a| md(&data.actor(a).name)).collect();
            let _ = writeln!(out, "*{}*\n", names.join(" · "));
        }
        let summary = data.text(&e.summary);
        if !summary.trim().is_empty() {
            let _ = writeln!(out, "{}\n", md(summary));
        }
        // The event's own sources take the first numbers, in the order it lists them.
        let marks: Vec<String> = e
            .sources
            .iter()
            .map(|&s| format!("[^{}]", note(s)))
            .collect();
        for q in &e.quotes {
            let _ = writeln!(out, "> {}", md(data.text(&q.text)));
            if let Some(t) = data.text_opt(&q.translation) {
                let _ = writeln!(out, ">\n> “{}” (translation)", md(t));
            }
            let lang = data
                .text_opt(&q.lang)
                .map(|l| format!(" ({})", md(l)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                ">\n> — {}{lang}[^{}]\n",
                md(&data.actor(q.by).name),
                note(q.source)
            );
        }
        if !marks.is_empty() {
            let _ = writeln!(out, "Sources: {}\n", marks.join(" "));
        }
        for n in &e.notes {
            let _ = writeln!(out, "- Note: {}", md(data.text(n)));
        }
        if !e.notes.is_empty() {
            out.push('\n');
        }
        if !e.tags.is_empty() {
            let tags: Vec<String> = e
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

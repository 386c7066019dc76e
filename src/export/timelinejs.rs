//! TimelineJS3 JSON: a title slide and one slide per event, dates as TimelineJS "date parts"
//! at the event's precision, text as HTML (escaped), grouped by the event's first tag.

use chrono::{Datelike, Timelike};
use serde_json::{Map, Value, json};

use crate::model::{Dataset, End, Event, Point, Precision, Qualifier};
use crate::text::sanitize;

/// Dataset text as inert HTML.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// TimelineJS date parts (strings, as its own samples write them), down to the precision.
fn date(p: &Point) -> Value {
    let d = p.first_day;
    let mut parts = Map::new();
    parts.insert("year".into(), d.year().to_string().into());
    if p.precision >= Precision::Month {
        parts.insert("month".into(), d.month().to_string().into());
    }
    if p.precision >= Precision::Day {
        parts.insert("day".into(), d.day().to_string().into());
    }
    if let Some(t) = &p.time {
        parts.insert("hour".into(), t.time.hour().to_string().into());
        parts.insert("minute".into(), t.time.minute().to_string().into());
    }
    Value::Object(parts)
}

fn text(data: &Dataset, e: &Event) -> String {
    let mut t = String::new();
    if !e.actors.is_empty() {
        let names: Vec<String> = e
            .actors
            .iter()
            .map(|&a| html(&data.actor(a).name))
            .collect();
        t.push_str(&format!("<p><em>{}</em></p>", names.join(" · ")));
    }
    let summary = data.text(&e.summary);
    if !summary.trim().is_empty() {
        t.push_str(&format!("<p>{}</p>", html(summary)));
    }
    for q in &e.quotes {
        let lang = data
            .text_opt(&q.lang)
            .map(|l| format!(" lang=\"{}\"", html(l)))
            .unwrap_or_default();
        t.push_str(&format!(
            "<blockquote><p{lang}>« {} »</p>",
            html(data.text(&q.text))
        ));
        if let Some(tr) = data.text_opt(&q.translation) {
            t.push_str(&format!("<p>“{}”</p>", html(tr)));
        }
        t.push_str(&format!(
            "<p>— {}, {}</p></blockquote>",
            html(&data.actor(q.by).name),
            html(&data.source(q.source).citation())
        ));
    }
    if !e.sources.is_empty() {
        t.push_str("<p>Sources:</p><ol>");
        for &s in &e.sources {
            let s = data.source(s);
            let cite = format!("{}: {}", html(&s.citation()), html(&s.title));
            match &s.url {
                Some(u) if super::linkable(u) => {
                    t.push_str(&format!("<li><a href=\"{}\">{cite}</a></li>", html(u)))
                }
                _ => t.push_str(&format!("<li>{cite}</li>")),
            }
        }
        t.push_str("</ol>");
    }
    for n in &e.notes {
        t.push_str(&format!(
            "<p><small>Note: {}</small></p>",
            html(data.text(n))
        ));
    }
    t
}

fn slide(data: &Dataset, e: &Event) -> Value {
    let mut s = Map::new();
    s.insert("unique_id".into(), e.id.clone().into());
    s.insert("start_date".into(), date(e.when.anchor()));
    if let Some(p) = e.when.end() {
        s.insert("end_date".into(), date(p));
    }
    let qualified = |p: &Point| p.qualifier != Qualifier::Certain;
    let unusual = e.when.start().is_none_or(qualified)
        || e.when.end().is_some_and(qualified)
        || matches!(e.when.end_bound(), Some(End::Open | End::Unknown));
    let mut body = text(data, e);
    if unusual {
        // TimelineJS would print these as plain dates: the text says what is uncertain or
        // open (its samples never use `display_date`, so neither do we).
        body.insert_str(
            0,
            &format!("<p><strong>{}</strong></p>", html(&e.when.long())),
        );
    }
    s.insert(
        "text".into(),
        json!({ "headline": html(data.text(&e.title)), "text": body }),
    );
    if let Some(tag) = e.tags.first() {
        s.insert("group".into(), html(tag).into());
    }
    Value::Object(s)
}

pub fn render(data: &Dataset) -> String {
    let mut intro = String::new();
    if let Some(d) = &data.description {
        intro.push_str(&format!("<p>{}</p>", html(d)));
    }
    let mut about = super::count_text(data.events.len());
    if let Some(r) = crate::model::span_text(&data.events) {
        about = format!("{} · {about}", html(&r));
    }
    intro.push_str(&format!("<p>{about}</p>"));
    let doc = json!({
        "title": { "text": { "headline": html(&data.title), "text": intro } },
        "events": data.events.iter().map(|e| slide(data, e)).collect::<Vec<_>>(),
    });
    let mut out = super::json::escape_unsafe(
        &serde_json::to_string_pretty(&doc).expect("JSON of plain values"),
    );
    out.push('\n');
    out
}

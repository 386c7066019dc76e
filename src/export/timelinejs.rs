//! TimelineJS3 JSON: a title slide and one slide per event, dates as TimelineJS "date parts"
//! at the event's precision, text as HTML (escaped), grouped by the event's first tag.

use chrono::{Datelike, Timelike};
use serde_json::{Map, Value, json};

use crate::model::{Dataset, End, Event, Point, Precision, Qualifier};
use crate::outline::Outline;
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

/// The slide's text: the event's outline as HTML.
fn text(o: &Outline) -> String {
    let mut t = String::new();
    if !o.actors.is_empty() {
        let names: Vec<String> = o.actors.iter().map(|n| html(n)).collect();
        t.push_str(&format!("<p><em>{}</em></p>", names.join(" · ")));
    }
    if let Some(summary) = o.summary {
        t.push_str(&format!("<p>{}</p>", html(summary)));
    }
    for q in &o.quotes {
        let lang = q
            .lang
            .map(|l| format!(" lang=\"{}\"", html(l)))
            .unwrap_or_default();
        t.push_str(&format!("<blockquote><p{lang}>{}</p>", html(&q.marked())));
        if let Some(tr) = q.translation {
            t.push_str(&format!("<p>“{}”</p>", html(tr)));
        }
        t.push_str(&format!(
            "<p>— {} [{}]</p></blockquote>",
            html(q.speaker),
            q.source
        ));
    }
    if !o.sources.is_empty() {
        t.push_str("<p>Sources:</p><ol>");
        for s in &o.sources {
            let cite = format!("{}: {}", html(&s.citation), html(s.title));
            match s.url {
                Some(u) if super::linkable(u) => {
                    t.push_str(&format!("<li><a href=\"{}\">{cite}</a></li>", html(u)))
                }
                _ => t.push_str(&format!("<li>{cite}</li>")),
            }
        }
        t.push_str("</ol>");
    }
    for n in &o.notes {
        t.push_str(&format!("<p><small>Note: {}</small></p>", html(n)));
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
    let o = Outline::new(data, e);
    let mut body = text(&o);
    if unusual {
        // TimelineJS would print these as plain dates: the text says what is uncertain or
        // open (its samples never use `display_date`, so neither do we).
        body.insert_str(0, &format!("<p><strong>{}</strong></p>", html(&o.date)));
    }
    s.insert(
        "text".into(),
        json!({ "headline": html(o.title), "text": body }),
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
    let mut about = crate::text::plural(data.events.len(), "event");
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

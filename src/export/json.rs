//! annals/1 JSON: what `load` reads, so an export loads back identical.

use serde::Serialize;

use crate::model::{ActorIx, ActorKind, Dataset, SourceIx};

#[derive(Serialize)]
struct File<'a> {
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    schema: Option<&'a str>,
    format: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    actors: Vec<Actor<'a>>,
    sources: Vec<Source<'a>>,
    events: Vec<Event<'a>>,
}

#[derive(Serialize)]
pub(crate) struct Actor<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<ActorKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    about: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct Source<'a> {
    id: &'a str,
    publisher: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct Event<'a> {
    id: &'a str,
    when: String,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actors: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    quotes: Vec<Quote<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<&'a str>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    attributes: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
pub(crate) struct Quote<'a> {
    by: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<&'a str>,
    source: &'a str,
}

impl<'a> Actor<'a> {
    /// An actor as annals/1 writes it.
    pub(crate) fn of(a: &'a crate::model::Actor) -> Actor<'a> {
        Actor {
            id: &a.id,
            name: &a.name,
            aliases: &a.aliases,
            kind: a.kind,
            about: a.about.as_deref(),
        }
    }
}

impl<'a> Source<'a> {
    /// A source as annals/1 writes it.
    pub(crate) fn of(s: &'a crate::model::Source) -> Source<'a> {
        Source {
            id: &s.id,
            publisher: &s.publisher,
            title: &s.title,
            date: s.date.map(|d| d.to_string()),
            language: s.language.as_deref(),
            url: s.url.as_deref(),
        }
    }
}

impl<'a> Event<'a> {
    /// An event as annals/1 writes it.
    pub(crate) fn of(data: &'a Dataset, e: &'a crate::model::Event) -> Event<'a> {
        let actor = |i: ActorIx| data.actor(i).id.as_str();
        let source = |i: SourceIx| data.source(i).id.as_str();
        Event {
            id: &e.id,
            when: e.when.to_string(),
            title: data.text(&e.title),
            summary: data.text(&e.summary),
            actors: e.actors.iter().map(|&a| actor(a)).collect(),
            tags: e.tags.iter().map(|t| &**t).collect(),
            quotes: e
                .quotes
                .iter()
                .map(|q| Quote {
                    by: actor(q.by),
                    text: data.text(&q.text),
                    lang: data.text_opt(&q.lang),
                    translation: data.text_opt(&q.translation),
                    source: source(q.source),
                })
                .collect(),
            sources: e.sources.iter().map(|&s| source(s)).collect(),
            notes: e.notes.iter().map(|n| data.text(n)).collect(),
            attributes: e
                .attributes
                .pairs(&data.store)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.into_owned().into()))
                .collect(),
        }
    }
}

/// A value as annals/1 JSON, two spaces an indent, with unsafe characters escaped.
pub(crate) fn pretty(value: &impl Serialize) -> String {
    escape_unsafe(&serde_json::to_string_pretty(value).expect("JSON of plain values"))
}

pub fn render(data: &Dataset) -> String {
    let file = File {
        schema: data.schema.as_deref(),
        format: crate::load::FORMAT,
        title: &data.title,
        description: data.description.as_deref(),
        language: data.language.as_deref(),
        actors: data.actors.iter().map(Actor::of).collect(),
        sources: data.sources.iter().map(Source::of).collect(),
        events: data.events.iter().map(|e| Event::of(data, e)).collect(),
    };
    let mut out = pretty(&file);
    out.push('\n');
    out
}

/// serde_json escapes C0 controls but writes DEL, C1 controls and bidi overrides as they
/// are. Outside strings JSON is plain ASCII, so every such character is inside a string and
/// its `\uXXXX` escape means the same text: the file stays lossless and inert in a terminal.
pub fn escape_unsafe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::text::is_unsafe(c) && !c.is_ascii_whitespace() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

//! What a person edits: one event as annals/1 JSON, with room to declare new actors and
//! sources, and, for reference only, the actors and sources the event names as the file
//! declares them. The whole draft is JSON (no comments), so an editor that knows JSON helps.
//!
//! ```json
//! {
//!   "event": { "id": "…", "when": "2012-12-14", "title": "…", … },
//!   "new_actors": [],
//!   "new_sources": [],
//!   "for_reference": { "about": "Not saved…", "actors": [ … ], "sources": [ … ] }
//! }
//! ```

use serde::{Deserialize, Serialize};

use crate::export::json;
use crate::model::{ActorKind, Dataset, Event};

/// The event of a draft, as annals/1 writes an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub id: String,
    pub when: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub attributes: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRecord {
    pub by: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub id: String,
    pub publisher: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A draft as read back from the editor.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub event: EventRecord,
    #[serde(default)]
    pub new_actors: Vec<ActorRecord>,
    #[serde(default)]
    pub new_sources: Vec<SourceRecord>,
    /// Ignored: it is only there to be read.
    #[serde(default, rename = "for_reference")]
    _for_reference: serde::de::IgnoredAny,
}

/// Why a draft could not be read back: where in the draft, and what.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct DraftError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Serialize)]
struct Out<'a, E: Serialize> {
    event: E,
    new_actors: [(); 0],
    new_sources: [(); 0],
    for_reference: Reference<'a>,
}

#[derive(Serialize)]
struct Reference<'a> {
    about: &'static str,
    actors: Vec<json::Actor<'a>>,
    sources: Vec<json::Source<'a>>,
}

const ABOUT: &str = "Not saved. The actors and sources the event names, as the file declares \
    them. To name others, use their ids (`annals actors FILE` lists every actor); to add new \
    ones, declare them in new_actors and new_sources (fields as in docs/data-format.md).";

/// The draft of an existing event.
pub fn of_event(data: &Dataset, ev: &Event) -> String {
    draft(data, ev, json::Event::of(data, ev))
}

/// The draft of a new event on `when`, with a fresh `id`; the reference lists what `near`
/// (the event at the cursor) names, as a start.
pub fn new_event(data: &Dataset, id: &str, when: &str, near: Option<&Event>) -> String {
    // Every field, empty, so that the person sees what an event can hold.
    #[derive(Serialize)]
    struct Template<'a> {
        id: &'a str,
        when: &'a str,
        title: &'a str,
        summary: &'a str,
        actors: [(); 0],
        tags: [(); 0],
        quotes: [(); 0],
        sources: [(); 0],
        notes: [(); 0],
    }
    let template = Template {
        id,
        when,
        title: "",
        summary: "",
        actors: [],
        tags: [],
        quotes: [],
        sources: [],
        notes: [],
    };
    match near {
        Some(ev) => draft(data, ev, template),
        None => {
            let out = Out {
                event: template,
                new_actors: [],
                new_sources: [],
                for_reference: Reference {
                    about: ABOUT,
                    actors: Vec::new(),
                    sources: Vec::new(),
                },
            };
            format!("{}\n", json::pretty(&out))
        }
    }
}

fn draft(data: &Dataset, referenced: &Event, event: impl Serialize) -> String {
    let mut actors: Vec<_> = referenced.participants().collect();
    actors.dedup();
    let mut seen = Vec::new();
    actors.retain(|a| {
        let new = !seen.contains(a);
        seen.push(*a);
        new
    });
    let mut sources = referenced.sources.to_vec();
    for q in referenced.quotes.iter() {
        if !sources.contains(&q.source) {
            sources.push(q.source);
        }
    }
    let out = Out {
        event,
        new_actors: [],
        new_sources: [],
        for_reference: Reference {
            about: ABOUT,
            actors: actors
                .iter()
                .map(|&a| json::Actor::of(data.actor(a)))
                .collect(),
            sources: sources
                .iter()
                .map(|&s| json::Source::of(data.source(s)))
                .collect(),
        },
    };
    format!("{}\n", json::pretty(&out))
}

/// Reads a draft back.
pub fn parse(text: &str) -> Result<Draft, DraftError> {
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        DraftError {
            line: e.line(),
            column: e.column().max(1),
            message: full.strip_suffix(&suffix).unwrap_or(&full).to_string(),
        }
    })
}

/// An id made from a title: folded to plain letters and digits, words joined by `-`
/// ("Obama signs the Magnitsky Act" → `obama-signs-the-magnitsky-act`).
pub fn slug(title: &str) -> String {
    let folded = crate::query::fold(title);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "event".to_string()
    } else {
        out
    }
}

/// An id for a new event that no event of `data` has: `new-2012-12-14`, then `-2`, `-3`…
pub fn fresh_id(data: &Dataset, stem: &str) -> String {
    let taken = |id: &str| data.events.iter().any(|e| e.id == id);
    if !taken(stem) {
        return stem.to_string();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_events_draft_reads_back_as_the_event() {
        let data = crate::load::builtin();
        let i = data.event_position("putin-obama-call").unwrap();
        let text = of_event(&data, data.event(i));
        assert!(text.contains("\"for_reference\""), "{text}");
        assert!(text.contains("\"name\": \"Dmitry Peskov\""), "{text}");
        let draft = parse(&text).unwrap();
        assert_eq!(draft.event.id, "putin-obama-call");
        assert_eq!(draft.event.when, "2012-11-13");
        assert!(!draft.event.quotes.is_empty());
        assert!(draft.new_actors.is_empty());
    }

    #[test]
    fn a_broken_draft_says_where() {
        let err = parse("{\n  \"event\": {\"id\": \"x\", \"when\": \"2012\"}\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 38));
        assert!(err.message.contains("missing field `title`"), "{err}");
        let err = parse(
            "{\"event\": {\"id\": \"x\", \"when\": \"2012\", \"title\": \"t\", \"tilte\": 1}}",
        )
        .unwrap_err();
        assert!(err.message.contains("unknown field `tilte`"), "{err}");
    }

    #[test]
    fn a_new_event_gets_an_id_no_event_has() {
        let data = crate::load::builtin();
        assert_eq!(fresh_id(&data, "new-2012-12-14"), "new-2012-12-14");
        assert_eq!(fresh_id(&data, "putin-obama-call"), "putin-obama-call-2");
        let text = new_event(&data, "new-2012-12-14", "2012-12-14", None);
        let draft = parse(&text).unwrap();
        assert_eq!(draft.event.id, "new-2012-12-14");
        assert_eq!(draft.event.title, "");
    }
}

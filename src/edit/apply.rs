//! An edit of a dataset's file as the bytes it changes: one event replaced, inserted or
//! deleted, and new actors and sources appended to their arrays. Everything else in the file
//! stays byte for byte, so a chronology kept in git shows a one-event diff. Records are written
//! as annals/1 writes them, indented like the records around them.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::draft::{ActorRecord, EventRecord, SourceRecord};
use super::patch::{Patch, Splice};
use crate::export::json;
use crate::load::spans::{self, Array, Layout};

/// What happens to the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The event with this id becomes `Edit::event`.
    Replace(String),
    /// `Edit::event` goes after the event with this id (at the end when none).
    Insert { after: Option<String> },
    /// The event with this id goes.
    Delete(String),
}

/// One edit of a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub change: Change,
    /// The event written (unused by a delete).
    pub event: EventRecord,
    pub new_actors: Vec<ActorRecord>,
    pub new_sources: Vec<SourceRecord>,
}

/// Why an edit cannot be made to a file's text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("the file is not an annals/1 JSON object any more")]
    NotJson,
    #[error("no event has the id `{0}` in the file any more")]
    NoEvent(String),
    #[error("the file has no `{0}` array to add to")]
    NoArray(&'static str),
}

/// The patch that makes `edit` to `text`.
pub fn patch(text: &str, edit: &Edit) -> Result<Patch, ApplyError> {
    let layout = spans::layout(text).ok_or(ApplyError::NotJson)?;
    let events = layout
        .events
        .as_ref()
        .ok_or(ApplyError::NoArray("events"))?;
    let mut splices = Vec::new();
    match &edit.change {
        Change::Replace(id) => {
            let at = find(text, events, id)?;
            let item = events.items[at].clone();
            let written = record(
                &edit.event,
                &indent_of(text, item.start),
                pretty(text, events),
            );
            splices.push(Splice {
                range: item,
                text: written,
            });
        }
        Change::Insert { after } => {
            let at = match after {
                Some(id) => Some(find(text, events, id)?),
                None => events.items.len().checked_sub(1),
            };
            splices.push(insert(text, &layout, events, at, &edit.event));
        }
        Change::Delete(id) => {
            let at = find(text, events, id)?;
            splices.push(delete(events, at));
        }
    }
    for (name, records) in [
        ("actors", to_values(&edit.new_actors)),
        ("sources", to_values(&edit.new_sources)),
    ] {
        if records.is_empty() {
            continue;
        }
        let array = layout.array(name).ok_or(ApplyError::NoArray(name))?;
        for r in &records {
            splices.push(insert(
                text,
                &layout,
                array,
                array.items.len().checked_sub(1),
                r,
            ));
        }
    }
    // Several new records at the same place go in the order given.
    let mut merged: Vec<Splice> = Vec::new();
    for s in splices {
        match merged.last_mut() {
            Some(last) if last.range == s.range && s.range.is_empty() => {
                last.text.push_str(&s.text)
            }
            _ => merged.push(s),
        }
    }
    Ok(Patch::new(merged))
}

fn to_values<T: Serialize>(records: &[T]) -> Vec<serde_json::Value> {
    records
        .iter()
        .map(|r| serde_json::to_value(r).expect("a record is JSON"))
        .collect()
}

/// The position in `events` of the event with this id.
fn find(text: &str, events: &Array, id: &str) -> Result<usize, ApplyError> {
    events
        .items
        .iter()
        .position(|item| id_of(text, item).as_deref() == Some(id))
        .ok_or_else(|| ApplyError::NoEvent(id.to_string()))
}

/// The `id` of the record at `item`.
fn id_of(text: &str, item: &Range<usize>) -> Option<String> {
    let key = spans::field_at(text, item, "id")?;
    let rest = &text[key + "\"id\"".len()..item.end];
    let value = rest.trim_start().strip_prefix(':')?.trim_start();
    let mut de = serde_json::Deserializer::from_str(value);
    String::deserialize(&mut de).ok()
}

/// Whether the array's records stand on lines of their own (else the file is compact).
fn pretty(text: &str, array: &Array) -> bool {
    match array.items.first() {
        Some(item) => text[array.span.start..item.start].contains('\n'),
        None => text[array.span.clone()].contains('\n') || !text.contains("[]"),
    }
}

/// The spaces before `at` on its line, when nothing else is.
fn indent_of(text: &str, at: usize) -> String {
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[line..at];
    if lead.chars().all(|c| c == ' ' || c == '\t') {
        lead.to_string()
    } else {
        String::new()
    }
}

/// A record as annals/1 writes it: on lines of their own, each after the first indented by
/// `indent` (its first line goes where the record starts); or on one line, in a compact file.
fn record(value: &impl Serialize, indent: &str, pretty: bool) -> String {
    if !pretty {
        return json::escape_unsafe(&serde_json::to_string(value).expect("JSON"));
    }
    json::pretty(value).replace('\n', &format!("\n{indent}"))
}

/// Inserts a record after the item at `after` (at the start of an empty array).
fn insert(
    text: &str,
    layout: &Layout,
    array: &Array,
    after: Option<usize>,
    value: &impl Serialize,
) -> Splice {
    let pretty = pretty(text, array);
    match after.and_then(|i| array.items.get(i)) {
        Some(item) => {
            let indent = indent_of(text, item.start);
            let sep = if pretty {
                format!(",\n{indent}")
            } else {
                ", ".to_string()
            };
            Splice {
                range: item.end..item.end,
                text: format!("{sep}{}", record(value, &indent, pretty)),
            }
        }
        None => {
            // An empty array: the record on a line of its own, one step in from the line
            // the array is on.
            let close = array.span.end - 1;
            let outer = indent_of_line(text, array.span.start);
            let step = if layout_uses_tabs(layout, text) {
                "\t"
            } else {
                "  "
            };
            let indent = format!("{outer}{step}");
            Splice {
                range: array.span.start + 1..close,
                text: format!("\n{indent}{}\n{outer}", record(value, &indent, true)),
            }
        }
    }
}

/// The spaces at the start of the line `at` is on.
fn indent_of_line(text: &str, at: usize) -> String {
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

fn layout_uses_tabs(layout: &Layout, text: &str) -> bool {
    layout
        .fields
        .first()
        .is_some_and(|f| indent_of_line(text, f.1).starts_with('\t'))
}

/// Removes the item at `at`, with the comma and spaces that separate it from its neighbour.
fn delete(array: &Array, at: usize) -> Splice {
    let items = &array.items;
    let range = if let Some(next) = items.get(at + 1) {
        items[at].start..next.start
    } else if at > 0 {
        items[at - 1].end..items[at].end
    } else {
        array.span.start + 1..array.span.end - 1
    };
    Splice {
        range,
        text: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{
  "format": "annals/1",
  "title": "T",
  "actors": [
    {
      "id": "a",
      "name": "Ann"
    }
  ],
  "sources": [],
  "events": [
    {
      "id": "one",
      "when": "2012",
      "title": "One"
    },
    {
      "id": "two",
      "when": "2013",
      "title": "Two"
    }
  ]
}
"#;

    fn event(id: &str, title: &str) -> EventRecord {
        EventRecord {
            id: id.into(),
            when: "2014".into(),
            title: title.into(),
            ..Default::default()
        }
    }

    fn edit(change: Change, ev: EventRecord) -> String {
        let e = Edit {
            change,
            event: ev,
            new_actors: vec![],
            new_sources: vec![],
        };
        patch(FILE, &e).unwrap().apply(FILE).unwrap()
    }

    #[test]
    fn a_replaced_event_changes_only_its_own_lines() {
        let out = edit(Change::Replace("two".into()), event("two", "Deux"));
        assert_eq!(
            out,
            FILE.replace(
                "\"id\": \"two\",\n      \"when\": \"2013\",\n      \"title\": \"Two\"",
                "\"id\": \"two\",\n      \"when\": \"2014\",\n      \"title\": \"Deux\""
            )
        );
        crate::load::from_str(&out, "t").unwrap();
    }

    #[test]
    fn insert_and_delete_keep_the_list_well_formed() {
        let out = edit(
            Change::Insert {
                after: Some("one".into()),
            },
            event("new", "New"),
        );
        let d = crate::load::from_str(&out, "t").unwrap();
        assert_eq!(d.events.len(), 3);
        assert!(out.contains("    },\n    {\n      \"id\": \"new\",\n      \"when\": \"2014\",\n      \"title\": \"New\"\n    },\n    {\n      \"id\": \"two\""), "{out}");
        for id in ["one", "two"] {
            let out = edit(Change::Delete(id.into()), EventRecord::default());
            let d = crate::load::from_str(&out, "t").unwrap();
            assert_eq!(d.events.len(), 1);
            assert_ne!(d.events[0].id, id);
        }
    }

    #[test]
    fn new_actors_and_sources_join_their_arrays_empty_or_not() {
        let e = Edit {
            change: Change::Insert { after: None },
            event: EventRecord {
                actors: vec!["a".into(), "b".into()],
                sources: vec!["s".into()],
                ..event("new", "New")
            },
            new_actors: vec![ActorRecord {
                id: "b".into(),
                name: "Bob".into(),
                aliases: vec![],
                kind: None,
                about: None,
            }],
            new_sources: vec![SourceRecord {
                id: "s".into(),
                publisher: "P".into(),
                title: "S".into(),
                date: None,
                language: None,
                url: None,
            }],
        };
        let out = patch(FILE, &e).unwrap().apply(FILE).unwrap();
        let d = crate::load::from_str(&out, "t").unwrap();
        assert_eq!(d.actors.len(), 2);
        assert_eq!(d.sources.len(), 1);
        assert!(
            out.contains("  \"sources\": [\n    {\n      \"id\": \"s\","),
            "{out}"
        );
        assert_eq!(d.events.last().unwrap().id, "new");
    }

    #[test]
    fn a_compact_file_stays_compact_and_missing_things_are_said() {
        let compact = r#"{"format":"annals/1","title":"T","actors":[],"sources":[],"events":[{"id":"one","when":"2012","title":"One"}]}"#;
        let e = Edit {
            change: Change::Insert { after: None },
            event: event("new", "New"),
            new_actors: vec![],
            new_sources: vec![],
        };
        let out = patch(compact, &e).unwrap().apply(compact).unwrap();
        assert!(!out.contains('\n'), "{out}");
        assert_eq!(crate::load::from_str(&out, "t").unwrap().events.len(), 2);
        let e = Edit {
            change: Change::Replace("gone".into()),
            ..e
        };
        assert_eq!(patch(compact, &e), Err(ApplyError::NoEvent("gone".into())));
        assert_eq!(patch("not json", &e), Err(ApplyError::NotJson));
    }
}

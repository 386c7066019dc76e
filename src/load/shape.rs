//! The shape of an annals/1 file, field by field: read only when the typed read (`stream`)
//! stops at a value of the wrong type, an unknown field or a missing one, so that a load that
//! succeeds never pays for it.
//!
//! Each top-level field, and each field of each actor, source, event and quote, is compared
//! with what the format wants (docs/data-format.md); every mismatch is a problem that names
//! its record and field, located at the value (or the key, for an unknown field). The walk
//! also writes the file again without what it could not read (a wrong value is left out, a
//! record that is not an object is written `{}`, a missing list is written `[]`), keeping
//! every record at its position: the usual checks then run on that text, and their problems
//! are located in the original, so that one report holds them all.

use std::ops::Range;

use super::error::{Problem, RecordKind, line_column};
use super::spans::{self, Object};
use crate::model::ActorKind;

/// What a field must hold.
#[derive(Clone, Copy)]
enum Want {
    /// A string.
    Str,
    /// A string or null.
    OptStr,
    /// A list of strings: how the list is called, and how one of its strings is.
    Strs(&'static str, &'static str),
    /// An actor's `kind`, or null.
    Kind,
    /// An event's quotes.
    Quotes,
    /// An event's attributes.
    Attributes,
}

const ACTOR: &[(&str, Want)] = &[
    ("id", Want::Str),
    ("name", Want::Str),
    (
        "aliases",
        Want::Strs("a list of names", "a name (a string)"),
    ),
    ("kind", Want::Kind),
    ("about", Want::OptStr),
];

const SOURCE: &[(&str, Want)] = &[
    ("id", Want::Str),
    ("publisher", Want::Str),
    ("title", Want::Str),
    ("date", Want::OptStr),
    ("language", Want::OptStr),
    ("url", Want::OptStr),
];

const EVENT: &[(&str, Want)] = &[
    ("id", Want::Str),
    ("when", Want::Str),
    ("title", Want::Str),
    ("summary", Want::Str),
    (
        "actors",
        Want::Strs("a list of actor ids", "an actor id (a string)"),
    ),
    ("tags", Want::Strs("a list of tags", "a tag (a string)")),
    ("quotes", Want::Quotes),
    (
        "sources",
        Want::Strs("a list of source ids", "a source id (a string)"),
    ),
    ("notes", Want::Strs("a list of notes", "a note (a string)")),
    ("attributes", Want::Attributes),
];

const QUOTE: &[(&str, Want)] = &[
    ("by", Want::Str),
    ("text", Want::Str),
    ("lang", Want::OptStr),
    ("translation", Want::OptStr),
    ("source", Want::Str),
];

/// The top-level fields, and which of them the format requires.
const TOP: &[&str] = super::stream::FIELDS;
const REQUIRED: &[&str] = &["format", "title", "actors", "sources", "events"];

/// What the walk found.
pub(super) struct Shape {
    /// The problems of shape, located, in the order of the file.
    pub(super) problems: Vec<Problem>,
    /// The file without what could not be read, every record at its position.
    pub(super) repaired: String,
    /// The records and fields whose value could not be read: the usual checks say nothing
    /// more of them (a `title` that is a number is not also "missing"). An empty field is the
    /// whole record.
    covered: Vec<(RecordKind, usize, String)>,
    /// The top-level `actors` or `sources` is missing or not a list: references to them are
    /// not checked.
    no_actors: bool,
    no_sources: bool,
}

impl Shape {
    /// Whether a problem the usual checks found follows from a problem of shape alone.
    pub(super) fn covers(&self, p: &Problem) -> bool {
        (self.no_actors && p.message.starts_with("unknown actor `"))
            || (self.no_sources && p.message.starts_with("unknown source `"))
            || self.covered.iter().any(|(record, index, field)| {
                *record == p.record
                    && *index == p.index
                    && (field.is_empty()
                        || p.field == *field
                        || p.field
                            .strip_prefix(field.as_str())
                            .is_some_and(|rest| rest.starts_with(['.', '['])))
            })
    }
}

/// Reads the whole text as JSON, as strictly as the typed read does (every string unescaped,
/// every number parsed), keeping nothing: the first syntax error, if any.
pub(super) fn syntax(text: &str) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde::de::DeserializeSeed::deserialize(Strict(0), &mut de)?;
    de.end()
}

/// How deep annals/1 data goes (the top, `events`, an event, `quotes`, a quote, its text);
/// anything deeper is a value of the wrong type, never read but passed over.
const DEEPEST: usize = 6;

/// Any JSON value at a depth, read and dropped (serde's `IgnoredAny` passes over strings and
/// numbers without reading them, so a lone surrogate or `1e400` would go by); below `DEEPEST`
/// only passed over, as the typed read does, and without serde's limit on nesting.
#[derive(Clone, Copy)]
struct Strict(usize);

impl<'de> serde::de::DeserializeSeed<'de> for Strict {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.0 > DEEPEST {
            return d.deserialize_ignored_any(serde::de::IgnoredAny).map(|_| ());
        }
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Strict(self.0 + 1))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Strict(self.0 + 1))?.is_some() {
            map.next_value_seed(Strict(self.0 + 1))?;
        }
        Ok(())
    }
}

/// Walks an annals/1 file that is valid JSON; `None` when its top level is not an object.
pub(super) fn check(text: &str) -> Option<Shape> {
    let top = spans::object(text, &(0..text.len()))?;
    let mut w = Walk {
        text,
        problems: Vec::new(),
        covered: Vec::new(),
        out: String::with_capacity(text.len()),
        no_actors: false,
        no_sources: false,
    };
    w.top(&top);
    Some(Shape {
        problems: w.problems,
        repaired: w.out,
        covered: w.covered,
        no_actors: w.no_actors,
        no_sources: w.no_sources,
    })
}

/// The record a problem is in.
struct Rec<'a> {
    kind: RecordKind,
    index: usize,
    id: &'a str,
}

const DATASET: Rec<'static> = Rec {
    kind: RecordKind::Dataset,
    index: 0,
    id: "",
};

struct Walk<'t> {
    text: &'t str,
    problems: Vec<Problem>,
    covered: Vec<(RecordKind, usize, String)>,
    out: String,
    no_actors: bool,
    no_sources: bool,
}

impl Walk<'_> {
    fn problem(&mut self, rec: &Rec<'_>, field: String, at: usize, message: String) {
        self.problems.push(Problem {
            record: rec.kind,
            index: rec.index,
            id: rec.id.to_string(),
            field,
            message,
            at: Some(line_column(self.text.as_bytes(), at)),
        });
    }

    /// A value of the wrong type: said, and the field covered.
    fn wrong(&mut self, rec: &Rec<'_>, field: String, at: Range<usize>, want: &str) {
        let message = format!("is {}; it must be {want}", found(&self.text[at.clone()]));
        self.covered.push((rec.kind, rec.index, field.clone()));
        self.problem(rec, field, at.start, message);
    }

    fn copy(&mut self, span: &Range<usize>) {
        self.out.push_str(&self.text[span.clone()]);
    }

    fn top(&mut self, top: &Object) {
        self.out.push('{');
        let mut seen: Vec<(String, usize)> = Vec::new();
        let mut format = None;
        let mut written: Vec<&str> = Vec::new();
        for m in &top.members {
            let key = unescape(self.text, &m.key);
            let field = shown(&key);
            if !TOP.contains(&&*key) {
                let message = format!("unknown field; a dataset has {}", names(TOP.iter()));
                self.problem(&DATASET, field, m.key.start, message);
                continue;
            }
            if self.twice(&DATASET, &mut seen, &key, field.clone(), m.key.start) {
                continue;
            }
            let mark = self.out.len();
            if mark > 1 {
                self.out.push(',');
            }
            self.copy(&m.key);
            self.out.push(':');
            let kept = match &*key {
                "actors" | "sources" | "events" => self.records(&key, &m.value),
                "format" | "title" => self.value(&DATASET, &field, &m.value, Want::Str),
                _ => self.value(&DATASET, &field, &m.value, Want::OptStr),
            };
            if kept {
                written.extend(TOP.iter().find(|n| **n == key).copied());
            } else {
                self.out.truncate(mark);
            }
            if kept && key == "format" {
                format = serde_json::from_str::<String>(&self.text[m.value.clone()]).ok();
            }
        }
        // Without a list of actors (or sources), every reference to one would be unknown: one
        // problem is enough.
        self.no_actors = !written.contains(&"actors");
        self.no_sources = !written.contains(&"sources");
        // A file of another format (`annals/2`) is said to be one, not to lack fields.
        let other_format = format.is_some_and(|f| f != super::FORMAT);
        let end = top.span.end.saturating_sub(1);
        for name in REQUIRED {
            let present = seen.iter().any(|(k, _)| k == name);
            if !present && !other_format {
                let message = format!(
                    "is missing: an annals/1 dataset has {}",
                    names(REQUIRED.iter())
                );
                self.covered
                    .push((RecordKind::Dataset, 0, name.to_string()));
                self.problem(&DATASET, name.to_string(), end, message);
            }
        }
        // Every required field in the text the usual checks read: a missing or unreadable one
        // as empty.
        for name in REQUIRED {
            if !written.contains(name) {
                if self.out.len() > 1 {
                    self.out.push(',');
                }
                let empty = if matches!(*name, "format" | "title") {
                    "\"\""
                } else {
                    "[]"
                };
                self.out.push_str(&format!("\"{name}\":{empty}"));
            }
        }
        self.out.push('}');
    }

    /// A second copy of a field: said; true when `key` was seen before.
    fn twice(
        &mut self,
        rec: &Rec<'_>,
        seen: &mut Vec<(String, usize)>,
        key: &str,
        field: String,
        at: usize,
    ) -> bool {
        if let Some((_, first)) = seen.iter().find(|(k, _)| k == key) {
            let (line, column) = line_column(self.text.as_bytes(), *first);
            let message = format!("is written twice (first at line {line} column {column})");
            self.problem(rec, field, at, message);
            return true;
        }
        seen.push((key.to_string(), at));
        false
    }

    /// A top-level list of records; false when it is not a list.
    fn records(&mut self, name: &str, span: &Range<usize>) -> bool {
        let (kind, fields, what, one) = match name {
            "actors" => (RecordKind::Actor, ACTOR, "an actor", "a list of actors"),
            "sources" => (RecordKind::Source, SOURCE, "a source", "a list of sources"),
            _ => (RecordKind::Event, EVENT, "an event", "a list of events"),
        };
        let Some(items) = spans::elements(self.text, span) else {
            self.wrong(&DATASET, name.to_string(), span.clone(), one);
            return false;
        };
        self.out.push('[');
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.out.push(',');
            }
            let Some(object) = spans::object(self.text, item) else {
                let field = format!("{name}[{index}]");
                self.wrong(
                    &DATASET,
                    field,
                    item.clone(),
                    &format!("{what} (an object)"),
                );
                self.covered.push((kind, index, String::new()));
                self.out.push_str("{}");
                continue;
            };
            // The record's id, when it is readable, names it.
            let id = object
                .members
                .iter()
                .find(|m| unescape(self.text, &m.key) == "id")
                .and_then(|m| serde_json::from_str::<String>(&self.text[m.value.clone()]).ok())
                .unwrap_or_default();
            let rec = Rec {
                kind,
                index,
                id: &id,
            };
            self.object(&rec, "", &object, fields, what);
        }
        self.out.push(']');
        true
    }

    /// Writes the members of a record (or a quote, `prefix` `quotes[0].`) that hold what
    /// `fields` wants; the others are problems.
    fn object(
        &mut self,
        rec: &Rec<'_>,
        prefix: &str,
        object: &Object,
        fields: &[(&str, Want)],
        what: &str,
    ) {
        self.out.push('{');
        let start = self.out.len();
        let mut seen = Vec::new();
        for m in &object.members {
            let key = unescape(self.text, &m.key);
            let field = format!("{prefix}{}", shown(&key));
            let Some(&(_, want)) = fields.iter().find(|f| f.0 == key) else {
                let message = format!(
                    "unknown field; {what} has {}",
                    names(fields.iter().map(|f| &f.0))
                );
                self.problem(rec, field, m.key.start, message);
                continue;
            };
            if self.twice(rec, &mut seen, &key, field.clone(), m.key.start) {
                continue;
            }
            let mark = self.out.len();
            if mark > start {
                self.out.push(',');
            }
            self.copy(&m.key);
            self.out.push(':');
            if !self.value(rec, &field, &m.value, want) {
                self.out.truncate(mark);
            }
        }
        self.out.push('}');
    }

    /// Writes a value that holds what `want` says (a list without its wrong elements); false,
    /// with a problem, when it cannot be written at all.
    fn value(&mut self, rec: &Rec<'_>, field: &str, span: &Range<usize>, want: Want) -> bool {
        let raw = &self.text[span.clone()];
        let first = raw.as_bytes().first().copied();
        match want {
            Want::Str | Want::OptStr => {
                let ok = first == Some(b'"') || (matches!(want, Want::OptStr) && raw == "null");
                if !ok {
                    self.wrong(rec, field.to_string(), span.clone(), "a string");
                    return false;
                }
                self.copy(span);
            }
            Want::Kind => {
                if serde_json::from_str::<Option<ActorKind>>(raw).is_err() {
                    let want = "one of `person`, `organisation`, `country` or `group`";
                    self.wrong(rec, field.to_string(), span.clone(), want);
                    return false;
                }
                self.copy(span);
            }
            Want::Strs(list, one) => {
                let Some(items) = spans::elements(self.text, span) else {
                    self.wrong(rec, field.to_string(), span.clone(), list);
                    return false;
                };
                self.out.push('[');
                let start = self.out.len();
                for (i, item) in items.iter().enumerate() {
                    if self.text.as_bytes()[item.start] != b'"' {
                        self.wrong(rec, format!("{field}[{i}]"), item.clone(), one);
                        continue;
                    }
                    if self.out.len() > start {
                        self.out.push(',');
                    }
                    self.copy(item);
                }
                self.out.push(']');
            }
            Want::Quotes => {
                let Some(items) = spans::elements(self.text, span) else {
                    self.wrong(rec, field.to_string(), span.clone(), "a list of quotes");
                    return false;
                };
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    let here = format!("{field}[{i}]");
                    match spans::object(self.text, item) {
                        Some(quote) => {
                            self.object(rec, &format!("{here}."), &quote, QUOTE, "a quote");
                        }
                        None => {
                            let want = "a quote (an object with `by`, `text` and `source`)";
                            self.wrong(rec, here, item.clone(), want);
                            self.out.push_str("{}");
                        }
                    }
                }
                self.out.push(']');
            }
            Want::Attributes => {
                let Some(object) = spans::object(self.text, span) else {
                    let want = "an object of names and values";
                    self.wrong(rec, field.to_string(), span.clone(), want);
                    return false;
                };
                self.out.push('{');
                let start = self.out.len();
                for m in &object.members {
                    let value = &self.text[m.value.clone()];
                    if value.starts_with(['{', '[']) || value == "null" {
                        let name = format!("{field}.{}", shown(&unescape(self.text, &m.key)));
                        let want = "a string, a number or a boolean";
                        self.wrong(rec, name, m.value.clone(), want);
                        continue;
                    }
                    if self.out.len() > start {
                        self.out.push(',');
                    }
                    self.copy(&m.key);
                    self.out.push(':');
                    self.copy(&m.value);
                }
                self.out.push('}');
            }
        }
        true
    }
}

/// A key, unescaped.
fn unescape<'t>(text: &'t str, span: &Range<usize>) -> std::borrow::Cow<'t, str> {
    let raw = &text[span.clone()];
    let inside = raw.trim_matches('"');
    if !inside.contains('\\') {
        return inside.into();
    }
    serde_json::from_str::<String>(raw).map_or(inside.into(), Into::into)
}

/// A field's name as a problem shows it: as written, or quoted when it is blank; cut short
/// when long.
fn shown(key: &str) -> String {
    if key.trim().is_empty() || key.chars().any(char::is_control) {
        return clip(&format!("{key:?}"));
    }
    clip(key)
}

fn clip(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

/// What a JSON value is, for a message: `the number 42`, `the string "putin"`, `a list`.
fn found(raw: &str) -> String {
    match raw.as_bytes().first() {
        Some(b'"') => {
            let s: String = serde_json::from_str(raw).unwrap_or_default();
            format!("the string {}", clip(&format!("{s:?}")))
        }
        Some(b'{') => "an object".to_string(),
        Some(b'[') => "a list".to_string(),
        Some(b't' | b'f') => format!("the boolean {raw}"),
        Some(b'n') => "null".to_string(),
        _ => format!("the number {}", clip(raw)),
    }
}

/// "`a`, `b` and `c`".
fn names<'n>(names: impl Iterator<Item = &'n &'n str>) -> String {
    let names: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Shape {
        check(text).expect("an object")
    }

    #[test]
    fn values_of_the_wrong_type_are_said_and_left_out() {
        let text = r#"{"format": "annals/1", "title": "T", "actors": [], "sources": [],
 "events": [{"id": "a", "when": 2012, "title": "x", "actors": ["p", 7], "quotes": [3, {"by": "p", "text": []}]}, 5]}"#;
        let s = shape(text);
        let said: Vec<String> = s.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            said,
            [
                "event `a`, field `when`: is the number 2012; it must be a string",
                "event `a`, field `actors[1]`: is the number 7; it must be an actor id (a string)",
                "event `a`, field `quotes[0]`: is the number 3; it must be a quote (an object with `by`, `text` and `source`)",
                "event `a`, field `quotes[1].text`: is a list; it must be a string",
                "field `events[1]`: is the number 5; it must be an event (an object)",
            ]
        );
        assert_eq!(s.problems[0].at, Some((2, 33)), "at the value");
        let repaired: serde_json::Value = serde_json::from_str(&s.repaired).unwrap();
        let events = repaired["events"].as_array().unwrap();
        assert_eq!(events.len(), 2, "every record keeps its position");
        assert_eq!(events[0]["actors"], serde_json::json!(["p"]));
        assert_eq!(events[0]["quotes"], serde_json::json!([{}, {"by": "p"}]));
        assert!(events[0].get("when").is_none());
        assert_eq!(events[1], serde_json::json!({}));
    }

    #[test]
    fn what_follows_from_a_wrong_value_is_covered() {
        let s = shape(
            r#"{"format": "annals/1", "title": "T", "actors": {}, "sources": [],
                "events": [{"id": "a", "title": 1, "quotes": [2]}, 3]}"#,
        );
        let p = |record, index, field: &str, message: &str| Problem {
            record,
            index,
            id: String::new(),
            field: field.into(),
            message: message.into(),
            at: None,
        };
        assert!(s.covers(&p(RecordKind::Event, 0, "title", "is required")));
        assert!(s.covers(&p(RecordKind::Event, 0, "quotes[0].by", "x")));
        assert!(!s.covers(&p(RecordKind::Event, 0, "quotes[1].by", "x")));
        assert!(!s.covers(&p(RecordKind::Event, 0, "titles", "x")));
        assert!(!s.covers(&p(RecordKind::Event, 0, "when", "is required")));
        assert!(s.covers(&p(RecordKind::Event, 1, "when", "is required")));
        assert!(s.covers(&p(RecordKind::Event, 0, "actors", "unknown actor `p`")));
        assert!(!s.covers(&p(RecordKind::Event, 0, "sources", "unknown source `p`")));
    }

    #[test]
    fn unknown_twice_and_missing_fields_are_said() {
        let text = "{\"format\": \"annals/1\", \"colour\": 1, \"title\": \"T\", \"title\": \"U\",\n \"events\": [{\"id\": \"a\", \"wen\": \"2012\"}]}";
        let s = shape(text);
        let said: Vec<String> = s.problems.iter().map(|p| p.located()).collect();
        assert_eq!(said.len(), 5, "{said:#?}");
        assert!(
            said[0].starts_with("1:24: field `colour`: unknown field; a dataset has `$schema`")
        );
        assert_eq!(
            said[1],
            "1:51: field `title`: is written twice (first at line 1 column 37)"
        );
        assert!(
            said[2].starts_with(
                "2:25: event `a`, field `wen`: unknown field; an event has `id`, `when`"
            )
        );
        assert!(said[3].starts_with("2:40: field `actors`: is missing: an annals/1 dataset has"));
        assert!(said[4].starts_with("2:40: field `sources`: is missing"));
        let repaired: serde_json::Value = serde_json::from_str(&s.repaired).unwrap();
        assert_eq!(repaired["title"], "T");
        assert_eq!(repaired["actors"], serde_json::json!([]));
        assert_eq!(repaired["events"], serde_json::json!([{"id": "a"}]));
        let unknown = Problem {
            record: RecordKind::Event,
            index: 0,
            id: "a".into(),
            field: "actors".into(),
            message: "unknown actor `p`".into(),
            at: None,
        };
        assert!(s.covers(&unknown), "no list of actors: not said again");
    }

    #[test]
    fn another_format_is_not_said_to_lack_fields() {
        let s = shape(r#"{"format": "annals/2", "events": 1}"#);
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].field, "events");
    }
}

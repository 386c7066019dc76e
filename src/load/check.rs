//! The checks of `annals/1` records: ids and their rules, references, dates and required
//! fields. Every problem is collected (`Checker`), so validation reports them all at once.
//! `Builder` checks each event as the reader hands it over and keeps it.

use rustc_hash::{FxHashMap, FxHashSet};

use super::error::{Problem, RecordKind};
use super::raw;
use crate::model::{Actor, ActorIx, Event, Quote, Source, SourceIx, Tag, Text, When};

/// Collects problems while the records are checked.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
}

impl Checker {
    pub(super) fn at<'c>(&'c mut self, record: RecordKind, index: usize, id: &'c str) -> At<'c> {
        At {
            checker: self,
            record,
            index,
            id,
        }
    }
}

/// A record being checked.
pub(super) struct At<'c> {
    checker: &'c mut Checker,
    record: RecordKind,
    index: usize,
    id: &'c str,
}

impl At<'_> {
    pub(super) fn problem(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.checker.problems.push(Problem {
            record: self.record,
            index: self.index,
            id: self.id.to_string(),
            field: field.into(),
            message: message.into(),
            at: None,
        });
    }

    pub(super) fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(field, REQUIRED);
        }
    }

    fn date(&mut self, field: &str, text: &str) -> Option<When> {
        match When::parse(text) {
            Ok(w) => Some(w),
            Err(e) => {
                self.problem(field, e.to_string());
                None
            }
        }
    }
}

/// Ids are short and safe to type: lowercase letters, digits, `.`, `_` and `-`.
fn id_is_well_formed(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
}

/// Checks one actor's or source's id: present, well formed, not used before by a record of
/// its kind.
fn check_id(at: &mut At<'_>, id: &str, seen: &mut FxHashMap<String, usize>) {
    if !id_has_shape(at, id) {
        return;
    }
    match seen.get(id) {
        Some(first) => at.problem(
            "id",
            format!("duplicate id (first used at position {})", first + 1),
        ),
        None => {
            seen.insert(id.to_string(), at.index);
        }
    }
}

/// Reports an empty or badly formed id; false when it is empty.
fn id_has_shape(at: &mut At<'_>, id: &str) -> bool {
    if id.is_empty() {
        at.problem("id", REQUIRED);
        return false;
    }
    if !id_is_well_formed(id) {
        at.problem(
            "id",
            format!("{id:?} may hold only lowercase letters, digits, '.', '_' and '-'"),
        );
    }
    true
}

/// The event ids seen so far, as a map from each id's hash to the position of the event that
/// has it (every event is kept in the order read, so the id itself is
/// `events[position].id`). Keys borrowed from a mapped file would bring its pages back each
/// time the map grows, and copies would cost a second string per event.
#[derive(Default)]
struct EventIds {
    by_hash: FxHashMap<u64, usize>,
    /// Ids whose hash another id had first (rare).
    spill: FxHashMap<Box<str>, usize>,
}

impl EventIds {
    /// Records the id of the event at `position`; the position of its first use when it was
    /// used before.
    fn first_use(&mut self, id: &str, position: usize, events: &[Event]) -> Option<usize> {
        use std::collections::hash_map::Entry;
        let hash = std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, id);
        match self.by_hash.entry(hash) {
            Entry::Vacant(v) => {
                v.insert(position);
                None
            }
            Entry::Occupied(o) if events[*o.get()].id == id => Some(*o.get()),
            Entry::Occupied(_) => match self.spill.entry(id.into()) {
                Entry::Occupied(o) => Some(*o.get()),
                Entry::Vacant(v) => {
                    v.insert(position);
                    None
                }
            },
        }
    }
}

/// Stands in for a date that could not be read, in an event kept only so that positions
/// stay aligned; the load fails with the problem.
const NO_DATE: When = When::Point(crate::model::Point {
    first_day: chrono::NaiveDate::MIN,
    precision: crate::model::Precision::Day,
    time: None,
    qualifier: crate::model::Qualifier::Certain,
});

/// Checks the ids of one kind of record and returns the id → index map.
fn index_ids<'a, I: From<usize>>(
    checker: &mut Checker,
    record: RecordKind,
    ids: impl Iterator<Item = &'a str>,
) -> FxHashMap<String, I> {
    let mut first = FxHashMap::default();
    for (i, id) in ids.enumerate() {
        check_id(&mut checker.at(record, i, id), id, &mut first);
    }
    first.into_iter().map(|(id, i)| (id, I::from(i))).collect()
}

/// A required field that is absent, `""` or only spaces (docs/data-format.md lists them).
const REQUIRED: &str = "is required, and missing or empty";

/// The index a reference names; a problem in `field` (named only then) when it names nothing.
fn resolve<I: Copy>(
    at: &mut At<'_>,
    field: impl FnOnce() -> String,
    kind: &str,
    map: &FxHashMap<String, I>,
    id: &str,
) -> Option<I> {
    let found = map.get(id).copied();
    if found.is_none() {
        if id.trim().is_empty() {
            let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            at.problem(field(), format!("{REQUIRED} (the id of {article} {kind})"));
        } else {
            at.problem(field(), format!("unknown {kind} `{id}`"));
        }
    }
    found
}

/// Checks the actors and sources (ids, required fields, dates) and builds the maps events
/// resolve their references with.
pub(super) fn records(
    checker: &mut Checker,
    raw_actors: Vec<raw::Actor>,
    raw_sources: Vec<raw::Source>,
) -> ((Vec<Actor>, Vec<Source>), Refs) {
    let actors = index_ids(
        checker,
        RecordKind::Actor,
        raw_actors.iter().map(|a| a.id.as_str()),
    );
    let sources = index_ids(
        checker,
        RecordKind::Source,
        raw_sources.iter().map(|s| s.id.as_str()),
    );
    for (i, a) in raw_actors.iter().enumerate() {
        checker
            .at(RecordKind::Actor, i, &a.id)
            .required("name", &a.name);
    }
    let mut checked_sources = Vec::with_capacity(raw_sources.len());
    for (i, s) in raw_sources.into_iter().enumerate() {
        let mut at = checker.at(RecordKind::Source, i, &s.id);
        at.required("publisher", &s.publisher);
        at.required("title", &s.title);
        let date = s.date.as_deref().and_then(|d| at.date("date", d));
        checked_sources.push(Source {
            id: s.id,
            publisher: s.publisher,
            title: s.title,
            date,
            language: s.language,
            url: s.url,
        });
    }
    let checked_actors = raw_actors
        .into_iter()
        .map(|a| Actor {
            id: a.id,
            name: a.name,
            aliases: a.aliases,
            kind: a.kind,
            about: a.about,
        })
        .collect();
    ((checked_actors, checked_sources), Refs { actors, sources })
}

/// Id → index maps for the references events make.
pub(super) struct Refs {
    actors: FxHashMap<String, ActorIx>,
    sources: FxHashMap<String, SourceIx>,
}

/// Checks events as the parser hands them over and keeps them.
#[derive(Default)]
pub(super) struct Builder<'a> {
    /// All the bytes, where `Text`s are measured from.
    base: &'a [u8],
    pub(super) checker: Checker,
    /// Known once the actors and sources have been read.
    pub(super) refs: Option<Refs>,
    event_ids: EventIds,
    /// Whether texts carry checks of their bytes (a mapped file).
    checked: bool,
    /// Each tag's text, kept once.
    tags: FxHashSet<Tag>,
    pub(super) events: Vec<Event>,
}

impl<'a> Builder<'a> {
    /// A builder of events read from `base`; their texts carry checks when `checked` (the
    /// bytes are a mapped file, which may change under annals).
    pub(super) fn new(base: &'a [u8], checked: bool) -> Builder<'a> {
        Builder {
            base,
            checked,
            ..Builder::default()
        }
    }

    /// Makes room for `events` events in all (when more than there is room for): the events
    /// and the map of their ids are then not grown, and copied, as they fill.
    pub(super) fn expect(&mut self, events: usize) {
        let more = events.saturating_sub(self.events.len());
        if events > self.events.capacity() {
            self.events.reserve_exact(more);
            self.event_ids.by_hash.reserve(more);
        }
    }

    fn text(&self, s: raw::Str<'a>) -> Text {
        Text::new(s.0, self.base, self.checked)
    }

    fn tag(&mut self, s: &str) -> Tag {
        if let Some(t) = self.tags.get(s) {
            return t.clone();
        }
        let t: Tag = s.into();
        self.tags.insert(t.clone());
        t
    }

    /// Checks one event and keeps it (as `events[i]`).
    pub(super) fn add(&mut self, i: usize, e: raw::Event<'a>) {
        let refs = self
            .refs
            .as_ref()
            .expect("events are read once the references are known");
        let mut at = self.checker.at(RecordKind::Event, i, &e.id);
        if id_has_shape(&mut at, &e.id)
            && let Some(first) = self.event_ids.first_use(&e.id, i, &self.events)
        {
            at.problem(
                "id",
                format!("duplicate id (first used at position {})", first + 1),
            );
        }
        at.required("title", &e.title);
        let when = if e.when.trim().is_empty() {
            at.problem("when", REQUIRED);
            None
        } else {
            at.date("when", &e.when)
        };
        let mut actors: Vec<ActorIx> = Vec::with_capacity(e.actors.len());
        for id in &e.actors {
            if let Some(ix) = resolve(&mut at, || "actors".into(), "actor", &refs.actors, id) {
                if actors.contains(&ix) {
                    at.problem("actors", format!("actor `{}` is listed twice", &**id));
                } else {
                    actors.push(ix);
                }
            }
        }
        let sources: Vec<SourceIx> = e
            .sources
            .iter()
            .filter_map(|id| resolve(&mut at, || "sources".into(), "source", &refs.sources, id))
            .collect();
        let mut quotes = Vec::with_capacity(e.quotes.len());
        let mut resolved = Vec::with_capacity(e.quotes.len());
        for (q_i, q) in e.quotes.iter().enumerate() {
            let field = |name: &str| format!("quotes[{q_i}].{name}");
            if q.text.trim().is_empty() {
                at.problem(field("text"), REQUIRED);
            }
            let by = resolve(&mut at, || field("by"), "actor", &refs.actors, &q.by);
            let source = resolve(
                &mut at,
                || field("source"),
                "source",
                &refs.sources,
                &q.source,
            );
            resolved.push(by.zip(source));
        }
        for (q, r) in e.quotes.into_iter().zip(resolved) {
            if let Some((by, source)) = r {
                quotes.push(Quote {
                    by,
                    text: self.text(q.text),
                    lang: q.lang.map(|l| self.text(l)),
                    translation: q.translation.map(|t| self.text(t)),
                    source,
                });
            }
        }
        let tags = e.tags.iter().map(|t| self.tag(t)).collect();
        let notes = e.notes.into_iter().map(|n| self.text(n)).collect();
        let attributes = crate::model::Attributes::Listed(
            e.attributes
                .0
                .into_iter()
                .map(|(k, v)| (self.tag(&k), self.text(v)))
                .collect(),
        );
        let event = Event {
            id: e.id.0.into_owned(),
            when: when.unwrap_or(NO_DATE),
            title: self.text(e.title),
            summary: self.text(e.summary),
            actors: actors.into(),
            tags,
            quotes: quotes.into(),
            sources: sources.into(),
            notes,
            attributes,
        };
        self.events.push(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_for_shape() {
        assert!(id_is_well_formed("putin-obama-call"));
        assert!(id_is_well_formed("afp.2012_11"));
        assert!(!id_is_well_formed("Putin"));
        assert!(!id_is_well_formed("-x"));
        assert!(!id_is_well_formed("a b"));
    }
}

//! The `annals/1` reader: serde reads the top level, the actors and the sources, then each
//! event in turn, handed to `check::Builder`. A big file is parsed on this thread while a
//! second one checks the events, in batches.

use std::collections::HashSet;
use std::fmt;
use std::ops::ControlFlow;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::check::{self, Builder};
use super::error::{LoadError, RecordKind, json_error};
use super::{FORMAT, Hook, PROGRESS_EVERY, Progress, raw};
use crate::model::{Actor, Dataset, Event, Source, Store};

/// How much of a mapped file is read between two releases of its pages (`Reader::release`).
const RELEASE_EVERY: usize = 8 << 20;
/// From this size (in bytes) a dataset's events are checked by a second thread while they
/// are parsed, in batches of `BATCH`.
const PARALLEL_FROM: usize = 4 << 20;
const BATCH: usize = 1024;

/// Reads a whole dataset from `store`, telling `hook` how far it has got. A value of the wrong
/// type, an unknown or a missing field stops the typed read: the file is then walked field by
/// field (`shape`), and every problem of shape is reported with the others.
pub(super) fn read(store: Store, name: &str, hook: &mut Hook<'_>) -> Result<Dataset, LoadError> {
    let body = super::text(&store, name)?;
    match read_text(&store, body, name, hook) {
        Err(LoadError::Invalid { path, mut problems }) => {
            super::error::locate(&mut problems, body);
            Err(LoadError::Invalid { path, problems })
        }
        Err(e @ LoadError::Json { kind, .. }) if kind == super::error::INVALID => {
            Err(all_problems(body, name, e, hook))
        }
        other => other,
    }
}

/// The report on a file the typed read stopped in at a value: its problems of shape, and the
/// problems the usual checks find in what could be read, in the order of the file. A syntax
/// error further on is said instead (alone, as JSON has to be read before anything else), and
/// the error the typed read gave when the walk finds nothing to say. `hook` is told of the
/// progress of the second read, and may cancel it.
fn all_problems(body: &str, name: &str, stopped: LoadError, hook: &mut Hook<'_>) -> LoadError {
    if let Err(e) = super::shape::syntax(body) {
        return json_error(e, name);
    }
    let Some(mut shape) = super::shape::check(body) else {
        return stopped;
    };
    if shape.problems.is_empty() {
        return stopped;
    }
    let repaired = Store::from_vec(std::mem::take(&mut shape.repaired).into_bytes());
    let text = std::str::from_utf8(repaired.bytes()).unwrap_or_default();
    let mut checked = match read_text(&repaired, text, name, hook) {
        Err(LoadError::Invalid { problems, .. }) => problems,
        Ok(_) => Vec::new(),
        Err(e @ LoadError::Cancelled { .. }) => return e,
        Err(e) => {
            // The walk leaves out whatever the typed read cannot take: a bug if not.
            debug_assert!(false, "the repaired text does not read: {e}");
            Vec::new()
        }
    };
    super::error::locate(&mut checked, body);
    let mut problems = std::mem::take(&mut shape.problems);
    problems.extend(checked.into_iter().filter(|p| !shape.covers(p)));
    // Stable: two problems at one place stay in the order they were found.
    problems.sort_by_key(|p| p.at);
    LoadError::Invalid {
        path: name.to_string(),
        problems,
    }
}

/// `read`, of the text `body` of `store`; problems are not located.
fn read_text(
    store: &Store,
    body: &str,
    name: &str,
    hook: &mut Hook<'_>,
) -> Result<Dataset, LoadError> {
    let bytes = store.bytes();
    let mut reader = Reader {
        base: bytes,
        store,
        hook,
        top: Top::default(),
        b: Builder::new(bytes, store.is_mapped()),
        released: 0,
        cancelled: false,
    };
    reader.pass(body, false, name)?;
    if reader.b.refs.is_none() {
        // The events came before the actors or sources they name: read them again, now
        // that those are known.
        reader.make_refs();
        reader.pass(body, true, name)?;
    }
    let Reader { top, b, .. } = reader;
    let Builder {
        mut checker,
        mut events,
        ..
    } = b;
    {
        let mut at = checker.at(RecordKind::Dataset, 0, "");
        if top.format != FORMAT {
            at.problem(
                "format",
                format!("is {:?}; annals reads {FORMAT:?}", top.format),
            );
        }
        at.required("title", &top.title);
    }
    if !checker.problems.is_empty() {
        // The dataset's own fields first, then records in the order they were checked.
        checker
            .problems
            .sort_by_key(|p| p.record != RecordKind::Dataset);
        return Err(LoadError::Invalid {
            path: name.to_string(),
            problems: checker.problems,
        });
    }
    sort_events(&mut events);
    let (actors, sources) = top.records;
    Ok(Dataset {
        schema: top.schema,
        title: top.title,
        description: top.description,
        language: top.language,
        actors,
        sources,
        events,
        store: store.clone(),
        imported: None,
    })
}

/// Sorts events into timeline order (`Event::sort_cmp`). Events are large, so their positions
/// are sorted and the events then moved once each, in place, rather than moved by the sort
/// (which would also want a scratch copy of half of them).
pub(crate) fn sort_events(events: &mut [Event]) {
    if events.is_sorted_by(|a, b| a.sort_cmp(b).is_le()) {
        return;
    }
    // The events' sort keys are made once (the date's key and the first sixteen bytes of the
    // id, which order ids as the whole ids do where they differ) and sorted beside the
    // positions, not looked up in the events, which lie far apart in memory: with many
    // events a day, most comparisons would otherwise read two events. The events are
    // compared only when the keys tie.
    let mut order: Vec<_> = events
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.when.sort_key(), id_prefix(&e.id)), i as u32))
        .collect();
    order.sort_by(|(a, i), (b, j)| {
        a.cmp(b)
            .then_with(|| events[*i as usize].sort_cmp(&events[*j as usize]))
    });
    // Follow each cycle of the permutation: position `i` takes the event at `order[i]`.
    let mut placed = vec![false; events.len()];
    for start in 0..events.len() {
        if placed[start] {
            continue;
        }
        let mut i = start;
        loop {
            placed[i] = true;
            let from = order[i].1 as usize;
            if from == start {
                break;
            }
            events.swap(i, from);
            i = from;
        }
    }
}

/// The first sixteen bytes of an id (zeros after a shorter one), as a number that orders as
/// they do: two ids whose prefixes differ are in the order of their prefixes. (Sixteen, as
/// ids made from titles share their first word: `securite-3599`, `securite-3600`.)
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// The dataset's fields other than its events.
#[derive(Default)]
struct Top {
    schema: Option<String>,
    format: String,
    title: String,
    description: Option<String>,
    language: Option<String>,
    raw_actors: Option<Vec<raw::Actor>>,
    raw_sources: Option<Vec<raw::Source>>,
    /// The actors and sources, checked.
    records: (Vec<Actor>, Vec<Source>),
}

/// The state of one load.
struct Reader<'a, 'h> {
    /// All the bytes, where `Text`s are measured from.
    base: &'a [u8],
    store: &'a Store,
    hook: &'h mut Hook<'h>,
    top: Top,
    /// What checks the events and keeps them; it works beside the parser (see `EventsSeed`).
    b: Builder<'a>,
    /// How much of a mapped file has been given back (see `Store::release_before`).
    released: usize,
    cancelled: bool,
}

impl<'a, 'h> Reader<'a, 'h> {
    /// One pass over the top level. On the second pass (`events_only`) only the events are read.
    fn pass(&mut self, body: &'a str, events_only: bool, name: &str) -> Result<(), LoadError> {
        self.released = 0;
        let mut de = serde_json::Deserializer::from_str(body);
        let result = TopSeed {
            reader: self,
            events_only,
        }
        .deserialize(&mut de)
        .and_then(|()| de.end());
        match result {
            Err(_) if self.cancelled => Err(LoadError::Cancelled {
                path: name.to_string(),
            }),
            Err(e) => Err(json_error(e, name)),
            Ok(()) => Ok(()),
        }
    }

    /// Checks the actors and sources and builds the maps events resolve their references with.
    fn make_refs(&mut self) {
        let actors = self.top.raw_actors.take().unwrap_or_default();
        let sources = self.top.raw_sources.take().unwrap_or_default();
        let (records, refs) = check::records(&mut self.b.checker, actors, sources);
        self.top.records = records;
        self.b.refs = Some(refs);
    }

    /// Where in the bytes a string read from them ends.
    fn end_of(&self, s: &str) -> Option<usize> {
        let start = (s.as_ptr() as usize).checked_sub(self.base.as_ptr() as usize)?;
        (start <= self.base.len()).then_some(start + s.len())
    }

    /// Gives back the pages of a mapped file before `done`, once `RELEASE_EVERY` more bytes
    /// are done with: nothing will read them again while loading.
    fn release(&mut self, done: usize) {
        if done >= self.released + RELEASE_EVERY {
            self.released = done;
            self.store.release_before(done);
        }
    }

    /// Reports progress. `Break` when the hook cancels.
    fn progress(&mut self, at: usize, events: usize) -> ControlFlow<()> {
        (self.hook)(Progress {
            bytes: at as u64,
            total: self.base.len() as u64,
            events,
        })
    }
}

/// Reads the top-level object: every field but the events with serde, the events with
/// `EventsSeed`.
struct TopSeed<'r, 'a, 'h> {
    reader: &'r mut Reader<'a, 'h>,
    events_only: bool,
}

#[derive(Clone, Copy, serde::Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Field {
    #[serde(rename = "$schema")]
    Schema,
    Format,
    Title,
    Description,
    Language,
    Actors,
    Sources,
    Events,
}

/// The top-level fields of annals/1 (validate's second reading checks against them too).
pub(super) const FIELDS: &[&str] = &[
    "$schema",
    "format",
    "title",
    "description",
    "language",
    "actors",
    "sources",
    "events",
];

impl<'de, 'r, 'h> DeserializeSeed<'de> for TopSeed<'r, 'de, 'h> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("Dataset", FIELDS, self)
    }
}

impl<'de, 'r, 'h> Visitor<'de> for TopSeed<'r, 'de, 'h> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an annals/1 dataset (a JSON object)")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        use serde::de::Error;
        let reader = self.reader;
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<Field>()? {
            if !seen.insert(key as u8) {
                return Err(M::Error::custom(format!(
                    "duplicate field `{}`",
                    FIELDS[key as usize]
                )));
            }
            if self.events_only && !matches!(key, Field::Events) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let top = &mut reader.top;
            match key {
                Field::Schema => top.schema = map.next_value()?,
                Field::Format => top.format = map.next_value()?,
                Field::Title => top.title = map.next_value()?,
                Field::Description => top.description = map.next_value()?,
                Field::Language => top.language = map.next_value()?,
                Field::Actors => top.raw_actors = Some(map.next_value()?),
                Field::Sources => top.raw_sources = Some(map.next_value()?),
                Field::Events => {
                    let known =
                        self.events_only || (top.raw_actors.is_some() && top.raw_sources.is_some());
                    if !known {
                        // Read again once the actors and sources are known; for now only
                        // passed over (with progress, and a chance to cancel).
                        map.next_value_seed(EventsSeed {
                            reader: &mut *reader,
                            keep: false,
                        })?;
                        continue;
                    }
                    if reader.b.refs.is_none() {
                        reader.make_refs();
                    }
                    map.next_value_seed(EventsSeed {
                        reader: &mut *reader,
                        keep: true,
                    })?;
                }
            }
        }
        // The fields the format requires (docs/data-format.md, the schema's `required`): a
        // missing one is said by its name, not by what follows from its absence.
        // A file of another format (`annals/2`) is said to be one, not to lack fields.
        let other_format = seen.contains(&(Field::Format as u8)) && reader.top.format != "annals/1";
        if !self.events_only && !other_format {
            for field in [
                Field::Format,
                Field::Title,
                Field::Actors,
                Field::Sources,
                Field::Events,
            ] {
                if !seen.contains(&(field as u8)) {
                    return Err(M::Error::custom(format!(
                        "missing field `{}`: an annals/1 dataset has `format`, `title`, \
                         `actors`, `sources` and `events`",
                        FIELDS[field as usize]
                    )));
                }
            }
        }
        // Actors and sources only, or a dataset with no events: read the events (none) now.
        if !self.events_only && reader.b.refs.is_none() && !seen.contains(&(Field::Events as u8)) {
            reader.make_refs();
        }
        Ok(())
    }
}

/// Reads the events array one event at a time; passes over it when not `keep`.
struct EventsSeed<'r, 'a, 'h> {
    reader: &'r mut Reader<'a, 'h>,
    keep: bool,
}

impl<'de, 'r, 'h> DeserializeSeed<'de> for EventsSeed<'r, 'de, 'h> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, 'r, 'h> Visitor<'de> for EventsSeed<'r, 'de, 'h> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let reader = self.reader;
        if !self.keep {
            let mut i = 0;
            while let Some(e) = seq.next_element::<raw::Event<'de>>()? {
                i += 1;
                if i % PROGRESS_EVERY == 0
                    && let Some(end) = reader.end_of(&e.summary).or_else(|| reader.end_of(&e.id))
                {
                    // Passed over, not kept: nothing reads these bytes again in this pass.
                    reader.release(end);
                    if reader.progress(end, i).is_break() {
                        reader.cancelled = true;
                        return Err(serde::de::Error::custom("cancelled"));
                    }
                }
            }
            return Ok(());
        }
        if reader.base.len() < PARALLEL_FROM {
            let mut i = 0;
            while let Some(e) = seq.next_element::<raw::Event<'de>>()? {
                reader.b.add(i, e);
                i += 1;
            }
            let _ = reader.progress(reader.base.len(), i);
            return Ok(());
        }
        // A big file: this thread parses, a second one checks and keeps the events, taking
        // them in batches. The worker reads the bytes of the texts it keeps (to take their
        // checks); it says how far it has got (`done`), and the pages before that are given
        // back, so that only the bytes between the worker and the parser stay in memory.
        let mut builder = std::mem::take(&mut reader.b);
        let done = std::sync::atomic::AtomicUsize::new(0);
        let (parsed, builder) = std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Batch<'de>>(8);
            let done = &done;
            let worker = scope.spawn(move || {
                let mut i = 0;
                for batch in receive {
                    builder.expect(batch.expect);
                    for e in batch.events {
                        builder.add(i, e);
                        i += 1;
                    }
                    done.store(batch.reach, std::sync::atomic::Ordering::Release);
                }
                builder
            });
            let parsed = (|| {
                let mut batch = Batch::new(0);
                let mut first = None;
                let mut i = 0;
                while let Some(e) = seq.next_element::<raw::Event<'de>>()? {
                    let end = reader.end_of(&e.summary).or_else(|| reader.end_of(&e.id));
                    batch.events.push(e);
                    i += 1;
                    if let Some(end) = end {
                        batch.reach = batch.reach.max(end);
                        first.get_or_insert(end);
                    }
                    if batch.events.len() == BATCH {
                        if i == BATCH
                            && let Some(first) = first
                        {
                            batch.expect = expected_events(first, batch.reach, reader.base.len());
                        }
                        let next = Batch::new(batch.reach);
                        let full = std::mem::replace(&mut batch, next);
                        if send.send(full).is_err() {
                            break; // the worker stopped: its panic is raised below
                        }
                        reader.release(done.load(std::sync::atomic::Ordering::Acquire));
                    }
                    if i % PROGRESS_EVERY == 0
                        && let Some(end) = end
                        && reader.progress(end, i).is_break()
                    {
                        reader.cancelled = true;
                        return Err(serde::de::Error::custom("cancelled"));
                    }
                }
                let _ = send.send(batch);
                let _ = reader.progress(reader.base.len(), i);
                Ok(())
            })();
            drop(send);
            let builder = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (parsed, builder)
        });
        reader.b = builder;
        parsed
    }
}

/// Events handed from the parser to the worker.
struct Batch<'a> {
    events: Vec<raw::Event<'a>>,
    /// Where the last text of these events read from the bytes ends, at least: the texts of
    /// the events after them all lie further on.
    reach: usize,
    /// How many events the dataset is expected to hold (0: no guess; only the first batch
    /// guesses).
    expect: usize,
}

impl Batch<'_> {
    fn new(reach: usize) -> Self {
        Batch {
            events: Vec::with_capacity(BATCH),
            reach,
            expect: 0,
        }
    }
}

/// How many events a file of `len` bytes holds, guessed from its first `BATCH` events, read
/// between `start` and `end`, with a margin: room is made for them once rather than grown by
/// doubling (each doubling copies every event and touches fresh memory). Room never used costs
/// no memory, only address space, which the guess keeps to about half the file's size.
fn expected_events(start: usize, end: usize, len: usize) -> usize {
    let each = (end.saturating_sub(start) / BATCH).max(1);
    let guess = len.saturating_sub(start) / each;
    let most = len / 2 / std::mem::size_of::<Event>();
    (guess + guess / 8 + BATCH).min(most)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events in any order come out in the order of `Event::sort_cmp`, however their keys
    /// tie: the same days, times with offsets, ids that share their first sixteen bytes or
    /// end within them.
    #[test]
    fn events_are_sorted_as_sort_cmp_orders_them() {
        let whens = [
            "2012-11-13",
            "2012-11",
            "2012",
            "2012-11-13T10:00:00+02:00",
            "2012-11-13T09:00:00Z",
            "2012-11-13T08:30:00-01:00",
            "2012-11-13/2012-11-20",
            "../2012-11-13",
            "2012-11-12",
        ];
        let ids = [
            "abcdefghijklmnop",
            "abcdefghijklmnop2",
            "abcdefghijklmnop10",
            "abc",
            "ab",
            "b",
            "abcdefghijklmnoq",
            "a",
        ];
        let mut state = 7u64;
        let mut events = Vec::new();
        for i in 0..400 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let when = whens[(state >> 33) as usize % whens.len()];
            let id = format!("{}-{i}", ids[(state >> 45) as usize % ids.len()]);
            events.push(format!(r#"{{"id":"{id}","when":"{when}","title":"T"}}"#));
        }
        let json = format!(
            r#"{{"format":"annals/1","title":"T","events":[{}],"actors":[],"sources":[]}}"#,
            events.join(",")
        );
        let data = read(Store::from_vec(json.into_bytes()), "x", &mut |_| {
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(data.events.len(), 400);
        assert!(
            data.events.windows(2).all(|w| w[0].sort_cmp(&w[1]).is_lt()),
            "in order, each before the next"
        );
    }

    /// Events written before the actors and sources they name are read twice; the first
    /// pass reports progress too, and can be cancelled.
    #[test]
    fn events_before_their_references_are_read_and_the_first_pass_can_be_cancelled() {
        let events: Vec<String> = (0..PROGRESS_EVERY + 10)
            .map(|i| format!(r#"{{"id":"e{i}","when":"2012-01-01","title":"T","actors":["a"]}}"#))
            .collect();
        let json = format!(
            r#"{{"format":"annals/1","title":"T","events":[{}],"actors":[{{"id":"a","name":"A"}}],"sources":[]}}"#,
            events.join(",")
        );
        let store = || Store::from_vec(json.clone().into_bytes());
        let mut calls = 0;
        let data = read(store(), "x", &mut |_| {
            calls += 1;
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(data.events.len(), PROGRESS_EVERY + 10);
        assert_eq!(&*data.events[0].actors, &[crate::model::ActorIx::new(0)]);
        assert!(calls >= 2, "progress in both passes");
        let cancelled = read(store(), "x", &mut |_| ControlFlow::Break(()));
        assert!(matches!(cancelled, Err(LoadError::Cancelled { .. })));
    }

    /// A value of the wrong type: every problem is found in a second read of what could be
    /// read, which reports progress too and can be cancelled (here in its first pass: the
    /// events come before the actors).
    #[test]
    fn a_wrong_type_is_reported_with_the_other_problems_and_the_second_read_can_be_cancelled() {
        let events: Vec<String> = (0..PROGRESS_EVERY + 10)
            .map(|i| {
                let title = if i == 0 {
                    "1".to_string()
                } else {
                    format!("\"T{i}\"")
                };
                let actor = if i == 5 { "b" } else { "a" };
                format!(r#"{{"id":"e{i}","when":"2012","title":{title},"actors":["{actor}"]}}"#)
            })
            .collect();
        let json = format!(
            "{{\"format\":\"annals/1\",\"title\":\"T\",\n\"events\":[\n{}],\n\"actors\":[{{\"id\":\"a\",\"name\":\"A\"}}],\"sources\":[]}}",
            events.join(",\n")
        );
        let store = || Store::from_vec(json.clone().into_bytes());
        let Err(LoadError::Invalid { problems, .. }) =
            read(store(), "x", &mut |_| ControlFlow::Continue(()))
        else {
            panic!("the file has problems");
        };
        let said: Vec<String> = problems.iter().map(|p| p.located()).collect();
        assert_eq!(
            said,
            [
                "3:34: event `e0`, field `title`: is the number 1; it must be a string",
                "8:39: event `e5`, field `actors`: unknown actor `b`",
            ]
        );
        let cancelled = read(store(), "x", &mut |_| ControlFlow::Break(()));
        assert!(matches!(cancelled, Err(LoadError::Cancelled { .. })));
    }
}

//! Reading and validating `annals/1` datasets.
//!
//! The bytes are checked to be UTF-8, then read in one pass (`read`): serde reads the top
//! level and the actors and sources, then each event in turn, which is checked and turned into
//! a model `Event` at once (a syntax error or a value of the wrong type stops here, with line
//! and column). Every semantic problem (ids, references, dates, empty titles) is collected,
//! and reported all at once. A file whose events come before its actors or sources is read
//! twice: the events are only known once the records they name are.
//!
//! Nothing long is copied: an event's title, summary, quotes and notes stay where they lie in
//! the bytes read (a file is mapped into memory), and `Dataset::text` reads them when needed.
//! A big file is parsed on one thread while a second checks the events, and reports its
//! progress to a hook, which may cancel the load.

mod progress;
mod raw;

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;
use std::ops::ControlFlow;
use std::path::Path;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

pub use progress::{Pace, Progress};

use crate::model::{
    Actor, ActorIx, Dataset, Event, Quote, Source, SourceIx, Store, Tag, Text, When,
};

/// The curated dataset, built into the binary.
pub const BUILTIN_JSON: &str = include_str!("../../data/moscow-washington.json");
/// The name the built-in dataset goes by in messages.
pub const BUILTIN_NAME: &str = "built-in dataset";
/// The format tag every dataset carries.
pub const FORMAT: &str = "annals/1";

/// Told of the progress now and then (every `PROGRESS_EVERY` events, and at the end);
/// `Break` cancels the load.
pub type Hook<'h> = dyn FnMut(Progress) -> ControlFlow<()> + 'h;

/// How many events are read between two calls of the progress hook.
pub const PROGRESS_EVERY: usize = 4096;

/// How far the parser gets between two releases of a mapped file's pages.
const RELEASE_EVERY: usize = 64 << 20;

/// The built-in dataset. It is checked by the test suite, so a failure here is a bug.
pub fn builtin() -> Dataset {
    read(
        Store::from_static(BUILTIN_JSON.as_bytes()),
        BUILTIN_NAME,
        &mut |_| ControlFlow::Continue(()),
    )
    .expect("the built-in dataset is valid")
}

/// Reads and validates a dataset file.
pub fn from_path(path: &Path) -> Result<Dataset, LoadError> {
    from_path_with(path, &mut |_| ControlFlow::Continue(()))
}

/// Reads and validates a dataset file, telling `hook` how far it has got. A regular file is
/// mapped into memory rather than copied; anything else (a pipe) is read whole.
pub fn from_path_with(path: &Path, hook: &mut Hook<'_>) -> Result<Dataset, LoadError> {
    let name = path.display().to_string();
    let io = |source| LoadError::Io {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    let store = if meta.is_file() && meta.len() > 0 {
        // SAFETY: the map is only read, and texts read from it are checked to be UTF-8 each
        // time (`Store::checked_utf8` does not trust a mapped file). Another program changing
        // the file while it is open can make texts read wrong, or, if it cuts the file short,
        // stop annals with SIGBUS: the contract of every program that maps its input.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        Store::from_map(map)
    } else {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut bytes).map_err(io)?;
        Store::from_vec(bytes)
    };
    read(store, &name, hook)
}

/// Parses and validates a dataset held in memory; `name` is used in messages.
pub fn from_str(text: &str, name: &str) -> Result<Dataset, LoadError> {
    read(Store::from_vec(text.as_bytes().to_vec()), name, &mut |_| {
        ControlFlow::Continue(())
    })
}

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {kind}: {message}")]
    Json {
        path: String,
        line: usize,
        column: usize,
        kind: &'static str,
        message: String,
    },
    #[error("{}", invalid_text(.path, .problems))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
    #[error("{path}: loading was cancelled")]
    Cancelled { path: String },
}

fn invalid_text(path: &str, problems: &[Problem]) -> String {
    let n = problems.len();
    let mut s = format!(
        "{path}: {n} problem{} in the dataset:",
        if n == 1 { "" } else { "s" }
    );
    for p in problems {
        s.push_str(&format!("\n  {p}"));
    }
    s
}

fn json_error(e: serde_json::Error, path: &str) -> LoadError {
    use serde_json::error::Category;
    let kind = match e.classify() {
        Category::Syntax => "JSON syntax error",
        Category::Eof => "unexpected end of file",
        Category::Data => "invalid dataset",
        Category::Io => "read error",
    };
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    LoadError::Json {
        path: path.to_string(),
        line: e.line(),
        column: e.column(),
        kind,
        message,
    }
}

/// Which kind of record a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Dataset,
    Actor,
    Source,
    Event,
}

/// One semantic problem: which record (by id, or by position when it has none), which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub record: RecordKind,
    /// Position in its array (0-based).
    pub index: usize,
    pub id: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, array) = match self.record {
            RecordKind::Dataset => return write!(f, "field `{}`: {}", self.field, self.message),
            RecordKind::Actor => ("actor", "actors"),
            RecordKind::Source => ("source", "sources"),
            RecordKind::Event => ("event", "events"),
        };
        if self.id.is_empty() {
            write!(f, "{kind} #{} ({array}[{}])", self.index + 1, self.index)?;
        } else {
            write!(f, "{kind} `{}`", self.id)?;
        }
        write!(f, ", field `{}`: {}", self.field, self.message)
    }
}

/// Collects problems while the records are checked.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn at<'c>(&'c mut self, record: RecordKind, index: usize, id: &'c str) -> At<'c> {
        At {
            checker: self,
            record,
            index,
            id,
        }
    }
}

/// A record being checked.
struct At<'c> {
    checker: &'c mut Checker,
    record: RecordKind,
    index: usize,
    id: &'c str,
}

impl At<'_> {
    fn problem(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.checker.problems.push(Problem {
            record: self.record,
            index: self.index,
            id: self.id.to_string(),
            field: field.into(),
            message: message.into(),
        });
    }

    fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(field, "must not be empty");
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
        at.problem("id", "must not be empty");
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
fn index_ids<'a>(
    checker: &mut Checker,
    record: RecordKind,
    ids: impl Iterator<Item = &'a str>,
) -> FxHashMap<String, usize> {
    let mut map = FxHashMap::default();
    for (i, id) in ids.enumerate() {
        check_id(&mut checker.at(record, i, id), id, &mut map);
    }
    map
}

/// The index a reference names; a problem in `field` (named only then) when it names nothing.
fn resolve(
    at: &mut At<'_>,
    field: impl FnOnce() -> String,
    kind: &str,
    map: &FxHashMap<String, usize>,
    id: &str,
) -> Option<usize> {
    let found = map.get(id).copied();
    if found.is_none() {
        at.problem(field(), format!("unknown {kind} `{id}`"));
    }
    found
}

/// From this size (in bytes) a dataset's events are checked by a second thread while they
/// are parsed, in batches of `BATCH`.
const PARALLEL_FROM: usize = 4 << 20;
const BATCH: usize = 1024;

/// How much text is checked to be UTF-8 at a time.
const UTF8_CHUNK: usize = 16 << 20;

/// Checks that the bytes are UTF-8, a chunk at a time (giving each chunk's pages back when
/// the bytes are mapped), so that the JSON parser need not check each string again.
fn check_utf8<'a>(body: &'a [u8], store: &Store, name: &str) -> Result<&'a str, LoadError> {
    let before = body.as_ptr() as usize - store.bytes().as_ptr() as usize;
    let mut start = 0;
    while start < body.len() {
        let mut end = (start + UTF8_CHUNK).min(body.len());
        // Never split a character: back up to the start of one (at most 3 bytes; more
        // continuation bytes in a row are not UTF-8, which the next chunk then reports).
        let floor = end.saturating_sub(3).max(start + 1);
        while end > floor && end < body.len() && body[end] & 0xC0 == 0x80 {
            end -= 1;
        }
        if let Err(e) = simdutf8::compat::from_utf8(&body[start..end]) {
            let at = start + e.valid_up_to();
            let line_start = body[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            return Err(LoadError::Json {
                path: name.to_string(),
                line: 1 + memchr::memchr_iter(b'\n', &body[..at]).count(),
                column: 1 + at - line_start,
                kind: "not UTF-8",
                message: "the file must be UTF-8 text".to_string(),
            });
        }
        store.release_before(before + end);
        start = end;
    }
    // SAFETY: every byte was just checked to be UTF-8, chunk by chunk, and the chunks end
    // on character boundaries.
    Ok(unsafe { std::str::from_utf8_unchecked(body) })
}

/// Reads a whole dataset from `store`, telling `hook` how far it has got.
fn read(store: Store, name: &str, hook: &mut Hook<'_>) -> Result<Dataset, LoadError> {
    let bytes = store.bytes();
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let body = check_utf8(body, &store, name)?;
    // The byte order mark is UTF-8 too.
    store.checked_utf8();
    let mut reader = Reader {
        base: bytes,
        store: &store,
        hook,
        top: Top::default(),
        b: Builder {
            base: bytes,
            ..Builder::default()
        },
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
        title: top.title,
        description: top.description,
        language: top.language,
        actors,
        sources,
        events,
        store: store.clone(),
    })
}

/// Sorts events into timeline order (`Event::sort_cmp`). Events are large, so their positions
/// are sorted and the events then moved once each, in place, rather than moved by the sort
/// (which would also want a scratch copy of half of them).
fn sort_events(events: &mut [Event]) {
    if events.is_sorted_by(|a, b| a.sort_cmp(b).is_le()) {
        return;
    }
    let mut order: Vec<u32> = (0..events.len() as u32).collect();
    order.sort_by(|&a, &b| events[a as usize].sort_cmp(&events[b as usize]));
    // Follow each cycle of the permutation: position `i` takes the event at `order[i]`.
    let mut placed = vec![false; events.len()];
    for start in 0..events.len() {
        if placed[start] {
            continue;
        }
        let mut i = start;
        loop {
            placed[i] = true;
            let from = order[i] as usize;
            if from == start {
                break;
            }
            events.swap(i, from);
            i = from;
        }
    }
}

/// The dataset's fields other than its events.
#[derive(Default)]
struct Top {
    format: String,
    title: String,
    description: Option<String>,
    language: Option<String>,
    raw_actors: Option<Vec<raw::Actor>>,
    raw_sources: Option<Vec<raw::Source>>,
    /// The actors and sources, checked.
    records: (Vec<Actor>, Vec<Source>),
}

/// Id → index maps for the references events make.
struct Refs {
    actors: FxHashMap<String, ActorIx>,
    sources: FxHashMap<String, SourceIx>,
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

/// Checks events as the parser hands them over and keeps them.
#[derive(Default)]
struct Builder<'a> {
    /// All the bytes, where `Text`s are measured from.
    base: &'a [u8],
    checker: Checker,
    /// Known once the actors and sources have been read.
    refs: Option<Refs>,
    event_ids: EventIds,
    /// Each tag's text, kept once.
    tags: FxHashSet<Tag>,
    events: Vec<Event>,
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
        let raw_actors = self.top.raw_actors.take().unwrap_or_default();
        let raw_sources = self.top.raw_sources.take().unwrap_or_default();
        let checker = &mut self.b.checker;
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
        self.top.records = (checked_actors, checked_sources);
        self.b.refs = Some(Refs { actors, sources });
    }

    /// Where in the bytes a string read from them ends.
    fn end_of(&self, s: &str) -> Option<usize> {
        let start = (s.as_ptr() as usize).checked_sub(self.base.as_ptr() as usize)?;
        (start <= self.base.len()).then_some(start + s.len())
    }

    /// Reports progress and gives back the pages of a mapped file the parser has passed.
    /// `Break` when the hook cancels.
    fn progress(&mut self, at: usize, events: usize) -> ControlFlow<()> {
        if at >= self.released + RELEASE_EVERY {
            // Keep a margin behind the parser (the checking thread never reads the bytes:
            // it keeps places in them).
            self.released = at - (1 << 20);
            self.store.release_before(self.released);
        }
        (self.hook)(Progress {
            bytes: at as u64,
            total: self.base.len() as u64,
            events,
        })
    }
}

impl<'a> Builder<'a> {
    fn text(&self, s: raw::Str<'a>) -> Text {
        Text::new(s.0, self.base)
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
    fn add(&mut self, i: usize, e: raw::Event<'a>) {
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
            at.problem("when", "must not be empty");
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
                at.problem(field("text"), "must not be empty");
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
        };
        self.events.push(event);
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

const FIELDS: &[&str] = &[
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
                Field::Schema => {
                    map.next_value::<Option<String>>()?;
                }
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
                    && reader.progress(end, i).is_break()
                {
                    reader.cancelled = true;
                    return Err(serde::de::Error::custom("cancelled"));
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
        // them in batches. The two halves of the work take about as long.
        let mut builder = std::mem::take(&mut reader.b);
        let (parsed, builder) = std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<raw::Event<'de>>>(8);
            let worker = scope.spawn(move || {
                let mut i = 0;
                for batch in receive {
                    for e in batch {
                        builder.add(i, e);
                        i += 1;
                    }
                }
                builder
            });
            let parsed = (|| {
                let mut batch = Vec::with_capacity(BATCH);
                let mut i = 0;
                while let Some(e) = seq.next_element::<raw::Event<'de>>()? {
                    let end = reader.end_of(&e.summary).or_else(|| reader.end_of(&e.id));
                    batch.push(e);
                    i += 1;
                    if batch.len() == BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        if send.send(full).is_err() {
                            break; // the worker stopped: its panic is raised below
                        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(&*data.events[0].actors, &[0]);
        assert!(calls >= 2, "progress in both passes");
        let cancelled = read(store(), "x", &mut |_| ControlFlow::Break(()));
        assert!(matches!(cancelled, Err(LoadError::Cancelled { .. })));
    }

    #[test]
    fn ids_are_checked_for_shape() {
        assert!(id_is_well_formed("putin-obama-call"));
        assert!(id_is_well_formed("afp.2012_11"));
        assert!(!id_is_well_formed("Putin"));
        assert!(!id_is_well_formed("-x"));
        assert!(!id_is_well_formed("a b"));
    }
}

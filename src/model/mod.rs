//! The data model: plain values, no terminal and no I/O. References between records are
//! resolved to indices when a dataset is loaded, so every reference in a `Dataset` is valid.

pub mod attributes;
pub mod ix;
pub mod text;
pub mod when;

use std::sync::Arc;

use chrono::NaiveDate;

pub use attributes::{Attributes, Columns};
pub use ix::{ActorIx, EventIx, ShownIx, SourceIx};
pub use text::{Store, Text};
pub use when::{End, Point, Precision, Qualifier, When};

/// A tag; each tag's text is kept once per dataset and shared by its events.
pub type Tag = Arc<str>;

/// What kind of actor: a person, an organisation, a country or a group of people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organisation,
    Country,
    Group,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::Country => "country",
            ActorKind::Group => "group",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<ActorKind>,
    pub about: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub date: Option<When>,
    pub language: Option<String>,
    pub url: Option<String>,
}

impl Source {
    /// "AFP, 13 Nov 2012" — how a source is cited in one line.
    pub fn citation(&self) -> String {
        match &self.date {
            Some(d) => format!("{}, {}", self.publisher, d.short()),
            None => self.publisher.clone(),
        }
    }
}

/// A quote; its texts are read with `Dataset::text`.
#[derive(Clone, Debug)]
pub struct Quote {
    pub by: ActorIx,
    pub text: Text,
    pub lang: Option<Text>,
    pub translation: Option<Text>,
    pub source: SourceIx,
}

/// An event. The id, date, actors, tags and sources are held; the title, summary, quotes'
/// texts and notes are `Text`s, read with `Dataset::text` when they are shown or searched.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub when: When,
    pub title: Text,
    pub summary: Text,
    pub actors: Box<[ActorIx]>,
    /// Shared between events with the same tags where a reader can (a million GDELT rows
    /// have a few dozen tag lists).
    pub tags: Arc<[Tag]>,
    pub quotes: Box<[Quote]>,
    pub sources: Box<[SourceIx]>,
    pub notes: Box<[Text]>,
    /// What another tool kept with the event that annals/1 has no field for (a Timesketch
    /// column, a GDELT score): names and values, in the order given.
    pub attributes: Attributes,
}

impl Event {
    /// Everyone the event involves: its actors, then the speakers of its quotes (an actor may
    /// come twice).
    pub fn participants(&self) -> impl Iterator<Item = ActorIx> + '_ {
        self.actors
            .iter()
            .copied()
            .chain(self.quotes.iter().map(|q| q.by))
    }

    /// DESIGN §1 order: earliest possible start, then coarser precision, then id.
    pub fn sort_cmp(&self, other: &Event) -> std::cmp::Ordering {
        self.when
            .sort_cmp(&other.when)
            .then_with(|| self.id.cmp(&other.id))
    }
}

/// A loaded, validated dataset. Events are sorted (see `Event::sort_cmp`).
#[derive(Clone, Debug)]
pub struct Dataset {
    /// The JSON Schema the file names (`$schema`), kept so that it is written back.
    pub schema: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub language: Option<String>,
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
    /// The bytes the dataset was read from, where its `Text`s lie.
    pub store: Store,
    /// Read from another tool's format: which, and how many of its records were left out.
    pub imported: Option<Imported>,
}

/// A dataset read from another tool's format (not annals/1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// "TimelineJS", "Timesketch CSV", …
    pub format: &'static str,
    /// Rows or records that could not be read.
    pub skipped: usize,
}

/// Two datasets are equal when they say the same things, wherever their texts are kept.
impl PartialEq for Dataset {
    fn eq(&self, other: &Dataset) -> bool {
        self.title == other.title
            && self.description == other.description
            && self.language == other.language
            && self.actors == other.actors
            && self.sources == other.sources
            && self.events.len() == other.events.len()
            && self
                .events
                .iter()
                .zip(&other.events)
                .all(|(a, b)| self.same_event(a, other, b))
    }
}

/// How the events of one version of a dataset differ from another's, matched by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: usize,
    pub removed: usize,
    /// Events with the same id that say something else.
    pub changed: usize,
}

impl Dataset {
    /// Whether event `a` of this dataset says what event `b` of `other` says: the same id,
    /// date, texts, tags, and actors and sources by id (their positions may differ).
    pub fn same_event(&self, a: &Event, other: &Dataset, b: &Event) -> bool {
        let texts_eq = |x: &Text, y: &Text| self.text(x) == other.text(y);
        let opt_eq = |x: &Option<Text>, y: &Option<Text>| match (x, y) {
            (Some(x), Some(y)) => texts_eq(x, y),
            (None, None) => true,
            _ => false,
        };
        let actor_eq = |x: ActorIx, y: ActorIx| self.actor(x).id == other.actor(y).id;
        let source_eq = |x: SourceIx, y: SourceIx| self.source(x).id == other.source(y).id;
        let quote_eq = |x: &Quote, y: &Quote| {
            actor_eq(x.by, y.by)
                && source_eq(x.source, y.source)
                && texts_eq(&x.text, &y.text)
                && opt_eq(&x.lang, &y.lang)
                && opt_eq(&x.translation, &y.translation)
        };
        fn all<T>(x: &[T], y: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| eq(x, y))
        }
        a.id == b.id
            && a.when == b.when
            && texts_eq(&a.title, &b.title)
            && texts_eq(&a.summary, &b.summary)
            && a.tags == b.tags
            && all(&a.actors, &b.actors, |x, y| actor_eq(*x, *y))
            && all(&a.sources, &b.sources, |x, y| source_eq(*x, *y))
            && all(&a.quotes, &b.quotes, quote_eq)
            && all(&a.notes, &b.notes, texts_eq)
            && a.attributes.pairs(&self.store) == b.attributes.pairs(&other.store)
    }

    /// How `new`'s events differ from this dataset's, by id.
    pub fn changes_to(&self, new: &Dataset) -> Changes {
        let old: rustc_hash::FxHashMap<&str, &Event> =
            self.events.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut changes = Changes::default();
        let mut kept = 0;
        for e in &new.events {
            match old.get(e.id.as_str()) {
                None => changes.added += 1,
                Some(o) => {
                    kept += 1;
                    if !self.same_event(o, new, e) {
                        changes.changed += 1;
                    }
                }
            }
        }
        changes.removed = self.events.len() - kept;
        changes
    }

    /// Each event's position by its id.
    pub fn event_ids(&self) -> rustc_hash::FxHashMap<&str, EventIx> {
        self.events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), EventIx::new(i)))
            .collect()
    }

    /// The text of a summary, quote or note of this dataset.
    pub fn text<'a>(&'a self, text: &'a Text) -> &'a str {
        text.get(&self.store)
    }

    /// The text of an optional field (a quote's language or translation).
    pub fn text_opt<'a>(&'a self, text: &'a Option<Text>) -> Option<&'a str> {
        text.as_ref().map(|t| t.get(&self.store))
    }

    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix]
    }

    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix]
    }

    pub fn event(&self, ix: EventIx) -> &Event {
        &self.events[ix]
    }

    /// Every event's position, in timeline order.
    pub fn all_events(&self) -> Vec<EventIx> {
        ix::all(self.events.len()).collect()
    }

    /// Position of the event with this id.
    pub fn event_position(&self, id: &str) -> Option<EventIx> {
        self.events
            .iter()
            .position(|e| e.id == id)
            .map(EventIx::new)
    }

    /// A dataset of the events at these positions (in timeline order) and exactly the actors
    /// and sources they reference (by their actors, quotes and sources), in this dataset's
    /// order. The title, description and language are kept.
    pub fn subset(&self, events: &[EventIx]) -> Dataset {
        let mut positions = events.to_vec();
        positions.sort_unstable();
        positions.dedup();
        let mut actor_used = vec![false; self.actors.len()];
        let mut source_used = vec![false; self.sources.len()];
        for e in positions.iter().map(|&i| &self.events[i]) {
            for a in e.participants() {
                actor_used[a.get()] = true;
            }
            for &s in e.sources.iter().chain(e.quotes.iter().map(|q| &q.source)) {
                source_used[s.get()] = true;
            }
        }
        // Old index → new index, for the records kept.
        let renumber = |used: &[bool]| -> Vec<Option<usize>> {
            let mut next = 0;
            used.iter()
                .map(|&u| {
                    u.then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        };
        let (actor_ix, source_ix) = (renumber(&actor_used), renumber(&source_used));
        let new_actor =
            |a: ActorIx| ActorIx::new(actor_ix[a.get()].expect("a referenced actor is kept"));
        let new_source =
            |s: SourceIx| SourceIx::new(source_ix[s.get()].expect("a referenced source is kept"));
        Dataset {
            schema: self.schema.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            language: self.language.clone(),
            store: self.store.clone(),
            imported: self.imported.clone(),
            actors: keep(&self.actors, &actor_used),
            sources: keep(&self.sources, &source_used),
            events: positions
                .iter()
                .map(|&i| {
                    let e = &self.events[i];
                    Event {
                        actors: e.actors.iter().map(|&a| new_actor(a)).collect(),
                        sources: e.sources.iter().map(|&s| new_source(s)).collect(),
                        quotes: e
                            .quotes
                            .iter()
                            .map(|q| Quote {
                                by: new_actor(q.by),
                                source: new_source(q.source),
                                ..q.clone()
                            })
                            .collect(),
                        ..e.clone()
                    }
                })
                .collect(),
        }
    }
}

/// The first and last day a run of events covers: the earliest start to the latest end.
pub fn span<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<(NaiveDate, NaiveDate)> {
    events.into_iter().fold(None, |span, e| {
        let (first, last) = (e.when.anchor().first_day, e.when.last_day());
        Some(match span {
            None => (first, last),
            Some((a, b)) => (first.min(a), last.max(b)),
        })
    })
}

/// "12 Sep 2012 – 13 Nov 2012" (or one day), the stretch a run of events covers.
pub fn span_text<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<String> {
    let (a, b) = span(events)?;
    let order = when::date_order();
    let day = |d: NaiveDate| when::day_text(d, order);
    Some(if a == b {
        day(a)
    } else {
        format!("{} – {}", day(a), day(b))
    })
}

fn keep<T: Clone>(items: &[T], used: &[bool]) -> Vec<T> {
    items
        .iter()
        .zip(used)
        .filter(|(_, u)| **u)
        .map(|(x, _)| x.clone())
        .collect()
}

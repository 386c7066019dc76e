//! Text search: whether an event mentions a folded query, and a search over many events
//! done a slice at a time (on two threads for a big slice).

use crate::model::{Dataset, Event, EventIx, ShownIx};

use super::fold::{fold_bytes_into, fold_into};

/// Whether any text of the event contains the folded query: its title, summary, quotes
/// (original and translation), notes, the names of its actors and the publishers and titles
/// of its sources.
pub fn event_mentions(data: &Dataset, ev: &Event, folded_query: &str) -> bool {
    Needle::new(folded_query).in_event(data, ev, &mut Vec::new())
}

/// A folded query ready to be looked for in events.
#[derive(Clone, Debug)]
pub(super) struct Needle {
    finder: memchr::memmem::Finder<'static>,
    /// Which actors' names hold the query, when worked out once for a search of many events
    /// (rather than folding the same names again for each event).
    actors: Option<Vec<bool>>,
    /// Which sources' publishers or titles hold it, likewise: a million GDELT events share
    /// a few hundred thousand addresses.
    sources: Option<Vec<bool>>,
}

impl Needle {
    pub(super) fn new(folded_query: &str) -> Needle {
        Needle {
            finder: memchr::memmem::Finder::new(folded_query).into_owned(),
            actors: None,
            sources: None,
        }
    }

    /// Works out once which actors' names and which sources hold the query.
    pub(super) fn for_many(&mut self, data: &Dataset) {
        let mut buf = Vec::new();
        let actors = data
            .actors
            .iter()
            .map(|a| self.found_in(&a.name, &mut buf))
            .collect();
        let sources = data
            .sources
            .iter()
            .map(|s| self.in_source(s, &mut buf))
            .collect();
        self.actors = Some(actors);
        self.sources = Some(sources);
    }

    fn in_source(&self, s: &crate::model::Source, buf: &mut Vec<u8>) -> bool {
        self.found_in(&s.publisher, buf) || self.found_in(&s.title, buf)
    }

    fn found_in(&self, text: &str, buf: &mut Vec<u8>) -> bool {
        fold_into(text, buf);
        self.finder.find(buf).is_some()
    }

    /// `found_in` for a text of the event, read as bytes. The bytes of a mapped file are
    /// folded unchecked, and checked only when they hold the query (`Text::bytes`): a text
    /// that changed since the file was read is never a hit for its new bytes (checked, it
    /// reads as `CHANGED`, and the store is marked stale).
    fn found_in_text(&self, data: &Dataset, text: &crate::model::Text, buf: &mut Vec<u8>) -> bool {
        let unchecked = text.unchecked_bytes(&data.store);
        fold_bytes_into(unchecked, buf);
        if self.finder.find(buf).is_none() {
            return false;
        }
        let checked = text.bytes(&data.store);
        std::ptr::eq(checked, unchecked) || {
            fold_bytes_into(checked, buf);
            self.finder.find(buf).is_some()
        }
    }

    pub(super) fn in_event(&self, data: &Dataset, ev: &Event, buf: &mut Vec<u8>) -> bool {
        if self.finder.needle().is_empty() {
            return true;
        }
        let named = match &self.actors {
            Some(hit) => ev.actors.iter().any(|&a| hit[a.get()]),
            None => ev
                .actors
                .iter()
                .any(|&a| self.found_in(&data.actor(a).name, buf)),
        };
        named
            || self.found_in_text(data, &ev.title, buf)
            || self.found_in_text(data, &ev.summary, buf)
            || ev.quotes.iter().any(|q| {
                self.found_in_text(data, &q.text, buf)
                    || q.translation
                        .as_ref()
                        .is_some_and(|t| self.found_in_text(data, t, buf))
            })
            || ev.notes.iter().any(|n| self.found_in_text(data, n, buf))
            || match &self.sources {
                Some(hit) => ev.sources.iter().any(|&s| hit[s.get()]),
                None => ev
                    .sources
                    .iter()
                    .any(|&s| self.in_source(data.source(s), buf)),
            }
    }
}

/// A text search over a list of events, done a slice at a time so that the browser can take
/// keys between slices and drop a search that a new keystroke replaces. Hits come out in the
/// order of the list. A big slice is shared between two threads.
#[derive(Clone, Debug)]
pub struct Search {
    query: Needle,
    /// Where in the list the next slice starts.
    next: usize,
}

/// A slice at least this long is searched by two threads.
const PARALLEL_FROM: usize = 4096;

impl Search {
    /// A search for a folded query (see `fold`).
    pub fn new(folded_query: &str) -> Search {
        Search {
            query: Needle::new(folded_query),
            next: 0,
        }
    }

    /// Searches the next `budget` events of `events` (positions in `data.events`; the same
    /// list at every step). Returns the positions in `events` of the hits this slice found.
    pub fn step(&mut self, data: &Dataset, events: &[EventIx], budget: usize) -> Vec<ShownIx> {
        let end = events.len().min(self.next.saturating_add(budget));
        let range = self.next..end;
        self.next = end;
        if self.query.actors.is_none() {
            self.query.for_many(data);
        }
        let query = &self.query;
        let search = |range: std::ops::Range<usize>| -> Vec<ShownIx> {
            let mut buf = Vec::new();
            range
                .filter(|&pos| query.in_event(data, &data.events[events[pos]], &mut buf))
                .map(ShownIx::new)
                .collect()
        };
        if range.len() >= PARALLEL_FROM {
            let middle = range.start + range.len() / 2;
            let (first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| search(middle..range.end));
                (search(range.start..middle), second.join())
            });
            let mut hits = first;
            hits.extend(second.unwrap_or_else(|e| std::panic::resume_unwind(e)));
            hits
        } else {
            search(range)
        }
    }

    /// Whether the whole list has been searched.
    pub fn done(&self, events: &[EventIx]) -> bool {
        self.next >= events.len()
    }

    /// How many events of the list have been searched.
    pub fn searched(&self) -> usize {
        self.next
    }

    /// The whole search at once: positions in `events` of the events that mention the query.
    pub fn run(data: &Dataset, events: &[EventIx], folded_query: &str) -> Vec<ShownIx> {
        Search::new(folded_query).step(data, events, usize::MAX)
    }
}

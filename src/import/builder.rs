//! Builds a `Dataset` from another tool's records, one at a time: a text that stands in the
//! file as it is (most CSV fields) is kept as its place there, like annals/1's texts, and any
//! other goes into one growing buffer kept after the file's bytes (so a million rows cost
//! their dates and references and little more); actors
//! are kept once by their folded name (and declared aliases), sources once by address, and
//! every id is made unique. What cannot become an event is reported, not guessed.

use std::borrow::Cow;

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::report::Report;
use crate::edit::draft::slug;
use crate::model::{
    Actor, ActorIx, ActorKind, Attributes, Columns, Dataset, Event, Imported, Source, SourceIx,
    Store, Tag, Text, When,
};
use crate::query::fold;

/// An event as an importer makes it; its texts borrowed from the file where they can be.
#[derive(Default)]
pub struct NewEvent<'a> {
    /// The id the source gave, if any (made safe and unique here).
    pub id: Option<String>,
    pub when: Option<When>,
    pub title: Cow<'a, str>,
    pub summary: Cow<'a, str>,
    pub actors: Vec<ActorIx>,
    pub tags: Vec<String>,
    pub sources: Vec<SourceIx>,
    pub notes: Vec<Cow<'a, str>>,
    pub attributes: NewAttributes<'a>,
}

/// An event's attributes as an importer finds them.
pub enum NewAttributes<'a> {
    /// Names and values.
    Listed(Vec<(Cow<'a, str>, Cow<'a, str>)>),
    /// The fields of a table's row (`raw`, as written) whose columns are `kept`.
    Row {
        raw: &'a str,
        names: &'a [String],
        kept: Vec<bool>,
        delimiter: u8,
        dash_is_blank: bool,
    },
}

impl Default for NewAttributes<'_> {
    fn default() -> Self {
        NewAttributes::Listed(Vec::new())
    }
}

/// The ids given to records of one kind, so that each new one is unique. Kept as hashes: a
/// clash of two hashes only makes an id take a suffix it did not need, never a duplicate.
/// A stem met before goes on from its last suffix, so a million rows of the same message
/// cost a million steps, not half a million million.
#[derive(Default)]
struct Ids {
    taken: FxHashSet<u64>,
    next: FxHashMap<String, u32>,
}

impl Ids {
    fn hash(id: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(id)
    }

    /// An id of `stem`'s shape that no record of the kind has yet.
    fn fresh(&mut self, stem: &str) -> String {
        let stem = slug(stem);
        if self.taken.insert(Ids::hash(&stem)) {
            return stem;
        }
        let n = self.next.entry(stem.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{stem}-{n}");
            if self.taken.insert(Ids::hash(&id)) {
                return id;
            }
        }
    }
}

pub struct Builder {
    format: &'static str,
    /// The bytes read: a text that is a slice of them is kept as its place.
    store: Store,
    /// Texts that are not in the file as they are, kept after its bytes.
    arena: String,
    pub title: String,
    pub description: Option<String>,
    actors: Vec<Actor>,
    actor_by_name: FxHashMap<String, ActorIx>,
    /// Each name as written, once seen (most rows name actors already met).
    actor_by_text: FxHashMap<String, ActorIx>,
    /// Folded alias → folded name it stands for (`--aliases`).
    aliases: FxHashMap<String, String>,
    actor_ids: Ids,
    sources: Vec<Source>,
    source_by_key: FxHashMap<String, SourceIx>,
    source_ids: Ids,
    ids: Ids,
    tags: FxHashSet<Tag>,
    /// The columns of the tables whose rows are kept as attributes (one, nearly always).
    columns: Vec<Arc<Columns>>,
    events: Vec<Event>,
    pub report: Report,
}

impl Builder {
    /// Room for about `bytes` of texts (the size of the file they come from), so that the
    /// buffer is not copied as it grows (pages not written to cost nothing).
    pub fn reserve(&mut self, bytes: usize) {
        self.arena.reserve(bytes);
    }

    /// The bytes of text made so far.
    pub fn arena_len(&self) -> usize {
        self.arena.len()
    }

    /// Room for about `rows` events (estimated from the file's first lines), so that the
    /// list of events is not copied as it grows; too many costs address space, not memory.
    pub fn expect(&mut self, rows: usize) {
        self.events.reserve(rows);
    }

    pub fn new(format: &'static str, title: &str) -> Builder {
        Builder {
            format,
            store: Store::from_vec(Vec::new()),
            arena: String::new(),
            title: title.to_string(),
            description: None,
            actors: Vec::new(),
            actor_by_name: FxHashMap::default(),
            actor_by_text: FxHashMap::default(),
            aliases: FxHashMap::default(),
            actor_ids: Ids::default(),
            sources: Vec::new(),
            source_by_key: FxHashMap::default(),
            source_ids: Ids::default(),
            ids: Ids::default(),
            tags: FxHashSet::default(),
            columns: Vec::new(),
            events: Vec::new(),
            report: Report::new(format),
        }
    }

    /// Names that stand for another (from `--aliases`): `Poutine` for `Putin`.
    pub fn aliases(&mut self, pairs: &[(String, String)]) {
        for (name, alias) in pairs {
            self.aliases.insert(fold(alias.trim()), fold(name.trim()));
        }
    }

    /// The bytes the records are read from: texts that are slices of them are not copied.
    pub fn reading(&mut self, store: &Store) {
        self.store = store.clone();
    }

    /// A text: its place in the file when it is a slice of it, else kept in the buffer.
    pub(crate) fn text(&mut self, s: &str) -> Text {
        let bytes = self.store.bytes();
        let at = (s.as_ptr() as usize).wrapping_sub(bytes.as_ptr() as usize);
        if at <= bytes.len()
            && s.len() <= bytes.len() - at
            && let (Ok(start), Ok(len)) = (u32::try_from(at), u32::try_from(s.len()))
        {
            let check = if self.store.is_mapped() {
                crate::model::text::check(s.as_bytes())
            } else {
                0
            };
            return Text::At { start, len, check };
        }
        let start = self.store.made_start() + self.arena.len();
        self.arena.push_str(s);
        match (u32::try_from(start), u32::try_from(s.len())) {
            (Ok(start), Ok(len)) => Text::At {
                start,
                len,
                check: 0,
            },
            _ => Text::Held(Box::new(s.into())),
        }
    }

    pub(crate) fn tag(&mut self, s: &str) -> Tag {
        if let Some(t) = self.tags.get(s) {
            return t.clone();
        }
        let t: Tag = s.into();
        self.tags.insert(t.clone());
        t
    }

    /// The actor of this name, made the first time it is named: names that fold alike
    /// (`Putin`, `PUTIN`) or are declared aliases are one actor.
    pub fn actor(&mut self, name: &str, kind: Option<ActorKind>) -> ActorIx {
        let name = name.trim();
        if let Some(&ix) = self.actor_by_text.get(name)
            && (kind.is_none() || self.actors[ix.get()].kind.is_some())
        {
            return ix;
        }
        let ix = self.actor_folded(name, kind);
        self.actor_by_text.insert(name.to_string(), ix);
        ix
    }

    fn actor_folded(&mut self, name: &str, kind: Option<ActorKind>) -> ActorIx {
        let mut key = fold(name);
        if let Some(canonical) = self.aliases.get(&key) {
            key = canonical.clone();
        }
        if let Some(&ix) = self.actor_by_name.get(&key) {
            if self.actors[ix.get()].kind.is_none() {
                self.actors[ix.get()].kind = kind;
            }
            return ix;
        }
        let id = self.actor_ids.fresh(name);
        let ix = ActorIx::new(self.actors.len());
        let aliases = self
            .aliases
            .iter()
            .filter(|(_, n)| **n == key)
            .map(|(a, _)| a.clone())
            .collect();
        self.actors.push(Actor {
            id,
            name: name.to_string(),
            aliases,
            kind,
            about: None,
        });
        self.actor_by_name.insert(key, ix);
        ix
    }

    /// A name another actor goes by (a code, a country code), so that it finds the actor too.
    pub fn alias(&mut self, actor: ActorIx, alias: &str) {
        let alias = alias.trim();
        let a = &mut self.actors[actor.get()];
        if alias.is_empty() || fold(alias) == fold(&a.name) || a.aliases.iter().any(|x| x == alias)
        {
            return;
        }
        a.aliases.push(alias.to_string());
    }

    /// The source at this address (or of this publisher and title when there is none), made
    /// the first time it is cited.
    pub fn source(&mut self, url: Option<&str>, publisher: &str, title: &str) -> SourceIx {
        let url = url.map(str::trim).filter(|u| !u.is_empty());
        let key = match url {
            Some(u) => u.to_string(),
            None => format!("{publisher}\u{0}{title}"),
        };
        if let Some(&ix) = self.source_by_key.get(&key) {
            return ix;
        }
        let publisher = match publisher.trim() {
            "" => url.and_then(host).unwrap_or("unknown").to_string(),
            p => p.to_string(),
        };
        let title = match title.trim() {
            "" => url.unwrap_or(&publisher).to_string(),
            t => t.to_string(),
        };
        let id = self.source_ids.fresh(&format!("{publisher} {title}"));
        let ix = SourceIx::new(self.sources.len());
        self.sources.push(Source {
            id,
            publisher,
            title,
            date: None,
            language: None,
            url: url.map(str::to_string),
        });
        self.source_by_key.insert(key, ix);
        ix
    }

    /// Adds an event; `at` says where it came from ("line 12") for the report when it cannot
    /// be kept (no date, no title).
    pub fn event(&mut self, at: impl FnOnce() -> String, e: NewEvent) {
        self.report.read += 1;
        let Some(when) = e.when else {
            self.report.drop(at(), "it has no date annals can read");
            return;
        };
        let title = e.title.trim();
        if title.is_empty() {
            self.report
                .drop(at(), "it has no title (headline, message)");
            return;
        }
        let stem =
            e.id.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(title);
        let id = self.ids.fresh(stem);
        let mut actors = e.actors;
        let mut seen = FxHashSet::default();
        actors.retain(|a| seen.insert(*a));
        let mut sources = e.sources;
        let mut seen = FxHashSet::default();
        sources.retain(|s| seen.insert(*s));
        let mut tags: Vec<Tag> = Vec::new();
        for t in e.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            let t = self.tag(t);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let event = Event {
            id,
            when,
            title: self.text(title),
            summary: self.text(e.summary.trim()),
            actors: actors.into(),
            tags: tags.into(),
            quotes: Box::new([]),
            sources: sources.into(),
            notes: e.notes.iter().map(|n| self.text(n)).collect(),
            attributes: self.attributes(e.attributes),
        };
        self.events.push(event);
    }

    fn attributes(&mut self, new: NewAttributes) -> Attributes {
        match new {
            NewAttributes::Listed(list) => Attributes::Listed(
                list.iter()
                    .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
                    .map(|(k, v)| (self.tag(k.trim()), self.text(v.trim())))
                    .collect(),
            ),
            NewAttributes::Row {
                raw,
                names,
                kept,
                delimiter,
                dash_is_blank,
            } => {
                let same = |c: &Columns| {
                    c.delimiter == delimiter
                        && c.dash_is_blank == dash_is_blank
                        && c.names.len() == names.len()
                        && c.names.iter().zip(names).all(|(a, b)| **a == **b)
                        && c.shown.len() == kept.iter().filter(|k| **k).count()
                        && c.shown.iter().all(|(i, _)| kept[usize::from(*i)])
                };
                let columns = match self.columns.iter().find(|c| same(c)) {
                    Some(c) => c.clone(),
                    None => {
                        let used: Vec<&str> = names
                            .iter()
                            .zip(&kept)
                            .filter(|(_, k)| !**k)
                            .map(|(n, _)| n.as_str())
                            .collect();
                        let all = names.iter().map(|n| self.tag(n)).collect();
                        let c = Arc::new(Columns::of_table(all, &used, delimiter, dash_is_blank));
                        self.columns.push(c.clone());
                        c
                    }
                };
                let row = raw.trim_end_matches(['\r', '\n']);
                Attributes::Row {
                    row: self.text(row),
                    columns,
                }
            }
        }
    }

    // --- For readers that keep their own tables of actors and sources (GDELT): records
    // made whole, ids made unique here.

    /// An actor of this name, not looked up (the reader has found it new).
    pub fn new_actor(
        &mut self,
        name: &str,
        aliases: Vec<String>,
        kind: Option<ActorKind>,
    ) -> ActorIx {
        let id = self.actor_ids.fresh(name);
        let ix = ActorIx::new(self.actors.len());
        self.actors.push(Actor {
            id,
            name: name.to_string(),
            aliases,
            kind,
            about: None,
        });
        ix
    }

    /// A source that is a web address and nothing more, not looked up: its host is its
    /// publisher and gives its id (`reuters-com-12`), the address its title.
    /// A citation that is not an address (GDELT writes `BBC Monitoring` for wire copy) is a
    /// source without one, its text the publisher and the title.
    pub fn new_web_source(&mut self, url: &str) -> SourceIx {
        let (publisher, address) = match host(url) {
            Some(h) => (h.to_string(), Some(url.to_string())),
            None => (url.trim().to_string(), None),
        };
        let id = self.source_ids.fresh(&publisher);
        let ix = SourceIx::new(self.sources.len());
        self.sources.push(Source {
            id,
            publisher,
            title: url.to_string(),
            date: None,
            language: None,
            url: address,
        });
        ix
    }

    /// The aliases `--aliases` declares for a name.
    pub fn declared_aliases(&self, name: &str) -> Vec<String> {
        let key = fold(name.trim());
        let mut found: Vec<String> = self
            .aliases
            .iter()
            .filter(|(_, n)| **n == key)
            .map(|(a, _)| a.clone())
            .collect();
        found.sort();
        found
    }

    /// The name of an actor made so far.
    pub fn actor_name(&self, a: ActorIx) -> &str {
        &self.actors[a.get()].name
    }

    /// An event made whole by the reader, its id already unique among the events.
    pub fn push_event(&mut self, event: Event) {
        self.events.push(event);
    }

    /// A list of tags, shared by every event that has the same.
    pub fn tag_list(&mut self, tags: &[&str]) -> Arc<[Tag]> {
        tags.iter().map(|t| self.tag(t)).collect::<Vec<_>>().into()
    }

    /// How many events are kept so far.
    pub fn kept(&self) -> usize {
        self.events.len()
    }

    /// The dataset, its events in timeline order.
    pub fn finish(self) -> (Dataset, Report) {
        let Builder {
            format,
            store,
            arena,
            title,
            description,
            actors,
            sources,
            mut events,
            mut report,
            ..
        } = self;
        // Actors and sources named only by rows that were left out are left out too.
        let actors = keep_used(
            actors,
            &mut events,
            |e| &mut e.actors,
            ActorIx::get,
            ActorIx::new,
        );
        let sources = keep_used(
            sources,
            &mut events,
            |e| &mut e.sources,
            SourceIx::get,
            SourceIx::new,
        );
        crate::load::sort_events(&mut events);
        report.kept = events.len();
        if store.keep_made(arena).is_err() {
            unreachable!("a store is read into one dataset, which keeps its texts once");
        }
        let data = Dataset {
            schema: None,
            title: if title.trim().is_empty() {
                "Imported timeline".to_string()
            } else {
                title
            },
            description,
            language: None,
            actors,
            sources,
            events,
            store,
            imported: Some(Imported {
                format,
                skipped: report.dropped.len(),
            }),
        };
        (data, report)
    }
}

/// The records of `all` that some event refers to (through `refs`), in their order, the
/// events' references renumbered to match.
fn keep_used<T, Ix: Copy>(
    all: Vec<T>,
    events: &mut [Event],
    refs: impl Fn(&mut Event) -> &mut Box<[Ix]>,
    get: impl Fn(Ix) -> usize,
    new: impl Fn(usize) -> Ix,
) -> Vec<T> {
    let mut used = vec![false; all.len()];
    for e in events.iter_mut() {
        for &ix in refs(e).iter() {
            used[get(ix)] = true;
        }
    }
    if used.iter().all(|&u| u) {
        return all;
    }
    let mut to = vec![0usize; all.len()];
    let mut n = 0;
    for (i, &u) in used.iter().enumerate() {
        to[i] = n;
        n += usize::from(u);
    }
    for e in events.iter_mut() {
        for ix in refs(e).iter_mut() {
            *ix = new(to[get(*ix)]);
        }
    }
    all.into_iter()
        .zip(used)
        .filter_map(|(x, u)| u.then_some(x))
        .collect()
}

/// The host of a web address, without `www.`: `reuters.com`.
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_that_fold_alike_or_are_aliases_are_one() {
        let mut b = Builder::new("test", "T");
        b.aliases(&[("Putin".into(), "Poutine".into())]);
        let a = b.actor("Putin", None);
        assert_eq!(b.actor("PUTIN", None), a);
        assert_eq!(b.actor(" Poutine ", None), a);
        assert_ne!(b.actor("Obama", None), a);
        let s = b.source(Some("https://www.reuters.com/x"), "", "");
        assert_eq!(b.source(Some("https://www.reuters.com/x"), "Other", "T"), s);
        b.event(
            || "line 2".into(),
            NewEvent {
                when: Some(When::parse("2012").unwrap()),
                title: "Same".into(),
                actors: vec![a, a],
                sources: vec![s],
                ..Default::default()
            },
        );
        b.event(
            || "line 3".into(),
            NewEvent {
                when: Some(When::parse("2012").unwrap()),
                title: "Same".into(),
                ..Default::default()
            },
        );
        // A row left out names an actor and a source no other row does: they are left out too.
        let ghost = b.actor("Ghost", None);
        let gone = b.source(Some("https://example.org/gone"), "", "");
        b.event(
            || "line 4".into(),
            NewEvent {
                actors: vec![a, ghost],
                sources: vec![gone],
                ..Default::default()
            },
        );
        let (d, r) = b.finish();
        let names: Vec<&str> = d.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Putin"]);
        assert_eq!(d.sources.len(), 1);
        assert_eq!(d.actors[0].aliases, ["poutine"]);
        assert_eq!(d.sources[0].publisher, "reuters.com");
        let ids: Vec<&str> = d.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["same", "same-2"]);
        assert_eq!(&*d.events[0].actors, &[a]);
        assert_eq!((r.read, r.kept, r.dropped.len()), (3, 2, 1));
        assert_eq!(r.dropped[0].0, "line 4");
        // What it makes reloads as annals/1.
        let back = crate::load::from_str(&crate::export::canonical(&d), "x").unwrap();
        assert_eq!(back.events.len(), 2);
    }

    #[test]
    fn hosts_are_read_from_addresses() {
        assert_eq!(
            host("https://www.reuters.com/article/x"),
            Some("reuters.com")
        );
        assert_eq!(host("//cdn.example.org/a.jpg"), Some("cdn.example.org"));
        assert_eq!(host("mailto:x"), None);
        assert_eq!(host("/static/img.jpg"), None);
    }
}

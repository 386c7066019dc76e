//! Builds a `Dataset` from another tool's records, one at a time: texts go into one growing
//! buffer (the dataset's store, so a million rows cost their texts and little more), actors
//! are kept once by their folded name (and declared aliases), sources once by address, and
//! every id is made unique. What cannot become an event is reported, not guessed.

use rustc_hash::{FxHashMap, FxHashSet};

use super::report::Report;
use crate::edit::draft::slug;
use crate::model::{
    Actor, ActorIx, ActorKind, Dataset, Event, Imported, Source, SourceIx, Store, Tag, Text, When,
};
use crate::query::fold;

/// An event as an importer makes it.
#[derive(Default)]
pub struct NewEvent {
    /// The id the source gave, if any (made safe and unique here).
    pub id: Option<String>,
    pub when: Option<When>,
    pub title: String,
    pub summary: String,
    pub actors: Vec<ActorIx>,
    pub tags: Vec<String>,
    pub sources: Vec<SourceIx>,
    pub notes: Vec<String>,
    pub attributes: Vec<(String, String)>,
}

pub struct Builder {
    format: &'static str,
    arena: String,
    pub title: String,
    pub description: Option<String>,
    actors: Vec<Actor>,
    actor_by_name: FxHashMap<String, ActorIx>,
    /// Each name as written, once seen (most rows name actors already met).
    actor_by_text: FxHashMap<String, ActorIx>,
    /// Folded alias → folded name it stands for (`--aliases`).
    aliases: FxHashMap<String, String>,
    actor_ids: FxHashSet<String>,
    sources: Vec<Source>,
    source_by_key: FxHashMap<String, SourceIx>,
    source_ids: FxHashSet<String>,
    ids: FxHashSet<String>,
    tags: FxHashSet<Tag>,
    events: Vec<Event>,
    pub report: Report,
}

impl Builder {
    /// Room for about `bytes` of texts (the size of the file they come from), so that the
    /// buffer is not copied as it grows (pages not written to cost nothing).
    pub fn reserve(&mut self, bytes: usize) {
        self.arena.reserve(bytes);
    }

    pub fn new(format: &'static str, title: &str) -> Builder {
        Builder {
            format,
            arena: String::new(),
            title: title.to_string(),
            description: None,
            actors: Vec::new(),
            actor_by_name: FxHashMap::default(),
            actor_by_text: FxHashMap::default(),
            aliases: FxHashMap::default(),
            actor_ids: FxHashSet::default(),
            sources: Vec::new(),
            source_by_key: FxHashMap::default(),
            source_ids: FxHashSet::default(),
            ids: FxHashSet::default(),
            tags: FxHashSet::default(),
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

    /// A text, kept in the dataset's buffer.
    fn text(&mut self, s: &str) -> Text {
        let start = self.arena.len();
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

    fn tag(&mut self, s: &str) -> Tag {
        if let Some(t) = self.tags.get(s) {
            return t.clone();
        }
        let t: Tag = s.into();
        self.tags.insert(t.clone());
        t
    }

    /// An id of `stem`'s shape that no record of the kind has yet.
    fn fresh(taken: &mut FxHashSet<String>, stem: &str) -> String {
        let stem = slug(stem);
        let mut id = stem.clone();
        let mut n = 1;
        while taken.contains(&id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        taken.insert(id.clone());
        id
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
        let id = Builder::fresh(&mut self.actor_ids, name);
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
        let id = Builder::fresh(&mut self.source_ids, &format!("{publisher} {title}"));
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
        let id = Builder::fresh(&mut self.ids, stem);
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
            attributes: e
                .attributes
                .iter()
                .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
                .map(|(k, v)| (self.tag(k.trim()), self.text(v.trim())))
                .collect(),
        };
        self.events.push(event);
    }

    /// How many events are kept so far.
    pub fn kept(&self) -> usize {
        self.events.len()
    }

    /// The dataset, its events in timeline order.
    pub fn finish(self) -> (Dataset, Report) {
        let Builder {
            format,
            arena,
            title,
            description,
            actors,
            sources,
            mut events,
            mut report,
            ..
        } = self;
        crate::load::sort_events(&mut events);
        report.kept = events.len();
        let store = Store::from_vec(arena.into_bytes());
        let _ = store.check_utf8();
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
        b.event(|| "line 4".into(), NewEvent::default());
        let (d, r) = b.finish();
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

//! Finding events: one folding rule for data and queries, filters (actors, text, dates), the
//! actor index and fuzzy ranking. The TUI and the command line both go through here, so
//! `annals list --actor putin` and the actor filter in the TUI cannot disagree.

use std::ops::Range;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::model::{ActorIx, Dataset, Event, Precision, When};

// ---------------------------------------------------------------------------------------------
// Folding

/// Appends the folded form of one character: lower case, accents dropped, ligatures spelt
/// out, typographic quotes, apostrophes, dashes and spaces made plain.
fn fold_char(c: char, out: &mut impl FnMut(char)) {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' | '`' | '´' => return out('\''),
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '‹' | '›' => return out('"'),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => return out('-'),
        'œ' | 'Œ' => return "oe".chars().for_each(out),
        'æ' | 'Æ' => return "ae".chars().for_each(out),
        'ß' | 'ẞ' => return "ss".chars().for_each(out),
        'ø' | 'Ø' => return out('o'),
        'đ' | 'Đ' => return out('d'),
        'ł' | 'Ł' => return out('l'),
        'ı' => return out('i'),
        c if c.is_whitespace() => return out(' '),
        _ => {}
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            d.to_lowercase().for_each(&mut *out);
        }
    });
}

/// The folding rule: "Sergueï" = "serguei" = "SERGUEI", "œ" = "oe", "É" = "e", "l’avenir" =
/// "l'avenir". Used on data and queries alike.
pub fn fold(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    fold_into(text, &mut bytes);
    String::from_utf8(bytes).expect("folding writes UTF-8")
}

/// `fold`, as UTF-8 bytes, into a buffer that is cleared first (a search folds millions of
/// texts and reuses one buffer). ASCII, most of any text, is folded a byte at a time through
/// a table, and the common non-ASCII characters (Latin, Greek, Cyrillic, punctuation) through
/// a table made on first use.
pub fn fold_into(text: &str, out: &mut Vec<u8>) {
    out.clear();
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let table = folded_table();
    let mut at = 0;
    while at < bytes.len() {
        let ascii = ascii_prefix(&bytes[at..]);
        if ascii > 0 {
            let from = out.len();
            out.extend_from_slice(&bytes[at..at + ascii]);
            // `fold_char` for ASCII, as selects without branches, which the compiler makes
            // SIMD (the test `the_ascii_table_is_what_fold_char_does` checks every byte).
            for b in &mut out[from..] {
                let c = *b;
                let upper = u8::from(c.wrapping_sub(b'A') < 26) << 5;
                *b = if c.wrapping_sub(b'\t') < 5 {
                    b' '
                } else if c == b'`' {
                    b'\''
                } else {
                    c + upper
                };
            }
            at += ascii;
            continue;
        }
        let lead = bytes[at];
        if lead < 0xe0 {
            // Two bytes: U+0080 to U+07FF, decoded by hand.
            let n = (usize::from(lead & 0x1f) << 6) | usize::from(bytes[at + 1] & 0x3f);
            table.two_bytes[n - 0x80].push_to(out);
            at += 2;
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        match table.get(c) {
            Some(f) => f.push_to(out),
            None => fold_char(c, &mut |f| {
                out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes())
            }),
        }
        at += c.len_utf8();
    }
}

/// How many bytes at the start are ASCII, a word at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        if word & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - at)
}

/// `fold_char` for each ASCII byte (the loop in `fold_into` computes the same).
#[cfg(test)]
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'`' => b'\'',
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => b' ',
            c => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
};

/// The folded form of the non-ASCII characters text is mostly made of.
struct FoldTable {
    /// U+0080 to U+07FF (Latin, Greek, Cyrillic…): every character of two bytes in UTF-8.
    two_bytes: Vec<Folding>,
    /// U+2000 to U+206F (dashes, quotes, spaces).
    punctuation: Vec<Folding>,
}

/// One character folded: up to 8 bytes of UTF-8, kept in place.
#[derive(Clone, Copy)]
struct Folding {
    bytes: [u8; 8],
    len: u8,
}

impl Folding {
    fn push_to(&self, out: &mut Vec<u8>) {
        // A fixed-size copy is a single store; the length is set after.
        let len = out.len();
        out.extend_from_slice(&self.bytes);
        out.truncate(len + usize::from(self.len));
    }
}

impl FoldTable {
    /// A character of three or four bytes (two-byte ones are looked up as they are decoded).
    fn get(&self, c: char) -> Option<&Folding> {
        match u32::from(c) {
            n @ 0x2000..=0x206f => Some(&self.punctuation[n as usize - 0x2000]),
            _ => None,
        }
    }
}

fn folded_table() -> &'static FoldTable {
    static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let fold_range = |range: std::ops::RangeInclusive<u32>| {
            range
                .map(|n| {
                    let mut s = String::new();
                    if let Some(c) = char::from_u32(n) {
                        fold_char(c, &mut |f| s.push(f));
                    }
                    let mut bytes = [0; 8];
                    assert!(s.len() <= 8, "U+{n:04X} folds to at most 8 bytes");
                    bytes[..s.len()].copy_from_slice(s.as_bytes());
                    Folding {
                        bytes,
                        len: s.len() as u8,
                    }
                })
                .collect()
        };
        FoldTable {
            two_bytes: fold_range(0x80..=0x7ff),
            punctuation: fold_range(0x2000..=0x206f),
        }
    })
}

/// A folded text that remembers, for each folded character, the byte range of the original
/// character it came from — so that a match in the folded text can be shown in the original.
pub struct Folded {
    pub text: String,
    /// For each char of `text`: the original byte range.
    origin: Vec<Range<usize>>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            let range = at..at + c.len_utf8();
            fold_char(c, &mut |f| {
                text.push(f);
                origin.push(range.clone());
            });
        }
        Folded { text, origin }
    }

    /// Byte ranges in the original text where the folded `needle` occurs (non-overlapping).
    pub fn find_all(&self, needle: &str) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        let char_at: Vec<usize> = self.text.char_indices().map(|(b, _)| b).collect();
        let mut out: Vec<Range<usize>> = Vec::new();
        for (start_byte, _) in self.text.match_indices(needle) {
            let first = char_at.partition_point(|&b| b < start_byte);
            let last = char_at.partition_point(|&b| b < start_byte + needle.len()) - 1;
            let range = self.origin[first].start..self.origin[last].end;
            // Two folded chars of one original char (œ → oe) must not yield two ranges.
            match out.last_mut() {
                Some(prev) if prev.end > range.start => prev.end = prev.end.max(range.end),
                _ => out.push(range),
            }
        }
        out
    }

    /// Maps folded char positions (as a fuzzy matcher reports them) to original char positions.
    pub fn original_chars(&self, original: &str, folded_positions: &[u32]) -> Vec<usize> {
        let starts: Vec<usize> = original.char_indices().map(|(b, _)| b).collect();
        let mut out: Vec<usize> = folded_positions
            .iter()
            .filter_map(|&p| self.origin.get(p as usize))
            .filter_map(|r| starts.binary_search(&r.start).ok())
            .collect();
        out.dedup();
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Why a date bound was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date; use a year (2012), a month (2012-09) or a day (2012-09-18)")]
pub struct BadDate(pub String);

/// Parses a date bound: `2012`, `2012-09` or `2012-09-18`. The bound means the whole period.
pub fn parse_date(text: &str) -> Result<crate::model::Point, BadDate> {
    let bad = || BadDate(text.to_string());
    let t = text.trim();
    let shaped = matches!(t.len(), 4 | 7 | 10) && t.chars().all(|c| c.is_ascii_digit() || c == '-');
    if !shaped {
        return Err(bad());
    }
    match When::parse(t) {
        Ok(When::Point(p))
            if p.precision <= Precision::Day && p.qualifier == Default::default() =>
        {
            Ok(p)
        }
        _ => Err(bad()),
    }
}

/// Parses date bounds as typed in the browser: `2012-09..2012-11`, `2012..`, `..2008`, or one
/// date for its whole period (`2012` is all of 2012). Empty means no bounds.
pub fn parse_bounds(
    text: &str,
) -> Result<(Option<crate::model::Point>, Option<crate::model::Point>), BadDate> {
    let t = text.trim();
    if t.is_empty() {
        return Ok((None, None));
    }
    let side = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            Ok(None)
        } else {
            parse_date(s).map(Some)
        }
    };
    match t.split_once("..") {
        Some((from, to)) => {
            let (from, to) = (side(from)?, side(to)?);
            if let (Some(f), Some(t)) = (from, to)
                && t.last_day() < f.first_day
            {
                return Err(BadDate(text.to_string()));
            }
            Ok((from, to))
        }
        None => {
            let d = parse_date(t)?;
            Ok((Some(d), Some(d)))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Filters

/// How several chosen actors combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActorMode {
    /// Events with at least one of them.
    #[default]
    Any,
    /// Events with all of them.
    All,
}

/// What the timeline shows: events with the chosen actors, mentioning a text, within dates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub actors: Vec<ActorIx>,
    pub mode: ActorMode,
    /// Folded text every shown event must contain (command line `--text`).
    pub text: Option<String>,
    /// Events that end on or after this day…
    pub from: Option<crate::model::Point>,
    /// …and start on or before this day.
    pub to: Option<crate::model::Point>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty() && self.text.is_none() && self.from.is_none() && self.to.is_none()
    }

    pub fn matches(&self, data: &Dataset, ev: &Event) -> bool {
        if !self.actors.is_empty() {
            let has = |a: &ActorIx| ev.participants().any(|p| p == *a);
            let ok = match self.mode {
                ActorMode::Any => self.actors.iter().any(has),
                ActorMode::All => self.actors.iter().all(has),
            };
            if !ok {
                return false;
            }
        }
        let text = Needle::new(self.text.as_deref().unwrap_or(""));
        self.matches_dates_and_text(data, ev, &text, &mut Vec::new())
    }

    /// The filter less its actors.
    fn matches_dates_and_text(
        &self,
        data: &Dataset,
        ev: &Event,
        text: &Needle,
        buf: &mut Vec<u8>,
    ) -> bool {
        let (first, last) = ev.when.reach();
        if self.from.is_some_and(|f| last < f.first_day) {
            return false;
        }
        if self.to.is_some_and(|t| first > t.last_day()) {
            return false;
        }
        self.text.is_none() || text.in_event(data, ev, buf)
    }

    /// Positions in `data.events` of the events that pass, in timeline order. The actors'
    /// event lists in `index` give the candidates, so an actor filter costs the actors'
    /// events, not the dataset's.
    pub fn apply(&self, data: &Dataset, index: &ActorIndex) -> Vec<usize> {
        let candidates: Vec<usize> = match (self.actors.as_slice(), self.mode) {
            ([], _) => (0..data.events.len()).collect(),
            ([one], _) => index.events_of(*one).to_vec(),
            (many, ActorMode::Any) => {
                let mut all: Vec<usize> = many
                    .iter()
                    .flat_map(|&a| index.events_of(a))
                    .copied()
                    .collect();
                all.sort_unstable();
                all.dedup();
                all
            }
            (many, ActorMode::All) => {
                let mut lists: Vec<&[usize]> = many.iter().map(|&a| index.events_of(a)).collect();
                lists.sort_by_key(|l| l.len());
                let (shortest, others) = lists.split_first().expect("several actors");
                shortest
                    .iter()
                    .copied()
                    .filter(|e| others.iter().all(|l| l.binary_search(e).is_ok()))
                    .collect()
            }
        };
        if self.from.is_none() && self.to.is_none() && self.text.is_none() {
            return candidates;
        }
        let mut text = Needle::new(self.text.as_deref().unwrap_or(""));
        text.for_many(data);
        let mut buf = Vec::new();
        candidates
            .into_iter()
            .filter(|&i| self.matches_dates_and_text(data, &data.events[i], &text, &mut buf))
            .collect()
    }

    /// "from Sep 2012 to Nov 2012", "from 2012", "until 2008", or "".
    pub fn dates_text(&self) -> String {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) if f == t => f.short(),
            (Some(f), Some(t)) => format!("{} – {}", f.short(), t.short()),
            (Some(f), None) => format!("from {}", f.short()),
            (None, Some(t)) => format!("until {}", t.short()),
            (None, None) => String::new(),
        }
    }
}

/// Whether any text of the event contains the folded query: its title, summary, quotes
/// (original and translation), notes and the names of its actors.
pub fn event_mentions(data: &Dataset, ev: &Event, folded_query: &str) -> bool {
    Needle::new(folded_query).in_event(data, ev, &mut Vec::new())
}

/// A folded query ready to be looked for in events.
#[derive(Clone, Debug)]
struct Needle {
    finder: memchr::memmem::Finder<'static>,
    /// Which actors' names hold the query, when worked out once for a search of many events
    /// (rather than folding the same names again for each event).
    actors: Option<Vec<bool>>,
}

impl Needle {
    fn new(folded_query: &str) -> Needle {
        Needle {
            finder: memchr::memmem::Finder::new(folded_query).into_owned(),
            actors: None,
        }
    }

    /// Works out once which actors' names hold the query.
    fn for_many(&mut self, data: &Dataset) {
        let mut buf = Vec::new();
        let hit = data
            .actors
            .iter()
            .map(|a| self.found_in(&a.name, &mut buf))
            .collect();
        self.actors = Some(hit);
    }

    fn found_in(&self, text: &str, buf: &mut Vec<u8>) -> bool {
        fold_into(text, buf);
        self.finder.find(buf).is_some()
    }

    fn in_event(&self, data: &Dataset, ev: &Event, buf: &mut Vec<u8>) -> bool {
        if self.finder.needle().is_empty() {
            return true;
        }
        let named = match &self.actors {
            Some(hit) => ev.actors.iter().any(|&a| hit[a]),
            None => ev
                .actors
                .iter()
                .any(|&a| self.found_in(&data.actor(a).name, buf)),
        };
        named
            || self.found_in(data.text(&ev.title), buf)
            || self.found_in(data.text(&ev.summary), buf)
            || ev.quotes.iter().any(|q| {
                self.found_in(data.text(&q.text), buf)
                    || data
                        .text_opt(&q.translation)
                        .is_some_and(|t| self.found_in(t, buf))
            })
            || ev.notes.iter().any(|n| self.found_in(data.text(n), buf))
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
    pub fn step(&mut self, data: &Dataset, events: &[usize], budget: usize) -> Vec<usize> {
        let end = events.len().min(self.next.saturating_add(budget));
        let range = self.next..end;
        self.next = end;
        if self.query.actors.is_none() {
            self.query.for_many(data);
        }
        let query = &self.query;
        let search = |range: std::ops::Range<usize>| -> Vec<usize> {
            let mut buf = Vec::new();
            range
                .filter(|&pos| query.in_event(data, &data.events[events[pos]], &mut buf))
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
    pub fn done(&self, events: &[usize]) -> bool {
        self.next >= events.len()
    }

    /// How many events of the list have been searched.
    pub fn searched(&self) -> usize {
        self.next
    }

    /// The whole search at once: positions in `events` of the events that mention the query.
    pub fn run(data: &Dataset, events: &[usize], folded_query: &str) -> Vec<usize> {
        Search::new(folded_query).step(data, events, usize::MAX)
    }
}

// ---------------------------------------------------------------------------------------------
// Actors

/// Built once per dataset: each actor's folded names and the events it takes part in.
pub struct ActorIndex {
    /// Folded names of each actor, in `names_of` order: name, aliases, id.
    folded: Vec<Vec<Folded>>,
    /// Positions in `data.events` of each actor's events (as an actor or a quoted speaker).
    events: Vec<Vec<usize>>,
}

impl ActorIndex {
    pub fn new(data: &Dataset) -> ActorIndex {
        let folded = data
            .actors
            .iter()
            .map(|a| names_of(a).map(|n| Folded::new(n)).collect())
            .collect();
        // Counted first, so that each list is allocated once at its size.
        let mut counts = vec![0usize; data.actors.len()];
        let each = |f: &mut dyn FnMut(ActorIx, usize)| {
            for (i, ev) in data.events.iter().enumerate() {
                for (k, a) in ev.participants().enumerate() {
                    // An actor listed and quoted counts once.
                    if !ev.participants().take(k).any(|b| b == a) {
                        f(a, i);
                    }
                }
            }
        };
        each(&mut |a, _| counts[a] += 1);
        let mut events: Vec<Vec<usize>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
        each(&mut |a, i| events[a].push(i));
        ActorIndex { folded, events }
    }

    /// The folded names of an actor.
    fn keys(&self, actor: ActorIx) -> impl Iterator<Item = &str> {
        self.folded[actor].iter().map(|f| f.text.as_str())
    }

    /// How many events an actor takes part in.
    pub fn event_count(&self, actor: ActorIx) -> usize {
        self.events[actor].len()
    }

    /// The events of an actor, in timeline order.
    pub fn events_of(&self, actor: ActorIx) -> &[usize] {
        &self.events[actor]
    }

    /// Finds the one actor a query names: by id, name or alias after folding; else by a
    /// unique name or alias containing the query as whole words.
    pub fn resolve(&self, data: &Dataset, query: &str) -> Result<ActorIx, ActorError> {
        let q = fold(query.trim());
        let exact: Vec<ActorIx> = (0..self.folded.len())
            .filter(|&a| self.keys(a).any(|k| k == q))
            .collect();
        if let [one] = exact[..] {
            return Ok(one);
        }
        let words: Vec<ActorIx> = (0..self.folded.len())
            .filter(|&a| self.keys(a).any(|k| contains_words(k, &q)))
            .collect();
        match words[..] {
            [one] => Ok(one),
            [] => Err(ActorError::NoMatch {
                query: query.to_string(),
                closest: self
                    .closest(&q)
                    .into_iter()
                    .take(3)
                    .map(|a| describe(data, a))
                    .collect(),
            }),
            _ => Err(ActorError::Ambiguous {
                query: query.to_string(),
                candidates: words.iter().map(|&a| describe(data, a)).collect(),
            }),
        }
    }

    /// Actors by how alike their names (or any word of them) are to a folded query, most
    /// alike first: typos such as "lavorv" still point at Lavrov.
    fn closest(&self, q: &str) -> Vec<ActorIx> {
        let likeness = |a: ActorIx| {
            self.keys(a)
                .flat_map(|k| std::iter::once(k).chain(k.split([' ', '-'])))
                .map(|k| strsim::jaro_winkler(q, k))
                .fold(0.0, f64::max)
        };
        let mut v: Vec<(ActorIx, f64)> = (0..self.folded.len()).map(|a| (a, likeness(a))).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v.into_iter().map(|(a, _)| a).collect()
    }

    /// Every actor ranked against a fuzzy query (best first); all actors by event count when
    /// the query is empty. Each match says which name matched and where, for highlighting.
    pub fn rank(&self, data: &Dataset, query: &str) -> Vec<ActorMatch> {
        let q = fold(query.trim());
        let mut out: Vec<ActorMatch> = Vec::new();
        if q.is_empty() {
            out = (0..data.actors.len())
                .map(|actor| ActorMatch {
                    actor,
                    score: 0,
                    via: None,
                    positions: Vec::new(),
                })
                .collect();
        } else {
            let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Never);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            for (actor, a) in data.actors.iter().enumerate() {
                // The name first, then the aliases, then the id; the best score wins and the
                // name wins ties, so the row shows the name highlighted when it can.
                let mut best: Option<ActorMatch> = None;
                for (k, (name, folded)) in names_of(a).zip(&self.folded[actor]).enumerate() {
                    let mut idx = Vec::new();
                    let hay = Utf32Str::new(&folded.text, &mut buf);
                    let Some(score) = pattern.indices(hay, &mut matcher, &mut idx) else {
                        continue;
                    };
                    if best.as_ref().is_none_or(|b| score > b.score) {
                        idx.sort_unstable();
                        idx.dedup();
                        best = Some(ActorMatch {
                            actor,
                            score,
                            via: (k > 0).then(|| name.clone()),
                            positions: folded.original_chars(name, &idx),
                        });
                    }
                }
                out.extend(best);
            }
        }
        out.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(self.event_count(b.actor).cmp(&self.event_count(a.actor)))
                .then(data.actors[a.actor].name.cmp(&data.actors[b.actor].name))
        });
        out
    }
}

/// An actor's names in the order the index keeps them: name, aliases, id.
fn names_of(a: &crate::model::Actor) -> impl Iterator<Item = &String> {
    std::iter::once(&a.name)
        .chain(&a.aliases)
        .chain(std::iter::once(&a.id))
}

/// One actor's fuzzy match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorMatch {
    pub actor: ActorIx,
    pub score: u32,
    /// The alias or id that matched, when it was not the name.
    pub via: Option<String>,
    /// Char positions of the matched characters in the name (or in `via`).
    pub positions: Vec<usize>,
}

fn describe(data: &Dataset, a: ActorIx) -> String {
    format!("{} ({})", data.actors[a].name, data.actors[a].id)
}

/// Whether `words` occur in `text` as whole words ("lavrov" in "sergei lavrov").
fn contains_words(text: &str, words: &str) -> bool {
    !words.is_empty()
        && text.match_indices(words).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + words.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
}

/// Why an actor query found no single actor.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    #[error("no actor matches {query:?}; closest: {}", closest.join(", "))]
    NoMatch { query: String, closest: Vec<String> },
    #[error("{query:?} names several actors: {}; be more precise", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_ligatures_and_typography() {
        assert_eq!(fold("Sergueï"), "serguei");
        assert_eq!(fold("SERGUEI"), "serguei");
        assert_eq!(fold("Œuvre cœur"), "oeuvre coeur");
        assert_eq!(fold("État"), "etat");
        assert_eq!(fold("l’avenir"), "l'avenir");
        assert_eq!(fold("«faire progresser»"), "\"faire progresser\"");
        assert_eq!(fold("“quoted”"), "\"quoted\"");
        assert_eq!(fold("Putin–Obama"), "putin-obama");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Путин"), "путин");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("a\u{a0}b"), "a b");
    }

    #[test]
    fn the_ascii_table_is_what_fold_char_does() {
        for b in 0u8..128 {
            let mut folded = String::new();
            fold_char(char::from(b), &mut |f| folded.push(f));
            assert_eq!(
                folded,
                char::from(ASCII_FOLD[usize::from(b)]).to_string(),
                "{b}"
            );
            assert_eq!(fold(&char::from(b).to_string()), folded, "{b}");
        }
    }

    #[test]
    fn folding_a_byte_at_a_time_agrees_with_folding_each_character() {
        // Every character there is, in one text, then a few mixed runs.
        let mut sample: String = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .collect();
        sample.push_str("Sergueï l’avenir «ŒUVRE» Ёлка Straße\u{a0}\u{85}x\u{2003}É");
        let slow: String = {
            let mut s = String::new();
            for c in sample.chars() {
                fold_char(c, &mut |f| s.push(f));
            }
            s
        };
        assert_eq!(fold(&sample), slow);
        let mut buf = b"left over".to_vec();
        fold_into("ABC", &mut buf);
        assert_eq!(buf, b"abc");
    }

    #[test]
    fn matches_map_back_to_the_original_text() {
        let f = Folded::new("Sergueï Lavrov, cœur");
        let hits = f.find_all(&fold("SERGUEI"));
        assert_eq!(hits, vec![0..8]);
        assert_eq!(&"Sergueï Lavrov, cœur"[hits[0].clone()], "Sergueï");
        let hits = f.find_all("coeur");
        assert_eq!(&"Sergueï Lavrov, cœur"[hits[0].clone()], "cœur");
        let hits = f.find_all("oe");
        assert_eq!(&"Sergueï Lavrov, cœur"[hits[0].clone()], "œ");
        assert!(f.find_all("").is_empty());
    }

    #[test]
    fn date_bounds_take_three_precisions_only() {
        assert_eq!(parse_date("2012").unwrap().precision, Precision::Year);
        assert_eq!(parse_date("2012-09").unwrap().precision, Precision::Month);
        assert_eq!(parse_date("2012-09-18").unwrap().precision, Precision::Day);
        for bad in [
            "2012-13",
            "12/09/2012",
            "2012-09-31",
            "2012?",
            "2000/2008",
            "",
            "20120",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date("sept").unwrap_err().to_string(),
            "\"sept\" is not a date; use a year (2012), a month (2012-09) or a day (2012-09-18)"
        );
    }

    #[test]
    fn bounds_take_ranges_open_ends_and_single_periods() {
        let (f, t) = parse_bounds("2012-09..2012-11").unwrap();
        assert_eq!(
            (f.unwrap().short(), t.unwrap().short()),
            ("Sep 2012".into(), "Nov 2012".into())
        );
        let (f, t) = parse_bounds("2012").unwrap();
        assert_eq!(f, t);
        assert_eq!(parse_bounds("..2008").unwrap().0, None);
        assert_eq!(parse_bounds(" ").unwrap(), (None, None));
        assert!(parse_bounds("2012..2011").is_err());
        assert!(parse_bounds("2012..sept").is_err());
    }

    #[test]
    fn words_are_whole() {
        assert!(contains_words("sergei lavrov", "lavrov"));
        assert!(contains_words("sergei lavrov", "sergei lavrov"));
        assert!(!contains_words("sergei lavrov", "lav"));
        assert!(!contains_words("state-duma", "state-dum"));
    }
}

//! GDELT 2.0 events: the raw exports (tab-separated, no header, 61 columns) and what an
//! engine (BigQuery, DuckDB, Spark) hands over from `gdeltv2.events` — a CSV or TSV with the
//! columns by name, or Parquet. An event a row:
//!
//! - `when` = SQLDATE (a day); `DATEADDED` an attribute;
//! - the title = "Actor1Name · CAMEO name · Actor2Name" (`RUSSIA · Consult · UNITED
//!   STATES`), empty actors left out, an unknown code kept as its number;
//! - actors = Actor1 and Actor2 by name (one actor for names that fold alike), with their
//!   codes as aliases (a country's code for the country itself), their kind from CAMEO's
//!   type codes;
//! - tags = the QuadClass ("verbal conflict") and the root code's name ("Consult");
//! - the source = SOURCEURL (one source an address, its host the publisher);
//! - attributes = place (ActionGeo_FullName), lat, long, GoldsteinScale, AvgTone,
//!   NumMentions, NumSources, NumArticles, IsRootEvent, EventCode and DATEADDED, kept as the
//!   row itself and read from it when shown (so a million rows are not held twice).
//!
//! Readers (`tsv`, the table reader for files with a header, `parquet`) fill `Part`s, one per
//! thread; `build` merges them: actors and sources once, duplicates (by GLOBALEVENTID)
//! dropped, events in timeline order.

pub mod cameo;
pub(crate) mod tsv;

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::builder::Builder;
use crate::model::{ActorIx, ActorKind, Attributes, Columns, Event, SourceIx, Tag, Text, When};
use crate::query::fold;

/// GDELT 2.0's event columns, in the order of the raw exports.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// What becomes attributes: (label, GDELT column), in the order shown.
pub const ATTRIBUTES: [(&str, &str); 11] = [
    ("place", "ActionGeo_FullName"),
    ("lat", "ActionGeo_Lat"),
    ("long", "ActionGeo_Long"),
    ("GoldsteinScale", "GoldsteinScale"),
    ("AvgTone", "AvgTone"),
    ("NumMentions", "NumMentions"),
    ("NumSources", "NumSources"),
    ("NumArticles", "NumArticles"),
    ("IsRootEvent", "IsRootEvent"),
    ("EventCode", "EventCode"),
    ("DATEADDED", "DATEADDED"),
];

/// The columns of one actor.
#[derive(Clone, Copy, Debug, Default)]
pub struct ActorColumns {
    pub code: Option<usize>,
    pub name: Option<usize>,
    pub country: Option<usize>,
    pub known_group: Option<usize>,
    pub types: [Option<usize>; 3],
}

/// Where the columns the mapping reads are in a row: by position in a raw export, by name
/// in an engine's result (any case; a result may have only some of them).
#[derive(Clone, Debug)]
pub struct Layout {
    pub id: usize,
    pub date: usize,
    pub actors: [ActorColumns; 2],
    pub event_code: Option<usize>,
    pub quad: Option<usize>,
    pub url: Option<usize>,
    /// (column, label) of the attributes, in the order shown.
    pub shown: Vec<(usize, &'static str)>,
    /// How many columns a row has.
    pub width: usize,
}

impl Layout {
    /// The layout of a raw export.
    pub fn raw() -> Layout {
        Layout::from_names(&COLUMNS).expect("GDELT's own columns")
    }

    /// The layout of a table with these column names, when it is GDELT's (GLOBALEVENTID,
    /// SQLDATE and an event code or an actor's name at least).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Option<Layout> {
        let at = |name: &str| {
            names
                .iter()
                .position(|n| n.as_ref().trim().eq_ignore_ascii_case(name))
        };
        let actor = |n: u8| {
            let c = |what: &str| at(&format!("Actor{n}{what}"));
            ActorColumns {
                code: c("Code"),
                name: c("Name"),
                country: c("CountryCode"),
                known_group: c("KnownGroupCode"),
                types: [c("Type1Code"), c("Type2Code"), c("Type3Code")],
            }
        };
        let layout = Layout {
            id: at("GLOBALEVENTID")?,
            date: at("SQLDATE")?,
            actors: [actor(1), actor(2)],
            event_code: at("EventCode"),
            quad: at("QuadClass"),
            url: at("SOURCEURL"),
            shown: ATTRIBUTES
                .iter()
                .filter_map(|(label, column)| Some((at(column)?, *label)))
                .collect(),
            width: names.len(),
        };
        (layout.event_code.is_some() || layout.actors.iter().any(|a| a.name.is_some()))
            .then_some(layout)
    }

    /// The attributes' columns for rows with these column names.
    pub fn columns<S: AsRef<str>>(&self, names: &[S], delimiter: u8, quoted: bool) -> Columns {
        Columns {
            names: names.iter().map(|n| Tag::from(n.as_ref().trim())).collect(),
            shown: self
                .shown
                .iter()
                .filter_map(|&(c, label)| Some((u16::try_from(c).ok()?, Tag::from(label))))
                .collect(),
            delimiter,
            quoted,
            dash_is_blank: false,
        }
    }
}

/// Whether a first line is a raw GDELT 2.0 export row: 61 tab-separated fields, a number,
/// then a date as YYYYMMDD.
pub fn is_raw_row(line: &str) -> bool {
    let line = line.trim_end_matches(['\r', '\n']);
    let mut fields = line.split('\t');
    let digits = |s: Option<&str>, n: Option<usize>| {
        s.is_some_and(|s| {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && n.is_none_or(|n| s.len() == n)
        })
    };
    digits(fields.next(), None) && digits(fields.next(), Some(8)) && fields.count() == 59
}

/// One actor as a row gives it.
#[derive(Clone, Copy, Default)]
pub struct ActorIn<'r> {
    pub name: &'r str,
    pub code: &'r str,
    pub country: &'r str,
    pub known_group: &'r str,
    pub types: [&'r str; 3],
}

/// What the mapping reads of one row.
#[derive(Clone, Copy, Default)]
pub struct RowIn<'r> {
    pub id: &'r str,
    pub date: &'r str,
    pub actors: [ActorIn<'r>; 2],
    pub event_code: &'r str,
    pub quad: &'r str,
    pub url: &'r str,
}

impl<'r> RowIn<'r> {
    /// The row's fields at a layout's places.
    pub fn of(fields: &[&'r str], l: &Layout) -> RowIn<'r> {
        let get = |c: Option<usize>| c.and_then(|c| fields.get(c)).copied().unwrap_or("");
        let actor = |a: &ActorColumns| ActorIn {
            name: get(a.name),
            code: get(a.code),
            country: get(a.country),
            known_group: get(a.known_group),
            types: a.types.map(get),
        };
        RowIn {
            id: get(Some(l.id)),
            date: get(Some(l.date)),
            actors: [actor(&l.actors[0]), actor(&l.actors[1])],
            event_code: get(l.event_code),
            quad: get(l.quad),
            url: get(l.url),
        }
    }
}

/// An actor as one part has met it.
struct Seen<'a> {
    name: Cow<'a, str>,
    /// Its CAMEO codes, with how many rows gave each (a few: a name seen a million times
    /// has few codes).
    codes: Vec<(Cow<'a, str>, u32)>,
    /// The kind its type codes say.
    kind: Option<ActorKind>,
    /// Whether a row named it with its country's code alone: the country itself.
    country: bool,
}

/// No actor (an empty Actor1 or Actor2).
const NONE: u32 = u32::MAX;

/// A row, small: where it sorts, and its actors, code and source as positions in its part's
/// tables.
pub(crate) struct Compact {
    day: i32,
    /// The id's digits scaled to 19, and their number: sorting by both sorts as the ids'
    /// texts do (the order of `Event::sort_cmp`).
    key: u64,
    digits: u8,
    quad: u8,
    id: u64,
    actors: [u32; 2],
    code: u32,
    source: u32,
    row: Text,
}

/// What one reader (one thread) makes of its rows.
pub(crate) struct Part<'a> {
    actors: Vec<Seen<'a>>,
    actor_by_name: FxHashMap<Cow<'a, str>, u32>,
    sources: Vec<Cow<'a, str>>,
    source_by_url: FxHashMap<Cow<'a, str>, u32>,
    codes: Vec<Cow<'a, str>>,
    code_by_text: FxHashMap<Cow<'a, str>, u32>,
    rows: Vec<Compact>,
    /// (where, why) of each row left out.
    pub problems: Vec<(String, String)>,
    pub read: usize,
}

fn digits_of(n: u64) -> u8 {
    n.checked_ilog10().map_or(1, |d| d as u8 + 1)
}

impl<'a> Part<'a> {
    pub fn new(rows: usize) -> Part<'a> {
        Part {
            actors: Vec::new(),
            actor_by_name: FxHashMap::default(),
            sources: Vec::new(),
            source_by_url: FxHashMap::default(),
            codes: Vec::new(),
            code_by_text: FxHashMap::default(),
            rows: Vec::with_capacity(rows),
            problems: Vec::new(),
            read: 0,
        }
    }

    /// Reads one row; `row` is the text its attributes are read from, `at` where it is
    /// ("line 12"), `keep` how a text of the row is kept in the part's tables (borrowed from
    /// a file that outlives them, or copied). A row that cannot be read is reported.
    pub fn add<'r>(
        &mut self,
        r: &RowIn<'r>,
        row: Text,
        at: impl FnOnce() -> String,
        keep: fn(&'r str) -> Cow<'a, str>,
    ) {
        self.read += 1;
        match self.try_add(r, row, keep) {
            Ok(()) => {}
            Err(why) => self.problems.push((at(), why)),
        }
    }

    fn try_add<'r>(
        &mut self,
        r: &RowIn<'r>,
        row: Text,
        keep: fn(&'r str) -> Cow<'a, str>,
    ) -> Result<(), String> {
        let id_text = r.id.trim();
        let id: u64 = id_text
            .parse()
            .map_err(|_| format!("GLOBALEVENTID `{id_text}` is not a whole number"))?;
        let day = sql_date(r.date)?;
        let digits = digits_of(id);
        let key = id * 10u64.pow(u32::from(19u8.saturating_sub(digits)));
        let mut actors = [NONE; 2];
        for (slot, a) in actors.iter_mut().zip(&r.actors) {
            *slot = self.actor(a, keep);
        }
        // EventCode has three or four digits; an engine or a sheet that read it as a number
        // dropped its leading zero (`010` as `10`), which is given back.
        let raw = r.event_code.trim();
        let lost_zero = (1..3).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit());
        let padded = match lost_zero {
            true => cameo::from_number(raw.parse().unwrap_or(0), false),
            false => String::new(),
        };
        let code = if lost_zero { padded.as_str() } else { raw };
        let code = match self.code_by_text.get(code) {
            Some(&c) => c,
            None => {
                let c = self.codes.len() as u32;
                let kept = |raw: &'r str| match lost_zero {
                    true => Cow::Owned(padded.clone()),
                    false => keep(raw),
                };
                self.codes.push(kept(raw));
                self.code_by_text.insert(kept(raw), c);
                c
            }
        };
        let url = r.url.trim();
        let source = if url.is_empty() {
            NONE
        } else {
            match self.source_by_url.get(url) {
                Some(&s) => s,
                None => {
                    let s = self.sources.len() as u32;
                    self.sources.push(keep(url));
                    self.source_by_url.insert(keep(url), s);
                    s
                }
            }
        };
        let quad = match r.quad.trim() {
            q @ ("1" | "2" | "3" | "4") => q.as_bytes()[0] - b'0',
            _ => 0,
        };
        self.rows.push(Compact {
            day,
            key,
            digits,
            quad,
            id,
            actors,
            code,
            source,
            row,
        });
        Ok(())
    }

    fn actor<'r>(&mut self, a: &ActorIn<'r>, keep: fn(&'r str) -> Cow<'a, str>) -> u32 {
        let name = a.name.trim();
        if name.is_empty() {
            return NONE;
        }
        let ix = match self.actor_by_name.get(name) {
            Some(&ix) => ix,
            None => {
                let ix = self.actors.len() as u32;
                self.actors.push(Seen {
                    name: keep(name),
                    codes: Vec::new(),
                    kind: None,
                    country: false,
                });
                self.actor_by_name.insert(keep(name), ix);
                ix
            }
        };
        let seen = &mut self.actors[ix as usize];
        let (code, country) = (a.code.trim(), a.country.trim());
        if !code.is_empty() {
            let room = seen.codes.len() < 8;
            match seen.codes.iter_mut().find(|(c, _)| c == code) {
                Some((_, n)) => *n += 1,
                None if room => seen.codes.push((keep(code), 1)),
                None => {}
            }
        }
        let typed = a
            .types
            .iter()
            .chain([&a.known_group])
            .find_map(|t| cameo::kind_of_type(t));
        if seen.kind.is_none() {
            seen.kind = typed;
        }
        if typed.is_none() && !country.is_empty() && code == country {
            seen.country = true;
        }
        ix
    }
}

/// GDELT's columns by name in a table with a header line (what an engine writes as CSV).
#[derive(Default)]
pub(crate) struct Mapper {
    layout: Option<Layout>,
    pub part: Option<Part<'static>>,
    pub columns: Option<Arc<Columns>>,
}

impl super::rows::Mapper for Mapper {
    fn header(&mut self, names: &[String], _: &mut Builder) -> Result<(), String> {
        let layout = Layout::from_names(names).ok_or_else(|| {
            "a table of GDELT events needs the columns GLOBALEVENTID and SQLDATE, and EventCode \
             or an actor's name"
                .to_string()
        })?;
        self.layout = Some(layout);
        self.part = Some(Part::new(0));
        Ok(())
    }

    fn row(&mut self, r: &super::rows::Record, at: &dyn Fn() -> String, b: &mut Builder) {
        let (Some(layout), Some(part)) = (&self.layout, &mut self.part) else {
            return;
        };
        let Some((raw, delimiter)) = r.raw else {
            return;
        };
        if self.columns.is_none() {
            self.columns = Some(Arc::new(layout.columns(r.names, delimiter, true)));
        }
        let row = b.text(raw.trim_end_matches(['\r', '\n']));
        part.add(&RowIn::of(&r.values, layout), row, at, |s| {
            Cow::Owned(s.to_string())
        });
    }
}

/// SQLDATE, `YYYYMMDD`, as days since the common era.
fn sql_date(s: &str) -> Result<i32, String> {
    use chrono::Datelike;
    let s = s.trim();
    let bad = || format!("SQLDATE `{s}` is not a date (YYYYMMDD)");
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: u32 = s.parse().map_err(|_| bad())?;
    chrono::NaiveDate::from_ymd_opt((n / 10_000) as i32, n / 100 % 100, n % 100)
        .map(|d| d.num_days_from_ce())
        .ok_or_else(bad)
}

/// SQLDATE from an engine that read it as a number (20121113).
pub fn sql_date_number(n: i64) -> String {
    format!("{n:08}")
}

/// Merges the parts into the builder: actors once by folded name, sources once by address,
/// a row whose GLOBALEVENTID came before dropped, the events in timeline order.
pub(crate) fn build(mut parts: Vec<Part<'_>>, columns: Arc<Columns>, b: &mut Builder) {
    // The rows and problems taken out, the tables left to be read.
    type Taken = (usize, Vec<(String, String)>, Vec<Compact>);
    let taken: Vec<Taken> = parts
        .iter_mut()
        .map(|p| {
            (
                p.read,
                std::mem::take(&mut p.problems),
                std::mem::take(&mut p.rows),
            )
        })
        .collect();
    let parts = parts;
    // Actors: one by folded name. A CAMEO code is given to many names (`USA` to UNITED
    // STATES, MINNEAPOLIS, …): it is an alias of the one that bears it most often, so that
    // `--actor USA` finds the United States. A name given a country's code alone is that
    // country only when it bears the code most: GDELT codes cities by their country too
    // (MINNEAPOLIS is `USA`), and those are not countries.
    struct Merged {
        name: String,
        kind: Option<ActorKind>,
        country: bool,
    }
    let mut global_actor: FxHashMap<String, usize> = FxHashMap::default();
    let mut actors: Vec<Merged> = Vec::new();
    let mut code_counts: FxHashMap<&str, FxHashMap<usize, u32>> = FxHashMap::default();
    let mut actor_maps: Vec<Vec<usize>> = Vec::with_capacity(parts.len());
    for p in &parts {
        let mut map = Vec::with_capacity(p.actors.len());
        for seen in &p.actors {
            let g = *global_actor.entry(fold(&seen.name)).or_insert_with(|| {
                actors.push(Merged {
                    name: seen.name.to_string(),
                    kind: None,
                    country: false,
                });
                actors.len() - 1
            });
            let m = &mut actors[g];
            m.kind = m.kind.or(seen.kind);
            m.country |= seen.country;
            for (code, n) in &seen.codes {
                *code_counts.entry(code).or_default().entry(g).or_default() += n;
            }
            map.push(g);
        }
        actor_maps.push(map);
    }
    let mut aliases: Vec<Vec<String>> = vec![Vec::new(); actors.len()];
    let mut bears_most: Vec<bool> = vec![false; actors.len()];
    let mut codes: Vec<(&&str, &FxHashMap<usize, u32>)> = code_counts.iter().collect();
    codes.sort_unstable_by_key(|(c, _)| **c);
    for (code, bearers) in codes {
        if let Some((&g, _)) = bearers
            .iter()
            .max_by_key(|(g, n)| (**n, std::cmp::Reverse(**g)))
        {
            bears_most[g] |= code.len() == 3;
            if fold(code) != fold(&actors[g].name) {
                aliases[g].push(code.to_string());
            }
        }
    }
    let actor_ixs: Vec<ActorIx> = actors
        .into_iter()
        .zip(aliases)
        .zip(bears_most)
        .map(|((m, mut aliases), bears_most)| {
            aliases.extend(b.declared_aliases(&m.name));
            let kind = if m.country && bears_most {
                Some(ActorKind::Country)
            } else {
                m.kind
            };
            b.new_actor(&m.name, aliases, kind)
        })
        .collect();

    // Sources: one an address.
    let mut global_source: FxHashMap<&str, SourceIx> = FxHashMap::default();
    let source_maps: Vec<Vec<SourceIx>> = parts
        .iter()
        .map(|p| {
            p.sources
                .iter()
                .map(|url| {
                    *global_source
                        .entry(url)
                        .or_insert_with(|| b.new_web_source(url))
                })
                .collect()
        })
        .collect();

    // Codes: the title's words and the root's name, once a code.
    let mut code_names: FxHashMap<&str, (&str, Option<Tag>)> = FxHashMap::default();
    let mut unknown = 0usize;
    let code_maps: Vec<Vec<(&str, Option<Tag>)>> = parts
        .iter()
        .map(|p| {
            p.codes
                .iter()
                .map(|code| {
                    code_names
                        .entry(code)
                        .or_insert_with(|| {
                            let name = cameo::name(code);
                            if name.is_none() && !code.is_empty() {
                                unknown += 1;
                            }
                            let root = code.get(..2).and_then(cameo::name).map(|n| b.tag(n));
                            (name.unwrap_or(code), root)
                        })
                        .clone()
                })
                .collect()
        })
        .collect();
    if unknown > 0 {
        b.report.transformed.insert(
            "event codes the CAMEO codebook does not have, kept as numbers".to_string(),
            unknown,
        );
    }

    // Rows: duplicates dropped, then in timeline order.
    let total: usize = taken.iter().map(|(_, _, rows)| rows.len()).sum();
    let mut seen_ids: FxHashSet<u64> = FxHashSet::default();
    seen_ids.reserve(total);
    let mut rows: Vec<(usize, Compact)> = Vec::with_capacity(total);
    let mut duplicates = 0usize;
    for (i, (read, problems, part_rows)) in taken.into_iter().enumerate() {
        b.report.read += read;
        for (at, why) in problems {
            b.report.drop(at, &why);
        }
        for r in part_rows {
            if seen_ids.insert(r.id) {
                rows.push((i, r));
            } else {
                duplicates += 1;
            }
        }
    }
    drop(seen_ids);
    if duplicates > 0 {
        b.report.transformed.insert(
            "rows of a GLOBALEVENTID read before, dropped".to_string(),
            duplicates,
        );
    }
    rows.sort_unstable_by_key(|(_, r)| (r.day, r.key, r.digits));

    let mut titles: FxHashMap<(u32, u32, u32), Text> = FxHashMap::default();
    let mut tag_lists: FxHashMap<(u8, Option<Tag>), Arc<[Tag]>> = FxHashMap::default();
    let no_summary = b.text("");
    let mut title = String::new();
    for (part, r) in rows {
        let (code_words, root) = &code_maps[part][r.code as usize];
        let actor = |a: u32| (a != NONE).then(|| actor_ixs[actor_maps[part][a as usize]]);
        let [a1, a2] = r.actors.map(actor);
        let title_key = (
            a1.map_or(NONE, |a| a.get() as u32),
            a2.map_or(NONE, |a| a.get() as u32),
            r.code,
        );
        let title_text = match titles.get(&title_key) {
            Some(t) => t.clone(),
            None => {
                title.clear();
                for words in [
                    a1.map(|a| b.actor_name(a)),
                    Some(code_words),
                    a2.map(|a| b.actor_name(a)),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                {
                    if !title.is_empty() {
                        title.push_str(" · ");
                    }
                    title.push_str(words);
                }
                if title.is_empty() {
                    title.push_str("GDELT event");
                }
                let t = b.text(&title);
                titles.insert(title_key, t.clone());
                t
            }
        };
        let tags = tag_lists
            .entry((r.quad, root.clone()))
            .or_insert_with(|| {
                let quad = cameo::quad_class(&r.quad.to_string());
                let list: Vec<&str> = quad.into_iter().chain(root.as_deref()).collect();
                b.tag_list(&list)
            })
            .clone();
        let actors: Box<[ActorIx]> = match (a1, a2) {
            (Some(x), Some(y)) if x != y => [x, y].into(),
            (Some(x), _) | (None, Some(x)) => [x].into(),
            (None, None) => Box::new([]),
        };
        let sources: Box<[SourceIx]> = if r.source == NONE {
            Box::new([])
        } else {
            [source_maps[part][r.source as usize]].into()
        };
        b.push_event(Event {
            id: r.id.to_string(),
            when: When::Point(super::dates::day(
                chrono::NaiveDate::from_num_days_from_ce_opt(r.day).expect("a day read as one"),
                crate::model::Precision::Day,
            )),
            title: title_text,
            summary: no_summary.clone(),
            actors,
            tags,
            quotes: Box::new([]),
            sources,
            notes: Box::new([]),
            attributes: Attributes::Row {
                row: r.row,
                columns: columns.clone(),
            },
        });
    }
}

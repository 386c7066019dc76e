//! Correctness on a second shape: 10,000 events from examples/gen_field.rs (dates in random
//! order in the file, one actor in a tenth of the events, accents and Cyrillic everywhere, long
//! quotes, JSON escapes, summaries of 10 to 50 KB). What annals finds — actor filters, text
//! search, date filters, the lanes — is checked against what this file works out itself from
//! the same JSON read by serde_json into `Value`s: its own date arithmetic, its own folding
//! (lower case, accents dropped through Unicode decomposition), no code of annals. Nothing
//! here measures time.

mod common;

#[path = "../examples/gen_field.rs"]
#[allow(dead_code)]
mod gen_field;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::process::Command;
use std::sync::OnceLock;

use annals::axis::lanes::{self, Grouping};
use annals::axis::{Unit, Window, Zoom};
use annals::load;
use annals::model::{Dataset, EventIx};
use annals::query::{ActorIndex, Filter, Search, fold, parse_date};
use annals::tui::app::View;
use annals::tui::layout::MAX_LANE_ROWS;
use chrono::{Datelike, NaiveDate};
use common::{app_at, key, press, typing};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const EVENTS: usize = 10_000;
const SEED: u64 = 11;

/// One event as this file reads it from the JSON.
struct Plain {
    id: String,
    /// The line of the file it is written on (the generator writes an event a line).
    line: String,
    /// First and last day it may cover; an open or unknown end reaches the end of time.
    first: NaiveDate,
    last: NaiveDate,
    /// The last day the time axis draws: an unknown end (`2011-12-05/`) stops at its start.
    drawn_last: NaiveDate,
    /// Ids of the actors it lists, and of those it lists or quotes.
    listed: Vec<String>,
    takes_part: BTreeSet<String>,
    /// Every text a search reads, folded here, joined by NUL.
    folded: String,
    summary_bytes: usize,
}

struct Field {
    text: String,
    stats: gen_field::Stats,
    json: Value,
    plain: Vec<Plain>,
    /// Actor id by name, and name by id.
    id_of: HashMap<String, String>,
    data: Dataset,
}

/// The generated dataset, written, read by serde_json and loaded by annals once for the whole
/// file. The temporary file is deleted once loaded (the mapping outlives its name).
fn field() -> &'static Field {
    static FIELD: OnceLock<Field> = OnceLock::new();
    FIELD.get_or_init(|| {
        let mut bytes = Vec::new();
        let stats = gen_field::write(EVENTS, SEED, &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        let file = temp_file(&text);
        let data = load::from_path(file.path()).unwrap();
        let plain = plain_events(&json, &text);
        let id_of = json["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (str_of(&a["name"]).to_string(), str_of(&a["id"]).to_string()))
            .collect();
        Field {
            text,
            stats,
            json,
            plain,
            id_of,
            data,
        }
    })
}

fn temp_file(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file.flush().unwrap();
    file
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// The folding this file checks against: lower case, and every accent dropped by decomposing
/// each character (NFD) and leaving out the combining marks.
fn simple_fold(s: &str) -> String {
    s.nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// First and last day of one EDTF date of the forms the generator writes: `YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, a time after `T`, a qualifier `?`, `~` or `%` at the end.
fn days_of(date: &str) -> (NaiveDate, NaiveDate) {
    let date = date.trim_end_matches(['?', '~', '%']);
    let date = date.split('T').next().unwrap();
    let parts: Vec<i32> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    match parts[..] {
        [y] => (ymd(y, 1, 1), ymd(y, 12, 31)),
        [y, m] => {
            let first = ymd(y, m as u32, 1);
            let next = if m == 12 {
                ymd(y + 1, 1, 1)
            } else {
                ymd(y, m as u32 + 1, 1)
            };
            (first, next.pred_opt().unwrap())
        }
        [y, m, d] => (ymd(y, m as u32, d as u32), ymd(y, m as u32, d as u32)),
        _ => panic!("not a date the generator writes: {date}"),
    }
}

/// (first, last, drawn last) of a `when`.
fn reach(when: &str) -> (NaiveDate, NaiveDate, NaiveDate) {
    match when.split_once('/') {
        None => {
            let (a, b) = days_of(when);
            (a, b, b)
        }
        Some((start, "..")) => (days_of(start).0, NaiveDate::MAX, NaiveDate::MAX),
        Some((start, "")) => {
            let (a, b) = days_of(start);
            (a, NaiveDate::MAX, b)
        }
        Some((start, end)) => {
            let last = days_of(end).1;
            (days_of(start).0, last, last)
        }
    }
}

fn plain_events(json: &Value, text: &str) -> Vec<Plain> {
    let actor_name: HashMap<&str, &str> = json["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (str_of(&a["id"]), str_of(&a["name"])))
        .collect();
    let source_texts: HashMap<&str, String> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let folded = format!(
                "{}\0{}",
                simple_fold(str_of(&s["publisher"])),
                simple_fold(str_of(&s["title"]))
            );
            (str_of(&s["id"]), folded)
        })
        .collect();
    let lines: HashMap<&str, &str> = text
        .lines()
        .filter(|l| l.contains("\"when\": "))
        .map(|l| {
            let id = l.split('"').nth(3).unwrap();
            (id, l)
        })
        .collect();
    json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let id = str_of(&e["id"]).to_string();
            let (first, last, drawn_last) = reach(str_of(&e["when"]));
            let listed: Vec<String> = e["actors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| str_of(a).to_string())
                .collect();
            let quotes = e["quotes"].as_array().unwrap();
            let mut takes_part: BTreeSet<String> = listed.iter().cloned().collect();
            takes_part.extend(quotes.iter().map(|q| str_of(&q["by"]).to_string()));
            // What a search reads (README, "Use", **Text**): title, summary, quotes and their
            // translations, notes, the names of the actors listed, the event's sources.
            let mut texts: Vec<String> = vec![
                simple_fold(str_of(&e["title"])),
                simple_fold(str_of(&e["summary"])),
            ];
            for q in quotes {
                texts.push(simple_fold(str_of(&q["text"])));
                if let Some(t) = q.get("translation") {
                    texts.push(simple_fold(str_of(t)));
                }
            }
            for n in e["notes"].as_array().unwrap() {
                texts.push(simple_fold(str_of(n)));
            }
            for a in &listed {
                texts.push(simple_fold(actor_name[a.as_str()]));
            }
            for s in e["sources"].as_array().unwrap() {
                texts.push(source_texts[str_of(s)].clone());
            }
            Plain {
                line: lines[id.as_str()].to_string(),
                id,
                first,
                last,
                drawn_last,
                listed,
                takes_part,
                folded: texts.join("\0"),
                summary_bytes: str_of(&e["summary"]).len(),
            }
        })
        .collect()
}

/// The ids of events annals found, as a set.
fn ids(data: &Dataset, events: impl IntoIterator<Item = EventIx>) -> BTreeSet<String> {
    events
        .into_iter()
        .map(|i| data.event(i).id.clone())
        .collect()
}

/// The ids of the events this file picks.
fn plain_ids(f: &Field, keep: impl Fn(&Plain) -> bool) -> BTreeSet<String> {
    f.plain
        .iter()
        .filter(|p| keep(p))
        .map(|p| p.id.clone())
        .collect()
}

/// Event ids that `annals list` prints (as JSON) for these arguments, on the dataset's bytes.
fn cli_list(f: &Field, args: &[&str]) -> BTreeSet<String> {
    let file = temp_file(&f.text);
    let out = Command::new(env!("CARGO_BIN_EXE_annals"))
        .arg("list")
        .arg(file.path())
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "annals list {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    listed["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(&e["id"]).to_string())
        .collect()
}

#[test]
fn the_generator_writes_the_shape_it_promises_and_annals_reads_it_whole() {
    let f = field();
    let data = &f.data;
    assert_eq!(data.events.len(), EVENTS);
    assert_eq!(f.plain.len(), EVENTS);

    // One actor in about a tenth of the events, well ahead of the next; the generator says so.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &f.plain {
        for a in &p.takes_part {
            *counts.entry(a).or_default() += 1;
        }
    }
    let mut by_count: Vec<(&str, usize)> = counts.into_iter().collect();
    by_count.sort_by_key(|&(a, c)| (std::cmp::Reverse(c), a));
    let (top, top_count) = by_count[0];
    assert_eq!(top, gen_field::TOP_ACTOR);
    assert_eq!(
        (f.stats.top_actor.as_str(), f.stats.top_events),
        (top, top_count)
    );
    assert!((800..=1200).contains(&top_count), "{top_count}");
    assert!(by_count[1].1 * 3 / 2 < top_count, "{:?}", &by_count[..3]);

    // Not in date order in the file; annals puts them in timeline order.
    let starts: Vec<NaiveDate> = f.plain.iter().map(|p| p.first).collect();
    let descents = starts.windows(2).filter(|w| w[0] > w[1]).count();
    assert!(descents > EVENTS / 3, "{descents} descents: sorted?");
    assert!(
        data.events.windows(2).all(|w| w[0].sort_cmp(&w[1]).is_le()),
        "annals' events are out of order"
    );

    // Long quotes in about two events in three, long summaries in about one in 200.
    let events = f.json["events"].as_array().unwrap();
    let quoted = events
        .iter()
        .filter(|e| !e["quotes"].as_array().unwrap().is_empty())
        .count();
    assert!((6_000..=7_000).contains(&quoted), "{quoted} events quote");
    for q in events.iter().flat_map(|e| e["quotes"].as_array().unwrap()) {
        let chars = str_of(&q["text"]).chars().count();
        assert!(
            (200..=1000).contains(&chars),
            "a quote of {chars} characters"
        );
    }
    let long = f.plain.iter().filter(|p| p.summary_bytes > 10_000).count();
    assert!((25..=80).contains(&long), "{long} long summaries");
    assert!(f.plain.iter().all(|p| p.summary_bytes < 51_000));

    // Escapes written on purpose, each kind many times.
    for escape in [r#"\""#, r"\n", r"\u00e9", r"\u0416"] {
        let n = f.text.matches(escape).count();
        assert!(n > 300, "{escape} {n} times");
    }

    // Every text as annals reads it is the string serde_json reads: escapes decoded, the
    // longest summaries whole.
    let at: HashMap<&str, usize> = f
        .plain
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    for e in &data.events {
        let j = &events[at[e.id.as_str()]];
        assert_eq!(data.text(&e.title), str_of(&j["title"]), "{}", e.id);
        assert_eq!(data.text(&e.summary), str_of(&j["summary"]), "{}", e.id);
        let quotes = j["quotes"].as_array().unwrap();
        assert_eq!(e.quotes.len(), quotes.len(), "{}", e.id);
        for (q, jq) in e.quotes.iter().zip(quotes) {
            assert_eq!(data.text(&q.text), str_of(&jq["text"]), "{}", e.id);
            assert_eq!(
                data.text_opt(&q.translation),
                jq.get("translation").map(str_of),
                "{}",
                e.id
            );
        }
        let notes: Vec<&str> = e.notes.iter().map(|n| data.text(n)).collect();
        let jnotes: Vec<&str> = j["notes"].as_array().unwrap().iter().map(str_of).collect();
        assert_eq!(notes, jnotes, "{}", e.id);
    }
}

#[test]
fn the_generator_is_deterministic_and_its_files_pass_annals_validate() {
    let bytes = |n, seed| {
        let mut out = Vec::new();
        gen_field::write(n, seed, &mut out).unwrap();
        out
    };
    let first = bytes(1000, SEED);
    assert!(first == bytes(1000, SEED), "two runs with one seed differ");
    assert!(
        first != bytes(1000, SEED + 1),
        "two seeds give the same bytes"
    );

    let file = temp_file(&field().text);
    let out = Command::new(env!("CARGO_BIN_EXE_annals"))
        .arg("validate")
        .arg(file.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("valid annals/1 dataset: 10000 events"),
        "{stdout}"
    );
}

#[test]
fn actor_filters_give_the_events_that_list_or_quote_the_actor() {
    let f = field();
    let data = &f.data;
    let index = ActorIndex::new(data);

    // The popular actor, by id, by its Cyrillic aliases and by its name in any case, with or
    // without accents.
    let top = plain_ids(f, |p| p.takes_part.contains(gen_field::TOP_ACTOR));
    let listing = plain_ids(f, |p| p.listed.iter().any(|a| a == gen_field::TOP_ACTOR));
    assert_eq!(
        top, listing,
        "the popular actor is only quoted where listed"
    );
    for query in [
        "a0001",
        "A0001",
        "Елизавета Левек-Островская",
        "елизавета левек-островская",
        "Е. Левек",
        "Élisabeth Lévêque-Ostrovskaïa",
        "ELISABETH LEVEQUE-OSTROVSKAIA",
        "elisabeth leveque-ostrovskaia",
    ] {
        let actor = index.resolve(data, query).unwrap();
        assert_eq!(data.actor(actor).id, gen_field::TOP_ACTOR, "{query}");
        let filter = Filter {
            actors: vec![actor],
            ..Filter::default()
        };
        let found = filter.apply(data, &index);
        assert!(found.windows(2).all(|w| w[0] < w[1]), "timeline order");
        assert_eq!(ids(data, found), top, "{query}");
    }
    assert_eq!(cli_list(f, &["--actor", "Елизавета Левек-Островская"]), top);

    // A rare actor (the fewest events of all that have any), by id and by its name folded.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &f.plain {
        for a in &p.takes_part {
            *counts.entry(a).or_default() += 1;
        }
    }
    let (&rare, &rare_count) = counts.iter().min_by_key(|&(a, c)| (*c, *a)).unwrap();
    assert!(rare_count < 20, "{rare}: {rare_count} events");
    let rare_name = f
        .id_of
        .iter()
        .find(|(_, id)| id.as_str() == rare)
        .map(|(name, _)| name.clone())
        .unwrap();
    let rare_events = plain_ids(f, |p| p.takes_part.contains(rare));
    assert_eq!(rare_events.len(), rare_count);
    for query in [
        rare.to_string(),
        rare_name.clone(),
        simple_fold(&rare_name).to_uppercase(),
    ] {
        let actor = index.resolve(data, &query).unwrap();
        assert_eq!(data.actor(actor).id, rare, "{query}");
        let filter = Filter {
            actors: vec![actor],
            ..Filter::default()
        };
        assert_eq!(
            ids(data, filter.apply(data, &index)),
            rare_events,
            "{query}"
        );
    }

    // Actors that some events only quote: those events are theirs too, and every actor's
    // count in the index is the plain one.
    let only_quoted = f
        .plain
        .iter()
        .filter(|p| p.takes_part.len() > p.listed.len())
        .count();
    assert!(
        only_quoted > 50,
        "{only_quoted} events quote an actor they do not list"
    );
    for (i, actor) in data.actors.iter().enumerate() {
        let ix = index.resolve(data, &actor.id).unwrap();
        assert_eq!(ix.get(), i);
        assert_eq!(
            index.event_count(ix),
            counts.get(actor.id.as_str()).copied().unwrap_or(0),
            "{}",
            actor.id
        );
    }
}

#[test]
fn text_search_finds_a_word_with_or_without_its_accents() {
    let f = field();
    let data = &f.data;
    let all = data.all_events();
    let index = ActorIndex::new(data);
    for (accented, plain_form) in [
        ("négociations", "negociations"),
        ("Sécurité", "SECURITE"),
        ("Lévêque", "leveque"),
        ("заключёнными", "заключенными"),
        ("Женеве", "женеве"),
    ] {
        let (a, b) = (simple_fold(accented), simple_fold(plain_form));
        assert_eq!(a, b, "the fold here");
        let want = plain_ids(f, |p| p.folded.contains(&a));
        assert!(
            !want.is_empty() && want.len() < EVENTS,
            "{accented}: {} events",
            want.len()
        );
        assert_eq!(want, plain_ids(f, |p| p.folded.contains(&b)));
        for query in [accented, plain_form] {
            let hits = Search::run(data, &all, &fold(query));
            assert_eq!(ids(data, hits.iter().map(|&h| all[h])), want, "{query}");
            let filter = Filter {
                text: Some(fold(query)),
                ..Filter::default()
            };
            assert_eq!(ids(data, filter.apply(data, &index)), want, "{query}");
        }
    }

    // Some events hold the word only as escapes (`n\u00e9gociations`), some only in a summary
    // of tens of kilobytes: both are found.
    let hits = ids(
        data,
        Search::run(data, &all, &fold("négociations"))
            .iter()
            .map(|&h| all[h]),
    );
    let by_id: HashMap<&str, &Plain> = f.plain.iter().map(|p| (p.id.as_str(), p)).collect();
    let escaped_only = hits
        .iter()
        .filter(|id| {
            let line = &by_id[id.as_str()].line;
            !line.contains("égociations") && line.contains(r"n\u00e9gociations")
        })
        .count();
    assert!(escaped_only > 0, "no event has the word only as escapes");
    assert!(
        hits.iter()
            .any(|id| by_id[id.as_str()].summary_bytes > 10_000),
        "no hit in a long summary"
    );
}

#[test]
fn date_filters_keep_the_events_whose_days_overlap_the_bounds() {
    let f = field();
    let data = &f.data;
    let index = ActorIndex::new(data);
    let bound_days = |from: Option<&str>, to: Option<&str>| {
        (
            from.map_or(NaiveDate::MIN, |d| days_of(d).0),
            to.map_or(NaiveDate::MAX, |d| days_of(d).1),
        )
    };
    for (from, to) in [
        (Some("1998-03"), Some("2003")),
        (Some("2012-02-29"), Some("2012-02-29")),
        (Some("2025-06"), None),
        (None, Some("1991-06")),
        (Some("2008-12-31"), Some("2009-01")),
    ] {
        let (a, b) = bound_days(from, to);
        let filter = Filter {
            from: from.map(|d| parse_date(d).unwrap()),
            to: to.map(|d| parse_date(d).unwrap()),
            ..Filter::default()
        };
        let want = plain_ids(f, |p| p.last >= a && p.first <= b);
        assert!(!want.is_empty(), "{from:?}–{to:?} finds nothing");
        assert_eq!(
            ids(data, filter.apply(data, &index)),
            want,
            "{from:?}–{to:?}"
        );

        let top = index.resolve(data, gen_field::TOP_ACTOR).unwrap();
        let with_top = Filter {
            actors: vec![top],
            ..filter
        };
        let want_top = plain_ids(f, |p| {
            p.last >= a && p.first <= b && p.takes_part.contains(gen_field::TOP_ACTOR)
        });
        assert_eq!(
            ids(data, with_top.apply(data, &index)),
            want_top,
            "a0001, {from:?}–{to:?}"
        );
    }
    // Ranges that started long before and never ended (or ended who knows when) are still
    // within late bounds.
    let late = plain_ids(f, |p| {
        p.last >= days_of("2025-06").0 && p.first < days_of("2024").0
    });
    assert!(!late.is_empty(), "no open range from before 2024");

    // The command line applies the same rule, with the actor by its Cyrillic alias.
    let want = plain_ids(f, |p| {
        p.last >= days_of("1998-03").0
            && p.first <= days_of("2003").1
            && p.takes_part.contains(gen_field::TOP_ACTOR)
    });
    assert!(want.len() > 50);
    assert_eq!(
        cli_list(
            f,
            &["--actor", "Е. Левек", "--from", "1998-03", "--to", "2003"]
        ),
        want
    );
}

/// Each lane's events in a window, worked out here: the events the actor takes part in whose
/// drawn days touch the window, by lane name (the actor's name).
fn plain_lanes(
    f: &Field,
    events: &BTreeSet<String>,
    window: Window,
) -> BTreeMap<String, BTreeSet<String>> {
    let name_of: HashMap<&str, &str> = f
        .id_of
        .iter()
        .map(|(name, id)| (id.as_str(), name.as_str()))
        .collect();
    let mut lanes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in f.plain.iter().filter(|p| events.contains(&p.id)) {
        if p.drawn_last < window.first || p.first > window.last {
            continue;
        }
        for a in &p.takes_part {
            lanes
                .entry(name_of[a.as_str()].to_string())
                .or_default()
                .insert(p.id.clone());
        }
    }
    lanes
}

/// The lanes annals places, as lane name → event ids, with no name twice.
fn placed(
    data: &Dataset,
    shown: &[EventIx],
    lanes: &[lanes::Lane],
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for lane in lanes {
        // A mark stands for its event and, where several share its columns past the lane's
        // rows, the lane's events up to `through` (`more` of them).
        let mut stood_for = 0;
        let events: BTreeSet<String> = lane
            .items
            .iter()
            .flat_map(|p| {
                let of: Vec<_> = lane
                    .members
                    .iter()
                    .filter(|&&m| p.pos <= m && m <= p.through)
                    .collect();
                assert_eq!(of.len(), p.more as usize + 1, "{}: {p:?}", lane.name);
                stood_for += of.len();
                of.into_iter()
                    .map(|m| data.event(shown[m.get()]).id.clone())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(events.len(), stood_for, "{}: an event twice", lane.name);
        assert!(
            out.insert(lane.name.to_string(), events).is_none(),
            "two lanes named {}",
            lane.name
        );
    }
    out
}

#[test]
fn the_lanes_by_actor_hold_each_actors_events_in_the_window() {
    let f = field();
    assert_eq!(
        f.id_of.len(),
        gen_field::actor_count(EVENTS),
        "names are unique"
    );

    // The busiest year, worked out here; the browser goes to its middle and zooms in.
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for p in &f.plain {
        *per_year.entry(p.first.year()).or_default() += 1;
    }
    let (&year, _) = per_year.iter().max_by_key(|&(y, c)| (*c, -*y)).unwrap();
    let mut app = app_at(f.data.clone(), 120, 40);
    press(&mut app, ':');
    typing(&mut app, &format!("{year}-06-15"));
    key(&mut app, KeyCode::Enter);
    press(&mut app, 't');
    assert_eq!(app.view, View::Lanes);
    assert_eq!(app.lanes.grouping, Grouping::Actor);
    let all: BTreeSet<String> = f.plain.iter().map(|p| p.id.clone()).collect();

    let mut checked = Vec::new();
    for (presses, unit, first, last) in [
        (
            2,
            Unit::Year,
            format!("{year}-01-01"),
            format!("{year}-12-31"),
        ),
        (2, Unit::Month, String::new(), String::new()),
    ] {
        for _ in 0..presses {
            press(&mut app, '+');
        }
        assert_eq!(app.lanes.zoom, Zoom::In(unit));
        let window = app.lanes_window().unwrap();
        if !first.is_empty() {
            assert_eq!(
                (window.first, window.last),
                (days_of(&first).0, days_of(&last).0)
            );
        } else {
            assert_eq!(window.first.day(), 1);
            assert_eq!(window.first.year(), year);
        }
        let lanes = app.lanes_in(window, 100, MAX_LANE_ROWS);
        let got = placed(&app.data, &app.shown, &lanes);
        let want = plain_lanes(f, &all, window);
        assert!(want.len() > 20, "{} lanes in {window:?}", want.len());
        let counts = |m: &BTreeMap<String, BTreeSet<String>>| -> BTreeMap<String, usize> {
            m.iter().map(|(k, v)| (k.clone(), v.len())).collect()
        };
        assert_eq!(counts(&got), counts(&want), "{window:?}");
        assert_eq!(got, want, "{window:?}");
        // Busiest first over all the events shown, whatever the window.
        let totals: Vec<usize> = lanes
            .iter()
            .map(|l| {
                let id = &f.id_of[&*l.name];
                f.plain.iter().filter(|p| p.takes_part.contains(id)).count()
            })
            .collect();
        assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
        assert_eq!(&*lanes[0].name, gen_field::TOP_NAME);
        checked.push(window);
    }
    assert!(checked[1].days() < checked[0].days());

    // The lanes of a filtered list: the popular actor's events in the first half of the year.
    let data = &f.data;
    let index = ActorIndex::new(data);
    let filter = Filter {
        actors: vec![index.resolve(data, gen_field::TOP_ACTOR).unwrap()],
        ..Filter::default()
    };
    let shown = filter.apply(data, &index);
    let groups = lanes::groups(data, &shown, Grouping::Actor);
    assert_eq!(&*groups[0].name, gen_field::TOP_NAME);
    assert_eq!(groups[0].members.len(), shown.len());
    let window = Window::new(
        days_of(&format!("{year}-01")).0,
        days_of(&format!("{year}-06")).1,
    );
    let lanes = lanes::place(&groups, window, 57, MAX_LANE_ROWS);
    let want = plain_lanes(
        f,
        &plain_ids(f, |p| p.takes_part.contains(gen_field::TOP_ACTOR)),
        window,
    );
    assert!(want.len() > 5, "{} lanes", want.len());
    assert_eq!(placed(data, &shown, &lanes), want);
}

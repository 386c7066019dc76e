//! Correctness at scale: 10,000 generated events (examples/gen.rs, seed 7) loaded from a mapped
//! file. The fast paths (the actor index, search a slice at a time, export) must give exactly
//! what the plain per-event rules give. Nothing here measures time.

mod common;

// `gen` is a reserved word in Rust 2024, so the module takes another name.
#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod generator;

use std::cmp::Ordering;
use std::io::Write;
use std::sync::OnceLock;

use annals::export::{self, Format};
use annals::load;
use annals::model::{ActorIx, Dataset, Event, EventIx, ShownIx};
use annals::query::{ActorIndex, ActorMode, Filter, Search, fold, parse_date};
use annals::tui::app::SEARCH_SLICE_MIN;
use annals::tui::update::search_slice;
use common::{app_at, key, press, screen, typing};
use ratatui::crossterm::event::KeyCode;

const EVENTS: usize = 10_000;
const SEED: u64 = 7;

/// The generated dataset, written and loaded once for the whole file. The file is deleted
/// once loaded: on Unix a mapping outlives the file's name, and a static is never dropped,
/// so a temporary file kept here would be left behind after every run.
fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        generator::write(EVENTS, SEED, &mut out).unwrap();
        out.flush().unwrap();
        drop(out);
        load::from_path(file.path()).unwrap()
    })
}

/// Whether an event mentions a folded query, worked out here without the search's code: every
/// text the README says a search reads (title, summary, quotes and their translations, notes,
/// the names of the event's actors), each folded whole.
fn mentions(data: &Dataset, e: &Event, query: &str) -> bool {
    let mut texts: Vec<&str> = vec![data.text(&e.title), data.text(&e.summary)];
    for q in e.quotes.iter() {
        texts.push(data.text(&q.text));
        texts.extend(data.text_opt(&q.translation));
    }
    texts.extend(e.notes.iter().map(|n| data.text(n)));
    texts.extend(e.actors.iter().map(|&a| data.actor(a).name.as_str()));
    for &s in e.sources.iter() {
        texts.push(&data.source(s).publisher);
        texts.push(&data.source(s).title);
    }
    texts.iter().any(|t| fold(t).contains(query))
}

/// The events that pass a filter by the rule the README states, without the index or the
/// filter's own code: any (or all) of its actors among the event's actors and speakers, its
/// days overlapping the bounds, its text mentioning the query.
fn plain(data: &Dataset, filter: &Filter) -> Vec<EventIx> {
    let passes = |e: &Event| {
        let has = |a: &ActorIx| e.actors.contains(a) || e.quotes.iter().any(|q| q.by == *a);
        let actors = filter.actors.is_empty()
            || match filter.mode {
                ActorMode::Any => filter.actors.iter().any(has),
                ActorMode::All => filter.actors.iter().all(has),
            };
        let (first, last) = e.when.reach();
        let from = filter.from.is_none_or(|f| last >= f.first_day);
        let to = filter.to.is_none_or(|t| first <= t.last_day());
        let text = filter.text.as_deref().is_none_or(|q| mentions(data, e, q));
        actors && from && to && text
    };
    data.all_events()
        .into_iter()
        .filter(|&i| passes(data.event(i)))
        .collect()
}

/// The first 20 characters of an event's title, enough to find it on a screen.
fn title_start(data: &Dataset, pos: EventIx) -> String {
    data.text(&data.events[pos].title)
        .chars()
        .take(20)
        .collect()
}

#[test]
fn the_generated_dataset_loads_whole_and_in_timeline_order() {
    let data = data();
    assert_eq!(data.events.len(), EVENTS);
    assert_eq!(data.actors.len(), 5_000);
    if let Some(i) = (1..data.events.len())
        .find(|&i| data.events[i - 1].sort_cmp(&data.events[i]) == Ordering::Greater)
    {
        panic!(
            "{} comes before {}",
            data.events[i - 1].id,
            data.events[i].id
        );
    }
    for e in &data.events {
        assert!(!data.text(&e.title).is_empty(), "{}: empty title", e.id);
        assert!(!data.text(&e.summary).is_empty(), "{}: empty summary", e.id);
    }
}

#[test]
fn the_generator_gives_the_same_bytes_for_the_same_seed() {
    let bytes = |n, seed| {
        let mut out = Vec::new();
        generator::write(n, seed, &mut out).unwrap();
        out
    };
    let first = bytes(1000, SEED);
    assert!(first == bytes(1000, SEED), "two runs with seed 7 differ");
    assert!(
        first != bytes(1000, SEED + 1),
        "seeds 7 and 8 give the same bytes"
    );
    let text = String::from_utf8(first).unwrap();
    assert_eq!(load::from_str(&text, "gen").unwrap().events.len(), 1000);
}

#[test]
fn actor_filters_through_the_index_agree_with_the_plain_rule() {
    let data = data();
    let index = ActorIndex::new(data);
    let mut by_count: Vec<ActorIx> = (0..data.actors.len()).map(ActorIx::new).collect();
    by_count.sort_by_key(|&a| (std::cmp::Reverse(index.event_count(a)), a));
    let used: Vec<ActorIx> = by_count
        .iter()
        .copied()
        .filter(|&a| index.event_count(a) > 0)
        .collect();
    let (top, middling, rare) = (&used[..3], used[used.len() / 2], used[used.len() - 1]);
    assert!(
        index.event_count(top[0]) > 500,
        "Zipf: the first actor is everywhere"
    );
    assert!(index.event_count(rare) < index.event_count(middling));

    let check = |filter: Filter, not_empty: bool| {
        let fast = filter.apply(data, &index);
        assert_eq!(fast, plain(data, &filter), "{filter:?}");
        assert!(!not_empty || !fast.is_empty(), "{filter:?} finds nothing");
    };
    let one = |a| Filter {
        actors: vec![a],
        ..Filter::default()
    };
    for &a in top.iter().chain([&middling, &rare]) {
        check(one(a), true);
    }
    for (a, b) in [(top[0], top[1]), (top[1], middling), (middling, rare)] {
        for mode in [ActorMode::Any, ActorMode::All] {
            let popular_pair = a == top[0] && b == top[1];
            let filter = Filter {
                actors: vec![a, b],
                mode,
                ..Filter::default()
            };
            check(filter, mode == ActorMode::Any || popular_pair);
        }
    }
    let dated = Filter {
        from: Some(parse_date("2001-03").unwrap()),
        to: Some(parse_date("2010").unwrap()),
        ..one(top[0])
    };
    check(dated.clone(), true);
    check(
        Filter {
            actors: vec![top[0], top[1]],
            mode: ActorMode::All,
            ..dated
        },
        false,
    );
    check(
        Filter {
            text: Some(fold("Sanctions")),
            ..one(top[1])
        },
        true,
    );
}

#[test]
fn actors_with_accented_and_cyrillic_names_resolve_by_id_and_by_name_in_any_case() {
    let data = data();
    let index = ActorIndex::new(data);
    for start in ["Sergueï", "Сергей", "Jürgen"] {
        let ix = data
            .actors
            .iter()
            .position(|a| a.name.starts_with(start))
            .unwrap_or_else(|| panic!("no actor named {start}…"));
        let actor = &data.actors[ix];
        assert!(!actor.name.is_ascii());
        for query in [
            actor.id.clone(),
            actor.name.clone(),
            actor.name.to_uppercase(),
            fold(&actor.name).to_uppercase(), // "SERGUEI …": accents left out
        ] {
            assert_eq!(index.resolve(data, &query), Ok(ActorIx::new(ix)), "{query}");
        }
    }
    // "ё" and "е" are the same letter to a search.
    let ix = data
        .actors
        .iter()
        .position(|a| a.name.contains("Фёдоров"))
        .unwrap();
    let plain_e = data.actors[ix].name.replace('ё', "е").to_uppercase();
    assert_eq!(index.resolve(data, &plain_e), Ok(ActorIx::new(ix)));
}

#[test]
fn search_a_slice_at_a_time_finds_what_a_whole_search_and_the_plain_rule_find() {
    let data = data();
    let events = data.all_events();
    for query in ["Genève", "SANCTIONS", "Протест", "lavrov", "pressure"] {
        let q = fold(query);
        let whole = Search::run(data, &events, &q);
        let plain: Vec<ShownIx> = (0..data.events.len())
            .filter(|&i| mentions(data, &data.events[i], &q))
            .map(ShownIx::new)
            .collect();
        assert_eq!(whole, plain, "{query}");
        assert!(!whole.is_empty(), "nothing mentions {query}");

        let mut search = Search::new(&q);
        let mut sliced = Vec::new();
        let mut steps = 0;
        while !search.done(&events) {
            sliced.extend(search.step(data, &events, 777));
            steps += 1;
            assert!(
                steps <= EVENTS.div_ceil(777),
                "{query}: the search does not end"
            );
        }
        assert_eq!(steps, EVENTS.div_ceil(777));
        assert_eq!(sliced, whole, "{query}");
    }

    // "pressure" is only in the English translation of a Russian quote: every hit is found
    // there and nowhere else, and the Russian original finds the same events.
    let hits = Search::run(data, &events, "pressure");
    for &i in &hits {
        let e = &data.events[events[i]];
        let has = |t: &str| fold(t).contains("pressure");
        assert!(
            !has(data.text(&e.title)) && !has(data.text(&e.summary)),
            "{}",
            e.id
        );
        let in_quote = e
            .quotes
            .iter()
            .any(|q| data.text_opt(&q.translation).is_some_and(has));
        assert!(in_quote, "{}: found, but no quote says it", e.id);
    }
    assert_eq!(Search::run(data, &events, &fold("давлением")), hits);
}

#[test]
fn a_thousand_events_export_and_load_back_identical() {
    let data = data();
    let range: Vec<EventIx> = (4000..5000).map(EventIx::new).collect();
    let now = chrono::DateTime::from_timestamp(1_353_000_000, 0).unwrap();
    let json = export::render(Format::Json, data, &range, now).unwrap();
    let back = load::from_str(&json, "export").unwrap();
    assert_eq!(back.events.len(), 1000);
    assert!(
        back == data.subset(&range),
        "the export does not load back identical"
    );
    for format in Format::ALL {
        let text = export::render(format, data, &range, now)
            .unwrap_or_else(|e| panic!("{}: {e}", format.name()));
        assert!(!text.trim().is_empty(), "{} is empty", format.name());
    }
}

#[test]
fn the_browser_goes_to_the_last_event_and_back_and_searches_all_of_them() {
    let data = data();
    let mut app = app_at(data.clone(), 120, 40);
    assert_eq!(app.shown.len(), EVENTS);
    press(&mut app, 'G');
    assert_eq!(app.cursor.get(), app.shown.len() - 1);
    let last = title_start(&app.data, app.shown[app.cursor]);
    let s = screen(&app);
    assert!(s.contains(&last), "{last:?} is not on screen:\n{s}");
    press(&mut app, 'g');
    press(&mut app, 'g');
    assert_eq!(app.cursor.get(), 0);
    let first = title_start(&app.data, app.shown[0]);
    let s = screen(&app);
    assert!(s.contains(&first), "{first:?} is not on screen:\n{s}");

    press(&mut app, '/');
    typing(&mut app, "Genève");
    key(&mut app, KeyCode::Enter);
    let mut slices = 0;
    while search_slice(&mut app) {
        slices += 1;
        assert!(
            slices <= EVENTS / SEARCH_SLICE_MIN + 1,
            "the search does not end"
        );
    }
    assert!(app.searching.is_none());
    assert_eq!(app.search.as_deref(), Some("geneve"));
    let want = Search::run(&app.data, &app.shown, "geneve");
    assert!(!want.is_empty());
    assert_eq!(app.hits, want);
    assert_eq!(app.cursor, want[0], "the search moves to the first hit");
}

/// A big file is read by two threads (one parses, one checks): every problem is still found,
/// with the position and id of its event, in file order.
#[test]
fn problems_in_a_big_file_are_all_reported_with_their_events() {
    let mut bytes = Vec::new();
    generator::write(EVENTS, SEED, &mut bytes).unwrap();
    let text = String::from_utf8(bytes)
        .unwrap()
        .replacen("\"id\": \"e0005000\"", "\"id\": \"e0004000\"", 1)
        .replacen("\"actors\": [\"a", "\"actors\": [\"nobody\", \"a", 1);
    let at = text.find("\"id\": \"e0009000\"").unwrap();
    let when = at + text[at..].find("\"when\": \"").unwrap() + "\"when\": \"".len();
    let end = when + text[when..].find('"').unwrap();
    let text = format!("{}2019-02-30{}", &text[..when], &text[end..]);
    assert!(text.len() > 4 << 20, "big enough for the two-thread reader");
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    let message = load::from_path(file.path()).unwrap_err().to_string();
    // Each line is led by its place ("12:5: "), here left out.
    let lines: Vec<&str> = message
        .lines()
        .skip(1)
        .map(|l| {
            l.trim().split_once(": ").map_or(l, |(at, rest)| {
                assert!(at.split(':').all(|n| n.parse::<usize>().is_ok()), "{l}");
                rest
            })
        })
        .collect();
    assert_eq!(lines.len(), 3, "{message}");
    assert_eq!(
        lines[0], "event `e0000000`, field `actors`: unknown actor `nobody`",
        "{message}"
    );
    // Both copies of the duplicate id, each with its place in the file.
    let (first, second) = (
        1 + text.find("\"id\": \"e0004000\"").unwrap(),
        1 + text.rfind("\"id\": \"e0004000\"").unwrap(),
    );
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    assert!(
        lines[1].starts_with("event `e0004000`, field `id`: duplicate id: position 5001 at line ")
            && lines[1].contains(&format!("at line {} ", line_of(second)))
            && lines[1].contains(&format!(
                "repeats position 4001 at line {} ",
                line_of(first)
            )),
        "{message}"
    );
    assert_eq!(
        lines[2],
        "event `e0009000`, field `when`: \"2019-02-30\" is not a date on the calendar (month or day out of range)",
        "{message}"
    );
}

/// While a search is still going, `n` past the last hit found so far waits for more instead of
/// wrapping to the top; once the search is over it goes on.
#[test]
fn n_does_not_wrap_while_the_search_is_still_going() {
    let mut app = app_at(data().clone(), 120, 40);
    let query = fold("prisoner");
    let mut job = Search::new(&query);
    app.hits = job.step(&app.data, &app.shown, 2_000);
    app.search = Some(query);
    app.searching = Some(job);
    let last_found = *app.hits.last().expect("hits in the first slice");
    app.cursor = last_found;
    press(&mut app, 'n');
    assert_eq!(app.cursor, last_found);
    assert_eq!(app.status.as_deref(), Some("still searching…"));
    while search_slice(&mut app) {}
    press(&mut app, 'n');
    assert!(app.cursor > last_found, "n goes on to a hit found later");
}

//! Following the file: a dataset whose file changes under annals never shows text from the
//! wrong place and never stops annals, mapped or copied; the browser reloads it, keeping its
//! place, and keeps the last good data when the new content is invalid.

mod common;

use std::io::Write;
use std::ops::ControlFlow;

use annals::load::{self, Reading};
use annals::model::{Dataset, Text, text::CHANGED};
use annals::query::Search;

/// Every text of a dataset as it reads now.
fn texts(d: &Dataset) -> Vec<String> {
    texts_by(d, |t| d.text(t).to_string())
}

/// Every text of a dataset as `read` reads it.
fn texts_by(d: &Dataset, read: impl Fn(&Text) -> String) -> Vec<String> {
    let mut out = Vec::new();
    for e in &d.events {
        out.push(read(&e.title));
        out.push(read(&e.summary));
        for q in e.quotes.iter() {
            out.push(read(&q.text));
            out.extend(q.translation.as_ref().map(&read));
        }
        out.extend(e.notes.iter().map(&read));
    }
    out
}

/// Every text of a dataset as `annals list` reads titles: from the file, not its mapping.
fn texts_from_the_file(d: &Dataset) -> Vec<String> {
    texts_by(d, |t| {
        let mut text = "kept".to_string();
        t.copy_into(&d.store, &mut text);
        text.strip_prefix("kept").expect("appended").to_string()
    })
}

/// Every text of a dataset as a search reads it: bytes under the check alone.
fn texts_as_bytes(d: &Dataset) -> Vec<String> {
    texts_by(d, |t| {
        String::from_utf8(t.bytes(&d.store).to_vec()).expect("the texts of a valid file")
    })
}

fn mapped(path: &std::path::Path) -> Dataset {
    load::from_path_as(path, Reading::Map, &mut |_| ControlFlow::Continue(())).unwrap()
}

/// A generated file of 3,000 events in `dir` (long enough for its texts to span many pages),
/// its bytes, and the dataset read from its mapping.
fn generated_and_mapped(
    dir: &std::path::Path,
    seed: u64,
) -> (std::path::PathBuf, Vec<u8>, Dataset) {
    let path = dir.join("live.json");
    let mut big = Vec::new();
    generator::write(3000, seed, &mut big).unwrap();
    std::fs::write(&path, &big).unwrap();
    let data = mapped(&path);
    (path, big, data)
}

/// Cuts the file to its first 100 bytes, in place.
fn cut_short(path: &std::path::Path) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(100)
        .unwrap();
}

/// Writes `bytes` over the file, in place (as `>` or many editors do: the same file).
fn rewrite_in_place(path: &std::path::Path, bytes: &[u8]) {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .unwrap();
    f.write_all(bytes).unwrap();
    f.sync_all().unwrap();
}

#[test]
fn a_mapped_file_rewritten_in_place_never_shows_other_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.json");
    std::fs::write(&path, load::BUILTIN_JSON).unwrap();
    let data = mapped(&path);
    assert!(data.store.is_mapped());
    let before = texts(&data);
    assert!(!data.store.is_stale());
    // Written in place, as `>` or many editors do: the same file, other bytes everywhere.
    let shifted = load::BUILTIN_JSON.replacen("\"title\": \"Moscow", "\"title\":   \"Moscow", 1);
    rewrite_in_place(&path, shifted.as_bytes());
    let after = texts(&data);
    for (old, now) in before.iter().zip(&after) {
        assert!(now == old || now == CHANGED, "{now:?} is not {old:?}");
    }
    assert!(
        after.iter().any(|t| t == CHANGED),
        "the shift shows somewhere"
    );
    assert!(data.store.is_stale());
}

#[test]
fn a_mapped_file_cut_short_reads_as_changed_and_does_not_stop_annals() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, data) = generated_and_mapped(dir.path(), 3);
    let before = texts(&data);
    cut_short(&path);
    let after = texts(&data);
    assert_eq!(after.len(), before.len());
    for (old, now) in before.iter().zip(&after) {
        assert!(now == old || now == CHANGED, "{now:?} is not {old:?}");
    }
    assert!(after.iter().filter(|t| *t == CHANGED).count() > before.len() / 2);
    assert!(data.store.is_stale());
}

/// `annals list` reads titles with positioned reads of the file rather than through its
/// mapping (so that its pages do not come back into memory): the same texts, under the same
/// check when the file changes.
#[test]
fn texts_read_from_the_file_are_those_of_the_mapping_and_checked_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, data) = generated_and_mapped(dir.path(), 5);
    let in_file = data
        .events
        .iter()
        .filter(|e| matches!(e.summary, Text::At { .. }))
        .count();
    assert!(
        in_file > 2900,
        "most texts are places in the file: {in_file}"
    );
    let before = texts(&data);
    assert_eq!(texts_from_the_file(&data), before);
    assert_eq!(texts_as_bytes(&data), before);
    // A search of the mapping finds what a search of a copy finds.
    let copy =
        load::from_path_as(&path, Reading::Copy, &mut |_| ControlFlow::Continue(())).unwrap();
    let all = data.all_events();
    let mut hits_of_word = Vec::new();
    for word in ["négociations", "moscou", "e", "prisoner"] {
        let word = annals::query::fold(word);
        let hits = Search::run(&data, &all, &word);
        assert_eq!(hits, Search::run(&copy, &all, &word), "{word}");
        hits_of_word = hits;
    }
    // A word found only in texts (not in names) in a share of events.
    assert!(hits_of_word.len() > 100, "{}", hits_of_word.len());
    cut_short(&path);
    for after in [texts_from_the_file(&data), texts_as_bytes(&data)] {
        assert_eq!(after.len(), before.len());
        for (old, now) in before.iter().zip(&after) {
            assert!(now == old || now == CHANGED, "{now:?} is not {old:?}");
        }
        assert!(after.iter().filter(|t| *t == CHANGED).count() > before.len() / 2);
    }
    // The bytes now at the places of the texts are never a hit.
    let hits = Search::run(&data, &all, "prisoner");
    assert!(hits.iter().all(|h| hits_of_word.contains(h)));
    assert!(hits.len() < hits_of_word.len() / 2, "{}", hits.len());
    assert!(data.store.is_stale());
}

/// A search folds the bytes of a mapped file unchecked and checks a text only when it holds
/// the query: a text moved by a rewrite in place still holds its words a few bytes off, and is
/// not a hit.
#[test]
fn a_search_of_a_rewritten_mapped_file_finds_nothing_in_the_moved_texts() {
    let dir = tempfile::tempdir().unwrap();
    let (path, big, data) = generated_and_mapped(dir.path(), 5);
    let all = data.all_events();
    let before = Search::run(&data, &all, "prisoner");
    assert!(before.len() > 100, "{}", before.len());
    // Two bytes more before every text: each text's place now holds the text two bytes on.
    let text = String::from_utf8(big).unwrap();
    let shifted = text.replacen("\"title\": \"", "\"title\":   \"", 1);
    assert_ne!(shifted, text);
    rewrite_in_place(&path, shifted.as_bytes());
    let after = Search::run(&data, &all, "prisoner");
    // What is left are the events that name it where annals holds the text itself: an
    // actor's name, a source's publisher or title.
    let held = |e: &annals::model::Event| {
        let has = |t: &str| annals::query::fold(t).contains("prisoner");
        e.actors.iter().any(|&a| has(&data.actor(a).name))
            || e.sources.iter().any(|&s| {
                let s = data.source(s);
                has(&s.publisher) || has(&s.title)
            })
    };
    let expected: Vec<_> = all
        .iter()
        .enumerate()
        .filter(|(_, ev)| held(&data.events[**ev]))
        .map(|(pos, _)| annals::model::ShownIx::new(pos))
        .collect();
    assert!(expected.len() < before.len());
    assert_eq!(after, expected);
    assert!(data.store.is_stale());
}

#[test]
fn a_copied_file_keeps_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.json");
    std::fs::write(&path, load::BUILTIN_JSON).unwrap();
    let data =
        load::from_path_as(&path, Reading::Copy, &mut |_| ControlFlow::Continue(())).unwrap();
    let before = texts(&data);
    std::fs::write(&path, "{}").unwrap();
    assert_eq!(texts(&data), before);
    assert!(!data.store.is_stale());
}

// `gen` is a reserved word in Rust 2024, so the module takes another name.
#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod generator;

// ---------------------------------------------------------------------------------------------
// The browser takes in a new version, keeping its place.

use annals::tui::app::App;
use annals::tui::effect::Done;
use annals::tui::update;
use common::{builtin, go_to, key, press, typing};
use ratatui::crossterm::event::KeyCode;

fn current_id(app: &App) -> String {
    app.current().unwrap().id.clone()
}

fn edited(f: impl FnOnce(&str) -> String) -> Dataset {
    load::from_str(&f(load::BUILTIN_JSON), "live.json").unwrap()
}

#[test]
fn a_new_version_keeps_the_cursor_filters_search_range_reference_and_marks() {
    let mut app = builtin(120, 40);
    typing(&mut app, "alavrov");
    key(&mut app, KeyCode::Enter);
    let filtered = app.shown.len();
    go_to_shown(&mut app, "lavrov-equality-statement");
    press(&mut app, 'r');
    press(&mut app, 'v');
    app.marks.insert(app.current_ix().unwrap());
    typing(&mut app, "/equality");
    key(&mut app, KeyCode::Enter);
    // An event added before the cursor's, and another one's title changed: every position
    // moves, the cursor's event does not.
    let new = edited(|s| {
        s.replacen(
            "\"events\": [",
            "\"events\": [{\"id\": \"early\", \"when\": \"1990\", \"title\": \"Earlier\", \"actors\": [\"lavrov\"]},",
            1,
        )
        .replace("Lavrov tells Clinton", "Lavrov tells Hillary Clinton")
    });
    update::done(&mut app, Done::Reloaded(Ok(new)));
    assert_eq!(current_id(&app), "lavrov-equality-statement");
    assert_eq!(app.shown.len(), filtered + 1, "the filter on Lavrov stays");
    assert_eq!(app.search.as_deref(), Some("equality"));
    assert!(!app.hits.is_empty());
    assert_eq!(
        app.reference
            .map(|r| app.data.event(r).id.clone())
            .as_deref(),
        Some("lavrov-equality-statement")
    );
    assert!(app.selection().is_some(), "the range stays");
    assert_eq!(app.marks.len(), 1);
    assert_eq!(
        app.data.event(*app.marks.iter().next().unwrap()).id,
        "lavrov-equality-statement"
    );
    assert_eq!(
        app.status.as_deref(),
        Some("reloaded: 55 events, 1 added, 1 changed")
    );
}

/// The cursor on the `n`-th shown event with this id, moved there with keys.
fn go_to_shown(app: &mut App, id: &str) {
    key(app, KeyCode::Home);
    while current_id(app) != id {
        press(app, 'j');
    }
}

#[test]
fn an_event_that_is_gone_leaves_the_cursor_on_the_nearest_date() {
    let mut app = builtin(120, 40);
    go_to(&mut app, "putin-obama-call");
    let new = edited(|s| {
        let at = s.find("\"id\": \"putin-obama-call\"").unwrap();
        let start = s[..at].rfind('{').unwrap();
        let end = start + s[start..].find("\n    }").unwrap() + "\n    }".len();
        format!(
            "{}{}",
            &s[..start],
            s[end..].trim_start_matches(',').trim_start()
        )
        .replacen("{\n      \"id\"", "{\n      \"id\"", 1)
    });
    assert!(new.event_position("putin-obama-call").is_none());
    update::done(&mut app, Done::Reloaded(Ok(new)));
    let when = app.current().unwrap().when.anchor().first_day;
    assert_eq!(when.to_string(), "2012-11-13", "{}", current_id(&app));
    assert_eq!(
        app.status.as_deref(),
        Some("reloaded: 53 events, 1 removed")
    );
}

#[test]
fn an_invalid_version_keeps_the_last_good_data_and_says_where_it_is_wrong() {
    let mut app = builtin(120, 40);
    go_to(&mut app, "usaid-ends-work");
    let before = app.data.clone();
    let broken =
        load::BUILTIN_JSON.replacen("\"when\": \"2012-10-01\"", "\"when\": \"2012-13-01\"", 1);
    let err = load::from_str(&broken, "live.json").unwrap_err();
    update::done(&mut app, Done::Reloaded(Err(err)));
    assert!(app.data == before);
    assert_eq!(current_id(&app), "usaid-ends-work");
    let problem = app.file_problem.clone().unwrap();
    assert!(
        problem.starts_with(&format!("{}:", line_of(&broken, "2012-13-01"))),
        "{problem}"
    );
    assert!(
        problem.contains("event `usaid-ends-work`, field `when`"),
        "{problem}"
    );
    // The footer keeps saying so after the next key, until a good version comes.
    press(&mut app, 'j');
    let s = common::screen(&app);
    assert!(s.contains("last good data shown; the file:"), "{s}");
    update::done(&mut app, Done::Reloaded(Ok(load::builtin())));
    assert!(app.file_problem.is_none());
}

/// The line (from 1) where `needle` first stands in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    1 + text[..text.find(needle).unwrap()].matches('\n').count()
}

// ---------------------------------------------------------------------------------------------
// The watch itself: written in place, truncated, replaced by rename, deleted and recreated.

/// Waits (a bounded time, no timing asserted) until the watch reads a version that passes
/// `want`: a change may be seen in several events, and read more than once.
fn wait_for(
    f: &mut annals::tui::follow::Follow,
    want: impl Fn(&Result<Dataset, load::LoadError>) -> bool,
) {
    for _ in 0..500 {
        if let Some((_, r)) = f.poll()
            && want(&r)
        {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the change was not seen within 10 s");
}

#[test]
fn the_watch_sees_every_way_a_file_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.json");
    std::fs::write(&path, load::BUILTIN_JSON).unwrap();
    let mut f = annals::tui::follow::Follow::start(&path, Default::default());
    let renamed = |title: &str| load::BUILTIN_JSON.replacen("Moscow and Washington", title, 1);
    let titled = |t: &'static str| {
        move |r: &Result<Dataset, load::LoadError>| {
            r.as_ref()
                .is_ok_and(|d| d.title == format!("{t}, 1999–2013"))
        }
    };

    // In place (same file, truncated and written).
    std::fs::write(&path, renamed("In place")).unwrap();
    wait_for(&mut f, titled("In place"));
    // Truncated to nothing: an error, not a crash.
    std::fs::write(&path, "").unwrap();
    wait_for(&mut f, |r| r.is_err());
    // Replaced by rename, as editors and git do.
    let tmp = dir.path().join(".live.json.swp");
    std::fs::write(&tmp, renamed("Renamed")).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    wait_for(&mut f, titled("Renamed"));
    // Deleted, then created again.
    std::fs::remove_file(&path).unwrap();
    wait_for(&mut f, |r| r.is_err());
    std::fs::write(&path, renamed("Recreated")).unwrap();
    wait_for(&mut f, titled("Recreated"));
}

//! Following the file: a dataset whose file changes under annals never shows text from the
//! wrong place and never stops annals, mapped or copied; the browser reloads it, keeping its
//! place, and keeps the last good data when the new content is invalid.

mod common;

use std::io::Write;
use std::ops::ControlFlow;

use annals::load::{self, Reading};
use annals::model::{Dataset, text::CHANGED};

/// Every text of a dataset as it reads now.
fn texts(d: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    for e in &d.events {
        out.push(d.text(&e.title).to_string());
        out.push(d.text(&e.summary).to_string());
        for q in e.quotes.iter() {
            out.push(d.text(&q.text).to_string());
            out.extend(d.text_opt(&q.translation).map(str::to_string));
        }
        out.extend(e.notes.iter().map(|n| d.text(n).to_string()));
    }
    out
}

fn mapped(path: &std::path::Path) -> Dataset {
    load::from_path_as(path, Reading::Map, &mut |_| ControlFlow::Continue(())).unwrap()
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
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .unwrap();
    f.write_all(shifted.as_bytes()).unwrap();
    f.sync_all().unwrap();
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
    let path = dir.path().join("live.json");
    // Long enough for its texts to span many pages.
    let mut big = Vec::new();
    generator::write(3000, 3, &mut big).unwrap();
    std::fs::write(&path, &big).unwrap();
    let data = mapped(&path);
    let before = texts(&data);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(100)
        .unwrap();
    let after = texts(&data);
    assert_eq!(after.len(), before.len());
    for (old, now) in before.iter().zip(&after) {
        assert!(now == old || now == CHANGED, "{now:?} is not {old:?}");
    }
    assert!(after.iter().filter(|t| *t == CHANGED).count() > before.len() / 2);
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

//! Exports: golden files per format from a small fixture, every format parsed back by an
//! independent reader, hostile text kept out, and the safe writer that never loses a file.

use std::path::{Path, PathBuf};

use annals::export::{self, Format, WriteError, write_file};
use annals::load;
use annals::model::{Dataset, EventIx};
use chrono::{DateTime, NaiveDate, Utc};

const FIXTURE: &str = "tests/export/fixture.json";

fn fixture() -> Dataset {
    load::from_path(Path::new(FIXTURE)).unwrap()
}

/// A fixed stamp, so that the iCalendar golden file does not change with the clock.
fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_353_000_000, 0).unwrap()
}

fn all(data: &Dataset) -> Vec<EventIx> {
    data.all_events()
}

fn render(format: Format, data: &Dataset, events: &[EventIx]) -> String {
    export::render(format, data, events, stamp()).unwrap()
}

/// Compares with `tests/export/golden/fixture.EXT`; `UPDATE_GOLDEN=1` rewrites the file.
fn golden(format: Format, text: &str) {
    let path = PathBuf::from(format!(
        "tests/export/golden/fixture.{}",
        format.extension()
    ));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert!(
        want == text,
        "{} differs from the export (UPDATE_GOLDEN=1 rewrites it); export:\n{text}",
        path.display()
    );
}

#[test]
fn every_format_matches_its_golden_file() {
    let data = fixture();
    for format in Format::ALL {
        golden(format, &render(format, &data, &all(&data)));
    }
}

#[test]
fn no_format_lets_dataset_text_drive_a_terminal() {
    let data = fixture();
    for format in Format::ALL {
        let text = render(format, &data, &all(&data));
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| annals::text::is_unsafe(c) && !matches!(c, '\n' | '\r'))
            .collect();
        assert!(bad.is_empty(), "{format:?} carries {bad:?}");
    }
}

#[test]
fn annals_json_loads_back_identical_even_with_hostile_text() {
    let data = fixture();
    let text = render(Format::Json, &data, &all(&data));
    let back = load::from_str(&text, "export").unwrap();
    assert_eq!(back, data.subset(&all(&data)));
    // Escaped, not replaced: the ESC and the override come back as they were.
    let hostile = &back.events[back.event_position("hostile").unwrap()];
    let title = data.text(&hostile.title);
    assert!(title.contains('\u{1b}') && title.contains('\u{202e}'));
}

#[test]
fn annals_json_keeps_exactly_the_actors_and_sources_referenced() {
    let data = fixture();
    let call = data.event_position("call").unwrap();
    let back = load::from_str(&render(Format::Json, &data, &[call]), "export").unwrap();
    let ids = |v: Vec<&str>| v.join(",");
    assert_eq!(
        ids(back.actors.iter().map(|a| a.id.as_str()).collect()),
        "putin,obama,peskov"
    );
    assert_eq!(
        ids(back.sources.iter().map(|s| s.id.as_str()).collect()),
        "afp,ntv"
    );
    assert_eq!(back.events.len(), 1);
    // Same actors and sources (checked above), so equal datasets mean an equal event.
    assert_eq!(back, data.subset(&[call]));
    // Nothing unused from the whole dataset either.
    let whole = load::from_str(&render(Format::Json, &data, &all(&data)), "x").unwrap();
    assert!(whole.actors.iter().all(|a| a.id != "unused"));
    assert!(whole.sources.iter().all(|s| s.id != "unused-source"));
}

#[test]
fn the_built_in_autumn_exports_and_reloads_unchanged() {
    let data = load::builtin();
    let from = data.event_position("usaid-note").unwrap();
    let to = data.event_position("putin-obama-call").unwrap();
    let range: Vec<EventIx> = (from.get()..=to.get()).map(EventIx::new).collect();
    let back = load::from_str(&render(Format::Json, &data, &range), "export").unwrap();
    assert_eq!(back, data.subset(&range));
    assert_eq!(back.events.len(), range.len());
    assert_eq!(
        export::file_name(&data, &range, Format::Markdown),
        "annals-2012-09-12--2012-11-13.md"
    );
}

#[test]
fn csv_parses_back_with_one_row_per_event() {
    let data = fixture();
    let text = render(Format::Csv, &data, &all(&data));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "start",
            "end",
            "precision",
            "title",
            "actors",
            "tags",
            "sources",
            "summary",
            "attributes"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), data.events.len());
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
    let month = row("month-only");
    assert_eq!(
        (&month[1], &month[2], &month[3]),
        ("2012-09-01", "2012-09-30", "month")
    );
    assert_eq!(&month[4], "A month, and a comma");
    assert_eq!(&month[8], "Line one line two, with \"quotes\"");
    let range = row("presidency");
    assert_eq!(
        (&range[1], &range[2], &range[3]),
        ("2000-05-07", "2008-05-07", "day/day")
    );
    let open = row("wave");
    assert_eq!((&open[2], &open[3]), ("", "day/open"));
    assert_eq!(&row("uncertain-day")[3], "day (uncertain)");
    assert_eq!(&row("uncertain-day")[5], "Barack Obama; Vladimir Putin");
    let year = row("year-only");
    assert_eq!((&year[1], &year[2]), ("2012-01-01", "2012-12-31"));
    assert_eq!(&row("call")[7], "AFP, 13 Nov 2012; NTV, 13 Nov 2012");
}

#[test]
fn icalendar_parses_back_with_all_day_exclusive_ends() {
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
    let data = fixture();
    let text = render(Format::Ics, &data, &all(&data));
    // RFC 5545 §3.1: CRLF everywhere, lines of at most 75 octets.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let cal: Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), data.events.len());
    let day = |y, m, d| DatePerhapsTime::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let by_uid = |id: &str| {
        *events
            .iter()
            .find(|e| e.get_uid().is_some_and(|u| u == format!("{id}@annals")))
            .unwrap_or_else(|| panic!("no VEVENT for {id}"))
    };
    let spans = [
        ("call", day(2012, 11, 13), day(2012, 11, 14)),
        ("month-only", day(2012, 9, 1), day(2012, 10, 1)),
        ("year-only", day(2012, 1, 1), day(2013, 1, 1)),
        ("presidency", day(2000, 5, 7), day(2008, 5, 8)),
        ("wave", day(2011, 12, 5), day(2011, 12, 6)),
    ];
    for (id, start, end) in spans {
        let e = by_uid(id);
        assert_eq!(e.get_start(), Some(start), "{id}");
        assert_eq!(e.get_end(), Some(end), "{id}");
    }
    let call = by_uid("call");
    assert_eq!(
        call.get_summary(),
        Some("Putin and Obama agree to advance ties")
    );
    let description = call.get_description().unwrap();
    assert!(
        description.contains("Les présidents ont confirmé"),
        "{description}"
    );
    assert!(description.contains("The presidents confirmed their wish"));
    // Escaped commas and semicolons come back as they were.
    assert!(description.contains("Dispatch, with a comma; and a semicolon"));
    // UIDs are unique and the same on every export.
    let mut uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len());
    assert_eq!(text, render(Format::Ics, &data, &all(&data)));
}

#[test]
fn icalendar_refuses_dates_it_cannot_hold() {
    let text = r#"{"format": "annals/1", "title": "Rome", "actors": [], "sources": [],
        "events": [{"id": "caesar", "when": "-0043-03-15", "title": "Ides of March"}]}"#;
    let data = load::from_str(text, "rome").unwrap();
    let err = export::render(Format::Ics, &data, &[EventIx::new(0)], stamp()).unwrap_err();
    assert!(err.to_string().contains("event `caesar`"), "{err}");
    // The other formats can.
    assert!(export::render(Format::TimelineJs, &data, &[EventIx::new(0)], stamp()).is_ok());
}

/// Every key path in a JSON value with the type of its value: `events[].start_date.year:string`.
fn shapes(v: &serde_json::Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    use serde_json::Value;
    let kind = match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    out.insert(format!("{path}:{kind}"));
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| shapes(i, &format!("{path}[]"), out)),
        Value::Object(map) => {
            for (k, x) in map {
                shapes(x, &format!("{path}.{k}"), out)
            }
        }
        _ => {}
    }
}

#[test]
fn timelinejs_uses_only_the_shapes_of_the_knightlab_samples() {
    let mut known = std::collections::BTreeSet::new();
    for sample in ["eras", "groups_test_2", "houston"] {
        let path = format!("tests/fixtures/timelinejs/{sample}.json");
        let text = std::fs::read_to_string(&path).unwrap();
        shapes(&serde_json::from_str(&text).unwrap(), "", &mut known);
    }
    let data = fixture();
    let ours: serde_json::Value =
        serde_json::from_str(&render(Format::TimelineJs, &data, &all(&data))).unwrap();
    let mut used = std::collections::BTreeSet::new();
    shapes(&ours, "", &mut used);
    let unknown: Vec<&String> = used.difference(&known).collect();
    assert!(unknown.is_empty(), "not in the samples: {unknown:?}");
}

#[test]
fn timelinejs_parses_back_with_dates_at_their_precision() {
    let data = fixture();
    let v: serde_json::Value =
        serde_json::from_str(&render(Format::TimelineJs, &data, &all(&data))).unwrap();
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), data.events.len());
    let slide = |id: &str| events.iter().find(|e| e["unique_id"] == id).unwrap();
    assert_eq!(
        slide("month-only")["start_date"],
        serde_json::json!({"year": "2012", "month": "9"})
    );
    assert_eq!(
        slide("year-only")["start_date"],
        serde_json::json!({"year": "2012"})
    );
    assert_eq!(
        slide("presidency")["end_date"],
        serde_json::json!({"year": "2008", "month": "5", "day": "7"})
    );
    assert_eq!(slide("call")["start_date"]["hour"], "19");
    assert_eq!(slide("uncertain-day")["group"], "diplomacy");
    let uncertain = slide("uncertain-day")["text"]["text"].as_str().unwrap();
    assert!(
        uncertain.starts_with("<p><strong>Sat 8 Sep 2012 (uncertain)</strong></p>"),
        "{uncertain}"
    );
    assert_eq!(v["title"]["text"]["headline"], "Export fixture");
    // HTML in the data is text, and a javascript: address is never a link.
    let hostile = slide("hostile")["text"]["text"].as_str().unwrap();
    assert!(hostile.contains("&lt;b&gt;html&lt;/b&gt;"), "{hostile}");
    assert!(!hostile.contains("javascript:"), "{hostile}");
    let call = slide("call")["text"]["text"].as_str().unwrap();
    assert!(
        call.contains("<a href=\"https://ntv.ru/novosti/amp/366656/\">"),
        "{call}"
    );
}

#[test]
fn markdown_numbers_sources_as_footnotes_with_their_addresses() {
    let data = fixture();
    let md = render(Format::Markdown, &data, &all(&data));
    // The range runs to the end of the year-only event.
    assert!(
        md.starts_with("# Export fixture\n\n7 May 2000 – 31 Dec 2012 · 7 events\n"),
        "{md}"
    );
    assert!(
        md.contains("## Tue 13 Nov 2012 19:41 UTC — Putin and Obama agree to advance ties"),
        "{md}"
    );
    // A French quote in guillemets, as in every face (one outline of an event).
    assert!(
        md.contains("> « Les présidents ont confirmé le désir"),
        "{md}"
    );
    assert!(md.contains(">\n> “The presidents confirmed their wish to advance relations” (translation)\n>\n> — Dmitry Peskov (fr)[^1]"), "{md}");
    assert!(
        md.contains("[^2]: NTV, 13 Nov 2012: Report. <https://ntv.ru/novosti/amp/366656/>"),
        "{md}"
    );
    // Markup in the data is escaped; a javascript: address stays plain text.
    assert!(md.contains("\\*markdown\\* \\<b\\>html\\</b\\>"), "{md}");
    assert!(!md.contains("<javascript:"), "{md}");
}

// ---------------------------------------------------------------------------------------------
// The safe writer.

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_writer_never_replaces_a_file_unless_told_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    let original = b"my own notes, not to be lost\n".to_vec();
    std::fs::write(&path, &original).unwrap();
    let err = write_file(&path, b"new", false).unwrap_err();
    assert!(matches!(err, WriteError::Exists(_)), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the original is kept byte for byte"
    );
    assert_eq!(
        names_in(dir.path()),
        ["brief.md"],
        "no temporary file is left"
    );
    write_file(&path, b"new", true).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    assert_eq!(names_in(dir.path()), ["brief.md"]);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("x.md");
    let err = write_file(&missing, b"x", false).unwrap_err();
    assert!(matches!(err, WriteError::NoFolder { .. }), "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    let err = write_file(dir.path(), b"x", true).unwrap_err();
    assert!(matches!(err, WriteError::IsFolder(_)), "{err}");
    assert!(names_in(dir.path()).is_empty());
}

/// Root writes anywhere, so this test runs as an unprivileged user: as root (as in CI) it
/// runs itself again under `setpriv` as `nobody`, from a copy of the test binary any user can
/// read (the build folder may be private).
#[cfg(unix)]
#[test]
fn an_unwritable_folder_is_an_error_and_keeps_the_original() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    const AS_NOBODY: &str = "ANNALS_TEST_AS_NOBODY";
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::metadata(dir.path()).unwrap().uid() == 0;
    if root {
        assert!(
            std::env::var_os(AS_NOBODY).is_none(),
            "setpriv did not drop root"
        );
        let shared = tempfile::tempdir().unwrap();
        std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let exe = shared.path().join("export-test");
        std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let out = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&exe)
            .args([
                "--exact",
                "an_unwritable_folder_is_an_error_and_keeps_the_original",
            ])
            .env(AS_NOBODY, "1")
            .env("TMPDIR", std::env::temp_dir())
            .output()
            .expect("setpriv (util-linux) runs this test as an unprivileged user");
        let log = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "as nobody:\n{log}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            log.contains("1 passed"),
            "as nobody, the test did not run:\n{log}"
        );
        return;
    }
    let path = dir.path().join("brief.md");
    std::fs::write(&path, b"original").unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    assert!(
        std::fs::write(dir.path().join("probe"), b"").is_err(),
        "this user writes into a read-only folder: the check would prove nothing"
    );
    let err = write_file(&path, b"new", true).unwrap_err();
    assert!(matches!(err, WriteError::Io { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"original");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(names_in(dir.path()), ["brief.md"]);
}

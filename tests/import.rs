//! Import: the chronologies people already have open directly, convert to annals/1 that
//! validates and lists the same, and bad rows are reported, never guessed.

use std::path::{Path, PathBuf};

use annals::import::{DateOrder, Format, Map, Options};
use annals::load::{self, LoadError, Reading};
use annals::model::Dataset;
use assert_cmd::Command;
use predicates::prelude::*;

fn annals() -> Command {
    Command::cargo_bin("annals").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures").join(name)
}

fn open_with(
    path: &Path,
    options: &Options,
) -> Result<(Dataset, annals::import::Report), LoadError> {
    load::open(path, options, Reading::Auto, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
}

fn open(path: &Path) -> (Dataset, annals::import::Report) {
    open_with(path, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A file with this text in a folder of its own.
fn file(name: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn titles(d: &Dataset) -> Vec<String> {
    d.events
        .iter()
        .map(|e| d.text(&e.title).to_string())
        .collect()
}

fn when(d: &Dataset, i: usize) -> String {
    d.events[i].when.to_string()
}

/// The ids `annals list` prints for a file (or an error).
fn listed(path: &Path, extra: &[&str]) -> String {
    let out = annals().arg("list").arg(path).args(extra).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Import → annals/1 → validate, and `list` of both the same.
fn round_trip(path: &Path, extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    annals()
        .arg("import")
        .arg(path)
        .args(extra)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("kept"));
    annals().arg("validate").arg(&out).assert().success();
    assert_eq!(listed(&out, &[]), listed(path, extra), "{}", path.display());
}

// ---------------------------------------------------------------------------------------------
// TimelineJS

#[test]
fn every_knight_lab_sample_opens_with_the_events_timelinejs_shows_and_no_html() {
    for (name, slides, eras) in [
        ("timelinejs/eras.json", 20, 3),
        ("timelinejs/groups_test_2.json", 8, 0),
        ("timelinejs/houston.json", 18, 0),
        ("timelinejs/houston-v2.json", 18, 0),
    ] {
        let (d, r) = open(&fixture(name));
        assert_eq!(d.events.len(), slides + eras, "{name}");
        assert!(r.dropped.is_empty(), "{name}: {:?}", r.dropped);
        let era = d
            .events
            .iter()
            .filter(|e| e.tags.iter().any(|t| &**t == "era"))
            .count();
        assert_eq!(era, eras, "{name}");
        for e in &d.events {
            let t = d.text(&e.title);
            assert!(
                !t.contains('<') && !t.contains("&amp;"),
                "{name}: HTML left in {t:?}"
            );
            // Summaries keep only what the sample itself escaped to be shown as text.
            let s = d.text(&e.summary);
            assert!(
                !s.contains("<p>") || s.contains("<blockquote>"),
                "{name}: {s:?}"
            );
        }
        round_trip(&fixture(name), &[]);
    }
}

#[test]
fn timelinejs_dates_headlines_media_groups_and_ids() {
    let (d, _) = open(&fixture("timelinejs/houston.json"));
    assert_eq!(d.title, "Whitney Houston\n1963 - 2012".replace('\n', " "));
    assert_eq!(when(&d, 0), "1963-08-09");
    assert_eq!(titles(&d)[0], "A Musical Heritage");
    // Media are sources, with the caption as title.
    let e = &d.events[0];
    assert!(!e.sources.is_empty());
    let (g, _) = open(&fixture("timelinejs/groups_test_2.json"));
    // Groups are lanes (actors) and tags; unique_id is the id.
    assert!(!g.actors.is_empty());
    assert!(
        g.events
            .iter()
            .all(|e| e.actors.len() == 1 && e.tags.len() == 1)
    );
    assert!(
        g.events.iter().any(|e| e.id == "youtube-video"),
        "{:?}",
        g.events.iter().map(|e| &e.id).collect::<Vec<_>>()
    );
    // Empty strings in date parts are absent: years stay years.
    assert_eq!(when(&g, 0), "1851");
}

#[test]
fn timelinejs_edge_cases_string_parts_eras_deep_time_and_no_start() {
    let json = r#"{
      "title": {"text": {"headline": "Deep <i>time</i>", "text": "<p>From the <a href='https://example.org/bang'>start</a>.</p>"}},
      "eras": [{"start_date": {"year": "-13800000000"}, "end_date": {"year": "-4600000000"}, "text": {"headline": "Before the Sun"}}],
      "events": [
        {"start_date": {"year": -13800000000}, "text": {"headline": "Big Bang", "text": "All of it &amp; more<br>then less"}},
        {"start_date": {"year": "2012", "month": "11", "day": "13", "hour": "", "minute": ""}, "end_date": {"year": "2012", "month": "11", "day": "13"}, "text": {"headline": "Same day end"}, "unique_id": "The Call", "display_date": "a Tuesday"},
        {"start_date": {"year": "2012", "month": "11", "day": "13"}, "text": {"headline": "Same id"}, "unique_id": "The Call"},
        {"text": {"headline": "No date"}},
        {"start_date": {"year": "1963", "month": "8"}, "text": {"headline": "<b>never closed"}, "group": "Music"}
      ]}"#;
    let (_dir, path) = file("deep.json", json.as_bytes());
    let (d, r) = open(&path);
    assert_eq!(d.title, "Deep time");
    assert_eq!(d.description.as_deref(), Some("From the start."));
    assert_eq!(r.dropped.len(), 1);
    assert!(
        r.dropped[0].0 == "events[3]" && r.dropped[0].1.contains("no date"),
        "{:?}",
        r.dropped
    );
    let by = |t: &str| d.events.iter().find(|e| d.text(&e.title) == t).unwrap();
    assert_eq!(by("Big Bang").when.to_string(), "Y-13800000000");
    assert_eq!(by("Big Bang").when.short(), "13.8 billion years ago");
    assert_eq!(
        d.text(&by("Big Bang").summary),
        "All of it & more\nthen less"
    );
    assert_eq!(
        by("Before the Sun").when.to_string(),
        "Y-13800000000/Y-4600000000"
    );
    // An end equal to the start is a point; ids are slugged and made unique.
    assert_eq!(by("Same day end").when.to_string(), "2012-11-13");
    assert_eq!(by("Same day end").id, "the-call");
    assert_eq!(by("Same id").id, "the-call-2");
    assert_eq!(
        d.text(&by("Same day end").notes[0]),
        "Shown in TimelineJS as: a Tuesday"
    );
    assert_eq!(by("never closed").when.to_string(), "1963-08");
    // Events sort in order over deep time.
    assert_eq!(d.events[0].id, "before-the-sun");
    round_trip(&path, &[]);
}

#[test]
fn the_timelinejs_sheet_template_as_csv() {
    let csv = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
,,,,,,,,,My timeline,<p>About it</p>,,,,,title,,\n\
2012,11,13,9:30 PM,,,,,,The call,<b>Putin</b> and Obama,https://www.reuters.com/x,Reuters,A report,,,Diplomacy,\n\
2011,12,,,2012,9,,,,The wave,,,,,,era,,#ccc\n\
,,,,,,,,,No year,text,,,,,,,\n";
    let (_dir, path) = file("sheet.csv", csv.as_bytes());
    let (d, r) = open(&path);
    assert_eq!(
        d.imported.as_ref().unwrap().format,
        Format::TimelineJsSheet.name()
    );
    assert_eq!(d.title, "My timeline");
    assert_eq!(titles(&d), ["The wave", "The call"]);
    assert_eq!(when(&d, 1), "2012-11-13T21:30:00");
    assert_eq!(when(&d, 0), "2011-12/2012-09");
    assert!(d.events[0].tags.iter().any(|t| &**t == "era"));
    assert_eq!(d.text(&d.events[1].summary), "Putin and Obama");
    assert_eq!(d.sources[0].publisher, "Reuters");
    assert_eq!(r.dropped.len(), 1, "{:?}", r.dropped);
    round_trip(&path, &[]);
}

// ---------------------------------------------------------------------------------------------
// Timesketch and plaso

#[test]
fn timesketch_and_plaso_samples_keep_times_tags_and_every_other_column() {
    for name in [
        "timesketch/csv_datetime_last_column.csv",
        "timesketch/validate_time_precision.csv",
        "timesketch/validate_time_precision_jsonl.jsonl",
        "plaso/dynamic_event_filter.log",
    ] {
        let (d, r) = open(&fixture(name));
        assert!(r.dropped.is_empty(), "{name}: {:?}", r.dropped);
        assert!(
            d.events.iter().all(|e| e.when.to_string().contains('T')),
            "{name}: a time of day is kept"
        );
        round_trip(&fixture(name), &[]);
    }
    let (d, _) = open(&fixture("timesketch/validate_time_precision.csv"));
    let e = d
        .events
        .iter()
        .find(|e| e.id == "precision-in-timestamp")
        .unwrap();
    assert_eq!(e.when.to_string(), "2015-07-24T19:01:01Z");
    assert_eq!(&*e.tags[0], "Write time");
    let attrs: Vec<(String, String)> = e
        .attributes
        .pairs(&d.store)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_owned()))
        .collect();
    assert_eq!(
        attrs,
        [
            ("timestamp".to_string(), "1331698658276340".to_string()),
            ("data_type".into(), "timestamptest2".into())
        ]
    );
    let (p, _) = open(&fixture("plaso/dynamic_event_filter.log"));
    assert_eq!(p.events.len(), 4);
    assert!(
        p.events
            .iter()
            .any(|e| e.tags.iter().any(|t| &**t == "repeated"))
    );
    assert!(
        p.events[0]
            .attributes
            .pairs(&p.store)
            .iter()
            .any(|(k, v)| *k == "parser" && v == "text/syslog_traditional")
    );
}

#[test]
fn timesketch_reads_a_datetime_without_an_offset_as_utc_as_timesketch_does() {
    let csv = "message,datetime,timestamp_desc\n\
               logged in,2012-11-13 04:19:02,Last Login Time\n\
               in Moscow,2012-11-13T07:00:00+04:00,Last Login Time\n";
    let (_dir, path) = file("t.csv", csv.as_bytes());
    let (d, r) = open(&path);
    let whens: Vec<String> = (0..2).map(|i| when(&d, i)).collect();
    // 07:00 in Moscow (+04:00) is 03:00 UTC: first.
    assert_eq!(whens, ["2012-11-13T07:00:00+04:00", "2012-11-13T04:19:02Z"]);
    assert!(
        r.transformed
            .iter()
            .any(|(what, n)| what.contains("read as UTC") && *n == 1),
        "{:?}",
        r.transformed
    );
}

#[test]
fn plaso_l2tcsv_reads_month_first_dates_and_its_time_zone() {
    let csv = "date,time,timezone,MACB,source,sourcetype,type,user,host,short,desc,version,filename,inode,notes,format,extra\n\
11/18/2014,08:30:20,UTC,M...,LOG,Log File,Content Modification Time,-,myhost,kernel message,kernel message in full,2,/var/log/syslog,12,-,syslog,-\n\
13/18/2014,08:30:20,UTC,M...,LOG,Log File,x,-,h,bad date,-,2,-,-,-,-,-\n";
    let (_dir, path) = file("l2t.csv", csv.as_bytes());
    let (d, r) = open(&path);
    assert_eq!(d.events.len(), 1);
    assert_eq!(when(&d, 0), "2014-11-18T08:30:20Z");
    assert_eq!(r.dropped.len(), 1);
    assert!(r.dropped[0].0 == "line 3", "{:?}", r.dropped);
}

// ---------------------------------------------------------------------------------------------
// Any table

#[test]
fn a_spreadsheet_with_plain_column_names_needs_no_map() {
    let csv = "\u{feff}Date;Headline;Who;Link;Type\n\
2012-11-13;The call;Putin | Obama;https://example.org/call;diplomacy\n\
2012-11;The month;PUTIN;;\n\
1353000000;Epoch seconds;Poutine;;\n";
    let (_dir, path) = file("sheet.csv", csv.as_bytes());
    let options = Options {
        aliases: vec![("Putin".into(), "Poutine".into())],
        ..Options::default()
    };
    let (d, r) = open_with(&path, &options).unwrap();
    assert!(r.dropped.is_empty(), "{:?}", r.dropped);
    assert_eq!(
        d.actors.len(),
        2,
        "Putin, PUTIN and Poutine are one actor: {:?}",
        d.actors
    );
    assert_eq!(titles(&d), ["The month", "The call", "Epoch seconds"]);
    assert_eq!(when(&d, 2), "2012-11-15T17:20:00Z");
    assert_eq!(d.sources[0].publisher, "example.org");
}

#[test]
fn a_one_line_map_names_the_columns_and_its_mistakes_are_said() {
    let csv = "Quand,Quoi,Qui,Org,Lien,Fin\n\
2012-09-12,Note on USAID,Ryabkov,MFA,https://x.example/a,\n\
2011-12-05,The wave,,Opposition,,2012-09\n";
    let (_dir, path) = file("mine.csv", csv.as_bytes());
    // Without a map: the columns are not plain names.
    annals()
        .arg("list")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no column gives the when"))
        .stderr(predicate::str::contains("--map"));
    let map = "when=Quand,title=Quoi,actors=Qui+Org,url=Lien,end=Fin";
    let out = listed(&path, &["--map", map]);
    assert!(
        out.contains("note-on-usaid") && out.contains("the-wave"),
        "{out}"
    );
    let options = Options {
        map: Some(Map::parse(map).unwrap()),
        ..Options::default()
    };
    let (d, _) = open_with(&path, &options).unwrap();
    assert_eq!(when(&d, 0), "2011-12-05/2012-09");
    assert_eq!(d.events[1].actors.len(), 2);
    round_trip(&path, &["--map", map]);
    let out = annals()
        .arg("list")
        .arg(&path)
        .args(["--map", "when=Date,title=Quoi"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("--map names the column `Date`, which the file does not have"),
        "{err}"
    );
    // The file is named once, and the columns it has are listed.
    let name = path.file_name().unwrap().to_str().unwrap();
    assert_eq!(err.matches(name).count(), 1, "{err}");
    assert!(err.contains("its columns are Quand"), "{err}");
    annals()
        .arg("list")
        .arg(&path)
        .args(["--map", "wen=Quand"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `wen`"));
}

#[test]
fn day_first_or_month_first_comes_from_the_data_or_from_the_person() {
    let csv = "date,title\n24/07/2015,One\n03/04/2012,Two\n";
    let (_dir, path) = file("d.csv", csv.as_bytes());
    let (d, _) = open(&path);
    assert_eq!(when(&d, 0), "2012-04-03", "24/07 says day first");
    let ambiguous = "date,title\n03/04/2012,Two\n";
    let (_dir2, path) = file("a.csv", ambiguous.as_bytes());
    let err = open_with(&path, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("--day-first or --month-first"), "{err}");
    let options = Options {
        order: Some(DateOrder::MonthFirst),
        ..Options::default()
    };
    assert_eq!(
        when(&open_with(&path, &options).unwrap().0, 0),
        "2012-03-04"
    );
    let mixed = "date,title\n24/07/2015,A\n07/24/2015,B\n";
    let (_dir3, path) = file("m.csv", mixed.as_bytes());
    assert!(
        open_with(&path, &Options::default())
            .unwrap_err()
            .to_string()
            .contains("mix day-first")
    );
}

#[test]
fn tabs_quotes_and_line_breaks_in_fields() {
    let tsv = "when\ttitle\tsummary\n2012\t\"A \"\"quoted\"\" title\"\t\"two\nlines\"\n";
    let (_dir, path) = file("t.tsv", tsv.as_bytes());
    let (d, _) = open(&path);
    assert_eq!(titles(&d), ["A \"quoted\" title"]);
    assert_eq!(d.text(&d.events[0].summary), "two\nlines");
    let jsonl = "{\"date\": \"2012-11-13\", \"title\": \"Call\", \"score\": 3}\n{\"date\": \"2012-11-14\", \"title\": \"Later\", \"extra\": true}\n";
    let (_dir2, path) = file("t.jsonl", jsonl.as_bytes());
    let (d, _) = open(&path);
    assert_eq!(d.events.len(), 2);
    assert!(
        d.events[0]
            .attributes
            .pairs(&d.store)
            .iter()
            .any(|(k, v)| *k == "score" && v == "3")
    );
    assert!(
        d.events[1]
            .attributes
            .pairs(&d.store)
            .iter()
            .any(|(k, _)| *k == "extra")
    );
}

// ---------------------------------------------------------------------------------------------
// Bad input: every problem located, nothing guessed, no panic.

#[test]
fn hostile_tables_are_reported_row_by_row() {
    let big = "x".repeat(10 << 20);
    let csv = format!(
        "date,title,summary\n\
2012-01-01,Good,\n\
2012-13-01,Bad date,\n\
2012-01-02,,empty title\n\
2012-01-03\n\
2012-01-04,\u{feff}BOM inside,\n\
2012-01-05,Big cell,{big}\n\
2012-01-06,<b>never closed,\n\
2012-01-07,\"Quote never closed,\n\
2012-01-08,Swallowed by it,\n"
    );
    let (_dir, path) = file("h.csv", csv.as_bytes());
    let (d, r) = open(&path);
    assert_eq!(titles(&d).len(), 4, "{:?}", titles(&d));
    let why: Vec<(&str, &str)> = r
        .dropped
        .iter()
        .map(|(a, w)| (a.as_str(), w.as_str()))
        .collect();
    assert_eq!(why.len(), 4, "{why:?}");
    assert_eq!(why[0].0, "line 3");
    assert!(why[0].1.contains("no date"));
    assert_eq!(why[1].0, "line 4");
    assert!(why[1].1.contains("no title"));
    assert_eq!(why[2].0, "line 5");
    assert!(
        why[2].1.contains("it has 1 field where the header has 3"),
        "{}",
        why[2].1
    );
    assert_eq!(why[3].0, "line 9");
    assert!(
        why[3]
            .1
            .contains("quoted field opens here and is never closed")
    );
    // The browser's footer and validate both say so.
    annals()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("4 records could not be read"))
        .stderr(predicate::str::contains("line 4: it has no title"));
}

#[test]
fn invalid_utf8_is_located_and_an_unreadable_file_is_an_error() {
    let (_dir, path) = file("bad.csv", b"date,title\n2012,ok\n2013,caf\xe9\n");
    let err = open_with(&path, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains(":3:9: not UTF-8"), "{err}");
    let (_dir2, path) = file("none.csv", b"date,title\nnot a date,x\n");
    let err = open_with(&path, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no event could be read") && err.contains("line 2"),
        "{err}"
    );
    let (_dir3, path) = file("odd.json", br#"{"name": "x", "version": 1}"#);
    annals()
        .arg("list")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not know this format"))
        .stderr(predicate::str::contains("fields name, version"))
        .stderr(predicate::str::contains("TimelineJS3 JSON"));
    // Named with --input-format, a file is read as that format whatever it looks like.
    let (_dir4, path) = file("notes.txt", b"when,title\n2012,x\n");
    annals()
        .arg("list")
        .arg(&path)
        .args(["--input-format", "timesketch"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "needs the columns message, datetime, timestamp_desc",
        ));
}

#[test]
fn a_file_that_is_not_annals_1_is_read_only_in_the_browser() {
    let (mut app, _) = {
        let (d, r) = open(&fixture("timelinejs/houston.json"));
        (common_app(d), r)
    };
    let effects = annals::tui::update::on_key(
        &mut app,
        annals::tui::keymap::KeyPress {
            code: ratatui::crossterm::event::KeyCode::Char('e'),
            ctrl: false,
        },
    );
    assert!(effects.is_empty());
    assert!(
        app.status
            .unwrap()
            .contains("read-only: `annals import FILE -o copy.json`, then edit the copy")
    );
}

fn common_app(d: Dataset) -> annals::tui::app::App {
    let mut app = annals::tui::app::App::new(d, 120, 40);
    app.origin = annals::tui::app::Origin::File("x".into());
    app
}

#[test]
fn the_browser_shows_what_list_shows_and_times_where_events_share_a_day() {
    let path = fixture("timesketch/csv_datetime_last_column.csv");
    let (d, _) = open(&path);
    let app = common_app(d);
    let shown: Vec<&str> = app
        .shown
        .iter()
        .map(|&i| app.data.event(i).id.as_str())
        .collect();
    let listed = listed(&path, &[]);
    let from_list: Vec<&str> = listed
        .lines()
        .skip(1)
        .map(|l| {
            l.split_whitespace()
                .find(|w| w.contains("foobar") || w.contains("barfoo"))
                .unwrap()
        })
        .collect();
    assert_eq!(shown, from_list);
    // Several events on 27 Jul 2018: the list shows their times.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    t.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("27 Jul 10:58:07  193408 foobar true"),
        "{screen}"
    );
    assert!(
        screen.contains("27 Jul 12:24:50  619300 barfoo false"),
        "{screen}"
    );
}

//! `annals validate` reports every problem at once (README, docs/data-format.md): values of the
//! wrong type, unknown and missing fields, and the usual checks (references, dates, ids) on
//! what could be read, each naming its record and field and led by its line and column; exit
//! status 1 if any. Expected positions are measured in the text written, not written down.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn annals() -> Command {
    Command::cargo_bin("annals").unwrap()
}

/// Writes `text` to a file in `dir`.
fn dataset(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The line and column (from 1, in bytes) where `needle` begins in `text`, moved on by `skip`
/// bytes (past a key, to its value); `needle` must be there once.
fn at(text: &str, needle: &str, skip: usize) -> (usize, usize) {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} once in the text"
    );
    let offset = text.find(needle).unwrap() + skip;
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let column = 1 + offset - before.rfind('\n').map_or(0, |i| i + 1);
    (line, column)
}

/// What `annals validate` says: exit status, standard output, standard error.
fn validate(path: &Path) -> (Option<i32>, String, String) {
    let out = annals().arg("validate").arg(path).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The report's problem lines (indented under its first line).
fn problem_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("  ")).collect()
}

/// The line of the report about `record`'s `field` (`record` empty: the dataset's own); it must
/// be there once, led by `at`.
#[track_caller]
fn line_about<'s>(stderr: &'s str, record: &str, field: &str, at: (usize, usize)) -> &'s str {
    let about = if record.is_empty() {
        format!("field `{field}`: ")
    } else {
        format!("{record}, field `{field}`: ")
    };
    // Each line is "  LINE:COLUMN: what".
    let lines: Vec<&str> = problem_lines(stderr)
        .into_iter()
        .filter(|l| {
            l.trim_start()
                .split_once(": ")
                .is_some_and(|(_, rest)| rest.starts_with(&about))
        })
        .collect();
    assert_eq!(lines.len(), 1, "one line about {about:?} in:\n{stderr}");
    let want = format!("  {}:{}: {about}", at.0, at.1);
    assert!(
        lines[0].starts_with(&want),
        "{:?} should begin {want:?}",
        lines[0]
    );
    lines[0]
}

const TWO_BAD_EVENTS: &str = r#"{
  "format": "annals/1",
  "title": "Wrong types",
  "actors": [
    {"id": "putin", "name": "Vladimir Putin"},
    {"id": "obama", "name": "Barack Obama"}
  ],
  "sources": [
    {"id": "afp", "publisher": "AFP", "title": "[Dispatch]"}
  ],
  "events": [
    {
      "id": "call",
      "when": "2012-11-13",
      "title": 42,
      "actors": ["putin", "obama", 7],
      "sources": ["afp"]
    },
    {
      "id": "rally",
      "when": 2012,
      "title": "Rally",
      "actors": ["putin"],
      "sources": ["afp"]
    },
    {
      "id": "summit",
      "when": "2013-09-05",
      "title": "Summit",
      "actors": ["obama", "navalny"],
      "sources": ["afp"]
    }
  ]
}
"#;

#[test]
fn three_wrong_types_and_a_dangling_reference_are_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    let path = dataset(dir.path(), "types.json", TWO_BAD_EVENTS);
    let (code, stdout, stderr) = validate(&path);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout, "");
    let text = TWO_BAD_EVENTS;
    assert!(
        stderr.starts_with(&format!(
            "annals: {}: 4 problems in the dataset:\n",
            path.display()
        )),
        "{stderr}"
    );
    assert_eq!(problem_lines(&stderr).len(), 4, "{stderr}");
    // Each wrong value at the value itself, said with what it is and what it must be.
    let title = line_about(
        &stderr,
        "event `call`",
        "title",
        at(text, r#""title": 42"#, 9),
    );
    assert!(
        title.ends_with("is the number 42; it must be a string"),
        "{title}"
    );
    let actor = line_about(&stderr, "event `call`", "actors[2]", at(text, r#"7],"#, 0));
    assert!(actor.contains("the number 7"), "{actor}");
    let when = line_about(
        &stderr,
        "event `rally`",
        "when",
        at(text, r#""when": 2012,"#, 8),
    );
    assert!(when.contains("it must be a string"), "{when}");
    // The usual checks still ran, on the events that could be read, at the field's key.
    let dangling = line_about(
        &stderr,
        "event `summit`",
        "actors",
        at(text, r#""actors": ["obama", "navalny"]"#, 0),
    );
    assert!(dangling.ends_with("unknown actor `navalny`"), "{dangling}");
}

#[test]
fn the_rest_of_an_event_with_a_wrong_value_is_still_checked() {
    let text = r#"{"format": "annals/1", "title": "T", "actors": [], "sources": {},
"events": [
 {"id": "a", "when": "2012-02-30", "title": "A", "actors": "putin", "quotes": [{"by": "x", "text": 5, "source": "s"}]},
 {"id": 9, "when": "2012", "title": "B", "sources": ["s"]},
 {"id": "a", "when": "2012", "title": "C", "wen": "2012"}
]}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dataset(dir.path(), "partly.json", text);
    let (code, _, stderr) = validate(&path);
    assert_eq!(code, Some(1), "{stderr}");
    // `sources` is not a list: said once; the references to sources are then not checked.
    line_about(&stderr, "", "sources", at(text, "{},", 0));
    assert!(!stderr.contains("unknown source"), "{stderr}");
    line_about(&stderr, "event `a`", "actors", at(text, r#""putin""#, 0));
    line_about(&stderr, "event `a`", "quotes[0].text", at(text, "5,", 0));
    // Not "is required": the text is there, of the wrong type.
    assert_eq!(stderr.matches("quotes[0].text").count(), 1, "{stderr}");
    // The fields that could be read are checked as always.
    let date = line_about(
        &stderr,
        "event `a`",
        "when",
        at(text, r#""when": "2012-02-30""#, 0),
    );
    assert!(date.contains("not a date on the calendar"), "{date}");
    // (A quote's problems are located at the event's `quotes`.)
    line_about(
        &stderr,
        "event `a`",
        "quotes[0].by",
        at(text, r#""quotes""#, 0),
    );
    // An id that cannot be read: the event is named by its position.
    line_about(&stderr, "event #2 (events[1])", "id", at(text, "9,", 0));
    // An unknown field, and the duplicate id found by the usual checks.
    let wen = line_about(&stderr, "event `a`", "wen", at(text, r#""wen""#, 0));
    assert!(wen.contains("unknown field"), "{wen}");
    assert!(stderr.contains("field `id`: duplicate id"), "{stderr}");
    assert!(stderr.contains(&format!(
        "{} problems in the dataset",
        problem_lines(&stderr).len()
    )));
}

#[test]
fn a_valid_file_still_passes() {
    let dir = tempfile::tempdir().unwrap();
    let fixed = TWO_BAD_EVENTS
        .replace(r#""title": 42"#, r#""title": "Call""#)
        .replace(r#""obama", 7]"#, r#""obama"]"#)
        .replace(r#""when": 2012,"#, r#""when": "2012","#)
        .replace(r#""obama", "navalny""#, r#""obama""#);
    let path = dataset(dir.path(), "fixed.json", &fixed);
    let (code, stdout, stderr) = validate(&path);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "{}: valid annals/1 dataset: 3 events, 2 actors, 1 sources\n",
            path.display()
        )
    );
    assert_eq!(stderr, "");
}

#[test]
fn json_that_is_not_json_is_one_error_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    // A wrong type first, then a syntax error: the syntax error is what is said.
    let text = "{\"format\": \"annals/1\", \"title\": 5,\n\"actors\": [], \"sources\": [],\n\"events\": [}\n";
    let path = dataset(dir.path(), "syntax.json", text);
    let (code, _, stderr) = validate(&path);
    assert_eq!(code, Some(1));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let (line, column) = at(text, "}\n", 0);
    assert!(
        stderr.starts_with(&format!(
            "annals: {}:{line}:{column}: JSON syntax error: ",
            path.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_long_report_is_cut_and_counts_the_rest() {
    let shown = annals::load::PROBLEMS_SHOWN;
    let n = shown + 1204;
    let events: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "e{i}", "when": "2012", "title": {i}}}"#))
        .collect();
    let text = format!(
        "{{\"format\": \"annals/1\", \"title\": \"T\", \"actors\": [], \"sources\": [],\n\"events\": [\n{}\n]}}",
        events.join(",\n")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dataset(dir.path(), "many.json", &text);
    let (code, _, stderr) = validate(&path);
    assert_eq!(code, Some(1));
    let lines = problem_lines(&stderr);
    assert_eq!(lines.len(), shown + 1, "{stderr:.2000}");
    assert!(stderr.contains(&format!(
        "{} problems in the dataset:",
        annals::load::thousands(n)
    )));
    assert_eq!(lines[shown], "  … and 1,204 more");
    // In the order of the file: the first event first, on the line after `events`.
    assert!(lines[0].starts_with("  3:"), "{}", lines[0]);
    line_about(
        &stderr,
        "event `e0`",
        "title",
        at(&text, "\"title\": 0}", 9),
    );
}

#[test]
fn the_browser_refuses_a_file_of_the_wrong_types_with_every_problem_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dataset(dir.path(), "types.json", TWO_BAD_EVENTS);
    let out = annals().arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("4 problems in the dataset"), "{stderr}");
    line_about(
        &stderr,
        "event `rally`",
        "when",
        at(TWO_BAD_EVENTS, r#""when": 2012,"#, 8),
    );
    // The library gives the same problems, each located, to the browser's footer.
    let Err(annals::load::LoadError::Invalid { problems, .. }) = annals::load::from_path(&path)
    else {
        panic!("the file should not load");
    };
    assert_eq!(problems.len(), 4);
    assert!(problems.iter().all(|p| p.at.is_some()), "{problems:?}");
}

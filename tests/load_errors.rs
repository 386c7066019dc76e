//! The loader on a corpus of bad files: one file per fault, each with the exact message it
//! must give (file, line and column, or record id and field). `annals validate` prints the
//! same text; see tests/cli.rs.

use std::path::Path;

use annals::load::{self, LoadError};

fn message(file: &str) -> String {
    let path = Path::new("tests/bad").join(file);
    match load::from_path(&path) {
        Ok(_) => panic!("{file} loaded, but it is broken"),
        Err(e) => e.to_string(),
    }
}

#[track_caller]
fn expect(file: &str, want: &str) {
    assert_eq!(
        message(file),
        want.replace("{dir}", "tests/bad"),
        "for {file}"
    );
}

#[test]
fn json_syntax_errors_name_line_and_column() {
    expect(
        "syntax-missing-comma.json",
        "{dir}/syntax-missing-comma.json:5:20: JSON syntax error: expected `,` or `}`",
    );
    expect(
        "truncated.json",
        "{dir}/truncated.json:5:18: unexpected end of file: EOF while parsing a value",
    );
}

#[test]
fn values_of_the_wrong_shape_are_problems_with_the_others() {
    // Each at the value (or the unknown key); the fields the dataset lacks at its end.
    expect(
        "wrong-type.json",
        "{dir}/wrong-type.json: 3 problems in the dataset:\n  \
         5:69: event `call`, field `actors`: is the string \"putin\"; it must be a list of \
         actor ids\n  \
         7:1: field `actors`: is missing: an annals/1 dataset has `format`, `title`, `actors`, \
         `sources` and `events`\n  \
         7:1: field `sources`: is missing: an annals/1 dataset has `format`, `title`, \
         `actors`, `sources` and `events`",
    );
    // The misspelt `when` is also missing, as the usual checks say.
    expect(
        "unknown-field.json",
        "{dir}/unknown-field.json: 4 problems in the dataset:\n  \
         5:5: event `call`, field `when`: is required, and missing or empty\n  \
         5:20: event `call`, field `wen`: unknown field; an event has `id`, `when`, `title`, \
         `summary`, `actors`, `tags`, `quotes`, `sources`, `notes` and `attributes`\n  \
         7:1: field `actors`: is missing: an annals/1 dataset has `format`, `title`, `actors`, \
         `sources` and `events`\n  \
         7:1: field `sources`: is missing: an annals/1 dataset has `format`, `title`, \
         `actors`, `sources` and `events`",
    );
}

#[test]
fn semantic_problems_name_the_record_and_field() {
    let cases = [
        (
            "wrong-format.json",
            "2:3: field `format`: is \"annals/2\"; annals reads \"annals/1\"",
        ),
        (
            "duplicate-event-id.json",
            "8:6: event `call`, field `id`: duplicate id: position 2 at line 8 column 6 repeats position 1 at \
             line 7 column 6",
        ),
        (
            "unknown-actor.json",
            "7:53: event `call`, field `actors`: unknown actor `obama`",
        ),
        (
            "unknown-source.json",
            "7:72: event `call`, field `sources`: unknown source `reuters`",
        ),
        (
            "unparsable-date.json",
            "7:18: event `call`, field `when`: cannot parse \"13/11/2012\" as a date; use EDTF such \
             as 2012, 2012-03, 2012-11-13, 2012-11-13T19:41Z, 2000-05-07/2008-05-07, \
             2011-12-05/.., 2012-09-08? or 2012-09~",
        ),
        (
            "impossible-date.json",
            "7:18: event `call`, field `when`: \"2012-02-30\" is not a date on the calendar (month or \
             day out of range)",
        ),
        (
            "interval-backwards.json",
            "7:18: event `term`, field `when`: \"2008-05-07/2000-05-07\": the interval ends before it \
             starts",
        ),
        (
            "empty-title.json",
            "7:38: event `call`, field `title`: is required, and missing or empty",
        ),
        (
            "bad-id.json",
            "7:6: event `Call Event`, field `id`: \"Call Event\" may hold only lowercase letters, \
             digits, '.', '_' and '-'",
        ),
    ];
    // Each led by the line and column of its field's key.
    for (file, problem) in cases {
        expect(
            file,
            &format!("{{dir}}/{file}: 1 problem in the dataset:\n  {problem}"),
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    expect(
        "dangling-quote.json",
        "{dir}/dangling-quote.json: 2 problems in the dataset:\n  \
         7:53: event `call`, field `quotes[0].by`: unknown actor `peskov`\n  \
         7:53: event `call`, field `quotes[0].source`: unknown source `tass`",
    );
    expect(
        "many-problems.json",
        "{dir}/many-problems.json: 5 problems in the dataset:\n  \
         7:15: event `a`, field `when`: \"2012-21\": seasons are not supported; give a year, month or day\n  \
         8:25: event `b`, field `title`: is required, and missing or empty\n  \
         8:15: event `b`, field `when`: is required, and missing or empty\n  \
         8:36: event `b`, field `actors`: actor `putin` is listed twice\n  \
         8:63: event `b`, field `sources`: unknown source `nope`",
    );
}

#[test]
fn a_missing_file_is_named() {
    let err = load::from_path(Path::new("tests/bad/no-such-file.json")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert_eq!(
        err.to_string(),
        "tests/bad/no-such-file.json: cannot read the file: No such file or directory (os error 2)"
    );
}

#[test]
fn problems_are_counted_in_the_error_value() {
    match load::from_path(Path::new("tests/bad/many-problems.json")) {
        Err(LoadError::Invalid { problems, .. }) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(fields, ["when", "title", "when", "actors", "sources"]);
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn problems_know_their_line_and_column() {
    let Err(LoadError::Invalid { problems, .. }) =
        load::from_path(Path::new("tests/bad/many-problems.json"))
    else {
        panic!("expected problems");
    };
    let at: Vec<Option<(usize, usize)>> = problems.iter().map(|p| p.at).collect();
    // Each at its field's key: `when` of event a, then `title`, `when`, `actors`, `sources`
    // of event b.
    assert_eq!(
        at,
        [
            Some((7, 15)),
            Some((8, 25)),
            Some((8, 15)),
            Some((8, 36)),
            Some((8, 63))
        ]
    );
    assert_eq!(
        problems[1].located(),
        "8:25: event `b`, field `title`: is required, and missing or empty"
    );
}

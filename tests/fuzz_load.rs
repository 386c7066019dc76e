//! Structured fuzzing of the loader and the importers: valid datasets (the built-in one, the
//! export fixture, a CSV table, TimelineJS, Timesketch JSON Lines, GDELT rows) are mutated the
//! way files go wrong (fields removed or retyped, ids duplicated, references broken, dates
//! garbled, hostile, overlong and lone-surrogate text, deep nesting, huge strings, unknown
//! fields, keys reordered; then the bytes truncated, cut or spliced) and loaded through the
//! public API (`load::from_str`, and `load::open` as `annals FILE` reads a file).
//!
//! Whatever comes in: no panic; every error is located (a JSON error has a line and column
//! from 1 within the text; a dataset problem names its record and field, and its line and
//! column when known; an import error names its line, row, column, field or header; a file
//! nobody recognises says what it looked like); every row an importer leaves out says where
//! it was; and whatever loads stays valid, identical, after a JSON round trip (export as
//! annals JSON, load again, export again: the same text).
//!
//! Bounded by default; `ANNALS_PROPTEST_CASES=N` runs N cases per test (about 100 by default),
//! `ANNALS_PROPTEST_SEED` sets the seed (a number or `random`; fixed by default).
//! The figures of a run are printed on standard error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use annals::export::{self, Format};
use annals::import::Options;
use annals::load::{self, LoadError, Reading};
use annals::model::Dataset;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Settings

fn cases(default: u32) -> u32 {
    std::env::var("ANNALS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: match std::env::var("ANNALS_PROPTEST_SEED").as_deref() {
            Ok("random") => RngSeed::Random,
            Ok(n) => RngSeed::Fixed(
                n.parse()
                    .expect("ANNALS_PROPTEST_SEED: a number or `random`"),
            ),
            Err(_) => RngSeed::Fixed(0x6c6f_6164),
        },
        // A failure is shrunk for at most this long before it is reported.
        max_shrink_time: 20_000,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile text

/// Text that has broken terminals, parsers and spreadsheets.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}]8;;http://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\",
    "\u{1b}P+q\u{1b}\\",
    "\u{0}",
    "\u{7}\u{8}\u{b}\u{c}",
    "\r",
    "\r\n",
    "\n\n\n",
    "\t",
    "\u{7f}",
    "\u{85}",
    "\u{9b}31m",
    "\u{90}",
    "\u{202e}gnp.exe",
    "\u{2066}\u{2069}\u{200f}",
    "\u{200b}\u{200d}\u{feff}",
    "e\u{301}\u{301}\u{301}\u{301}\u{301}",
    "\u{2028}\u{2029}",
    "\u{fffd}",
    "\u{10ffff}",
    "🙂👩‍👩‍👧",
    "字",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+1",
    "@SUM(A1)",
    "\"",
    "\\",
    ",",
    ";",
    "|",
    "<b>not closed",
    "&amp;&lt;",
    "{}",
    "[",
    "",
    " ",
];

/// A string node set to this becomes a lone surrogate escape once the JSON is written.
const SURROGATE: &str = "@@lone-surrogate@@";
/// A string node set to `NEST` `depth:arrays@@` becomes nested arrays (or objects) once written.
const NEST: &str = "@@nest:";

/// Dates of every kind of wrong (and a few right ones).
const DATES: &[&str] = &[
    "2012-13-01",
    "2012-02-30",
    "2012-00",
    "0000",
    "-0001",
    "2012-11-13T25:00Z",
    "2012-11-13T19:41+99:00",
    "2013/2012",
    "2012-11-13/2012-11-12",
    "..",
    "/",
    "../..",
    "2012-21",
    "Y-13800000000",
    "Y99999999999999999999",
    "2012??",
    "2012-09~?",
    "13/11/2012",
    "November 13, 2012",
    "",
    " 2012",
    "2012\u{0}",
    "２０１２",
    "2012-11-13T19:41:00.123456789Z",
    "9999-12-31",
    "-9999",
];

// ---------------------------------------------------------------------------------------------
// Paths in a JSON value

#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    At(usize),
}

fn walk(v: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(path.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                path.push(Seg::Key(k.clone()));
                walk(child, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                path.push(Seg::At(i));
                walk(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn paths(v: &Value) -> Vec<Vec<Seg>> {
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

fn node<'v>(v: &'v mut Value, path: &[Seg]) -> &'v mut Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::At(i) => &mut v[*i],
    })
}

fn last_key(path: &[Seg]) -> Option<&str> {
    path.iter().rev().find_map(|s| match s {
        Seg::Key(k) => Some(k.as_str()),
        Seg::At(_) => None,
    })
}

fn key_at(path: &[Seg], i: usize) -> Option<&str> {
    match path.get(i) {
        Some(Seg::Key(k)) => Some(k),
        _ => None,
    }
}

/// A path that names another record: an event's actor or source, a quote's speaker or source.
fn is_reference(path: &[Seg]) -> bool {
    match path {
        [Seg::Key(e), Seg::At(_), Seg::Key(f), Seg::At(_)] => {
            e == "events" && (f == "actors" || f == "sources")
        }
        [
            Seg::Key(e),
            Seg::At(_),
            Seg::Key(q),
            Seg::At(_),
            Seg::Key(f),
        ] => e == "events" && q == "quotes" && (f == "by" || f == "source"),
        _ => false,
    }
}

/// A record of a top-level array (an actor, a source, an event, a TimelineJS slide).
fn is_record(path: &[Seg]) -> bool {
    matches!(path, [Seg::Key(_), Seg::At(_)])
}

fn pick<'p>(all: &'p [Vec<Seg>], i: &Index, keep: impl Fn(&[Seg]) -> bool) -> Option<&'p [Seg]> {
    let chosen: Vec<&Vec<Seg>> = all.iter().filter(|p| keep(p)).collect();
    (!chosen.is_empty()).then(|| chosen[i.index(chosen.len())].as_slice())
}

// ---------------------------------------------------------------------------------------------
// Mutations

#[derive(Clone, Copy, Debug)]
enum Shape {
    Null,
    True,
    Zero,
    Negative,
    Fraction,
    Huge,
    Empty,
    EmptyArray,
    EmptyObject,
    Strings,
    Object,
}

impl Shape {
    fn value(self) -> Value {
        match self {
            Shape::Null => Value::Null,
            Shape::True => json!(true),
            Shape::Zero => json!(0),
            Shape::Negative => json!(-1),
            Shape::Fraction => json!(1.5),
            Shape::Huge => json!(u64::MAX),
            Shape::Empty => json!(""),
            Shape::EmptyArray => json!([]),
            Shape::EmptyObject => json!({}),
            Shape::Strings => json!(["a", "b"]),
            Shape::Object => json!({"id": "x", "title": "y"}),
        }
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    /// A field or an element goes.
    Remove(Index),
    /// A value becomes one of another type.
    Retype(Index, Shape),
    /// Hostile text inserted into a string.
    Hostile(Index, &'static str, Index),
    /// A string becomes a lone surrogate escape (`"\ud800"`).
    Surrogate(Index),
    /// A record takes another's id.
    DuplicateId(Index, Index),
    /// A record appears twice.
    CloneRecord(Index),
    /// A reference names nothing, or nothing sensible.
    BreakReference(Index, &'static str),
    /// A date (`when`, `date`, TimelineJS date parts) garbled.
    Date(Index, &'static str),
    /// A value becomes arrays or objects nested this deep.
    Nest(Index, usize, bool),
    /// A string becomes this many bytes long.
    Huge(Index, usize),
    /// An object gains a field the format does not know.
    Unknown(Index),
    /// The first key of an object goes last (events before actors, `id` after `when`…).
    Reorder(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let shape = prop::sample::select(vec![
        Shape::Null,
        Shape::True,
        Shape::Zero,
        Shape::Negative,
        Shape::Fraction,
        Shape::Huge,
        Shape::Empty,
        Shape::EmptyArray,
        Shape::EmptyObject,
        Shape::Strings,
        Shape::Object,
    ]);
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Remove),
        3 => (any::<Index>(), shape).prop_map(|(i, s)| Mutation::Retype(i, s)),
        4 => (any::<Index>(), prop::sample::select(HOSTILE), any::<Index>())
            .prop_map(|(i, h, at)| Mutation::Hostile(i, h, at)),
        1 => any::<Index>().prop_map(Mutation::Surrogate),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::DuplicateId(a, b)),
        1 => any::<Index>().prop_map(Mutation::CloneRecord),
        2 => (
            any::<Index>(),
            prop::sample::select(vec!["nobody", "", " ", "Putin", "putin ", "\u{1b}[2J", "a/b"])
        )
            .prop_map(|(i, r)| Mutation::BreakReference(i, r)),
        3 => (any::<Index>(), prop::sample::select(DATES)).prop_map(|(i, d)| Mutation::Date(i, d)),
        1 => (any::<Index>(), prop_oneof![1usize..200, Just(127), Just(128), Just(129), Just(5_000)], any::<bool>())
            .prop_map(|(i, d, a)| Mutation::Nest(i, d, a)),
        1 => (any::<Index>(), prop_oneof![9 => 1usize..100_000, 1 => Just(1 << 18)]).prop_map(|(i, n)| Mutation::Huge(i, n)),
        1 => any::<Index>().prop_map(Mutation::Unknown),
        1 => any::<Index>().prop_map(Mutation::Reorder),
    ]
}

fn is_string_at(doc: &Value, p: &[Seg]) -> bool {
    !p.is_empty()
        && p.iter()
            .try_fold(doc, |v, s| match s {
                Seg::Key(k) => v.get(k.as_str()),
                Seg::At(i) => v.get(*i),
            })
            .is_some_and(Value::is_string)
}

fn insert_text(doc: &mut Value, p: &[Seg], text: &str, at: &Index) {
    if let Value::String(s) = node(doc, p) {
        let chars: Vec<char> = s.chars().collect();
        let at = at.index(chars.len() + 1);
        let mut out: String = chars[..at].iter().collect();
        out.push_str(text);
        out.extend(&chars[at..]);
        *s = out;
    }
}

fn apply(doc: &mut Value, m: &Mutation) {
    let all = paths(doc);
    let strings: Vec<Vec<Seg>> = all
        .iter()
        .filter(|p| is_string_at(doc, p))
        .cloned()
        .collect();
    match m {
        Mutation::Remove(i) => {
            if let Some(p) = pick(&all, i, |p| !p.is_empty()) {
                let (last, parent) = p.split_last().unwrap();
                match (node(doc, parent), last) {
                    (Value::Object(o), Seg::Key(k)) => {
                        o.shift_remove(k);
                    }
                    (Value::Array(a), Seg::At(n)) => {
                        a.remove(*n);
                    }
                    _ => {}
                }
            }
        }
        Mutation::Retype(i, shape) => {
            if let Some(p) = pick(&all, i, |p| !p.is_empty()) {
                *node(doc, p) = shape.value();
            }
        }
        Mutation::Hostile(i, text, at) => {
            if let Some(p) = pick(&strings, i, |_| true) {
                insert_text(doc, p, text, at);
            }
        }
        Mutation::Surrogate(i) => {
            if let Some(p) = pick(&strings, i, |_| true) {
                *node(doc, p) = json!(SURROGATE);
            }
        }
        Mutation::DuplicateId(a, b) => {
            let ids: Vec<&Vec<Seg>> = all
                .iter()
                .filter(|p| p.len() == 3 && key_at(p, 2) == Some("id"))
                .collect();
            if ids.len() >= 2 {
                let from = ids[a.index(ids.len())].clone();
                let to = ids[b.index(ids.len())].clone();
                let id = node(doc, &from).clone();
                *node(doc, &to) = id;
            }
        }
        Mutation::CloneRecord(i) => {
            if let Some(p) = pick(&all, i, is_record) {
                let record = node(doc, p).clone();
                let (Seg::At(n), parent) = p.split_last().unwrap() else {
                    unreachable!()
                };
                if let Value::Array(a) = node(doc, parent) {
                    a.insert(*n, record);
                }
            }
        }
        Mutation::BreakReference(i, to) => {
            if let Some(p) = pick(&all, i, is_reference) {
                *node(doc, p) = json!(to);
            }
        }
        Mutation::Date(i, date) => {
            let dated = |p: &[Seg]| {
                matches!(
                    last_key(p),
                    Some(
                        "when"
                            | "date"
                            | "year"
                            | "month"
                            | "day"
                            | "start_date"
                            | "end_date"
                            | "startDate"
                            | "endDate"
                    )
                )
            };
            if let Some(p) = pick(&all, i, dated) {
                *node(doc, p) = json!(date);
            }
        }
        Mutation::Nest(i, depth, arrays) => {
            // Written as text by `write_json`: a deep `Value` would overflow this test's stack.
            if let Some(p) = pick(&all, i, |_| true) {
                *node(doc, p) = json!(format!("{NEST}{depth}:{arrays}@@"));
            }
        }
        Mutation::Huge(i, n) => {
            if let Some(p) = pick(&strings, i, |_| true) {
                let unit = "Ж1 \u{1b}";
                *node(doc, p) = json!(unit.repeat(n / unit.len() + 1));
            }
        }
        Mutation::Unknown(i) => {
            if let Some(p) = pick(&all, i, |_| true)
                && let Value::Object(o) = node(doc, p)
            {
                o.insert("zzz_unknown".into(), json!(1));
            }
        }
        Mutation::Reorder(i) => {
            if let Some(p) = pick(&all, i, |_| true)
                && let Value::Object(o) = node(doc, p)
                && let Some(k) = o.keys().next().cloned()
            {
                let v = o.shift_remove(&k).unwrap();
                o.insert(k, v);
            }
        }
    }
}

/// What happens to the bytes once written.
#[derive(Clone, Debug)]
enum Cut {
    None,
    /// Only the first part is kept.
    Truncate(Index),
    /// Bytes spliced in (invalid UTF-8, overlong encodings, a BOM, NUL…).
    Insert(Index, Vec<u8>),
    /// A stretch goes.
    Delete(Index, Index),
    /// One byte changes.
    Flip(Index, u8),
}

fn cut() -> impl Strategy<Value = Cut> {
    let bytes = prop_oneof![
        prop::sample::select(vec![
            b"\xc0\xaf".to_vec(),     // overlong '/'
            b"\xe0\x80\xaf".to_vec(), // overlong, three bytes
            b"\xf8\x88\x80\x80\x80".to_vec(),
            b"\xed\xa0\x80".to_vec(), // a surrogate encoded as UTF-8
            b"\xff".to_vec(),
            b"\x80".to_vec(),
            b"\xef\xbb\xbf".to_vec(), // BOM
            b"\x00".to_vec(),
            b"\"".to_vec(),
            b",".to_vec(),
            b"}".to_vec(),
            b"]".to_vec(),
            b"\n".to_vec(),
            b"\t".to_vec(),
            b"\\u".to_vec(),
            b"\\ud800".to_vec(),
        ]),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        6 => Just(Cut::None),
        2 => any::<Index>().prop_map(Cut::Truncate),
        2 => (any::<Index>(), bytes).prop_map(|(i, b)| Cut::Insert(i, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Cut::Delete(a, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Cut::Flip(i, b)),
    ]
}

fn apply_cut(mut bytes: Vec<u8>, c: &Cut) -> Vec<u8> {
    match c {
        Cut::None => {}
        Cut::Truncate(i) => bytes.truncate(i.index(bytes.len() + 1)),
        Cut::Insert(i, b) => {
            let at = i.index(bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Cut::Delete(a, b) => {
            let n = bytes.len() + 1;
            let (a, b) = (a.index(n), b.index(n));
            let (a, b) = (a.min(b), a.max(b).min(a.min(b) + 4096));
            bytes.drain(a..b);
        }
        Cut::Flip(i, b) => {
            if !bytes.is_empty() {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
        }
    }
    bytes
}

fn write_json(doc: &Value, pretty: bool) -> Vec<u8> {
    let mut text = if pretty {
        serde_json::to_string_pretty(doc).unwrap()
    } else {
        serde_json::to_string(doc).unwrap()
    };
    text = text.replace(&format!("\"{SURROGATE}\""), "\"\\ud800\"");
    let mut from = 0;
    while let Some(found) = text[from..].find(&format!("\"{NEST}")) {
        let at = from + found;
        from = at + 1;
        // A marker that a later mutation changed is left as the string it is.
        let rest = &text[at + 1 + NEST.len()..];
        let Some(end) = rest.find("@@\"") else {
            continue;
        };
        let Some((Ok(depth), arrays)) = rest[..end]
            .split_once(':')
            .map(|(d, a)| (d.parse::<usize>(), a == "true"))
        else {
            continue;
        };
        let nested = if arrays {
            format!("{}\"deep\"{}", "[".repeat(depth), "]".repeat(depth))
        } else {
            format!("{}\"deep\"{}", "{\"a\":".repeat(depth), "}".repeat(depth))
        };
        let stop = at + 1 + NEST.len() + end + 3;
        text.replace_range(at..stop, &nested);
    }
    text.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// What must hold

fn stamp() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_353_000_000, 0).unwrap()
}

/// Whether an error says where the problem is.
fn located(e: &LoadError, bytes: &[u8]) -> Result<(), String> {
    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
    let empty_name = |m: &str| {
        // "unknown source ` `", "``": a name that names nothing.
        let mut parts = m.split('`');
        parts.next();
        let mut inside = true;
        for p in parts {
            if inside && p.trim().is_empty() {
                return true;
            }
            inside = !inside;
        }
        false
    };
    match e {
        LoadError::Json {
            line,
            column,
            message,
            ..
        } => {
            if *line < 1 || *column < 1 {
                return Err(format!("line {line} column {column}: {e}"));
            }
            if *line > lines {
                return Err(format!("line {line} of a text of {lines} lines: {e}"));
            }
            if message.trim().is_empty() {
                return Err(format!("no message: {e}"));
            }
            Ok(())
        }
        LoadError::Invalid { problems, .. } => {
            if problems.is_empty() {
                return Err(format!("invalid with no problem: {e}"));
            }
            for p in problems {
                if p.field.trim().is_empty() || p.message.trim().is_empty() {
                    return Err(format!("problem without a field or message: {p:?}"));
                }
                if let Some((l, c)) = p.at
                    && (l < 1 || c < 1 || l > lines)
                {
                    return Err(format!("problem at {l}:{c} in {lines} lines: {p:?}"));
                }
                if empty_name(&p.message) {
                    return Err(format!("a name that names nothing: {}", p.located()));
                }
            }
            Ok(())
        }
        LoadError::Import { message, .. } => {
            let words = [
                "line", "column", "field", "header", "row", "record", "event", "file", "slide",
                "title", "date", "key",
            ];
            if words.iter().any(|w| message.contains(w)) {
                Ok(())
            } else {
                Err(format!("import error that says not where: {e}"))
            }
        }
        LoadError::Unrecognised { looked_like, .. } if !looked_like.trim().is_empty() => Ok(()),
        other => Err(format!("unexpected error: {other}")),
    }
}

/// Exports as annals JSON, loads that and exports again: it loads, the same, and the two
/// exports are the same text.
fn round_trip(d: &Dataset) -> Result<(), String> {
    let all = d.all_events();
    let json = export::render(Format::Json, d, &all, stamp())
        .map_err(|e| format!("a dataset that loaded does not export: {e}"))?;
    let back = load::from_str(&json, "round trip")
        .map_err(|e| format!("its JSON export does not load: {e}\n{}", clip(&json)))?;
    if back.events.len() != d.events.len() {
        return Err(format!(
            "{} events, {} after the round trip",
            d.events.len(),
            back.events.len()
        ));
    }
    for (a, b) in d.events.iter().zip(&back.events) {
        if a.id != b.id
            || d.text(&a.title) != back.text(&b.title)
            || d.text(&a.summary) != back.text(&b.summary)
            || a.when.to_string() != b.when.to_string()
        {
            return Err(format!("event `{}` changed in the round trip", a.id));
        }
    }
    let again = export::render(Format::Json, &back, &back.all_events(), stamp())
        .map_err(|e| format!("the round trip does not export: {e}"))?;
    if again != json {
        return Err("the second export differs from the first".into());
    }
    Ok(())
}

fn clip(s: &str) -> String {
    s.chars().take(600).collect()
}

/// Loads the bytes as `annals FILE` does and judges the outcome; `annals/1` text is also
/// loaded by `from_str`, which must say the same.
fn judge(
    bytes: &[u8],
    file: &Path,
    options: &Options,
    tally: &mut BTreeMap<String, usize>,
) -> Result<(), TestCaseError> {
    std::fs::write(file, bytes).unwrap();
    let opened = load::open(file, options, Reading::Auto, &mut |_| {
        std::ops::ControlFlow::Continue(())
    });
    if options.format.is_none()
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        let name = file.display().to_string();
        let direct = load::from_str(text, &name);
        let same = match (&opened, &direct) {
            (Ok(_), Ok(_)) => true,
            (Err(a), Err(b)) => a.to_string() == b.to_string(),
            _ => false,
        };
        if !same {
            return Err(TestCaseError::fail(format!(
                "open and from_str disagree: {:?} / {:?}",
                opened.as_ref().map(|_| ()).map_err(|e| e.to_string()),
                direct.as_ref().map(|_| ()).map_err(|e| e.to_string())
            )));
        }
    }
    match opened {
        Ok((d, report)) => {
            *tally.entry("loaded".into()).or_default() += 1;
            for (at, why) in &report.dropped {
                if at.trim().is_empty() || !at.chars().any(|c| c.is_ascii_digit()) {
                    return Err(TestCaseError::fail(format!(
                        "a row left out without saying where: {at:?}: {why}"
                    )));
                }
            }
            round_trip(&d).map_err(TestCaseError::fail)
        }
        Err(e) => {
            let kind = match &e {
                LoadError::Json { kind, .. } => format!("json: {kind}"),
                LoadError::Invalid { .. } => "invalid".into(),
                LoadError::Import { .. } => "import".into(),
                LoadError::Unrecognised { .. } => "unrecognised".into(),
                LoadError::Io { .. } => "io".into(),
                LoadError::Cancelled { .. } => "cancelled".into(),
            };
            *tally.entry(kind).or_default() += 1;
            located(&e, bytes).map_err(TestCaseError::fail)
        }
    }
}

fn report(
    name: &str,
    cases: u32,
    started: Instant,
    tally: &BTreeMap<String, usize>,
    seed: &RngSeed,
) {
    eprintln!(
        "fuzz_load {name}: {cases} cases in {:.1} s (seed {seed}); outcomes {tally:?}",
        started.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------------------------------------
// The valid starting points

fn builtin_doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::from_str(load::BUILTIN_JSON).unwrap())
}

fn fixture_doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        serde_json::from_str(&std::fs::read_to_string("tests/export/fixture.json").unwrap())
            .unwrap()
    })
}

fn timelinejs_doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let text = std::fs::read_to_string("tests/fixtures/timelinejs/houston.json").unwrap();
        serde_json::from_str(&text).unwrap()
    })
}

const CSV: &str = "date,title,summary,actors,tags,url,end,Score,Place\n\
2012-11-13,The call,Putin called Obama,Putin | Obama,diplomacy,https://example.org/a,,3.5,Moscow\n\
2012-11,The month,\"A summary, with a comma\",Putin,,,2012-12,-1,\"Washington, DC\"\n\
2012-09-19,USAID leaves,\"Line one\nline two\",USAID,aid;ngo,https://example.org/b,,,\n\
1353000000,Epoch seconds,,,,,,0,\n";

fn jsonl() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        std::fs::read_to_string("tests/fixtures/timesketch/validate_time_precision_jsonl.jsonl")
            .unwrap()
    })
}

fn gdelt() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let all = std::fs::read_to_string("tests/fixtures/gdelt/sample.export.CSV").unwrap();
        all.lines().take(6).map(|l| format!("{l}\n")).collect()
    })
}

fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case");
    (dir, path)
}

// ---------------------------------------------------------------------------------------------
// The hunts

/// Options that name the format (as `--input-format` does) in about a third of the cases, so
/// that a file mutated past recognition still reaches its reader.
fn options(forced: Option<annals::import::Format>, force: bool) -> Options {
    Options {
        format: forced.filter(|_| force),
        ..Options::default()
    }
}

fn force() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.35)
}

/// Mutates a JSON document, writes it (pretty or compact), then maybe cuts the bytes.
fn json_hunt(
    name: &str,
    doc: &'static Value,
    ext: &str,
    forced: Option<annals::import::Format>,
    cases: u32,
    max_mutations: usize,
) {
    let started = Instant::now();
    let (_dir, path) = scratch();
    let path = path.with_extension(ext);
    let tally = std::cell::RefCell::new(BTreeMap::new());
    let mut runner = TestRunner::new(config(cases));
    let strategy = (
        prop::collection::vec(mutation(), 1..=max_mutations),
        any::<bool>(),
        cut(),
        force(),
    );
    let result = runner.run(&strategy, |(mutations, pretty, c, force)| {
        let mut d = doc.clone();
        for m in &mutations {
            apply(&mut d, m);
        }
        let bytes = apply_cut(write_json(&d, pretty), &c);
        judge(
            &bytes,
            &path,
            &options(forced, force),
            &mut tally.borrow_mut(),
        )
    });
    report(
        name,
        cases,
        started,
        &tally.borrow(),
        &runner.config().rng_seed,
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Text-level mutations of a table (lines, cells, quotes, delimiters) and then the bytes.
#[derive(Clone, Debug)]
enum Edit {
    /// Hostile text into the text at a place.
    Insert(Index, &'static str),
    /// A line repeated.
    DuplicateLine(Index),
    /// A line goes (the header too).
    DropLine(Index),
    /// A cell goes from a line (the row gets short).
    DropCell(Index, Index),
    /// A cell becomes a garbled date.
    Date(Index, Index, &'static str),
    /// A cell this many bytes long.
    Huge(Index, Index, usize),
    /// A line gains cells.
    ExtraCells(Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<Index>(), prop::sample::select(HOSTILE)).prop_map(|(i, h)| Edit::Insert(i, h)),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        2 => any::<Index>().prop_map(Edit::DropLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(l, c)| Edit::DropCell(l, c)),
        3 => (any::<Index>(), any::<Index>(), prop::sample::select(DATES))
            .prop_map(|(l, c, d)| Edit::Date(l, c, d)),
        1 => (any::<Index>(), any::<Index>(), prop_oneof![9 => 1usize..10_000, 1 => Just(1 << 18)])
            .prop_map(|(l, c, n)| Edit::Huge(l, c, n)),
        1 => (any::<Index>(), 1usize..70).prop_map(|(l, n)| Edit::ExtraCells(l, n)),
    ]
}

fn delimiter_of(text: &str) -> char {
    let head = text.lines().next().unwrap_or("");
    if head.contains('\t') { '\t' } else { ',' }
}

fn apply_edit(text: &str, e: &Edit) -> String {
    let d = delimiter_of(text);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let n = lines.len();
    let cell_edit = |line: &mut String, c: &Index, f: &dyn Fn(&mut Vec<String>, usize)| {
        let mut cells: Vec<String> = line.split(d).map(str::to_string).collect();
        let at = c.index(cells.len());
        f(&mut cells, at);
        *line = cells.join(&d.to_string());
    };
    match e {
        Edit::Insert(i, h) => {
            let chars: Vec<char> = text.chars().collect();
            let at = i.index(chars.len() + 1);
            let mut out: String = chars[..at].iter().collect();
            out.push_str(h);
            out.extend(&chars[at..]);
            return out;
        }
        Edit::DuplicateLine(i) => {
            let l = lines[i.index(n)].clone();
            lines.insert(i.index(n), l);
        }
        Edit::DropLine(i) => {
            lines.remove(i.index(n));
        }
        Edit::DropCell(l, c) => cell_edit(&mut lines[l.index(n)], c, &|cells, at| {
            cells.remove(at);
        }),
        Edit::Date(l, c, date) => cell_edit(&mut lines[l.index(n)], c, &|cells, at| {
            cells[at] = date.to_string();
        }),
        Edit::Huge(l, c, size) => cell_edit(&mut lines[l.index(n)], c, &|cells, at| {
            cells[at] = "x".repeat(*size);
        }),
        Edit::ExtraCells(l, k) => {
            let line = &mut lines[l.index(n)];
            for i in 0..*k {
                line.push(d);
                line.push_str(&i.to_string());
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn table_hunt(
    name: &str,
    text: &'static str,
    ext: &str,
    forced: annals::import::Format,
    cases: u32,
) {
    let started = Instant::now();
    let (_dir, path) = scratch();
    let path = path.with_extension(ext);
    let tally = std::cell::RefCell::new(BTreeMap::new());
    let mut runner = TestRunner::new(config(cases));
    let strategy = (prop::collection::vec(edit(), 1..=4), cut(), force());
    let result = runner.run(&strategy, |(edits, c, force)| {
        let mut t = text.to_string();
        for e in &edits {
            t = apply_edit(&t, e);
        }
        let bytes = apply_cut(t.into_bytes(), &c);
        judge(
            &bytes,
            &path,
            &options(Some(forced), force),
            &mut tally.borrow_mut(),
        )
    });
    report(
        name,
        cases,
        started,
        &tally.borrow(),
        &runner.config().rng_seed,
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

#[test]
fn the_builtin_dataset_mutated() {
    json_hunt(
        "built-in",
        builtin_doc(),
        "json",
        Some(annals::import::Format::Annals),
        cases(64),
        3,
    );
}

#[test]
fn the_export_fixture_mutated() {
    json_hunt(
        "export fixture",
        fixture_doc(),
        "json",
        Some(annals::import::Format::Annals),
        cases(160),
        4,
    );
}

#[test]
fn a_timelinejs_file_mutated() {
    json_hunt(
        "TimelineJS",
        timelinejs_doc(),
        "json",
        Some(annals::import::Format::TimelineJs),
        cases(120),
        3,
    );
}

#[test]
fn a_csv_table_mutated() {
    table_hunt("CSV", CSV, "csv", annals::import::Format::Csv, cases(160));
}

#[test]
fn timesketch_json_lines_mutated() {
    table_hunt(
        "Timesketch JSONL",
        jsonl(),
        "jsonl",
        annals::import::Format::Timesketch,
        cases(120),
    );
}

#[test]
fn gdelt_rows_mutated() {
    table_hunt(
        "GDELT",
        gdelt(),
        "CSV",
        annals::import::Format::Gdelt,
        cases(100),
    );
}

/// Valid datasets whose every string field holds hostile text load, and stay the same
/// through a JSON round trip.
#[test]
fn hostile_text_in_every_field_survives_a_round_trip() {
    let started = Instant::now();
    let (_dir, path) = scratch();
    let path = path.with_extension("json");
    let tally = std::cell::RefCell::new(BTreeMap::new());
    let mut runner = TestRunner::new(config(cases(48)));
    // Strings that may hold anything: not ids, references, dates, kinds or the format.
    let free = |p: &[Seg]| {
        !matches!(
            last_key(p),
            Some(
                "id" | "by"
                    | "source"
                    | "when"
                    | "date"
                    | "format"
                    | "kind"
                    | "actors"
                    | "sources"
                    | "lang"
                    | "language"
            )
        )
    };
    let strategy = prop::collection::vec(
        (
            any::<Index>(),
            prop::sample::select(HOSTILE),
            any::<Index>(),
        ),
        1..12,
    );
    let result = runner.run(&strategy, |inserts| {
        let mut d = fixture_doc().clone();
        for (i, h, at) in &inserts {
            let all = paths(&d);
            if let Some(p) = pick(&all, i, |p| free(p) && is_string_at(&d, p)) {
                let p = p.to_vec();
                insert_text(&mut d, &p, h, at);
            }
        }
        let bytes = write_json(&d, true);
        let text = std::str::from_utf8(&bytes).unwrap();
        match load::from_str(text, "hostile") {
            // Blank titles, names and quotes are refused, as they must be; anything else loads.
            Err(LoadError::Invalid { problems, .. })
                if problems
                    .iter()
                    .all(|p| p.message.contains("empty") || p.message.contains("missing")) =>
            {
                *tally
                    .borrow_mut()
                    .entry("refused: empty".to_string())
                    .or_default() += 1;
                Ok(())
            }
            Err(e) if matches!(&e, LoadError::Invalid { .. } | LoadError::Json { .. }) => {
                // A hostile id or reference (the filter above keeps them out) would land here.
                Err(TestCaseError::fail(format!("hostile text refused: {e}")))
            }
            Err(e) => Err(TestCaseError::fail(format!("{e}"))),
            Ok(_) => judge(&bytes, &path, &Options::default(), &mut tally.borrow_mut()),
        }
    });
    report(
        "hostile round trip",
        runner.config().cases,
        started,
        &tally.borrow(),
        &runner.config().rng_seed,
    );
    if let Err(e) = result {
        panic!("hostile round trip: {e}");
    }
}

/// The extremes, once each: very deep nesting everywhere, huge strings, empty and blank files.
#[test]
fn deep_nesting_huge_strings_and_nothing_at_all() {
    let (_dir, path) = scratch();
    let path = path.with_extension("json");
    let mut tally = BTreeMap::new();
    let mut check = |what: &str, bytes: Vec<u8>| {
        judge(&bytes, &path, &Options::default(), &mut tally)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
    };
    for depth in [100_000usize, 1_000_000] {
        check(&format!("[ nested {depth}"), "[".repeat(depth).into_bytes());
        check(
            &format!("{{ nested {depth}"),
            "{\"a\":".repeat(depth).into_bytes(),
        );
        let mut doc = fixture_doc().clone();
        doc["events"][0]["attributes"] = json!({"x": "@@deep@@"});
        let text = serde_json::to_string(&doc).unwrap().replace(
            "\"@@deep@@\"",
            &format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
        );
        check(&format!("deep attribute {depth}"), text.into_bytes());
    }
    let huge = "Ж".repeat(4 << 20);
    for field in ["title", "summary"] {
        let mut doc = fixture_doc().clone();
        doc["events"][0][field] = json!(huge);
        check(&format!("huge {field}"), write_json(&doc, false));
    }
    let mut doc = fixture_doc().clone();
    doc["events"][0]["id"] = json!("a".repeat(1 << 20));
    check("huge id", write_json(&doc, false));
    for text in [
        "",
        " ",
        "\n\n\n",
        "\u{feff}",
        "\u{feff}  \n",
        "null",
        "0",
        "\"\"",
        "[]",
        "{}",
    ] {
        check(&format!("{text:?}"), text.as_bytes().to_vec());
    }
    eprintln!("fuzz_load extremes: {tally:?}");
}

/// The format of a file is recognised from its first 64 KiB: a valid dataset bigger than that,
/// cut there in the middle of a string (one that starts with a two-byte character, or whose
/// opening quote is the head's last byte), still loads. (This panicked once.)
#[test]
fn a_dataset_cut_by_the_recognition_head_anywhere_still_loads() {
    let (_dir, path) = scratch();
    let path = path.with_extension("json");
    let mut tally = BTreeMap::new();
    let events: Vec<Value> = (0..700)
        .map(|i| json!({"id": format!("e{i}"), "when": "2012", "title": "Путин ".repeat(10)}))
        .collect();
    // The padding moves every string across byte 65,536 in turn.
    for pad in 0..24 {
        let doc = json!({
            "format": "annals/1",
            "title": "T",
            "description": "x".repeat(pad),
            "actors": [],
            "sources": [],
            "events": events,
        });
        for pretty in [false, true] {
            let bytes = write_json(&doc, pretty);
            assert!(bytes.len() > 70_000);
            judge(&bytes, &path, &Options::default(), &mut tally)
                .unwrap_or_else(|e| panic!("padding {pad}: {e}"));
        }
    }
    assert_eq!(tally.get("loaded"), Some(&48), "{tally:?}");
}

/// A table's `date` and `end` columns make an interval; whatever their precisions (a time of
/// day at either end), what loads must stay valid through a JSON round trip: `annals import`
/// must never write a file `annals validate` refuses.
#[test]
fn an_imported_interval_of_any_precision_survives_a_round_trip() {
    let (_dir, path) = scratch();
    let path = path.with_extension("csv");
    let ends = [
        "2012",
        "2012-12",
        "2012-12-01",
        "2012-12-01T10:00:00Z",
        "2012-12-01T10:00:00+03:00",
        "2012-12-01T10:00:00",
    ];
    let mut failed = Vec::new();
    let mut tally = BTreeMap::new();
    for start in [
        "2012-11-13",
        "2012-11",
        "2012-11-13T19:41:00Z",
        "2012-11-13T19:41:00.5Z",
        "1353000000",
    ] {
        for end in ends {
            let csv = format!("date,title,end\n{start},x,{end}\n");
            if let Err(e) = judge(csv.as_bytes(), &path, &Options::default(), &mut tally) {
                failed.push(format!("{start} to {end}: {e}"));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} intervals:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

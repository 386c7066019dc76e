//! CSV (RFC 4180, through the csv crate, CRLF line ends): one row per event. `start` and
//! `end` are the first and last days the date can mean (ISO 8601), `precision` says how
//! finely it is known.
//!
//! A cell a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return: `=HYPERLINK("http://evil.example","x")`) is written with a `'` before
//! it, as OWASP recommends against CSV injection; `Style::raw` writes the bytes as they are.
//! JSON exports are never changed.

use crate::model::{Dataset, End, Point, Precision, Qualifier, When};
use crate::text::sanitize;

pub const HEADER: [&str; 10] = [
    "id",
    "start",
    "end",
    "precision",
    "title",
    "actors",
    "tags",
    "sources",
    "summary",
    "attributes",
];

fn precision_word(p: &Point) -> String {
    let word = match p.precision {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
        Precision::Time => "time",
    };
    let qualifier = match p.qualifier {
        Qualifier::Certain => "",
        Qualifier::Uncertain => " (uncertain)",
        Qualifier::Approximate => " (approximate)",
        Qualifier::UncertainApproximate => " (uncertain, approximate)",
    };
    format!("{word}{qualifier}")
}

fn end_word(e: &End) -> String {
    match e {
        End::Point(p) => precision_word(p),
        End::Open => "open".to_string(),
        End::Unknown => "unknown".to_string(),
    }
}

/// The first moment as ISO 8601: a day, or the date and time as written for a time.
fn start_text(p: &Point) -> String {
    match p.precision {
        Precision::Time => When::Point(Point {
            qualifier: Qualifier::Certain,
            ..*p
        })
        .to_string(),
        _ => p.first_day.format("%Y-%m-%d").to_string(),
    }
}

/// How the CSV is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Cells as they are, formulas and all (`--csv-raw`).
    pub raw: bool,
    /// A byte order mark first, for spreadsheets that need it to read UTF-8 (`--bom`).
    pub bom: bool,
}

/// A cell as a spreadsheet will not run it.
fn neutral(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

pub fn render(data: &Dataset) -> String {
    render_with(data, Style::default())
}

pub fn render_with(data: &Dataset, style: Style) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let row_error = "a CSV row of strings into memory";
    w.write_record(HEADER).expect(row_error);
    for e in &data.events {
        let (start, precision) = match &e.when {
            When::Point(p) => (start_text(p), precision_word(p)),
            When::Interval { start, end } => (
                e.when.start().map(start_text).unwrap_or_default(),
                format!("{}/{}", end_word(start), end_word(end)),
            ),
        };
        let end = match e.when.end_bound() {
            Some(End::Open | End::Unknown) => String::new(),
            _ => e.when.last_day().format("%Y-%m-%d").to_string(),
        };
        let join = |items: Vec<String>| items.join("; ");
        let record = [
            sanitize(&e.id).into_owned(),
            start,
            end,
            precision,
            sanitize(data.text(&e.title)).into_owned(),
            join(
                e.actors
                    .iter()
                    .map(|&a| sanitize(&data.actor(a).name).into_owned())
                    .collect(),
            ),
            join(e.tags.iter().map(|t| sanitize(t).into_owned()).collect()),
            join(
                e.sources
                    .iter()
                    .map(|&s| sanitize(&data.source(s).citation()).into_owned())
                    .collect(),
            ),
            sanitize(data.text(&e.summary)).into_owned(),
            join(
                e.attributes
                    .pairs(&data.store)
                    .iter()
                    .map(|(k, v)| sanitize(&format!("{k}={v}")).into_owned())
                    .collect(),
            ),
        ];
        if style.raw {
            w.write_record(record).expect(row_error);
        } else {
            w.write_record(record.map(neutral)).expect(row_error);
        }
    }
    let bytes = w.into_inner().expect("a CSV writer into memory flushes");
    let text = String::from_utf8(bytes).expect("CSV of UTF-8 text");
    if style.bom {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_the_rest_left_alone() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "'=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Putin = president", "Putin = president"),
            ("", ""),
        ] {
            assert_eq!(neutral(cell.to_string()), written);
        }
    }
}

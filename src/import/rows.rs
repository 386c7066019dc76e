//! Rows of a table file — CSV or TSV (RFC 4180 through the `csv` crate: quoting, line breaks
//! in fields, a byte order mark, `,` `;` or tab found from the header line) or JSON Lines (one
//! object a line) — handed to a format's mapper as named fields, with the line each started
//! on, progress told and a cancel heard every few thousand rows.

use std::borrow::Cow;
use std::ops::ControlFlow;

use super::builder::{Builder, NewAttributes};
use crate::load::{Hook, LoadError, Progress};

/// One row: its fields by name, in order (borrowed from the reader's buffer).
pub struct Record<'a> {
    pub names: &'a [String],
    pub values: Vec<&'a str>,
    /// The row as written, with its delimiter, when it comes from a CSV/TSV file.
    pub raw: Option<(&'a str, u8)>,
}

impl<'a> Record<'a> {
    /// The value of the field with this name (as written, or "" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.index(name)
            .and_then(|i| self.values.get(i))
            .copied()
            .unwrap_or("")
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Every field but those named, as attributes: the row itself when there is one (its
    /// values read from it when shown), else the fields with a value. `dash_is_blank` when
    /// `-` means nothing.
    pub fn rest(&self, used: &[&str], dash_is_blank: bool) -> NewAttributes<'a> {
        match self.raw {
            Some((raw, delimiter)) => NewAttributes::Row {
                raw,
                names: self.names,
                kept: self
                    .names
                    .iter()
                    .map(|n| !used.contains(&n.as_str()))
                    .collect(),
                delimiter,
                dash_is_blank,
            },
            None => NewAttributes::Listed(
                self.others(used)
                    .into_iter()
                    .filter(|(_, v)| !(dash_is_blank && v.trim() == "-"))
                    .collect(),
            ),
        }
    }

    /// Every field but those named, with a value.
    pub fn others(&self, used: &[&str]) -> Vec<(Cow<'a, str>, Cow<'a, str>)> {
        self.names
            .iter()
            .zip(&self.values)
            .filter(|(n, v)| !used.contains(&n.as_str()) && !v.trim().is_empty())
            .map(|(n, v)| (Cow::Borrowed(n.as_str()), Cow::Borrowed(*v)))
            .collect()
    }
}

/// What a format does with a table's rows.
pub trait Mapper {
    /// Looks at the field names once; an error says what is missing.
    fn header(&mut self, names: &[String], b: &mut Builder) -> Result<(), String>;
    /// One row; `at` is where it is ("line 12").
    fn row(&mut self, r: &Record, at: &dyn Fn() -> String, b: &mut Builder);
}

/// The delimiter of a CSV file, from its first line: the most frequent of `,` `;` tab.
pub fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|&d| (first.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

/// How many rows go by between two reports of progress.
const EVERY: usize = 4096;

/// Reads a CSV/TSV text row by row into `mapper`.
pub fn csv(
    text: &str,
    name: &str,
    mapper: &mut dyn Mapper,
    b: &mut Builder,
    hook: &mut Hook<'_>,
) -> Result<(), LoadError> {
    csv_from(text, name, mapper, b, hook, &|_| {})
}

/// `csv`, telling `release` how far the reader has got (to give back a mapped file's pages).
pub fn csv_from(
    text: &str,
    name: &str,
    mapper: &mut dyn Mapper,
    b: &mut Builder,
    hook: &mut Hook<'_>,
    release: &dyn Fn(usize),
) -> Result<(), LoadError> {
    let fail = |message: String| LoadError::Import {
        path: name.to_string(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let delimiter = delimiter(text);
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| fail(format!("cannot read the header line: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    mapper.header(&names, b).map_err(fail)?;
    let mut record = csv::ByteRecord::new();
    let mut n = 0usize;
    loop {
        let line = reader.position().line() + 1;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // A bad row (invalid UTF-8 is caught before): said, and passed over.
                b.report.read += 1;
                b.report.drop(format!("line {line}"), &e.to_string());
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let raw = text
            .get(start..reader.position().byte() as usize)
            .unwrap_or("");
        // The text was checked to be UTF-8 as a whole; a field is a piece of it with quotes
        // taken out, which simdutf8 checks again at memory speed.
        let Ok(values) = record
            .iter()
            .map(simdutf8::basic::from_utf8)
            .collect::<Result<Vec<&str>, _>>()
        else {
            b.report.read += 1;
            b.report
                .drop(format!("line {line}"), "it is not UTF-8 text");
            continue;
        };
        if values.len() != names.len() && values.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank line
        }
        let r = Record {
            names: &names,
            values: in_place(raw, values),
            raw: Some((raw, delimiter)),
        };
        if record.len() < names.len() {
            b.report.read += 1;
            let why = if raw.bytes().filter(|&c| c == b'"').count() % 2 == 1 {
                // A quote that never closes takes the rest of the file into one field.
                "a quoted field opens here and is never closed".to_string()
            } else {
                format!(
                    "it has {} where the header has {}",
                    crate::text::plural(record.len(), "field"),
                    names.len()
                )
            };
            b.report.drop(format!("line {line}"), &why);
            continue;
        }
        mapper.row(&r, &|| format!("line {line}"), b);
        n += 1;
        if n.is_multiple_of(EVERY) {
            release(reader.position().byte() as usize);
        }
        if n.is_multiple_of(EVERY)
            && hook(Progress {
                bytes: reader.position().byte(),
                total: text.len() as u64,
                events: b.kept(),
            })
            .is_break()
        {
            return Err(LoadError::Cancelled {
                path: name.to_string(),
            });
        }
    }
    let _ = hook(Progress {
        bytes: text.len() as u64,
        total: text.len() as u64,
        events: b.kept(),
    });
    Ok(())
}

/// The fields of a row as slices of `raw`, the row as written, where they stand in it as
/// they are (unquoted, or quoted without doubled quotes: most fields), so that they are kept
/// as places in the file rather than copied; the others as read. A slice is only taken where
/// its bytes are the field's, so the values are the same either way.
fn in_place<'a>(raw: &'a str, values: Vec<&'a str>) -> Vec<&'a str> {
    let bytes = raw.as_bytes();
    let mut at = 0;
    let mut aligned = true;
    values
        .into_iter()
        .map(|v| {
            if !aligned {
                return v;
            }
            let quoted = bytes.get(at) == Some(&b'"');
            let from = at + usize::from(quoted);
            let to = from + v.len();
            match raw.get(from..to) {
                Some(s) if s == v && (!quoted || bytes.get(to) == Some(&b'"')) => {
                    // Past the closing quote, if any, and the delimiter.
                    at = to + usize::from(quoted) + 1;
                    s
                }
                _ => {
                    aligned = false;
                    v
                }
            }
        })
        .collect()
}

/// Reads a JSON Lines text, one object a line, into `mapper` (the field names are the first
/// object's keys, and each later key as it comes).
pub fn jsonl(
    text: &str,
    name: &str,
    mapper: &mut dyn Mapper,
    b: &mut Builder,
    hook: &mut Hook<'_>,
) -> Result<(), LoadError> {
    let mut names: Vec<String> = Vec::new();
    let mut started = false;
    let mut at = 0usize;
    for (i, line) in text.lines().enumerate() {
        at += line.len() + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let number = i + 1;
        let object: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(line) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(_) => {
                b.report.read += 1;
                b.report
                    .drop(format!("line {number}"), "it is not a JSON object");
                continue;
            }
            Err(e) => {
                b.report.read += 1;
                b.report
                    .drop(format!("line {number}"), &format!("not JSON: {e}"));
                continue;
            }
        };
        for k in object.keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
        if !started {
            mapper
                .header(&names, b)
                .map_err(|message| LoadError::Import {
                    path: name.to_string(),
                    message,
                })?;
            started = true;
        }
        let owned: Vec<String> = names
            .iter()
            .map(|n| match object.get(n) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            })
            .collect();
        let r = Record {
            names: &names,
            values: owned.iter().map(String::as_str).collect(),
            raw: None,
        };
        mapper.row(&r, &|| format!("line {number}"), b);
        if number.is_multiple_of(EVERY)
            && hook(Progress {
                bytes: at as u64,
                total: text.len() as u64,
                events: b.kept(),
            }) == ControlFlow::Break(())
        {
            return Err(LoadError::Cancelled {
                path: name.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_found_from_the_header() {
        assert_eq!(delimiter("a,b,c\n1;2"), b',');
        assert_eq!(delimiter("a;b;c"), b';');
        assert_eq!(delimiter("a\tb\tc"), b'\t');
        assert_eq!(delimiter("only"), b',');
    }

    #[test]
    fn fields_are_taken_from_the_row_where_they_stand_as_they_are() {
        let raw = "a,\"b, c\",\"say \"\"hi\"\"\",d\r\n";
        let read = vec!["a", "b, c", "say \"hi\"", "d"];
        let owned: Vec<String> = read.iter().map(|s| s.to_string()).collect();
        let values = in_place(raw, owned.iter().map(String::as_str).collect());
        assert_eq!(values, read);
        let inside = |s: &str| {
            let p = s.as_ptr() as usize - raw.as_ptr() as usize;
            p < raw.len()
        };
        // The first two stand in the row; the doubled quotes had to be read, and after them
        // the row is not followed any further.
        assert!(inside(values[0]) && inside(values[1]));
        assert!(!inside(values[2]) && !inside(values[3]));
    }
}

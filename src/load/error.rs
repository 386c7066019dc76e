//! Why a dataset could not be loaded: errors that stop a load (I/O, JSON syntax, cancel) and
//! the semantic problems validation collects, each naming its record and field.

use std::fmt;

use crate::text::plural;

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {kind}: {message}")]
    Json {
        path: String,
        line: usize,
        column: usize,
        kind: &'static str,
        message: String,
    },
    #[error("{}", invalid_text(.path, .problems))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
    #[error("{path}: loading was cancelled")]
    Cancelled { path: String },
    #[error(
        "{path}: annals does not know this format: it looks like {looked_like}. annals reads: \
         {}. Name the format with --input-format if it is one of them.",
        crate::import::Format::list()
    )]
    Unrecognised { path: String, looked_like: String },
    #[error("{path}: {message}")]
    Import { path: String, message: String },
}

/// How many problems a report lists; the others are counted.
pub const PROBLEMS_SHOWN: usize = 50;

/// The report: how many problems, then each led by its line and column (the first
/// `PROBLEMS_SHOWN`, and how many more).
fn invalid_text(path: &str, problems: &[Problem]) -> String {
    let n = problems.len();
    let mut s = format!(
        "{path}: {} in the dataset:",
        plural(super::thousands(n), "problem")
    );
    for p in problems.iter().take(PROBLEMS_SHOWN) {
        s.push_str(&format!("\n  {}", p.located()));
    }
    if n > PROBLEMS_SHOWN {
        s.push_str(&format!(
            "\n  … and {} more",
            super::thousands(n - PROBLEMS_SHOWN)
        ));
    }
    s
}

/// The kind of a `LoadError::Json` that is a value of the wrong type, or an unknown or a
/// missing field (not a syntax error).
pub(super) const INVALID: &str = "invalid dataset";

pub(super) fn json_error(e: serde_json::Error, path: &str) -> LoadError {
    use serde_json::error::Category;
    let kind = match e.classify() {
        Category::Syntax => "JSON syntax error",
        Category::Eof => "unexpected end of file",
        Category::Data => INVALID,
        Category::Io => "read error",
    };
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let mut message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    // serde_json's words for a `\uD800`-style escape that is half of a UTF-16 pair alone.
    if message.contains("hex escape") || message.contains("surrogate") {
        message = format!(
            "a \\u escape from \\uD800 to \\uDFFF is half of a pair (a \"lone surrogate\"), \
             not a character: write the character itself, or both halves \
             ({message})"
        );
    }
    LoadError::Json {
        path: path.to_string(),
        line: e.line().max(1),
        // serde_json says column 0 for the line break that ends a line (a raw newline in a
        // string, an empty file); columns count from 1.
        column: e.column().max(1),
        kind,
        message,
    }
}

/// Which kind of record a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Dataset,
    Actor,
    Source,
    Event,
}

/// One semantic problem: which record (by id, or by position when it has none), which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub record: RecordKind,
    /// Position in its array (0-based).
    pub index: usize,
    pub id: String,
    pub field: String,
    pub message: String,
    /// Where in the file: line and column (both from 1) of the field, or of its record.
    pub at: Option<(usize, usize)>,
}

impl Problem {
    /// The problem led by its line and column when they are known: "12:5: event `b`, …".
    pub fn located(&self) -> String {
        match self.at {
            Some((line, column)) => format!("{line}:{column}: {self}"),
            None => self.to_string(),
        }
    }
}

/// Finds where each problem lies in the file's text (once, after a failed load: a load that
/// succeeds never pays for it).
pub(super) fn locate(problems: &mut [Problem], text: &str) {
    let Some(layout) = super::spans::layout(text) else {
        return;
    };
    let bytes = text.as_bytes();
    for p in problems {
        // The field's own name: `quotes[0].by` is found at `quotes`.
        let field = p.field.split(['[', '.']).next().unwrap_or_default();
        let offset = match p.record {
            RecordKind::Dataset => layout.fields.iter().find(|f| f.0 == field).map(|f| f.1),
            kind => {
                let array = match kind {
                    RecordKind::Actor => layout.actors.as_ref(),
                    RecordKind::Source => layout.sources.as_ref(),
                    _ => layout.events.as_ref(),
                };
                array
                    .and_then(|a| a.items.get(p.index))
                    .map(|item| super::spans::field_at(text, item, field).unwrap_or(item.start))
            }
        };
        p.at = offset.map(|o| line_column(bytes, o));
        // A duplicate id names where the first one is too: both copies located.
        if let Some(first) = p
            .message
            .strip_prefix("duplicate id (first used at position ")
            .and_then(|r| r.strip_suffix(')'))
            .and_then(|n| n.parse::<usize>().ok())
        {
            let array = match p.record {
                RecordKind::Actor => layout.actors.as_ref(),
                RecordKind::Source => layout.sources.as_ref(),
                RecordKind::Event => layout.events.as_ref(),
                RecordKind::Dataset => None,
            };
            if let Some(item) = array.and_then(|a| a.items.get(first.wrapping_sub(1))) {
                let o = super::spans::field_at(text, item, "id").unwrap_or(item.start);
                let (line, column) = line_column(bytes, o);
                let here = match p.at {
                    Some((l, c)) => format!(" at line {l} column {c}"),
                    None => String::new(),
                };
                p.message = format!(
                    "duplicate id: position {}{here} repeats position {first} at line {line} \
                     column {column}",
                    p.index + 1
                );
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, array) = match self.record {
            RecordKind::Dataset => return write!(f, "field `{}`: {}", self.field, self.message),
            RecordKind::Actor => ("actor", "actors"),
            RecordKind::Source => ("source", "sources"),
            RecordKind::Event => ("event", "events"),
        };
        if self.id.is_empty() {
            write!(f, "{kind} #{} ({array}[{}])", self.index + 1, self.index)?;
        } else {
            write!(f, "{kind} `{}`", self.id)?;
        }
        write!(f, ", field `{}`: {}", self.field, self.message)
    }
}

/// The line and column (both from 1, the column in bytes) of a byte offset in `bytes`.
pub fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(bytes.len());
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    (
        1 + memchr::memchr_iter(b'\n', &bytes[..at]).count(),
        1 + at - line_start,
    )
}

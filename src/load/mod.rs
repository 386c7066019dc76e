//! Reading and validating `annals/1` datasets.
//!
//! Two passes: serde reads the JSON into raw records (a syntax error or a value of the wrong
//! type stops here, with line and column), then `validate` checks every record and collects
//! every problem at once (ids, references, dates, empty titles) before building a `Dataset`
//! whose references are indices.

mod raw;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::model::{Actor, ActorIx, Dataset, Event, Quote, Source, SourceIx, When};

/// The curated dataset, built into the binary.
pub const BUILTIN_JSON: &str = include_str!("../../data/moscow-washington.json");
/// The name the built-in dataset goes by in messages.
pub const BUILTIN_NAME: &str = "built-in dataset";
/// The format tag every dataset carries.
pub const FORMAT: &str = "annals/1";

/// The built-in dataset. It is checked by the test suite, so a failure here is a bug.
pub fn builtin() -> Dataset {
    from_str(BUILTIN_JSON, BUILTIN_NAME).expect("the built-in dataset is valid")
}

/// Reads and validates a dataset file.
pub fn from_path(path: &Path) -> Result<Dataset, LoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: name.clone(),
        source,
    })?;
    from_str(&text, &name)
}

/// Parses and validates a dataset held in memory; `name` is used in messages.
pub fn from_str(text: &str, name: &str) -> Result<Dataset, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: raw::Dataset = serde_json::from_str(text).map_err(|e| json_error(e, name))?;
    validate(raw).map_err(|problems| LoadError::Invalid {
        path: name.to_string(),
        problems,
    })
}

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
}

fn invalid_text(path: &str, problems: &[Problem]) -> String {
    let n = problems.len();
    let mut s = format!(
        "{path}: {n} problem{} in the dataset:",
        if n == 1 { "" } else { "s" }
    );
    for p in problems {
        s.push_str(&format!("\n  {p}"));
    }
    s
}

fn json_error(e: serde_json::Error, path: &str) -> LoadError {
    use serde_json::error::Category;
    let kind = match e.classify() {
        Category::Syntax => "JSON syntax error",
        Category::Eof => "unexpected end of file",
        Category::Data => "invalid dataset",
        Category::Io => "read error",
    };
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    LoadError::Json {
        path: path.to_string(),
        line: e.line(),
        column: e.column(),
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

/// Collects problems while the records are checked.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn at<'c>(&'c mut self, record: RecordKind, index: usize, id: &'c str) -> At<'c> {
        At {
            checker: self,
            record,
            index,
            id,
        }
    }
}

/// A record being checked.
struct At<'c> {
    checker: &'c mut Checker,
    record: RecordKind,
    index: usize,
    id: &'c str,
}

impl At<'_> {
    fn problem(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.checker.problems.push(Problem {
            record: self.record,
            index: self.index,
            id: self.id.to_string(),
            field: field.into(),
            message: message.into(),
        });
    }

    fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(field, "must not be empty");
        }
    }

    fn date(&mut self, field: &str, text: &str) -> Option<When> {
        match When::parse(text) {
            Ok(w) => Some(w),
            Err(e) => {
                self.problem(field, e.to_string());
                None
            }
        }
    }
}

/// Ids are short and safe to type: lowercase letters, digits, `.`, `_` and `-`.
fn id_is_well_formed(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
}

/// Checks the ids of one kind of record and returns the id → index map.
fn index_ids<'a>(
    checker: &mut Checker,
    record: RecordKind,
    ids: impl Iterator<Item = &'a str>,
) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        let mut at = checker.at(record, i, id);
        if id.is_empty() {
            at.problem("id", "must not be empty");
            continue;
        }
        if !id_is_well_formed(id) {
            at.problem(
                "id",
                format!("{id:?} may hold only lowercase letters, digits, '.', '_' and '-'"),
            );
        }
        if let Some(first) = map.insert(id, i) {
            map.insert(id, first);
            at.problem(
                "id",
                format!("duplicate id (first used at position {})", first + 1),
            );
        }
    }
    map
}

fn resolve(
    at: &mut At<'_>,
    field: &str,
    kind: &str,
    map: &HashMap<&str, usize>,
    id: &str,
) -> Option<usize> {
    let found = map.get(id).copied();
    if found.is_none() {
        at.problem(field, format!("unknown {kind} `{id}`"));
    }
    found
}

fn validate(raw: raw::Dataset) -> Result<Dataset, Vec<Problem>> {
    let mut checker = Checker {
        problems: Vec::new(),
    };
    {
        let mut top = checker.at(RecordKind::Dataset, 0, "");
        if raw.format != FORMAT {
            top.problem(
                "format",
                format!("is {:?}; annals reads {FORMAT:?}", raw.format),
            );
        }
        top.required("title", &raw.title);
    }

    let actor_ix = index_ids(
        &mut checker,
        RecordKind::Actor,
        raw.actors.iter().map(|a| a.id.as_str()),
    );
    let source_ix = index_ids(
        &mut checker,
        RecordKind::Source,
        raw.sources.iter().map(|s| s.id.as_str()),
    );
    index_ids(
        &mut checker,
        RecordKind::Event,
        raw.events.iter().map(|e| e.id.as_str()),
    );

    for (i, a) in raw.actors.iter().enumerate() {
        checker
            .at(RecordKind::Actor, i, &a.id)
            .required("name", &a.name);
    }
    let mut source_dates = Vec::with_capacity(raw.sources.len());
    for (i, s) in raw.sources.iter().enumerate() {
        let mut at = checker.at(RecordKind::Source, i, &s.id);
        at.required("publisher", &s.publisher);
        at.required("title", &s.title);
        source_dates.push(s.date.as_deref().and_then(|d| at.date("date", d)));
    }

    let mut events = Vec::with_capacity(raw.events.len());
    for (i, e) in raw.events.iter().enumerate() {
        let mut at = checker.at(RecordKind::Event, i, &e.id);
        at.required("title", &e.title);
        let when = if e.when.trim().is_empty() {
            at.problem("when", "must not be empty");
            None
        } else {
            at.date("when", &e.when)
        };
        let mut actors: Vec<ActorIx> = Vec::with_capacity(e.actors.len());
        for id in &e.actors {
            if let Some(ix) = resolve(&mut at, "actors", "actor", &actor_ix, id) {
                if actors.contains(&ix) {
                    at.problem("actors", format!("actor `{id}` is listed twice"));
                } else {
                    actors.push(ix);
                }
            }
        }
        let sources: Vec<SourceIx> = e
            .sources
            .iter()
            .filter_map(|id| resolve(&mut at, "sources", "source", &source_ix, id))
            .collect();
        let mut quotes = Vec::with_capacity(e.quotes.len());
        for (q_i, q) in e.quotes.iter().enumerate() {
            let field = |name: &str| format!("quotes[{q_i}].{name}");
            if q.text.trim().is_empty() {
                at.problem(field("text"), "must not be empty");
            }
            let by = resolve(&mut at, &field("by"), "actor", &actor_ix, &q.by);
            let source = resolve(&mut at, &field("source"), "source", &source_ix, &q.source);
            if let (Some(by), Some(source)) = (by, source) {
                quotes.push(Quote {
                    by,
                    text: q.text.clone(),
                    lang: q.lang.clone(),
                    translation: q.translation.clone(),
                    source,
                });
            }
        }
        if let Some(when) = when {
            events.push(Event {
                id: e.id.clone(),
                when,
                title: e.title.clone(),
                summary: e.summary.clone(),
                actors,
                tags: e.tags.clone(),
                quotes,
                sources,
                notes: e.notes.clone(),
            });
        }
    }

    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    events.sort_by(Event::sort_cmp);
    let actors = raw
        .actors
        .into_iter()
        .map(|a| Actor {
            id: a.id,
            name: a.name,
            aliases: a.aliases,
            kind: a.kind,
            about: a.about,
        })
        .collect();
    let sources = raw
        .sources
        .into_iter()
        .zip(source_dates)
        .map(|(s, date)| Source {
            id: s.id,
            publisher: s.publisher,
            title: s.title,
            date,
            language: s.language,
            url: s.url,
        })
        .collect();
    Ok(Dataset {
        title: raw.title,
        description: raw.description,
        language: raw.language,
        actors,
        sources,
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_for_shape() {
        assert!(id_is_well_formed("putin-obama-call"));
        assert!(id_is_well_formed("afp.2012_11"));
        assert!(!id_is_well_formed("Putin"));
        assert!(!id_is_well_formed("-x"));
        assert!(!id_is_well_formed("a b"));
    }
}

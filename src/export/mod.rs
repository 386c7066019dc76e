//! Exports: a selection of events written out in one of five formats, and the safe writer.
//!
//! Every format is rendered from `Dataset::subset`, the selected events with exactly the
//! actors and sources they reference. Dataset text is data: control and bidi characters are
//! escaped (JSON formats, losslessly) or neutralised (text formats) before they are written.

pub mod csv;
mod ics;
pub(crate) mod json;
mod markdown;
mod timelinejs;
mod write;

use chrono::{DateTime, Utc};

use crate::model::{Dataset, EventIx};

pub use write::{WriteError, write_file};

/// The formats annals exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// annals/1 JSON: loads back identical.
    Json,
    /// A readable brief in Markdown with numbered footnote sources.
    Markdown,
    /// One row per event (RFC 4180).
    Csv,
    /// iCalendar (RFC 5545): one all-day VEVENT per event.
    Ics,
    /// TimelineJS3 JSON, to publish the range as a web timeline.
    TimelineJs,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Json,
        Format::Csv,
        Format::Ics,
        Format::TimelineJs,
    ];

    /// The file name ending, without the leading dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::TimelineJs => "timeline.json",
        }
    }

    /// What the format is called in the export dialog and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "annals JSON",
            Format::Markdown => "Markdown brief",
            Format::Csv => "CSV",
            Format::Ics => "iCalendar",
            Format::TimelineJs => "TimelineJS",
        }
    }

    /// What a file of this format is for, in a few words.
    pub fn purpose(self) -> &'static str {
        match self {
            Format::Json => "reopens in annals",
            Format::Markdown => "a brief to read or edit",
            Format::Csv => "for a spreadsheet",
            Format::Ics => "for a calendar",
            Format::TimelineJs => "a web timeline",
        }
    }

    /// `name` with this format's ending replaced by `other`'s, when it has it.
    pub fn rename(self, name: &str, other: Format) -> String {
        match name.strip_suffix(&format!(".{}", self.extension())) {
            Some(stem) if !stem.is_empty() => format!("{stem}.{}", other.extension()),
            _ => name.to_string(),
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{format} cannot hold the date of event `{id}`: {reason}")]
    Unrepresentable {
        format: &'static str,
        id: String,
        reason: String,
    },
}

/// Renders the events at `events` (positions in `data.events`) in `format`. `now` stamps
/// the iCalendar file (DTSTAMP); nothing else depends on it.
pub fn render(
    format: Format,
    data: &Dataset,
    events: &[EventIx],
    now: DateTime<Utc>,
) -> Result<String, ExportError> {
    let sub = data.subset(events);
    Ok(match format {
        Format::Json => json::render(&sub),
        Format::Markdown => markdown::render(&sub),
        Format::Csv => csv::render(&sub),
        Format::Ics => ics::render(&sub, now)?,
        Format::TimelineJs => timelinejs::render(&sub),
    })
}

/// `render` for a Markdown brief that says the query that chose its events.
pub fn render_markdown(data: &Dataset, events: &[EventIx], query: &str) -> String {
    markdown::render_with_query(&data.subset(events), Some(query))
}

/// `render` for CSV in a chosen style (`--csv-raw`, `--bom`).
pub fn render_csv(data: &Dataset, events: &[EventIx], style: csv::Style) -> String {
    csv::render_with(&data.subset(events), style)
}

/// The time an iCalendar export is stamped with: now, or SOURCE_DATE_EPOCH when it is set
/// (the reproducible-builds convention), so that an export can be made byte for byte again.
pub fn now() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

/// A whole dataset in the canonical annals/1 layout (every record, two spaces an indent),
/// as `annals fmt` writes it.
pub fn canonical(data: &Dataset) -> String {
    json::render(data)
}

/// The file name an export is offered under: `annals-2012-09-12--2012-11-13.md`.
pub fn file_name(data: &Dataset, events: &[EventIx], format: Format) -> String {
    let stem = match crate::model::span(events.iter().map(|&i| &data.events[i])) {
        None => "annals".to_string(),
        Some((a, b)) if a == b => format!("annals-{}", a.format("%Y-%m-%d")),
        Some((a, b)) => format!("annals-{}--{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
    };
    format!("{stem}.{}", format.extension())
}

/// A web address safe to make a link of: http or https only (never `javascript:`).
fn linkable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || crate::text::is_unsafe(c))
}

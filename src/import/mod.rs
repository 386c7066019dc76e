//! Reading the chronologies people already have: TimelineJS (JSON v3 and v2, the sheet as
//! CSV), Timesketch (CSV, JSON Lines), plaso (dynamic CSV, l2tcsv) and any CSV, TSV or JSON
//! Lines table with a date column. Each format's reader gives the same `Dataset` annals/1
//! gives (through `builder`), and a `Report` of what it read, kept, left out and changed.
//!
//! `Format::detect` recognises a file from its content (the extension is not trusted); the
//! loader (`load::read`) hands it over here. `annals import` writes the result as annals/1.

pub mod builder;
pub mod dates;
mod forensic;
pub mod gdelt;
pub mod html;
pub mod parquet;
pub mod report;
mod rows;
mod table;
mod timelinejs;

use crate::load::{Hook, LoadError};
use crate::model::Dataset;

pub use dates::DateOrder;
pub use report::Report;
pub use table::Map;

/// The formats annals reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// annals/1 JSON.
    Annals,
    /// TimelineJS3 JSON.
    TimelineJs,
    /// TimelineJS v2 JSON.
    TimelineJs2,
    /// The TimelineJS Google Sheets template as CSV.
    TimelineJsSheet,
    /// Timesketch CSV or JSON Lines.
    Timesketch,
    /// plaso's `psort -o dynamic` CSV.
    Plaso,
    /// plaso's `l2tcsv`.
    L2tCsv,
    /// GDELT 2.0 events: a raw export, or an engine's result with GDELT's columns.
    Gdelt,
    /// Parquet (DuckDB, BigQuery, Spark): GDELT's columns, or any table.
    Parquet,
    /// Any CSV or TSV with a date column.
    Csv,
    /// Any JSON Lines with a date field.
    Jsonl,
}

impl Format {
    pub const ALL: [Format; 11] = [
        Format::Annals,
        Format::TimelineJs,
        Format::TimelineJs2,
        Format::TimelineJsSheet,
        Format::Timesketch,
        Format::Plaso,
        Format::L2tCsv,
        Format::Gdelt,
        Format::Parquet,
        Format::Csv,
        Format::Jsonl,
    ];

    /// The name `--input-format` takes.
    pub fn key(self) -> &'static str {
        match self {
            Format::Annals => "annals",
            Format::TimelineJs => "timelinejs",
            Format::TimelineJs2 => "timelinejs2",
            Format::TimelineJsSheet => "timelinejs-sheet",
            Format::Timesketch => "timesketch",
            Format::Plaso => "plaso",
            Format::L2tCsv => "l2tcsv",
            Format::Gdelt => "gdelt",
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }

    /// What the format is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Annals => "annals/1",
            Format::TimelineJs => "TimelineJS3 JSON",
            Format::TimelineJs2 => "TimelineJS v2 JSON",
            Format::TimelineJsSheet => "TimelineJS sheet (CSV)",
            Format::Timesketch => "Timesketch",
            Format::Plaso => "plaso dynamic CSV",
            Format::L2tCsv => "plaso l2tcsv",
            Format::Gdelt => "GDELT events",
            Format::Parquet => "Parquet",
            Format::Csv => "CSV/TSV table",
            Format::Jsonl => "JSON Lines table",
        }
    }

    pub fn from_key(key: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Every format annals reads, for messages.
    pub fn list() -> String {
        Format::ALL.map(|f| f.name()).join(", ")
    }

    /// The format of a file, from its first bytes; when none fits, what the file looked like.
    pub fn detect(head: &str) -> Result<Format, String> {
        if head.starts_with("PAR1") {
            return Ok(Format::Parquet);
        }
        let text = head.trim_start_matches('\u{feff}').trim_start();
        if text.starts_with('{') {
            let first_line = text.lines().next().unwrap_or("").trim();
            // One object a line (JSON Lines) or one document.
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            let jsonl = lines.len() > 1
                && first_line.ends_with('}')
                && serde_json::from_str::<serde_json::Value>(first_line).is_ok();
            if jsonl {
                let keys = keys_of(first_line);
                let has = |k: &str| keys.iter().any(|x| x == k);
                return Ok(
                    if has("message") && has("datetime") && has("timestamp_desc") {
                        Format::Timesketch
                    } else {
                        Format::Jsonl
                    },
                );
            }
            let top = top_keys(text);
            let has = |k: &str| top.iter().any(|x| x == k);
            if has("format") || has("actors") || has("sources") {
                return Ok(Format::Annals);
            }
            if has("timeline") {
                return Ok(Format::TimelineJs2);
            }
            if has("events") || has("eras") {
                return Ok(Format::TimelineJs);
            }
            if top.is_empty() {
                return Ok(Format::Annals);
            }
            return Err(format!(
                "a JSON object with the fields {}",
                top.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        if text.starts_with('[') {
            return Err("a JSON array (annals reads objects: annals/1, TimelineJS)".into());
        }
        let header = text.lines().next().unwrap_or("");
        if gdelt::is_raw_row(header) {
            return Ok(Format::Gdelt);
        }
        let d = rows::delimiter(header) as char;
        let names: Vec<String> = header
            .split(d)
            .map(|n| n.trim().trim_matches('"').trim().to_string())
            .collect();
        let has = |k: &str| names.iter().any(|n| n == k);
        if names.len() >= 2 {
            if gdelt::Layout::from_names(&names).is_some() {
                return Ok(Format::Gdelt);
            }
            if has("datetime") && has("timestamp_desc") && has("source_long") && has("message") {
                return Ok(Format::Plaso);
            }
            if has("date") && has("time") && has("timezone") && has("MACB") {
                return Ok(Format::L2tCsv);
            }
            if has("message") && has("datetime") && has("timestamp_desc") {
                return Ok(Format::Timesketch);
            }
            if timelinejs::Sheet::fits(&names) {
                return Ok(Format::TimelineJsSheet);
            }
            return Ok(Format::Csv);
        }
        let start: String = text.chars().take(40).collect();
        Err(if text.is_empty() {
            "an empty file".to_string()
        } else {
            format!("text that is neither JSON nor a table ({start:?}…)")
        })
    }
}

/// The keys of a one-line JSON object.
fn keys_of(line: &str) -> Vec<String> {
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(o)) => o.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The top-level keys of a JSON document (from its structure, not its values).
fn top_keys(text: &str) -> Vec<String> {
    if let Some(layout) = crate::load::spans::layout(text) {
        return layout.fields.into_iter().map(|f| f.0).collect();
    }
    // Not all there (a head of a big file): the keys at depth one, as far as they go.
    let mut keys = Vec::new();
    let mut depth = 0i32;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            '"' => {
                let start = i + 1;
                let mut end = None;
                while let Some((j, c)) = chars.next() {
                    if c == '\\' {
                        chars.next();
                    } else if c == '"' {
                        end = Some(j);
                        break;
                    }
                }
                // A string cut short by the end of the head: no more keys.
                let Some(end) = end else { break };
                let after = text[end + 1..].trim_start();
                if depth == 1 && after.starts_with(':') {
                    keys.push(text[start..end].to_string());
                }
            }
            _ => {}
        }
    }
    keys
}

/// How a file is to be read: its format (else detected), a column map, a date order, aliases.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub format: Option<Format>,
    pub map: Option<Map>,
    pub order: Option<DateOrder>,
    /// (name, alias) pairs: an alias stands for the name.
    pub aliases: Vec<(String, String)>,
}

/// About how many lines `text` has, from how long its first megabyte's lines are (an
/// estimate, a little high).
fn rows_in(text: &str) -> usize {
    let sample = &text.as_bytes()[..text.len().min(1 << 20)];
    let lines = sample.iter().filter(|&&b| b == b'\n').count().max(1);
    (text.len() / (sample.len() / lines).max(1)).saturating_mul(11) / 10
}

/// Reads a file of another format than annals/1 into a dataset, with its report. A file of
/// which no record can be read is an error.
pub fn import(
    text: &str,
    store: &crate::model::Store,
    name: &str,
    regions: &[(String, usize)],
    format: Format,
    options: &Options,
    hook: &mut Hook<'_>,
) -> Result<(Dataset, Report), LoadError> {
    // A mapped file's pages are given back behind the reader: its texts are read again from
    // the file (or the page cache) when they are shown.
    let base = store.bytes().as_ptr() as usize;
    let offset = (text.as_ptr() as usize).saturating_sub(base);
    let release = |at: usize| store.release_before((offset + at).saturating_sub(8 << 20));
    let fail = |message: String| LoadError::Import {
        path: name.to_string(),
        message,
    };
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A table with GDELT's columns and a column map is read as the map says.
    let format = match format {
        Format::Gdelt
            if options.map.is_some() && !gdelt::is_raw_row(text.lines().next().unwrap_or("")) =>
        {
            Format::Csv
        }
        f => f,
    };
    let mut b = builder::Builder::new(format.name(), &stem);
    b.reading(store);
    b.reserve(text.len());
    b.expect(rows_in(text));
    b.aliases(&options.aliases);
    match format {
        Format::Annals => unreachable!("annals/1 is read by load::stream"),
        Format::TimelineJs | Format::TimelineJs2 => {
            let doc: serde_json::Value =
                serde_json::from_str(text).map_err(|e| LoadError::Json {
                    path: name.to_string(),
                    line: e.line(),
                    column: e.column().max(1),
                    kind: "JSON syntax error",
                    message: e.to_string(),
                })?;
            if format == Format::TimelineJs {
                timelinejs::v3(&doc, &mut b);
            } else {
                timelinejs::v2(&doc, &mut b);
            }
        }
        Format::TimelineJsSheet => {
            rows::csv_from(text, name, &mut timelinejs::Sheet, &mut b, hook, &release)?
        }
        Format::Timesketch => {
            if text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('{')
            {
                rows::jsonl(text, name, &mut forensic::Timesketch, &mut b, hook)?;
            } else {
                rows::csv_from(
                    text,
                    name,
                    &mut forensic::Timesketch,
                    &mut b,
                    hook,
                    &release,
                )?;
            }
        }
        Format::Plaso => rows::csv_from(
            text,
            name,
            &mut forensic::PlasoDynamic,
            &mut b,
            hook,
            &release,
        )?,
        Format::L2tCsv => {
            rows::csv_from(text, name, &mut forensic::L2tCsv, &mut b, hook, &release)?
        }
        Format::Gdelt => gdelt_table(text, store, name, regions, &mut b, hook)?,
        Format::Parquet => parquet::read(store, name, regions, options, &mut b, hook)?,
        Format::Csv | Format::Jsonl => {
            let mut t = table::Table::new(options.map.clone(), options.order);
            if options.order.is_none() {
                settle_order(text, name, format, &mut t).map_err(fail)?;
            }
            if format == Format::Csv {
                rows::csv_from(text, name, &mut t, &mut b, hook, &release)?;
            } else {
                rows::jsonl(text, name, &mut t, &mut b, hook)?;
            }
        }
    }
    if b.kept() == 0 {
        let report = b.report.clone();
        let why = report
            .dropped
            .first()
            .map(|(at, why)| format!(": {at}: {why}"))
            .unwrap_or_default();
        return Err(fail(format!(
            "no event could be read from this {} file ({} records read){why}",
            format.name(),
            report.read
        )));
    }
    Ok(b.finish())
}

/// GDELT events: a raw export (or several, one after the other in `text`, where `regions`
/// says) read on every core, or a table with GDELT's columns by name.
pub(crate) fn gdelt_table(
    text: &str,
    store: &crate::model::Store,
    name: &str,
    regions: &gdelt::tsv::Regions,
    b: &mut builder::Builder,
    hook: &mut Hook<'_>,
) -> Result<(), LoadError> {
    let first = text.lines().next().unwrap_or("");
    b.report.map("SQLDATE", "when (DATEADDED an attribute)");
    b.report.map(
        "Actor1Name · EventCode · Actor2Name",
        "title (CAMEO's name of the code)",
    );
    b.report.map(
        "Actor1…, Actor2…",
        "actors (codes as aliases, kind from the types)",
    );
    b.report.map("QuadClass, EventCode's root", "tags");
    b.report.map("SOURCEURL", "a source");
    b.report.map(
        "ActionGeo_FullName, _Lat, _Long, GoldsteinScale, AvgTone, NumMentions, NumSources, \
         NumArticles, IsRootEvent, EventCode, DATEADDED",
        "attributes",
    );
    if gdelt::is_raw_row(first) {
        let layout = gdelt::Layout::raw();
        let columns = std::sync::Arc::new(layout.columns(&gdelt::COLUMNS, b'\t', false));
        let parts = gdelt::tsv::read(text, store, name, regions, &layout, hook)?;
        gdelt::build(parts, columns, b);
        return Ok(());
    }
    let mut m = gdelt::Mapper::default();
    rows::csv(text, name, &mut m, b, hook)?;
    if let (Some(part), Some(columns)) = (m.part, m.columns) {
        gdelt::build(vec![part], columns, b);
    }
    Ok(())
}

/// For a table with numeric dates (`03/04/2012`), whether they are day- or month-first, from
/// the data: one pass over the date columns first.
fn settle_order(
    text: &str,
    name: &str,
    format: Format,
    t: &mut table::Table,
) -> Result<(), String> {
    /// The first value of each order met (enough to tell the order, or that both are there).
    struct Collect {
        probe: table::Table,
        day_first: Option<String>,
        month_first: Option<String>,
        columns: Vec<usize>,
    }
    impl rows::Mapper for Collect {
        fn header(&mut self, names: &[String], b: &mut builder::Builder) -> Result<(), String> {
            rows::Mapper::header(&mut self.probe, names, b)?;
            self.columns = self.probe.date_columns();
            Ok(())
        }
        fn row(&mut self, r: &rows::Record, _: &dyn Fn() -> String, _: &mut builder::Builder) {
            for &c in &self.columns {
                if let Some(v) = r.values.get(c)
                    && let Ok(Some(order)) = dates::order_of(std::iter::once(*v))
                {
                    let first = match order {
                        DateOrder::DayFirst => &mut self.day_first,
                        DateOrder::MonthFirst => &mut self.month_first,
                    };
                    first.get_or_insert_with(|| v.to_string());
                }
            }
        }
    }
    let mut c = Collect {
        probe: t.probe(),
        day_first: None,
        month_first: None,
        columns: Vec::new(),
    };
    let mut throwaway = builder::Builder::new(format.name(), "");
    let mut quiet = |_| std::ops::ControlFlow::Continue(());
    if format == Format::Csv {
        rows::csv(text, name, &mut c, &mut throwaway, &mut quiet)
    } else {
        rows::jsonl(text, name, &mut c, &mut throwaway, &mut quiet)
    }
    .map_err(|e| match e {
        LoadError::Import { message, .. } => message,
        other => other.to_string(),
    })?;
    t.settle_order(c.day_first.iter().chain(&c.month_first).map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_from_their_content() {
        let d = |s: &str| Format::detect(s);
        assert_eq!(
            d(r#"{"format": "annals/1", "title": "T"}"#),
            Ok(Format::Annals)
        );
        assert_eq!(
            d(r#"{"title": {"text": {}}, "events": []}"#),
            Ok(Format::TimelineJs)
        );
        assert_eq!(d(r#"{"timeline": {"date": []}}"#), Ok(Format::TimelineJs2));
        assert_eq!(
            d("timestamp,message,timestamp_desc,datetime\n1,a,b,c"),
            Ok(Format::Timesketch)
        );
        assert_eq!(
            d(
                "{\"message\": \"m\", \"datetime\": \"d\", \"timestamp_desc\": \"t\"}\n{\"message\": \"n\", \"datetime\": \"d\", \"timestamp_desc\": \"t\"}"
            ),
            Ok(Format::Timesketch)
        );
        assert_eq!(
            d("datetime,timestamp_desc,source,source_long,message,parser,display_name,tag\n"),
            Ok(Format::Plaso)
        );
        assert_eq!(d("date,time,timezone,MACB,source\n"), Ok(Format::L2tCsv));
        assert_eq!(
            d("Year,Month,Day,Time,End Year,Headline,Text\n"),
            Ok(Format::TimelineJsSheet)
        );
        assert_eq!(d("Date;Headline;Who\n2012;x;y"), Ok(Format::Csv));
        assert!(
            d(r#"{"name": "x", "version": 2}"#)
                .unwrap_err()
                .contains("name, version")
        );
        assert!(d("").unwrap_err().contains("empty"));
        assert!(d("just some words").is_err());
    }
}

//! Forensic timelines: Timesketch's CSV and JSON Lines (`message`, `datetime`,
//! `timestamp_desc`, any other column kept), and plaso's `psort` output, dynamic CSV
//! (`datetime,timestamp_desc,source,source_long,message,parser,display_name,tag`) and
//! `l2tcsv` (17 columns, `MM/DD/YYYY` dates). The message becomes the title (cut at a word
//! when long, whole in the summary), the kind of timestamp a tag, the time of day is kept, and
//! every other column is an attribute.

use std::borrow::Cow;

use super::builder::{Builder, NewEvent};
use super::dates;
use super::rows::{Mapper, Record};
use crate::model::When;

/// A title from a long message: cut at a word near `MAX` characters, with `…`.
const MAX: usize = 100;

/// The message as a title, and the whole message as the summary when it was cut.
pub fn title_and_summary(message: &str) -> (Cow<'_, str>, Cow<'_, str>) {
    let message = message.trim();
    let Some((end, _)) = message.char_indices().nth(MAX) else {
        return (Cow::Borrowed(message), Cow::Borrowed(""));
    };
    let cut = &message[..end];
    let at = cut.rfind(' ').filter(|&i| i > MAX / 2).unwrap_or(cut.len());
    (
        Cow::Owned(format!("{}…", cut[..at].trim_end())),
        Cow::Borrowed(message),
    )
}

fn require(names: &[String], wanted: &[&str], format: &str) -> Result<(), String> {
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|w| !names.iter().any(|n| n == w))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "a {format} file needs the columns {}; this one has no {}",
            wanted.join(", "),
            missing.join(", ")
        ))
    }
}

/// `-` and empty mean nothing in plaso's output.
fn value(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty() && s != "-").then_some(s)
}

/// Timesketch CSV and JSON Lines.
pub struct Timesketch;

impl Mapper for Timesketch {
    fn header(&mut self, names: &[String], b: &mut Builder) -> Result<(), String> {
        require(
            names,
            &["message", "datetime", "timestamp_desc"],
            "Timesketch",
        )?;
        b.report.map("message", "title (and summary when long)");
        b.report.map("datetime", "when (to the second)");
        b.report.map("timestamp_desc", "tags");
        for n in names {
            if !["message", "datetime", "timestamp_desc"].contains(&n.as_str()) {
                b.report.map(n, "attributes");
            }
        }
        Ok(())
    }

    fn row(&mut self, r: &Record, at: &dyn Fn() -> String, b: &mut Builder) {
        let mut point = dates::iso(r.get("datetime"))
            .or_else(|| dates::epoch(r.get("datetime")))
            .or_else(|| dates::epoch(r.get("timestamp")));
        // Timesketch keeps every time in UTC: a datetime written without an offset is read
        // as UTC there, and so here.
        if let Some(t) = point.as_mut().and_then(|p| p.time.as_mut())
            && t.offset_minutes.is_none()
        {
            t.offset_minutes = Some(0);
            b.report
                .count("times without an offset read as UTC, as Timesketch does");
        }
        let when = point.map(When::Point);
        let (title, summary) = title_and_summary(r.get("message"));
        if !summary.is_empty() {
            b.report.count("long messages cut into a title");
        }
        let e = NewEvent {
            when,
            title,
            summary,
            tags: vec![r.get("timestamp_desc").to_string()],
            attributes: r.rest(&["message", "datetime", "timestamp_desc"], false),
            ..NewEvent::default()
        };
        b.event(at, e);
    }
}

/// plaso's dynamic CSV (`psort -o dynamic`).
pub struct PlasoDynamic;

impl Mapper for PlasoDynamic {
    fn header(&mut self, names: &[String], b: &mut Builder) -> Result<(), String> {
        require(names, &["datetime", "timestamp_desc", "message"], "plaso")?;
        b.report.map("message", "title (and summary when long)");
        b.report.map("datetime", "when (to the second)");
        b.report.map("timestamp_desc", "tags");
        b.report.map("tag", "tags");
        for n in names {
            if !["message", "datetime", "timestamp_desc", "tag"].contains(&n.as_str()) {
                b.report.map(n, "attributes");
            }
        }
        Ok(())
    }

    fn row(&mut self, r: &Record, at: &dyn Fn() -> String, b: &mut Builder) {
        let when = dates::iso(r.get("datetime")).map(When::Point);
        let (title, summary) = title_and_summary(r.get("message"));
        let mut tags = vec![r.get("timestamp_desc").to_string()];
        if let Some(t) = value(r.get("tag")) {
            tags.extend(t.split([',', ';']).map(|t| t.trim().to_string()));
        }
        let attributes = r.rest(&["message", "datetime", "timestamp_desc", "tag"], true);
        b.event(
            at,
            NewEvent {
                when,
                title,
                summary,
                tags,
                attributes,
                ..NewEvent::default()
            },
        );
    }
}

/// plaso's `l2tcsv`: `date,time,timezone,MACB,source,sourcetype,type,user,host,short,desc,…`.
pub struct L2tCsv;

impl Mapper for L2tCsv {
    fn header(&mut self, names: &[String], b: &mut Builder) -> Result<(), String> {
        require(names, &["date", "time", "timezone", "short"], "l2tcsv")?;
        b.report
            .map("date + time + timezone", "when (to the second)");
        b.report.map("short", "title");
        b.report.map("desc", "summary");
        b.report.map("type", "tags");
        for n in names {
            if !["date", "time", "timezone", "short", "desc", "type"].contains(&n.as_str()) {
                b.report.map(n, "attributes");
            }
        }
        Ok(())
    }

    fn row(&mut self, r: &Record, at: &dyn Fn() -> String, b: &mut Builder) {
        let day = dates::numeric(r.get("date"), dates::DateOrder::MonthFirst);
        let clock = dates::clock(r.get("time"));
        let zone = r.get("timezone").trim();
        let offset = matches!(zone.to_ascii_uppercase().as_str(), "UTC" | "GMT" | "Z").then_some(0);
        let when = match (day, clock) {
            (Some(d), Some(t)) => Some(When::Point(crate::model::Point {
                precision: crate::model::Precision::Time,
                time: Some(crate::model::when::TimeOfDay {
                    time: t,
                    offset_minutes: offset,
                    seconds: true,
                }),
                ..d
            })),
            (Some(d), None) => Some(When::Point(d)),
            _ => None,
        };
        let mut used = vec!["date", "time", "short", "desc", "type"];
        if offset.is_none() && value(zone).is_some() {
            b.report
                .count("times kept in their own time zone (named in `timezone`)");
        } else {
            used.push("timezone");
        }
        let attributes = r.rest(&used, true);
        let desc = value(r.get("desc")).unwrap_or("");
        b.event(
            at,
            NewEvent {
                when,
                title: Cow::Borrowed(r.get("short")),
                summary: Cow::Borrowed(if desc == r.get("short").trim() {
                    ""
                } else {
                    desc
                }),
                tags: value(r.get("type"))
                    .map(str::to_string)
                    .into_iter()
                    .collect(),
                attributes,
                ..NewEvent::default()
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_at_a_word() {
        let (t, s) = title_and_summary("short");
        assert_eq!((&*t, &*s), ("short", ""));
        let long = "word ".repeat(40);
        let (t, s) = title_and_summary(&long);
        assert!(t.ends_with("word…") && t.chars().count() <= MAX + 1, "{t}");
        assert_eq!(s, long.trim());
    }
}

//! iCalendar (RFC 5545): one VEVENT per event, all day, with a stable UID. A day is one day;
//! a month or a year spans its period; a range spans its days. DTEND is exclusive (the day
//! after). Lines end in CRLF and are folded at 75 octets.

use std::fmt::Write;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::ExportError;
use crate::model::{Dataset, End, Event};
use crate::outline::Outline;
use crate::text::sanitize;

/// Escapes a TEXT value (RFC 5545 §3.3.11) after neutralising controls; `\n` stays a line
/// break, written as the two characters `\n`.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, line) in value.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in sanitize(line).chars() {
            match c {
                '\\' | ';' | ',' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// Appends one content line, folded so that no line passes 75 octets, ended by CRLF. A fold
/// never splits a character, nor an escape such as `\,` (RFC 5545 allows it, but lenient
/// readers unescape before they unfold).
fn line(out: &mut String, content: &str) {
    let mut used = 0;
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped = if c == '\\' { chars.next() } else { None };
        let n = c.len_utf8() + escaped.map_or(0, char::len_utf8);
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        out.extend(escaped);
        used += n;
    }
    out.push_str("\r\n");
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The first day and the exclusive last day of an event, within what iCalendar can hold.
fn days(e: &Event) -> Result<(NaiveDate, NaiveDate), ExportError> {
    let first = e.when.anchor().first_day;
    let after = e.when.last_day() + Duration::days(1);
    let year_ok = |d: NaiveDate| (1..=9999).contains(&chrono::Datelike::year(&d));
    if !year_ok(first) || !year_ok(after) {
        return Err(ExportError::Unrepresentable {
            format: "iCalendar",
            id: e.id.clone(),
            reason: "its dates must fall in the years 1 to 9999".to_string(),
        });
    }
    Ok((first, after))
}

/// The description: the event's outline in plain text (date in words, summary, quotes with
/// speaker and translation, numbered sources with addresses, notes).
fn description(data: &Dataset, e: &Event) -> String {
    let o = Outline::new(data, e);
    let mut d = format!("{}\n", o.date);
    if matches!(e.when.end_bound(), Some(End::Open | End::Unknown)) {
        d.push_str("(the calendar entry covers the known start only)\n");
    }
    if let Some(summary) = o.summary {
        let _ = write!(d, "\n{summary}\n");
    }
    for q in &o.quotes {
        let _ = write!(d, "\n{} — {} [{}]", q.marked(), q.speaker, q.source);
        if let Some(t) = q.translation {
            let _ = write!(d, "\n“{t}”");
        }
        d.push('\n');
    }
    if !o.sources.is_empty() {
        d.push_str("\nSources:\n");
        for s in &o.sources {
            let _ = write!(d, "[{}] {}: {}", s.number, s.citation, s.title);
            if let Some(url) = s.url {
                let _ = write!(d, " {url}");
            }
            d.push('\n');
        }
    }
    for n in &o.notes {
        let _ = write!(d, "\nNote: {n}");
    }
    d.trim_end().to_string()
}

pub fn render(data: &Dataset, now: DateTime<Utc>) -> Result<String, ExportError> {
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!("PRODID:-//annals//annals {}//EN", env!("CARGO_PKG_VERSION")),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(&data.title)));
    for e in &data.events {
        let (first, after) = days(e)?;
        line(&mut out, "BEGIN:VEVENT");
        // The event's id alone: an export imported again into a calendar updates its events,
        // whatever the dataset is called today (annals/1 has no other stable identity).
        line(&mut out, &format!("UID:{}@annals", e.id));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(first)));
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(after)));
        line(&mut out, &format!("SUMMARY:{}", text(data.text(&e.title))));
        line(
            &mut out,
            &format!("DESCRIPTION:{}", text(&description(data, e))),
        );
        if !e.tags.is_empty() {
            let tags: Vec<String> = e.tags.iter().map(|t| text(t)).collect();
            line(&mut out, &format!("CATEGORIES:{}", tags.join(",")));
        }
        if let Some(url) = e
            .sources
            .iter()
            .filter_map(|&s| data.source(s).url.as_deref())
            .find(|u| super::linkable(u))
        {
            line(&mut out, &format!("URL:{url}"));
        }
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let content = format!("SUMMARY:{}", "é".repeat(100));
        line(&mut out, &content);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{content}\r\n"));
    }

    #[test]
    fn folds_never_split_an_escape() {
        let mut out = String::new();
        let content = format!("DESCRIPTION:{}", "a\\,".repeat(40));
        line(&mut out, &content);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(!l.ends_with('\\'), "{l}");
            assert!(l.len() <= 75);
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{content}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(text("bell\u{7}"), "bell\u{2407}");
    }
}

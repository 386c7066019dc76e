//! TimelineJS, the Knight Lab's web timelines, in its three shapes: TimelineJS3 JSON
//! (`events`, `title`, `eras`), the older v2 JSON (`{"timeline": {"date": […]}}`) and the
//! Google Sheets template saved as CSV (`Year, Month, Day, …, Headline, Text, Media, …`).
//!
//! A slide becomes an event: its dates at the precision given (parts may be numbers or
//! strings; empty strings mean absent; an end equal to the start is a point; years of deep
//! time are kept), headline as title and text as summary (HTML turned into text, the links'
//! addresses made sources), media as a source (caption, credit), group (or v2 tag) as an
//! actor-like lane and a tag, `unique_id` as the id, `display_date` in a note. The title slide
//! names the dataset; eras become ranges tagged `era`.

use serde_json::Value;

use super::builder::{Builder, NewAttributes, NewEvent};
use super::dates;
use super::html;
use super::rows::{Mapper, Record};
use crate::model::{ActorKind, End, Point, When};

/// A string or number of a JSON value, as text ("" when absent or null).
fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// HTML made text (counted in the report when it was HTML); the links' addresses too.
fn plain(b: &mut Builder, s: &str) -> (String, Vec<String>) {
    if html::is_html(s) {
        b.report.count("HTML turned into text");
        html::to_text(s)
    } else {
        (s.trim().to_string(), Vec::new())
    }
}

/// A date from TimelineJS parts: `year` and what else is given (numbers or strings).
fn date_of(
    year: &str,
    month: &str,
    day: &str,
    hour: &str,
    minute: &str,
    second: &str,
) -> Option<Point> {
    let num = |s: &str| -> Option<i64> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        s.parse::<i64>()
            .ok()
            .or_else(|| s.parse::<f64>().ok().map(|f| f as i64))
    };
    let year = num(year)?;
    let month = num(month).and_then(|m| u32::try_from(m).ok());
    let day = num(day).and_then(|d| u32::try_from(d).ok());
    let time = num(hour).and_then(|h| {
        chrono::NaiveTime::from_hms_opt(
            u32::try_from(h).ok()?,
            num(minute).and_then(|m| u32::try_from(m).ok()).unwrap_or(0),
            num(second).and_then(|s| u32::try_from(s).ok()).unwrap_or(0),
        )
    });
    dates::parts(year, month, day.filter(|_| month.is_some()), time)
}

/// A TimelineJS3 date object.
fn date_object(v: Option<&Value>) -> Option<Point> {
    let o = v?.as_object()?;
    let get = |k: &str| text_of(o.get(k));
    date_of(
        &get("year"),
        &get("month"),
        &get("day"),
        &get("hour"),
        &get("minute"),
        &get("second"),
    )
}

/// A start and an optional end as an event's date: an end equal to the start (or before it)
/// leaves a point.
fn when(b: &mut Builder, start: Option<Point>, end: Option<Point>) -> Option<When> {
    let start = start?;
    Some(match end {
        Some(e) if e != start && e.last_day() >= start.first_day => When::Interval {
            start: End::Point(start),
            end: End::Point(e),
        },
        Some(e) if e != start => {
            b.report.count("end dates before their start left out");
            When::Point(start)
        }
        _ => When::Point(start),
    })
}

/// A slide (v3 or v2, already read into parts) as an event.
struct Slide {
    at: String,
    start: Option<Point>,
    end: Option<Point>,
    headline: String,
    text: String,
    media: Option<(String, String, String)>,
    group: String,
    id: String,
    display_date: String,
    era: bool,
    attributes: Vec<(String, String)>,
}

fn add(b: &mut Builder, s: Slide) {
    let when = when(b, s.start, s.end);
    let (mut title, title_links) = plain(b, &s.headline);
    let (summary, links) = plain(b, &s.text);
    if title.is_empty() {
        // A slide without a headline: its text's first line, or its media's caption.
        title = summary
            .lines()
            .next()
            .map(str::to_string)
            .or_else(|| s.media.as_ref().map(|m| plain(b, &m.1).0))
            .unwrap_or_default();
        if !title.is_empty() {
            b.report
                .count("slides without a headline titled from their text");
        }
    }
    title = title.replace('\n', " ");
    let mut sources = Vec::new();
    let mut notes = Vec::new();
    if let Some((url, caption, credit)) = &s.media
        && !url.is_empty()
    {
        let (caption, _) = plain(b, caption);
        let (credit, _) = plain(b, credit);
        if url.trim_start().starts_with('<') || url.contains(char::is_whitespace) {
            // Media that is not an address (a quotation, an embed): its words, in a note.
            let (words, _) = plain(b, url);
            let credit = if credit.is_empty() { caption } else { credit };
            notes.push(if credit.is_empty() {
                format!("Media: {words}")
            } else {
                format!("Media: {words} ({credit})")
            });
        } else {
            sources.push(b.source(Some(url), &credit, &caption));
        }
    }
    for link in title_links.iter().chain(&links) {
        if link.contains("://") {
            sources.push(b.source(Some(link), "", ""));
        }
    }
    let mut actors = Vec::new();
    let mut tags = Vec::new();
    let (group, _) = plain(b, &s.group);
    if !group.is_empty() {
        actors.push(b.actor(&group, Some(ActorKind::Group)));
        tags.push(group);
    }
    if s.era {
        tags.push("era".to_string());
    }
    if !s.display_date.is_empty() {
        notes.push(format!(
            "Shown in TimelineJS as: {}",
            plain(b, &s.display_date).0
        ));
    }
    let at = s.at;
    b.event(
        move || at,
        NewEvent {
            id: Some(s.id).filter(|i| !i.is_empty()),
            when,
            title: title.into(),
            summary: summary.into(),
            actors,
            tags,
            sources,
            notes: notes.into_iter().map(Into::into).collect(),
            attributes: NewAttributes::Listed(
                s.attributes
                    .into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            ),
        },
    );
}

/// TimelineJS3 JSON.
pub fn v3(doc: &Value, b: &mut Builder) {
    b.report.map("events[].start_date / end_date", "when");
    b.report.map("text.headline", "title");
    b.report.map("text.text", "summary (and links → sources)");
    b.report.map("media", "a source (url, caption, credit)");
    b.report.map("group", "an actor (a lane) and a tag");
    b.report.map("eras", "ranges tagged era");
    if let Some(t) = doc.get("title") {
        let text = t.get("text");
        b.title = plain(b, &text_of(text.and_then(|x| x.get("headline"))))
            .0
            .replace('\n', " ");
        let (d, _) = plain(b, &text_of(text.and_then(|x| x.get("text"))));
        b.description = Some(d).filter(|d| !d.is_empty());
    }
    let slide = |b: &mut Builder, at: String, e: &Value, era: bool| {
        let text = e.get("text");
        let media = e.get("media").map(|m| {
            (
                text_of(m.get("url")),
                text_of(m.get("caption")),
                text_of(m.get("credit")),
            )
        });
        let mut attributes = Vec::new();
        for k in ["type", "location", "autolink"] {
            let v = e.get(k).map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            if let Some(v) = v.filter(|v| !v.is_empty() && v != "null") {
                attributes.push((k.to_string(), v));
            }
        }
        if let Some(bg) = e.get("background") {
            let v = text_of(bg.get("url")).to_string();
            let v = if v.is_empty() {
                text_of(bg.get("color"))
            } else {
                v
            };
            if !v.is_empty() {
                attributes.push(("background".to_string(), v));
            }
        }
        add(
            b,
            Slide {
                at,
                start: date_object(e.get("start_date")),
                end: date_object(e.get("end_date")),
                headline: text_of(text.and_then(|t| t.get("headline"))),
                text: text_of(text.and_then(|t| t.get("text"))),
                media,
                group: text_of(e.get("group")),
                id: text_of(e.get("unique_id")),
                display_date: text_of(e.get("display_date")),
                era,
                attributes,
            },
        );
    };
    for (i, e) in doc
        .get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        slide(b, format!("events[{i}]"), e, false);
    }
    for (i, e) in doc
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        slide(b, format!("eras[{i}]"), e, true);
    }
}

/// A v2 date: `"2011,3,23"`, `"1978"`, `"2011,3,23,14,30"`.
fn v2_date(s: &str) -> Option<Point> {
    let p: Vec<&str> = s.split(',').map(str::trim).collect();
    let get = |i: usize| p.get(i).copied().unwrap_or("");
    if let Some(point) = date_of(get(0), get(1), get(2), get(3), get(4), get(5)) {
        return Some(point);
    }
    dates::iso(s)
}

/// TimelineJS v2 JSON: `{"timeline": {"headline", "text", "date": […], "era": […]}}`.
pub fn v2(doc: &Value, b: &mut Builder) {
    let t = &doc["timeline"];
    b.report.map("date[].startDate / endDate", "when");
    b.report.map("headline", "title");
    b.report.map("text", "summary (and links → sources)");
    b.report.map("asset", "a source (media, caption, credit)");
    b.report.map("tag", "an actor (a lane) and a tag");
    b.report.map("era", "ranges tagged era");
    b.title = plain(b, &text_of(t.get("headline"))).0.replace('\n', " ");
    let (d, _) = plain(b, &text_of(t.get("text")));
    b.description = Some(d).filter(|d| !d.is_empty());
    for (key, era) in [("date", false), ("era", true)] {
        for (i, e) in t
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let media = e.get("asset").map(|a| {
                (
                    text_of(a.get("media")),
                    text_of(a.get("caption")),
                    text_of(a.get("credit")),
                )
            });
            add(
                b,
                Slide {
                    at: format!("timeline.{key}[{i}]"),
                    start: v2_date(&text_of(e.get("startDate"))),
                    end: v2_date(&text_of(e.get("endDate"))),
                    headline: text_of(e.get("headline")),
                    text: text_of(e.get("text")),
                    media,
                    group: text_of(e.get("tag")),
                    id: String::new(),
                    display_date: String::new(),
                    era,
                    attributes: Vec::new(),
                },
            );
        }
    }
}

/// The TimelineJS Google Sheets template, saved as CSV.
pub struct Sheet;

impl Sheet {
    /// Whether a header is the template's.
    pub fn fits(names: &[String]) -> bool {
        let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
        has("Headline") && (has("Year") || has("Start Date"))
    }
}

impl Mapper for Sheet {
    fn header(&mut self, _names: &[String], b: &mut Builder) -> Result<(), String> {
        b.report
            .map("Year, Month, Day, Time (or Start Date)", "when");
        b.report.map(
            "End Year, End Month, End Day, End Time (or End Date)",
            "when (end)",
        );
        b.report.map("Headline", "title");
        b.report.map("Text", "summary (and links → sources)");
        b.report
            .map("Media, Media Caption, Media Credit", "a source");
        b.report
            .map("Group (or Tag)", "an actor (a lane) and a tag");
        b.report.map(
            "Type: title / era",
            "the dataset's title / ranges tagged era",
        );
        b.report.map("Display Date", "a note");
        b.report
            .map("Background, Media Thumbnail, Alt Text", "attributes");
        Ok(())
    }

    fn row(&mut self, r: &Record, at: &dyn Fn() -> String, b: &mut Builder) {
        // Column names as the template spells them, whatever the case.
        let get = |name: &str| -> String {
            r.names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(name))
                .and_then(|i| r.values.get(i))
                .map_or(String::new(), |v| v.trim().to_string())
        };
        let typ = get("Type").to_ascii_lowercase();
        if typ == "title" {
            b.title = plain(b, &get("Headline")).0.replace('\n', " ");
            let (d, _) = plain(b, &get("Text"));
            b.description = Some(d).filter(|d| !d.is_empty());
            return;
        }
        let point = |prefix: &str| -> Option<Point> {
            let single = get(&format!("{prefix}Date"));
            if !single.is_empty() {
                return dates::any(&single, Some(dates::DateOrder::MonthFirst))
                    .or_else(|| date_of(&single, "", "", "", "", ""));
            }
            let (y, m, d) = (
                get(&format!("{prefix}Year")),
                get(&format!("{prefix}Month")),
                get(&format!("{prefix}Day")),
            );
            let clock = dates::clock(&get(&format!("{prefix}Time")));
            let base = date_of(&y, &m, &d, "", "", "")?;
            match (clock, m.is_empty() || d.is_empty()) {
                (Some(t), false) => dates::parts(
                    i64::from(chrono::Datelike::year(&base.first_day)),
                    Some(chrono::Datelike::month(&base.first_day)),
                    Some(chrono::Datelike::day(&base.first_day)),
                    Some(t),
                ),
                _ => Some(base),
            }
        };
        let start = point("Start ").or_else(|| point(""));
        let end = point("End ");
        let media = Some((get("Media"), get("Media Caption"), get("Media Credit")));
        let group = match get("Group") {
            g if g.is_empty() => get("Tag"),
            g => g,
        };
        let mut attributes = Vec::new();
        for k in ["Background", "Media Thumbnail", "Alt Text"] {
            let v = get(k);
            if !v.is_empty() {
                attributes.push((k.to_string(), v));
            }
        }
        add(
            b,
            Slide {
                at: at(),
                start,
                end,
                headline: get("Headline"),
                text: get("Text"),
                media,
                group,
                id: String::new(),
                display_date: get("Display Date"),
                era: typ == "era",
                attributes,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_parts_are_numbers_or_strings_and_empty_means_absent() {
        let w = |p: Option<Point>| When::Point(p.unwrap()).to_string();
        assert_eq!(w(date_of("1851", "", "", "", "", "")), "1851");
        assert_eq!(w(date_of("1963", "8", "9", "", "", "")), "1963-08-09");
        assert_eq!(
            w(date_of("2012", "11", "13", "19", "41", "")),
            "2012-11-13T19:41:00"
        );
        assert_eq!(
            w(date_of("-13800000000", "", "", "", "", "")),
            "Y-13800000000"
        );
        assert!(date_of("", "1", "1", "", "", "").is_none());
        assert_eq!(w(v2_date("2011,3,23")), "2011-03-23");
        assert_eq!(w(v2_date("1978")), "1978");
    }
}

//! `When`: an event's date as EDTF (levels 0 and 1) with its precision kept.
//!
//! Parsing is done by the `edtf` crate; this module turns its result into a compact value
//! with calendar arithmetic from chrono: the first and last day a date can mean and the sort
//! key. `wording` says a date in words for every face of annals (list, detail, command line).

mod wording;

pub use wording::{elapsed_text, relative_text, year_text};

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use edtf::level_1::{Certainty, Edtf, Precision as EdtfPrecision, Terminal};

/// How finely a date is known. Ordered from coarse to fine, so "coarser first" is `<`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Time,
}

/// EDTF qualifiers: `?` uncertain, `~` approximate, `%` both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Qualifier {
    #[default]
    Certain,
    Uncertain,
    Approximate,
    UncertainApproximate,
}

impl Qualifier {
    fn suffix(self) -> &'static str {
        match self {
            Qualifier::Certain => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::UncertainApproximate => "%",
        }
    }

    pub fn is_uncertain(self) -> bool {
        matches!(self, Qualifier::Uncertain | Qualifier::UncertainApproximate)
    }

    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::Approximate | Qualifier::UncertainApproximate
        )
    }
}

/// A time of day, as written: with a UTC offset in minutes (`Z` is 0) or none (local).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    pub time: NaiveTime,
    pub offset_minutes: Option<i32>,
    /// Whether seconds were written (`19:41:00`) or left out (`19:41`).
    pub seconds: bool,
}

/// One calendar date at a precision: a year, a month, a day, or an instant on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Point {
    /// The first day the date can mean (1 January for a year, the 1st for a month).
    pub first_day: NaiveDate,
    pub precision: Precision,
    pub time: Option<TimeOfDay>,
    pub qualifier: Qualifier,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum End {
    Point(Point),
    /// `..`: the interval is open on this side (it goes on).
    Open,
    /// empty: this end is not known.
    Unknown,
}

/// An event's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum When {
    Point(Point),
    Interval { start: End, end: End },
}

/// Why a `when` string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error(
        "cannot parse {0:?} as a date; use EDTF such as 2012, 2012-03, 2012-11-13, \
         2012-11-13T19:41Z, 2000-05-07/2008-05-07, 2011-12-05/.., 2012-09-08? or 2012-09~"
    )]
    Syntax(String),
    #[error("{0:?} is not a date on the calendar (month or day out of range)")]
    Impossible(String),
    #[error("{0:?}: {1} are not supported; give a year, month or day")]
    Unsupported(String, &'static str),
    #[error("{0:?}: the interval ends before it starts")]
    EndsBeforeStart(String),
}

impl Point {
    pub fn year(&self) -> i32 {
        self.first_day.year()
    }

    /// The last day the date can mean (31 December for a year).
    pub fn last_day(&self) -> NaiveDate {
        match self.precision {
            Precision::Year => {
                NaiveDate::from_ymd_opt(self.year(), 12, 31).unwrap_or(NaiveDate::MAX)
            }
            Precision::Month => last_day_of_month(self.first_day),
            Precision::Day | Precision::Time => self.first_day,
        }
    }

    /// The earliest instant the date can mean; a time with an offset is taken to UTC.
    pub fn earliest(&self) -> NaiveDateTime {
        let midnight = self.first_day.and_time(NaiveTime::MIN);
        match self.time {
            Some(t) => {
                let local = self.first_day.and_time(t.time);
                local - Duration::minutes(i64::from(t.offset_minutes.unwrap_or(0)))
            }
            None => midnight,
        }
    }

    fn write_edtf(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.first_day;
        write_year(f, d.year())?;
        if self.precision >= Precision::Month {
            write!(f, "-{:02}", d.month())?;
        }
        if self.precision >= Precision::Day {
            write!(f, "-{:02}", d.day())?;
        }
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}", t.time.hour(), t.time.minute())?;
            if t.seconds {
                write!(f, ":{:02}", t.time.second())?;
            }
            match t.offset_minutes {
                None => {}
                Some(0) => f.write_str("Z")?,
                Some(m) => {
                    let sign = if m < 0 { '-' } else { '+' };
                    write!(f, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)?;
                }
            }
        }
        f.write_str(self.qualifier.suffix())
    }
}

fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if year < 0 {
        write!(f, "-{:04}", -year)
    } else {
        write!(f, "{year:04}")
    }
}

fn last_day_of_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = (first.year(), first.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX)
}

impl When {
    /// Parses an EDTF level 0/1 string. `HH:MM` times without seconds are accepted too.
    pub fn parse(text: &str) -> Result<When, WhenError> {
        if let Some(day) = plain_day(text) {
            return Ok(When::Point(day));
        }
        let owned = text.to_string();
        let completed = complete_minutes(text);
        let edtf = Edtf::parse(completed.as_deref().unwrap_or(text)).map_err(|e| match e {
            edtf::ParseError::OutOfRange => WhenError::Impossible(owned.clone()),
            _ => WhenError::Syntax(owned.clone()),
        })?;
        let seconds = completed.is_none();
        let when = match edtf {
            Edtf::Date(d) => When::Point(point_from_date(d, &owned)?),
            Edtf::DateTime(dt) => When::Point(point_from_datetime(dt, seconds, &owned)?),
            Edtf::YYear(_) => {
                return Err(WhenError::Unsupported(owned, "years beyond ±9999"));
            }
            Edtf::Interval(a, b) => When::Interval {
                start: End::Point(point_from_date(a, &owned)?),
                end: End::Point(point_from_date(b, &owned)?),
            },
            Edtf::IntervalFrom(a, t) => When::Interval {
                start: End::Point(point_from_date(a, &owned)?),
                end: end_from_terminal(t),
            },
            Edtf::IntervalTo(t, b) => When::Interval {
                start: end_from_terminal(t),
                end: End::Point(point_from_date(b, &owned)?),
            },
        };
        if let When::Interval {
            start: End::Point(s),
            end: End::Point(e),
        } = when
            && e.last_day() < s.first_day
        {
            return Err(WhenError::EndsBeforeStart(owned));
        }
        Ok(when)
    }

    /// The point the event starts at, if it is known.
    pub fn start(&self) -> Option<&Point> {
        match self {
            When::Point(p) => Some(p),
            When::Interval {
                start: End::Point(p),
                ..
            } => Some(p),
            When::Interval { .. } => None,
        }
    }

    /// The point the event ends at, for an interval with a known end.
    pub fn end(&self) -> Option<&Point> {
        match self {
            When::Interval {
                end: End::Point(p), ..
            } => Some(p),
            _ => None,
        }
    }

    /// The point that anchors the event on the calendar: its start, or its end when the start
    /// is open or unknown.
    pub fn anchor(&self) -> &Point {
        match self {
            When::Point(p) => p,
            When::Interval { start, end } => match (start, end) {
                (End::Point(p), _) | (_, End::Point(p)) => p,
                // The parser never builds an interval without a dated end.
                _ => unreachable!("interval without any dated end"),
            },
        }
    }

    pub fn is_interval(&self) -> bool {
        matches!(self, When::Interval { .. })
    }

    /// Precision of the anchoring point.
    pub fn precision(&self) -> Precision {
        self.anchor().precision
    }

    /// Earliest possible start; an open or unknown start sorts first of all.
    pub fn earliest(&self) -> NaiveDateTime {
        match self.start() {
            Some(p) => p.earliest(),
            None => NaiveDateTime::MIN,
        }
    }

    /// The order of DESIGN §1: earliest possible start (the local calendar day), then coarser
    /// precision first, then, between times, the instant in UTC. (The id breaks remaining ties;
    /// see `Event::sort_cmp`.) An interval whose start is open or unknown is placed at its end,
    /// which is where it is shown.
    pub fn sort_cmp(&self, other: &When) -> Ordering {
        let (a, b) = (self.anchor(), other.anchor());
        a.first_day
            .cmp(&b.first_day)
            .then(a.precision.cmp(&b.precision))
            .then_with(|| a.earliest().cmp(&b.earliest()))
    }

    /// The end of an interval as written: a date, open (`..`) or unknown (empty).
    pub fn end_bound(&self) -> Option<&End> {
        match self {
            When::Interval { end, .. } => Some(end),
            When::Point(_) => None,
        }
    }

    /// The last day the event covers: its end's last day, or its anchor's when it has no
    /// dated end (an open or unknown end is not guessed).
    pub fn last_day(&self) -> NaiveDate {
        match self.end() {
            Some(p) => p.last_day(),
            None => self.anchor().last_day(),
        }
    }

    /// The first and last day the event may cover: a month spans its month, a range its
    /// whole length, and an open or unknown side reaches the end of time on that side.
    /// (Filters keep an event whose days overlap their bounds; the time axis draws and
    /// counts these days, clipped to what it shows.)
    pub fn reach(&self) -> (NaiveDate, NaiveDate) {
        let first = self.start().map_or(NaiveDate::MIN, |p| p.first_day);
        let last = match self {
            When::Point(p) => p.last_day(),
            When::Interval { .. } => self.end().map_or(NaiveDate::MAX, |p| p.last_day()),
        };
        (first, last)
    }

    /// The year the event is listed under in the timeline.
    pub fn year(&self) -> i32 {
        self.anchor().year()
    }
}

fn end_from_terminal(t: Terminal) -> End {
    match t {
        Terminal::Open => End::Open,
        Terminal::Unknown => End::Unknown,
    }
}

fn qualifier(c: Certainty) -> Qualifier {
    match c {
        Certainty::Certain => Qualifier::Certain,
        Certainty::Uncertain => Qualifier::Uncertain,
        Certainty::Approximate => Qualifier::Approximate,
        Certainty::ApproximateUncertain => Qualifier::UncertainApproximate,
    }
}

/// A plain `YYYY-MM-DD` day of years 1000–9999, the usual case, read without the EDTF
/// parser. Anything else (or a day that does not exist) is left to it.
fn plain_day(text: &str) -> Option<Point> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || b[0] == b'0' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let first_day = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    Some(Point {
        first_day,
        precision: Precision::Day,
        time: None,
        qualifier: Qualifier::Certain,
    })
}

fn point_from_date(d: edtf::level_1::Date, text: &str) -> Result<Point, WhenError> {
    let (precision, first) = match d.precision() {
        EdtfPrecision::Year(y) => (Precision::Year, NaiveDate::from_ymd_opt(y, 1, 1)),
        EdtfPrecision::Month(y, m) => (Precision::Month, NaiveDate::from_ymd_opt(y, m, 1)),
        EdtfPrecision::Day(y, m, day) => (Precision::Day, NaiveDate::from_ymd_opt(y, m, day)),
        EdtfPrecision::Season(..) => {
            return Err(WhenError::Unsupported(text.to_string(), "seasons"));
        }
        _ => {
            return Err(WhenError::Unsupported(
                text.to_string(),
                "unspecified digits (X)",
            ));
        }
    };
    let first_day = first.ok_or_else(|| WhenError::Impossible(text.to_string()))?;
    Ok(Point {
        first_day,
        precision,
        time: None,
        qualifier: qualifier(d.certainty()),
    })
}

fn point_from_datetime(dt: edtf::DateTime, seconds: bool, text: &str) -> Result<Point, WhenError> {
    let date = dt.date();
    let time = dt.time();
    let first_day = NaiveDate::from_ymd_opt(date.year(), date.month(), date.day())
        .ok_or_else(|| WhenError::Impossible(text.to_string()))?;
    // A leap second (23:59:60) is the last instant of its minute for chrono.
    let naive = match time.second() {
        60 => NaiveTime::from_hms_milli_opt(time.hour(), time.minute(), 59, 1000),
        s => NaiveTime::from_hms_opt(time.hour(), time.minute(), s),
    }
    .ok_or_else(|| WhenError::Impossible(text.to_string()))?;
    let offset_minutes = match time.offset() {
        edtf::TzOffset::Unspecified => None,
        edtf::TzOffset::Utc => Some(0),
        edtf::TzOffset::Hours(h) => Some(h * 60),
        edtf::TzOffset::Minutes(m) => Some(m),
    };
    Ok(Point {
        first_day,
        precision: Precision::Time,
        time: Some(TimeOfDay {
            time: naive,
            offset_minutes,
            seconds,
        }),
        qualifier: Qualifier::Certain,
    })
}

/// `2012-11-13T19:41Z` → `2012-11-13T19:41:00Z`, for a parser that wants seconds.
fn complete_minutes(text: &str) -> Option<String> {
    let t = text.find('T')?;
    let rest = &text[t + 1..];
    let clock_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let clock = &rest[..clock_len];
    let shaped = clock.len() == 5 && clock.as_bytes()[2] == b':';
    shaped.then(|| format!("{}:00{}", &text[..t + 1 + clock_len], &rest[clock_len..]))
}

impl fmt::Display for When {
    /// The canonical EDTF text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |f: &mut fmt::Formatter<'_>, e: &End| match e {
            End::Point(p) => p.write_edtf(f),
            End::Open => f.write_str(".."),
            End::Unknown => Ok(()),
        };
        match self {
            When::Point(p) => p.write_edtf(f),
            When::Interval { start, end: stop } => {
                end(f, start)?;
                f.write_str("/")?;
                end(f, stop)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> When {
        When::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn the_plain_day_shortcut_agrees_with_the_edtf_parser() {
        for text in ["2012-11-13", "1000-01-01", "9999-12-31", "2012-02-29"] {
            let fast = plain_day(text).expect("a plain day");
            let edtf = Edtf::parse(text).unwrap();
            let Edtf::Date(d) = edtf else { panic!() };
            assert_eq!(fast, point_from_date(d, text).unwrap(), "{text}");
        }
        // Not plain days: left to the EDTF parser, which accepts or refuses them.
        for text in [
            "2013-02-29",
            "0999-01-01",
            "2012-11-13?",
            "2012-1-13",
            "20121113xx",
            "２０１２-11-13",
        ] {
            assert_eq!(plain_day(text), None, "{text}");
        }
        assert!(When::parse("2013-02-29").is_err());
    }

    #[test]
    fn times_with_and_without_seconds() {
        let t = w("2012-11-13T19:41Z");
        assert_eq!(t.precision(), Precision::Time);
        assert_eq!(t.to_string(), "2012-11-13T19:41Z");
        assert_eq!(t.short(), "13 Nov 2012 19:41 UTC");
        assert_eq!(
            w("2012-11-13T21:32:00+04:00").to_string(),
            "2012-11-13T21:32:00+04:00"
        );
        // 21:32 in Moscow is 17:32 UTC, before 19:41 UTC.
        assert_eq!(w("2012-11-13T21:32:00+04:00").sort_cmp(&t), Ordering::Less);
    }

    #[test]
    fn local_days_sort_before_instants_and_open_starts_sit_at_their_end() {
        // 22:00 in New York on the 12th is the 13th in UTC, but it is shown, and sorted, as
        // the 12th.
        let evening = w("2012-11-12T22:00-05:00");
        assert_eq!(evening.sort_cmp(&w("2012-11-13")), Ordering::Less);
        let before = w("../2005-03");
        assert_eq!(before.sort_cmp(&w("2004")), Ordering::Greater);
        assert_eq!(before.sort_cmp(&w("2005-04")), Ordering::Less);
        assert_eq!(before.long(), "until March 2005");
        assert_eq!(w("2011-12-05/").long(), "Mon 5 Dec 2011 – unknown end");
        assert_eq!(w("2011-12-05/..").long(), "Mon 5 Dec 2011 – ongoing");
        assert!(When::parse("2016-12-31T23:59:60Z").is_ok());
        assert_eq!(year_text(-44), "45 BCE");
    }

    #[test]
    fn canonical_text_round_trips() {
        for s in [
            "2012",
            "2012-03",
            "2012-11-13",
            "2000-05-07/2008-05-07",
            "2011-12-05/..",
            "2011-12-05/",
            "../2012",
            "2012-09-08?",
            "2012-09~",
            "2012%",
            "-0044-03-15",
        ] {
            assert_eq!(w(s).to_string(), s);
        }
    }

    #[test]
    fn bad_dates_are_refused_with_a_reason() {
        assert!(matches!(
            When::parse("2012-02-30"),
            Err(WhenError::Impossible(_))
        ));
        assert!(matches!(
            When::parse("2012-13"),
            Err(WhenError::Impossible(_))
        ));
        assert!(matches!(
            When::parse("13/11/2012"),
            Err(WhenError::Syntax(_))
        ));
        assert!(matches!(When::parse(""), Err(WhenError::Syntax(_))));
        assert!(matches!(
            When::parse("2012-21"),
            Err(WhenError::Unsupported(..))
        ));
        assert!(matches!(
            When::parse("2012-XX"),
            Err(WhenError::Unsupported(..))
        ));
        assert!(matches!(
            When::parse("2008-05-07/2000-05-07"),
            Err(WhenError::EndsBeforeStart(_))
        ));
        // Same month at two precisions is not "ending before".
        assert!(When::parse("2012-05/2012-05-31").is_ok());
    }

    #[test]
    fn sorting_is_earliest_start_then_coarser_first() {
        let mut v = [
            w("2012-03-04"),
            w("2012-03"),
            w("2012"),
            w("2011-12-05/2012-09-15"),
        ];
        v.sort_by(|a, b| a.sort_cmp(b));
        let texts: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            texts,
            ["2011-12-05/2012-09-15", "2012", "2012-03", "2012-03-04"]
        );
    }
}

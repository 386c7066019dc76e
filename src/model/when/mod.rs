//! `When`: an event's date as EDTF (levels 0 and 1) with its precision kept.
//!
//! A compact value with calendar arithmetic from chrono: the first and last day a date can
//! mean and the sort key. `edtf` reads EDTF text (through the `edtf` crate) and writes it
//! back; `wording` says a date in words for every face of annals (list, detail, command line).

mod edtf;
mod wording;

pub use wording::{
    DateOrder, date_order, day_month, day_text, elapsed_about, elapsed_text, relative_text,
    set_date_order, year_text,
};

use std::cmp::Ordering;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

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

    /// What `sort_cmp` compares, as one value (the calendar day, the precision, the earliest
    /// instant): sorting many dates by their keys, made once each, costs less than comparing
    /// the dates again at every step.
    pub fn sort_key(&self) -> (NaiveDate, Precision, NaiveDateTime) {
        let a = self.anchor();
        (a.first_day, a.precision, a.earliest())
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

    /// The days the time axis draws for the event: as `reach`, except that an unknown end
    /// (`2011-12-05/`: it ended, no one knows when) is drawn only as far as what is known —
    /// its start — where an open end (`..`, still going on) reaches the end of time. The axis
    /// never shows coverage the record does not give; filters still keep such an event
    /// wherever it may have reached.
    pub fn drawn_reach(&self) -> (NaiveDate, NaiveDate) {
        match self {
            When::Interval {
                end: End::Unknown, ..
            } => (self.reach().0, self.anchor().last_day()),
            _ => self.reach(),
        }
    }

    /// The year the event is listed under in the timeline.
    pub fn year(&self) -> i32 {
        self.anchor().year()
    }
}

// ---------------------------------------------------------------------------------------------
// Deep time. TimelineJS's cosmological scale has years such as −13,800,000,000, far beyond
// what a calendar date (chrono's, ±262,143 years) holds. A year of 100,000 or more (either
// way) is kept to four significant digits, in a calendar year of its own: 100,000 + 10,000 ×
// the power of ten + the four digits (less 1000), signed. The order of years is kept, so
// everything that sorts, filters and lays out by day works unchanged; only the wording and the
// EDTF text decode it.

/// From this many years either way, a year is deep time (kept to four significant digits).
pub const DEEP: i64 = 100_000;

/// The calendar year that stands for `year` (every `i64` has one).
pub fn encode_year(year: i64) -> Option<i32> {
    let magnitude = year.unsigned_abs();
    if magnitude < DEEP as u64 {
        return i32::try_from(year).ok();
    }
    let digits = magnitude.ilog10() + 1;
    let power = digits - 4;
    let mantissa = magnitude / 10u64.pow(power);
    let encoded = DEEP as u64 + u64::from(power) * 10_000 + (mantissa - 1000);
    let encoded = i32::try_from(encoded).ok()?;
    Some(if year < 0 { -encoded } else { encoded })
}

/// The year a calendar year stands for (itself, below deep time).
pub fn decode_year(year: i32) -> i64 {
    let magnitude = i64::from(year).abs();
    if magnitude < DEEP {
        return i64::from(year);
    }
    let rest = magnitude - DEEP;
    let (power, mantissa) = (rest / 10_000, rest % 10_000 + 1000);
    let value = mantissa.saturating_mul(10i64.saturating_pow(power as u32));
    if year < 0 { -value } else { value }
}

impl Point {
    /// One day, certain.
    pub fn day(first_day: NaiveDate) -> Point {
        Point {
            first_day,
            precision: Precision::Day,
            time: None,
            qualifier: Qualifier::Certain,
        }
    }

    /// A year, deep time included (`None` when it cannot be held).
    pub fn of_year(year: i64) -> Option<Point> {
        let first_day = NaiveDate::from_ymd_opt(encode_year(year)?, 1, 1)?;
        Some(Point {
            first_day,
            precision: Precision::Year,
            time: None,
            qualifier: Qualifier::Certain,
        })
    }
}

/// A day written `YYYY-MM-DD`, for tests.
#[cfg(test)]
pub(crate) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> When {
        When::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn deep_years_keep_four_digits_and_their_order() {
        for (y, back) in [
            (2012, 2012),
            (-44, -44),
            (99_999, 99_999),
            (100_000, 100_000),
            (-13_800_000_000, -13_800_000_000),
            (4_567_890_123, 4_567_000_000),
            (-65_432_109, -65_430_000),
        ] {
            assert_eq!(decode_year(encode_year(y).unwrap()), back, "{y}");
        }
        let years = [
            -13_800_000_000i64,
            -4_600_000_000,
            -65_000_000,
            -200_000,
            -10,
            5,
            300_000,
        ];
        let encoded: Vec<i32> = years.iter().map(|&y| encode_year(y).unwrap()).collect();
        assert!(encoded.windows(2).all(|w| w[0] < w[1]), "{encoded:?}");
        assert!(
            encoded
                .iter()
                .all(|&e| NaiveDate::from_ymd_opt(e, 1, 1).is_some())
        );
        // The largest years still have a calendar year of their own.
        let min = encode_year(i64::MIN).unwrap();
        assert!(NaiveDate::from_ymd_opt(min, 1, 1).is_some());
        assert_eq!(decode_year(min), -9_223_000_000_000_000_000);
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

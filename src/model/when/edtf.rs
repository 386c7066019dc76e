//! EDTF text: parsing (by the `edtf` crate, with a shortcut for plain days) and the canonical
//! text a date is written back as.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use edtf::level_1::{Certainty, Edtf, Precision as EdtfPrecision, Terminal};

use super::{End, Point, Precision, Qualifier, TimeOfDay, When, WhenError};

impl When {
    /// Parses an EDTF level 0/1 string. `HH:MM` times without seconds are accepted too.
    pub fn parse(text: &str) -> Result<When, WhenError> {
        if let Some(day) = plain_day(text) {
            return Ok(When::Point(day));
        }
        let owned = text.to_string();
        // An interval with a deep-time year (`Y-13800000000/Y-4600000000`) or with a time of
        // day on a side (`2012-11-13T19:41Z/2012-12`, as ISO 8601 writes them and importers
        // make them), which EDTF level 1 does not have: each side read on its own.
        if (text.contains('Y') || text.contains('T'))
            && let Some((a, b)) = text.split_once('/')
        {
            let side = |s: &str| match s {
                ".." => Ok(End::Open),
                "" => Ok(End::Unknown),
                s => match When::parse(s)? {
                    When::Point(p) => Ok(End::Point(p)),
                    _ => Err(WhenError::Syntax(owned.clone())),
                },
            };
            let (start, end) = (side(a)?, side(b)?);
            if let (End::Point(s), End::Point(e)) = (start, end)
                && e.last_day() < s.first_day
            {
                return Err(WhenError::EndsBeforeStart(owned));
            }
            if matches!(start, End::Point(_)) || matches!(end, End::Point(_)) {
                return Ok(When::Interval { start, end });
            }
            return Err(WhenError::Syntax(owned));
        }
        let completed = complete_minutes(text);
        let edtf = Edtf::parse(completed.as_deref().unwrap_or(text)).map_err(|e| match e {
            edtf::ParseError::OutOfRange => WhenError::Impossible(owned.clone()),
            _ => WhenError::Syntax(owned.clone()),
        })?;
        let seconds = completed.is_none();
        let when = match edtf {
            Edtf::Date(d) => When::Point(point_from_date(d, &owned)?),
            Edtf::DateTime(dt) => When::Point(point_from_datetime(dt, seconds, &owned)?),
            Edtf::YYear(y) => When::Point(
                Point::of_year(y.value())
                    .ok_or(WhenError::Unsupported(owned.clone(), "years this far"))?,
            ),
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
}

impl Point {
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

/// A year as EDTF writes it: four digits (`-0044`), or `Y` and the digits beyond ±9999.
fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    let year = super::decode_year(year);
    if year.abs() > 9999 {
        write!(f, "Y{year}")
    } else if year < 0 {
        write!(f, "-{:04}", -year)
    } else {
        write!(f, "{year:04}")
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
    use std::cmp::Ordering;

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
}

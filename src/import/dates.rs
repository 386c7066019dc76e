//! Dates as other tools write them, made into annals dates at the precision given: ISO 8601
//! dates and times (with `T` or a space, an offset or none, fractions of a second dropped),
//! epoch seconds, milliseconds and microseconds, engines' `YYYYMMDD` and `YYYYMMDDHHMMSS`,
//! `DD/MM/YYYY` or `MM/DD/YYYY`, a year or a month alone, and TimelineJS's date parts.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::model::when::TimeOfDay;
use crate::model::{Point, Precision, Qualifier};

/// Which comes first in `01/02/2012`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

pub(crate) fn day(first_day: NaiveDate, precision: Precision) -> Point {
    Point {
        first_day,
        precision,
        time: None,
        qualifier: Qualifier::Certain,
    }
}

/// An instant on a day, with its offset from UTC in minutes (`None`: local time).
fn instant(at: NaiveDateTime, offset_minutes: Option<i32>) -> Point {
    Point {
        first_day: at.date(),
        precision: Precision::Time,
        time: Some(TimeOfDay {
            time: at.time().with_nanosecond(0).unwrap_or(at.time()),
            offset_minutes,
            seconds: true,
        }),
        qualifier: Qualifier::Certain,
    }
}

/// An ISO 8601 date or date-time: `2015-07-24`, `2015-07`, `2015`, `2015-07-24T19:01:01Z`,
/// `2015-07-24 19:01:01+0000`, `2024-07-24T10:57:02.877297Z`, `2015-07-24T19:01` (local).
pub fn iso(s: &str) -> Option<Point> {
    let s = s.trim();
    if s.len() <= 10 {
        return plain(s);
    }
    let t = s.replacen(' ', "T", 1);
    // `+0000` and `+00` as RFC 3339 wants them.
    let fixed = fix_offset(&t);
    if let Ok(dt) = DateTime::parse_from_rfc3339(&fixed) {
        return Some(instant(
            dt.naive_local(),
            Some(dt.offset().local_minus_utc() / 60),
        ));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(&t, f) {
            return Some(instant(at, None));
        }
    }
    None
}

/// `+0000` → `+00:00`, `+00` → `+00:00` at the end of a date-time.
fn fix_offset(t: &str) -> String {
    let bytes = t.as_bytes();
    let n = bytes.len();
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    if n > 5 && matches!(bytes[n - 5], b'+' | b'-') && digits(n - 4..n) {
        return format!("{}:{}", &t[..n - 2], &t[n - 2..]);
    }
    if n > 3 && matches!(bytes[n - 3], b'+' | b'-') && digits(n - 2..n) && t[..n - 3].contains(':')
    {
        return format!("{t}:00");
    }
    t.to_string()
}

/// `2015`, `2015-07`, `2015-07-24`.
fn plain(s: &str) -> Option<Point> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<i32>().ok();
    match parts[..] {
        [y] if y.len() == 4 => Some(day(
            NaiveDate::from_ymd_opt(num(y)?, 1, 1)?,
            Precision::Year,
        )),
        [y, m] if y.len() == 4 => Some(day(
            NaiveDate::from_ymd_opt(num(y)?, num(m)? as u32, 1)?,
            Precision::Month,
        )),
        [y, m, d] if y.len() == 4 => Some(day(
            NaiveDate::from_ymd_opt(num(y)?, num(m)? as u32, num(d)? as u32)?,
            Precision::Day,
        )),
        _ => None,
    }
}

/// The compact forms engines write: `20121106` (GDELT's SQLDATE, an integer `YYYYMMDD`) and
/// `20121106143000` (its DATEADDED, `YYYYMMDDHHMMSS`, in UTC). A 14-digit number read as
/// epoch milliseconds would fall after 2286, so the calendar reading wins.
pub fn compact(s: &str) -> Option<Point> {
    let s = s.trim();
    if !matches!(s.len(), 8 | 14) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let date = NaiveDate::from_ymd_opt(n(0..4)? as i32, n(4..6)?, n(6..8)?)?;
    if s.len() == 8 {
        return Some(day(date, Precision::Day));
    }
    let time = NaiveTime::from_hms_opt(n(8..10)?, n(10..12)?, n(12..14)?)?;
    Some(instant(date.and_time(time), Some(0)))
}

/// An instant in UTC from epoch seconds (up to 11 digits), milliseconds (12–14) or
/// microseconds (15 and more).
pub fn epoch(s: &str) -> Option<Point> {
    let s = s.trim();
    let digits = s.trim_start_matches('-');
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let micros = match digits.len() {
        1..=11 => n.checked_mul(1_000_000)?,
        12..=14 => n.checked_mul(1_000)?,
        _ => n,
    };
    epoch_micros(micros)
}

/// An instant in UTC from epoch microseconds.
pub fn epoch_micros(micros: i64) -> Option<Point> {
    let at = DateTime::from_timestamp_micros(micros)?;
    Some(instant(at.naive_utc(), Some(0)))
}

/// `24/07/2015`, `7/24/2015`, `24.07.2015` in the given order; `None` if not of that shape.
pub fn numeric(s: &str, order: DateOrder) -> Option<Point> {
    let (a, b, y) = numeric_parts(s)?;
    let (d, m) = match order {
        DateOrder::DayFirst => (a, b),
        DateOrder::MonthFirst => (b, a),
    };
    Some(day(NaiveDate::from_ymd_opt(y, m, d)?, Precision::Day))
}

fn numeric_parts(s: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = s.trim().split(['/', '.', '-']).collect();
    let [a, b, y] = parts[..] else { return None };
    if y.len() != 4 || a.is_empty() || b.is_empty() || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

/// Which order a column's numeric dates are in, from its values: a first part over 12 means
/// day first, a second over 12 month first. `Ok(None)` when no value tells; an error when
/// values say both.
pub fn order_of<'a>(values: impl Iterator<Item = &'a str>) -> Result<Option<DateOrder>, String> {
    let (mut day_first, mut month_first) = (None, None);
    for v in values {
        if let Some((a, b, _)) = numeric_parts(v) {
            if a > 12 {
                day_first.get_or_insert(v.to_string());
            }
            if b > 12 {
                month_first.get_or_insert(v.to_string());
            }
        }
    }
    match (day_first, month_first) {
        (Some(d), Some(m)) => Err(format!(
            "the dates mix day-first ({d}) and month-first ({m}) orders"
        )),
        (Some(_), None) => Ok(Some(DateOrder::DayFirst)),
        (None, Some(_)) => Ok(Some(DateOrder::MonthFirst)),
        (None, None) => Ok(None),
    }
}

/// Whether a value is a numeric date whose order matters (`03/04/2012`).
pub fn is_numeric(s: &str) -> bool {
    numeric_parts(s).is_some()
}

/// Anything a spreadsheet's date column may hold: ISO, a year, a month, epoch seconds or
/// milliseconds, or a numeric date in `order` (when it is known).
pub fn any(s: &str, order: Option<DateOrder>) -> Option<Point> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(p) = iso(s) {
        return Some(p);
    }
    if let Some(p) = compact(s) {
        return Some(p);
    }
    if s.len() >= 9
        && let Some(p) = epoch(s)
    {
        return Some(p);
    }
    if let Some(order) = order {
        return numeric(s, order);
    }
    None
}

/// A time of day as sheets write it: `21:30`, `9:30 PM`, `9:30:15.250 am`.
pub fn clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim().to_ascii_lowercase();
    let (t, pm) = if let Some(t) = s.strip_suffix("pm") {
        (t.trim(), Some(true))
    } else if let Some(t) = s.strip_suffix("am") {
        (t.trim(), Some(false))
    } else {
        (s.as_str(), None)
    };
    let mut parts = t.split(':');
    let mut h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts.next().map_or(Some(0), |p| p.trim().parse().ok())?;
    let sec: f64 = parts.next().map_or(Some(0.0), |p| p.trim().parse().ok())?;
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    NaiveTime::from_hms_opt(h, m, sec as u32)
}

/// TimelineJS date parts: a year (deep time included) and what else is given.
pub fn parts(
    year: i64,
    month: Option<u32>,
    day_of_month: Option<u32>,
    time: Option<NaiveTime>,
) -> Option<Point> {
    let Some(month) = month else {
        return Point::of_year(year);
    };
    let y = i32::try_from(year).ok()?;
    let Some(d) = day_of_month else {
        return Some(day(NaiveDate::from_ymd_opt(y, month, 1)?, Precision::Month));
    };
    let date = NaiveDate::from_ymd_opt(y, month, d)?;
    Some(match time {
        Some(t) => instant(date.and_time(t), None),
        None => day(date, Precision::Day),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::When;

    fn w(p: Option<Point>) -> String {
        When::Point(p.unwrap()).to_string()
    }

    #[test]
    fn iso_dates_and_times_keep_their_precision_and_offset() {
        assert_eq!(w(iso("2015-07-24T19:01:01+00:00")), "2015-07-24T19:01:01Z");
        assert_eq!(w(iso("2015-07-24 19:01:01+0000")), "2015-07-24T19:01:01Z");
        assert_eq!(
            w(iso("2024-07-24T10:57:02.877297Z")),
            "2024-07-24T10:57:02Z"
        );
        assert_eq!(
            w(iso("2012-03-14T04:17:38+04:00")),
            "2012-03-14T04:17:38+04:00"
        );
        assert_eq!(w(iso("2012-03-14 04:17:38")), "2012-03-14T04:17:38");
        assert_eq!(w(iso("2012-03")), "2012-03");
        assert_eq!(w(iso("2012")), "2012");
        assert!(iso("2012-13-01").is_none());
        assert!(iso("yesterday").is_none());
    }

    #[test]
    fn compact_dates_as_engines_write_them() {
        assert_eq!(w(any("20121106", None)), "2012-11-06");
        assert_eq!(w(any("20121113143000", None)), "2012-11-13T14:30:00Z");
        assert!(compact("20121340").is_none());
        assert!(compact("2012110").is_none());
        // Not a calendar date: read as epoch milliseconds, as before.
        assert_eq!(w(any("1532703487000", None)), "2018-07-27T14:58:07Z");
    }

    #[test]
    fn epochs_by_their_length() {
        assert_eq!(w(epoch("1532703487")), "2018-07-27T14:58:07Z");
        assert_eq!(w(epoch("1532703487000")), "2018-07-27T14:58:07Z");
        assert_eq!(w(epoch("1532703487000000")), "2018-07-27T14:58:07Z");
        assert!(epoch("12ab").is_none());
    }

    #[test]
    fn numeric_dates_take_an_order_from_the_data_or_from_the_person() {
        assert_eq!(w(numeric("24/07/2015", DateOrder::DayFirst)), "2015-07-24");
        assert_eq!(w(numeric("7/24/2015", DateOrder::MonthFirst)), "2015-07-24");
        assert!(numeric("24/07/2015", DateOrder::MonthFirst).is_none());
        let day_first = ["01/02/2012", "24/07/2015"];
        assert_eq!(
            order_of(day_first.into_iter()),
            Ok(Some(DateOrder::DayFirst))
        );
        assert_eq!(order_of(["01/02/2012"].into_iter()), Ok(None));
        assert!(order_of(["24/07/2015", "07/24/2015"].into_iter()).is_err());
    }

    #[test]
    fn sheet_times_and_timelinejs_parts() {
        assert_eq!(clock("9:30 PM"), NaiveTime::from_hms_opt(21, 30, 0));
        assert_eq!(clock("12:05 am"), NaiveTime::from_hms_opt(0, 5, 0));
        assert_eq!(clock("21:30:15.5"), NaiveTime::from_hms_opt(21, 30, 15));
        assert_eq!(w(parts(1963, Some(8), Some(9), None)), "1963-08-09");
        assert_eq!(w(parts(1963, Some(8), None, None)), "1963-08");
        assert_eq!(w(parts(-13_800_000_000, None, None, None)), "Y-13800000000");
        assert!(parts(2012, Some(2), Some(30), None).is_none());
    }
}

//! Date bounds as people type them: `2012`, `2012-09`, `2012-09-18`, and ranges `FROM..TO`.

use crate::model::{Precision, When};

/// Why a date bound was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadDate {
    #[error("{0:?} is not a date; use a year (2012), a month (2012-09) or a day (2012-09-18)")]
    NotADate(String),
    /// A range whose end comes before its start.
    #[error("{0:?}: the end is before the start")]
    Backwards(String),
}

/// Parses a date bound: `2012`, `2012-09` or `2012-09-18`. The bound means the whole period.
pub fn parse_date(text: &str) -> Result<crate::model::Point, BadDate> {
    let bad = || BadDate::NotADate(text.to_string());
    let t = text.trim();
    let shaped = matches!(t.len(), 4 | 7 | 10) && t.chars().all(|c| c.is_ascii_digit() || c == '-');
    if !shaped {
        return Err(bad());
    }
    match When::parse(t) {
        Ok(When::Point(p))
            if p.precision <= Precision::Day && p.qualifier == Default::default() =>
        {
            Ok(p)
        }
        _ => Err(bad()),
    }
}

/// Parses date bounds as typed in the browser: `2012-09..2012-11`, `2012..`, `..2008`, or one
/// date for its whole period (`2012` is all of 2012). Empty means no bounds.
pub fn parse_bounds(
    text: &str,
) -> Result<(Option<crate::model::Point>, Option<crate::model::Point>), BadDate> {
    let t = text.trim();
    if t.is_empty() {
        return Ok((None, None));
    }
    let side = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            Ok(None)
        } else {
            parse_date(s).map(Some)
        }
    };
    match t.split_once("..") {
        Some((from, to)) => {
            let (from, to) = (side(from)?, side(to)?);
            if let (Some(f), Some(t)) = (from, to)
                && t.last_day() < f.first_day
            {
                return Err(BadDate::Backwards(text.to_string()));
            }
            Ok((from, to))
        }
        None => {
            let d = parse_date(t)?;
            Ok((Some(d), Some(d)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_take_three_precisions_only() {
        assert_eq!(parse_date("2012").unwrap().precision, Precision::Year);
        assert_eq!(parse_date("2012-09").unwrap().precision, Precision::Month);
        assert_eq!(parse_date("2012-09-18").unwrap().precision, Precision::Day);
        for bad in [
            "2012-13",
            "12/09/2012",
            "2012-09-31",
            "2012?",
            "2000/2008",
            "",
            "20120",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date("sept").unwrap_err().to_string(),
            "\"sept\" is not a date; use a year (2012), a month (2012-09) or a day (2012-09-18)"
        );
    }

    #[test]
    fn bounds_take_ranges_open_ends_and_single_periods() {
        let (f, t) = parse_bounds("2012-09..2012-11").unwrap();
        assert_eq!(
            (f.unwrap().short(), t.unwrap().short()),
            ("Sep 2012".into(), "Nov 2012".into())
        );
        let (f, t) = parse_bounds("2012").unwrap();
        assert_eq!(f, t);
        assert_eq!(parse_bounds("..2008").unwrap().0, None);
        assert_eq!(parse_bounds(" ").unwrap(), (None, None));
        assert!(parse_bounds("2012..2011").is_err());
        assert!(parse_bounds("2012..sept").is_err());
    }
}

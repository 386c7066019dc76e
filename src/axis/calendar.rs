//! Calendar units for zooming and stepping: decade, year, quarter, month, week (from Monday)
//! and day, each aligned to the calendar, and the zoom levels built on them.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::Window;
use crate::model::when::year_text;

/// A calendar unit, coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Decade,
    Year,
    Quarter,
    Month,
    Week,
    Day,
}

impl Unit {
    pub const ALL: [Unit; 6] = [
        Unit::Decade,
        Unit::Year,
        Unit::Quarter,
        Unit::Month,
        Unit::Week,
        Unit::Day,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Unit::Decade => "decade",
            Unit::Year => "year",
            Unit::Quarter => "quarter",
            Unit::Month => "month",
            Unit::Week => "week",
            Unit::Day => "day",
        }
    }

    /// The first day of the unit a day falls in (weeks start on Monday).
    pub fn floor(self, d: NaiveDate) -> NaiveDate {
        let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d);
        match self {
            Unit::Decade => ymd(d.year() - d.year().rem_euclid(10), 1),
            Unit::Year => ymd(d.year(), 1),
            Unit::Quarter => ymd(d.year(), d.month0() / 3 * 3 + 1),
            Unit::Month => ymd(d.year(), d.month()),
            Unit::Week => d
                .checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
                .unwrap_or(d),
            Unit::Day => d,
        }
    }

    /// `d` moved by `n` units (back when negative); dates past the calendar's ends stay put.
    pub fn step(self, d: NaiveDate, n: i32) -> NaiveDate {
        let months = |m: i64| -> Option<NaiveDate> {
            let m = u32::try_from(m.unsigned_abs()).ok()?;
            if n >= 0 {
                d.checked_add_months(Months::new(m))
            } else {
                d.checked_sub_months(Months::new(m))
            }
        };
        let days = |k: i64| -> Option<NaiveDate> {
            let k = k.unsigned_abs();
            if n >= 0 {
                d.checked_add_days(Days::new(k))
            } else {
                d.checked_sub_days(Days::new(k))
            }
        };
        let n64 = i64::from(n);
        match self {
            Unit::Decade => months(n64 * 120),
            Unit::Year => months(n64 * 12),
            Unit::Quarter => months(n64 * 3),
            Unit::Month => months(n64),
            Unit::Week => days(n64 * 7),
            Unit::Day => days(n64),
        }
        .unwrap_or(d)
    }

    /// The whole unit a day falls in, as a window.
    pub fn window(self, d: NaiveDate) -> Window {
        let first = self.floor(d);
        let next = self.step(first, 1);
        // Past the end of the calendar the unit runs to its last day.
        let last = match next.pred_opt() {
            Some(l) if next > first => l,
            _ => NaiveDate::MAX,
        };
        Window::new(first, last)
    }

    /// The unit a day falls in, for people: "2010s", "2012", "Q4 2012", "November 2012",
    /// "week of 12 Nov 2012", "Tue 13 Nov 2012".
    pub fn title(self, d: NaiveDate) -> String {
        let f = self.floor(d);
        match self {
            Unit::Decade if f.year() > 0 => format!("{}s", f.year()),
            Unit::Decade => format!("{}–{}", year_text(f.year()), year_text(f.year() + 9)),
            Unit::Year => year_text(f.year()),
            Unit::Quarter => format!("Q{} {}", f.month0() / 3 + 1, year_text(f.year())),
            Unit::Month => format!("{} {}", f.format("%B"), year_text(f.year())),
            Unit::Week => format!(
                "week of {}",
                crate::model::when::day_text(f, crate::model::when::date_order())
            ),
            Unit::Day => format!(
                "{} {}",
                f.format("%a"),
                crate::model::when::day_text(f, crate::model::when::date_order())
            ),
        }
    }

    /// A number that is the same for every day of one unit and grows with time: which unit
    /// a day is in, to compare "same year", "next quarter"…
    pub fn index(self, d: NaiveDate) -> i64 {
        let y = i64::from(d.year());
        let m = i64::from(d.month0());
        match self {
            Unit::Decade => y.div_euclid(10),
            Unit::Year => y,
            Unit::Quarter => y * 4 + m / 3,
            Unit::Month => y * 12 + m,
            Unit::Week => super::day_number(self.floor(d)).div_euclid(7),
            Unit::Day => super::day_number(d),
        }
    }

    pub fn finer(self) -> Option<Unit> {
        let i = Unit::ALL.iter().position(|u| *u == self)?;
        Unit::ALL.get(i + 1).copied()
    }

    pub fn coarser(self) -> Option<Unit> {
        let i = Unit::ALL.iter().position(|u| *u == self)?;
        i.checked_sub(1).map(|j| Unit::ALL[j])
    }
}

/// How much of time the lanes view shows: everything shown, or one calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Zoom {
    /// The whole span of the events shown.
    All,
    /// One unit: the decade, year, quarter, month, week or day holding a date.
    In(Unit),
}

impl Zoom {
    /// One step finer: all → decade → year → … → day (which stays).
    pub fn finer(self) -> Zoom {
        match self {
            Zoom::All => Zoom::In(Unit::Decade),
            Zoom::In(u) => Zoom::In(u.finer().unwrap_or(u)),
        }
    }

    /// One step coarser: day → week → … → decade → all (which stays).
    pub fn coarser(self) -> Zoom {
        match self {
            Zoom::All => Zoom::All,
            Zoom::In(u) => u.coarser().map_or(Zoom::All, Zoom::In),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Zoom::All => "all",
            Zoom::In(u) => u.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::when::day as d;

    #[test]
    fn units_are_aligned_to_the_calendar() {
        let call = d("2012-11-13");
        let w = |u: Unit| {
            let w = u.window(call);
            (w.first.to_string(), w.last.to_string())
        };
        assert_eq!(w(Unit::Decade), ("2010-01-01".into(), "2019-12-31".into()));
        assert_eq!(w(Unit::Year), ("2012-01-01".into(), "2012-12-31".into()));
        assert_eq!(w(Unit::Quarter), ("2012-10-01".into(), "2012-12-31".into()));
        assert_eq!(w(Unit::Month), ("2012-11-01".into(), "2012-11-30".into()));
        assert_eq!(w(Unit::Week), ("2012-11-12".into(), "2012-11-18".into()));
        assert_eq!(w(Unit::Day), ("2012-11-13".into(), "2012-11-13".into()));
        assert_eq!(Unit::Decade.title(call), "2010s");
        assert_eq!(Unit::Quarter.title(call), "Q4 2012");
        assert_eq!(Unit::Month.title(call), "November 2012");
        assert_eq!(Unit::Week.title(call), "week of 12 Nov 2012");
        assert_eq!(Unit::Day.title(call), "Tue 13 Nov 2012");
        assert_eq!(Unit::Decade.title(d("-0043-03-15")), "51 BCE–42 BCE");
    }

    #[test]
    fn steps_move_whole_units_and_stop_at_the_calendar_ends() {
        assert_eq!(Unit::Month.step(d("2012-01-31"), 1), d("2012-02-29"));
        assert_eq!(Unit::Quarter.step(d("2012-10-01"), -1), d("2012-07-01"));
        assert_eq!(Unit::Week.step(d("2012-11-12"), -2), d("2012-10-29"));
        assert_eq!(Unit::Decade.step(d("2010-01-01"), 1), d("2020-01-01"));
        assert_eq!(Unit::Day.step(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(Unit::Year.window(NaiveDate::MAX).last, NaiveDate::MAX);
    }

    #[test]
    fn indexes_tell_units_apart() {
        assert_eq!(
            Unit::Week.index(d("2012-11-12")),
            Unit::Week.index(d("2012-11-18"))
        );
        assert!(Unit::Week.index(d("2012-11-19")) > Unit::Week.index(d("2012-11-18")));
        assert!(Unit::Quarter.index(d("2012-10-01")) > Unit::Quarter.index(d("2012-09-30")));
        assert_eq!(Unit::Decade.index(d("-0001-01-01")), -1);
    }

    #[test]
    fn zoom_goes_from_everything_to_a_day_and_back() {
        let mut z = Zoom::All;
        let mut names = vec![z.name()];
        for _ in 0..7 {
            z = z.finer();
            names.push(z.name());
        }
        assert_eq!(
            names,
            [
                "all", "decade", "year", "quarter", "month", "week", "day", "day"
            ]
        );
        for _ in 0..7 {
            z = z.coarser();
        }
        assert_eq!(z, Zoom::All);
    }
}

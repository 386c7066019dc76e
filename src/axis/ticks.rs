//! Tick labels for an axis: the finest calendar step whose labels fit side by side without
//! touching ("13 Nov", "12 Nov" for weeks, "Sep" / "2012" for months, "2012", "1500" for
//! centuries). Labels never collide: a step is used only if all its labels fit with a space
//! between them; a label that would run past the right edge is left out.

use chrono::{Datelike, Days, NaiveDate};

use super::Window;
use crate::model::when::year_text;
use crate::text::width;

/// A label at a column: the first day of a calendar step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub col: u16,
    pub date: NaiveDate,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Day,
    Week,
    Months(i32),
    Years(i32),
}

const STEPS: &[Step] = &[
    Step::Day,
    Step::Week,
    Step::Months(1),
    Step::Months(3),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(500),
    Step::Years(1000),
    Step::Years(2000),
    Step::Years(5000),
    Step::Years(10000),
    Step::Years(20000),
    Step::Years(50000),
    Step::Years(100000),
];

impl Step {
    /// About how many days one step is, to rule out steps too fine to label.
    fn days(self) -> i64 {
        match self {
            Step::Day => 1,
            Step::Week => 7,
            Step::Months(k) => i64::from(k) * 28,
            Step::Years(k) => i64::from(k) * 365,
        }
    }

    /// The first step boundary on or after `d`.
    fn first_from(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Day => Some(d),
            Step::Week => {
                let back = d.weekday().num_days_from_monday();
                let monday = d.checked_sub_days(Days::new(u64::from(back)))?;
                if monday < d {
                    monday.checked_add_days(Days::new(7))
                } else {
                    Some(monday)
                }
            }
            Step::Months(k) => {
                let index = d.year() * 12 + d.month0() as i32;
                let mut at = index + (k - index.rem_euclid(k)) % k;
                if at == index && d.day() != 1 {
                    at += k;
                }
                NaiveDate::from_ymd_opt(at.div_euclid(12), at.rem_euclid(12) as u32 + 1, 1)
            }
            Step::Years(k) => {
                let y = d.year();
                let mut at = y + (k - y.rem_euclid(k)) % k;
                if at == y && d.ordinal() != 1 {
                    at += k;
                }
                NaiveDate::from_ymd_opt(at, 1, 1)
            }
        }
    }

    fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Day => d.checked_add_days(Days::new(1)),
            Step::Week => d.checked_add_days(Days::new(7)),
            Step::Months(k) => d.checked_add_months(chrono::Months::new(k as u32)),
            Step::Years(k) => NaiveDate::from_ymd_opt(d.year().checked_add(k)?, 1, 1),
        }
    }

    /// The label of a boundary; `first` adds the year where the label would lack it.
    fn label(self, d: NaiveDate, first: bool) -> String {
        let year = year_text(d.year());
        let with_year = |s: String| if first { format!("{s} {year}") } else { s };
        match self {
            Step::Day | Step::Week => with_year(crate::model::when::day_month(
                d,
                crate::model::when::date_order(),
                false,
            )),
            Step::Months(_) if d.month() == 1 => year,
            Step::Months(_) => with_year(d.format("%b").to_string()),
            Step::Years(_) => year,
        }
    }
}

/// The tick labels for a window across `cols` columns, left to right.
pub fn ticks(window: Window, cols: u16) -> Vec<Tick> {
    STEPS
        .iter()
        .filter(|s| window.days() / s.days() <= i64::from(cols))
        .find_map(|&s| labels(s, window, cols))
        .unwrap_or_default()
}

/// The labels of one step if they all fit without touching (and there is at least one).
fn labels(step: Step, window: Window, cols: u16) -> Option<Vec<Tick>> {
    let mut dates = Vec::new();
    let mut at = step.first_from(window.first);
    while let Some(d) = at.filter(|d| *d <= window.last) {
        dates.push(d);
        at = step.next(d);
    }
    // The first label with its year if there is room, else as the others.
    [true, false].into_iter().find_map(|year_first| {
        place(step, window, cols, &dates, year_first).filter(|v| !v.is_empty())
    })
}

fn place(
    step: Step,
    window: Window,
    cols: u16,
    dates: &[NaiveDate],
    year_first: bool,
) -> Option<Vec<Tick>> {
    let mut out: Vec<Tick> = Vec::new();
    let mut free_from = 0usize;
    for (i, &d) in dates.iter().enumerate() {
        let (col, _) = window.columns(d, d, cols)?;
        let label = step.label(d, i == 0 && year_first);
        let end = usize::from(col) + width(&label);
        if usize::from(col) < free_from {
            return None;
        }
        if end > usize::from(cols) {
            // Past the right edge: only the last labels may be left out.
            break;
        }
        out.push(Tick {
            col,
            date: d,
            label,
        });
        free_from = end + 1;
    }
    debug_assert!(out.windows(2).all(|w| w[0].col < w[1].col));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::when::day as d;

    /// The labels as they would be drawn on one line.
    fn line(window: Window, cols: u16) -> String {
        let mut row = vec![' '; usize::from(cols)];
        for t in ticks(window, cols) {
            for (i, c) in t.label.chars().enumerate() {
                assert_eq!(row[usize::from(t.col) + i], ' ', "labels collide");
                row[usize::from(t.col) + i] = c;
            }
        }
        row.into_iter().collect::<String>().trim_end().to_string()
    }

    fn assert_apart(ts: &[Tick], cols: u16) {
        for w in ts.windows(2) {
            let end = usize::from(w[0].col) + width(&w[0].label);
            assert!(end < usize::from(w[1].col), "{:?} touches {:?}", w[0], w[1]);
        }
        if let Some(t) = ts.last() {
            assert!(usize::from(t.col) + width(&t.label) <= usize::from(cols));
        }
    }

    #[test]
    fn fourteen_years_are_labelled_by_year_at_every_width() {
        let w = Window::new(d("1999-12-31"), d("2013-09-06"));
        for cols in [30, 60, 120, 200] {
            let ts = ticks(w, cols);
            assert_apart(&ts, cols);
            assert!(!ts.is_empty());
            // Every year that starts in view and has room is labelled with the year.
            let years: Vec<_> = ts.iter().filter(|t| t.date.month() == 1).collect();
            assert!(years.len() >= 3, "{cols}: {ts:?}");
            assert!(years.iter().all(|t| t.label == t.date.year().to_string()));
        }
        let l = line(w, 120);
        assert!(l.starts_with("2000"), "{l}");
        assert!(l.contains("2008") && l.contains("2013"), "{l}");
        // At 60 columns there is room for every other year only.
        let ts = ticks(w, 60);
        assert_eq!(ts[1].date.year() - ts[0].date.year(), 2);
    }

    #[test]
    fn one_day_is_labelled_with_its_date_and_year() {
        let w = Window::new(d("2012-11-13"), d("2012-11-13"));
        let ts = ticks(w, 60);
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].label, "13 Nov 2012");
        assert_eq!(ts[0].col, 0);
        // Too narrow for the year: the date alone.
        assert_eq!(ticks(w, 8)[0].label, "13 Nov");
        assert!(ticks(w, 3).is_empty());
    }

    #[test]
    fn three_thousand_years_are_labelled_by_centuries_or_more() {
        let w = Window::new(d("-1000-01-01"), d("1999-12-31"));
        for cols in [60, 120, 200] {
            let ts = ticks(w, cols);
            assert_apart(&ts, cols);
            assert!(ts.len() >= 3, "{cols}: {ts:?}");
            let step = ts[1].date.year() - ts[0].date.year();
            assert!(step >= 100 && step % 100 == 0, "{cols}: step {step}");
        }
        let l = line(w, 120);
        assert!(l.contains("BCE"), "{l}");
        assert!(l.contains("1500") || l.contains("1000"), "{l}");
    }

    #[test]
    fn weeks_months_and_quarters_as_zoom_goes_in() {
        let week = Window::new(d("2012-11-12"), d("2012-11-18"));
        assert_eq!(
            line(week, 100)
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>(),
            ["12", "Nov", "2012"]
        );
        assert_eq!(ticks(week, 100).len(), 7);
        let autumn = Window::new(d("2012-09-12"), d("2012-11-13"));
        let ts = ticks(autumn, 120);
        assert_eq!(ts[0].label, "17 Sep 2012", "weeks start on Monday");
        let year = Window::new(d("2012-01-01"), d("2012-12-31"));
        let l = line(year, 100);
        assert!(
            l.starts_with("2012") && l.contains("Feb") && l.contains("Dec"),
            "{l}"
        );
        let decade = Window::new(d("2010-01-01"), d("2019-12-31"));
        assert!(line(decade, 100).starts_with("2010  "));
    }
}

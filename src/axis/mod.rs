//! The time axis: days mapped to columns, density buckets, tick labels, calendar units for
//! zooming, and lanes packing. Plain arithmetic on dates and cell counts; the terminal views
//! (`tui::view::strip`, `tui::view::lanes`) only draw what this module computes.

pub mod calendar;
pub mod lanes;
pub mod ticks;

use chrono::{Datelike, NaiveDate};

pub use calendar::{Unit, Zoom};
pub use ticks::{Tick, ticks};

use crate::model::Event;

/// A day as a number (days since 1 January of year 1), so that spans are subtractions.
pub fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// A stretch of whole days, both ends included, laid across a number of columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Window {
    /// The window from `first` to `last`; swapped if given backwards.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Window {
        if last < first {
            Window {
                first: last,
                last: first,
            }
        } else {
            Window { first, last }
        }
    }

    /// Number of days in the window (at least 1).
    pub fn days(&self) -> i64 {
        day_number(self.last) - day_number(self.first) + 1
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }

    /// The column a day falls in, for a day inside the window.
    pub(crate) fn column_of(&self, day: i64, cols: u16) -> u16 {
        Columns::new(*self, cols).column(day)
    }

    /// The last column a day reaches: a day wider than a column covers several; when a
    /// column holds several days, a day is in one column only.
    pub(crate) fn last_column_of(&self, day: i64, cols: u16) -> u16 {
        Columns::new(*self, cols).last_column(day)
    }

    /// The columns (first, last, both included) the days `first..=last` cover in `cols`
    /// columns, clipped to the window; `None` when they lie outside it or there is no room.
    pub fn columns(&self, first: NaiveDate, last: NaiveDate, cols: u16) -> Option<(u16, u16)> {
        if cols == 0 || last < self.first || first > self.last {
            return None;
        }
        let a = day_number(first.max(self.first));
        let b = day_number(last.min(self.last));
        Some((self.column_of(a, cols), self.last_column_of(b, cols)))
    }

    /// The first day shown in a column.
    pub fn day_at(&self, col: u16, cols: u16) -> NaiveDate {
        let offset = i64::from(col) * self.days() / i64::from(cols.max(1));
        self.first + chrono::Days::new(offset as u64)
    }
}

/// A window's columns in day numbers, worked out once for many days: which column a day
/// falls in, the last one it reaches, the first day of a column. 64-bit arithmetic is enough:
/// all of chrono's days (about 2^28) times the widest terminal (2^16) stay under 2^44.
pub(crate) struct Columns {
    pub from: i64,
    pub to: i64,
    days: i64,
    pub cols: i64,
}

impl Columns {
    pub fn new(window: Window, cols: u16) -> Columns {
        Columns {
            from: day_number(window.first),
            to: day_number(window.last),
            days: window.days(),
            cols: i64::from(cols),
        }
    }

    /// The column of a day inside the window.
    pub fn column(&self, day: i64) -> u16 {
        ((day - self.from) * self.cols / self.days).clamp(0, (self.cols - 1).max(0)) as u16
    }

    /// The last column a day inside the window reaches.
    pub fn last_column(&self, day: i64) -> u16 {
        if self.days >= self.cols {
            return self.column(day);
        }
        let end = day + 1 - self.from;
        let reach = (end * self.cols + self.days - 1) / self.days;
        (reach - 1).clamp(0, (self.cols - 1).max(0)) as u16
    }

    /// The first day whose column is `c` or later.
    pub fn first_day_of(&self, c: i64) -> i64 {
        self.from + (c * self.days + self.cols - 1) / self.cols
    }
}

/// How many of the given stretches of days touch each of `cols` columns. A stretch counts in
/// every column it covers, so a range weighs over its whole span. O(items + cols).
pub fn density(
    window: Window,
    cols: u16,
    items: impl IntoIterator<Item = (NaiveDate, NaiveDate)>,
) -> Vec<u32> {
    let n = usize::from(cols);
    let mut diff = vec![0i64; n + 1];
    for (first, last) in items {
        if let Some((a, b)) = window.columns(first, last, cols) {
            diff[usize::from(a)] += 1;
            diff[usize::from(b) + 1] -= 1;
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut running = 0i64;
    for d in &diff[..n] {
        running += d;
        out.push(running.max(0) as u32);
    }
    out
}

/// Each count as a height in eighths of a cell, from 0 to `8 * rows`: proportional to the
/// busiest column, and never 0 for a column with anything in it.
pub fn heights(counts: &[u32], rows: u8) -> Vec<u8> {
    let top = u64::from(rows) * 8;
    let max = u64::from(counts.iter().copied().max().unwrap_or(0));
    counts
        .iter()
        .map(|&c| {
            if c == 0 || max == 0 {
                0
            } else {
                (u64::from(c) * top).div_ceil(max).clamp(1, top) as u8
            }
        })
        .collect()
}

/// The block character for `eighths` (0 to 8) of a cell: " ", "▁" … "█".
pub fn block(eighths: u8) -> char {
    const BLOCKS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    BLOCKS[usize::from(eighths.min(8))]
}

/// The least silence between consecutive events that the list marks as a gap: a twentieth
/// of the whole span shown, and never less than a week. Relative to the span, so that a
/// year-long chronology marks silent months and a century-long one only silent decades.
pub fn long_gap_days(span_days: i64) -> i64 {
    (span_days / 20).max(7)
}

/// The span a run of events covers, as a window.
pub fn span_window<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Window> {
    crate::model::span(events).map(|(a, b)| Window::new(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::when::day as d;

    #[test]
    fn a_window_lays_days_across_columns() {
        let w = Window::new(d("2012-01-01"), d("2012-12-31"));
        assert_eq!(w.days(), 366);
        assert_eq!(
            w.columns(d("2012-01-01"), d("2012-01-01"), 366),
            Some((0, 0))
        );
        assert_eq!(
            w.columns(d("2012-12-31"), d("2012-12-31"), 366),
            Some((365, 365))
        );
        // A month over 12 columns touches one or two of them; the whole year, all of them.
        let m = w.columns(d("2012-07-01"), d("2012-07-31"), 12).unwrap();
        assert_eq!((m.0, m.1), (5, 6));
        assert_eq!(w.columns(w.first, w.last, 12), Some((0, 11)));
        // Clipped at the edges, absent outside.
        assert_eq!(
            w.columns(d("2011-06-01"), d("2012-01-15"), 12),
            Some((0, 0))
        );
        assert_eq!(w.columns(d("2013-01-01"), d("2013-02-01"), 12), None);
        assert_eq!(w.columns(d("2012-01-01"), d("2012-02-01"), 0), None);
    }

    #[test]
    fn one_day_over_many_columns_covers_them_all() {
        let w = Window::new(d("2012-11-13"), d("2012-11-13"));
        assert_eq!(w.days(), 1);
        assert_eq!(w.columns(w.first, w.last, 120), Some((0, 119)));
        let counts = density(w, 120, [(w.first, w.last)]);
        assert!(counts.iter().all(|&c| c == 1));
        // A week over 70 columns: each day is 10 columns wide.
        let week = Window::new(d("2012-11-12"), d("2012-11-18"));
        assert_eq!(
            week.columns(d("2012-11-13"), d("2012-11-13"), 70),
            Some((10, 19))
        );
        assert_eq!(week.day_at(10, 70), d("2012-11-13"));
        assert_eq!(week.day_at(19, 70), d("2012-11-13"));
    }

    #[test]
    fn density_counts_ranges_over_their_whole_span() {
        let w = Window::new(d("2000-01-01"), d("2009-12-31"));
        let counts = density(
            w,
            10,
            [
                (d("2000-05-07"), d("2008-05-07")),
                (d("2004-03-14"), d("2004-03-14")),
                (d("2004-05-07"), d("2004-05-07")),
            ],
        );
        assert_eq!(counts, vec![1, 1, 1, 1, 3, 1, 1, 1, 1, 0]);
        assert_eq!(heights(&counts, 1), vec![3, 3, 3, 3, 8, 3, 3, 3, 3, 0]);
        assert_eq!(heights(&counts, 2)[4], 16);
        assert_eq!(block(heights(&counts, 1)[0]), '▃');
        assert_eq!(block(0), ' ');
    }

    #[test]
    fn density_over_three_thousand_years() {
        let w = Window::new(d("-1000-01-01"), d("1999-12-31"));
        let counts = density(
            w,
            60,
            [
                (d("-1000-01-01"), d("-1000-01-01")),
                (d("1999-12-31"), d("1999-12-31")),
                (d("0500-01-01"), d("0549-12-31")),
            ],
        );
        assert_eq!(counts.len(), 60);
        assert_eq!(counts[0], 1);
        assert_eq!(counts[59], 1);
        // 50 years are a column: the years 500–549 fill column 30 and perhaps touch 31.
        assert_eq!(counts[30], 1);
        assert!((3..=4).contains(&counts.iter().sum::<u32>()));
        assert_eq!(counts[1..29].iter().sum::<u32>(), 0);
        // One event among many empty columns still shows.
        assert!(heights(&counts, 1).iter().filter(|&&h| h > 0).count() >= 3);
    }

    #[test]
    fn a_lone_count_is_never_drawn_empty() {
        let h = heights(&[1000, 1, 0], 1);
        assert_eq!(h, vec![8, 1, 0]);
        assert_eq!(heights(&[], 2), Vec::<u8>::new());
        assert_eq!(heights(&[0, 0], 2), vec![0, 0]);
    }

    #[test]
    fn long_gaps_are_relative_to_the_span() {
        assert_eq!(long_gap_days(5000), 250);
        assert_eq!(long_gap_days(30), 7);
        assert_eq!(long_gap_days(0), 7);
    }
}

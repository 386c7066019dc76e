//! Dates in words. Precision is part of the value: "Mar 2012" is never "1 Mar 2012".

use chrono::{Datelike, NaiveDate, Timelike};

use crate::text::plural;

use super::{End, Point, Precision, Qualifier, TimeOfDay, When};

/// How a day and its month are ordered in words: "13 Nov 2012" or "Nov 13, 2012".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    #[default]
    DayMonth,
    MonthDay,
}

static MONTH_FIRST: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets how dates are worded for the rest of the process (the config's `date_order`; set
/// once, before anything is drawn or printed).
pub fn set_date_order(order: DateOrder) {
    MONTH_FIRST.store(
        order == DateOrder::MonthDay,
        std::sync::atomic::Ordering::Relaxed,
    );
}

pub fn date_order() -> DateOrder {
    if MONTH_FIRST.load(std::sync::atomic::Ordering::Relaxed) {
        DateOrder::MonthDay
    } else {
        DateOrder::DayMonth
    }
}

/// "13 Nov" or "Nov 13" (`pad`: the day in two digits, for columns).
pub fn day_month(d: NaiveDate, order: DateOrder, pad: bool) -> String {
    let day = if pad {
        format!("{:02}", d.day())
    } else {
        d.day().to_string()
    };
    match order {
        DateOrder::DayMonth => format!("{day} {}", month_short(d)),
        DateOrder::MonthDay => format!("{} {day}", month_short(d)),
    }
}

/// "13 Nov 2012" or "Nov 13, 2012".
pub fn day_text(d: NaiveDate, order: DateOrder) -> String {
    match order {
        DateOrder::DayMonth => format!("{} {}", day_month(d, order, false), year_text(d.year())),
        DateOrder::MonthDay => format!("{}, {}", day_month(d, order, false), year_text(d.year())),
    }
}

/// The month's full English name, from chrono: "November".
fn month_long(d: NaiveDate) -> &'static str {
    chrono::Month::try_from(d.month() as u8)
        .expect("a date's month is 1 to 12")
        .name()
}

/// The month's name in three letters: "Nov".
fn month_short(d: NaiveDate) -> &'static str {
    &month_long(d)[..3]
}

/// A year for people: 2012, or 45 BCE for -0044 (astronomical year numbering).
pub fn year_text(y: i32) -> String {
    let year = super::decode_year(y);
    if year.abs() >= super::DEEP {
        // Deep time: "13.8 billion years ago", "250 thousand years ago".
        let ago = year < 0;
        let words = big_number(year.unsigned_abs());
        return if ago {
            format!("{words} years ago")
        } else {
            format!("year {words}")
        };
    }
    if y <= 0 {
        format!("{} BCE", 1 - y)
    } else {
        y.to_string()
    }
}

/// The years between two days when either is in deep time (they differ by many thousands of
/// years, and the calendar's months and days mean nothing there).
fn deep_years(a: NaiveDate, b: NaiveDate) -> Option<u64> {
    let (ya, yb) = (super::decode_year(a.year()), super::decode_year(b.year()));
    (ya.abs() >= super::DEEP || yb.abs() >= super::DEEP).then(|| ya.abs_diff(yb))
}

/// A large count in words, to three significant digits: "13.8 billion", "65 million".
fn big_number(n: u64) -> String {
    let (scale, word) = [
        (1_000_000_000_000u64, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ]
    .into_iter()
    .find(|(s, _)| n >= *s)
    .unwrap_or((1, ""));
    let value = n as f64 / scale as f64;
    let digits = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{value:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text} {word}").trim_end().to_string()
}

fn clock_text(t: &TimeOfDay) -> String {
    let mut s = format!("{:02}:{:02}", t.time.hour(), t.time.minute());
    if t.seconds && t.time.second() != 0 {
        s.push_str(&format!(":{:02}", t.time.second()));
    }
    match t.offset_minutes {
        None => {}
        Some(0) => s.push_str(" UTC"),
        Some(m) => {
            let sign = if m < 0 { '−' } else { '+' };
            s.push_str(&format!(" UTC{sign}{}", m.abs() / 60));
            if m % 60 != 0 {
                s.push_str(&format!(":{:02}", m.abs() % 60));
            }
        }
    }
    s
}

impl Point {
    /// "13 Nov 2012", "Nov 2012", "2012", "13 Nov 2012 19:41 UTC", with `?`/`~` kept (in
    /// the date order set, `set_date_order`).
    pub fn short(&self) -> String {
        self.short_in(date_order())
    }

    pub fn short_in(&self, order: DateOrder) -> String {
        let d = self.first_day;
        let base = match self.precision {
            Precision::Year => year_text(d.year()),
            Precision::Month => format!("{} {}", month_short(d), year_text(d.year())),
            Precision::Day => day_text(d, order),
            Precision::Time => format!(
                "{} {}",
                day_text(d, order),
                self.time.as_ref().map(clock_text).unwrap_or_default()
            ),
        };
        format!("{base}{}", self.qualifier.suffix())
    }

    /// The date in the list, where the year is already the heading: "13 Nov", "Nov", "".
    pub fn in_year(&self) -> String {
        let d = self.first_day;
        let base = match self.precision {
            Precision::Year => String::new(),
            Precision::Month => month_short(d).to_string(),
            Precision::Day | Precision::Time => day_month(d, date_order(), true),
        };
        format!("{base}{}", self.qualifier.suffix())
    }

    /// `in_year` with the time of day for an instant: "13 Nov 19:41:07" (the list shows it
    /// where events share a day).
    pub fn in_year_with_clock(&self) -> String {
        match (self.precision, self.time) {
            (Precision::Time, Some(t)) => {
                let mut s = format!(
                    "{} {:02}:{:02}",
                    self.in_year(),
                    t.time.hour(),
                    t.time.minute()
                );
                if t.seconds {
                    s.push_str(&format!(":{:02}", t.time.second()));
                }
                s
            }
            _ => self.in_year(),
        }
    }

    /// "Tue 13 Nov 2012", "March 2012", "2012", with the qualifier in words.
    pub fn long(&self) -> String {
        let d = self.first_day;
        let base = match self.precision {
            Precision::Year => year_text(d.year()),
            Precision::Month => format!("{} {}", month_long(d), year_text(d.year())),
            Precision::Day => format!("{} {}", d.format("%a"), self.short()),
            Precision::Time => format!(
                "{} {} {}",
                d.format("%a"),
                day_text(d, date_order()),
                self.time.as_ref().map(clock_text).unwrap_or_default()
            ),
        };
        let base = base.trim_end_matches(['?', '~', '%']).to_string();
        match self.qualifier {
            Qualifier::Certain => base,
            Qualifier::Uncertain => format!("{base} (uncertain)"),
            Qualifier::Approximate => format!("about {base}"),
            Qualifier::UncertainApproximate => format!("about {base} (uncertain)"),
        }
    }
}

impl When {
    /// One line for lists and tables: "13 Nov 2012", "7 May 2000 – 7 May 2008", "5 Dec 2011 – …".
    pub fn short(&self) -> String {
        match self {
            When::Point(p) => p.short(),
            When::Interval { start, end } => {
                format!("{} – {}", end_short(start), end_short(end))
            }
        }
    }

    /// The detail pane's wording: weekday for days, the span for intervals.
    pub fn long(&self) -> String {
        match self {
            When::Point(p) => p.long(),
            When::Interval { start, end } => {
                let mut s = match start {
                    End::Open => format!("until {}", end_long(end, false)),
                    _ => format!("{} – {}", end_long(start, true), end_long(end, false)),
                };
                if let Some(span) = self.span_text() {
                    s.push_str(" · ");
                    s.push_str(&span);
                }
                s
            }
        }
    }

    /// How long an interval lasts, in words: "8 years", "9 months 10 days", "2 days".
    ///
    /// Spans shorter than two months count the days they cover (5–6 Sep is 2 days); longer
    /// ones count the calendar time elapsed from start to end (7 May 2000 – 7 May 2008 is
    /// 8 years), which is how people speak of terms and campaigns.
    pub fn span_text(&self) -> Option<String> {
        let (s, e) = (self.start()?, self.end()?);
        let from = s.first_day;
        let to_inclusive = e.last_day();
        let covered_days = (to_inclusive - from).num_days() + 1;
        if covered_days < 60 {
            return Some(plural(covered_days, "day"));
        }
        let to = if e.precision <= Precision::Month {
            to_inclusive.succ_opt().unwrap_or(to_inclusive)
        } else {
            e.first_day
        };
        Some(elapsed_text(from, to))
    }
}

fn end_short(e: &End) -> String {
    match e {
        End::Point(p) => p.short(),
        End::Open => "…".to_string(),
        End::Unknown => "?".to_string(),
    }
}

/// One end of an interval in words; only an open end (`..`) goes on ("ongoing").
fn end_long(e: &End, is_start: bool) -> String {
    match e {
        End::Point(p) => p.long(),
        End::Open if is_start => "…".to_string(),
        End::Open => "ongoing".to_string(),
        End::Unknown if is_start => "unknown start".to_string(),
        End::Unknown => "unknown end".to_string(),
    }
}

/// Whole years, months and days from `from` to `to`, largest two units.
pub fn elapsed_text(from: NaiveDate, to: NaiveDate) -> String {
    if let Some(years) = deep_years(from, to) {
        return format!("{} years", big_number(years));
    }
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    let months = whole_months(from, to);
    let anchor = from
        .checked_add_months(chrono::Months::new(months as u32))
        .unwrap_or(from);
    let days = (to - anchor).num_days();
    let (y, m) = (months / 12, months % 12);
    let parts: Vec<String> = [(y, "year"), (m, "month"), (days, "day")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .take(2)
        .map(|(n, u)| plural(n, u))
        .collect();
    if parts.is_empty() {
        "0 days".to_string()
    } else {
        parts.join(" ")
    }
}

/// The time between two dates one of which is known only to the month or the year: counted
/// in that unit and said to be about it ("about 2 months"), never in days counted from the
/// 1st of a month that may be any of its days.
pub fn elapsed_about(from: NaiveDate, to: NaiveDate, coarsest: super::Precision) -> String {
    use chrono::Datelike;
    let (from, to) = if to < from { (to, from) } else { (from, to) };
    let years = i64::from(to.year() - from.year());
    let months = years * 12 + i64::from(to.month()) - i64::from(from.month());
    match coarsest {
        super::Precision::Year => {
            if years == 0 {
                "the same year".to_string()
            } else {
                format!("about {}", plural(years, "year"))
            }
        }
        _ if months == 0 => "the same month".to_string(),
        _ if months >= 24 => format!("about {}", plural(months / 12, "year")),
        _ => format!("about {}", plural(months, "month")),
    }
}

/// Whole calendar months from `from` to `to` (`from` ≤ `to`).
fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut months =
        i64::from((to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32);
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0)
}

/// Where `date` stands from a reference day, compactly: "T" on the day, "T−3d", "T+2w",
/// "T+5m", "T+2y" (days under two weeks, weeks under two months, months under two years,
/// then years; always rounded down).
pub fn relative_text(reference: NaiveDate, date: NaiveDate) -> String {
    if let Some(years) = deep_years(reference, date) {
        let sign = if date < reference { '−' } else { '+' };
        let short = big_number(years)
            .replace(" trillion", "T")
            .replace(" billion", "G")
            .replace(" million", "M")
            .replace(" thousand", "k");
        return format!("T{sign}{short}y");
    }
    if date == reference {
        return "T".to_string();
    }
    let (sign, from, to) = if date < reference {
        ('−', date, reference)
    } else {
        ('+', reference, date)
    };
    let days = (to - from).num_days();
    let months = whole_months(from, to);
    let (n, unit) = if days < 14 {
        (days, 'd')
    } else if months < 2 {
        (days / 7, 'w')
    } else if months < 24 {
        (months, 'm')
    } else {
        (months / 12, 'y')
    };
    format!("T{sign}{n}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> When {
        When::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn deep_time_is_said_in_years_ago() {
        let y = |n: i64| super::super::Point::of_year(n).unwrap();
        assert_eq!(y(-13_800_000_000).short(), "13.8 billion years ago");
        assert_eq!(y(-65_000_000).long(), "65 million years ago");
        assert_eq!(y(-250_000).short(), "250 thousand years ago");
        assert_eq!(y(-4_600_000_000).in_year(), "");
        assert_eq!(
            elapsed_text(y(-13_800_000_000).first_day, y(-4_600_000_000).first_day),
            "9.2 billion years"
        );
        assert_eq!(
            relative_text(y(-4_600_000_000).first_day, y(-13_800_000_000).first_day),
            "T−9.2Gy"
        );
        let w = When::parse("Y-13800000000/Y-4600000000").unwrap();
        assert_eq!(w.to_string(), "Y-13800000000/Y-4600000000");
        assert_eq!(w.short(), "13.8 billion years ago – 4.6 billion years ago");
        assert_eq!(When::parse("Y-170000").unwrap().to_string(), "Y-170000");
        assert!(When::parse("Y-4600000000/Y-13800000000").is_err());
    }

    #[test]
    fn dates_relative_to_a_reference() {
        let d = super::super::day;
        let call = d("2012-11-13");
        assert_eq!(relative_text(call, call), "T");
        assert_eq!(relative_text(call, d("2012-11-10")), "T−3d");
        assert_eq!(relative_text(call, d("2012-11-21")), "T+8d");
        assert_eq!(relative_text(call, d("2012-10-01")), "T−6w");
        assert_eq!(relative_text(call, d("2012-09-12")), "T−2m");
        assert_eq!(relative_text(call, d("2013-09-05")), "T+9m");
        assert_eq!(relative_text(call, d("2014-11-13")), "T+2y");
        assert_eq!(relative_text(call, d("2000-05-07")), "T−12y");
    }

    #[test]
    fn precision_is_kept_and_worded() {
        assert_eq!(w("2012").short(), "2012");
        assert_eq!(w("2012-03").short(), "Mar 2012");
        assert_eq!(w("2012-03").long(), "March 2012");
        assert_eq!(w("2012-11-13").short(), "13 Nov 2012");
        assert_eq!(w("2012-11-13").long(), "Tue 13 Nov 2012");
        assert_eq!(w("2012-11-13").anchor().in_year(), "13 Nov");
        assert_eq!(w("2012-03").anchor().in_year(), "Mar");
        assert_eq!(w("2012").anchor().in_year(), "");
    }

    #[test]
    fn qualifiers_are_shown() {
        assert_eq!(w("2012-09-08?").short(), "8 Sep 2012?");
        assert_eq!(w("2012-09-08?").long(), "Sat 8 Sep 2012 (uncertain)");
        assert_eq!(w("2012-09~").long(), "about September 2012");
        assert_eq!(w("2012-09~").anchor().in_year(), "Sep~");
    }

    #[test]
    fn intervals_have_spans() {
        let p = w("2000-05-07/2008-05-07");
        assert_eq!(p.short(), "7 May 2000 – 7 May 2008");
        assert_eq!(p.span_text().as_deref(), Some("8 years"));
        assert_eq!(p.long(), "Sun 7 May 2000 – Wed 7 May 2008 · 8 years");
        assert_eq!(
            w("2013-09-05/2013-09-06").span_text().as_deref(),
            Some("2 days")
        );
        assert_eq!(
            w("2011-12-05/2012-09-15").span_text().as_deref(),
            Some("9 months 10 days")
        );
        assert_eq!(w("2000/2008").span_text().as_deref(), Some("9 years"));
        let open = w("2011-12-05/..");
        assert_eq!(open.short(), "5 Dec 2011 – …");
        assert_eq!(open.span_text(), None);
        assert_eq!(w("../2012").short(), "… – 2012");
    }
}

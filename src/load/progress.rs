//! How far a load has got, in words, and when it is worth saying: shared by the browser's
//! loading screen and the command line's progress line.

use std::time::{Duration, Instant};

/// How far a load has got, reported to the progress hook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Bytes read so far, and in all.
    pub bytes: u64,
    pub total: u64,
    /// Events read so far.
    pub events: usize,
}

impl Progress {
    /// The share of the bytes read, from 0 to 1.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.bytes as f64 / self.total as f64).clamp(0.0, 1.0)
        }
    }

    /// "41% · 312 MB of 754 MB · 412,000 events"
    pub fn text(&self) -> String {
        format!(
            "{:.0}% · {} of {} · {} events",
            self.ratio() * 100.0,
            megabytes(self.bytes),
            megabytes(self.total),
            thousands(self.events)
        )
    }
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb < 10.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

/// 412000 → "412,000"
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// When progress is worth showing: not before `after` (a small file opens without a flash
/// of progress), then every `every`.
pub struct Pace {
    start: Instant,
    after: Duration,
    every: Duration,
    last: Option<Instant>,
}

impl Pace {
    pub fn new(after: Duration, every: Duration) -> Pace {
        Pace {
            start: Instant::now(),
            after,
            every,
            last: None,
        }
    }

    /// Whether to show progress now; if so, the time is noted.
    pub fn due(&mut self) -> bool {
        let now = Instant::now();
        let due = match self.last {
            None => now - self.start >= self.after,
            Some(t) => now - t >= self.every,
        };
        if due {
            self.last = Some(now);
        }
        due
    }

    /// Whether progress has been shown at all.
    pub fn shown(&self) -> bool {
        self.last.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_as_a_share_megabytes_and_thousands() {
        let p = Progress {
            bytes: 312_400_000,
            total: 754_000_000,
            events: 412_000,
        };
        assert_eq!(p.text(), "41% · 312 MB of 754 MB · 412,000 events");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(megabytes(8_300_000), "8.3 MB");
        let empty = Progress {
            bytes: 0,
            total: 0,
            events: 0,
        };
        assert_eq!(empty.ratio(), 0.0);
    }

    #[test]
    fn progress_is_due_only_after_a_while_then_at_intervals() {
        let mut never = Pace::new(Duration::from_secs(3600), Duration::ZERO);
        assert!(!never.due());
        assert!(!never.shown());
        let mut always = Pace::new(Duration::ZERO, Duration::ZERO);
        assert!(always.due());
        assert!(always.shown());
        let mut spaced = Pace::new(Duration::ZERO, Duration::from_secs(3600));
        assert!(spaced.due());
        assert!(!spaced.due(), "not again within the interval");
    }
}

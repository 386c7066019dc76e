//! What an import did: records read and kept, every record left out with where it was and
//! why, which columns or fields went where, and what was transformed.

use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The format read ("Timesketch CSV").
    pub format: &'static str,
    pub read: usize,
    pub kept: usize,
    /// Each record left out: where ("line 12", "events[3]") and why.
    pub dropped: Vec<(String, String)>,
    /// Column or field → what it became ("Headline" → "title").
    pub mapping: Vec<(String, String)>,
    /// What was transformed, and how many times ("HTML turned into text").
    pub transformed: BTreeMap<String, usize>,
}

impl Report {
    pub fn new(format: &'static str) -> Report {
        Report {
            format,
            ..Report::default()
        }
    }

    pub fn drop(&mut self, at: String, why: &str) {
        self.dropped.push((at, why.to_string()));
    }

    pub fn map(&mut self, from: &str, to: &str) {
        self.mapping.push((from.to_string(), to.to_string()));
    }

    pub fn count(&mut self, what: &str) {
        *self.transformed.entry(what.to_string()).or_default() += 1;
    }
}

impl fmt::Display for Report {
    /// The report `annals import` prints on standard error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "read {} as {}: {} read, {} kept, {} left out",
            crate::text::plural(self.read, "record"),
            self.format,
            self.read,
            self.kept,
            self.dropped.len()
        )?;
        if !self.mapping.is_empty() {
            writeln!(f, "fields:")?;
            for (from, to) in &self.mapping {
                writeln!(f, "  {from} → {to}")?;
            }
        }
        if !self.transformed.is_empty() {
            writeln!(f, "transformed:")?;
            for (what, n) in &self.transformed {
                writeln!(f, "  {what}: {n}")?;
            }
        }
        if !self.dropped.is_empty() {
            writeln!(f, "left out:")?;
            for (at, why) in &self.dropped {
                writeln!(f, "  {at}: {why}")?;
            }
        }
        Ok(())
    }
}

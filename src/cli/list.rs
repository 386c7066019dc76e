//! `annals list`'s table: DATE, ID and TITLE of each event, written a row at a time.
//!
//! A query can keep a hundred thousand events of a file of gigabytes, so the rows cost little:
//! nothing is allocated per row (a date's wording is made once for each run of events on the
//! same date, and reused), and titles are read from the file with positioned reads
//! (`Text::copy_into`), not through its mapping, so the file's pages do not come back into
//! memory one fault at a time.

use std::io::{self, Write};

use super::table::{self, Rows};
use crate::model::{Dataset, EventIx, When};
use crate::text::{sanitize, width};

const HEADER: [&str; 3] = ["DATE", "ID", "TITLE"];

/// Writes the events at `events` (positions in `data`) as the list's table.
pub fn write(
    out: &mut impl Write,
    data: &Dataset,
    events: &[EventIx],
    colour: bool,
) -> io::Result<()> {
    let mut dates = Dates::default();
    let mut widths = [width(HEADER[0]), width(HEADER[1]), 0];
    for &i in events {
        let e = data.event(i);
        widths[0] = widths[0].max(width(dates.of(&e.when)));
        widths[1] = widths[1].max(width(&sanitize(&e.id)));
    }
    let mut rows = Rows::new(
        out,
        &HEADER,
        widths.to_vec(),
        &[table::CYAN, table::DIM, table::PLAIN],
        colour,
    )?;
    let mut title = String::new();
    for &i in events {
        let e = data.event(i);
        title.clear();
        e.title.copy_into(&data.store, &mut title);
        let date = dates.of(&e.when);
        rows.row(&[date, &sanitize(&e.id), &sanitize(&title)])?;
    }
    Ok(())
}

/// The short wording of a date, made again only when the date changes (events come in date
/// order, so runs of one date are the rule).
#[derive(Default)]
struct Dates {
    last: Option<When>,
    text: String,
}

impl Dates {
    fn of(&mut self, when: &When) -> &str {
        if self.last.as_ref() != Some(when) {
            self.text = when.short();
            self.last = Some(*when);
        }
        &self.text
    }
}

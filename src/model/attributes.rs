//! What another tool kept with an event that annals/1 has no field for (a Timesketch column,
//! a GDELT score): names and values, in the order given.
//!
//! A forensic timeline may have millions of rows of ten or thirty columns. Held as a list,
//! each value would cost a text of its own, more than the row itself; so a table's row is
//! kept as the place of the row as it was written, with its columns' names shared by every
//! row, and its values are read from it when they are asked for (the detail pane, `show`,
//! an export).

use std::borrow::Cow;
use std::sync::Arc;

use super::{Store, Tag, Text};

#[derive(Clone, Debug)]
pub enum Attributes {
    /// Names and values, in order.
    Listed(Box<[(Tag, Text)]>),
    /// The rest of a row of a table, read from the row as written when asked for.
    Row { row: Text, columns: Arc<Columns> },
}

impl Default for Attributes {
    fn default() -> Attributes {
        Attributes::Listed(Box::new([]))
    }
}

/// The columns of a table whose rows are kept as `Attributes::Row`: their names, which of
/// them are attributes (the others were read into the event's fields), how fields are
/// separated, and whether `-` means nothing (as in plaso's output).
#[derive(Debug, PartialEq, Eq)]
pub struct Columns {
    pub names: Box<[Tag]>,
    pub kept: Box<[bool]>,
    pub delimiter: u8,
    pub dash_is_blank: bool,
}

impl Columns {
    fn blank(&self, value: &str) -> bool {
        value.is_empty() || (self.dash_is_blank && value == "-")
    }
}

impl Attributes {
    /// The names and values, in order; values trimmed, blank ones left out.
    pub fn pairs<'s>(&'s self, store: &'s Store) -> Vec<(&'s str, Cow<'s, str>)> {
        match self {
            Attributes::Listed(list) => list
                .iter()
                .map(|(k, v)| (&**k, Cow::Borrowed(v.get(store))))
                .collect(),
            Attributes::Row { row, columns } => {
                let row = row.get(store);
                if row == super::text::CHANGED {
                    return Vec::new();
                }
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(columns.delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .buffer_capacity(row.len().clamp(64, 1 << 16))
                    .from_reader(row.as_bytes());
                let mut record = csv::StringRecord::new();
                if !matches!(reader.read_record(&mut record), Ok(true)) {
                    return Vec::new();
                }
                columns
                    .names
                    .iter()
                    .zip(columns.kept.iter())
                    .zip(record.iter())
                    .filter(|((_, kept), _)| **kept)
                    .map(|((name, _), value)| (&**name, value.trim()))
                    .filter(|(_, value)| !columns.blank(value))
                    .map(|(name, value)| (name, Cow::Owned(value.to_string())))
                    .collect()
            }
        }
    }

    /// Whether there are none for certain (a row may still turn out to have only blanks).
    pub fn is_none(&self) -> bool {
        matches!(self, Attributes::Listed(list) if list.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_read_again_with_its_quotes_and_blanks() {
        let text = "msg,2012-11-13,WKSTN-1,-,\"{\"\"size\"\": 4}\", \n";
        let store = Store::from_vec(text.as_bytes().to_vec());
        let _ = store.check_utf8();
        let row = Text::At {
            start: 0,
            len: (text.len() - 1) as u32,
            check: 0,
        };
        let names = ["message", "datetime", "host", "user", "extra", "tag"];
        let columns = Arc::new(Columns {
            names: names.iter().map(|n| Tag::from(*n)).collect(),
            kept: [false, false, true, true, true, true].into(),
            delimiter: b',',
            dash_is_blank: true,
        });
        let a = Attributes::Row { row, columns };
        let pairs = a.pairs(&store);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, &**v)).collect();
        assert_eq!(pairs, [("host", "WKSTN-1"), ("extra", "{\"size\": 4}")]);
        assert!(!a.is_none());
        assert!(Attributes::default().is_none());
    }
}

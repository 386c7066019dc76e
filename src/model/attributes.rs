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

/// The columns of a table whose rows are kept as `Attributes::Row`: every column's name,
/// which of them are attributes (the others were read into the event's fields) in the order
/// they are shown and under which label, how fields are separated, and whether `-` means
/// nothing (as in plaso's output).
#[derive(Debug, PartialEq, Eq)]
pub struct Columns {
    pub names: Box<[Tag]>,
    /// (column, label): the attributes, in the order shown.
    pub shown: Box<[(u16, Tag)]>,
    pub delimiter: u8,
    /// Fields may be quoted (RFC 4180); when not (GDELT's exports), a row is split at each
    /// delimiter.
    pub quoted: bool,
    pub dash_is_blank: bool,
}

impl Columns {
    /// Every column of a table, shown under its own name but for those in `used`.
    pub fn of_table(
        names: Box<[Tag]>,
        used: &[&str],
        delimiter: u8,
        dash_is_blank: bool,
    ) -> Columns {
        let shown = names
            .iter()
            .enumerate()
            .filter(|(_, n)| !used.contains(&&***n))
            .filter_map(|(i, n)| Some((u16::try_from(i).ok()?, n.clone())))
            .collect();
        Columns {
            names,
            shown,
            delimiter,
            quoted: true,
            dash_is_blank,
        }
    }

    fn blank(&self, value: &str) -> bool {
        value.is_empty() || (self.dash_is_blank && value == "-")
    }

    /// The fields of a row as written.
    fn fields<'r>(&self, row: &'r str) -> Vec<Cow<'r, str>> {
        if !self.quoted {
            return row
                .split(self.delimiter as char)
                .map(Cow::Borrowed)
                .collect();
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(row.len().clamp(64, 1 << 16))
            .from_reader(row.as_bytes());
        let mut record = csv::StringRecord::new();
        if !matches!(reader.read_record(&mut record), Ok(true)) {
            return Vec::new();
        }
        record.iter().map(|f| Cow::Owned(f.to_string())).collect()
    }

    /// One field of a row as written (without reading the others when fields are not quoted).
    fn field<'r>(&self, row: &'r str, column: usize) -> Option<Cow<'r, str>> {
        if self.quoted {
            return self.fields(row).into_iter().nth(column);
        }
        row.split(self.delimiter as char)
            .nth(column)
            .map(Cow::Borrowed)
    }

    /// The column an attribute's name stands for: a label shown, else a column's own name
    /// (any case).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.shown
            .iter()
            .find(|(_, label)| label.eq_ignore_ascii_case(name))
            .map(|(c, _)| usize::from(*c))
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
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
                let fields = columns.fields(row);
                columns
                    .shown
                    .iter()
                    .filter_map(|(c, label)| {
                        let value = trimmed(fields.get(usize::from(*c))?.clone());
                        (!columns.blank(&value)).then_some((&**label, value))
                    })
                    .collect()
            }
        }
    }

    /// The value of the attribute of this name (any case; a row's columns also by their own
    /// names), trimmed, when it has one.
    pub fn value<'s>(&'s self, name: &str, store: &'s Store) -> Option<Cow<'s, str>> {
        match self {
            Attributes::Listed(list) => list
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| Cow::Borrowed(v.get(store).trim())),
            Attributes::Row { row, columns } => {
                let column = columns.column(name)?;
                let row = row.get(store);
                if row == super::text::CHANGED {
                    return None;
                }
                let value = trimmed(columns.field(row, column)?);
                (!columns.blank(&value)).then_some(value)
            }
        }
    }

    /// Whether there are none for certain (a row may still turn out to have only blanks).
    pub fn is_none(&self) -> bool {
        matches!(self, Attributes::Listed(list) if list.is_empty())
    }
}

fn trimmed(value: Cow<'_, str>) -> Cow<'_, str> {
    match value {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
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
        let columns = Arc::new(Columns::of_table(
            names.iter().map(|n| Tag::from(*n)).collect(),
            &["message", "datetime"],
            b',',
            true,
        ));
        let a = Attributes::Row { row, columns };
        let pairs = a.pairs(&store);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, &**v)).collect();
        assert_eq!(pairs, [("host", "WKSTN-1"), ("extra", "{\"size\": 4}")]);
        assert!(!a.is_none());
        assert!(Attributes::default().is_none());
        // By name, any case; a used column by its own name; a blank one is no value.
        assert_eq!(a.value("HOST", &store).as_deref(), Some("WKSTN-1"));
        assert_eq!(a.value("datetime", &store).as_deref(), Some("2012-11-13"));
        assert_eq!(a.value("user", &store), None);
        assert_eq!(a.value("nothing", &store), None);
    }

    #[test]
    fn an_unquoted_row_is_split_at_each_delimiter_and_shown_under_labels() {
        let text = "1\t20121113\tMoscow, Russia\t\"x\t-5.0";
        let store = Store::from_vec(text.as_bytes().to_vec());
        let _ = store.check_utf8();
        let row = Text::At {
            start: 0,
            len: text.len() as u32,
            check: 0,
        };
        let columns = Arc::new(Columns {
            names: [
                "ID",
                "SQLDATE",
                "ActionGeo_FullName",
                "Odd",
                "GoldsteinScale",
            ]
            .iter()
            .map(|n| Tag::from(*n))
            .collect(),
            shown: [(2, Tag::from("place")), (4, Tag::from("GoldsteinScale"))].into(),
            delimiter: b'\t',
            quoted: false,
            dash_is_blank: false,
        });
        let a = Attributes::Row { row, columns };
        let pairs = a.pairs(&store);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, &**v)).collect();
        assert_eq!(
            pairs,
            [("place", "Moscow, Russia"), ("GoldsteinScale", "-5.0")]
        );
        assert_eq!(
            a.value("actiongeo_fullname", &store).as_deref(),
            Some("Moscow, Russia")
        );
        assert_eq!(a.value("odd", &store).as_deref(), Some("\"x"));
    }
}

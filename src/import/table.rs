//! Any table with a date column: CSV, TSV or JSON Lines. Columns are recognised by their names
//! when the names are plain (date, title, actors, source, tags…), or mapped with `--map`:
//!
//! ```text
//! --map when=Date,title=Headline,actors=Who+Org,url=Link,tags=Type,end=End
//! ```
//!
//! Each `field=Column` pair names a column (matched whatever the case and accents); `+` joins
//! several columns into one field (their values, split on `;` or `|` for actors and tags).
//! The fields: `when` (required), `end`, `title` (required), `summary`, `actors`, `tags`,
//! `url`, `publisher`, `id`, `notes`. Every other column becomes an attribute.

use std::borrow::Cow;

use super::builder::{Builder, NewEvent};
use super::dates::{self, DateOrder};
use super::rows::{Mapper, Record};
use crate::model::{End, When};
use crate::query::fold;

/// What a column can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    When,
    End,
    Title,
    Summary,
    Actors,
    Tags,
    Url,
    Publisher,
    Id,
    Notes,
}

impl Field {
    const ALL: [Field; 10] = [
        Field::When,
        Field::End,
        Field::Title,
        Field::Summary,
        Field::Actors,
        Field::Tags,
        Field::Url,
        Field::Publisher,
        Field::Id,
        Field::Notes,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::When => "when",
            Field::End => "end",
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Actors => "actors",
            Field::Tags => "tags",
            Field::Url => "url",
            Field::Publisher => "publisher",
            Field::Id => "id",
            Field::Notes => "notes",
        }
    }

    /// The field a plainly named column is, best names first.
    fn recognise(column: &str) -> Option<(Field, u8)> {
        let c = fold(column.trim()).replace(['_', '-'], " ");
        Some(match c.as_str() {
            "when" | "date" | "datetime" | "date time" | "start" | "start date" | "timestamp" => {
                (Field::When, 0)
            }
            "time" | "day" => (Field::When, 1),
            "end" | "end date" | "until" => (Field::End, 0),
            "title" | "headline" => (Field::Title, 0),
            "event" => (Field::Title, 1),
            "summary" | "description" | "text" | "details" => (Field::Summary, 0),
            "actor" | "actors" | "who" | "person" | "people" | "organisation" | "organization"
            | "organisations" | "organizations" => (Field::Actors, 0),
            "url" | "link" | "address" => (Field::Url, 0),
            "source" | "sources" => (Field::Url, 1),
            "publisher" => (Field::Publisher, 0),
            "tag" | "tags" | "type" | "category" | "categories" => (Field::Tags, 0),
            "id" => (Field::Id, 0),
            "note" | "notes" => (Field::Notes, 0),
            _ => return None,
        })
    }
}

/// Which columns feed which field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Map {
    fields: Vec<(Field, Vec<String>)>,
}

impl Map {
    /// Reads a `--map` value.
    pub fn parse(spec: &str) -> Result<Map, String> {
        let mut fields = Vec::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, columns) = pair.split_once('=').ok_or_else(|| {
                format!("--map: `{pair}` is not field=Column (e.g. when=Date,title=Headline)")
            })?;
            let field = Field::ALL
                .into_iter()
                .find(|f| f.name() == name.trim().to_ascii_lowercase())
                .ok_or_else(|| {
                    let all: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                    format!(
                        "--map: unknown field `{}`; the fields are {}",
                        name.trim(),
                        all.join(", ")
                    )
                })?;
            let columns: Vec<String> = columns
                .split('+')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            if columns.is_empty() {
                return Err(format!("--map: `{pair}` names no column"));
            }
            fields.push((field, columns));
        }
        Ok(Map { fields })
    }
}

/// A generic table read through a map (given, or recognised from the column names).
pub struct Table {
    given: Option<Map>,
    order: Option<DateOrder>,
    /// Resolved: for each field, the positions of its columns.
    columns: Vec<(Field, Vec<usize>)>,
    used: Vec<String>,
}

impl Table {
    pub fn new(given: Option<Map>, order: Option<DateOrder>) -> Table {
        Table {
            given,
            order,
            columns: Vec::new(),
            used: Vec::new(),
        }
    }

    /// A fresh table with the same map, to look at the data before it is read.
    pub fn probe(&self) -> Table {
        Table::new(self.given.clone(), self.order)
    }

    fn values<'r>(&self, r: &'r Record, field: Field) -> Vec<&'r str> {
        self.columns
            .iter()
            .filter(|(f, _)| *f == field)
            .flat_map(|(_, cols)| cols.iter().map(|&c| r.values.get(c).copied().unwrap_or("")))
            .filter(|v| !v.trim().is_empty())
            .collect()
    }

    fn first<'r>(&self, r: &'r Record, field: Field) -> &'r str {
        self.values(r, field).first().copied().unwrap_or("")
    }

    /// The date order of the `when` and `end` columns, from the person or else from the data.
    pub fn settle_order<'a>(
        &mut self,
        values: impl Iterator<Item = &'a str>,
    ) -> Result<(), String> {
        if self.order.is_none() {
            self.order = dates::order_of(values)?;
        }
        Ok(())
    }

    /// The columns dates are read from.
    pub fn date_columns(&self) -> Vec<usize> {
        self.columns
            .iter()
            .filter(|(f, _)| matches!(f, Field::When | Field::End))
            .flat_map(|(_, c)| c.iter().copied())
            .collect()
    }

    fn date(&self, s: &str) -> Option<crate::model::Point> {
        dates::any(s, self.order)
    }
}

impl Mapper for Table {
    fn header(&mut self, names: &[String], b: &mut Builder) -> Result<(), String> {
        let position = |column: &str| {
            names
                .iter()
                .position(|n| fold(n.trim()) == fold(column.trim()))
                .ok_or_else(|| {
                    format!(
                        "--map names the column `{column}`, which the file does not have; its \
                         columns are {}",
                        names.join(", ")
                    )
                })
        };
        match &self.given {
            Some(map) => {
                for (field, cols) in &map.fields {
                    let at = cols
                        .iter()
                        .map(|c| position(c))
                        .collect::<Result<Vec<_>, _>>()?;
                    self.columns.push((*field, at));
                }
            }
            None => {
                // Each field from its best-named column.
                for field in Field::ALL {
                    let best = names
                        .iter()
                        .enumerate()
                        .filter_map(|(i, n)| match Field::recognise(n) {
                            Some((f, rank)) if f == field => Some((rank, i)),
                            _ => None,
                        })
                        .min();
                    if let Some((_, i)) = best {
                        self.columns.push((field, vec![i]));
                    }
                }
                // No title column: the summary's is the title.
                if !self.columns.iter().any(|(f, _)| *f == Field::Title)
                    && let Some(at) = self.columns.iter().position(|(f, _)| *f == Field::Summary)
                {
                    self.columns[at].0 = Field::Title;
                }
            }
        }
        for need in [Field::When, Field::Title] {
            if !self.columns.iter().any(|(f, _)| *f == need) {
                return Err(format!(
                    "no column gives the {} (columns: {}); name it with --map, e.g. \
                     --map when=Date,title=Headline",
                    need.name(),
                    names.join(", ")
                ));
            }
        }
        for (field, cols) in &self.columns {
            let names: Vec<&str> = cols.iter().map(|&c| names[c].as_str()).collect();
            b.report.map(&names.join(" + "), field.name());
            self.used.extend(names.iter().map(|n| n.to_string()));
        }
        for n in names {
            if !self.used.contains(n) {
                b.report.map(n, "attributes");
            }
        }
        Ok(())
    }

    fn row(&mut self, r: &Record, at: &dyn Fn() -> String, b: &mut Builder) {
        let start_text = self.first(r, Field::When);
        let start = self.date(start_text);
        if start.is_none() && self.order.is_none() && dates::is_numeric(start_text) {
            b.report.read += 1;
            b.report.drop(
                at(),
                &format!(
                    "its date {start_text} may be day or month first: say --day-first or \
                     --month-first"
                ),
            );
            return;
        }
        let end_text = self.first(r, Field::End);
        let end = if end_text.trim().is_empty() {
            None
        } else {
            self.date(end_text)
        };
        let when = match (start, end) {
            (Some(s), Some(e)) if e.last_day() >= s.first_day && e != s => Some(When::Interval {
                start: End::Point(s),
                end: End::Point(e),
            }),
            (Some(s), _) => Some(When::Point(s)),
            (None, _) => None,
        };
        let split = |v: Vec<&str>| -> Vec<String> {
            v.iter()
                .flat_map(|s| s.split([';', '|']))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let actors = split(self.values(r, Field::Actors))
            .iter()
            .map(|name| b.actor(name, None))
            .collect();
        let url = self.first(r, Field::Url);
        let publisher = self.first(r, Field::Publisher);
        let sources = if url.is_empty() && publisher.is_empty() {
            Vec::new()
        } else if url.contains("://") || url.is_empty() {
            vec![b.source(Some(url).filter(|u| !u.is_empty()), publisher, "")]
        } else {
            // A source column that is not an address names the source.
            vec![b.source(None, url, url)]
        };
        let used: Vec<&str> = self.used.iter().map(String::as_str).collect();
        let e = NewEvent {
            id: Some(self.first(r, Field::Id).to_string()).filter(|s| !s.is_empty()),
            when,
            title: joined(self.values(r, Field::Title), " · "),
            summary: joined(self.values(r, Field::Summary), "\n\n"),
            actors,
            tags: split(self.values(r, Field::Tags)),
            sources,
            notes: self
                .values(r, Field::Notes)
                .into_iter()
                .map(Cow::Borrowed)
                .collect(),
            attributes: r.rest(&used, false),
        };
        b.event(at, e);
    }
}

/// The values of a field's columns, joined by `sep`; a single value stays where it is.
fn joined<'a>(values: Vec<&'a str>, sep: &str) -> Cow<'a, str> {
    match values.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one),
        _ => Cow::Owned(values.join(sep)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_grammar_and_its_errors() {
        let m = Map::parse("when=Date, title=Headline,actors=Who+Org").unwrap();
        assert_eq!(m.fields.len(), 3);
        assert_eq!(
            m.fields[2],
            (Field::Actors, vec!["Who".into(), "Org".into()])
        );
        assert!(
            Map::parse("wen=Date")
                .unwrap_err()
                .contains("unknown field `wen`")
        );
        assert!(
            Map::parse("when")
                .unwrap_err()
                .contains("is not field=Column")
        );
        assert!(Map::parse("when=").unwrap_err().contains("names no column"));
    }

    #[test]
    fn plain_column_names_are_recognised() {
        assert_eq!(Field::recognise("Date"), Some((Field::When, 0)));
        assert_eq!(Field::recognise("Start_Date"), Some((Field::When, 0)));
        assert_eq!(Field::recognise("Organisation"), Some((Field::Actors, 0)));
        assert_eq!(Field::recognise("Catégorie"), None);
        assert_eq!(Field::recognise("Headline"), Some((Field::Title, 0)));
    }
}

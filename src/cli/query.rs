//! The query options of the command line turned into a `Filter`, by the same rules as the
//! browser: actors resolved by id, name or alias, dates as a year, month or day.

use crate::model::Dataset;
use crate::query::{self, ActorError, ActorIndex, ActorMode, BadDate, Filter};

use super::QueryArgs;

/// Why a query's options could not become a filter.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// An actor that matches nothing, or several.
    #[error(transparent)]
    Actor(#[from] ActorError),
    /// A date that is not one (`--from`, `--to`): a usage error.
    #[error("--{flag}: {error}")]
    Date { flag: &'static str, error: BadDate },
    /// A condition that is not one (`--where`): a usage error.
    #[error("--where: {0}")]
    Condition(String),
    /// A tag or a source no event has.
    #[error("{0}")]
    Unknown(String),
}

impl QueryArgs {
    /// The query in words, as typed: "from 2012-09 to 2012-11 · actor: Лавров · text: usaid".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => parts.push(format!("from {f} to {t}")),
            (Some(f), None) => parts.push(format!("from {f}")),
            (None, Some(t)) => parts.push(format!("until {t}")),
            (None, None) => {}
        }
        if !self.actors.is_empty() {
            let join = if self.all { " and " } else { " or " };
            parts.push(format!("actor: {}", self.actors.join(join)));
        }
        if let Some(t) = &self.text {
            parts.push(format!("text: {t}"));
        }
        for (name, list) in [
            ("where", &self.conditions),
            ("tag", &self.tags),
            ("source", &self.sources),
        ] {
            if !list.is_empty() {
                parts.push(format!("{name}: {}", list.join(", ")));
            }
        }
        parts.join(" · ")
    }

    /// The filter these options ask for.
    pub fn filter(&self, data: &Dataset, index: &ActorIndex) -> Result<Filter, QueryError> {
        let mut f = Filter {
            mode: if self.all {
                ActorMode::All
            } else {
                ActorMode::Any
            },
            text: self.text.as_deref().map(query::fold),
            ..Filter::default()
        };
        for a in &self.actors {
            let ix = index.resolve(data, a)?;
            if !f.actors.contains(&ix) {
                f.actors.push(ix);
            }
        }
        let date = |flag: &'static str, v: &Option<String>| {
            v.as_deref()
                .map(query::parse_date)
                .transpose()
                .map_err(|error| QueryError::Date { flag, error })
        };
        f.from = date("from", &self.from)?;
        f.to = date("to", &self.to)?;
        f.conditions = self
            .conditions
            .iter()
            .map(|c| query::Condition::parse(c))
            .collect::<Result<_, _>>()
            .map_err(QueryError::Condition)?;
        for tag in &self.tags {
            let folded = query::fold(tag);
            let known = data
                .events
                .iter()
                .any(|e| e.tags.iter().any(|t| query::fold(t) == folded));
            if !known {
                let mut all: Vec<&str> = data
                    .events
                    .iter()
                    .flat_map(|e| e.tags.iter().map(|t| &**t))
                    .collect();
                all.sort_unstable();
                all.dedup();
                let shown: Vec<&str> = all.iter().take(12).copied().collect();
                return Err(QueryError::Unknown(format!(
                    "no event has the tag \"{tag}\"; tags: {}{}",
                    shown.join(", "),
                    if all.len() > shown.len() { ", …" } else { "" }
                )));
            }
            f.tags.push(folded);
        }
        for id in &self.sources {
            let found = data.sources.iter().position(|s| s.id == *id).or_else(|| {
                let folded = query::fold(id);
                data.sources
                    .iter()
                    .position(|s| query::fold(&s.id) == folded)
            });
            match found {
                Some(i) => f.sources.push(crate::model::SourceIx::new(i)),
                None => {
                    return Err(QueryError::Unknown(format!(
                        "no source has the id \"{id}\" (`annals show ID` lists an event's sources; \
                         the ids are in the dataset's `sources`)"
                    )));
                }
            }
        }
        Ok(f)
    }
}

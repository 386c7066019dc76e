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
}

impl QueryArgs {
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
        Ok(f)
    }
}

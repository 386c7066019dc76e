//! Filters: what the timeline shows (actors, text, dates, conditions on attributes), from the
//! actor index's event lists.

use crate::model::{ActorIx, Dataset, Event, EventIx};

use super::{ActorIndex, search::Needle};

/// How several chosen actors combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActorMode {
    /// Events with at least one of them.
    #[default]
    Any,
    /// Events with all of them.
    All,
}

/// What the timeline shows: events with the chosen actors, mentioning a text, within dates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub actors: Vec<ActorIx>,
    pub mode: ActorMode,
    /// Folded text every shown event must contain (command line `--text`).
    pub text: Option<String>,
    /// Events that end on or after this day…
    pub from: Option<crate::model::Point>,
    /// …and start on or before this day.
    pub to: Option<crate::model::Point>,
    /// Only these events (in order), when set: the browser's marked events.
    pub only: Option<Vec<EventIx>>,
    /// Conditions on attributes, all of which must hold (`--where`, `w`).
    pub conditions: Vec<super::Condition>,
    /// Events with any of these tags (folded; `--tag`).
    pub tags: Vec<String>,
    /// Events citing any of these sources (`--source`), by themselves or through a quote.
    pub sources: Vec<crate::model::SourceIx>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.text.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.only.is_none()
            && self.conditions.is_empty()
            && self.tags.is_empty()
            && self.sources.is_empty()
    }

    /// Whether a date passes the filter's bounds: the days it may cover (`When::reach`)
    /// overlap them, ending on or after `from` and starting on or before `to`. The one rule of
    /// `--from` / `--to`, the browser's `d`, and the export dialog's "the range's dates".
    pub fn keeps_dates(&self, when: &crate::model::When) -> bool {
        let (first, last) = when.reach();
        !(self.from.is_some_and(|f| last < f.first_day)
            || self.to.is_some_and(|t| first > t.last_day()))
    }

    /// The filter less its actors and its list of events.
    fn matches_dates_and_text(
        &self,
        data: &Dataset,
        ev: &Event,
        text: &Needle,
        buf: &mut Vec<u8>,
    ) -> bool {
        if !self.keeps_dates(&ev.when) {
            return false;
        }
        (self.text.is_none() || text.in_event(data, ev, buf))
            && self.conditions.iter().all(|c| c.holds(ev, &data.store))
            && (self.tags.is_empty() || ev.tags.iter().any(|t| self.tags.contains(&super::fold(t))))
            && (self.sources.is_empty()
                || self
                    .sources
                    .iter()
                    .any(|s| ev.sources.contains(s) || ev.quotes.iter().any(|q| q.source == *s)))
    }

    /// Positions in `data.events` of the events that pass, in timeline order. The actors'
    /// event lists in `index` give the candidates, so an actor filter costs the actors'
    /// events, not the dataset's.
    pub fn apply(&self, data: &Dataset, index: &ActorIndex) -> Vec<EventIx> {
        let mut candidates: Vec<EventIx> = match (self.actors.as_slice(), self.mode) {
            ([], _) => data.all_events(),
            ([one], _) => index.events_of(*one).to_vec(),
            (many, ActorMode::Any) => {
                let mut all: Vec<EventIx> = many
                    .iter()
                    .flat_map(|&a| index.events_of(a))
                    .copied()
                    .collect();
                all.sort_unstable();
                all.dedup();
                all
            }
            (many, ActorMode::All) => {
                let mut lists: Vec<&[EventIx]> = many.iter().map(|&a| index.events_of(a)).collect();
                lists.sort_by_key(|l| l.len());
                let (shortest, others) = lists.split_first().expect("several actors");
                shortest
                    .iter()
                    .copied()
                    .filter(|e| others.iter().all(|l| l.binary_search(e).is_ok()))
                    .collect()
            }
        };
        if let Some(only) = &self.only {
            candidates.retain(|e| only.binary_search(e).is_ok());
        }
        if self.from.is_none()
            && self.to.is_none()
            && self.text.is_none()
            && self.conditions.is_empty()
            && self.tags.is_empty()
            && self.sources.is_empty()
        {
            return candidates;
        }
        let mut text = Needle::new(self.text.as_deref().unwrap_or(""));
        if self.text.is_some() {
            text.for_many(data);
        }
        let mut buf = Vec::new();
        candidates
            .into_iter()
            .filter(|&i| self.matches_dates_and_text(data, &data.events[i], &text, &mut buf))
            .collect()
    }

    /// "from Sep 2012 to Nov 2012", "from 2012", "until 2008", or "".
    pub fn dates_text(&self) -> String {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) if f == t => f.short(),
            (Some(f), Some(t)) => format!("{} – {}", f.short(), t.short()),
            (Some(f), None) => format!("from {}", f.short()),
            (None, Some(t)) => format!("until {}", t.short()),
            (None, None) => String::new(),
        }
    }
}

//! What the browser remembers of a dataset between two runs: the cursor's event, the view,
//! the filters, the search, the reference event and the marks, all by id, so that they mean
//! the same thing in a later version of the file. Kept outside the dataset (see
//! `tui::session` for where), never an error: what no longer makes sense is left out.

use serde::{Deserialize, Serialize};

use super::{App, View};
use crate::axis::lanes::Grouping;
use crate::axis::{Unit, Zoom};
use crate::model::{ActorIx, EventIx, ShownIx};
use crate::query::{self, ActorMode};

/// The version of the layout below; a session of another version is ignored.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    /// The file the session was last kept for, to find it again when its content changed.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    /// "list" or "lanes".
    #[serde(default)]
    pub view: String,
    /// "all", "decade", … "day".
    #[serde(default)]
    pub zoom: String,
    /// A day in the unit the lanes show.
    #[serde(default)]
    pub at: Option<String>,
    /// "actor" or "tag".
    #[serde(default)]
    pub lanes_by: String,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub all_actors: bool,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub marked_only: bool,
    /// Conditions on attributes, as typed (`GoldsteinScale<=-5`).
    #[serde(default)]
    pub conditions: Vec<String>,
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub marks: Vec<String>,
}

impl App {
    /// The session of the browser as it is now.
    pub fn session(&self) -> Session {
        let id = |e: EventIx| self.data.event(e).id.clone();
        let point =
            |p: Option<crate::model::Point>| p.map(|p| crate::model::When::Point(p).to_string());
        let mut marks: Vec<String> = self.marks.iter().map(|&e| id(e)).collect();
        marks.sort();
        Session {
            version: VERSION,
            path: None,
            cursor: self.current_ix().map(id),
            view: match self.view {
                View::List => "list",
                View::Lanes => "lanes",
            }
            .into(),
            zoom: self.lanes.zoom.name().into(),
            at: Some(self.lanes.at.format("%Y-%m-%d").to_string()),
            lanes_by: self.lanes.grouping.name().into(),
            actors: self
                .filter
                .actors
                .iter()
                .map(|&a| self.data.actor(a).id.clone())
                .collect(),
            all_actors: self.filter.mode == ActorMode::All,
            from: point(self.filter.from),
            to: point(self.filter.to),
            marked_only: self.filter.only.is_some(),
            conditions: self
                .filter
                .conditions
                .iter()
                .map(|c| c.to_string())
                .collect(),
            search: self.search.clone(),
            reference: self.reference.map(id),
            marks,
        }
    }

    /// Puts the browser back as a session left it; what the dataset no longer has (an event,
    /// an actor) is left out.
    pub fn restore(&mut self, s: &Session) {
        let ids = self.data.event_ids();
        let event = |id: &str| ids.get(id).copied();
        self.marks = s.marks.iter().filter_map(|m| event(m)).collect();
        self.reference = s.reference.as_deref().and_then(event);
        let cursor = s.cursor.as_deref().and_then(event);
        drop(ids);
        self.filter.actors = s
            .actors
            .iter()
            .filter_map(|a| {
                self.data
                    .actors
                    .iter()
                    .position(|x| x.id == *a)
                    .map(ActorIx::new)
            })
            .collect();
        self.filter.mode = if s.all_actors {
            ActorMode::All
        } else {
            ActorMode::Any
        };
        let date = |d: &Option<String>| d.as_deref().and_then(|d| query::parse_date(d).ok());
        self.filter.from = date(&s.from);
        self.filter.to = date(&s.to);
        self.filter.conditions = s
            .conditions
            .iter()
            .filter_map(|c| crate::query::Condition::parse(c).ok())
            .collect();
        if s.marked_only && !self.marks.is_empty() {
            let mut only: Vec<EventIx> = self.marks.iter().copied().collect();
            only.sort_unstable();
            self.filter.only = Some(only);
        }
        self.search = s.search.clone().filter(|q| !q.is_empty());
        self.view = if s.view == "lanes" {
            View::Lanes
        } else {
            View::List
        };
        self.lanes.grouping = if s.lanes_by == "tag" {
            Grouping::Tag
        } else {
            Grouping::Actor
        };
        self.lanes.zoom = Unit::ALL
            .into_iter()
            .find(|u| u.name() == s.zoom)
            .map_or(Zoom::All, Zoom::In);
        if let Some(at) =
            s.at.as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            self.lanes.at = at;
        }
        self.refilter();
        if let Some(ev) = cursor
            && let Ok(pos) = self.shown.binary_search(&ev)
        {
            self.cursor = ShownIx::new(pos);
        }
    }
}

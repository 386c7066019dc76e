//! A new version of the dataset in place of the old one (the file changed on disk, or annals
//! wrote it): everything that points at events, actors or rows is carried over by id, so the
//! cursor stays on its event (or the nearest date), and filters, search, the range, the
//! reference, marks and jumps stay as they were.

use std::path::PathBuf;

use super::App;
use crate::model::{ActorIx, Changes, Dataset, EventIx, ShownIx};
use crate::query::nav;

/// Where a dataset came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Built into annals: read-only.
    Builtin,
    /// A file annals follows and edits.
    File(PathBuf),
    /// Several files read as one (a day of GDELT exports): read-only, not followed.
    Files(Vec<PathBuf>),
    /// A stream read to its end before the browser opened (standard input, a named pipe):
    /// read-only, not followed.
    Stream(String),
}

impl App {
    /// Puts `data` in place of the dataset shown, keeping the browser's place; says how its
    /// events differ from the old ones.
    pub fn replace_data(&mut self, data: Dataset) -> Changes {
        let changes = self.data.changes_to(&data);
        let old = std::mem::replace(&mut self.data, data);
        self.actor_index = Default::default();
        let ids = self.data.event_ids();
        let event = |ix: EventIx| ids.get(old.event(ix).id.as_str()).copied();
        let actor_ids: rustc_hash::FxHashMap<&str, ActorIx> = self
            .data
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), ActorIx::new(i)))
            .collect();
        let actor = |ix: ActorIx| actor_ids.get(old.actor(ix).id.as_str()).copied();

        let current = self.current_ix();
        let target = current.and_then(event);
        self.filter.actors = self
            .filter
            .actors
            .iter()
            .filter_map(|&a| actor(a))
            .collect();
        self.anchor = self.anchor.and_then(event);
        self.reference = self.reference.and_then(event);
        self.marks = self.marks.iter().filter_map(|&e| event(e)).collect();
        let (list, at) = (&self.jumps.list, self.jumps.at);
        let kept_before = list[..at.min(list.len())]
            .iter()
            .filter(|&&e| event(e).is_some())
            .count();
        self.jumps.list = list.iter().filter_map(|&e| event(e)).collect();
        self.jumps.at = kept_before;
        if let Some(p) = self.picker.as_mut() {
            p.chosen = p.chosen.iter().filter_map(|&a| actor(a)).collect();
        }
        if let Some(d) = self.export.as_mut() {
            d.events = d.events.iter().filter_map(|&e| event(e)).collect();
            d.events.sort_unstable();
            for set in &mut d.sets {
                set.events = set.events.iter().filter_map(|&e| event(e)).collect();
                set.events.sort_unstable();
            }
        }
        drop(ids);

        self.refilter();
        // The cursor's event, or else the event nearest the date it had.
        self.cursor = match (target, current) {
            (Some(ev), _) => match self.shown.binary_search(&ev) {
                Ok(pos) => ShownIx::new(pos),
                Err(pos) => ShownIx::new(pos).min(self.last_shown()),
            },
            (None, Some(gone)) => {
                let anchor = *old.event(gone).when.anchor();
                nav::nearest(&self.data, &self.shown, &anchor)
                    .map(|n| n.pos)
                    .unwrap_or_default()
            }
            (None, None) => ShownIx::default(),
        };
        if let Some(p) = self.picker.as_ref() {
            let query = p.query.clone();
            let results = self.actor_index().rank(&self.data, &query);
            if let Some(p) = self.picker.as_mut() {
                p.selected = p.selected.min(results.len().saturating_sub(1));
                p.results = results;
            }
        }
        self.file_problem = None;
        changes
    }
}

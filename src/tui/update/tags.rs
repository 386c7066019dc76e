//! The tag picker: every tag with its count, narrowed as the query is typed; Tab chooses
//! several, Enter shows the events with any of them (as `--tag` does).

use super::super::action::Action;
use super::super::app::{App, TagPicker};
use std::sync::Arc;

use crate::query::fold;

pub(super) fn open(app: &mut App) {
    // Events share their tag lists where a reader could (a million GDELT rows, a few
    // lists): count the events of each list, then fold each tag of a list once.
    let mut lists: rustc_hash::FxHashMap<*const [crate::model::Tag], (usize, usize)> =
        Default::default();
    for (i, ev) in app.data.events.iter().enumerate() {
        lists.entry(Arc::as_ptr(&ev.tags)).or_insert((i, 0)).1 += 1;
    }
    let mut counts: rustc_hash::FxHashMap<String, (String, usize)> = Default::default();
    for (first, n) in lists.into_values() {
        // A tag given twice in one list (in any case) counts its events once.
        let mut seen: Vec<String> = Vec::new();
        for t in app.data.events[first].tags.iter() {
            let folded = fold(t);
            if seen.contains(&folded) {
                continue;
            }
            seen.push(folded.clone());
            counts.entry(folded).or_insert_with(|| (t.to_string(), 0)).1 += n;
        }
    }
    if counts.is_empty() {
        app.status = Some("this dataset has no tags".into());
        return;
    }
    let mut tags: Vec<(String, usize)> = counts.into_values().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let results = (0..tags.len()).collect();
    app.tag_picker = Some(TagPicker {
        query: String::new(),
        tags,
        results,
        selected: 0,
        chosen: app.filter.tags.clone(),
    });
}

pub(super) fn action(app: &mut App, action: Action) {
    let Some(p) = app.tag_picker.as_mut() else {
        return;
    };
    let mut narrow = false;
    match action {
        Action::Input(c) => {
            p.query.push(c);
            narrow = true;
        }
        Action::Backspace => narrow = p.query.pop().is_some(),
        Action::ClearInput => {
            narrow = !p.query.is_empty();
            p.query.clear();
        }
        Action::PickerDown | Action::WheelDown { .. } => {
            p.selected = (p.selected + 1).min(p.results.len().saturating_sub(1));
        }
        Action::PickerUp | Action::WheelUp { .. } => p.selected = p.selected.saturating_sub(1),
        Action::PickerToggle => {
            if let Some(&i) = p.results.get(p.selected) {
                let tag = fold(&p.tags[i].0);
                match p.chosen.iter().position(|t| *t == tag) {
                    Some(at) => {
                        p.chosen.remove(at);
                    }
                    None => p.chosen.push(tag),
                }
                p.selected = (p.selected + 1).min(p.results.len().saturating_sub(1));
            }
        }
        Action::ToggleAnyAll => {
            app.status = Some("tags: events with any of the chosen".into());
        }
        Action::Accept => {
            let mut chosen = std::mem::take(&mut p.chosen);
            if chosen.is_empty()
                && let Some(&i) = p.results.get(p.selected)
            {
                chosen.push(fold(&p.tags[i].0));
            }
            app.filter.tags = chosen;
            app.tag_picker = None;
            app.refilter();
            if app.shown.is_empty() {
                app.status = Some("no event matches the filter (c clears it)".into());
            }
        }
        Action::Back => app.tag_picker = None,
        _ => {}
    }
    if narrow && let Some(p) = app.tag_picker.as_mut() {
        let q = fold(&p.query);
        p.results = (0..p.tags.len())
            .filter(|&i| fold(&p.tags[i].0).contains(&q))
            .collect();
        p.selected = 0;
    }
}

//! The actor picker: ranks actors as the query is typed, chooses several, applies the filter.

use super::super::action::Action;
use super::super::app::{App, Picker};
use crate::query::ActorMode;

pub(super) fn open(app: &mut App) {
    let results = app.actor_index().rank(&app.data, "");
    app.picker = Some(Picker {
        query: String::new(),
        results,
        selected: 0,
        chosen: app.filter.actors.clone(),
        mode: app.filter.mode,
    });
}

pub(super) fn action(app: &mut App, action: Action) {
    let Some(p) = app.picker.as_mut() else { return };
    let mut rerank = false;
    match action {
        Action::Input(c) => {
            p.query.push(c);
            rerank = true;
        }
        Action::Backspace => rerank = p.query.pop().is_some(),
        Action::ClearInput => {
            rerank = !p.query.is_empty();
            p.query.clear();
        }
        Action::PickerDown | Action::WheelDown { .. } => {
            p.selected = (p.selected + 1).min(p.results.len().saturating_sub(1));
        }
        Action::PickerUp | Action::WheelUp { .. } => {
            p.selected = p.selected.saturating_sub(1);
        }
        Action::PickerToggle => {
            if let Some(m) = p.results.get(p.selected) {
                match p.chosen.iter().position(|&a| a == m.actor) {
                    Some(i) => {
                        p.chosen.remove(i);
                    }
                    None => p.chosen.push(m.actor),
                }
                p.selected = (p.selected + 1).min(p.results.len().saturating_sub(1));
            }
        }
        Action::ToggleAnyAll => {
            p.mode = match p.mode {
                ActorMode::Any => ActorMode::All,
                ActorMode::All => ActorMode::Any,
            }
        }
        Action::Accept => {
            let mut chosen = std::mem::take(&mut p.chosen);
            if chosen.is_empty()
                && let Some(m) = p.results.get(p.selected)
            {
                chosen.push(m.actor);
            }
            app.filter.actors = chosen;
            app.filter.mode = p.mode;
            app.picker = None;
            app.refilter();
            if app.shown.is_empty() {
                app.status = Some("no event matches the filter (c clears it)".into());
            }
        }
        Action::Back => app.picker = None,
        _ => {}
    }
    if rerank && let Some(query) = app.picker.as_ref().map(|p| p.query.clone()) {
        let results = app.actor_index().rank(&app.data, &query);
        let Some(p) = app.picker.as_mut() else { return };
        p.results = results;
        p.selected = 0;
    }
}

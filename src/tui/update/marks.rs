//! Marks (`m`, `]m`, `[m`, `M`) and the jump list (`Ctrl-o`, `Ctrl-n`): a fact-checker's
//! bookmarks, and the way back after a big move.

use super::super::action::Action;
use super::super::app::{App, Focus};
use super::set_cursor;
use crate::model::{EventIx, ShownIx};

/// How many big moves the jump list remembers.
const JUMPS: usize = 100;

pub(super) fn toggle(app: &mut App) {
    let Some(ev) = app.current_ix() else { return };
    let marked = if app.marks.remove(&ev) {
        false
    } else {
        app.marks.insert(ev);
        true
    };
    let n = app.marks.len();
    app.status = Some(match (marked, n) {
        (true, _) => format!(
            "marked ({}; ]m goes to the next)",
            crate::text::plural(n, "mark")
        ),
        (false, 0) => "unmarked; no marks left".into(),
        (false, _) => format!("unmarked ({} left)", crate::text::plural(n, "mark")),
    });
    if app.filter.only.is_some() {
        only(app, true);
    }
}

/// `M`: narrows the timeline to the marked events (or widens it again). `keep` refreshes
/// the narrowing after a mark changed.
pub(super) fn only(app: &mut App, keep: bool) {
    if app.filter.only.is_some() && !keep {
        app.filter.only = None;
        app.status = Some("every event again".into());
    } else if app.marks.is_empty() {
        app.filter.only = None;
        app.status = Some("no event is marked: m marks the event under the cursor".into());
    } else {
        let mut marked: Vec<EventIx> = app.marks.iter().copied().collect();
        marked.sort_unstable();
        app.filter.only = Some(marked);
    }
    app.refilter();
}

/// `]m` / `[m`: the next (previous) marked event among those shown.
pub(super) fn next(app: &mut App, forward: bool) {
    let here = app.cursor.get();
    let marked = |pos: &usize| app.marks.contains(&app.shown[*pos]);
    let found = if forward {
        (here + 1..app.shown.len()).find(marked)
    } else {
        (0..here).rev().find(marked)
    };
    match found {
        Some(pos) => set_cursor(app, ShownIx::new(pos)),
        None if app.marks.is_empty() => app.status = Some("no event is marked".into()),
        None => {
            let way = if forward { "later" } else { "earlier" };
            app.status = Some(format!("no {way} marked event"));
        }
    }
}

/// Whether an action is a big move, remembered in the jump list (only when it reaches the
/// panes: not typed into a popup).
pub(super) fn is_jump(app: &App, action: Action) -> bool {
    use super::super::keymap::Mode;
    match app.mode() {
        Mode::Timeline | Mode::Visual | Mode::Lanes | Mode::Detail => {}
        _ => return false,
    }
    match action {
        Action::First | Action::Last => app.focus == Focus::Timeline,
        Action::NextMatch
        | Action::PrevMatch
        | Action::NextSameActor
        | Action::PrevSameActor
        | Action::NextMark
        | Action::PrevMark
        | Action::Click { .. } => true,
        _ => false,
    }
}

/// A big move left `from`: remembered, after anything `Ctrl-o` had gone back past.
pub(super) fn remember(app: &mut App, from: EventIx) {
    let j = &mut app.jumps;
    j.list.truncate(j.at);
    if j.list.last() != Some(&from) {
        j.list.push(from);
    }
    if j.list.len() > JUMPS {
        j.list.remove(0);
    }
    j.at = j.list.len();
}

/// `Ctrl-o` / `Ctrl-n`: along the jump list, passing over events the filters hide.
pub(super) fn jump(app: &mut App, back: bool) {
    let Some(here) = app.current_ix() else { return };
    if back && app.jumps.at == app.jumps.list.len() {
        // Going back from the newest place: keep it, to come forward to.
        if app.jumps.list.last() != Some(&here) {
            app.jumps.list.push(here);
        }
        app.jumps.at = app.jumps.list.len() - 1;
    }
    loop {
        let at = app.jumps.at;
        let next = if back {
            at.checked_sub(1)
        } else {
            (at + 1 < app.jumps.list.len()).then_some(at + 1)
        };
        let Some(next) = next else {
            let way = if back { "older" } else { "newer" };
            app.status = Some(format!("no {way} place in the jump list"));
            return;
        };
        app.jumps.at = next;
        let ev = app.jumps.list[next];
        if let Ok(pos) = app.shown.binary_search(&ev) {
            set_cursor(app, ShownIx::new(pos));
            return;
        }
    }
}

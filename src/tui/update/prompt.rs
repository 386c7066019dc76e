//! The one-line prompts: search as you type (a slice at a time on a big dataset), date
//! bounds, conditions on attributes, and go to a date.

use super::super::action::Action;
use super::super::app::{App, Prompt, PromptKind};
use super::super::effect::Effect;
use super::{keep_in_view, lanes, motion, set_cursor};

pub(super) fn open_search(app: &mut App) {
    open(app, PromptKind::Search, String::new());
}

pub(super) fn open_go_to(app: &mut App) {
    open(app, PromptKind::GoTo, String::new());
}

/// The date prompt, with the present bounds to edit.
pub(super) fn open_dates(app: &mut App) {
    let text = |p: Option<crate::model::Point>| {
        p.map(|p| crate::model::When::Point(p).to_string())
            .unwrap_or_default()
    };
    let input = match (app.filter.from, app.filter.to) {
        (None, None) => String::new(),
        (f, t) if f == t => text(f),
        (f, t) => format!("{}..{}", text(f), text(t)),
    };
    open(app, PromptKind::Dates, input);
}

/// The prompt of conditions on attributes, with the present ones to edit.
pub(super) fn open_where(app: &mut App) {
    let input = crate::query::condition::list_text(&app.filter.conditions);
    open(app, PromptKind::Where, input);
}

pub(super) fn open(app: &mut App, kind: PromptKind, input: String) {
    app.prompt = Some(Prompt {
        kind,
        input,
        error: None,
        origin: app.cursor,
        previous_search: app.search.clone(),
    });
}

pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(p) = app.prompt.as_mut() else {
        return Vec::new();
    };
    let kind = p.kind;
    match action {
        Action::Input(c) => p.input.push(c),
        Action::Backspace => {
            p.input.pop();
        }
        Action::ClearInput => p.input.clear(),
        Action::Accept => return accept(app),
        Action::Back => {
            let (origin, previous) = (p.origin, p.previous_search.clone());
            app.prompt = None;
            if kind == PromptKind::Search {
                app.search = previous;
                app.search_origin = None;
                app.find_hits();
                set_cursor(app, origin);
            }
            return Vec::new();
        }
        _ => return Vec::new(),
    }
    p.error = None;
    if kind == PromptKind::Search {
        let (query, origin) = (crate::query::fold(&p.input), p.origin);
        app.search = (!query.is_empty()).then_some(query);
        app.search_typed = Some(p.input.trim().to_string());
        app.find_hits();
        app.search_origin = Some(origin);
        go_to_found(app);
    }
    Vec::new()
}

/// Incremental search: moves to the first hit at or after where the search started, as soon
/// as it is known; when the search is over, wraps to the first hit, or back to the start.
fn go_to_found(app: &mut App) {
    let Some(origin) = app.search_origin else {
        return;
    };
    let i = app.hits.partition_point(|&h| h < origin);
    let target = match app.hits.get(i) {
        Some(&hit) => hit,
        None if app.searching.is_some() => return,
        None => app.hits.first().copied().unwrap_or(origin),
    };
    app.search_origin = None;
    set_cursor(app, target);
}

/// Searches one more slice of a search still going (the event loop calls this while no key
/// is waiting) and moves to the hit an incremental search waits for. True while there is more.
pub fn search_slice(app: &mut App) -> bool {
    let before = app.current_ix();
    let more = app.search_slice();
    go_to_found(app);
    if !more
        && app.hits.is_empty()
        && app.prompt.is_none()
        && let Some(q) = &app.search
    {
        app.status = Some(no_mention(q));
    }
    if app.current_ix() != before {
        lanes::follow_cursor(app);
    }
    keep_in_view(app);
    more
}

fn accept(app: &mut App) -> Vec<Effect> {
    let Some(p) = app.prompt.as_mut() else {
        return Vec::new();
    };
    match p.kind {
        PromptKind::Source => {
            let typed = p.input.trim().to_string();
            return super::source::open_number(app, &typed);
        }
        PromptKind::Search => {
            app.prompt = None;
            match &app.search {
                Some(q) if app.hits.is_empty() && app.searching.is_none() => {
                    app.status = Some(no_mention(q));
                }
                _ => {}
            }
        }
        PromptKind::Dates => match crate::query::parse_bounds(&p.input) {
            Ok((from, to)) => {
                app.prompt = None;
                app.filter.from = from;
                app.filter.to = to;
                app.refilter();
                if app.shown.is_empty() {
                    app.status = Some("no event matches the filter (c clears it)".into());
                }
            }
            Err(e) => {
                p.error = Some(format!(
                    "{e}; a range is FROM..TO, either side may be empty"
                ))
            }
        },
        PromptKind::Where => match crate::query::Condition::parse_list(&p.input) {
            Ok(conditions) => {
                app.prompt = None;
                app.filter.conditions = conditions;
                app.refilter();
                if app.shown.is_empty() {
                    app.status = Some("no event matches the filter (c clears it)".into());
                }
            }
            Err(e) => p.error = Some(e),
        },
        PromptKind::GoTo => match crate::query::parse_date(&p.input) {
            Ok(date) => {
                let typed = p.input.trim().to_string();
                app.prompt = None;
                motion::go_to_date(app, &date, &typed);
            }
            Err(e) => p.error = Some(e.to_string()),
        },
    }
    Vec::new()
}

/// The footer's word for a search that found nothing.
pub(super) fn no_mention(query: &str) -> String {
    format!("no event mentions \"{query}\"")
}

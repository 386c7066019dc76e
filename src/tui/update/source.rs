//! Out of the terminal: `gx` opens the event's source address in the web browser (asking
//! which when it has several), `y` copies the event as a citation, `Y` its id. Update only
//! decides; the event loop opens and copies (`Effect::Open`, `Effect::Copy`).

use super::super::app::{App, PromptKind};
use super::super::effect::Effect;
use crate::outline::Outline;
use crate::text::sanitize;

pub use crate::text::openable;

/// `gx`: the one address opened, or the prompt for which of several.
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    let Some(ev) = app.current() else {
        return Vec::new();
    };
    let outline = Outline::new(&app.data, ev);
    let with_address: Vec<(usize, &str)> = outline
        .sources
        .iter()
        .filter_map(|s| Some((s.number, s.url?)))
        .collect();
    match with_address.as_slice() {
        [] => {
            app.status = Some("no source of this event has an address".into());
            Vec::new()
        }
        [(_, url)] => {
            let url = url.to_string();
            open_checked(app, &url)
        }
        _ => {
            super::prompt::open(app, PromptKind::Source, String::new());
            Vec::new()
        }
    }
}

/// The source numbered `typed` in the detail pane, opened.
pub(super) fn open_number(app: &mut App, typed: &str) -> Vec<Effect> {
    let Some(ev) = app.current() else {
        app.prompt = None;
        return Vec::new();
    };
    let outline = Outline::new(&app.data, ev);
    let numbers: Vec<usize> = outline
        .sources
        .iter()
        .filter(|s| s.url.is_some())
        .map(|s| s.number)
        .collect();
    let chosen = typed
        .parse::<usize>()
        .ok()
        .and_then(|n| outline.sources.iter().find(|s| s.number == n));
    let url = match chosen {
        Some(s) => s.url.map(str::to_string),
        None => None,
    };
    match url {
        Some(url) => {
            app.prompt = None;
            open_checked(app, &url)
        }
        None => {
            let list: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
            if let Some(p) = app.prompt.as_mut() {
                p.error = Some(format!("sources with an address: {}", list.join(", ")));
            }
            Vec::new()
        }
    }
}

fn open_checked(app: &mut App, url: &str) -> Vec<Effect> {
    if openable(url) {
        vec![Effect::Open(url.to_string())]
    } else {
        app.status = Some(format!(
            "not opened: only http, https and mailto addresses are ({})",
            crate::text::truncate(&sanitize(url), 60)
        ));
        Vec::new()
    }
}

/// `y`: the event as a citation (see `citation`).
pub(super) fn copy_citation(app: &mut App) -> Vec<Effect> {
    let Some(ev) = app.current() else {
        return Vec::new();
    };
    let text = citation(&Outline::new(&app.data, ev));
    vec![Effect::Copy {
        text,
        what: "the event as a citation".into(),
    }]
}

/// `Y`: the event's id.
pub(super) fn copy_id(app: &mut App) -> Vec<Effect> {
    let Some(ev) = app.current() else {
        return Vec::new();
    };
    vec![Effect::Copy {
        text: ev.id.clone(),
        what: format!("the id {}", sanitize(&ev.id)),
    }]
}

/// An event as a citation, in plain text (README: "Copy"):
///
/// ```text
/// Putin and Obama agree to advance ties
/// Tue 13 Nov 2012
/// « Les présidents ont confirmé … » — Dmitry Peskov (fr) [1]
///   “The presidents confirmed …”
/// [1] AFP, 13 Nov 2012: Poutine et Obama … https://…
/// ```
///
/// The title, the date in words, the event's first quote (with its speaker, its language
/// and its translation) when it has one, then every source with its address. Control
/// characters are replaced, so that a pasted citation carries none.
pub fn citation(o: &Outline<'_>) -> String {
    let clean = |s: &str| sanitize(s).into_owned();
    let mut lines = vec![clean(o.title), clean(&o.date)];
    if let Some(q) = o.quotes.first() {
        let lang = q
            .lang
            .map(|l| format!(" ({})", clean(l)))
            .unwrap_or_default();
        lines.push(format!(
            "{} — {}{lang} [{}]",
            clean(&q.marked()),
            clean(q.speaker),
            q.source
        ));
        if let Some(t) = q.translation {
            lines.push(format!("  “{}”", clean(t)));
        }
    }
    for s in &o.sources {
        let mut line = format!("[{}] {}: {}", s.number, clean(&s.citation), clean(s.title));
        if let Some(url) = s.url
            && Some(url) != Some(s.title)
        {
            line.push(' ');
            line.push_str(&clean(url));
        }
        lines.push(line);
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_are_opened() {
        for url in [
            "https://en.gazeta.ru/news/2012/11/07/a_4844053.shtml",
            "http://example.org/a?b=c&d=e#f",
            "mailto:desk@example.org",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert!(openable(url), "{url}");
        }
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://x.example/$(rm -rf ~)",
            "https://x.example/\u{1b}]52;c;AAAA\u{7}",
            "https://",
            "ftp://example.org",
            "BBC Monitoring",
            "https://a.example/ b",
            "https://a.example/`id`",
        ] {
            assert!(!openable(url), "{url}");
        }
    }
}

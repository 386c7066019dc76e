//! Out of the terminal: `gx` opens a source's address (only http, https, mailto), `y` copies
//! the event as a citation and `Y` its id. Update decides; these tests read the effects it
//! returns. The real opening and copying are tried in tmux (tests/e2e_tmux.rs).

mod common;

use annals::tui::effect::Effect;
use annals::tui::keymap::KeyPress;
use annals::tui::update::on_key;
use common::{app_at, builtin, go_to, key};
use ratatui::crossterm::event::KeyCode;

fn keys(app: &mut annals::tui::app::App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| {
            on_key(
                app,
                KeyPress {
                    code: KeyCode::Char(c),
                    ctrl: false,
                },
            )
        })
        .collect()
}

#[test]
fn gx_opens_the_one_address_or_asks_which() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-acting-president");
    let url = {
        let ev = a.current().unwrap();
        let s = a.data.source(ev.sources[0]);
        s.url.clone().unwrap()
    };
    assert_eq!(keys(&mut a, "gx"), vec![Effect::Open(url)]);

    // Several sources with addresses: which one, by its number in the detail.
    go_to(&mut a, "putin-obama-call");
    assert!(keys(&mut a, "gx").is_empty());
    assert!(a.prompt.is_some(), "asks which source");
    let outline = annals::outline::Outline::new(&a.data, a.current().unwrap());
    let (n, url) = outline
        .sources
        .iter()
        .find_map(|s| Some((s.number, s.url?.to_string())))
        .unwrap();
    let effects = keys(&mut a, &n.to_string());
    assert!(effects.is_empty());
    let effects = on_key(
        &mut a,
        KeyPress {
            code: KeyCode::Enter,
            ctrl: false,
        },
    );
    assert_eq!(effects, vec![Effect::Open(url)]);
    assert!(a.prompt.is_none());
}

#[test]
fn addresses_that_are_not_web_or_mail_are_shown_not_opened() {
    let text = r#"{"format":"annals/1","title":"T","actors":[],
      "sources":[{"id":"s","publisher":"P","title":"T","url":"javascript:alert(1)"},
                 {"id":"f","publisher":"P","title":"T","url":"file:///etc/passwd"}],
      "events":[{"id":"e","when":"2012","title":"E","sources":["s"]},
                {"id":"g","when":"2013","title":"G","sources":["f"]}]}"#;
    let mut a = app_at(annals::load::from_str(text, "t").unwrap(), 120, 40);
    for id in ["e", "g"] {
        go_to(&mut a, id);
        assert!(keys(&mut a, "gx").is_empty(), "{id}");
        let status = a.status.clone().unwrap();
        assert!(
            status.starts_with("not opened: only http, https and mailto"),
            "{status}"
        );
    }
    key(&mut a, KeyCode::Esc);
}

#[test]
fn y_copies_a_citation_and_capital_y_the_id() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-obama-call");
    let effects = keys(&mut a, "y");
    let [Effect::Copy { text, what }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(what, "the event as a citation");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Putin and Obama agree to advance ties");
    assert_eq!(lines[1], "Tue 13 Nov 2012");
    // The first quote with its speaker and language, then its translation.
    assert!(
        lines[2].starts_with("« Les présidents ont confirmé"),
        "{text}"
    );
    assert!(lines[2].contains("— Dmitry Peskov (fr) [1]"), "{text}");
    assert!(
        lines[3].starts_with("  “The presidents confirmed"),
        "{text}"
    );
    // Every source, numbered, with its address.
    assert!(lines.iter().any(|l| l.starts_with("[1] AFP")), "{text}");
    assert!(lines.iter().any(|l| l.contains("https://")), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    let effects = keys(&mut a, "Y");
    assert_eq!(
        effects,
        vec![Effect::Copy {
            text: "putin-obama-call".into(),
            what: "the id putin-obama-call".into()
        }]
    );
}

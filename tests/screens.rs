//! The whole screen as text (ratatui's TestBackend), snapshot-tested with insta at the sizes
//! people use and at sizes nobody should but someone will.

mod common;

use annals::load;
use common::{app_at, builtin, go_to, key, screen};
use ratatui::crossterm::event::KeyCode;

#[test]
fn first_screen_at_80x24() {
    insta::assert_snapshot!(screen(&builtin(80, 24)));
}

#[test]
fn the_call_of_13_november_at_120x40() {
    let mut app = builtin(120, 40);
    go_to(&mut app, "putin-obama-call");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_range_and_an_uncertain_date_at_120x40() {
    let mut app = builtin(120, 40);
    go_to(&mut app, "putin-presidency-2000-2008");
    let s = screen(&app);
    assert!(
        s.contains("Sun 7 May 2000 – Wed 7 May 2008 · 8 years"),
        "{s}"
    );
    insta::assert_snapshot!("presidency", s);
    // A month-precision date is a month in the list and in the detail, never a day.
    go_to(&mut app, "lavrov-tells-clinton-usaid");
    let s = screen(&app);
    assert!(s.contains("▶ Sep     Lavrov tells Clinton"), "{s}");
    assert!(s.contains("│September 2012"), "{s}");
}

#[test]
fn detail_focused_and_scrolled_at_80x24() {
    let mut app = builtin(80, 24);
    go_to(&mut app, "putin-telegram-to-obama");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn narrow_terminal_stacks_the_panes() {
    let mut app = builtin(60, 30);
    go_to(&mut app, "lavrov-equality-statement");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn short_narrow_terminal_shows_one_pane_at_a_time() {
    let mut app = builtin(50, 14);
    go_to(&mut app, "usaid-ends-work");
    insta::assert_snapshot!("one_pane_timeline", screen(&app));
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("one_pane_detail", screen(&app));
}

#[test]
fn help_overlay_at_80x24() {
    let mut app = builtin(80, 24);
    key(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn tiny_terminals_get_a_one_line_notice() {
    insta::assert_snapshot!("tiny_20x5", screen(&builtin(20, 5)));
    insta::assert_snapshot!("tiny_1x1", screen(&builtin(1, 1)));
    // Every size from nothing up to past the minimum draws without a panic.
    for w in 0..=40 {
        for h in 0..=12 {
            let mut app = builtin(w, h);
            key(&mut app, KeyCode::Char('G'));
            key(&mut app, KeyCode::Tab);
            key(&mut app, KeyCode::Char('G'));
            key(&mut app, KeyCode::Char('?'));
            if w > 0 && h > 0 {
                screen(&app);
            }
        }
    }
}

/// A dataset whose text tries to drive the terminal and mixes scripts of different widths.
fn hostile() -> annals::model::Dataset {
    let json = r#"{
      "format": "annals/1", "title": "Widths \u001b[2J and \u202econtrol\u202c",
      "actors": [{"id": "a", "name": "Ваня \u001b]0;pwned\u0007"}],
      "sources": [{"id": "s", "publisher": "東京新聞", "title": "見出し", "date": "2012-11"}],
      "events": [
        {"id": "cjk", "when": "2012-11", "title": "日本語のタイトルはとても長いのでここで切れる", "summary": "全角", "actors": ["a"], "sources": ["s"]},
        {"id": "fr", "when": "2012-11-13", "title": "« Les présidents » ont confirmé", "summary": "x", "sources": ["s"]},
        {"id": "esc", "when": "2012", "title": "Bell\u0007 and \u001b[31mred\u001b[0m", "summary": "line\nbreak \u2066iso\u2069", "actors": ["a"],
         "quotes": [{"by": "a", "text": "\u001b[1mbold", "lang": "ru", "translation": "t", "source": "s"}], "sources": ["s"]}
      ]}"#;
    load::from_str(json, "hostile").unwrap()
}

#[test]
fn dataset_text_never_reaches_the_terminal_as_control() {
    let mut app = app_at(hostile(), 80, 24);
    for _ in 0..3 {
        let s = screen(&app);
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{2066}', '\n'] {
            assert!(
                !s.trim_end().lines().any(|l| l.contains(bad)),
                "{bad:?} reached the screen"
            );
        }
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Home);
    insta::assert_snapshot!(screen(&app));
}

//! `update()` without a terminal: navigation at the edges, paging, focus, help, mouse, resize.

mod common;

use annals::load;
use annals::tui::action::Action;
use annals::tui::app::{App, Focus, Row};
use annals::tui::layout::list_height;
use annals::tui::update::update;
use common::{app_at, ctrl, key, press};
use ratatui::crossterm::event::KeyCode;

/// `n` events, five a year from 2000, one of them with a long summary.
fn dataset(n: usize) -> annals::model::Dataset {
    let events: Vec<String> = (0..n)
        .map(|i| {
            let summary = if i == 0 { "word ".repeat(400) } else { "short".into() };
            format!(
                r#"{{"id":"e{i:03}","when":"{}-{:02}-01","title":"Event {i}","summary":"{summary}","sources":["s"]}}"#,
                2000 + i / 5,
                1 + i % 5
            )
        })
        .collect();
    let json = format!(
        r#"{{"format":"annals/1","title":"T","actors":[],"sources":[{{"id":"s","publisher":"P","title":"T"}}],"events":[{}]}}"#,
        events.join(",")
    );
    load::from_str(&json, "test").unwrap()
}

fn app(n: usize, width: u16, height: u16) -> App {
    app_at(dataset(n), width, height)
}

/// The cursor's row is inside the visible window of the list.
fn cursor_visible(app: &App) -> bool {
    let row = app.cursor_row();
    row >= app.list_offset && row < app.list_offset + list_height(app)
}

#[test]
fn moving_stops_at_both_ends() {
    let mut a = app(12, 120, 40);
    press(&mut a, 'k');
    assert_eq!(a.cursor.get(), 0);
    for _ in 0..20 {
        press(&mut a, 'j');
    }
    assert_eq!(a.cursor.get(), 11);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.cursor.get(), 11);
    key(&mut a, KeyCode::Up);
    assert_eq!(a.cursor.get(), 10);
}

#[test]
fn gg_and_g_jump_to_the_ends_and_a_lone_g_waits() {
    let mut a = app(50, 120, 40);
    press(&mut a, 'G');
    assert_eq!(a.cursor.get(), 49);
    assert!(cursor_visible(&a));
    press(&mut a, 'g');
    assert_eq!(a.cursor.get(), 49, "one g is only a prefix");
    assert_eq!(a.pending.len(), 1);
    press(&mut a, 'g');
    assert_eq!(a.cursor.get(), 0);
    assert!(a.pending.is_empty());
    assert_eq!(a.list_offset, 0, "the first year heading is on screen");
    // g followed by another key drops the prefix and takes the key.
    press(&mut a, 'g');
    press(&mut a, 'j');
    assert_eq!(a.cursor.get(), 1);
    assert!(a.pending.is_empty());
    key(&mut a, KeyCode::End);
    assert_eq!(a.cursor.get(), 49);
    key(&mut a, KeyCode::Home);
    assert_eq!(a.cursor.get(), 0);
}

#[test]
fn pages_move_by_the_visible_height_and_clamp() {
    let mut a = app(200, 120, 40);
    let h = list_height(&a);
    assert_eq!(
        h, 33,
        "40 rows less header, strip (3 rows), footer and borders"
    );
    ctrl(&mut a, 'd');
    assert_eq!(a.cursor.get(), h / 2);
    ctrl(&mut a, 'u');
    assert_eq!(a.cursor.get(), 0);
    ctrl(&mut a, 'u');
    assert_eq!(a.cursor.get(), 0);
    key(&mut a, KeyCode::PageDown);
    assert_eq!(a.cursor.get(), h - 1);
    assert!(cursor_visible(&a));
    for _ in 0..20 {
        key(&mut a, KeyCode::PageDown);
    }
    assert_eq!(a.cursor.get(), 199);
    assert!(cursor_visible(&a));
    key(&mut a, KeyCode::PageUp);
    assert_eq!(a.cursor.get(), 199 - (h - 1));
    assert!(cursor_visible(&a));
}

#[test]
fn the_list_scrolls_to_keep_the_cursor_and_its_year_heading_in_view() {
    let mut a = app(200, 120, 40);
    for _ in 0..100 {
        press(&mut a, 'j');
        assert!(cursor_visible(&a));
    }
    for _ in 0..100 {
        press(&mut a, 'k');
        assert!(cursor_visible(&a));
        // On the first event of a year, its heading shows above it.
        let row = a.cursor_row();
        if matches!(a.rows[row - 1], Row::Year(_)) {
            assert!(a.list_offset < row);
        }
    }
    assert_eq!(a.list_offset, 0);
}

#[test]
fn an_empty_dataset_is_calm() {
    let mut a = app(0, 80, 24);
    for c in ['j', 'k', 'G'] {
        press(&mut a, c);
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.cursor.get(), 0);
    assert!(a.current().is_none());
    assert_eq!(a.focus, Focus::Timeline);
}

#[test]
fn tab_and_enter_move_focus_and_keys_then_scroll_the_detail() {
    let mut a = app(10, 80, 24);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.focus, Focus::Detail);
    press(&mut a, 'j');
    assert_eq!(
        a.cursor.get(),
        0,
        "j scrolls the detail, it does not move the cursor"
    );
    assert_eq!(a.detail_scroll, 1);
    press(&mut a, 'G');
    let bottom = a.detail_scroll;
    assert!(bottom > 10, "the long summary scrolls: {bottom}");
    press(&mut a, 'j');
    assert_eq!(a.detail_scroll, bottom, "no scrolling past the end");
    press(&mut a, 'g');
    press(&mut a, 'g');
    assert_eq!(a.detail_scroll, 0);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Focus::Timeline);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus, Focus::Detail);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.focus, Focus::Timeline);
    assert!(!a.quit);
}

#[test]
fn moving_the_cursor_resets_the_detail_scroll() {
    let mut a = app(10, 80, 24);
    key(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'd');
    assert!(a.detail_scroll > 0);
    key(&mut a, KeyCode::Tab);
    press(&mut a, 'j');
    assert_eq!(a.detail_scroll, 0);
}

#[test]
fn q_and_esc_go_back_then_quit() {
    let mut a = app(10, 80, 24);
    press(&mut a, '?');
    assert!(a.help.is_some());
    press(&mut a, 'q');
    assert!(a.help.is_none(), "q closes the help first");
    assert!(!a.quit);
    key(&mut a, KeyCode::Tab);
    press(&mut a, 'q');
    assert_eq!(a.focus, Focus::Timeline);
    assert!(!a.quit);
    // Esc on the timeline clears, one thing a press, and never quits; q quits.
    press(&mut a, '/');
    "Putin".chars().for_each(|c| press(&mut a, c));
    key(&mut a, KeyCode::Enter);
    press(&mut a, 'd');
    "2012".chars().for_each(|c| press(&mut a, c));
    key(&mut a, KeyCode::Enter);
    let narrowed = a.shown.len();
    assert!(a.search.is_some());
    key(&mut a, KeyCode::Esc);
    assert!(a.search.is_none(), "the search first");
    assert_eq!(a.shown.len(), narrowed, "the filter stays");
    key(&mut a, KeyCode::Esc);
    assert!(a.shown.len() > narrowed, "then the filters");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    assert!(!a.quit, "Esc never quits");
    press(&mut a, 'q');
    assert!(a.quit);

    let mut b = app(10, 80, 24);
    press(&mut b, '?');
    ctrl(&mut b, 'c');
    assert!(b.quit, "Ctrl-c quits from anywhere");
}

#[test]
fn the_help_scrolls_and_keys_do_not_reach_the_timeline_under_it() {
    let mut a = app(10, 80, 24);
    press(&mut a, '?');
    press(&mut a, 'j');
    assert_eq!(a.help, Some(1));
    assert_eq!(a.cursor.get(), 0);
    for _ in 0..200 {
        press(&mut a, 'j');
    }
    let max = a.help.unwrap();
    assert!(max > 1 && max < 200, "scroll is clamped: {max}");
    press(&mut a, 'G');
    assert_eq!(a.cursor.get(), 0);
    press(&mut a, '?');
    assert!(a.help.is_none());
}

#[test]
fn the_wheel_and_clicks_act_on_the_pane_under_the_pointer() {
    let mut a = app(30, 120, 40);
    // The list is on the left, the detail on the right (split layout at 120 columns).
    update(
        &mut a,
        Action::WheelDown {
            column: 10,
            row: 10,
        },
    );
    assert_eq!(a.cursor.get(), 3);
    update(
        &mut a,
        Action::WheelUp {
            column: 10,
            row: 10,
        },
    );
    assert_eq!(a.cursor.get(), 0);
    update(
        &mut a,
        Action::WheelDown {
            column: 100,
            row: 10,
        },
    );
    assert_eq!(a.cursor.get(), 0);
    assert!(a.detail_scroll > 0);
    // Row 5 of the screen is the first row inside the list (under the header and the
    // strip's three rows): the year 2000 heading; row 7 is the second event.
    update(&mut a, Action::Click { column: 10, row: 7 });
    assert_eq!(a.cursor.get(), 1);
    assert_eq!(a.focus, Focus::Timeline);
    update(
        &mut a,
        Action::Click {
            column: 100,
            row: 7,
        },
    );
    assert_eq!(a.focus, Focus::Detail);
    // Clicking a year heading selects nothing new.
    update(&mut a, Action::Click { column: 10, row: 5 });
    assert_eq!(a.cursor.get(), 1);
}

#[test]
fn resizing_keeps_the_cursor_visible_and_survives_tiny_sizes() {
    let mut a = app(200, 120, 40);
    press(&mut a, 'G');
    for (w, h) in [
        (80, 24),
        (60, 30),
        (40, 10),
        (1, 1),
        (0, 0),
        (30, 8),
        (200, 60),
    ] {
        update(
            &mut a,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        assert_eq!(a.cursor.get(), 199);
        if w >= 30 && h >= 8 {
            assert!(cursor_visible(&a), "at {w}×{h}");
        }
    }
}

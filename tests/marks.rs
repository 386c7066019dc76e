//! Marks (`m`, `]m`, `[m`, `M`, export of the marked events) and the jump list (`Ctrl-o`,
//! `Ctrl-n`).

mod common;

use annals::tui::app::App;
use common::{builtin, ctrl, go_to, key, press, screen, typing};
use ratatui::crossterm::event::KeyCode;

fn id(app: &App) -> &str {
    &app.current().unwrap().id
}

/// Marks three events, as a person would: go there, `m`.
fn marked_three(app: &mut App) {
    for e in ["putin-elected-2000", "usaid-note", "putin-obama-call"] {
        go_to(app, e);
        press(app, 'm');
    }
}

#[test]
fn marks_show_in_the_list_the_strip_and_the_lanes() {
    let mut app = builtin(120, 40);
    marked_three(&mut app);
    assert_eq!(app.marks.len(), 3);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("marked (3 marks")
    );
    let s = screen(&app);
    assert!(s.contains("▶•13 Nov  Putin and Obama agree"), "{s}");
    assert!(s.contains(" •12 Sep  Russia's note evicting USAID"), "{s}");
    // The strip: a mark at the top of each marked event's column (three, some may share).
    let strip_top = s.lines().nth(1).unwrap();
    assert!(strip_top.contains('•'), "{s}");
    press(&mut app, 't');
    let s = screen(&app);
    assert!(s.contains('◆'), "{s}");
    // m again unmarks.
    press(&mut app, 'm');
    assert_eq!(app.marks.len(), 2);
    assert_eq!(app.status.as_deref(), Some("unmarked (2 marks left)"));
}

#[test]
fn bracket_m_goes_from_mark_to_mark_and_capital_m_shows_only_them() {
    let mut app = builtin(120, 40);
    marked_three(&mut app);
    key(&mut app, KeyCode::Home);
    typing(&mut app, "]m");
    assert_eq!(id(&app), "putin-elected-2000");
    typing(&mut app, "]m");
    assert_eq!(id(&app), "usaid-note");
    typing(&mut app, "]m");
    typing(&mut app, "]m");
    assert_eq!(id(&app), "putin-obama-call");
    assert_eq!(app.status.as_deref(), Some("no later marked event"));
    typing(&mut app, "[m");
    assert_eq!(id(&app), "usaid-note");

    press(&mut app, 'M');
    assert_eq!(app.shown.len(), 3);
    assert_eq!(id(&app), "usaid-note", "the cursor stays on its event");
    assert!(screen(&app).contains("3 of 54 events · marked only"));
    // Marking and unmarking while narrowed keeps the narrowing true.
    press(&mut app, 'm');
    assert_eq!(app.shown.len(), 2);
    press(&mut app, 'M');
    assert_eq!(app.shown.len(), 54);
}

#[test]
fn the_export_dialog_offers_the_marked_events() {
    let mut app = builtin(120, 40);
    marked_three(&mut app);
    press(&mut app, 'x');
    let s = screen(&app);
    assert!(
        s.contains("every event shown (Tab: the marked events)"),
        "{s}"
    );
    key(&mut app, KeyCode::Tab);
    let d = app.export.as_ref().unwrap();
    assert_eq!(d.events.len(), 3);
    assert_eq!(d.name.text(), "annals-2000-03-26--2012-11-13.md");
    assert!(screen(&app).contains("Export 3 events"));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.export.as_ref().unwrap().events.len(), 54);
}

#[test]
fn ctrl_o_goes_back_along_big_moves_and_ctrl_n_forward() {
    let mut app = builtin(120, 40);
    go_to(&mut app, "usaid-note"); // small moves: j, not remembered
    press(&mut app, 'G');
    assert_eq!(
        app.current().unwrap().id,
        app.data.events.last().unwrap().id
    );
    typing(&mut app, ":2000-03");
    key(&mut app, KeyCode::Enter);
    assert_eq!(id(&app), "putin-elected-2000");
    typing(&mut app, "/Pussy");
    key(&mut app, KeyCode::Enter);
    let pussy = id(&app).to_string();
    assert!(pussy.contains("pussy"), "{pussy}");

    ctrl(&mut app, 'o');
    assert_eq!(id(&app), "putin-elected-2000", "back from the search");
    ctrl(&mut app, 'o');
    assert_eq!(
        id(&app),
        app.data.events.last().unwrap().id,
        "back from the go to"
    );
    ctrl(&mut app, 'o');
    assert_eq!(id(&app), "usaid-note", "back from G");
    ctrl(&mut app, 'o');
    assert_eq!(
        app.status.as_deref(),
        Some("no older place in the jump list")
    );
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    assert_eq!(id(&app), "putin-elected-2000");
    ctrl(&mut app, 'n');
    assert_eq!(id(&app), pussy);
    ctrl(&mut app, 'n');
    assert_eq!(
        app.status.as_deref(),
        Some("no newer place in the jump list")
    );
    // A new big move after going back forgets what was ahead.
    ctrl(&mut app, 'o');
    typing(&mut app, "]a");
    ctrl(&mut app, 'n');
    assert_eq!(
        app.status.as_deref(),
        Some("no newer place in the jump list")
    );
}

//! The export dialog at the keyboard: the file name's cursor (moving by character, typing
//! and deleting where it stands, drawn where it is, the name scrolling to keep it in view),
//! and what a range offers: its rows, or every event shown over its dates.

mod common;

use std::path::Path;

use annals::load;
use annals::tui::app::App;
use annals::tui::effect::{Done, Effect};
use annals::tui::keymap::KeyPress;
use annals::tui::update::{self, on_key};
use assert_cmd::Command;
use common::{app_at, builtin, ctrl, go_to, key, press, screen, typing};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

/// The autumn of 2012 selected with `v`, and the dialog open on it.
fn dialog(width: u16, height: u16) -> App {
    let mut app = builtin(width, height);
    app.export_dir = Path::new("/nowhere/at/all").to_path_buf();
    go_to(&mut app, "usaid-note");
    typing(&mut app, "v");
    let to = app.data.event_position("putin-obama-call").unwrap().get();
    while app.cursor.get() < to {
        typing(&mut app, "j");
    }
    typing(&mut app, "x");
    assert!(app.export.is_some());
    app
}

/// The name with the cursor as `|`.
fn name(app: &App) -> String {
    let f = &app.export.as_ref().unwrap().name;
    format!("{}|{}", &f.text()[..f.cursor()], &f.text()[f.cursor()..])
}

fn keys(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        key(app, code);
    }
}

#[test]
fn the_name_is_edited_where_the_cursor_stands() {
    let mut app = dialog(120, 40);
    assert_eq!(name(&app), "annals-2012-09-12--2012-11-13.md|");
    // ← three times: before ".md"; typing goes in there.
    keys(&mut app, KeyCode::Left, 3);
    assert_eq!(name(&app), "annals-2012-09-12--2012-11-13|.md");
    typing(&mut app, "-usaid");
    assert_eq!(name(&app), "annals-2012-09-12--2012-11-13-usaid|.md");
    // Backspace in the middle deletes before the cursor, not at the end.
    key(&mut app, KeyCode::Backspace);
    assert_eq!(name(&app), "annals-2012-09-12--2012-11-13-usai|.md");
    // → goes right; at the end it stays.
    keys(&mut app, KeyCode::Right, 5);
    assert_eq!(name(&app), "annals-2012-09-12--2012-11-13-usai.md|");
    // Home, and typing at the start (letters bound elsewhere are text: h, l, x, q).
    key(&mut app, KeyCode::Home);
    assert_eq!(name(&app), "|annals-2012-09-12--2012-11-13-usai.md");
    typing(&mut app, "~/hlxq/");
    assert_eq!(name(&app), "~/hlxq/|annals-2012-09-12--2012-11-13-usai.md");
    // Ctrl-w deletes the word before the cursor and what separates it from the cursor.
    ctrl(&mut app, 'w');
    assert_eq!(name(&app), "~/|annals-2012-09-12--2012-11-13-usai.md");
    // End; Ctrl-w there takes the ending.
    key(&mut app, KeyCode::End);
    ctrl(&mut app, 'w');
    assert_eq!(name(&app), "~/annals-2012-09-12--2012-11-13-usai.|");
    typing(&mut app, "md");
    // Accents and wide characters are one step each, never half a character.
    key(&mut app, KeyCode::Home);
    keys(&mut app, KeyCode::Right, 2);
    typing(&mut app, "Лавров-東京-");
    keys(&mut app, KeyCode::Left, 2);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(
        name(&app),
        "~/Лавров-|京-annals-2012-09-12--2012-11-13-usai.md"
    );
    // Ctrl-u clears.
    ctrl(&mut app, 'u');
    assert_eq!(name(&app), "|");
}

#[test]
fn the_name_written_is_the_one_edited_in_the_middle() {
    let mut app = dialog(120, 40);
    keys(&mut app, KeyCode::Left, 3);
    typing(&mut app, "-b");
    let effects = on_key(
        &mut app,
        KeyPress {
            code: KeyCode::Enter,
            ctrl: false,
        },
    );
    match effects.as_slice() {
        [Effect::Export(job)] => assert_eq!(job.name, "annals-2012-09-12--2012-11-13-b.md"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_new_format_renames_the_name_and_puts_the_cursor_at_its_end() {
    let mut app = dialog(120, 40);
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Down);
    assert_eq!(name(&app), "annals-2012-09-12--2012-11-13.json|");
    // A name that does not end as the format's keeps the cursor where it is.
    ctrl(&mut app, 'u');
    typing(&mut app, "brief.txt");
    keys(&mut app, KeyCode::Left, 4);
    key(&mut app, KeyCode::Down);
    assert_eq!(name(&app), "brief|.txt");
}

#[test]
fn moving_the_cursor_keeps_the_error_and_editing_clears_it() {
    let mut app = dialog(120, 40);
    ctrl(&mut app, 'u');
    key(&mut app, KeyCode::Enter);
    assert!(app.export.as_ref().unwrap().error.is_some());
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Home);
    assert!(app.export.as_ref().unwrap().error.is_some());
    typing(&mut app, "a");
    assert!(app.export.as_ref().unwrap().error.is_none());
}

// ---------------------------------------------------------------------------------------------
// Drawing: the cursor's cell in reverse video, in view however long the name.

fn buffer(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t.backend().buffer().clone()
}

/// The dialog's "File …" line as drawn, and the cells of it in reverse video.
fn file_line(app: &App) -> (String, Vec<String>) {
    let buf = buffer(app);
    for y in 0..buf.area.height {
        let cells: Vec<_> = (0..buf.area.width).map(|x| &buf[(x, y)]).collect();
        let label = ["│", " ", "F", "i", "l", "e", " "];
        let Some(at) = cells
            .windows(label.len())
            .position(|w| w.iter().zip(label).all(|(c, l)| c.symbol() == l))
        else {
            continue;
        };
        let start = at + label.len();
        let inside: Vec<_> = cells[start..]
            .iter()
            .take_while(|c| c.symbol() != "│")
            .collect();
        let text: String = inside.iter().map(|c| c.symbol()).collect();
        let reversed = inside
            .iter()
            .filter(|c| c.modifier.contains(Modifier::REVERSED))
            .map(|c| c.symbol().to_string())
            .collect();
        return (text.trim_end().to_string(), reversed);
    }
    panic!("no file line on screen");
}

#[test]
fn the_cursor_is_drawn_where_it_stands() {
    let mut app = dialog(120, 40);
    let (text, reversed) = file_line(&app);
    assert_eq!(text, "annals-2012-09-12--2012-11-13.md");
    assert_eq!(reversed, [" "], "at the end: a blank cell after the name");
    keys(&mut app, KeyCode::Left, 3);
    let (text, reversed) = file_line(&app);
    assert_eq!(text, "annals-2012-09-12--2012-11-13.md");
    assert_eq!(reversed, ["."]);
    key(&mut app, KeyCode::Home);
    assert_eq!(file_line(&app).1, ["a"]);
}

#[test]
fn a_name_longer_than_the_field_scrolls_to_keep_the_cursor_in_view() {
    // 80 columns: the dialog's field holds about 66 cells.
    let mut app = dialog(80, 30);
    key(&mut app, KeyCode::Home);
    typing(
        &mut app,
        "~/chronologies/moscow-and-washington/the-autumn-of-2012/drafts/desk/",
    );
    // The cursor is past the field's width: the start is cut, the cursor in view.
    let (text, reversed) = file_line(&app);
    assert!(text.starts_with('…'), "{text}");
    assert!(text.contains("drafts/desk/a"), "{text}");
    assert_eq!(reversed, ["a"], "{text}");
    // Home: the start shows, the end is cut.
    key(&mut app, KeyCode::Home);
    let (text, reversed) = file_line(&app);
    assert!(text.starts_with("~/chronologies/"), "{text}");
    assert!(text.ends_with('…'), "{text}");
    assert_eq!(reversed, ["~"]);
    // End: the name's end shows, as before, with the cursor after it.
    key(&mut app, KeyCode::End);
    let (text, reversed) = file_line(&app);
    assert!(text.starts_with('…'), "{text}");
    assert!(text.ends_with("2012-11-13.md"), "{text}");
    assert_eq!(reversed, [" "]);
    // Every position on the way back: the cursor always drawn, once.
    let len = app.export.as_ref().unwrap().name.text().chars().count();
    for _ in 0..len {
        key(&mut app, KeyCode::Left);
        let (text, reversed) = file_line(&app);
        let f = &app.export.as_ref().unwrap().name;
        let under = f.text()[f.cursor()..].chars().next().unwrap().to_string();
        assert_eq!(reversed, [under], "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// The range's rows, or its dates.

/// The ids of the events the dialog would write.
fn exported(app: &App) -> Vec<String> {
    let d = app.export.as_ref().unwrap();
    d.events
        .iter()
        .map(|&i| app.data.events[i].id.clone())
        .collect()
}

/// The ids `annals list` gives for these query options, in order.
fn listed(args: &[&str]) -> Vec<String> {
    let out = Command::cargo_bin("annals")
        .unwrap()
        .arg("list")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().or_else(|| v["events"].as_array()).unwrap();
    rows.iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn tab_switches_from_the_rows_to_every_event_shown_over_the_range_dates() {
    let mut app = dialog(120, 40);
    let rows = exported(&app);
    assert_eq!(rows.len(), 11);
    assert_eq!(rows.first().map(String::as_str), Some("usaid-note"));
    let s = screen(&app);
    assert!(
        s.contains("12 Sep 2012 – 13 Nov 2012 · the selected rows (Tab: the range's dates)"),
        "{s}"
    );
    key(&mut app, KeyCode::Tab);
    // As the command line reads --from/--to: what overlaps the days, a month and a protest
    // wave begun in 2011 (its end unknown) included.
    let dates = exported(&app);
    assert_eq!(
        dates,
        listed(&["--from", "2012-09-12", "--to", "2012-11-13"])
    );
    assert_eq!(dates.len(), 13);
    for id in ["protest-wave", "lavrov-tells-clinton-usaid"] {
        assert!(
            dates.iter().any(|d| d == id) && !rows.iter().any(|r| r == id),
            "{id}"
        );
    }
    let s = screen(&app);
    assert!(s.contains("Export 13 events"), "{s}");
    assert!(
        s.contains("5 Dec 2011 – 13 Nov 2012 · the range's dates (12 Sep – 13 Nov 2012)"),
        "{s}"
    );
    // Too long for one line with Tab's other set: that goes on the next.
    assert!(s.contains("│ (Tab: the selected rows)"), "{s}");
    assert!(s.contains("▶ Markdown brief"), "every format listed: {s}");
    // The offered name follows the set; and back again with Tab.
    assert_eq!(name(&app), "annals-2011-12-05--2012-11-13.md|");
    key(&mut app, KeyCode::Tab);
    assert_eq!(exported(&app), rows);
    assert_eq!(name(&app), "annals-2012-09-12--2012-11-13.md|");
}

#[test]
fn the_range_dates_keep_to_the_events_the_filters_show() {
    let mut app = builtin(120, 40);
    typing(&mut app, "a");
    typing(&mut app, "obama");
    key(&mut app, KeyCode::Enter);
    go_to_shown(&mut app, "obama-reelected");
    press(&mut app, 'v');
    go_to_shown(&mut app, "magnitsky-act-signed");
    press(&mut app, 'x');
    key(&mut app, KeyCode::Tab);
    let dates = exported(&app);
    assert_eq!(
        dates,
        listed(&[
            "--actor",
            "obama",
            "--from",
            "2012-11-06",
            "--to",
            "2012-12-14"
        ])
    );
    assert!(dates.len() < listed(&["--from", "2012-11-06", "--to", "2012-12-14"]).len());
    assert!(dates.iter().all(|id| {
        let ev = &app.data.events[app.data.event_position(id).unwrap()];
        ev.actors.iter().any(|&a| app.data.actor(a).id == "obama")
    }));
}

/// Moves the cursor with j/k to an event among those shown.
fn go_to_shown(app: &mut App, id: &str) {
    let ev = app.data.event_position(id).unwrap();
    let pos = app.shown.iter().position(|&e| e == ev).expect(id);
    while app.cursor.get() < pos {
        press(app, 'j');
    }
    while app.cursor.get() > pos {
        press(app, 'k');
    }
}

/// Three rows in March and April 2012, and around them what their dates reach or not.
fn small() -> annals::model::Dataset {
    small_with(&[])
}

/// `small()` and more events.
fn small_with(more: &[(&str, &str)]) -> annals::model::Dataset {
    let mut events = vec![
        ("open", "2011-06-01/.."),
        ("early", "2012-01-05"),
        ("year", "2012"),
        ("long", "2012-01-10/2012-06-30"),
        ("ended", "2012-01-20/2012-02-28"),
        ("a", "2012-03-01"),
        ("b", "2012-03-15"),
        ("c", "2012-04-10"),
        ("later", "2012-04-11"),
    ];
    events.extend_from_slice(more);
    let events: Vec<String> = events
        .iter()
        .map(|(id, when)| {
            format!(r#"{{"id":"{id}","when":"{when}","title":"Event {id}","sources":["s"]}}"#)
        })
        .collect();
    let json = format!(
        r#"{{"format":"annals/1","title":"T","actors":[],"sources":[{{"id":"s","publisher":"P","title":"T"}}],"events":[{}]}}"#,
        events.join(",")
    );
    load::from_str(&json, "test").unwrap()
}

#[test]
fn the_range_dates_take_what_began_before_and_goes_on() {
    let mut app = app_at(small(), 120, 40);
    let ids: Vec<&str> = app.shown.iter().map(|&i| &*app.data.events[i].id).collect();
    assert_eq!(
        ids,
        [
            "open", "year", "early", "long", "ended", "a", "b", "c", "later"
        ]
    );
    go_to_shown(&mut app, "a");
    press(&mut app, 'v');
    go_to_shown(&mut app, "c");
    press(&mut app, 'x');
    assert_eq!(exported(&app), ["a", "b", "c"]);
    key(&mut app, KeyCode::Tab);
    // 1 Mar – 10 Apr 2012: an open range, the year, a range begun in January; not what
    // ended before or began after.
    assert_eq!(exported(&app), ["open", "year", "long", "a", "b", "c"]);
    assert!(screen(&app).contains("the range's dates (1 Mar – 10 Apr 2012)"));
    // Narrowed to the marked events, the dates take only those.
    key(&mut app, KeyCode::Esc);
    press(&mut app, 'v');
    for id in ["long", "a", "c"] {
        go_to_shown(&mut app, id);
        press(&mut app, 'm');
    }
    press(&mut app, 'M');
    go_to_shown(&mut app, "a");
    press(&mut app, 'v');
    go_to_shown(&mut app, "c");
    press(&mut app, 'x');
    key(&mut app, KeyCode::Tab);
    assert_eq!(exported(&app), ["long", "a", "c"]);
}

#[test]
fn the_sets_stay_on_their_events_when_the_file_is_read_again() {
    let mut app = app_at(small(), 120, 40);
    go_to_shown(&mut app, "a");
    press(&mut app, 'v');
    go_to_shown(&mut app, "c");
    press(&mut app, 'x');
    // The file changes under the open dialog: an event earlier than all moves every position.
    let again = small_with(&[("first", "2000-01-01")]);
    update::done(&mut app, Done::Reloaded(Ok(again)));
    assert_eq!(exported(&app), ["a", "b", "c"]);
    key(&mut app, KeyCode::Tab);
    assert_eq!(exported(&app), ["open", "year", "long", "a", "b", "c"]);
    key(&mut app, KeyCode::Tab);
    assert_eq!(exported(&app), ["a", "b", "c"]);
}

//! The export dialog's file name at the keyboard: a cursor that moves by character, typing
//! and deleting where it stands, and drawn where it is, the name scrolling to keep it in view.

mod common;

use std::path::Path;

use annals::tui::app::App;
use annals::tui::effect::Effect;
use annals::tui::keymap::KeyPress;
use annals::tui::update::on_key;
use common::{builtin, ctrl, go_to, key, typing};
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

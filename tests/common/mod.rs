//! Helpers shared by the tests that drive `App` without a terminal.
#![allow(dead_code)] // each test file uses a different part

use annals::model::Dataset;
use annals::tui::action::Action;
use annals::tui::app::App;
use annals::tui::effect;
use annals::tui::keymap::KeyPress;
use annals::tui::update::{on_key, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

/// An app on a dataset, laid out for a screen of this size.
pub fn app_at(data: Dataset, width: u16, height: u16) -> App {
    let mut app = App::new(data, width, height);
    update(&mut app, Action::Resize { width, height });
    app
}

/// An app on the built-in dataset.
pub fn builtin(width: u16, height: u16) -> App {
    app_at(annals::load::builtin(), width, height)
}

/// A key press, and whatever it asks of the world carried out as the event loop would.
pub fn key(app: &mut App, code: KeyCode) {
    let effects = on_key(app, KeyPress { code, ctrl: false });
    effect::run(app, effects, &mut effect::Plain);
}

pub fn press(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

pub fn ctrl(app: &mut App, c: char) {
    let effects = on_key(
        app,
        KeyPress {
            code: KeyCode::Char(c),
            ctrl: true,
        },
    );
    effect::run(app, effects, &mut effect::Plain);
}

pub fn typing(app: &mut App, text: &str) {
    text.chars().for_each(|c| press(app, c));
}

/// Moves the cursor to an event by id, with keys, as a person would.
pub fn go_to(app: &mut App, id: &str) {
    let pos = app.data.event_position(id).unwrap().get();
    key(app, KeyCode::Home);
    for _ in 0..pos {
        press(app, 'j');
    }
}

/// The screen as lines of text, trailing blanks trimmed; a wide character counts once.
/// One whole frame of the app, drawn off screen (its cells and styles).
pub fn frame(app: &App) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t.backend().buffer().clone()
}

pub fn screen(app: &App) -> String {
    let buf = frame(app);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += annals::text::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The terminal was resized.
pub fn update_size(app: &mut App, width: u16, height: u16) {
    update(app, Action::Resize { width, height });
}

/// A day written `YYYY-MM-DD`.
pub fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

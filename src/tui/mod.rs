//! The only code that touches the terminal: set-up, restore (on quit, on error, on panic) and
//! the event loop. Everything else in `tui` is plain state and drawing.

pub mod action;
pub mod app;
pub mod keymap;
pub mod update;
pub mod view;

use std::io::stdout;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::model::Dataset;
use action::Action;
use app::App;
use keymap::KeyPress;

/// Puts the terminal back however `run` ends: normally, by error (drop) or by panic (hook).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the browser on a dataset until the user quits.
pub fn run(data: Dataset) -> std::io::Result<()> {
    // The guard comes first: if set-up fails half way (raw mode on, screen not switched),
    // dropping it still puts the terminal back.
    let _restore = Restore;
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook (installed by try_init) restores raw mode and the screen; ours first
    // stops mouse reporting, which it does not know about.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        hook(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;

    let size = terminal.size()?;
    let mut app = App::new(data, size.width, size.height);
    update::keep_in_view(&mut app);
    let mut redraw = true;
    while !app.quit {
        if redraw {
            terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
        }
        // A search over a big dataset goes on a slice at a time while no key is waiting.
        if app.searching.is_some() && !event::poll(std::time::Duration::ZERO)? {
            update::search_slice(&mut app);
            redraw = true;
            continue;
        }
        // Mouse motion and other events that ask for nothing do not redraw.
        redraw = next_action(&mut app)?;
    }
    Ok(())
}

/// Waits for the next terminal event and applies it: keys go through the keymap (which may
/// keep a prefix pending), mouse and resize events become actions. Says whether anything
/// may have changed on screen.
fn next_action(app: &mut App) -> std::io::Result<bool> {
    // A key that may start a longer binding (`]` of `] a`) acts alone if nothing follows.
    if update::waiting(app) && !event::poll(keymap::AMBIGUOUS_WAIT)? {
        update::flush_pending(app);
        return Ok(true);
    }
    let action = match event::read()? {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            update::on_key(app, KeyPress::from_event(key));
            return Ok(true);
        }
        Event::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => Some(Action::WheelDown { column, row }),
                MouseEventKind::ScrollUp => Some(Action::WheelUp { column, row }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    };
    Ok(match action {
        Some(action) => {
            update::update(app, action);
            true
        }
        None => false,
    })
}

//! NO_COLOR (https://no-color.org): the frame has no colour at all, and what colour marked
//! is carried by reverse, bold and underline.

mod common;

use common::{builtin, frame, go_to, key, press, typing};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

#[test]
fn without_colour_the_cursor_hits_and_bars_still_show() {
    let mut a = builtin(120, 40);
    a.theme = annals::tui::theme::Theme::Mono;
    go_to(&mut a, "putin-obama-call");
    press(&mut a, '/');
    typing(&mut a, "Putin");
    key(&mut a, KeyCode::Enter);
    for view in ["list", "lanes", "help"] {
        match view {
            "lanes" => press(&mut a, 't'),
            "help" => press(&mut a, '?'),
            _ => {}
        }
        let buf = frame(&a);
        let cells: Vec<_> = buf.content.iter().collect();
        assert!(
            cells
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
            "{view}: a colour is left"
        );
        assert!(
            cells
                .iter()
                .any(|c| c.modifier.contains(Modifier::REVERSED)),
            "{view}: nothing reversed (the cursor, the mode)"
        );
        if view == "list" {
            // Search hits are underlined, also on the cursor's (reversed) row.
            let hits = cells
                .iter()
                .filter(|c| c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD))
                .count();
            assert!(hits >= "Putin".len(), "{view}: hits not marked");
        }
    }
}

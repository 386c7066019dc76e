//! Styles. Colours are few and from the terminal's own palette; meaning never rests on colour
//! alone (the cursor also has a marker, focus also a title).

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Block;

pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const YEAR: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const DATE: Style = Style::new().fg(Color::Cyan);
pub const CURSOR: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const CURSOR_UNFOCUSED: Style = Style::new().add_modifier(Modifier::BOLD);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan);
pub const ACTORS: Style = Style::new().fg(Color::Cyan);
pub const HEADING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const QUOTE: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const MODE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const NOTICE: Style = Style::new().fg(Color::Yellow);

/// A pane's frame: its title, and a brighter border when it has focus.
pub fn pane(title: &str, focused: bool) -> Block<'_> {
    Block::bordered()
        .title(format!(" {title} "))
        .border_style(if focused { BORDER_FOCUSED } else { BORDER })
}

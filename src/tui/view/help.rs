//! The help overlay, generated from the keymap the browser goes by (`tui::help_text`).

use ratatui::buffer::Buffer;
use ratatui::widgets::{Paragraph, Widget};

use crate::text::sanitize;
use crate::tui::app::{App, Help};
use crate::tui::{layout, theme};

pub fn render(app: &App, help: &Help, buf: &mut Buffer) {
    let canvas = layout::help_canvas(app);
    let title = if help.typing {
        format!("Keys matching “{}▏”", sanitize(&help.filter))
    } else if !help.filter.is_empty() {
        format!("Keys matching “{}”", sanitize(&help.filter))
    } else {
        "Keys".to_string()
    };
    let hint = if help.typing {
        " Enter keep · Esc drop filter ".to_string()
    } else {
        let more = if help.scroll < canvas.max_scroll() {
            " PgDn more ·"
        } else {
            ""
        };
        format!("{more} / filter · ? closes ")
    };
    let block = theme::popup(canvas.area, buf, &title, &hint);
    let inner = block.inner(canvas.area);
    block.render(canvas.area, buf);
    Paragraph::new(canvas.lines)
        .scroll((u16::try_from(help.scroll).unwrap_or(u16::MAX), 0))
        .render(inner, buf);
}

//! The help overlay, generated from the keymap table (`tui::help_text`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::{help_text, layout, theme};

pub fn render(scroll: usize, area: Rect, buf: &mut Buffer) {
    let r = layout::help_area(area);
    let block = theme::popup(r, buf, "Keys", " ? or Esc closes ");
    help_text::paragraph()
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(r, buf);
}

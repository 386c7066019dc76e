//! The detail pane: the event under the cursor (`tui::detail` makes its text).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::app::{App, Focus};
use crate::tui::{detail, theme};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Detail && app.help.is_none();
    let block = theme::pane("Detail", focused);
    let scroll = u16::try_from(app.detail_scroll).unwrap_or(u16::MAX);
    detail::paragraph(app)
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

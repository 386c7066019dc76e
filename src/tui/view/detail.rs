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
    let inner = block.inner(area);
    // Text wraps; an address is cut to the width instead.
    let paragraph = detail::paragraph(app, inner.width);
    // What is below the pane's last line, said on its bottom border.
    let total = if inner.width > 0 {
        paragraph.line_count(inner.width)
    } else {
        0
    };
    let below = total.saturating_sub(app.detail_scroll + usize::from(inner.height));
    paragraph.block(block).scroll((scroll, 0)).render(area, buf);
    // Not under a popup, which would cut it.
    let popup = app.help.is_some() || app.picker.is_some() || app.export.is_some();
    if below > 0 && area.height >= 2 && !popup {
        let text = format!(
            " ↓ {} more {} ",
            below,
            if below == 1 { "line" } else { "lines" }
        );
        let room = usize::from(area.width.saturating_sub(4));
        if crate::text::width(&text) <= room {
            let x = area.x + area.width - 2 - crate::text::width(&text) as u16;
            buf.set_string(x, area.y + area.height - 1, text, theme::DIM);
        }
    }
}

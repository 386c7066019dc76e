//! The screen shown while a big file is read, before the first frame of the browser: the
//! file's name, a bar, bytes and events so far, and how to cancel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Gauge, Widget};

use crate::load::Progress;
use crate::text::{sanitize, truncate};

use crate::tui::theme;

/// Draws the loading screen for the file `name` over the whole area.
pub fn render(name: &str, p: Progress, area: Rect, buf: &mut Buffer) {
    if area.width < 12 || area.height < 3 {
        return;
    }
    let width = area.width.saturating_sub(4).min(72);
    let box_area = crate::tui::layout::centered(area, width, 3);
    let title = format!(
        " Opening {} ",
        truncate(&sanitize(name), usize::from(width).saturating_sub(12))
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::BORDER_FOCUSED)
        .title(title)
        .title_bottom(" Ctrl-C cancels ");
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    Gauge::default()
        .gauge_style(theme::STRIP)
        .ratio(p.ratio())
        .label(p.text())
        .render(Rect { height: 1, ..inner }, buf);
}

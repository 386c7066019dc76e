//! The detail pane: the event under the cursor (`tui::detail` makes its text). It says where
//! it drew the addresses a terminal may link (`Link`); the event loop writes the links.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::Link;
use crate::tui::app::{App, Focus};
use crate::tui::{detail, theme};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Vec<Link> {
    let focused = app.focus == Focus::Detail && app.help.is_none();
    let block = theme::pane("Detail", focused);
    let scroll = u16::try_from(app.detail_scroll).unwrap_or(u16::MAX);
    let inner = block.inner(area);
    let laid = detail::laid_out(app, inner.width);
    // The first row of each line in the pane's text (text wraps; an address never does).
    let mut tops = Vec::with_capacity(laid.lines.len() + 1);
    let mut total = 0;
    if inner.width > 0 {
        for line in &laid.lines {
            tops.push(total);
            total += Paragraph::new(line.clone())
                .wrap(Wrap { trim: false })
                .line_count(inner.width);
        }
    }
    let below = total.saturating_sub(app.detail_scroll + usize::from(inner.height));
    let links = links(&laid, &tops, app.detail_scroll, inner);
    Paragraph::new(laid.lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
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
    links
}

/// The addresses on screen that `gx` would open, where they are drawn, with their URIs.
fn links(laid: &detail::Laid, tops: &[usize], scroll: usize, inner: Rect) -> Vec<Link> {
    let rows = scroll..scroll + usize::from(inner.height);
    laid.addresses
        .iter()
        .filter_map(|a| {
            let top = *tops.get(a.line)?;
            if a.shown.is_empty() || !rows.contains(&top) {
                return None;
            }
            Some(Link {
                x: inner.x + a.column,
                y: inner.y + u16::try_from(top - scroll).ok()?,
                text: a.shown.clone(),
                uri: crate::text::link_uri(&a.url)?,
            })
        })
        .collect()
}

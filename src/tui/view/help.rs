//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme;
use crate::tui::keymap::{KEYMAP, Mode, display};

const KEYS_WIDTH: usize = 18;

fn lines() -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for mode in [
        Mode::Timeline,
        Mode::Visual,
        Mode::Lanes,
        Mode::Detail,
        Mode::Browse,
        Mode::Picker,
        Mode::Prompt,
        Mode::Export,
        Mode::Confirm,
        Mode::Help,
        Mode::Any,
    ] {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(mode.label(), theme::HEADING));
        for b in KEYMAP.iter().filter(|b| b.mode == mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| display(k)).collect();
            out.push(Line::from(vec![
                Span::styled(format!("  {:<KEYS_WIDTH$}", keys.join(" ")), theme::KEY),
                Span::raw(b.description),
            ]));
        }
    }
    out
}

/// Where the overlay goes on a screen.
fn popup(area: Rect, content_lines: usize) -> Rect {
    let width = area.width.saturating_sub(4).min(64);
    let height = (content_lines as u16 + 2).min(area.height.saturating_sub(2));
    super::centered(area, width, height)
}

/// How far the overlay can scroll on a screen of this size.
pub fn max_scroll(width: u16, height: u16) -> usize {
    let n = lines().len();
    let r = popup(Rect::new(0, 0, width, height), n);
    n.saturating_sub(usize::from(r.height.saturating_sub(2)))
}

pub fn render(scroll: usize, area: Rect, buf: &mut Buffer) {
    let content = lines();
    let r = popup(area, content.len());
    Clear.render(r, buf);
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(Line::from(" ? or Esc closes ").right_aligned())
        .border_style(theme::BORDER_FOCUSED);
    Paragraph::new(content)
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(r, buf);
}

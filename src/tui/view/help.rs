//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::keymap::{HelpRow, display, help_rows};
use crate::tui::layout;
use crate::tui::theme;

const KEYS_WIDTH: usize = 18;

fn lines() -> Vec<Line<'static>> {
    help_rows()
        .into_iter()
        .map(|row| match row {
            HelpRow::Heading(scope) => Line::styled(scope.label(), theme::HEADING),
            HelpRow::Binding(b) => {
                let keys: Vec<String> = b.keys.iter().map(|k| display(k)).collect();
                Line::from(vec![
                    Span::styled(format!("  {:<KEYS_WIDTH$}", keys.join(" ")), theme::KEY),
                    Span::raw(b.description),
                ])
            }
            HelpRow::Blank => Line::default(),
        })
        .collect()
}

pub fn render(scroll: usize, area: Rect, buf: &mut Buffer) {
    let content = lines();
    let r = layout::help_area(area, content.len());
    let block = theme::popup(r, buf, "Keys", " ? or Esc closes ");
    Paragraph::new(content)
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(r, buf);
}

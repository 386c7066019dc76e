//! The help overlay's text, generated from the keymap table: `view::help` draws it, `layout`
//! measures it (how far it scrolls). Descriptions wrap, never cut.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::{HelpRow, display, help_rows};
use super::theme;

const KEYS_WIDTH: usize = 18;

pub fn lines() -> Vec<Line<'static>> {
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

/// The help as a paragraph that wraps what does not fit.
pub fn paragraph() -> Paragraph<'static> {
    Paragraph::new(lines()).wrap(Wrap { trim: false })
}

/// How many lines the help takes at a width (inside the border), wrapped.
pub fn line_count(width: u16) -> usize {
    if width == 0 {
        return 0;
    }
    paragraph().line_count(width)
}

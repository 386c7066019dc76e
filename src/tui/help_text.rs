//! The help overlay's text, generated from the keymap the browser goes by (rebound keys
//! included): `view::help` draws it, `layout` measures it (how far it scrolls).
//!
//! The keys are laid out in as many columns as the width allows, a page at a time: the first
//! page fills the first column, then the second, and the next page continues below, so that
//! paging down reads on. Descriptions wrap, never cut. A filter (`/` in the help) keeps the
//! bindings whose keys, description or section match what was typed.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::keymap::{Entry, Keymap, display};
use super::theme;
use crate::text::{width, wrap};

/// A column is at least this wide; the gap between two columns.
const MIN_COLUMN: usize = 44;
const GAP: usize = 3;
/// The widest the keys of a binding get before its description moves under them.
const KEYS_MAX: usize = 16;

/// The help laid out for a screen: where its popup goes, its lines, and how many of them a
/// page shows.
pub struct Canvas {
    pub area: Rect,
    pub lines: Vec<Line<'static>>,
    pub page: usize,
}

impl Canvas {
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.page)
    }
}

/// One line of one column: its spans.
type Cell = Vec<Span<'static>>;

/// What a line of the help is: a column may not start with a blank, and one that starts
/// within a section repeats its heading.
#[derive(Clone, Copy)]
enum Kind {
    Heading,
    /// A binding's line, in the section of this heading.
    Binding(&'static str),
    Blank,
}

/// Whether a binding matches the filter (`f`, lower case; empty matches all).
fn matches(f: &str, heading: &str, e: &Entry) -> bool {
    if f.is_empty() {
        return true;
    }
    heading.to_lowercase().contains(f)
        || e.description.to_lowercase().contains(f)
        || e.keys
            .iter()
            .any(|k| k.to_lowercase() == f || display(k).to_lowercase() == *f)
}

/// The help's lines for one column `column` cells wide, in reading order.
fn column_lines(keymap: &Keymap, filter: &str, column: usize) -> Vec<(Cell, Kind)> {
    let mut out: Vec<(Cell, Kind)> = Vec::new();
    let lower = filter.to_lowercase();
    for (scope, entries) in keymap.help_sections() {
        let heading = scope.label();
        let shown: Vec<&Entry> = entries
            .into_iter()
            .filter(|e| matches(&lower, heading, e))
            .collect();
        if shown.is_empty() {
            continue;
        }
        let keys_of = |e: &Entry| {
            e.keys
                .iter()
                .map(|k| display(k))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let keys_w = shown
            .iter()
            .map(|e| width(&keys_of(e)))
            .filter(|&w| w <= KEYS_MAX)
            .max()
            .unwrap_or(0)
            .min(column / 3);
        if !out.is_empty() {
            out.push((Vec::new(), Kind::Blank));
        }
        for line in wrap(heading, column) {
            out.push((vec![Span::styled(line, theme::HEADING)], Kind::Heading));
        }
        let bound = Kind::Binding(heading);
        let indent = 2 + keys_w + 2;
        for e in shown {
            let keys = keys_of(e);
            let room = column.saturating_sub(indent).max(8);
            let mut description = wrap(e.description, room).into_iter();
            if width(&keys) > keys_w {
                // Long keys take a line of their own; the description goes under them.
                for part in wrap(&keys, column.saturating_sub(2)) {
                    out.push((vec![Span::raw("  "), Span::styled(part, theme::KEY)], bound));
                }
            } else {
                let first = description.next().unwrap_or_default();
                out.push((
                    vec![
                        Span::raw("  "),
                        Span::styled(
                            format!("{keys}{}", " ".repeat(keys_w - width(&keys))),
                            theme::KEY,
                        ),
                        Span::raw("  "),
                        Span::raw(first),
                    ],
                    bound,
                ));
            }
            for rest in description {
                out.push((vec![Span::raw(" ".repeat(indent)), Span::raw(rest)], bound));
            }
        }
    }
    if out.is_empty() {
        out.push((
            vec![Span::styled(
                format!("no key matches “{filter}”"),
                theme::DIM,
            )],
            Kind::Heading,
        ));
    }
    out
}

/// Lays the help out for a screen.
pub fn canvas(keymap: &Keymap, filter: &str, screen: Rect) -> Canvas {
    let outer = usize::from(screen.width.saturating_sub(4)).max(3);
    let inner = outer.saturating_sub(2).max(1);
    let columns = ((inner + GAP) / (MIN_COLUMN + GAP)).clamp(1, 4);
    let column = (inner - GAP * (columns - 1)) / columns;
    let cells = column_lines(keymap, filter, column);
    // The popup's border, and a row above and below it.
    let page = usize::from(screen.height.saturating_sub(4)).max(1);
    // Everything on one page: balanced columns, as short as they can be (a row to spare
    // for a repeated heading); else a page per column.
    let rows = if cells.len() < page * columns {
        (cells.len().div_ceil(columns) + 1).min(page)
    } else {
        page
    }
    .max(2);
    // Flow the lines into columns.
    let mut flowed: Vec<Vec<Cell>> = Vec::new();
    let mut current: Vec<Cell> = Vec::new();
    for (cell, kind) in cells {
        if current.len() >= rows {
            flowed.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            match kind {
                Kind::Blank => continue,
                Kind::Binding(heading) => current.push(vec![Span::styled(
                    format!("{heading} (continued)"),
                    theme::HEADING,
                )]),
                Kind::Heading => {}
            }
        }
        current.push(cell);
    }
    flowed.push(current);
    let mut lines = Vec::new();
    for block in flowed.chunks(columns) {
        for r in 0..rows {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut any = false;
            for (c, col) in block.iter().enumerate() {
                let Some(cell) = col.get(r) else { continue };
                if c > 0 {
                    let used: usize = spans.iter().map(|s| s.width()).sum();
                    let at = c * (column + GAP);
                    spans.push(Span::raw(" ".repeat(at.saturating_sub(used))));
                }
                spans.extend(cell.iter().cloned());
                any = true;
            }
            if any {
                lines.push(Line::from(spans));
            }
        }
    }
    // A single column narrower than the screen: the popup fits its text.
    let used = lines.iter().map(Line::width).max().unwrap_or(0);
    let popup_w = if columns == 1 {
        (used + 2).clamp(24.min(outer), outer)
    } else {
        outer
    };
    let height = lines.len().min(page) + 2;
    let area = super::layout::centered(screen, popup_w as u16, height as u16);
    Canvas { area, lines, page }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(c: &Canvas) -> Vec<String> {
        c.lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn columns_follow_the_width_and_lines_never_pass_the_popup() {
        let k = Keymap::builtin();
        for (w, h, want) in [(80u16, 24u16, 1), (120, 40, 2), (200, 60, 4)] {
            let c = canvas(k, "", Rect::new(0, 0, w, h));
            let inner = usize::from(c.area.width) - 2;
            for line in text(&c) {
                assert!(
                    width(&line) <= inner,
                    "{w}×{h}: {line:?} wider than {inner}"
                );
            }
            let cols = ((inner + GAP) / (MIN_COLUMN + GAP)).clamp(1, 4);
            assert_eq!(cols, want, "{w}×{h}");
        }
    }

    #[test]
    fn the_find_keys_are_on_the_first_page_at_120_by_40() {
        let c = canvas(Keymap::builtin(), "", Rect::new(0, 0, 120, 40));
        let first: String = text(&c)[..c.page].join("\n");
        for (key, what) in [
            ("a", "filter by actors"),
            ("/", "search text"),
            ("d", "bound by dates"),
            ("n", "next search hit"),
        ] {
            let found = first
                .lines()
                .any(|l| l.contains(&format!(" {key} ")) && l.contains(what));
            assert!(found, "`{key}` {what} not on the first page:\n{first}");
        }
    }

    #[test]
    fn a_filter_keeps_matching_bindings_and_their_headings() {
        let c = canvas(Keymap::builtin(), "mark", Rect::new(0, 0, 80, 24));
        let t = text(&c).join("\n");
        assert!(t.contains("mark / unmark the event"), "{t}");
        assert!(t.contains("Timeline and detail"), "{t}");
        assert!(!t.contains("next search hit"), "{t}");
        let none = canvas(Keymap::builtin(), "zzzz", Rect::new(0, 0, 80, 24));
        assert!(text(&none).join("").contains("no key matches"));
    }
}

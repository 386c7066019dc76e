//! The detail pane's text: everything about the event under the cursor, styled, with search
//! hits marked. `view::detail` draws it; `layout` measures it (how far the pane scrolls).
//! Only that one event's text is laid out, so its cost does not grow with the dataset.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme;
use crate::model::{Dataset, Event};
use crate::outline::{self, ADDRESS_INDENT, Outline};
use crate::text::sanitize;
use crate::tui::app::App;

/// How many lines the detail takes at a width (inside the border).
pub fn line_count(app: &App, width: u16) -> usize {
    if width == 0 {
        return 0;
    }
    paragraph(app, width).line_count(width)
}

/// The detail as the pane draws it at a width (inside the border): its text wraps, its
/// addresses do not.
pub fn paragraph(app: &App, width: u16) -> Paragraph<'static> {
    Paragraph::new(laid_out(app, width).lines).wrap(Wrap { trim: false })
}

/// The detail laid out for a pane this wide: its lines, and where its addresses are.
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    /// The sources' addresses, in the order of the lines.
    pub addresses: Vec<Address>,
}

/// A source's address in the detail: alone on its line, and never broken across lines:
/// when it is wider than the pane it runs to the edge and ends in `…` (`gx` opens it and `y`
/// copies it whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Which of `Laid::lines` it is on.
    pub line: usize,
    /// Cells before it on its line.
    pub column: u16,
    /// What the pane shows of it: cleaned of controls, perhaps cut.
    pub shown: String,
    /// The address as the dataset gives it.
    pub url: String,
}

/// The detail of the event under the cursor, laid out for a pane `width` cells wide.
pub fn laid_out(app: &App, width: u16) -> Laid {
    match app.current() {
        Some(ev) => {
            let mut laid = lay_out(&app.data, ev, app.search.as_deref(), width);
            if let Some(r) = app.reference.map(|r| &app.data.events[r]) {
                laid.lines
                    .insert(1, reference_line(ev, r, app.data.text(&r.title)));
                for a in &mut laid.addresses {
                    a.line += 1;
                }
            }
            laid
        }
        None => Laid {
            lines: vec![Line::styled("No event to show.", theme::DIM)],
            addresses: Vec::new(),
        },
    }
}

/// Where the event stands from the reference event: "T−3d · 3 days before “…”", or
/// "T · the reference".
fn reference_line(ev: &Event, reference: &Event, reference_title: &str) -> Line<'static> {
    use crate::model::when::{elapsed_text, relative_text};
    let (r, d) = (
        reference.when.anchor().first_day,
        ev.when.anchor().first_day,
    );
    let text = if std::ptr::eq(ev, reference) {
        "T · the reference for relative dates (r clears it)".to_string()
    } else if r == d {
        format!("T · the same day as “{}”", text(reference_title))
    } else {
        let side = if d < r { "before" } else { "after" };
        // A date known only to the month or the year is about so far, in its unit.
        let coarsest = ev.when.precision().min(reference.when.precision());
        let elapsed = if coarsest < crate::model::Precision::Day {
            crate::model::when::elapsed_about(r, d, coarsest)
        } else {
            elapsed_text(r, d)
        };
        format!(
            "{} · {elapsed} {side} “{}”",
            relative_text(r, d),
            text(reference_title)
        )
    };
    Line::styled(text, theme::DIM)
}

/// The lines of the detail of one event (its outline, styled), with the hits of a folded
/// search query marked; addresses whole.
pub fn lines(data: &Dataset, ev: &Event, search: Option<&str>) -> Vec<Line<'static>> {
    lay_out(data, ev, search, u16::MAX).lines
}

/// The lines of the detail of one event for a pane `width` cells wide: each address cut to
/// the width.
fn lay_out(data: &Dataset, ev: &Event, search: Option<&str>, width: u16) -> Laid {
    let mut addresses = Vec::new();
    let lines = Outline::new(data, ev)
        .lines()
        .into_iter()
        .enumerate()
        .map(|(i, mut l)| {
            if l.kind == outline::Kind::Address {
                let url = l.text.strip_prefix(ADDRESS_INDENT).unwrap_or(&l.text);
                let (line, address) = address_line(url, width);
                addresses.push(Address { line: i, ..address });
                return line;
            }
            cap(&mut l.text);
            styled(&l, search)
        })
        .collect();
    Laid { lines, addresses }
}

/// An address on a line of its own, cut to `width` cells with `…` rather than wrapped.
fn address_line(url: &str, width: u16) -> (Line<'static>, Address) {
    let cells = usize::from(width);
    // The indent is spaces: as many as fit.
    let indent = &ADDRESS_INDENT[..ADDRESS_INDENT.len().min(cells)];
    let room = cells - indent.len();
    let shown = crate::text::truncate(&sanitize(crate::text::head(url, FIELD_BYTES)), room);
    let line = Line::from(vec![
        Span::styled(indent.to_string(), theme::DIM),
        Span::styled(shown.clone(), theme::DIM),
    ]);
    let address = Address {
        line: 0,
        column: indent.len() as u16,
        shown,
        url: url.to_string(),
    };
    (line, address)
}

/// The most of one field the pane lays out: hundreds of lines at any width. A longer field
/// (a 10 MB summary) is cut here and says so, so that every key stays instant; `annals show`
/// prints it whole.
pub const FIELD_BYTES: usize = 32 * 1024;

fn cap(text: &mut String) {
    if text.len() <= FIELD_BYTES {
        return;
    }
    let kept = crate::text::head(text, FIELD_BYTES).len();
    let more = (text.len() - kept).div_ceil(1024);
    text.truncate(kept);
    text.push_str(&format!(
        " … ({more} KB more: `annals show ID` prints the whole field)"
    ));
}

fn styled(line: &outline::Line, search: Option<&str>) -> Line<'static> {
    use outline::Kind;
    let style = match line.kind {
        Kind::Date => theme::DATE,
        Kind::Title => theme::TITLE,
        Kind::Actors => theme::ACTORS,
        Kind::Quote => theme::QUOTE,
        Kind::Translation | Kind::Address | Kind::Tags => theme::DIM,
        Kind::Heading => theme::HEADING,
        Kind::Summary | Kind::Speaker | Kind::Source | Kind::Note | Kind::Attribute => {
            Style::default()
        }
        Kind::Blank => return Line::default(),
    };
    let text = text(&line.text);
    let mut spans = if line.kind.searched() {
        theme::highlight(&text, search, style)
    } else {
        vec![Span::styled(text, style)]
    };
    match (line.number, line.kind) {
        (Some(n), Kind::Source) => spans.insert(0, Span::styled(format!("[{n}] "), theme::DIM)),
        (Some(n), _) => spans.push(Span::styled(format!(" [{n}]"), theme::DIM)),
        (None, _) => {}
    }
    Line::from(spans)
}

fn text(s: &str) -> String {
    sanitize(s).into_owned()
}

//! Terminal links (OSC 8) over the addresses the detail pane draws. ratatui's buffer has no
//! links: the view says where it drew them (`view::Link`), and after each frame the event
//! loop writes those cells again, the same characters in the same style, between
//! `ESC ] 8 ; ; URI ESC \\` and `ESC ] 8 ; ; ESC \\`. The screen looks exactly as without links.

use ratatui::buffer::{Buffer, Cell};

use super::view::Link;

/// Terminal links (OSC 8) over the addresses the detail pane shows, unless `ANNALS_NO_LINKS`
/// is set (and not `0`). A terminal that does not know OSC 8 ignores it.
pub struct Links {
    on: bool,
    /// The links written over the last frame.
    written: Vec<Link>,
}

impl Links {
    pub fn from_env() -> Links {
        Links::new(wanted(std::env::var_os("ANNALS_NO_LINKS").as_deref()))
    }

    /// Links written (`on`) or not.
    pub fn new(on: bool) -> Links {
        Links {
            on,
            written: Vec::new(),
        }
    }

    /// What to write over a frame just drawn (`buf`, with `drawn` the links the view drew in
    /// it), remembered as the links written.
    pub fn over(&mut self, buf: &Buffer, drawn: Vec<Link>) -> Vec<Paint> {
        if !self.on {
            return Vec::new();
        }
        let paint = paint(buf, &self.written, &drawn);
        self.written = drawn;
        paint
    }
}

/// Whether links are wanted, given `ANNALS_NO_LINKS`: unless it is set to something other
/// than `0`.
pub fn wanted(no_links: Option<&std::ffi::OsStr>) -> bool {
    no_links.is_none_or(|v| v.is_empty() || v == "0")
}

/// Cells to write again over a frame just drawn, as they are in it: plain, or inside a link.
#[derive(Clone, Debug, PartialEq)]
pub struct Paint {
    pub cells: Vec<(u16, u16, Cell)>,
    /// The link's URI; `None` writes the cells plain.
    pub uri: Option<String>,
}

/// What to write over a frame (`buf`) so that the links drawn in it are links, and no other
/// cell is. A terminal keeps a cell's link until the cell is written again, and ratatui writes
/// only the cells that changed: so the cells of the links written over the last frame
/// (`written`) are written again plain, unless the same link is there again; then each link of
/// this frame (`drawn`). Every cell is written as the frame holds it, so the screen shows
/// exactly what it would without links.
pub fn paint(buf: &Buffer, written: &[Link], drawn: &[Link]) -> Vec<Paint> {
    let plain = written
        .iter()
        .filter(|w| !drawn.contains(w))
        .map(|w| Paint {
            cells: cells(buf, w),
            uri: None,
        });
    let linked = drawn.iter().map(|l| Paint {
        cells: cells(buf, l),
        uri: Some(l.uri.clone()),
    });
    plain
        .chain(linked)
        .filter(|p| !p.cells.is_empty())
        .collect()
}

/// The cells a link's text takes in the frame (those inside it), the second cell of a wide
/// character left out as ratatui leaves it out.
fn cells(buf: &Buffer, link: &Link) -> Vec<(u16, u16, Cell)> {
    let area = buf.area;
    let mut out = Vec::new();
    if link.y < area.top() || link.y >= area.bottom() {
        return out;
    }
    let end = link.x.saturating_add(link.width()).min(area.right());
    let mut x = link.x.max(area.left());
    while x < end {
        let cell = &buf[(x, link.y)];
        out.push((x, link.y, cell.clone()));
        x += (crate::text::width(cell.symbol()) as u16).max(1);
    }
    out
}

/// Writes the cells: each link as `ESC ] 8 ; ; URI ESC \`, its cells (moved to, styled as
/// the frame has them), then `ESC ] 8 ; ; ESC \`. Only URIs of printable ASCII are written
/// (`text::link_uri` makes them so); any other is written plain.
pub fn write<W: std::io::Write>(
    out: &mut ratatui::backend::CrosstermBackend<W>,
    paint: &[Paint],
) -> std::io::Result<()> {
    use ratatui::backend::Backend as _;
    use std::io::Write as _;
    for p in paint {
        let uri = p
            .uri
            .as_deref()
            .filter(|u| !u.is_empty() && u.bytes().all(|b| (0x21..=0x7E).contains(&b)));
        if let Some(uri) = uri {
            write!(out, "\x1b]8;;{uri}\x1b\\")?;
        }
        out.draw(p.cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
        if uri.is_some() {
            write!(out, "\x1b]8;;\x1b\\")?;
        }
    }
    std::io::Write::flush(out)
}

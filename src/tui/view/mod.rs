//! Drawing: `impl Widget for &App`, one module per region. Nothing here changes state.

pub mod detail;
pub mod export;
pub mod footer;
pub mod header;
pub mod help;
pub mod keep;
pub mod lanes;
pub mod loading;
pub mod picker;
pub mod strip;
pub mod tags;
pub mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::app::App;
use super::layout::{MIN_HEIGHT, MIN_WIDTH, layout};
use super::theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(self, area, buf);
    }
}

/// An address drawn where a terminal may make it a link (OSC 8): its text as drawn, from the
/// cell at `x`, `y`, and the URI the link carries (printable ASCII: `text::link_uri`). The view
/// only says where; the event loop (`tui/mod.rs`) writes the links over the frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub uri: String,
}

impl Link {
    /// Cells the text takes.
    pub fn width(&self) -> u16 {
        u16::try_from(crate::text::width(&self.text)).unwrap_or(u16::MAX)
    }
}

/// Draws the whole screen, and says where it drew links that are still to be seen: none whose
/// cells something else (a popup) was drawn over.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Vec<Link> {
    let regions = layout(area, app.focus, app.view);
    if regions.too_small {
        Line::from(too_small_notice(area.width, area.height))
            .style(theme::NOTICE)
            .render(area, buf);
        return Vec::new();
    }
    let mut links = Vec::new();
    header::render(app, regions.header, buf);
    if let Some(r) = regions.strip {
        strip::render(app, r, buf);
    }
    if let Some(r) = regions.list {
        timeline::render(app, r, buf);
    }
    if let Some(r) = regions.lanes {
        lanes::render(app, r, buf);
    }
    if let Some(r) = regions.detail {
        links = detail::render(app, r, buf);
    }
    footer::render(app, regions.footer, buf);
    if let Some(h) = &app.help {
        help::render(app, h, buf);
    }
    if let Some(p) = &app.picker {
        picker::render(app, p, area, buf);
    }
    if let Some(p) = &app.tag_picker {
        tags::render(p, area, buf);
    }
    if let Some(d) = &app.export {
        export::render(d, area, buf);
    }
    if let Some(f) = &app.keep.failed {
        keep::failed(f, area, buf);
    }
    app.theme.apply(area, buf);
    // A popup or anything else drawn over a link's cells leaves it out.
    links.retain(|l| shows(buf, l));
    links
}

/// Whether the buffer holds the link's text where the link says.
fn shows(buf: &Buffer, link: &Link) -> bool {
    let area = buf.area;
    let end = u32::from(link.x) + u32::from(link.width());
    if !area.contains(ratatui::layout::Position::new(link.x, link.y))
        || end > u32::from(area.right())
    {
        return false;
    }
    let mut drawn = String::new();
    let mut x = link.x;
    while u32::from(x) < end {
        let symbol = buf[(x, link.y)].symbol();
        drawn.push_str(symbol);
        x += (crate::text::width(symbol) as u16).max(1);
    }
    drawn == link.text
}

/// The notice for a screen below the minimum, worded as fully as the width allows.
pub fn too_small_notice(width: u16, height: u16) -> String {
    let (w, h) = (width, height);
    let wordings = [
        format!("annals needs {MIN_WIDTH}×{MIN_HEIGHT} cells; this terminal is {w}×{h}"),
        format!("too small: {w}×{h}, need {MIN_WIDTH}×{MIN_HEIGHT}"),
        format!("{w}×{h}: need {MIN_WIDTH}×{MIN_HEIGHT}"),
        format!("need {MIN_WIDTH}×{MIN_HEIGHT}"),
    ];
    let cells = usize::from(width);
    wordings
        .into_iter()
        .find(|t| crate::text::width(t) <= cells)
        .unwrap_or_else(|| crate::text::truncate("too small", cells))
}

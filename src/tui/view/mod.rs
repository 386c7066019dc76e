//! Drawing: `impl Widget for &App`, one module per region. Nothing here changes state.

pub mod detail;
pub mod export;
pub mod footer;
pub mod header;
pub mod help;
pub mod picker;
pub mod theme;
pub mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::app::{App, Focus};

/// Below this size a one-line notice replaces the layout.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the panes stand side by side.
pub const SPLIT_WIDTH: u16 = 80;
/// Below `SPLIT_WIDTH`, panes are stacked when the body has this many rows; else one at a time.
pub const STACK_HEIGHT: u16 = 20;

/// Where each region goes on a screen of a given size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regions {
    pub header: Rect,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub footer: Rect,
    pub too_small: bool,
}

/// The layout for a screen; shared by drawing and by `update` (mouse, page sizes).
pub fn layout(area: Rect, focus: Focus) -> Regions {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Regions {
            header: Rect::default(),
            list: None,
            detail: None,
            footer: Rect::default(),
            too_small: true,
        };
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (list, detail) = if area.width >= SPLIT_WIDTH {
        let [l, d] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(body);
        (Some(l), Some(d))
    } else if body.height >= STACK_HEIGHT {
        let [l, d] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        (Some(l), Some(d))
    } else {
        match focus {
            Focus::Timeline => (Some(body), None),
            Focus::Detail => (None, Some(body)),
        }
    };
    Regions {
        header,
        list,
        detail,
        footer,
        too_small: false,
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let regions = layout(area, self.focus);
        if regions.too_small {
            Line::from(too_small_notice(area.width, area.height))
                .style(theme::NOTICE)
                .render(area, buf);
            return;
        }
        header::render(self, regions.header, buf);
        if let Some(r) = regions.list {
            timeline::render(self, r, buf);
        }
        if let Some(r) = regions.detail {
            detail::render(self, r, buf);
        }
        footer::render(self, regions.footer, buf);
        if let Some(scroll) = self.help {
            help::render(scroll, area, buf);
        }
        if let Some(p) = &self.picker {
            picker::render(self, p, area, buf);
        }
        if let Some(d) = &self.export {
            export::render(self, d, area, buf);
        }
    }
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

/// A `width` × `height` rectangle centred in `area` (clipped to it): where popups go.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(width)])
        .flex(ratatui::layout::Flex::Center)
        .areas(v);
    r
}

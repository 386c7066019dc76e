//! Drawing: `impl Widget for &App`, one module per region. Nothing here changes state.

pub mod detail;
pub mod export;
pub mod footer;
pub mod header;
pub mod help;
pub mod lanes;
pub mod loading;
pub mod picker;
pub mod strip;
pub mod theme;
pub mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::app::{App, Focus, View};

/// Below this size a one-line notice replaces the layout.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the panes stand side by side.
pub const SPLIT_WIDTH: u16 = 80;
/// Below `SPLIT_WIDTH`, panes are stacked when the body has this many rows; else one at a time.
/// The lanes view always stacks its panes, by the same rule.
pub const STACK_HEIGHT: u16 = 20;
/// From this height the density strip is shown (two rows: bars and labels), and from
/// `TALL_STRIP_HEIGHT` with bars two rows high.
pub const STRIP_HEIGHT: u16 = 16;
pub const TALL_STRIP_HEIGHT: u16 = 30;

/// Where each region goes on a screen of a given size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regions {
    pub header: Rect,
    /// The density strip, when there is room for it.
    pub strip: Option<Rect>,
    pub list: Option<Rect>,
    /// The lanes view, in place of the list.
    pub lanes: Option<Rect>,
    pub detail: Option<Rect>,
    pub footer: Rect,
    pub too_small: bool,
}

/// The layout of the app's screen at its present size.
pub fn regions(app: &App) -> Regions {
    layout(Rect::new(0, 0, app.width, app.height), app.focus, app.view)
}

/// Rows of the density strip on a screen this tall (labels included); 0 when there is no room.
pub fn strip_rows(height: u16) -> u16 {
    match height {
        h if h >= TALL_STRIP_HEIGHT => 3,
        h if h >= STRIP_HEIGHT => 2,
        _ => 0,
    }
}

/// The layout for a screen; shared by drawing and by `update` (mouse, page sizes).
pub fn layout(area: Rect, focus: Focus, view: View) -> Regions {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Regions {
            header: Rect::default(),
            strip: None,
            list: None,
            lanes: None,
            detail: None,
            footer: Rect::default(),
            too_small: true,
        };
    }
    let [header, strip, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(strip_rows(area.height)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let strip = (strip.height > 0).then_some(strip);
    if view == View::Lanes {
        let (lanes, detail) = if body.height >= STACK_HEIGHT {
            let [l, d] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(body);
            (Some(l), Some(d))
        } else {
            match focus {
                Focus::Timeline => (Some(body), None),
                Focus::Detail => (None, Some(body)),
            }
        };
        return Regions {
            header,
            strip,
            list: None,
            lanes,
            detail,
            footer,
            too_small: false,
        };
    }
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
        strip,
        list,
        lanes: None,
        detail,
        footer,
        too_small: false,
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let regions = layout(area, self.focus, self.view);
        if regions.too_small {
            Line::from(too_small_notice(area.width, area.height))
                .style(theme::NOTICE)
                .render(area, buf);
            return;
        }
        header::render(self, regions.header, buf);
        if let Some(r) = regions.strip {
            strip::render(self, r, buf);
        }
        if let Some(r) = regions.list {
            timeline::render(self, r, buf);
        }
        if let Some(r) = regions.lanes {
            lanes::render(self, r, buf);
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

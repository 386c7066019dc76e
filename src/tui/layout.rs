//! Where each region of the screen is, for drawing (`view`) and for what depends on sizes in
//! `update` (page moves, scroll limits, clicks): the panes, the popups and the lanes' axis.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use super::app::{App, Focus, Row, View};
use crate::axis::Window;
use crate::axis::lanes::Lane;
use crate::model::ShownIx;

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

/// Where the picker goes on a screen.
pub fn picker_area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(76);
    let h = screen.height.saturating_sub(4).min(24);
    centered(screen, w, h)
}

/// Where the dialog goes on a screen.
pub fn export_area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(76);
    let h = screen.height.saturating_sub(2).min(14);
    centered(screen, w, h)
}

/// The help overlay laid out for the screen: its popup, lines and page.
pub fn help_canvas(app: &App) -> super::help_text::Canvas {
    let filter = app.help.as_ref().map(|h| h.filter.as_str()).unwrap_or("");
    super::help_text::canvas(app.keymap, filter, Rect::new(0, 0, app.width, app.height))
}

/// Rows of the list (or the lanes) on screen, inside the border: what a page moves.
pub fn list_height(app: &App) -> usize {
    let regions = regions(app);
    regions
        .list
        .or(regions.lanes)
        .map_or(1, |r| usize::from(r.height.saturating_sub(2)))
        .max(1)
}

/// The year the list's top row shows instead of its own when that year's heading has
/// scrolled off above (a sticky heading), for a list `height` rows high. Never at the top of
/// the list, over a heading, over a gap that ends its year, or over the cursor's row (which
/// `keep_in_view` keeps below it).
pub fn sticky_year(app: &App, height: usize) -> Option<i32> {
    if app.list_offset == 0 || height < 2 {
        return None;
    }
    let year = |pos: ShownIx| app.data.events[app.shown[pos]].when.year();
    match *app.rows.get(app.list_offset)? {
        Row::Year(_) => None,
        Row::Event(pos) if pos == app.cursor => None,
        Row::Event(pos) => Some(year(pos)),
        Row::Gap { .. } => match (
            app.rows.get(app.list_offset - 1),
            app.rows.get(app.list_offset + 1),
        ) {
            (_, Some(Row::Year(_))) => None,
            (Some(&Row::Event(pos)), _) => Some(year(pos)),
            _ => None,
        },
    }
}

/// Lines of the detail pane on screen, and how far it can scroll.
pub fn detail_view(app: &App) -> (usize, usize) {
    let regions = regions(app);
    match regions.detail {
        Some(r) => {
            let height = usize::from(r.height.saturating_sub(2)).max(1);
            let lines = super::detail::line_count(app, r.width.saturating_sub(2));
            (height, lines.saturating_sub(height))
        }
        None => (1, 0),
    }
}

/// Rows a lane may take before its events overlap.
pub const MAX_LANE_ROWS: usize = 3;

/// Where everything in the lanes pane goes; shared by drawing and mouse clicks.
pub struct LanesGeometry {
    /// Inside the border.
    pub inner: Rect,
    /// Cells of the lane names, left of the axis.
    pub label_width: u16,
    /// The axis: its first column and how many columns it has.
    pub axis_x: u16,
    pub cols: u16,
    pub window: Window,
    pub lanes: std::rc::Rc<Vec<Lane>>,
    /// First lane row on screen (lane rows counted across all lanes).
    pub offset: usize,
    /// Lane rows in all.
    pub total_rows: usize,
}

impl LanesGeometry {
    /// Lane rows there is room for under the axis row.
    pub fn visible_rows(&self) -> usize {
        usize::from(self.inner.height.saturating_sub(1))
    }

    /// The event at a screen cell.
    pub fn event_at(&self, column: u16, row: u16) -> Option<ShownIx> {
        if row <= self.inner.y
            || row >= self.inner.bottom()
            || column < self.axis_x
            || column >= self.axis_x + self.cols
        {
            return None;
        }
        let lane_row = usize::from(row - self.inner.y - 1) + self.offset;
        let col = column - self.axis_x;
        let mut top = 0;
        for lane in self.lanes.iter() {
            if lane_row < top + lane.rows {
                return lane
                    .items
                    .iter()
                    .rev()
                    .find(|p| top + p.row == lane_row && p.first <= col && col <= p.last)
                    .map(|p| p.pos);
            }
            top += lane.rows;
        }
        None
    }
}

/// The geometry of the lanes pane in `area`, or `None` when it is too small to draw an axis.
pub fn lanes_geometry(app: &App, area: Rect) -> Option<LanesGeometry> {
    let inner = area.inner(Margin::new(1, 1));
    let label_width = (inner.width / 6).clamp(6, 18);
    let cols = inner.width.checked_sub(label_width + 1)?;
    if cols < 8 || inner.height < 2 {
        return None;
    }
    let window = app.lanes_window()?;
    let lanes = app.lanes_in(window, cols, MAX_LANE_ROWS);
    let total_rows: usize = lanes.iter().map(|l| l.rows).sum();
    let visible = usize::from(inner.height - 1);
    // The cursor's first appearance stays on screen; otherwise the busiest lanes are.
    let mut cursor_row = None;
    let mut top = 0;
    for lane in lanes.iter() {
        if let Some(p) = lane.item_of(app.cursor) {
            cursor_row = Some(top + p.row);
            break;
        }
        top += lane.rows;
    }
    let offset = match cursor_row {
        Some(r) if r >= visible => (r + 1 - visible).min(total_rows.saturating_sub(visible)),
        _ => 0,
    };
    Some(LanesGeometry {
        inner,
        label_width,
        axis_x: inner.x + label_width + 1,
        cols,
        window,
        lanes,
        offset,
        total_rows,
    })
}

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
        if let Some(h) = &self.help {
            help::render(self, h, buf);
        }
        if let Some(p) = &self.picker {
            picker::render(self, p, area, buf);
        }
        if let Some(p) = &self.tag_picker {
            tags::render(p, area, buf);
        }
        if let Some(d) = &self.export {
            export::render(d, area, buf);
        }
        if let Some(f) = &self.keep.failed {
            keep::failed(f, area, buf);
        }
        self.theme.apply(area, buf);
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

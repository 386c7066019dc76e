//! The screen shown while a big file is read, before the first frame of the browser: the
//! file's name, a bar, bytes and events so far, and how to cancel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Gauge, Widget};

use crate::load::Progress;
use crate::text::{sanitize, truncate};

use super::theme;

/// "312 MB of 754 MB · 412,000 events"
pub fn progress_text(p: Progress) -> String {
    format!(
        "{} of {} · {} events",
        megabytes(p.bytes),
        megabytes(p.total),
        thousands(p.events)
    )
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb < 10.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

/// 412000 → "412,000"
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Draws the loading screen for the file `name` over the whole area.
pub fn render(name: &str, p: Progress, area: Rect, buf: &mut Buffer) {
    if area.width < 12 || area.height < 3 {
        return;
    }
    let width = area.width.saturating_sub(4).min(72);
    let box_area = super::centered(area, width, 3);
    let title = format!(
        " Opening {} ",
        truncate(&sanitize(name), usize::from(width).saturating_sub(12))
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::BORDER_FOCUSED)
        .title(title)
        .title_bottom(" Ctrl-C cancels ");
    let inner = block.inner(box_area);
    block.render(box_area, buf);
    let ratio = if p.total == 0 {
        0.0
    } else {
        (p.bytes as f64 / p.total as f64).clamp(0.0, 1.0)
    };
    Gauge::default()
        .gauge_style(theme::STRIP)
        .ratio(ratio)
        .label(format!("{:.0}% · {}", ratio * 100.0, progress_text(p)))
        .render(Rect { height: 1, ..inner }, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_in_megabytes_and_thousands() {
        let p = Progress {
            bytes: 312_400_000,
            total: 754_000_000,
            events: 412_000,
        };
        assert_eq!(progress_text(p), "312 MB of 754 MB · 412,000 events");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(megabytes(8_300_000), "8.3 MB");
    }
}

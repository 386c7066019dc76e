//! The export dialog: what is exported, the format, the file name, and the question before
//! a file is replaced.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget, Wrap};

use crate::export::Format;
use crate::text::{pad, sanitize, width};
use crate::tui::app::ExportDialog;
use crate::tui::field::Field;
use crate::tui::theme;

pub fn render(d: &ExportDialog, screen: Rect, buf: &mut Buffer) {
    let r = crate::tui::layout::export_area(screen);
    let hint = match (d.confirm, r.width >= 44) {
        (true, _) => " y replace · n keep ",
        (false, true) => " Enter write · ↑↓ format · Esc cancel ",
        // Narrow: how to write comes first, and whole.
        (false, false) => " Enter write · Esc ",
    };
    let title = format!("Export {}", crate::text::plural(d.events.len(), "event"));
    let block = theme::popup(r, buf, &title, hint).padding(Padding::horizontal(1));
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let cells = usize::from(inner.width);

    // The span of what is exported and which set it is; Tab's other set after it, or on the
    // next line when the range's dates make the first long.
    let what = d.sets[d.set].label();
    let mut first = vec![
        Span::styled(d.span.clone(), theme::TITLE),
        Span::styled(format!(" · {what}"), theme::DIM),
    ];
    let tab = (d.sets.len() > 1).then(|| {
        let other = d.sets[(d.set + 1) % d.sets.len()].name;
        Span::styled(format!("(Tab: {other})"), theme::KEY)
    });
    let fits = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>() <= cells;
    let mut tab_below = None;
    if let Some(tab) = tab {
        let mut with_tab = first.clone();
        with_tab.extend([Span::raw(" "), tab.clone()]);
        if fits(&with_tab) {
            first = with_tab;
        } else {
            tab_below = Some(tab);
        }
    }
    let height = |line: &Line| {
        Paragraph::new(line.clone())
            .wrap(Wrap { trim: false })
            .line_count(inner.width)
    };
    let mut first = Line::from(first);
    // Roomy when everything fits; else one line per part, the chosen format only.
    // Roomy when the list of formats fits, one line each, in height and in width.
    let roomy = usize::from(inner.height) >= 6 + height(&first) + Format::ALL.len() && cells >= 46;
    if !roomy && let Some(tab) = tab_below.take() {
        first.spans.extend([Span::raw(" "), tab]);
    }
    let mut lines = vec![first];
    if roomy {
        lines.push(tab_below.map(Line::from).unwrap_or_default());
        let purpose_w = Format::ALL
            .iter()
            .map(|f| width(f.purpose()))
            .max()
            .unwrap_or(0);
        let name_w = Format::ALL
            .iter()
            .map(|f| width(f.name()))
            .max()
            .unwrap_or(0);
        for (i, f) in Format::ALL.iter().enumerate() {
            let chosen = i == d.format;
            let marker = if chosen { "▶ " } else { "  " };
            let style = if chosen {
                theme::CURSOR
            } else {
                Default::default()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{marker}{}", pad(f.name(), name_w)), style),
                Span::styled(
                    format!("  {}  .{}", pad(f.purpose(), purpose_w), f.extension()),
                    theme::DIM,
                ),
            ]));
        }
        lines.push(Line::default());
    } else {
        lines.push(Line::from(vec![
            Span::styled("Format ", theme::DIM),
            Span::styled(format!("◀ {} ▶", d.format().name()), theme::KEY),
        ]));
    }
    let label = "File ";
    lines.push(name_line(label, &d.name, cells));
    if roomy {
        lines.push(Line::styled(
            "     in the current folder unless it starts with / or ~/",
            theme::DIM,
        ));
        lines.push(Line::default());
    }
    if d.confirm {
        lines.push(Line::styled(
            format!(
                "{} exists. Replace it? (y/n)",
                sanitize(d.name.text().trim())
            ),
            theme::NOTICE,
        ));
    } else if let Some(e) = &d.error {
        lines.push(Line::styled(sanitize(e).into_owned(), theme::ERROR));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// "File annals-2012-09-12--2012-11-13.md" with the cursor's cell in reverse video, scrolled
/// so that the cursor stays in view in `cells` cells (`…` where the name is cut).
fn name_line<'a>(label: &'a str, name: &'a Field, cells: usize) -> Line<'a> {
    let w = name.window(cells.saturating_sub(width(label)));
    let mut spans = vec![Span::styled(label, theme::DIM)];
    if w.cut_left {
        spans.push(Span::styled("…", theme::DIM));
    }
    spans.push(Span::raw(sanitize(w.before)));
    // At the end of the name, or on a character of no width, the cursor is a blank cell.
    let at = if width(&sanitize(w.at)) == 0 {
        format!("{} ", sanitize(w.at))
    } else {
        sanitize(w.at).into_owned()
    };
    spans.push(Span::styled(at, theme::CURSOR));
    spans.push(Span::raw(sanitize(w.after)));
    if w.cut_right {
        spans.push(Span::styled("…", theme::DIM));
    }
    Line::from(spans)
}

//! Editing the file: the question before an event is deleted (in the footer), and a draft that
//! could not be saved, with what is wrong with it and how to go on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget, Wrap};

use crate::model::EventIx;
use crate::text::{sanitize, truncate};
use crate::tui::app::{App, Failed};
use crate::tui::{layout, theme};

/// "Delete “…”? y / n", in the footer.
pub fn delete_question(app: &App, ix: EventIx, area: Rect, buf: &mut Buffer) {
    let title = sanitize(app.data.text(&app.data.event(ix).title)).into_owned();
    let tail = "”?  y delete · n keep";
    let room = usize::from(area.width).saturating_sub(crate::text::width(tail) + 10);
    Line::from(vec![
        Span::styled(" DELETE ", theme::MODE),
        Span::styled(format!(" “{}", truncate(&title, room)), theme::NOTICE),
        Span::styled(tail, theme::NOTICE),
    ])
    .render(area, buf);
}

/// The draft's problems, over the screen, until it is edited again or dropped.
pub fn failed(f: &Failed, screen: Rect, buf: &mut Buffer) {
    let r = layout::export_area(screen);
    let block = theme::popup(r, buf, "Not saved", " e edit again · Esc drop the draft ")
        .padding(Padding::horizontal(1));
    let mut lines = vec![
        Line::styled(
            "The draft was not saved; the file is as it was. What is wrong:",
            theme::TITLE,
        ),
        Line::default(),
    ];
    for p in &f.problems {
        lines.push(Line::styled(format!("• {}", sanitize(p)), theme::ERROR));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "e opens the editor again on your text, as you left it.",
        theme::DIM,
    ));
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(r, buf);
}

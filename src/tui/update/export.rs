//! The export dialog: the events it takes, the format, the file name, the question before a
//! file is replaced. Writing is an effect (`Effect::Export`); what came of it comes back
//! through `exported`.

use chrono::Datelike;

use super::super::action::Action;
use super::super::app::{App, ExportDialog, ExportSet};
use super::super::effect::{Effect, ExportFailure, ExportJob};
use super::super::field::Field;
use crate::export::{self, Format};
use crate::model::{self, EventIx, Point};
use crate::query::Filter;

pub(super) fn open(app: &mut App) {
    let set = |name, events| ExportSet {
        name,
        dates: None,
        events,
    };
    let mut sets = match app.selected() {
        Some(rows) => {
            let rows = rows.to_vec();
            let dates = range_dates(app, &rows);
            std::iter::once(set("the selected rows", rows))
                .chain(dates)
                .collect()
        }
        None => vec![set("every event shown", app.shown.clone())],
    };
    if app.selection().is_none() && !app.marks.is_empty() {
        let mut marked: Vec<_> = app.marks.iter().copied().collect();
        marked.sort_unstable();
        sets.push(set("the marked events", marked));
    }
    if sets[0].events.is_empty() {
        app.status = Some("nothing to export: no event is shown (c clears the filters)".into());
        return;
    }
    let events = sets[0].events.clone();
    let name = export::file_name(&app.data, &events, Format::ALL[0]);
    let span = crate::model::span_text(events.iter().map(|&i| &app.data.events[i]));
    app.export = Some(ExportDialog {
        span: span.unwrap_or_default(),
        events,
        sets,
        set: 0,
        format: 0,
        name: Field::new(name),
        confirm: false,
        error: None,
    });
}

/// "The range's dates": every event shown whose days overlap the range's, from the first
/// row's start to the last day the rows reach, by the rule of `--from` / `--to`
/// (`Filter::keeps_dates`). A range's rows leave out what the list shows elsewhere: an event
/// begun earlier and still going on, a month-precision event listed before its days.
fn range_dates(app: &App, rows: &[EventIx]) -> Option<ExportSet> {
    let rows = || rows.iter().map(|&i| &app.data.events[i]);
    let (first, last) = model::span(rows())?;
    let bounds = Filter {
        from: Some(Point::day(first)),
        to: Some(Point::day(last)),
        ..Filter::default()
    };
    let events = app
        .shown
        .iter()
        .copied()
        .filter(|&i| bounds.keeps_dates(&app.data.events[i].when))
        .collect();
    // "12 Sep – 13 Nov 2012": short, as it shares a line with the span of what is exported.
    let dates = if first == last {
        first.format("%-d %b %Y").to_string()
    } else if first.year() == last.year() {
        format!("{} – {}", first.format("%-d %b"), last.format("%-d %b %Y"))
    } else {
        format!(
            "{} – {}",
            first.format("%-d %b %Y"),
            last.format("%-d %b %Y")
        )
    };
    Some(ExportSet {
        name: "the range's dates",
        dates: Some(dates),
        events,
    })
}

/// Tab: the next set of events; the offered name follows when it was not changed.
fn next_set(app: &mut App) {
    let Some(d) = app.export.as_mut() else { return };
    if d.sets.len() < 2 {
        return;
    }
    let offered = export::file_name(&app.data, &d.events, d.format());
    d.set = (d.set + 1) % d.sets.len();
    d.events = d.sets[d.set].events.clone();
    d.span =
        crate::model::span_text(d.events.iter().map(|&i| &app.data.events[i])).unwrap_or_default();
    if d.name.text() == offered {
        d.name
            .set(export::file_name(&app.data, &d.events, d.format()));
    }
}

pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(d) = app.export.as_mut() else {
        return Vec::new();
    };
    if d.confirm {
        match action {
            Action::Yes => return write(app, true),
            Action::Back => d.confirm = false,
            _ => {}
        }
        return Vec::new();
    }
    let n = Format::ALL.len();
    match action {
        Action::Input(c) => d.name.insert(c),
        Action::Backspace => d.name.backspace(),
        Action::DeleteWord => d.name.delete_word(),
        Action::ClearInput => d.name.clear(),
        Action::InputLeft => d.name.left(),
        Action::InputRight => d.name.right(),
        Action::InputStart => d.name.home(),
        Action::InputEnd => d.name.end(),
        Action::FormatNext
        | Action::FormatPrev
        | Action::WheelDown { .. }
        | Action::WheelUp { .. } => {
            let old = d.format();
            let forward = matches!(action, Action::FormatNext | Action::WheelDown { .. });
            d.format = if forward {
                (d.format + 1) % n
            } else {
                (d.format + n - 1) % n
            };
            // A name that takes the new ending is a new name: the cursor goes to its end.
            let renamed = old.rename(d.name.text(), d.format());
            if renamed != d.name.text() {
                d.name.set(renamed);
            }
        }
        Action::ExportSet => {
            next_set(app);
            return Vec::new();
        }
        Action::Accept => return write(app, false),
        Action::Back => {
            app.export = None;
            return Vec::new();
        }
        _ => return Vec::new(),
    }
    // Moving the cursor changes nothing: an error stays until the name or the format does.
    let moved = matches!(
        action,
        Action::InputLeft | Action::InputRight | Action::InputStart | Action::InputEnd
    );
    if !moved {
        d.error = None;
    }
    Vec::new()
}

/// Asks for the export to be written (an existing file is replaced only with `overwrite`);
/// an empty name is refused here.
fn write(app: &mut App, overwrite: bool) -> Vec<Effect> {
    let Some(d) = app.export.as_mut() else {
        return Vec::new();
    };
    d.confirm = false;
    if d.name.text().trim().is_empty() {
        d.error = Some("type a file name".into());
        return Vec::new();
    }
    vec![Effect::Export(ExportJob {
        events: d.events.clone(),
        format: d.format(),
        name: d.name.text().to_string(),
        dir: app.export_dir.clone(),
        overwrite,
    })]
}

/// What came of writing the export: success closes the dialog and reports in the footer, an
/// existing file asks first, a failure stays in the dialog to be mended.
pub(super) fn exported(app: &mut App, result: Result<(), ExportFailure>) {
    let Some(d) = app.export.as_mut() else { return };
    match result {
        Ok(()) => {
            app.status = Some(format!(
                "wrote {} to {} ({})",
                crate::text::plural(d.events.len(), "event"),
                d.name.text().trim(),
                d.format().name()
            ));
            // The range stays: `x` writes it again in another format, `v` drops it.
            app.export = None;
        }
        Err(ExportFailure::Exists) => d.confirm = true,
        Err(ExportFailure::Failed(e)) => d.error = Some(e),
    }
}

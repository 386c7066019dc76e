//! The list keeps the year of the rows on screen at its top once their heading has scrolled
//! off, and never over the cursor.

mod common;

use annals::tui::action::Action;
use annals::tui::app::App;
use annals::tui::layout;
use annals::tui::update::update;
use common::{builtin, go_to, key, press, screen};
use ratatui::crossterm::event::KeyCode;

/// The rows inside the list pane, as text.
fn list_rows(app: &App) -> Vec<String> {
    let list = layout::regions(app).list.unwrap();
    let s = screen(app);
    s.lines()
        .skip(usize::from(list.y) + 1)
        .take(usize::from(list.height) - 2)
        .map(|l| {
            l.chars()
                .skip(usize::from(list.x) + 1)
                .take(usize::from(list.width) - 2)
                .collect()
        })
        .collect()
}

fn is_heading(row: &str) -> Option<&str> {
    let t = row.trim_end_matches(['║', '█', ' ']);
    let y = t.strip_prefix(' ')?;
    (y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())).then_some(y)
}

#[test]
fn the_year_stays_at_the_top_when_its_heading_has_scrolled_off() {
    let mut app = builtin(80, 24);
    go_to(&mut app, "putin-obama-call");
    let rows = list_rows(&app);
    // The 2012 heading is far above: the top row says 2012 in its place.
    assert!(app.list_offset > 0);
    assert_eq!(is_heading(&rows[0]), Some("2012"), "{}", screen(&app));
    assert!(!rows[1..].iter().any(|r| is_heading(r) == Some("2012")));
    // Styled as a heading.
    let list = layout::regions(&app).list.unwrap();
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let cell = &t.backend().buffer()[(list.x + 2, list.y + 1)];
    assert_eq!(cell.style().fg, annals::tui::theme::YEAR.fg);
    // The cursor's row is on screen, below it.
    assert!(
        rows[1..].iter().any(|r| r.starts_with('▶')),
        "{}",
        screen(&app)
    );
}

#[test]
fn no_sticky_year_while_the_heading_is_on_screen() {
    let mut app = builtin(120, 40);
    key(&mut app, KeyCode::Home);
    let rows = list_rows(&app);
    assert_eq!(app.list_offset, 0);
    assert_eq!(is_heading(&rows[0]), Some("1999"));
    assert!(is_heading(&rows[1]).is_none());
    // Every position at several sizes: the top row is the year of what is under it, a
    // year's heading is shown once, and the cursor is never covered.
    for (w, h) in [(120, 40), (80, 24), (60, 30), (100, 16)] {
        let mut app = builtin(w, h);
        key(&mut app, KeyCode::Home);
        let mut seen_sticky = false;
        for step in 0..app.shown.len() * 2 {
            let rows = list_rows(&app);
            let headings: Vec<&str> = rows.iter().filter_map(|r| is_heading(r)).collect();
            let mut unique = headings.clone();
            unique.dedup();
            assert_eq!(headings, unique, "{w}x{h}\n{}", screen(&app));
            let cursor = rows.iter().position(|r| r.starts_with('▶'));
            assert!(cursor.is_some(), "{w}x{h} step {step}\n{}", screen(&app));
            if app.list_offset > 0 {
                assert_ne!(cursor, Some(0), "{w}x{h}\n{}", screen(&app));
                // The top row is a heading: its own, or the year of the rows under it.
                let year = is_heading(&rows[0]);
                assert!(
                    year.is_some() || rows[0].contains('·'),
                    "{w}x{h}\n{}",
                    screen(&app)
                );
                seen_sticky |= !matches!(app.rows[app.list_offset], annals::tui::app::Row::Year(_))
                    && year.is_some();
            }
            // Down through the list, then back up.
            let down = step < app.shown.len();
            press(&mut app, if down { 'j' } else { 'k' });
        }
        assert!(seen_sticky, "{w}x{h}");
    }
}

#[test]
fn moving_up_keeps_the_cursor_below_the_sticky_year() {
    let mut app = builtin(80, 24);
    go_to(&mut app, "putin-obama-call");
    let offset = app.list_offset;
    assert!(offset > 0);
    // Up to the top of the screen and one further: the list scrolls before the cursor would
    // reach the top row.
    for _ in 0..30 {
        press(&mut app, 'k');
        let rows = list_rows(&app);
        let cursor = rows.iter().position(|r| r.starts_with('▶')).unwrap();
        assert!(cursor > 0 || app.list_offset == 0, "{}", screen(&app));
    }
    assert!(app.list_offset < offset);
}

#[test]
fn a_click_on_the_sticky_year_picks_no_event() {
    let mut app = builtin(80, 24);
    go_to(&mut app, "putin-obama-call");
    let list = layout::regions(&app).list.unwrap();
    assert!(layout::sticky_year(&app, usize::from(list.height - 2)).is_some());
    let before = app.cursor;
    update(
        &mut app,
        Action::Click {
            column: list.x + 4,
            row: list.y + 1,
        },
    );
    assert_eq!(app.cursor, before);
    // The row under it picks its event.
    update(
        &mut app,
        Action::Click {
            column: list.x + 4,
            row: list.y + 2,
        },
    );
    assert_ne!(app.cursor, before);
    assert_eq!(
        app.rows[app.list_offset + 1],
        annals::tui::app::Row::Event(app.cursor)
    );
}

//! The time axis in the browser: the density strip, gap markers, the lanes view with zoom
//! and pan, moving by year or zoom unit, going to a date, and relative dates.

mod common;

use annals::axis::{Unit, Window, Zoom};
use annals::tui::app::{App, Row, View};
use annals::tui::update::{flush_pending, waiting};
use chrono::NaiveDate;
use common::{builtin, go_to, key, press, screen, typing};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

use common::day as d;

fn buffer(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t.backend().buffer().clone()
}

/// Lines `a..b` of the screen.
fn lines(app: &App, a: usize, b: usize) -> String {
    screen(app)
        .lines()
        .skip(a)
        .take(b - a)
        .collect::<Vec<_>>()
        .join("\n")
}

fn current_id(app: &App) -> &str {
    &app.current().unwrap().id
}

fn fixture() -> annals::model::Dataset {
    let text = std::fs::read_to_string("tests/export/fixture.json").unwrap();
    annals::load::from_str(&text, "fixture.json").unwrap()
}

/// Presses `]` or `[` and lets the short wait for a longer binding run out.
fn period(app: &mut App, c: char) {
    press(app, c);
    assert!(waiting(app), "{c} waits to see whether `{c} a` follows");
    flush_pending(app);
}

#[test]
fn the_strip_at_60_120_and_200_columns() {
    for width in [60, 120, 200] {
        let mut a = builtin(width, 40);
        go_to(&mut a, "putin-obama-call");
        insta::assert_snapshot!(format!("strip_{width}"), lines(&a, 0, 4));
        // Three rows under the header: two of bars, one of labels with the cursor's ▲ (or,
        // where a label stands there, that label in the cursor's colour).
        let s = lines(&a, 1, 4);
        assert!(s.contains('█'), "{s}");
        let buf = buffer(&a);
        assert!(
            (0..width).any(|x| buf[(x, 3)].fg == Color::Yellow),
            "the cursor is marked\n{s}"
        );
        assert!(lines(&a, 3, 4).contains("2008"), "year labels");
    }
}

#[test]
fn the_strip_shows_where_events_crowd_and_where_years_are_silent() {
    let a = builtin(120, 40);
    let window = a.strip.window.unwrap();
    assert_eq!(
        (window.first, window.last),
        (d("1999-12-31"), d("2013-09-06"))
    );
    let cols = a.strip.counts.len() as u16;
    assert_eq!(cols, 118);
    let busiest = (0..cols)
        .max_by_key(|&c| a.strip.counts[usize::from(c)])
        .unwrap();
    assert_eq!(
        window.day_at(busiest, cols).format("%Y").to_string(),
        "2012"
    );
    // The presidency alone keeps 2005 from silence; 2009 and 2010 are empty.
    let count_on = |day: &str| {
        let (c, _) = window.columns(d(day), d(day), cols).unwrap();
        a.strip.counts[usize::from(c)]
    };
    assert_eq!(count_on("2005-06-01"), 1);
    assert_eq!(count_on("2009-06-01"), 0);
    assert_eq!(count_on("2010-06-01"), 0);
    // Bars are drawn on the strip rows, and the empty years stay blank.
    let buf = buffer(&a);
    let (c2009, _) = window
        .columns(d("2009-06-01"), d("2009-06-01"), cols)
        .unwrap();
    assert_eq!(buf[(1 + c2009, 2)].symbol(), " ");
    let (c2005, _) = window
        .columns(d("2005-06-01"), d("2005-06-01"), cols)
        .unwrap();
    assert_ne!(buf[(1 + c2005, 2)].symbol(), " ");
}

#[test]
fn the_strip_follows_the_filters_the_cursor_and_the_selection() {
    let mut a = builtin(120, 40);
    press(&mut a, 'd');
    typing(&mut a, "2012-09..2012-11");
    key(&mut a, KeyCode::Enter);
    // The protest wave reaches into the bounds: the strip starts where it does.
    let w = a.strip.window.unwrap();
    assert_eq!((w.first, w.last), (d("2011-12-05"), d("2012-11-21")));
    assert_eq!(current_id(&a), "protest-wave");
    press(&mut a, 'j');
    press(&mut a, 'v');
    press(&mut a, 'j');
    press(&mut a, 'j');
    assert_eq!(current_id(&a), "third-march-of-millions");
    let buf = buffer(&a);
    // The selection (all of September) is shaded on the bar rows, not beyond it.
    let cols = a.strip.counts.len() as u16;
    let col = |day: &str| 1 + w.columns(d(day), d(day), cols).unwrap().0;
    assert_eq!(buf[(col("2012-09-10"), 2)].bg, Color::Blue);
    assert_eq!(buf[(col("2012-09-28"), 2)].bg, Color::Blue);
    assert_ne!(buf[(col("2012-11-13"), 2)].bg, Color::Blue);
    assert_ne!(buf[(col("2012-06-01"), 2)].bg, Color::Blue);
    // The cursor's event is marked under the bars.
    assert_eq!(buf[(col("2012-09-15"), 3)].symbol(), "▲");
    // Months are labelled when the span is a year.
    assert!(lines(&a, 3, 4).contains("Mar"), "{}", lines(&a, 3, 4));
}

fn go_to_pos(a: &mut App, pos: usize) {
    key(a, KeyCode::Home);
    for _ in 0..pos {
        press(a, 'j');
    }
}

#[test]
fn a_long_silence_is_marked_in_the_list_and_year_headings_stay() {
    let a = builtin(120, 40);
    let gaps: Vec<(usize, &Row)> = a
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Row::Gap { .. }))
        .collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let (i, gap) = gaps[0];
    assert_eq!(
        *gap,
        Row::Gap {
            from: d("2008-05-07"),
            to: d("2011-09-24")
        }
    );
    assert_eq!(a.rows[i + 1], Row::Year(2011));
    let s = screen(&a);
    let at = |t: &str| s.find(t).unwrap_or_else(|| panic!("{t} not in\n{s}"));
    assert!(at("Medvedev sworn in") < at("· 3 years 4 months ·"));
    assert!(at("· 3 years 4 months ·") < at("│ 2011 "));
}

#[test]
fn gaps_are_relative_to_the_span_shown() {
    let mut a = builtin(120, 40);
    press(&mut a, 'd');
    typing(&mut a, "2012");
    key(&mut a, KeyCode::Enter);
    // Within a year, a silence of more than a twentieth of it (18 days) is marked.
    let gaps: Vec<(NaiveDate, NaiveDate)> = a
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Gap { from, to } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    assert!(!gaps.is_empty());
    assert!(gaps.iter().all(|(f, t)| (*t - *f).num_days() >= 18));
    // From USAID's last day to Obama's re-election, among others. The protest wave is shown
    // (it may reach into 2012: its end is unknown) but keeps from silence only the day it is
    // known to cover, its first: the silences of 2012 are marked.
    assert!(
        gaps.contains(&(d("2012-10-01"), d("2012-11-06"))),
        "{gaps:?}"
    );
    assert!(
        gaps.contains(&(d("2012-07-23"), d("2012-08-17"))),
        "{gaps:?}"
    );
    assert!(screen(&a).contains("· 1 month 5 days ·"));
}

#[test]
fn the_lanes_at_60_120_and_200_columns() {
    for width in [60, 120, 200] {
        let mut a = builtin(width, 40);
        go_to(&mut a, "putin-obama-call");
        press(&mut a, 't');
        assert_eq!(a.view, View::Lanes);
        insta::assert_snapshot!(format!("lanes_{width}"), screen(&a));
    }
}

#[test]
fn the_presidency_is_a_bar_across_eight_years() {
    let mut a = builtin(120, 40);
    press(&mut a, 't');
    let buf = buffer(&a);
    let s = screen(&a);
    let y = s
        .lines()
        .position(|l| l.contains("Putin's first two terms"))
        .expect("the presidency is labelled in its bar") as u16;
    let bar: Vec<u16> = (0..a.width)
        .filter(|&x| buf[(x, y)].bg == Color::Cyan)
        .collect();
    // 8 of the 13.7 years shown, over the axis's columns.
    assert!(bar.len() >= 55, "{} cells", bar.len());
    assert_eq!(
        bar.len(),
        usize::from(bar[bar.len() - 1] - bar[0] + 1),
        "one bar"
    );
}

#[test]
fn zoom_goes_from_decades_to_the_week_of_the_call_and_pans() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-obama-call");
    press(&mut a, 't');
    assert_eq!(a.lanes.zoom, Zoom::All);
    let window = |a: &App| {
        let w = a.lanes_window().unwrap();
        (w.first.to_string(), w.last.to_string())
    };
    let steps = [
        (Unit::Decade, "2010-01-01", "2019-12-31", "2010s"),
        (Unit::Year, "2012-01-01", "2012-12-31", "· 2012 "),
        (Unit::Quarter, "2012-10-01", "2012-12-31", "Q4 2012"),
        (Unit::Month, "2012-11-01", "2012-11-30", "November 2012"),
        (
            Unit::Week,
            "2012-11-12",
            "2012-11-18",
            "week of 12 Nov 2012",
        ),
    ];
    for (unit, first, last, title) in steps {
        press(&mut a, '+');
        assert_eq!(a.lanes.zoom, Zoom::In(unit));
        assert_eq!(window(&a), (first.to_string(), last.to_string()));
        assert!(screen(&a).contains(title), "{title}\n{}", screen(&a));
        assert_eq!(current_id(&a), "putin-obama-call", "zoom keeps the cursor");
    }
    let s = screen(&a);
    assert!(s.contains("Putin and Obama agree to advance ties"));
    assert!(s.contains("AFP reports the Putin–Obama call"));
    assert!(
        !s.contains("Foreign agents"),
        "21 Nov is the next week\n{s}"
    );
    // Pan: a week later and back; the cursor comes along to the first event in view, so
    // the detail shows what the lanes show.
    press(&mut a, 'l');
    assert_eq!(window(&a).0, "2012-11-19");
    assert!(screen(&a).contains("'Foreign agents' law enters into force"));
    assert_eq!(current_id(&a), "foreign-agents-in-force");
    key(&mut a, KeyCode::Left);
    assert_eq!(current_id(&a), "afp-dispatch");
    press(&mut a, 'h');
    assert_eq!(window(&a).0, "2012-11-05");
    assert_eq!(current_id(&a), "obama-reelected");
    // A stretch without events leaves the cursor where it was.
    press(&mut a, 'h');
    press(&mut a, 'h');
    assert_eq!(window(&a).0, "2012-10-22");
    assert_eq!(current_id(&a), "obama-reelected");
    assert!(screen(&a).contains("No event in this stretch"));
    press(&mut a, 'l');
    press(&mut a, 'l');
    // The day, then no finer.
    press(&mut a, '=');
    press(&mut a, '+');
    assert_eq!(a.lanes.zoom, Zoom::In(Unit::Day));
    assert!(a.status.as_deref().unwrap().contains("finest"));
    // Zooming out keeps the stretch: the day's week, month…, then everything.
    press(&mut a, '-');
    assert_eq!(a.lanes.zoom, Zoom::In(Unit::Week));
    for _ in 0..6 {
        press(&mut a, '-');
    }
    assert_eq!(a.lanes.zoom, Zoom::All);
    press(&mut a, 'h');
    assert!(a.status.as_deref().unwrap().contains("whole span"));
}

#[test]
fn zooming_in_centres_on_the_cursor_and_the_window_follows_it() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-inauguration-2004");
    press(&mut a, 't');
    press(&mut a, '+');
    press(&mut a, '+');
    assert_eq!(a.lanes_window().unwrap().first, d("2004-01-01"));
    // j to the next event (2008): the window moves to its year.
    press(&mut a, 'j');
    assert_eq!(current_id(&a), "medvedev-elected-2008");
    assert_eq!(a.lanes_window().unwrap().first, d("2008-01-01"));
    // Pan away from the cursor, then zoom: around the middle of what is shown.
    press(&mut a, 'l');
    press(&mut a, 'l');
    assert_eq!(a.lanes_window().unwrap().first, d("2010-01-01"));
    press(&mut a, '+');
    assert_eq!(a.lanes.zoom, Zoom::In(Unit::Quarter));
    assert_eq!(a.lanes_window().unwrap().first, d("2010-07-01"));
    assert!(screen(&a).contains("No event in this stretch"));
    // The list and the lanes share the cursor and the detail.
    press(&mut a, 't');
    assert_eq!(a.view, View::List);
    assert_eq!(current_id(&a), "medvedev-elected-2008");
    assert!(screen(&a).contains("▶ 02 Mar  Medvedev elected president"));
}

#[test]
fn zoom_and_pan_keys_in_the_list_say_where_they_work() {
    let mut a = builtin(120, 40);
    // Not bound in the list.
    press(&mut a, '+');
    press(&mut a, 'l');
    assert_eq!(a.lanes.zoom, Zoom::All);
    assert_eq!(a.cursor.get(), 0);
    // With a range selected, the lanes' keys apply (the range may be in the lanes) and in
    // the list they say where they work.
    press(&mut a, 'v');
    press(&mut a, '+');
    assert!(a.status.as_deref().unwrap().contains("t opens"));
    assert_eq!(a.lanes.zoom, Zoom::All);
    press(&mut a, 't');
    press(&mut a, '+');
    assert_eq!(a.lanes.zoom, Zoom::In(Unit::Decade));
    assert!(a.selection().is_some());
}

#[test]
fn brackets_step_by_year_and_by_zoom_unit_beside_bracket_a() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-obama-call");
    period(&mut a, ']');
    assert_eq!(current_id(&a), "obama-second-term-oath");
    period(&mut a, '[');
    assert_eq!(
        current_id(&a),
        "bolotnaya-rally-2012-02-04",
        "at the year's first event, [ goes to the previous year's"
    );
    press(&mut a, 'j');
    period(&mut a, '[');
    assert_eq!(
        current_id(&a),
        "bolotnaya-rally-2012-02-04",
        "this year's first"
    );
    period(&mut a, '[');
    assert_eq!(current_id(&a), "putin-candidacy-announced");
    period(&mut a, '[');
    assert_eq!(
        current_id(&a),
        "medvedev-elected-2008",
        "skips silent years"
    );
    // `] a` is still the next event sharing an actor.
    press(&mut a, ']');
    press(&mut a, 'a');
    assert!(a.pending.is_empty());
    assert_eq!(current_id(&a), "medvedev-inauguration-2008");
    // `]` then another key: `]` acts, then the key does.
    press(&mut a, ']');
    press(&mut a, 'j');
    assert_eq!(current_id(&a), "duma-election-2011");
    // At the end there is no later year.
    key(&mut a, KeyCode::End);
    period(&mut a, ']');
    assert!(a.status.as_deref().unwrap().contains("no later year"));
    // In the lanes, zoomed to months: by month.
    go_to(&mut a, "usaid-ends-work");
    press(&mut a, 't');
    for _ in 0..4 {
        press(&mut a, '+');
    }
    assert_eq!(a.lanes.zoom, Zoom::In(Unit::Month));
    period(&mut a, ']');
    assert_eq!(current_id(&a), "obama-reelected");
    assert_eq!(a.lanes_window().unwrap().first, d("2012-11-01"));
    period(&mut a, '[');
    assert_eq!(current_id(&a), "usaid-ends-work");
    assert_eq!(a.lanes_window().unwrap().first, d("2012-10-01"));
}

#[test]
fn go_to_the_event_nearest_a_date() {
    let mut a = builtin(120, 40);
    let go = |a: &mut App, text: &str| {
        press(a, ':');
        typing(a, text);
        key(a, KeyCode::Enter);
    };
    go(&mut a, "2012-09");
    assert_eq!(current_id(&a), "lavrov-tells-clinton-usaid");
    assert!(a.status.is_none());
    go(&mut a, "2012-09-18");
    assert_eq!(current_id(&a), "usaid-us-announcement");
    go(&mut a, "2010");
    assert_eq!(current_id(&a), "putin-candidacy-announced");
    assert_eq!(
        a.status.as_deref(),
        Some("nothing on 2010; the nearest event is on 24 Sep 2011")
    );
    go(&mut a, "1990");
    assert_eq!(current_id(&a), "putin-acting-president");
    go(&mut a, "2030-01-01");
    assert_eq!(current_id(&a), "g20-st-petersburg");
    // Something that is not a date stays in the prompt with the reason.
    press(&mut a, ':');
    typing(&mut a, "soon");
    key(&mut a, KeyCode::Enter);
    assert!(a.prompt.is_some());
    let footer = screen(&a).lines().last().unwrap().to_string();
    assert!(
        footer.contains("\"soon\" is not a date; use a year (2012)"),
        "{footer}"
    );
    key(&mut a, KeyCode::Esc);
    assert!(a.prompt.is_none());
    assert_eq!(current_id(&a), "g20-st-petersburg");
}

#[test]
fn dates_relative_to_a_reference_until_cleared() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-obama-call");
    press(&mut a, 'r');
    assert!(a.status.as_deref().unwrap().contains("dates relative to"));
    let s = screen(&a);
    // The date column (7 cells) holds the distance to the reference.
    for (marker, date, title) in [
        ("▶", "T", "Putin and Obama agree"),
        (" ", "T−6d", "Kremlin welcomes"),
        // (10 Dec 2011, T−11m, is under the sticky year at the top.)
        (" ", "T−10m", "Opposition rally on Sakharov Avenue"),
    ] {
        let want = format!("{marker} {date:<7} {title}");
        assert!(s.contains(&want), "{want}\n{s}");
    }
    assert!(s.contains("T · the reference"), "{s}");
    press(&mut a, 'j');
    assert!(screen(&a).contains("▶ T+8d    'Foreign agents' law enters"));
    press(&mut a, 'k');
    key(&mut a, KeyCode::Home);
    assert!(screen(&a).contains("  T−12y   Putin inaugurated for his first term"));
    go_to(&mut a, "putin-obama-call");
    assert!(screen(&a).contains("│ 2012 "), "year headings stay");
    press(&mut a, 'k');
    assert!(screen(&a).contains("T · the same day as “Putin and Obama agree to advance ties”"));
    press(&mut a, 'k');
    assert!(screen(&a).contains("T−6d · 6 days before “Putin and Obama agree to advance ties”"));
    // r on another event moves the reference; on the reference, clears it.
    press(&mut a, 'r');
    assert_eq!(a.reference, a.current_ix());
    press(&mut a, 'r');
    assert_eq!(a.reference, None);
    assert!(screen(&a).contains("07 Nov  Lavrov"));
}

#[test]
fn lanes_by_tag_and_by_actor() {
    let mut a = builtin(120, 40);
    press(&mut a, 't');
    assert!(screen(&a).contains("Vladimir Putin"));
    press(&mut a, 'T');
    let s = screen(&a);
    assert!(s.contains("Lanes by tag"));
    assert!(s.contains("diplomacy") && s.contains("protest"), "{s}");
    press(&mut a, 'T');
    assert!(screen(&a).contains("Lanes by actor"));
}

#[test]
fn precision_and_uncertainty_are_drawn() {
    let mut a = common::app_at(fixture(), 120, 40);
    let pos = |a: &App, id: &str| {
        a.shown
            .iter()
            .position(|&i| a.data.events[i].id == id)
            .unwrap()
    };
    let month = pos(&a, "month-only");
    go_to_pos(&mut a, month);
    press(&mut a, 't');
    for _ in 0..3 {
        press(&mut a, '+');
    }
    assert_eq!(a.lanes.zoom, Zoom::In(Unit::Quarter));
    let s = screen(&a);
    // The month runs over its month: its line of `─` spans about a third of the axis.
    let line = s
        .lines()
        .find(|l| l.contains("A month, and a comma"))
        .unwrap();
    assert!(line.contains('●'), "{line}");
    // The uncertain 8 September, stacked under the month it falls in.
    let uncertain = s.lines().find(|l| l.contains("An uncertain day")).unwrap();
    assert!(
        uncertain.contains('?') && !uncertain.contains('●'),
        "{uncertain}"
    );
    let g =
        annals::tui::layout::lanes_geometry(&a, annals::tui::layout::regions(&a).lanes.unwrap())
            .unwrap();
    let placed = g
        .lanes
        .iter()
        .flat_map(|l| &l.items)
        .find(|p| p.pos.get() == month)
        .unwrap();
    let third = g.cols / 3;
    assert!(
        (placed.last - placed.first + 1).abs_diff(third) <= 2,
        "{placed:?} of {}",
        g.cols
    );
    // Zoomed out to everything, the open wave runs to the right edge, ending in an arrow.
    for _ in 0..3 {
        press(&mut a, '-');
    }
    assert_eq!(a.lanes.zoom, Zoom::All);
    let area = annals::tui::layout::regions(&a).lanes.unwrap();
    let g = annals::tui::layout::lanes_geometry(&a, area).unwrap();
    let wave = pos(&a, "wave");
    let placed = g
        .lanes
        .iter()
        .flat_map(|l| &l.items)
        .find(|p| p.pos.get() == wave)
        .unwrap();
    assert_eq!(placed.last, g.cols - 1, "{placed:?}");
    let y = g.inner.y + 1 + placed.row as u16;
    assert_eq!(buffer(&a)[(g.axis_x + placed.last, y)].symbol(), "→");
}

#[test]
fn a_click_in_the_lanes_selects_the_event_under_it() {
    let mut a = builtin(120, 40);
    press(&mut a, 't');
    let area = annals::tui::layout::regions(&a).lanes.unwrap();
    let g = annals::tui::layout::lanes_geometry(&a, area).unwrap();
    let lane = &g.lanes[0];
    let item = lane
        .items
        .iter()
        .find(|p| p.row == 0 && p.pos.get() > 0)
        .unwrap();
    let (column, row) = (g.axis_x + item.first, g.inner.y + 1);
    assert_eq!(g.event_at(column, row), Some(item.pos));
    annals::tui::update::update(&mut a, annals::tui::action::Action::Click { column, row });
    assert_eq!(a.cursor, item.pos);
}

#[test]
fn the_lanes_draw_at_every_size_without_panic() {
    let mut a = builtin(80, 24);
    go_to(&mut a, "putin-obama-call");
    press(&mut a, 't');
    // Every zoom level, from everything to a day, at sizes up to the three-row strip.
    for _ in 0..7 {
        for w in (0..70).step_by(3) {
            for h in (0..33).step_by(2) {
                common::update_size(&mut a, w, h);
                let _ = screen(&a);
            }
        }
        press(&mut a, '+');
    }
    assert_eq!(a.lanes.zoom, Zoom::In(Unit::Day));
}

#[test]
fn a_one_day_dataset_has_a_strip_and_lanes() {
    let data = annals::load::from_str(
        r#"{"format": "annals/1", "title": "One day",
            "actors": [{"id": "a", "name": "A"}],
            "sources": [{"id": "s", "title": "S", "publisher": "P"}],
            "events": [
              {"id": "e1", "when": "2012-11-13", "title": "First", "actors": ["a"], "sources": ["s"]},
              {"id": "e2", "when": "2012-11-13", "title": "Second", "actors": ["a"], "sources": ["s"]}
            ]}"#,
        "one-day.json",
    )
    .unwrap();
    let mut a = common::app_at(data, 60, 24);
    let w: Window = a.strip.window.unwrap();
    assert_eq!(w.days(), 1);
    assert!(a.strip.counts.iter().all(|&c| c == 2));
    assert!(
        lines(&a, 0, 3).contains("13 Nov 2012"),
        "{}",
        lines(&a, 0, 3)
    );
    press(&mut a, 't');
    let s = screen(&a);
    assert!(s.contains("First") || s.contains("Second"), "{s}");
    assert!(!a.rows.iter().any(|r| matches!(r, Row::Gap { .. })));
}

//! Rough edges a new user hit (issue: fit the desk), each with its test.

mod common;

use annals::query::{BadDate, parse_bounds};
use common::{builtin, go_to, key, press, screen, typing};
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_coarse_date_is_about_so_far_from_the_reference() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-obama-call");
    press(&mut a, 'r');
    // "Sep 2012" is known to the month: about 2 months before 13 Nov, not "2 months 12 days".
    go_to(&mut a, "lavrov-tells-clinton-usaid");
    let s = screen(&a);
    assert!(s.contains("about 2 months before"), "{s}");
    assert!(!s.contains("2 months 12 days"), "{s}");
}

#[test]
fn a_range_whose_end_is_before_its_start_says_so() {
    assert_eq!(
        parse_bounds("2012-11..2012-09"),
        Err(BadDate::Backwards("2012-11..2012-09".into()))
    );
    let mut a = builtin(120, 40);
    press(&mut a, 'd');
    typing(&mut a, "2012-11..2012-09");
    key(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(s.contains("the end is before the start"), "{s}");
}

#[test]
fn the_footer_echoes_the_search_as_typed() {
    let mut a = builtin(120, 40);
    press(&mut a, '/');
    typing(&mut a, "égalité");
    key(&mut a, KeyCode::Enter);
    let s = screen(&a);
    let footer = s.lines().last().unwrap();
    assert!(footer.contains("/égalité"), "{footer}");
}

#[test]
fn the_detail_pane_says_how_much_is_below() {
    let mut a = builtin(120, 40);
    go_to(&mut a, "putin-obama-call");
    let s = screen(&a);
    let border = s
        .lines()
        .find(|l| l.contains("more lines"))
        .unwrap_or_else(|| panic!("no count of the lines below:\n{s}"));
    let n: usize = border
        .split("↓ ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    // Scrolled to the bottom, nothing is left below.
    key(&mut a, KeyCode::Tab);
    for _ in 0..n {
        press(&mut a, 'j');
    }
    assert!(!screen(&a).contains("more line"), "{}", screen(&a));
}

#[test]
fn the_strip_marks_every_event_under_the_cursor() {
    for width in [60, 120, 200] {
        let mut a = builtin(width, 40);
        key(&mut a, KeyCode::Home);
        for _ in 0..a.shown.len() {
            let s = screen(&a);
            // The strip's label row is the fourth line of the screen.
            let labels = s.lines().nth(3).unwrap();
            assert!(
                labels.contains('▲'),
                "{width} columns, {}:\n{s}",
                a.cursor.get()
            );
            press(&mut a, 'j');
        }
    }
}

#[test]
fn the_help_wraps_what_does_not_fit_and_pages_to_its_end() {
    let scroll = |a: &annals::tui::app::App| a.help.as_ref().map(|h| h.scroll);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut a = builtin(w, h);
        press(&mut a, '?');
        let max = annals::tui::layout::help_canvas(&a).max_scroll();
        // The end of the last description is reached with G, and the top again with g g.
        press(&mut a, 'G');
        let s = screen(&a);
        assert!(s.contains("clear the filter"), "{w}×{h}:\n{s}");
        press(&mut a, 'g');
        press(&mut a, 'g');
        assert_eq!(scroll(&a), Some(0));
        // Paging goes down by pages and never past the end.
        key(&mut a, KeyCode::PageDown);
        assert!(scroll(&a).unwrap() > 1 || max <= 1, "{w}×{h}");
        for _ in 0..50 {
            key(&mut a, KeyCode::PageDown);
        }
        assert_eq!(scroll(&a), Some(max));
    }
    // At 80 columns a long description wraps instead of being cut: its end is on screen.
    let mut a = builtin(80, 24);
    press(&mut a, '?');
    press(&mut a, '/');
    typing(&mut a, "never quits");
    let s = screen(&a);
    assert!(s.contains("(never quits)"), "{s}");
    assert!(!s.contains("the filters (never │"), "{s}");
}

#[test]
fn a_brief_made_from_a_query_states_the_query() {
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("annals")
            .unwrap()
            .args(["export", "--format", "md"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let brief = run(&["--from", "2012-09", "--to", "2012-11", "--actor", "Лавров"]);
    let head: Vec<&str> = brief.lines().take(6).collect();
    assert!(
        head.contains(&"Query: from 2012-09 to 2012-11 · actor: Лавров"),
        "{head:?}"
    );
    assert!(!run(&[]).contains("Query:"));
}

//! Addresses in the detail pane: each on a line of its own, cut with `…` rather than broken
//! across lines.

mod common;

use common::{app_at, screen};

const LONG: &str = "https://example.org/archive/2012/11/13/putin-and-obama-agree-to-advance-ties-in-their-first-call";

/// One event citing a source for each address, in this order.
fn dataset(urls: &[&str]) -> annals::model::Dataset {
    let sources: Vec<serde_json::Value> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| {
            serde_json::json!({"id": format!("s{i}"), "publisher": format!("P{i}"),
                               "title": format!("Source {i}"), "url": u})
        })
        .collect();
    let ids: Vec<String> = (0..urls.len()).map(|i| format!("s{i}")).collect();
    let doc = serde_json::json!({
        "format": "annals/1", "title": "T",
        "actors": [{"id": "a", "name": "Ann"}],
        "sources": sources,
        "events": [{"id": "e", "when": "2012-11-13", "title": "The call", "actors": ["a"],
                    "summary": "A summary long enough to be wrapped over several lines of a narrow pane, as any text is.",
                    "sources": ids}]
    });
    annals::load::from_str(&doc.to_string(), "t.json").unwrap()
}

#[test]
fn a_long_address_is_cut_on_its_own_line_never_continued_on_the_next() {
    let app = app_at(dataset(&[LONG]), 80, 24);
    let s = screen(&app);
    let lines: Vec<&str> = s.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("https://example.org/"))
        .unwrap_or_else(|| panic!("the address is shown\n{s}"));
    // Alone on its line after the indent, running to the pane's edge and cut there.
    let detail = lines[at].rsplit('│').nth(1).unwrap();
    assert!(detail.starts_with("    https://example.org/archive"), "{s}");
    assert!(detail.ends_with('…'), "{s}");
    assert_eq!(
        annals::text::width(detail),
        usize::from(annals::tui::layout::regions(&app).detail.unwrap().width - 2),
        "{s}"
    );
    // Nothing of it on the next line.
    for rest in ["first-call", "ties", "advance", "obama"] {
        assert!(!lines[at + 1].contains(rest), "{s}");
    }
    // Other text still wraps.
    let first = lines.iter().position(|l| l.contains("A summary long"));
    let last = lines.iter().position(|l| l.contains("text is."));
    assert!(first.is_some() && first < last, "{s}");
}

#[test]
fn an_address_as_wide_as_the_pane_is_whole_on_one_line() {
    let app = app_at(dataset(&[LONG]), 80, 24);
    let inner = usize::from(annals::tui::layout::regions(&app).detail.unwrap().width - 2);
    let exact = &LONG[..inner - 4];
    let app = app_at(dataset(&[exact]), 80, 24);
    let s = screen(&app);
    assert!(s.contains(&format!("│    {exact}│")), "{s}");
    assert!(
        !s.contains('…') || !s.lines().any(|l| l.contains(exact) && l.contains('…')),
        "{s}"
    );
    // It is no taller for it: the whole address on one line, nothing after it.
    let at = s.lines().position(|l| l.contains(exact)).unwrap();
    assert!(s.lines().nth(at + 1).unwrap().contains("│ "), "{s}");
}

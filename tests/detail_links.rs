//! Addresses in the detail pane: each on a line of its own, cut with `…` rather than broken
//! across lines, and a terminal link (OSC 8) over those `gx` would open, written by the
//! event loop over the frame with nothing but printable ASCII in the URI.

mod common;

use annals::tui::links::{self, Paint};
use annals::tui::view::{self, Link};
use common::{app_at, key, screen};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

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

/// The whole screen drawn, and the links the view says it drew.
fn drawn(app: &annals::tui::app::App) -> (Buffer, Vec<Link>) {
    let area = Rect::new(0, 0, app.width, app.height);
    let mut buf = Buffer::empty(area);
    let links = view::draw(app, area, &mut buf);
    (buf, links)
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

#[test]
fn links_go_only_to_addresses_gx_would_open() {
    let urls = [
        LONG,
        "mailto:desk@example.org",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://x.example/\u{1b}]8;;https://evil.example\u{1b}\\",
        "http://example.org/a?b=c",
        "https://ru.wikipedia.org/wiki/Путин",
    ];
    let app = app_at(dataset(&urls), 120, 40);
    let (buf, links) = drawn(&app);
    let uris: Vec<&str> = links.iter().map(|l| l.uri.as_str()).collect();
    assert_eq!(
        uris,
        [
            LONG,
            "mailto:desk@example.org",
            "http://example.org/a?b=c",
            "https://ru.wikipedia.org/wiki/%D0%9F%D1%83%D1%82%D0%B8%D0%BD",
        ]
    );
    // Each where its text is drawn, in the detail pane, after the indent.
    let detail = annals::tui::layout::regions(&app).detail.unwrap();
    for l in &links {
        assert_eq!(l.x, detail.x + 1 + 4, "{l:?}");
        assert!(detail.y < l.y && l.y < detail.bottom() - 1, "{l:?}");
        let row: String = (l.x..l.x + l.width())
            .map(|x| buf[(x, l.y)].symbol().to_string())
            .collect();
        assert_eq!(row, l.text, "{l:?}");
    }
    // The addresses not linked are still shown.
    let s = screen(&app);
    assert!(
        s.contains("javascript:alert(1)") && s.contains("file:///etc/passwd"),
        "{s}"
    );
    assert!(
        s.contains("https://x.example/␛]8;;https://evil.example␛\\"),
        "{s}"
    );
}

#[test]
fn no_link_under_a_popup_or_scrolled_out_of_the_pane() {
    let mut app = app_at(dataset(&[LONG]), 120, 40);
    assert_eq!(drawn(&app).1.len(), 1);
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(drawn(&app).1, []);
    key(&mut app, KeyCode::Esc);
    // A pane so short that the address is below it.
    let app = app_at(dataset(&[LONG]), 120, 12);
    let (_, links) = drawn(&app);
    assert_eq!(links, [], "{}", screen(&app));
}

/// The OSC 8 sequences in what was written: (URI, the text written between open and close,
/// escape sequences taken out).
fn osc8(bytes: &[u8]) -> Vec<(Vec<u8>, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    let open = b"\x1b]8;;";
    while let Some(at) = find(&bytes[i..], open) {
        let start = i + at + open.len();
        let end = start + find(&bytes[start..], b"\x1b\\").expect("the URI ends in ST");
        let uri = bytes[start..end].to_vec();
        i = end + 2;
        if uri.is_empty() {
            continue;
        }
        let close = i + find(&bytes[i..], b"\x1b]8;;\x1b\\").expect("the link is closed");
        out.push((uri, visible(&bytes[i..close])));
        i = close;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Text without its CSI sequences (cursor moves, colours).
fn visible(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if ('@'..='~').contains(&d) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_bytes_written_for_a_link_hold_no_control_inside_the_uri() {
    let urls = [
        LONG,
        "mailto:desk@example.org",
        "https://x.example/\u{1b}]52;c;AAAA\u{7}",
        "https://ru.wikipedia.org/wiki/Путин",
    ];
    let app = app_at(dataset(&urls), 120, 40);
    let (buf, drawn) = drawn(&app);
    let paint = links::paint(&buf, &[], &drawn);
    let mut bytes = Vec::new();
    links::write(&mut CrosstermBackend::new(&mut bytes), &paint).unwrap();
    let found = osc8(&bytes);
    assert_eq!(found.len(), 3, "{:?}", String::from_utf8_lossy(&bytes));
    for ((uri, text), link) in found.iter().zip(&drawn) {
        assert!(
            uri.iter().all(|b| (0x21..=0x7E).contains(b)),
            "{:?}",
            String::from_utf8_lossy(uri)
        );
        assert_eq!(uri, link.uri.as_bytes());
        // The same characters as the frame holds there.
        assert_eq!(text, &link.text);
    }
    assert!(!String::from_utf8_lossy(&bytes).contains("52;c"));
    // A URI that is not printable ASCII is never written, whatever asks for it: the cells
    // are written plain.
    let evil = Paint {
        cells: paint[0].cells.clone(),
        uri: Some("https://x.example/\u{1b}]52;c;AAAA\u{7}".into()),
    };
    let mut bytes = Vec::new();
    links::write(&mut CrosstermBackend::new(&mut bytes), &[evil]).unwrap();
    assert!(find(&bytes, b"\x1b]").is_none(), "{bytes:?}");
    assert!(!bytes.contains(&0x07));
    assert!(visible(&bytes).starts_with("https://example.org/"));
}

#[test]
fn links_of_the_last_frame_are_written_again_plain() {
    // Two events, the first with an address, the second without.
    let mut data = dataset(&[LONG]);
    let json = annals::export::render(
        annals::export::Format::Json,
        &data,
        &data.all_events(),
        chrono::DateTime::UNIX_EPOCH,
    )
    .unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut second = doc["events"][0].clone();
    second["id"] = "f".into();
    second["when"] = "2012-11-14".into();
    second["sources"] = serde_json::json!([]);
    doc["events"].as_array_mut().unwrap().push(second);
    data = annals::load::from_str(&doc.to_string(), "t.json").unwrap();
    let mut app = app_at(data, 120, 40);
    let mut state = links::Links::new(true);
    let (buf, drawn1) = drawn(&app);
    let first = state.over(&buf, drawn1.clone());
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].uri.as_deref(), Some(LONG));
    // The same frame again: the link is written again, nothing plain.
    let again = state.over(&buf, drawn1.clone());
    assert_eq!(again, first);
    key(&mut app, KeyCode::Char('j'));
    let (buf, drawn2) = drawn(&app);
    assert_eq!(drawn2, []);
    let next = state.over(&buf, drawn2);
    // The cells of the old link, as the new frame has them, with no link.
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].uri, None);
    let l = &drawn1[0];
    assert_eq!(next[0].cells.first().map(|c| (c.0, c.1)), Some((l.x, l.y)));
    assert!(next[0].cells.iter().all(|(x, y, c)| buf[(*x, *y)] == *c));
    // Off: nothing written.
    let mut off = links::Links::new(false);
    assert_eq!(off.over(&buf, drawn1), []);
    assert!(links::wanted(None));
    assert!(links::wanted(Some("0".as_ref())));
    assert!(!links::wanted(Some("1".as_ref())));
}

//! Text that comes from a dataset is data, never terminal control. These helpers neutralise
//! control and bidi-override characters and measure text in terminal cells.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that reorder text (bidi embeddings, overrides and isolates) and would let a
/// dataset rearrange what the screen shows.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character must not reach a terminal or a text export as is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Replaces control characters with visible stand-ins: a tab or newline becomes a space,
/// C0 controls their Unicode "control picture" (ESC shows as ␛), anything else U+FFFD.
/// Returns the input unchanged (borrowed) when it holds nothing unsafe.
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
            '\u{7F}' => '\u{2421}',
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Whether an address may be handed to a web browser: http, https or mailto, with nothing in
/// it a shell or a terminal could read as more than an address (no spaces, no controls).
/// `gx` opens only these, and the detail pane links only these.
pub fn openable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len());
    scheme_ok
        && !url
            .chars()
            .any(|c| c.is_whitespace() || is_unsafe(c) || "\"'`<>\\".contains(c))
}

/// The most of an address a terminal link carries: longer ones are shown, not linked (VTE,
/// for one, ignores a longer URI).
pub const LINK_URI_BYTES: usize = 2048;

/// The URI of a terminal link (OSC 8) to an address: only an address `gx` would open, with
/// anything beyond ASCII percent-encoded, so that the URI is printable ASCII alone (no
/// control, no ESC or BEL to end the sequence early). `None` for any other address.
pub fn link_uri(url: &str) -> Option<String> {
    if !openable(url) {
        return None;
    }
    let mut uri = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii() {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    let printable = uri.bytes().all(|b| (0x21..=0x7E).contains(&b));
    (printable && uri.len() <= LINK_URI_BYTES).then_some(uri)
}

/// A count and its noun: "1 event", "3 events", "0 days".
pub fn plural(n: impl std::fmt::Display, noun: &str) -> String {
    let n = n.to_string();
    if n == "1" {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Width of a string in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` cells, ending in `…` when something was cut. Reads only as
/// far as what fits, so a field of megabytes costs what its first line costs.
pub fn truncate(text: &str, max: usize) -> String {
    let mut used = 0;
    // Where the text ends when an ellipsis must follow: the first character past max − 1.
    let mut cut = None;
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if cut.is_none() && used + w > max.saturating_sub(1) {
            cut = Some(at);
        }
        if used + w > max {
            if max == 0 {
                return String::new();
            }
            let end = cut.unwrap_or(at);
            return format!("{}…", &text[..end]);
        }
        used += w;
    }
    text.to_string()
}

/// The start of `text`, at most `bytes` long (cut at a character boundary): more than a
/// screen can show of one field, so that a field of megabytes costs nothing to draw.
pub fn head(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The end of `text` in at most `cells` cells, led by `…` when something was cut (for a file
/// name, whose end matters).
pub fn truncate_start(text: &str, cells: usize) -> String {
    if width(text) <= cells {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > cells {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Pads `text` with spaces on the right to exactly `cells` cells (truncating if longer).
pub fn pad(text: &str, cells: usize) -> String {
    let t = truncate(text, cells);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cells.saturating_sub(w)))
}

/// Breaks `text` into lines of at most `cells` cells, between words; a word longer than a
/// line is cut where the line ends. Always at least one line.
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = width(word);
        if used > 0 && used + 1 + w <= cells {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > cells && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_neutralised() {
        assert_eq!(sanitize("plain « texte »"), "plain « texte »");
        assert!(matches!(sanitize("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(sanitize("a\u{1b}[31mred"), "a␛[31mred");
        assert_eq!(sanitize("line\nbreak\ttab"), "line break tab");
        assert_eq!(sanitize("evil\u{202E}txt"), "evil\u{FFFD}txt");
        assert_eq!(sanitize("c1\u{9B}x"), "c1\u{FFFD}x");
        assert!(!sanitize("\u{2067}x\u{2069}").chars().any(is_unsafe));
    }

    #[test]
    fn links_carry_printable_ascii_to_web_and_mail_addresses_only() {
        assert_eq!(
            link_uri("https://example.org/a?b=c#d").as_deref(),
            Some("https://example.org/a?b=c#d")
        );
        assert_eq!(
            link_uri("mailto:desk@example.org").as_deref(),
            Some("mailto:desk@example.org")
        );
        // Beyond ASCII, percent-encoded as UTF-8.
        assert_eq!(
            link_uri("https://ru.wikipedia.org/wiki/Путин").as_deref(),
            Some("https://ru.wikipedia.org/wiki/%D0%9F%D1%83%D1%82%D0%B8%D0%BD")
        );
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://x.example/\u{1b}]8;;https://evil.example\u{1b}\\",
            "https://x.example/\u{7}",
            "https://x.example/\u{9b}31m",
            "https://x.example/\u{7f}",
            "https://x.example/a b",
        ] {
            assert_eq!(link_uri(url), None, "{url:?}");
        }
        let long = format!("https://x.example/{}", "a".repeat(LINK_URI_BYTES));
        assert_eq!(link_uri(&long), None);
    }

    #[test]
    fn counts_take_their_plural() {
        assert_eq!(plural(1, "event"), "1 event");
        assert_eq!(plural(0usize, "event"), "0 events");
        assert_eq!(plural(12i64, "day"), "12 days");
    }

    #[test]
    fn widths_are_cells_not_bytes() {
        assert_eq!(width("Sergueï"), 7);
        assert_eq!(width("Путин"), 5);
        assert_eq!(width("日本"), 4);
        assert_eq!(truncate("Владимир Путин", 6), "Влади…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrapping_breaks_between_words_and_cuts_only_a_word_too_long() {
        assert_eq!(wrap("next search hit", 8), ["next", "search", "hit"]);
        assert_eq!(wrap("a b c", 3), ["a b", "c"]);
        assert_eq!(wrap("Владимирович", 5), ["Влади", "миров", "ич"]);
        assert!(wrap("Владимирович", 5).iter().all(|l| width(l) <= 5));
        assert_eq!(wrap("", 4), [""]);
    }
}

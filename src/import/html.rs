//! HTML (as TimelineJS keeps headlines and text) turned into plain text: tags dropped, line
//! breaks and paragraphs kept as line breaks, list items as bullets, entities decoded, the
//! addresses of links handed back (the links' words stay in the text). Tolerant: a tag that
//! never closes ends the text, a stray `<` stays a `<`, scripts and styles are dropped.

/// Whether a text looks like HTML worth turning into text.
pub fn is_html(s: &str) -> bool {
    s.contains('<') || s.contains('&')
}

/// The text of an HTML fragment, and the addresses its links point to.
pub fn to_text(html: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len());
    let mut links = Vec::new();
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&rest[..lt]);
        }
        let after = &rest[lt + 1..];
        // A `<` that opens no tag (`a < b`) is text.
        let opens = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !opens {
            if skip_until.is_none() {
                out.push('<');
            }
            rest = after;
            continue;
        }
        let Some(gt) = tag_end(after) else {
            // A tag that never closes: nothing after it is text.
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" if !closing => {
                skip_until = Some(if name == "script" { "script" } else { "style" });
            }
            "br" => out.push('\n'),
            "li" if !closing => {
                line_break(&mut out);
                out.push_str("• ");
            }
            "p" | "div" | "blockquote" | "ul" | "ol" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "li" => line_break(&mut out),
            "a" if !closing => {
                if let Some(href) = attribute(tag, "href") {
                    links.push(decode(&href));
                }
            }
            _ => {}
        }
    }
    if skip_until.is_none() {
        out.push_str(rest);
    }
    (tidy(&decode(&out)), links)
}

/// Where a tag ends (its `>`), quotes in attributes passed over.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// An attribute's value in a tag's text: `href="…"`, `href='…'` or `href=…`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[at + name.len()..].trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let v = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(v.to_string());
    }
    None
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn decode(s: &str) -> String {
    html_escape::decode_html_entities(s).into_owned()
}

/// Spaces folded within lines, lines trimmed, no more than one empty line in a row.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank > 0 {
                out.push('\n');
            }
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_breaks_stay_entities_decode_links_are_kept() {
        let (t, links) = to_text(
            "<p>Born in <b>New Jersey</b> &amp; raised&nbsp;there.</p><p>See <a href=\"https://x.example/a?b=1&amp;c=2\">this</a><br/>and more</p>",
        );
        assert_eq!(t, "Born in New Jersey & raised there.\nSee this\nand more");
        assert_eq!(links, ["https://x.example/a?b=1&c=2"]);
        assert_eq!(
            to_text("Whitney Houston<br/> 1963 - 2012").0,
            "Whitney Houston\n1963 - 2012"
        );
        assert_eq!(
            to_text("<ul><li>one</li><li>two</li></ul>").0,
            "• one\n• two"
        );
    }

    #[test]
    fn broken_html_loses_nothing_but_what_cannot_be_text() {
        assert_eq!(to_text("a < b and c > d").0, "a < b and c > d");
        assert_eq!(
            to_text("text <b>bold, never closed").0,
            "text bold, never closed"
        );
        assert_eq!(to_text("before <a href=\"x").0, "before");
        assert_eq!(to_text("<script>alert(1)</script>safe").0, "safe");
        assert_eq!(to_text("&lt;b&gt; &#233;t&eacute;").0, "<b> été");
        assert!(!is_html("plain"));
    }
}

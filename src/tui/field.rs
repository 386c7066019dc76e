//! A one-line text field with a cursor, for what a person types into the browser (the export
//! dialog's file name; the other prompts could use it too). Typing inserts at the cursor;
//! ←/→ move by grapheme (a letter with its accents, never part of a UTF-8 sequence), Home and
//! End go to the ends, Backspace deletes before the cursor, Ctrl-w the word before it, Ctrl-u
//! everything. `window` says what to draw in a given width with the cursor in view. Pure: no
//! terminal here.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use crate::text::{sanitize, width};

/// Text and a cursor in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    text: String,
    /// Byte offset in `text`, always at a grapheme boundary.
    cursor: usize,
}

/// What a field shows in a given number of cells: the cursor always in view, `…` where text
/// is cut off on either side. Drawn in order: `…` if `cut_left`, `before`, the cursor's cell
/// (`at`, or a blank cell at the end of the text), `after`, `…` if `cut_right`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window<'a> {
    pub cut_left: bool,
    pub before: &'a str,
    /// The grapheme under the cursor; empty at the end of the text.
    pub at: &'a str,
    pub after: &'a str,
    pub cut_right: bool,
}

impl Field {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: impl Into<String>) -> Field {
        let text = text.into();
        let cursor = text.len();
        Field { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a byte offset in `text()` (at a grapheme boundary).
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set(&mut self, text: impl Into<String>) {
        *self = Field::new(text);
    }

    /// Types a character at the cursor; the cursor goes after it (after the whole grapheme,
    /// when the character joins the one that follows).
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        if !self.is_boundary(self.cursor) {
            self.cursor = self.next(self.cursor);
        }
    }

    /// One grapheme left (nothing at the start).
    pub fn left(&mut self) {
        self.cursor = self.prev(self.cursor);
    }

    /// One grapheme right (nothing at the end).
    pub fn right(&mut self) {
        self.cursor = self.next(self.cursor);
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes the grapheme before the cursor.
    pub fn backspace(&mut self) {
        let from = self.prev(self.cursor);
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    /// Deletes the word before the cursor and whatever separates it from the cursor: in
    /// `notes/brief.md|`, `md`, then `brief.`, then `notes/`. A word is letters and digits
    /// (of any script) and `_`.
    pub fn delete_word(&mut self) {
        let mut from = self.cursor;
        let mut in_word = false;
        while from > 0 {
            let prev = self.prev(from);
            let word = self.text[prev..from]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if in_word && !word {
                break;
            }
            in_word |= word;
            from = prev;
        }
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    /// Empties the field.
    pub fn clear(&mut self) {
        self.set(String::new());
    }

    /// What to draw in `cells` cells. The whole text when it fits (with a cell for the cursor
    /// at its end); else the cursor stays in view, as far right as it can be (the end of a long
    /// name shows, as a file name's end is what matters), and `…` marks what is cut.
    /// Widths are those of the text as drawn (`text::sanitize`).
    pub fn window(&self, cells: usize) -> Window<'_> {
        let graphemes: Vec<(usize, &str, usize)> = self
            .text
            .grapheme_indices(true)
            .map(|(at, g)| (at, g, width(&sanitize(g))))
            .collect();
        let c = graphemes.partition_point(|&(at, _, _)| at < self.cursor);
        let (at, cursor_w) = match graphemes.get(c) {
            Some(&(_, g, w)) => (g, w.max(1)),
            None => ("", 1),
        };
        let after_start = self.cursor + at.len();
        let total: usize = graphemes.iter().map(|g| g.2).sum();
        let whole = Window {
            cut_left: false,
            before: &self.text[..self.cursor],
            at,
            after: &self.text[after_start..],
            cut_right: false,
        };
        if total + usize::from(at.is_empty()) <= cells {
            return whole;
        }
        let rest: usize = graphemes
            .get(c + 1..)
            .unwrap_or(&[])
            .iter()
            .map(|g| g.2)
            .sum();
        // The first grapheme shown: the leftmost start that leaves room for the cursor (and
        // the marks). `before` is the width from a start to the cursor.
        let mut before: usize = graphemes[..c].iter().map(|g| g.2).sum();
        for s in 0..=c {
            let start = graphemes.get(s).map_or(self.text.len(), |g| g.0);
            let used = usize::from(s > 0) + before + cursor_w;
            let cut_right = used + rest > cells;
            if used + usize::from(cut_right) <= cells {
                let end = if cut_right {
                    let room = cells - used - 1;
                    let mut filled = 0;
                    let mut end = after_start;
                    for &(g_at, g, gw) in graphemes.get(c + 1..).unwrap_or(&[]) {
                        if filled + gw > room {
                            break;
                        }
                        filled += gw;
                        end = g_at + g.len();
                    }
                    end
                } else {
                    self.text.len()
                };
                return Window {
                    cut_left: s > 0,
                    before: &self.text[start..self.cursor],
                    at,
                    after: &self.text[after_start..end],
                    cut_right,
                };
            }
            if s < c {
                before -= graphemes[s].2;
            }
        }
        // Too narrow for the marks: the cursor's cell alone.
        Window {
            cut_left: false,
            before: "",
            at,
            after: "",
            cut_right: false,
        }
    }

    fn is_boundary(&self, at: usize) -> bool {
        GraphemeCursor::new(at, self.text.len(), true)
            .is_boundary(&self.text, 0)
            .unwrap_or(true)
    }

    /// The grapheme boundary after `at` (the end of the text at most).
    fn next(&self, at: usize) -> usize {
        GraphemeCursor::new(at, self.text.len(), true)
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(self.text.len())
    }

    /// The grapheme boundary before `at` (0 at least).
    fn prev(&self, at: usize) -> usize {
        GraphemeCursor::new(at, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field drawn as text, the cursor's cell in brackets: `ab[c]d`, `abc[ ]`.
    fn drawn(f: &Field, cells: usize) -> String {
        let w = f.window(cells);
        let at = if w.at.is_empty() { " " } else { w.at };
        format!(
            "{}{}[{at}]{}{}",
            if w.cut_left { "…" } else { "" },
            w.before,
            w.after,
            if w.cut_right { "…" } else { "" }
        )
    }

    /// The text with the cursor as `|`.
    fn shown(f: &Field) -> String {
        format!("{}|{}", &f.text()[..f.cursor()], &f.text()[f.cursor()..])
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut f = Field::new("brief.md");
        assert_eq!(shown(&f), "brief.md|");
        for _ in 0..3 {
            f.left();
        }
        assert_eq!(shown(&f), "brief|.md");
        for c in "-2012".chars() {
            f.insert(c);
        }
        assert_eq!(shown(&f), "brief-2012|.md");
        f.home();
        f.insert('~');
        f.insert('/');
        assert_eq!(shown(&f), "~/|brief-2012.md");
        f.end();
        assert_eq!(shown(&f), "~/brief-2012.md|");
        // At the ends, moving further does nothing.
        f.right();
        assert_eq!(shown(&f), "~/brief-2012.md|");
        f.home();
        f.left();
        assert_eq!(shown(&f), "|~/brief-2012.md");
        f.backspace();
        assert_eq!(shown(&f), "|~/brief-2012.md");
    }

    #[test]
    fn moves_and_deletes_never_split_a_character_or_a_grapheme() {
        // é as one code point, é as e + a combining accent, a flag of two code points, a
        // character of two cells.
        let mut f = Field::new("é·e\u{301}·🇫🇷·東");
        let mut stops = vec![f.cursor()];
        while f.cursor() > 0 {
            f.left();
            assert!(f.text().is_char_boundary(f.cursor()));
            stops.push(f.cursor());
        }
        let parts: Vec<&str> = stops.windows(2).map(|w| &f.text()[w[1]..w[0]]).collect();
        assert_eq!(
            parts,
            ["東", "·", "🇫🇷", "·", "e\u{301}", "·", "é"],
            "one grapheme a step"
        );
        f.right();
        f.right();
        f.right();
        f.backspace();
        assert_eq!(shown(&f), "é·|·🇫🇷·東");
        f.right();
        f.right();
        f.backspace();
        assert_eq!(shown(&f), "é··|·東");
        // A combining accent typed after a letter joins it; the cursor stays after both.
        f.end();
        f.insert('e');
        f.insert('\u{301}');
        assert_eq!(shown(&f), "é···東e\u{301}|");
        f.left();
        assert_eq!(shown(&f), "é···東|e\u{301}");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut f = Field::new("~/notes/brief.md");
        f.delete_word();
        assert_eq!(shown(&f), "~/notes/brief.|");
        f.delete_word();
        assert_eq!(shown(&f), "~/notes/|");
        f.delete_word();
        assert_eq!(shown(&f), "~/|");
        f.delete_word();
        assert_eq!(shown(&f), "|");
        f.delete_word();
        assert_eq!(shown(&f), "|");
        // In the middle: only what is before the cursor, words of any script.
        let mut f = Field::new("annals-Лавров_2012--x.md");
        for _ in 0..6 {
            f.left();
        }
        assert_eq!(shown(&f), "annals-Лавров_2012|--x.md");
        f.delete_word();
        assert_eq!(shown(&f), "annals-|--x.md");
        f.delete_word();
        assert_eq!(shown(&f), "|--x.md");
        // Spaces separate words too.
        let mut f = Field::new("my brief  ");
        f.delete_word();
        assert_eq!(shown(&f), "my |");
    }

    #[test]
    fn clear_and_set_put_the_cursor_at_the_end() {
        let mut f = Field::new("abc");
        f.home();
        f.set("x.json");
        assert_eq!(shown(&f), "x.json|");
        f.left();
        f.clear();
        assert_eq!(shown(&f), "|");
        assert!(f.is_empty());
    }

    #[test]
    fn a_name_that_fits_is_drawn_whole_with_the_cursor_cell() {
        let mut f = Field::new("abcd");
        assert_eq!(drawn(&f, 5), "abcd[ ]");
        assert_eq!(drawn(&f, 20), "abcd[ ]");
        f.left();
        assert_eq!(drawn(&f, 4), "abc[d]");
        f.home();
        assert_eq!(drawn(&f, 4), "[a]bcd");
    }

    #[test]
    fn a_long_name_scrolls_to_keep_the_cursor_in_view() {
        let mut f = Field::new("annals-2012-09-12.md");
        // At the end, the end shows (as a file name's end matters), cut on the left.
        assert_eq!(drawn(&f, 10), "…09-12.md[ ]");
        f.home();
        assert_eq!(drawn(&f, 10), "[a]nnals-20…");
        for _ in 0..8 {
            f.right();
        }
        assert_eq!(drawn(&f, 10), "annals-2[0]…");
        // Past the right edge, the text moves under the cursor.
        f.right();
        assert_eq!(drawn(&f, 10), "…nals-20[1]…");
        f.end();
        f.left();
        assert_eq!(drawn(&f, 10), "…-09-12.m[d]");
        // Every position, every width: the cursor is drawn, and nothing overflows.
        for cells in 0..25 {
            f.home();
            loop {
                let w = f.window(cells);
                let used = usize::from(w.cut_left)
                    + width(w.before)
                    + width(w.at).max(1)
                    + width(w.after)
                    + usize::from(w.cut_right);
                assert!(used <= cells.max(1), "{cells}: {}", drawn(&f, cells));
                assert_eq!(w.at, &f.text()[f.cursor()..f.cursor() + w.at.len()]);
                assert!(f.text()[..f.cursor()].ends_with(w.before));
                assert!(f.text()[f.cursor() + w.at.len()..].starts_with(w.after));
                if f.cursor() == f.text().len() {
                    break;
                }
                f.right();
            }
        }
    }

    #[test]
    fn wide_characters_scroll_by_whole_cells() {
        let f = Field::new("東京都庁.md");
        assert_eq!(drawn(&f, 8), "…庁.md[ ]");
        let mut f = f;
        f.home();
        assert_eq!(drawn(&f, 8), "[東]京都…");
    }
}

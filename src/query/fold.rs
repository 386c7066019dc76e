//! One folding rule for data and queries: lower case, accents dropped, ligatures spelt out,
//! typography made plain; `Folded` maps a match in folded text back to the original.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of one character: lower case, accents dropped, ligatures spelt
/// out, typographic quotes, apostrophes, dashes and spaces made plain.
fn fold_char(c: char, out: &mut impl FnMut(char)) {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' | '`' | '´' => return out('\''),
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '‹' | '›' => return out('"'),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => return out('-'),
        'œ' | 'Œ' => return "oe".chars().for_each(out),
        'æ' | 'Æ' => return "ae".chars().for_each(out),
        'ß' | 'ẞ' => return "ss".chars().for_each(out),
        'ø' | 'Ø' => return out('o'),
        'đ' | 'Đ' => return out('d'),
        'ł' | 'Ł' => return out('l'),
        'ı' => return out('i'),
        c if c.is_whitespace() => return out(' '),
        _ => {}
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            d.to_lowercase().for_each(&mut *out);
        }
    });
}

/// The folding rule: "Sergueï" = "serguei" = "SERGUEI", "œ" = "oe", "É" = "e", "l’avenir" =
/// "l'avenir". Used on data and queries alike.
pub fn fold(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    fold_into(text, &mut bytes);
    String::from_utf8(bytes).expect("folding writes UTF-8")
}

/// `fold`, as UTF-8 bytes, into a buffer that is cleared first (a search folds millions of
/// texts and reuses one buffer). ASCII, most of any text, is folded a byte at a time through
/// a table, and the common non-ASCII characters (Latin, Greek, Cyrillic, punctuation) through
/// a table made on first use.
pub fn fold_into(text: &str, out: &mut Vec<u8>) {
    fold_bytes_into(text.as_bytes(), out)
}

/// `fold_into` for bytes that should be UTF-8 but were not checked again (the texts of a
/// mapped file, which a search reads by the million): UTF-8 folds as `fold_into` does, and a
/// byte that does not start a character folds to U+FFFD, so `out` is always UTF-8.
pub fn fold_bytes_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.reserve(bytes.len());
    let table = folded_table();
    let mut at = 0;
    while at < bytes.len() {
        let ascii = ascii_prefix(&bytes[at..]);
        if ascii > 0 {
            let from = out.len();
            out.extend_from_slice(&bytes[at..at + ascii]);
            // `fold_char` for ASCII, as selects without branches, which the compiler makes
            // SIMD (the test `the_ascii_table_is_what_fold_char_does` checks every byte).
            for b in &mut out[from..] {
                let c = *b;
                let upper = u8::from(c.wrapping_sub(b'A') < 26) << 5;
                *b = if c.wrapping_sub(b'\t') < 5 {
                    b' '
                } else if c == b'`' {
                    b'\''
                } else {
                    c + upper
                };
            }
            at += ascii;
            continue;
        }
        let lead = bytes[at];
        if (0xc2..0xe0).contains(&lead)
            && let Some(&next) = bytes.get(at + 1)
            && next & 0xc0 == 0x80
        {
            // Two bytes: U+0080 to U+07FF, decoded by hand.
            let n = (usize::from(lead & 0x1f) << 6) | usize::from(next & 0x3f);
            table.two_bytes[n - 0x80].push_to(out);
            at += 2;
            continue;
        }
        let width = match lead {
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => 0,
        };
        let c = bytes
            .get(at..at + width)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| s.chars().next());
        let Some(c) = c else {
            out.extend_from_slice(
                char::REPLACEMENT_CHARACTER
                    .encode_utf8(&mut [0; 4])
                    .as_bytes(),
            );
            at += 1;
            continue;
        };
        match table.get(c) {
            Some(f) => f.push_to(out),
            None => fold_char(c, &mut |f| {
                out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes())
            }),
        }
        at += c.len_utf8();
    }
}

/// How many bytes at the start are ASCII, a word at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        if word & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - at)
}

/// `fold_char` for each ASCII byte (the loop in `fold_into` computes the same).
#[cfg(test)]
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'`' => b'\'',
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => b' ',
            c => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
};

/// The folded form of the non-ASCII characters text is mostly made of.
struct FoldTable {
    /// U+0080 to U+07FF (Latin, Greek, Cyrillic…): every character of two bytes in UTF-8.
    two_bytes: Vec<Folding>,
    /// U+2000 to U+206F (dashes, quotes, spaces).
    punctuation: Vec<Folding>,
}

/// One character folded: up to 8 bytes of UTF-8, kept in place.
#[derive(Clone, Copy)]
struct Folding {
    bytes: [u8; 8],
    len: u8,
}

impl Folding {
    fn push_to(&self, out: &mut Vec<u8>) {
        // A fixed-size copy is a single store; the length is set after.
        let len = out.len();
        out.extend_from_slice(&self.bytes);
        out.truncate(len + usize::from(self.len));
    }
}

impl FoldTable {
    /// A character of three or four bytes (two-byte ones are looked up as they are decoded).
    fn get(&self, c: char) -> Option<&Folding> {
        match u32::from(c) {
            n @ 0x2000..=0x206f => Some(&self.punctuation[n as usize - 0x2000]),
            _ => None,
        }
    }
}

fn folded_table() -> &'static FoldTable {
    static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let fold_range = |range: std::ops::RangeInclusive<u32>| {
            range
                .map(|n| {
                    let mut s = String::new();
                    if let Some(c) = char::from_u32(n) {
                        fold_char(c, &mut |f| s.push(f));
                    }
                    let mut bytes = [0; 8];
                    assert!(s.len() <= 8, "U+{n:04X} folds to at most 8 bytes");
                    bytes[..s.len()].copy_from_slice(s.as_bytes());
                    Folding {
                        bytes,
                        len: s.len() as u8,
                    }
                })
                .collect()
        };
        FoldTable {
            two_bytes: fold_range(0x80..=0x7ff),
            punctuation: fold_range(0x2000..=0x206f),
        }
    })
}

/// A folded text that remembers, for each folded character, the byte range of the original
/// character it came from — so that a match in the folded text can be shown in the original.
pub struct Folded {
    pub text: String,
    /// For each char of `text`: the original byte range.
    origin: Vec<Range<usize>>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            let range = at..at + c.len_utf8();
            fold_char(c, &mut |f| {
                text.push(f);
                origin.push(range.clone());
            });
        }
        Folded { text, origin }
    }

    /// Byte ranges in the original text where the folded `needle` occurs (non-overlapping).
    pub fn find_all(&self, needle: &str) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        let char_at: Vec<usize> = self.text.char_indices().map(|(b, _)| b).collect();
        let mut out: Vec<Range<usize>> = Vec::new();
        for (start_byte, _) in self.text.match_indices(needle) {
            let first = char_at.partition_point(|&b| b < start_byte);
            let last = char_at.partition_point(|&b| b < start_byte + needle.len()) - 1;
            let range = self.origin[first].start..self.origin[last].end;
            // Two folded chars of one original char (œ → oe) must not yield two ranges.
            match out.last_mut() {
                Some(prev) if prev.end > range.start => prev.end = prev.end.max(range.end),
                _ => out.push(range),
            }
        }
        out
    }

    /// Maps folded char positions (as a fuzzy matcher reports them) to original char positions.
    pub fn original_chars(&self, original: &str, folded_positions: &[u32]) -> Vec<usize> {
        let starts: Vec<usize> = original.char_indices().map(|(b, _)| b).collect();
        let mut out: Vec<usize> = folded_positions
            .iter()
            .filter_map(|&p| self.origin.get(p as usize))
            .filter_map(|r| starts.binary_search(&r.start).ok())
            .collect();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_ligatures_and_typography() {
        assert_eq!(fold("Sergueï"), "serguei");
        assert_eq!(fold("SERGUEI"), "serguei");
        assert_eq!(fold("Œuvre cœur"), "oeuvre coeur");
        assert_eq!(fold("État"), "etat");
        assert_eq!(fold("l’avenir"), "l'avenir");
        assert_eq!(fold("«faire progresser»"), "\"faire progresser\"");
        assert_eq!(fold("“quoted”"), "\"quoted\"");
        assert_eq!(fold("Putin–Obama"), "putin-obama");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Путин"), "путин");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("a\u{a0}b"), "a b");
    }

    #[test]
    fn the_ascii_table_is_what_fold_char_does() {
        for b in 0u8..128 {
            let mut folded = String::new();
            fold_char(char::from(b), &mut |f| folded.push(f));
            assert_eq!(
                folded,
                char::from(ASCII_FOLD[usize::from(b)]).to_string(),
                "{b}"
            );
            assert_eq!(fold(&char::from(b).to_string()), folded, "{b}");
        }
    }

    #[test]
    fn folding_a_byte_at_a_time_agrees_with_folding_each_character() {
        // Every character there is, in one text, then a few mixed runs.
        let mut sample: String = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .collect();
        sample.push_str("Sergueï l’avenir «ŒUVRE» Ёлка Straße\u{a0}\u{85}x\u{2003}É");
        let slow: String = {
            let mut s = String::new();
            for c in sample.chars() {
                fold_char(c, &mut |f| s.push(f));
            }
            s
        };
        assert_eq!(fold(&sample), slow);
        let mut buf = b"left over".to_vec();
        fold_into("ABC", &mut buf);
        assert_eq!(buf, b"abc");
    }

    #[test]
    fn bytes_that_are_not_utf8_fold_to_replacement_characters_and_the_rest_as_text() {
        let mut buf = Vec::new();
        // A lone continuation byte, a cut two-byte character, an overlong lead, a cut
        // three-byte character, a byte that never starts one, each between folded text.
        let cases: [(&[u8], &str); 6] = [
            (b"\xa9t\xc3\xa9", "\u{fffd}te"),
            (b"\xc3", "\u{fffd}"),
            (b"A\xc3Z", "a\u{fffd}z"),
            (b"\xc0\xafE", "\u{fffd}\u{fffd}e"),
            (b"\xe2\x80\xc3\x89", "\u{fffd}\u{fffd}e"),
            (b"\xffS\xc3\x9f", "\u{fffd}sss"),
        ];
        for (bytes, folded) in cases {
            fold_bytes_into(bytes, &mut buf);
            assert_eq!(std::str::from_utf8(&buf), Ok(folded), "{bytes:?}");
        }
        let text = "Sergueï l’avenir «ŒUVRE» Ёлка Straße 𝔸";
        fold_bytes_into(text.as_bytes(), &mut buf);
        assert_eq!(std::str::from_utf8(&buf), Ok(fold(text).as_str()));
    }

    #[test]
    fn matches_map_back_to_the_original_text() {
        let f = Folded::new("Sergueï Lavrov, cœur");
        let hits = f.find_all(&fold("SERGUEI"));
        assert_eq!(hits, vec![0..8]);
        assert_eq!(&"Sergueï Lavrov, cœur"[hits[0].clone()], "Sergueï");
        let hits = f.find_all("coeur");
        assert_eq!(&"Sergueï Lavrov, cœur"[hits[0].clone()], "cœur");
        let hits = f.find_all("oe");
        assert_eq!(&"Sergueï Lavrov, cœur"[hits[0].clone()], "œ");
        assert!(f.find_all("").is_empty());
    }
}

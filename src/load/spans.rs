//! Where each record lies in the text of an annals/1 file: the top-level fields, and in the
//! `actors`, `sources` and `events` arrays each element's exact bytes. Used to say where a
//! problem is (line and column) and to change one record's bytes and nothing else (editing).
//!
//! A scanner of JSON's structure only (strings, brackets, commas): it reads no values, so it
//! costs a pass over the bytes, and it gives up (`None`) on text that is not JSON rather than
//! guess.

use std::ops::Range;

/// The records of a file, by where they lie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Each top-level field: its key's name, where the key starts, and its value's bytes.
    pub fields: Vec<(String, usize, Range<usize>)>,
    pub actors: Option<Array>,
    pub sources: Option<Array>,
    pub events: Option<Array>,
}

/// A top-level array of records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Array {
    /// The whole array, `[` to `]` included.
    pub span: Range<usize>,
    /// Each element's bytes.
    pub items: Vec<Range<usize>>,
}

impl Layout {
    /// The array of a kind of record.
    pub fn array(&self, name: &str) -> Option<&Array> {
        match name {
            "actors" => self.actors.as_ref(),
            "sources" => self.sources.as_ref(),
            "events" => self.events.as_ref(),
            _ => None,
        }
    }
}

/// The layout of an annals/1 file's text; `None` when it is not a JSON object.
pub fn layout(text: &str) -> Option<Layout> {
    let mut s = Scanner {
        b: text.as_bytes(),
        at: 0,
    };
    s.skip_bom();
    s.ws();
    s.eat(b'{')?;
    let mut out = Layout::default();
    s.ws();
    if s.peek() == Some(b'}') {
        return Some(out);
    }
    loop {
        s.ws();
        let key_at = s.at;
        let key = s.string()?;
        s.ws();
        s.eat(b':')?;
        s.ws();
        let start = s.at;
        let array =
            if matches!(key.as_str(), "actors" | "sources" | "events") && s.peek() == Some(b'[') {
                Some(s.array()?)
            } else {
                s.value()?;
                None
            };
        let span = start..s.at;
        match key.as_str() {
            "actors" => out.actors = array,
            "sources" => out.sources = array,
            "events" => out.events = array,
            _ => {}
        }
        out.fields.push((key, key_at, span));
        s.ws();
        match s.next()? {
            b',' => continue,
            b'}' => return Some(out),
            _ => return None,
        }
    }
}

/// Where the value of a field of the object in `span` begins (its key's first byte), when the
/// object has that field.
pub fn field_at(text: &str, span: &Range<usize>, field: &str) -> Option<usize> {
    let mut s = Scanner {
        b: text.as_bytes().get(..span.end)?,
        at: span.start,
    };
    s.ws();
    s.eat(b'{')?;
    loop {
        s.ws();
        if s.peek() == Some(b'}') {
            return None;
        }
        let key_at = s.at;
        let key = s.string()?;
        if key == field {
            return Some(key_at);
        }
        s.ws();
        s.eat(b':')?;
        s.ws();
        s.value()?;
        s.ws();
        if s.next()? != b',' {
            return None;
        }
    }
}

/// An object's members, by where they lie.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Object {
    /// The whole object, `{` to `}` included.
    pub span: Range<usize>,
    pub members: Vec<Member>,
}

/// One member of an object: its key's bytes (quotes included, escapes as written) and its
/// value's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub key: Range<usize>,
    pub value: Range<usize>,
}

/// The object that begins in `span` (after any spaces), member by member; `None` when it is
/// not an object or breaks off.
pub fn object(text: &str, span: &Range<usize>) -> Option<Object> {
    let mut s = Scanner {
        b: text.as_bytes().get(..span.end)?,
        at: span.start,
    };
    s.ws();
    let start = s.at;
    s.eat(b'{')?;
    let mut members = Vec::new();
    s.ws();
    if s.peek() == Some(b'}') {
        s.at += 1;
        return Some(Object {
            span: start..s.at,
            members,
        });
    }
    loop {
        s.ws();
        let key_at = s.at;
        s.string()?;
        let key = key_at..s.at;
        s.ws();
        s.eat(b':')?;
        s.ws();
        let value_at = s.at;
        s.value()?;
        members.push(Member {
            key,
            value: value_at..s.at,
        });
        s.ws();
        match s.next()? {
            b',' => continue,
            b'}' => {
                return Some(Object {
                    span: start..s.at,
                    members,
                });
            }
            _ => return None,
        }
    }
}

/// Each element's bytes of the array that begins in `span` (after any spaces); `None` when it
/// is not an array or breaks off.
pub fn elements(text: &str, span: &Range<usize>) -> Option<Vec<Range<usize>>> {
    let mut s = Scanner {
        b: text.as_bytes().get(..span.end)?,
        at: span.start,
    };
    s.ws();
    s.array().map(|a| a.items)
}

struct Scanner<'a> {
    b: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn skip_bom(&mut self) {
        if self.b.starts_with("\u{feff}".as_bytes()) {
            self.at = 3;
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A string, unescaped only as far as a key needs (escapes are kept as written).
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let start = self.at;
        loop {
            match self.next()? {
                b'"' => break,
                b'\\' => {
                    self.next()?;
                }
                _ => {}
            }
        }
        Some(String::from_utf8_lossy(&self.b[start..self.at - 1]).into_owned())
    }

    fn array(&mut self) -> Option<Array> {
        let start = self.at;
        self.eat(b'[')?;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(Array {
                span: start..self.at,
                items,
            });
        }
        loop {
            self.ws();
            let item = self.at;
            self.value()?;
            items.push(item..self.at);
            self.ws();
            match self.next()? {
                b',' => continue,
                b']' => {
                    return Some(Array {
                        span: start..self.at,
                        items,
                    });
                }
                _ => return None,
            }
        }
    }

    /// Passes over one value; `None` when the text breaks off or is not JSON.
    fn value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.next()? {
                        b'"' => {
                            self.at -= 1;
                            self.string()?;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {
                let start = self.at;
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                (self.at > start).then_some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_found_with_their_exact_bytes() {
        let text = r#"{"format": "annals/1", "title": "T \"}]", "actors": [ {"id": "a", "name": "[{"} ],
            "sources": [],
            "events": [{"id":"e1","when":"2012","title":"x"},
                       {"id":"e2","when":"2013","title":"y","quotes":[{"by":"a"}]}]}"#;
        let l = layout(text).unwrap();
        let names: Vec<&str> = l.fields.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["format", "title", "actors", "sources", "events"]);
        let actors = l.actors.as_ref().unwrap();
        assert_eq!(
            &text[actors.items[0].clone()],
            r#"{"id": "a", "name": "[{"}"#
        );
        assert!(l.sources.as_ref().unwrap().items.is_empty());
        let events = l.events.as_ref().unwrap();
        assert_eq!(events.items.len(), 2);
        assert_eq!(
            &text[events.items[1].clone()],
            r#"{"id":"e2","when":"2013","title":"y","quotes":[{"by":"a"}]}"#
        );
        let title = field_at(text, &events.items[1], "title").unwrap();
        assert!(text[title..].starts_with("\"title\""));
        assert_eq!(field_at(text, &events.items[1], "notes"), None);
    }

    #[test]
    fn objects_and_arrays_are_taken_apart_member_by_member() {
        let text = r#" {"a\"b": [1, "x]", {"c": {}}], "d" : null } "#;
        let o = object(text, &(0..text.len())).unwrap();
        assert_eq!(&text[o.span.clone()], &text[1..text.len() - 1]);
        let keys: Vec<&str> = o.members.iter().map(|m| &text[m.key.clone()]).collect();
        assert_eq!(keys, [r#""a\"b""#, r#""d""#]);
        assert_eq!(&text[o.members[1].value.clone()], "null");
        let items: Vec<&str> = elements(text, &o.members[0].value)
            .unwrap()
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(items, ["1", r#""x]""#, r#"{"c": {}}"#]);
        assert_eq!(object(text, &o.members[1].value), None);
        assert_eq!(elements(text, &o.members[1].value), None);
        assert_eq!(object("{\"a\": 1", &(0..8)), None);
    }

    #[test]
    fn text_that_is_not_json_gives_none_not_a_guess() {
        for bad in [
            "",
            "[]",
            "{",
            r#"{"events": [{"id": "x"#,
            r#"{"a" 1}"#,
            "{\"a\":}",
        ] {
            assert_eq!(layout(bad), None, "{bad:?}");
        }
        assert_eq!(layout("{}").unwrap(), Layout::default());
    }

    #[test]
    fn the_built_in_dataset_lays_out_as_many_records_as_it_loads() {
        let l = layout(crate::load::BUILTIN_JSON).unwrap();
        let data = crate::load::builtin();
        assert_eq!(l.events.unwrap().items.len(), data.events.len());
        assert_eq!(l.actors.unwrap().items.len(), data.actors.len());
        assert_eq!(l.sources.unwrap().items.len(), data.sources.len());
    }
}

//! A change to a file's text as the bytes it replaces: applied, it gives the new text; its
//! inverse, applied to the new text, gives back the old one byte for byte (undo).

use std::ops::Range;

/// Replaces `range` of a text by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Splice {
    pub range: Range<usize>,
    pub text: String,
}

/// Splices in order of position, none overlapping another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Patch {
    pub splices: Vec<Splice>,
}

impl Patch {
    /// A patch of these splices, put in order.
    pub fn new(mut splices: Vec<Splice>) -> Patch {
        splices.sort_by_key(|s| s.range.start);
        Patch { splices }
    }

    /// The text with the splices made; `None` when a splice does not fit it (a range past its
    /// end, overlapping another or not on character boundaries).
    pub fn apply(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for s in &self.splices {
            if s.range.start < at {
                return None;
            }
            out.push_str(text.get(at..s.range.start)?);
            text.get(s.range.clone())?;
            out.push_str(&s.text);
            at = s.range.end;
        }
        out.push_str(text.get(at..)?);
        Some(out)
    }

    /// The patch that undoes this one, for the text it was applied to.
    pub fn inverse(&self, old: &str) -> Patch {
        let mut shift: isize = 0;
        let splices = self
            .splices
            .iter()
            .map(|s| {
                let start = (s.range.start as isize + shift) as usize;
                shift += s.text.len() as isize - s.range.len() as isize;
                Splice {
                    range: start..start + s.text.len(),
                    text: old[s.range.clone()].to_string(),
                }
            })
            .collect();
        Patch { splices }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_and_its_inverse_give_back_the_text() {
        let old = "[a, bb, ccc]";
        let p = Patch::new(vec![
            Splice {
                range: 8..11,
                text: "C".into(),
            },
            Splice {
                range: 1..2,
                text: "aaaa".into(),
            },
        ]);
        let new = p.apply(old).unwrap();
        assert_eq!(new, "[aaaa, bb, C]");
        assert_eq!(p.inverse(old).apply(&new).unwrap(), old);
        let overlapping = Patch::new(vec![
            Splice {
                range: 1..5,
                text: String::new(),
            },
            Splice {
                range: 3..4,
                text: String::new(),
            },
        ]);
        assert_eq!(overlapping.apply(old), None);
        assert_eq!(
            Patch::new(vec![Splice {
                range: 20..21,
                text: String::new()
            }])
            .apply(old),
            None
        );
    }
}

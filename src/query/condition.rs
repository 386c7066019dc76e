//! Conditions on an event's attributes, the `--where` of the command line and the `w` prompt
//! of the browser:
//!
//! ```text
//! GoldsteinScale<=-5      NumMentions>=10      parser=winevtx      hostname!=DC01
//! ```
//!
//! One condition is `NAME OP VALUE`: `NAME` an attribute (any case; a table's columns also by
//! their own names), `OP` one of `=` `!=` `<` `<=` `>` `>=`, `VALUE` a number or a text
//! (quotes around it are taken off). Numbers are compared as numbers; texts by their folded
//! form (case and accents aside), `=` and `!=` for equality, the others in that order. An
//! event without the attribute never passes, but for `!=`. Several conditions (repeated
//! `--where`, or joined by `,` or ` and ` at the prompt) must all hold.

use std::fmt;

use crate::model::{Event, Store};

use super::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    fn holds(self, order: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Op::Eq => order == Equal,
            Op::Ne => order != Equal,
            Op::Lt => order == Less,
            Op::Le => order != Greater,
            Op::Gt => order == Greater,
            Op::Ge => order != Less,
        }
    }
}

/// One condition: `GoldsteinScale<=-5`.
#[derive(Clone, Debug)]
pub struct Condition {
    pub name: String,
    pub op: Op,
    pub value: String,
    /// The value as a number, when it is one.
    number: Option<f64>,
    /// The value folded, for texts.
    folded: String,
}

impl PartialEq for Condition {
    fn eq(&self, other: &Condition) -> bool {
        (&self.name, self.op, &self.value) == (&other.name, other.op, &other.value)
    }
}

impl Eq for Condition {}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.name, self.op.symbol(), self.value)
    }
}

/// A number as data writes them: `-5`, `2.8`, `1e3`, not `inf` or `NaN`.
fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

impl Condition {
    /// Reads one condition; the error says what is wrong and how one is written.
    pub fn parse(s: &str) -> Result<Condition, String> {
        let s = s.trim();
        let how = "a condition is NAME OP VALUE, OP one of = != < <= > >= (GoldsteinScale<=-5)";
        let at = s
            .find(['=', '!', '<', '>'])
            .ok_or_else(|| format!("`{s}` has no comparison: {how}"))?;
        let (name, rest) = s.split_at(at);
        let (op, value) = [
            ("!=", Op::Ne),
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("==", Op::Eq),
            ("=", Op::Eq),
            ("<", Op::Lt),
            (">", Op::Gt),
        ]
        .into_iter()
        .find_map(|(sym, op)| rest.strip_prefix(sym).map(|v| (op, v)))
        .ok_or_else(|| format!("`{s}`: `!` must be followed by `=`: {how}"))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("`{s}` names no attribute: {how}"));
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        if value.is_empty() {
            return Err(format!("`{s}` compares with nothing: {how}"));
        }
        Ok(Condition {
            name: name.to_string(),
            op,
            value: value.to_string(),
            number: number(value),
            folded: fold(value),
        })
    }

    /// Several conditions joined by `,` or ` and ` (as typed at the browser's prompt); a
    /// piece without a comparison belongs to the value before it (`place=Moscow, Russia`).
    pub fn parse_list(s: &str) -> Result<Vec<Condition>, String> {
        let mut texts: Vec<String> = Vec::new();
        for (i, piece) in s.split(',').enumerate() {
            for (j, part) in piece.split(" and ").enumerate() {
                let joiner = if j > 0 { " and " } else { "," };
                match texts.last_mut() {
                    Some(last) if (i > 0 || j > 0) && !part.contains(['=', '<', '>']) => {
                        last.push_str(joiner);
                        last.push_str(part);
                    }
                    _ => texts.push(part.to_string()),
                }
            }
        }
        texts
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .map(Condition::parse)
            .collect()
    }

    /// Whether the event passes.
    pub fn holds(&self, ev: &Event, store: &Store) -> bool {
        let Some(value) = ev.attributes.value(&self.name, store) else {
            return self.op == Op::Ne;
        };
        match (self.number, number(&value)) {
            (Some(want), Some(have)) => self.op.holds(have.total_cmp(&want)),
            // A number asked for, and something else there: only `!=` holds.
            (Some(_), None) => self.op == Op::Ne,
            (None, _) => self.op.holds(fold(&value).cmp(&self.folded)),
        }
    }
}

/// Conditions written back as they are read: `GoldsteinScale<=-5, NumMentions>=10`.
pub fn list_text(conditions: &[Condition]) -> String {
    conditions
        .iter()
        .map(Condition::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_are_read_with_every_operator_and_their_mistakes_said() {
        let c = Condition::parse("GoldsteinScale<=-5").unwrap();
        assert_eq!(
            (c.name.as_str(), c.op, c.value.as_str()),
            ("GoldsteinScale", Op::Le, "-5")
        );
        assert_eq!(c.number, Some(-5.0));
        for (text, op) in [
            ("a=1", Op::Eq),
            ("a == 1", Op::Eq),
            ("a!=1", Op::Ne),
            ("a<1", Op::Lt),
            ("a >= 1", Op::Ge),
            ("a>1", Op::Gt),
        ] {
            assert_eq!(Condition::parse(text).unwrap().op, op, "{text}");
        }
        let q = Condition::parse("place = \"Moscow, Russia\"").unwrap();
        assert_eq!(q.value, "Moscow, Russia");
        assert_eq!(q.to_string(), "place=Moscow, Russia");
        for bad in ["GoldsteinScale", "=5", "a!5", "a<=", "  "] {
            assert!(Condition::parse(bad).is_err(), "{bad}");
        }
        let list = Condition::parse_list("NumMentions>=10, GoldsteinScale<=-5 and tag=x").unwrap();
        assert_eq!(
            list_text(&list),
            "NumMentions>=10, GoldsteinScale<=-5, tag=x"
        );
        let list = Condition::parse_list("place=Moscow, Russia, NumMentions>2").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].value, "Moscow, Russia");
        assert!(Condition::parse_list("").unwrap().is_empty());
    }

    #[test]
    fn numbers_compare_as_numbers_and_texts_folded() {
        use crate::model::{Attributes, Tag, Text};
        let store = Store::from_vec(Vec::new());
        let mut ev = crate::load::from_str(
            r#"{"format":"annals/1","title":"T","actors":[],"sources":[],
                "events":[{"id":"e","when":"2012","title":"x"}]}"#,
            "t",
        )
        .unwrap()
        .events
        .remove(0);
        let held = |s: &str| Text::Held(Box::new(s.into()));
        ev.attributes = Attributes::Listed(
            [
                (Tag::from("GoldsteinScale"), held("-10")),
                (Tag::from("NumMentions"), held(" 9 ")),
                (Tag::from("place"), held("Moskva, Russie")),
            ]
            .into(),
        );
        let holds = |c: &str| Condition::parse(c).unwrap().holds(&ev, &store);
        // -10 < -5 as numbers (as texts "-10" > "-5").
        assert!(holds("GoldsteinScale<=-5"));
        assert!(holds("goldsteinscale < -9.5"));
        assert!(!holds("GoldsteinScale>-5"));
        // 9 < 10 as numbers ("9" > "10" as texts).
        assert!(!holds("NumMentions>=10"));
        assert!(holds("NumMentions=9.0"));
        assert!(holds("place=moskva, russie"));
        assert!(holds("place!=Moscow"));
        assert!(!holds("place>=5"));
        // Without the attribute: only != holds.
        assert!(!holds("AvgTone<0"));
        assert!(holds("AvgTone!=0"));
    }
}

//! The CAMEO codebook's event codes and names (`data/cameo.tsv`, whose origin and repairs
//! `data/cameo.md` gives), GDELT's four QuadClasses, and what kind of actor CAMEO's type
//! codes name.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::model::ActorKind;

const TABLE: &str = include_str!("../../../data/cameo.tsv");

fn table() -> &'static FxHashMap<&'static str, String> {
    static CODES: OnceLock<FxHashMap<&'static str, String>> = OnceLock::new();
    CODES.get_or_init(|| {
        TABLE
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once('\t'))
            .map(|(code, name)| (code.trim(), readable(name.trim())))
            .collect()
    })
}

/// A codebook name as a title says it: the root codes' capitals in sentence case
/// (`CONSULT` → `Consult`), without the codebook's "not specified below".
fn readable(name: &str) -> String {
    let name = name
        .strip_suffix(", not specified below")
        .or_else(|| name.strip_suffix(" not specified below"))
        .unwrap_or(name);
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let lower = name.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The name of an event code (`040` → "Consult"), when the codebook has it.
pub fn name(code: &str) -> Option<&'static str> {
    table().get(code).map(String::as_str)
}

/// How many codes the table has.
pub fn len() -> usize {
    table().len()
}

/// An event code as the codebook writes it, from an engine that read it as a number
/// (`10` → `010`, `874` → `0874`): root codes have two digits, base codes three (010–204),
/// and the others four.
pub fn from_number(n: i64, root: bool) -> String {
    match n {
        _ if root => format!("{n:02}"),
        0..=204 => format!("{n:03}"),
        _ => format!("{n:04}"),
    }
}

/// GDELT's QuadClass (1–4).
pub fn quad_class(q: &str) -> Option<&'static str> {
    Some(match q.trim() {
        "1" => "verbal cooperation",
        "2" => "material cooperation",
        "3" => "verbal conflict",
        "4" => "material conflict",
        _ => return None,
    })
}

/// The kind of actor CAMEO's type codes (and known group codes) name, where it is clear:
/// state bodies, companies and international organisations are organisations; insurgents,
/// opposition, civilians and other sectors of society are groups.
pub fn kind_of_type(code: &str) -> Option<ActorKind> {
    Some(match code.trim() {
        "GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY" | "MED" | "EDU" | "BUS" | "MNC" | "IGO"
        | "NGO" | "NGM" | "UNO" | "PKO" | "AMN" | "IRC" | "GRP" | "HLH" | "DEV" | "HRI" | "PTY" => {
            ActorKind::Organisation
        }
        "OPP" | "REB" | "INS" | "SEP" | "UAF" | "CVL" | "REF" | "LAB" | "AGR" | "CRM" | "ELI"
        | "MOD" | "RAD" | "ENV" | "SET" | "IMG" => ActorKind::Group,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_named_and_numbers_written_back_as_codes() {
        assert_eq!(name("040"), Some("Consult"));
        assert_eq!(name("04"), Some("Consult"));
        assert_eq!(name("01"), Some("Make public statement"));
        assert_eq!(name("0874"), Some("Retreat or surrender militarily"));
        assert!(name("173").is_some_and(|n| n.starts_with("Arrest")));
        assert_eq!(name("999"), None);
        assert!(len() > 250, "{}", len());
        assert_eq!(from_number(10, false), "010");
        assert_eq!(from_number(874, false), "0874");
        assert_eq!(from_number(141, false), "141");
        assert_eq!(from_number(1411, false), "1411");
        assert_eq!(from_number(4, true), "04");
        assert_eq!(quad_class("3"), Some("verbal conflict"));
        assert_eq!(kind_of_type("GOV"), Some(ActorKind::Organisation));
        assert_eq!(kind_of_type("REB"), Some(ActorKind::Group));
        assert_eq!(kind_of_type(""), None);
    }
}

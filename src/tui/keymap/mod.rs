//! The key bindings. The default table (`table::KEYMAP`, one binding a line) becomes a
//! `Keymap`, the person's config file may rebind any action in it (`rebind`), and the one
//! `Keymap` the browser holds drives dispatch, the help overlay and the footer hints; the
//! README's key table is generated from the defaults (a test checks it).
//!
//! A binding applies in a `Scope` (`tui::mode`): a mode, or a group of them. Keys are looked
//! up in the one `Mode` the browser is in.

mod rebind;
mod table;

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
pub use super::mode::{Mode, Scope};
pub use rebind::{Rebind, RebindError};
pub use table::{Binding, KEYMAP, NAMES};

/// A key as bindings know it: a code and the modifiers that matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPress {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl KeyPress {
    /// Normalises a terminal key event: Shift is part of the character ('G'), Alt is ignored.
    pub fn from_event(ev: KeyEvent) -> KeyPress {
        KeyPress {
            code: ev.code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// Parses one key of a binding: "j", "G", "?", "Down", "Ctrl-d", "PgDn", "Shift-Tab"…
    pub fn parse(spec: &str) -> Option<KeyPress> {
        let (ctrl, name) = match spec.strip_prefix("Ctrl-") {
            Some(rest) => (true, rest),
            None => (false, spec),
        };
        let code = match name {
            "Down" => KeyCode::Down,
            "Up" => KeyCode::Up,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PgDn" => KeyCode::PageDown,
            "PgUp" => KeyCode::PageUp,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Shift-Tab" => KeyCode::BackTab,
            "Backspace" => KeyCode::Backspace,
            "Space" => KeyCode::Char(' '),
            _ => {
                let mut chars = name.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(KeyPress { code, ctrl })
    }
}

/// Parses a binding's key sequence ("g g" is two presses of g); `None` when a key in it is
/// not one `KeyPress::parse` knows.
pub fn parse_sequence(spec: &str) -> Option<Vec<KeyPress>> {
    spec.split(' ').map(KeyPress::parse).collect()
}

/// The config file's name of an action (`open_source`), and the action of a name.
pub fn action_name(action: Action) -> Option<&'static str> {
    NAMES.iter().find(|(a, _)| *a == action).map(|(_, n)| *n)
}

pub fn action_named(name: &str) -> Option<Action> {
    NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
}

/// One binding of a keymap: the default's, or the keys the config gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub keys: Vec<String>,
    pub scope: Scope,
    pub action: Action,
    pub description: &'static str,
    pub hint: Option<&'static str>,
    sequences: Vec<Vec<KeyPress>>,
    /// Which of the config's rebindings set these keys.
    rebound: Option<usize>,
}

/// The bindings the browser goes by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    entries: Vec<Entry>,
}

impl Keymap {
    /// The default bindings, parsed once.
    pub fn builtin() -> &'static Keymap {
        static BUILTIN: OnceLock<Keymap> = OnceLock::new();
        BUILTIN.get_or_init(|| Keymap {
            entries: KEYMAP
                .iter()
                .map(|b| Entry {
                    keys: b.keys.iter().map(|k| k.to_string()).collect(),
                    scope: b.scope,
                    action: b.action,
                    description: b.description,
                    hint: b.hint,
                    sequences: b
                        .keys
                        .iter()
                        .map(|spec| {
                            parse_sequence(spec)
                                .unwrap_or_else(|| panic!("bad key {spec:?} in the keymap"))
                        })
                        .collect(),
                    rebound: None,
                })
                .collect(),
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The bindings that apply in a mode, its own first, so that they win over shared ones
    /// (the visual range's `Esc` over the timeline's, a mode's `?` over the help key).
    fn applicable(&self, mode: Mode) -> impl Iterator<Item = &Entry> {
        let own = mode.scope();
        let all = &self.entries;
        all.iter().filter(move |e| e.scope == own).chain(
            all.iter()
                .filter(move |e| e.scope != own && e.scope.includes(mode)),
        )
    }

    /// Looks a sequence up among the bindings of `mode` (and those that apply anywhere).
    /// Bindings of the mode come first, so they win over shared ones.
    pub fn lookup(&self, mode: Mode, seq: &[KeyPress]) -> Lookup {
        let mut prefix = false;
        let mut complete = None;
        if mode.takes_text() && seq.iter().any(is_text) {
            // Typed text is never a binding in the picker or a prompt.
            return Lookup::None;
        }
        for e in self.applicable(mode) {
            for keys in &e.sequences {
                if keys == seq {
                    complete = complete.or(Some(e.action));
                }
                if keys.len() > seq.len() && keys.starts_with(seq) {
                    prefix = true;
                }
            }
        }
        match (complete, prefix) {
            (Some(a), true) => Lookup::Ambiguous(a),
            (Some(a), false) => Lookup::Action(a),
            (None, true) => Lookup::Prefix,
            (None, false) => Lookup::None,
        }
    }

    /// The bindings shown for a mode: its own, then the shared ones in table order. A shared
    /// binding whose every key the mode binds itself is left out (it never fires there), and
    /// so is an `Anywhere` binding of printable keys in a mode that takes text.
    pub fn bindings_for(&self, mode: Mode) -> impl Iterator<Item = &Entry> {
        let own_scope = mode.scope();
        let own = move |spec: &String| {
            self.entries
                .iter()
                .filter(|e| e.scope == own_scope)
                .any(|e| e.keys.contains(spec))
        };
        let typed = move |e: &Entry| {
            e.scope == Scope::Anywhere
                && mode.takes_text()
                && e.sequences.iter().all(|s| is_text(&s[0]))
        };
        self.applicable(mode)
            .filter(move |e| e.scope == own_scope || !(e.keys.iter().all(&own) || typed(e)))
    }

    /// Footer hints for a mode: ("j", "move"), ("Enter", "read")…
    /// The mode's own hints come first (how to apply first of all), then those of anywhere
    /// (`?` help), then the shared ones, so that a narrow footer keeps the most specific.
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let rank = |e: &Entry| match e.scope {
            s if s == mode.scope() => 0,
            Scope::Anywhere => 1,
            _ => 2,
        };
        let mut v: Vec<&Entry> = self
            .bindings_for(mode)
            .filter(|e| e.hint.is_some())
            .collect();
        // How to apply comes first in a dialog: at 40 columns it is the hint that must show.
        v.sort_by_key(|e| (rank(e), !matches!(e.action, Action::Accept | Action::Yes)));
        v.into_iter()
            .filter_map(|e| e.hint.map(|h| (display(&e.keys[0]), h)))
            .collect()
    }

    /// The help overlay's sections, in the order a newcomer needs them: moving, then
    /// finding, then the rest.
    pub fn help_sections(&self) -> Vec<(Scope, Vec<&Entry>)> {
        HELP_ORDER
            .iter()
            .map(|&scope| {
                (
                    scope,
                    self.entries.iter().filter(|e| e.scope == scope).collect(),
                )
            })
            .filter(|(_, v): &(Scope, Vec<&Entry>)| !v.is_empty())
            .collect()
    }
}

/// The help's sections: the timeline, then finding (the keys of "Timeline and detail"), then
/// the views and dialogs.
const HELP_ORDER: [Scope; 14] = [
    Scope::Timeline,
    Scope::Browse,
    Scope::Anywhere,
    Scope::Visual,
    Scope::Lanes,
    Scope::Detail,
    Scope::Picker,
    Scope::Prompt,
    Scope::Export,
    Scope::Confirm,
    Scope::Mend,
    Scope::Delete,
    Scope::Help,
    Scope::HelpFilter,
];

/// How a key sequence is written for people: "gg", "↓", "Ctrl-d".
pub fn display(spec: &str) -> String {
    match spec {
        "Down" => "↓".to_string(),
        "Up" => "↑".to_string(),
        _ => spec.replace(' ', ""),
    }
}

/// How long a key that is both a binding and the start of a longer one (`]`, `] a`) waits
/// for the next key before it acts alone.
pub const AMBIGUOUS_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// What a sequence of presses means in a mode.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A complete binding.
    Action(Action),
    /// The start of a longer binding: wait for the next key.
    Prefix,
    /// A complete binding that also starts a longer one (`]` and `] a`): wait a moment
    /// for the next key, and do this if none extends it.
    Ambiguous(Action),
    /// Nothing.
    None,
}

/// Whether a press types a character (a printable key without Ctrl).
pub fn is_text(key: &KeyPress) -> bool {
    matches!(key.code, KeyCode::Char(_)) && !key.ctrl
}

/// The key table of the README, generated from the default bindings.
pub fn markdown_table() -> String {
    let mut s = String::from("| Keys | Where | What it does |\n|---|---|---|\n");
    for b in KEYMAP {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", display(k))).collect();
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            keys.join(" "),
            b.scope.label(),
            b.description
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyPress {
        KeyPress {
            code: KeyCode::Char(c),
            ctrl: false,
        }
    }

    #[test]
    fn every_key_in_the_table_parses_and_unknown_keys_do_not() {
        for b in KEYMAP {
            for spec in b.keys {
                assert!(parse_sequence(spec).is_some(), "{spec}");
            }
        }
        for bad in ["", "Ctrl-", "Hyper-x", "jj", "g  g", "F13"] {
            assert_eq!(parse_sequence(bad), None, "{bad:?}");
        }
        assert_eq!(
            parse_sequence("Ctrl-d"),
            Some(vec![KeyPress {
                code: KeyCode::Char('d'),
                ctrl: true
            }])
        );
    }

    #[test]
    fn no_sequence_is_bound_twice_in_one_mode() {
        for mode in Mode::ALL {
            let mut seen = Vec::new();
            for b in Keymap::builtin().bindings_for(mode) {
                for spec in &b.keys {
                    let seq = parse_sequence(spec.as_str()).unwrap();
                    if seen.contains(&seq) {
                        panic!("{spec} bound twice in {mode:?}");
                    }
                    seen.push(seq);
                }
            }
        }
    }

    #[test]
    fn sequences_and_prefixes_are_found() {
        assert_eq!(
            Keymap::builtin().lookup(Mode::Timeline, &[key('g')]),
            Lookup::Prefix
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Timeline, &[key('g'), key('g')]),
            Lookup::Action(Action::First)
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Timeline, &[key('G')]),
            Lookup::Action(Action::Last)
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Timeline, &[key('z')]),
            Lookup::None
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Help, &[key('?')]),
            Lookup::Action(Action::Back)
        );
        // In the picker, letters are text, even those bound elsewhere.
        assert_eq!(
            Keymap::builtin().lookup(Mode::Picker, &[key('?')]),
            Lookup::None
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Picker, &[key('j')]),
            Lookup::None
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Timeline, &[key(']'), key('a')]),
            Lookup::Action(Action::NextSameActor)
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Detail, &[key('a')]),
            Lookup::Action(Action::OpenPicker)
        );
        assert_eq!(
            Keymap::builtin().lookup(Mode::Detail, &[key('?')]),
            Lookup::Action(Action::ToggleHelp)
        );
        // In the help, `?` closes it; the footer does not offer "? help" there.
        assert!(
            Keymap::builtin()
                .hints(Mode::Help)
                .iter()
                .all(|(_, h)| *h != "help")
        );
        assert!(
            Keymap::builtin()
                .hints(Mode::Timeline)
                .iter()
                .any(|(k, h)| k == "?" && *h == "help")
        );
        let ctrl_d = KeyPress {
            code: KeyCode::Char('d'),
            ctrl: true,
        };
        assert_eq!(
            Keymap::builtin().lookup(Mode::Timeline, &[ctrl_d]),
            Lookup::Action(Action::HalfPageDown)
        );
    }
}

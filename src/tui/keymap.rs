//! The one table of key bindings. It drives dispatch, the help overlay, the footer hints and
//! the key table in the README (a test checks the README against `markdown_table`).
//!
//! A binding applies in a `Scope` (`tui::mode`): a mode, or a group of them. Keys are looked
//! up in the one `Mode` the browser is in.

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
pub use super::mode::{Mode, Scope};

/// One binding: the keys (each a sequence written with spaces, e.g. "g g"), where it
/// applies, what it does, and its short footer hint if it has one.
pub struct Binding {
    pub keys: &'static [&'static str],
    pub scope: Scope,
    pub action: Action,
    pub description: &'static str,
    pub hint: Option<&'static str>,
}

const fn b(
    keys: &'static [&'static str],
    scope: Scope,
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        scope,
        action,
        description,
        hint,
    }
}

use Action as A;
use Scope as S;

/// Keys, scope, action, description, footer hint: one binding a line.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    b(&["j", "Down"], S::Timeline, A::Down, "next event", Some("move")),
    b(&["k", "Up"], S::Timeline, A::Up, "previous event", None),
    b(&["Ctrl-d"], S::Timeline, A::HalfPageDown, "half a page down", None),
    b(&["Ctrl-u"], S::Timeline, A::HalfPageUp, "half a page up", None),
    b(&["PgDn"], S::Timeline, A::PageDown, "a page down", None),
    b(&["PgUp"], S::Timeline, A::PageUp, "a page up", None),
    b(&["g g", "Home"], S::Timeline, A::First, "first event", None),
    b(&["G", "End"], S::Timeline, A::Last, "last event", None),
    b(&["Enter"], S::Timeline, A::Open, "read the event in the detail pane", Some("read")),
    b(&["Tab", "Shift-Tab"], S::Timeline, A::FocusNext, "focus the detail pane", Some("detail")),
    b(&["q"], S::Timeline, A::Back, "quit", Some("quit")),
    b(&["Esc"], S::Timeline, A::ClearOne, "clear the search, then the filters (never quits)", None),
    b(&["v"], S::Timeline, A::ToggleSelect, "start a range of list rows here; moving extends it", Some("select")),
    b(&["v", "Esc", "q"], S::Visual, A::ToggleSelect, "drop the range", Some("drop range")),
    b(&["x"], S::Visual, A::OpenExport, "export the rows selected (in the dialog, Tab: every event shown over the range's dates)", Some("export range")),
    b(&["+", "="], S::Lanes, A::ZoomIn, "zoom in: decade, year, quarter, month, week, day", Some("zoom")),
    b(&["-"], S::Lanes, A::ZoomOut, "zoom out", None),
    b(&["h", "Left"], S::Lanes, A::PanEarlier, "earlier by the zoom unit", Some("pan")),
    b(&["l", "Right"], S::Lanes, A::PanLater, "later by the zoom unit", None),
    b(&["T"], S::Lanes, A::ToggleGrouping, "lanes by actor / by tag", Some("by tag")),
    b(&["j", "Down"], S::Detail, A::Down, "scroll down", Some("scroll")),
    b(&["k", "Up"], S::Detail, A::Up, "scroll up", None),
    b(&["Ctrl-d"], S::Detail, A::HalfPageDown, "scroll half a page down", None),
    b(&["Ctrl-u"], S::Detail, A::HalfPageUp, "scroll half a page up", None),
    b(&["PgDn", "Space"], S::Detail, A::PageDown, "scroll a page down", None),
    b(&["PgUp"], S::Detail, A::PageUp, "scroll a page up", None),
    b(&["g g", "Home"], S::Detail, A::First, "top of the event", None),
    b(&["G", "End"], S::Detail, A::Last, "bottom of the event", None),
    b(&["Tab", "Shift-Tab"], S::Detail, A::FocusNext, "focus the timeline", Some("timeline")),
    b(&["q", "Esc"], S::Detail, A::Back, "back to the timeline", Some("back")),
    b(&["a"], S::Browse, A::OpenPicker, "filter by actors", Some("actors")),
    b(&["/"], S::Browse, A::OpenSearch, "search text", Some("search")),
    b(&["n"], S::Browse, A::NextMatch, "next search hit", None),
    b(&["N"], S::Browse, A::PrevMatch, "previous search hit", None),
    b(&["d"], S::Browse, A::OpenDates, "bound by dates", Some("dates")),
    b(&["w"], S::Browse, A::OpenWhere, "only events whose attributes pass (NumMentions>=10)", None),
    b(&["c"], S::Browse, A::ClearFilters, "clear filters and search", None),
    b(&["x"], S::Browse, A::OpenExport, "export the range, or every event shown", Some("export")),
    b(&["t"], S::Browse, A::ToggleLanes, "lanes view / list", Some("lanes")),
    b(&["]"], S::Browse, A::NextPeriod, "next year (in the lanes, next zoom unit)", None),
    b(&["["], S::Browse, A::PrevPeriod, "this year's first event, then the previous year", None),
    b(&[":"], S::Browse, A::OpenGoTo, "go to the event nearest a date", Some("go to")),
    b(&["g x"], S::Browse, A::OpenSource, "open the source's address in the web browser", Some("open source")),
    b(&["y"], S::Browse, A::CopyCitation, "copy the event as a citation", Some("copy")),
    b(&["Y"], S::Browse, A::CopyId, "copy the event's id", None),
    b(&["r"], S::Browse, A::ToggleReference, "dates relative to this event (again: clear)", None),
    b(&["] a"], S::Browse, A::NextSameActor, "next event sharing an actor", None),
    b(&["[ a"], S::Browse, A::PrevSameActor, "previous event sharing an actor", None),
    b(&["m"], S::Browse, A::ToggleMark, "mark / unmark the event", Some("mark")),
    b(&["] m"], S::Browse, A::NextMark, "next marked event", None),
    b(&["[ m"], S::Browse, A::PrevMark, "previous marked event", None),
    b(&["M"], S::Browse, A::MarkedOnly, "only the marked events (again: all)", None),
    b(&["Ctrl-o"], S::Browse, A::JumpBack, "back to where a big move came from", None),
    b(&["Ctrl-n"], S::Browse, A::JumpForward, "forward again (Ctrl-i is Tab to a terminal)", None),
    b(&["e"], S::Browse, A::Edit, "edit the event in $VISUAL / $EDITOR", Some("edit")),
    b(&["o"], S::Browse, A::Add, "add an event after this one (in the editor)", None),
    b(&["D"], S::Browse, A::Delete, "delete the event (asks first)", None),
    b(&["u"], S::Browse, A::Undo, "undo the last change to the file", None),
    b(&["Ctrl-r"], S::Browse, A::Redo, "redo what was undone", None),
    b(&["Down", "Ctrl-n"], S::Picker, A::PickerDown, "next actor", None),
    b(&["Up", "Ctrl-p"], S::Picker, A::PickerUp, "previous actor", None),
    b(&["Tab"], S::Picker, A::PickerToggle, "choose / unchoose the actor", Some("choose")),
    b(&["Ctrl-a"], S::Picker, A::ToggleAnyAll, "any / all of the chosen", Some("any/all")),
    b(&["Enter"], S::Picker, A::Accept, "apply the filter", Some("apply")),
    b(&["Esc"], S::Picker, A::Back, "close without changing the filter", Some("cancel")),
    b(&["Backspace"], S::Picker, A::Backspace, "delete a character", None),
    b(&["Ctrl-u"], S::Picker, A::ClearInput, "clear the query", None),
    b(&["Enter"], S::Prompt, A::Accept, "confirm", Some("confirm")),
    b(&["Esc"], S::Prompt, A::Back, "cancel", Some("cancel")),
    b(&["Backspace"], S::Prompt, A::Backspace, "delete a character", None),
    b(&["Ctrl-u"], S::Prompt, A::ClearInput, "clear", None),
    b(&["Down", "Ctrl-n"], S::Export, A::FormatNext, "next format", Some("format")),
    b(&["Up", "Ctrl-p"], S::Export, A::FormatPrev, "previous format", None),
    b(&["Tab"], S::Export, A::ExportSet, "the range's rows / the range's dates; with no range, every event shown / the marked events", None),
    b(&["Enter"], S::Export, A::Accept, "write the file", Some("write")),
    b(&["Esc"], S::Export, A::Back, "close without writing", Some("cancel")),
    b(&["Backspace"], S::Export, A::Backspace, "delete the character before the cursor", None),
    b(&["Ctrl-u"], S::Export, A::ClearInput, "clear the name", None),
    b(&["Left"], S::Export, A::InputLeft, "move the cursor a character left", None),
    b(&["Right"], S::Export, A::InputRight, "move the cursor a character right", None),
    b(&["Home"], S::Export, A::InputStart, "move the cursor to the start of the name", None),
    b(&["End"], S::Export, A::InputEnd, "move the cursor to the end of the name", None),
    b(&["Ctrl-w"], S::Export, A::DeleteWord, "delete the word before the cursor", None),
    b(&["y"], S::Confirm, A::Yes, "replace the file", Some("replace")),
    b(&["n", "Esc"], S::Confirm, A::Back, "keep the file and change the name", Some("keep")),
    b(&["e", "Enter"], S::Mend, A::Accept, "edit the draft again (your text is kept)", Some("edit again")),
    b(&["Esc"], S::Mend, A::Back, "drop the draft", Some("drop")),
    b(&["y"], S::Delete, A::Yes, "delete the event", Some("delete")),
    b(&["n", "Esc"], S::Delete, A::Back, "keep it", Some("keep")),
    b(&["j", "Down"], S::Help, A::Down, "scroll down", Some("scroll")),
    b(&["k", "Up"], S::Help, A::Up, "scroll up", None),
    b(&["Ctrl-d", "PgDn", "Space"], S::Help, A::PageDown, "a page down", None),
    b(&["Ctrl-u", "PgUp"], S::Help, A::PageUp, "a page up", None),
    b(&["g g", "Home"], S::Help, A::First, "the top", None),
    b(&["G", "End"], S::Help, A::Last, "the end", None),
    b(&["?", "q", "Esc"], S::Help, A::Back, "close the help", Some("close")),
    b(&["?"], S::Anywhere, A::ToggleHelp, "show the keys", Some("help")),
    b(&["Ctrl-c"], S::Anywhere, A::Quit, "quit at once", None),
];

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

/// The table with its key sequences parsed, once.
struct Parsed {
    binding: &'static Binding,
    sequences: Vec<Vec<KeyPress>>,
}

fn parsed() -> &'static [Parsed] {
    static PARSED: OnceLock<Vec<Parsed>> = OnceLock::new();
    PARSED.get_or_init(|| {
        KEYMAP
            .iter()
            .map(|binding| Parsed {
                binding,
                sequences: binding
                    .keys
                    .iter()
                    .map(|spec| {
                        parse_sequence(spec)
                            .unwrap_or_else(|| panic!("bad key {spec:?} in the keymap"))
                    })
                    .collect(),
            })
            .collect()
    })
}

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

/// The bindings that apply in a mode, its own first, so that they win over shared ones
/// (the visual range's `Esc` over the timeline's, a mode's `?` over the help key).
fn applicable(mode: Mode) -> impl Iterator<Item = &'static Parsed> {
    let own = mode.scope();
    let all = parsed();
    all.iter().filter(move |p| p.binding.scope == own).chain(
        all.iter()
            .filter(move |p| p.binding.scope != own && p.binding.scope.includes(mode)),
    )
}

/// Whether a press types a character (a printable key without Ctrl).
pub fn is_text(key: &KeyPress) -> bool {
    matches!(key.code, KeyCode::Char(_)) && !key.ctrl
}

/// Looks a sequence up among the bindings of `mode` (and those that apply anywhere).
/// Bindings of the mode come first, so they win over shared ones.
pub fn lookup(mode: Mode, seq: &[KeyPress]) -> Lookup {
    let mut prefix = false;
    let mut complete = None;
    if mode.takes_text() && seq.iter().any(is_text) {
        // Typed text is never a binding in the picker or a prompt.
        return Lookup::None;
    }
    for p in applicable(mode) {
        for keys in &p.sequences {
            if keys == seq {
                complete = complete.or(Some(p.binding.action));
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
/// binding whose every key the mode binds itself is left out (it never fires there), and so
/// is an `Anywhere` binding of printable keys in a mode that takes text.
pub fn bindings_for(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    let own_scope = mode.scope();
    let own = move |spec: &&str| {
        KEYMAP
            .iter()
            .filter(|b| b.scope == own_scope)
            .any(|b| b.keys.contains(spec))
    };
    let typed = move |p: &Parsed| {
        p.binding.scope == Scope::Anywhere
            && mode.takes_text()
            && p.sequences.iter().all(|s| is_text(&s[0]))
    };
    applicable(mode)
        .filter(move |p| {
            p.binding.scope == own_scope || !(p.binding.keys.iter().all(&own) || typed(p))
        })
        .map(|p| p.binding)
}

/// Footer hints for a mode: ("j", "move"), ("Enter", "read")…
/// The mode's own hints come first, then those of anywhere (`?` help), then the shared ones,
/// so that a narrow footer keeps the most specific.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let rank = |b: &Binding| match b.scope {
        s if s == mode.scope() => 0,
        Scope::Anywhere => 1,
        _ => 2,
    };
    let mut v: Vec<&Binding> = bindings_for(mode).filter(|b| b.hint.is_some()).collect();
    v.sort_by_key(|b| rank(b));
    v.into_iter()
        .filter_map(|b| b.hint.map(|h| (display(b.keys[0]), h)))
        .collect()
}

/// One row of the help overlay.
pub enum HelpRow {
    /// A scope's heading.
    Heading(Scope),
    Binding(&'static Binding),
    Blank,
}

/// The help overlay's rows: each scope's heading and bindings, a blank row between scopes.
pub fn help_rows() -> Vec<HelpRow> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        if !out.is_empty() {
            out.push(HelpRow::Blank);
        }
        out.push(HelpRow::Heading(scope));
        out.extend(
            KEYMAP
                .iter()
                .filter(|b| b.scope == scope)
                .map(HelpRow::Binding),
        );
    }
    out
}

/// The key table of the README, generated from `KEYMAP`.
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
            for b in bindings_for(mode) {
                for spec in b.keys {
                    let seq = parse_sequence(spec).unwrap();
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
        assert_eq!(lookup(Mode::Timeline, &[key('g')]), Lookup::Prefix);
        assert_eq!(
            lookup(Mode::Timeline, &[key('g'), key('g')]),
            Lookup::Action(Action::First)
        );
        assert_eq!(
            lookup(Mode::Timeline, &[key('G')]),
            Lookup::Action(Action::Last)
        );
        assert_eq!(lookup(Mode::Timeline, &[key('z')]), Lookup::None);
        assert_eq!(
            lookup(Mode::Help, &[key('?')]),
            Lookup::Action(Action::Back)
        );
        // In the picker, letters are text, even those bound elsewhere.
        assert_eq!(lookup(Mode::Picker, &[key('?')]), Lookup::None);
        assert_eq!(lookup(Mode::Picker, &[key('j')]), Lookup::None);
        assert_eq!(
            lookup(Mode::Timeline, &[key(']'), key('a')]),
            Lookup::Action(Action::NextSameActor)
        );
        assert_eq!(
            lookup(Mode::Detail, &[key('a')]),
            Lookup::Action(Action::OpenPicker)
        );
        assert_eq!(
            lookup(Mode::Detail, &[key('?')]),
            Lookup::Action(Action::ToggleHelp)
        );
        // In the help, `?` closes it; the footer does not offer "? help" there.
        assert!(hints(Mode::Help).iter().all(|(_, h)| *h != "help"));
        assert!(
            hints(Mode::Timeline)
                .iter()
                .any(|(k, h)| k == "?" && *h == "help")
        );
        let ctrl_d = KeyPress {
            code: KeyCode::Char('d'),
            ctrl: true,
        };
        assert_eq!(
            lookup(Mode::Timeline, &[ctrl_d]),
            Lookup::Action(Action::HalfPageDown)
        );
    }
}

//! The one table of key bindings. It drives dispatch, the help overlay, the footer hints and
//! the key table in the README (a test checks the README against `markdown_table`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The timeline list has focus.
    Timeline,
    /// The timeline has focus and a visual range is active (`v`): the timeline's keys, but
    /// these first.
    Visual,
    /// The timeline has focus in the lanes view (`t`): the timeline's keys, and zoom and pan.
    Lanes,
    /// The detail pane has focus.
    Detail,
    /// The help overlay is open.
    Help,
    /// The actor picker is open: printable keys type into its query.
    Picker,
    /// A prompt (search, dates) is open: printable keys type into it.
    Prompt,
    /// The export dialog is open: printable keys type into the file name.
    Export,
    /// The export dialog asks whether to replace an existing file.
    Confirm,
    /// Timeline or detail.
    Browse,
    /// Anywhere (in the picker and prompts, only keys that do not type text).
    Any,
}

impl Mode {
    /// Whether printable keys are text in this mode.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Picker | Mode::Prompt | Mode::Export)
    }
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Timeline => "Timeline",
            Mode::Visual => "Timeline with a range (after v)",
            Mode::Lanes => "Lanes view (after t)",
            Mode::Detail => "Detail",
            Mode::Help => "Help",
            Mode::Picker => "Actor picker",
            Mode::Prompt => "Search and date prompts",
            Mode::Export => "Export dialog",
            Mode::Confirm => "Replace a file?",
            Mode::Browse => "Timeline and detail",
            Mode::Any => "Anywhere",
        }
    }
}

/// One binding: the keys (each a sequence written with spaces, e.g. "g g"), where it
/// applies, what it does, and its short footer hint if it has one.
pub struct Binding {
    pub keys: &'static [&'static str],
    pub mode: Mode,
    pub action: Action,
    pub description: &'static str,
    pub hint: Option<&'static str>,
}

const fn bind(
    keys: &'static [&'static str],
    mode: Mode,
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        mode,
        action,
        description,
        hint,
    }
}

use Action as A;
use Mode as M;

pub const KEYMAP: &[Binding] = &[
    bind(
        &["j", "Down"],
        M::Timeline,
        A::Down,
        "next event",
        Some("move"),
    ),
    bind(&["k", "Up"], M::Timeline, A::Up, "previous event", None),
    bind(
        &["Ctrl-d"],
        M::Timeline,
        A::HalfPageDown,
        "half a page down",
        None,
    ),
    bind(
        &["Ctrl-u"],
        M::Timeline,
        A::HalfPageUp,
        "half a page up",
        None,
    ),
    bind(&["PgDn"], M::Timeline, A::PageDown, "a page down", None),
    bind(&["PgUp"], M::Timeline, A::PageUp, "a page up", None),
    bind(&["g g", "Home"], M::Timeline, A::First, "first event", None),
    bind(&["G", "End"], M::Timeline, A::Last, "last event", None),
    bind(
        &["Enter"],
        M::Timeline,
        A::Open,
        "read the event in the detail pane",
        Some("read"),
    ),
    bind(
        &["Tab", "Shift-Tab"],
        M::Timeline,
        A::FocusNext,
        "focus the detail pane",
        Some("detail"),
    ),
    bind(&["q", "Esc"], M::Timeline, A::Back, "quit", Some("quit")),
    bind(
        &["v"],
        M::Timeline,
        A::ToggleSelect,
        "start a range here; moving extends it",
        Some("select"),
    ),
    bind(
        &["v", "Esc", "q"],
        M::Visual,
        A::ToggleSelect,
        "drop the range",
        Some("drop range"),
    ),
    bind(
        &["x"],
        M::Visual,
        A::OpenExport,
        "export the range",
        Some("export range"),
    ),
    bind(
        &["+", "="],
        M::Lanes,
        A::ZoomIn,
        "zoom in: decade, year, quarter, month, week, day",
        Some("zoom"),
    ),
    bind(&["-"], M::Lanes, A::ZoomOut, "zoom out", None),
    bind(
        &["h", "Left"],
        M::Lanes,
        A::PanEarlier,
        "earlier by the zoom unit",
        Some("pan"),
    ),
    bind(
        &["l", "Right"],
        M::Lanes,
        A::PanLater,
        "later by the zoom unit",
        None,
    ),
    bind(
        &["T"],
        M::Lanes,
        A::ToggleGrouping,
        "lanes by actor / by tag",
        Some("by tag"),
    ),
    bind(
        &["j", "Down"],
        M::Detail,
        A::Down,
        "scroll down",
        Some("scroll"),
    ),
    bind(&["k", "Up"], M::Detail, A::Up, "scroll up", None),
    bind(
        &["Ctrl-d"],
        M::Detail,
        A::HalfPageDown,
        "scroll half a page down",
        None,
    ),
    bind(
        &["Ctrl-u"],
        M::Detail,
        A::HalfPageUp,
        "scroll half a page up",
        None,
    ),
    bind(
        &["PgDn", "Space"],
        M::Detail,
        A::PageDown,
        "scroll a page down",
        None,
    ),
    bind(&["PgUp"], M::Detail, A::PageUp, "scroll a page up", None),
    bind(
        &["g g", "Home"],
        M::Detail,
        A::First,
        "top of the event",
        None,
    ),
    bind(
        &["G", "End"],
        M::Detail,
        A::Last,
        "bottom of the event",
        None,
    ),
    bind(
        &["Tab", "Shift-Tab"],
        M::Detail,
        A::FocusNext,
        "focus the timeline",
        Some("timeline"),
    ),
    bind(
        &["q", "Esc"],
        M::Detail,
        A::Back,
        "back to the timeline",
        Some("back"),
    ),
    bind(
        &["a"],
        M::Browse,
        A::OpenPicker,
        "filter by actors",
        Some("actors"),
    ),
    bind(
        &["/"],
        M::Browse,
        A::OpenSearch,
        "search text",
        Some("search"),
    ),
    bind(&["n"], M::Browse, A::NextMatch, "next search hit", None),
    bind(&["N"], M::Browse, A::PrevMatch, "previous search hit", None),
    bind(
        &["d"],
        M::Browse,
        A::OpenDates,
        "bound by dates",
        Some("dates"),
    ),
    bind(
        &["c"],
        M::Browse,
        A::ClearFilters,
        "clear filters and search",
        None,
    ),
    bind(
        &["x"],
        M::Browse,
        A::OpenExport,
        "export the range, or every event shown",
        Some("export"),
    ),
    bind(
        &["t"],
        M::Browse,
        A::ToggleLanes,
        "lanes view / list",
        Some("lanes"),
    ),
    bind(
        &["]"],
        M::Browse,
        A::NextPeriod,
        "next year (in the lanes, next zoom unit)",
        None,
    ),
    bind(
        &["["],
        M::Browse,
        A::PrevPeriod,
        "this year's first event, then the previous year",
        None,
    ),
    bind(
        &[":"],
        M::Browse,
        A::OpenGoTo,
        "go to the event nearest a date",
        Some("go to"),
    ),
    bind(
        &["r"],
        M::Browse,
        A::ToggleReference,
        "dates relative to this event (again: clear)",
        None,
    ),
    bind(
        &["] a"],
        M::Browse,
        A::NextSameActor,
        "next event sharing an actor",
        None,
    ),
    bind(
        &["[ a"],
        M::Browse,
        A::PrevSameActor,
        "previous event sharing an actor",
        None,
    ),
    bind(
        &["Down", "Ctrl-n"],
        M::Picker,
        A::PickerDown,
        "next actor",
        None,
    ),
    bind(
        &["Up", "Ctrl-p"],
        M::Picker,
        A::PickerUp,
        "previous actor",
        None,
    ),
    bind(
        &["Tab"],
        M::Picker,
        A::PickerToggle,
        "choose / unchoose the actor",
        Some("choose"),
    ),
    bind(
        &["Ctrl-a"],
        M::Picker,
        A::ToggleAnyAll,
        "any / all of the chosen",
        Some("any/all"),
    ),
    bind(
        &["Enter"],
        M::Picker,
        A::Accept,
        "apply the filter",
        Some("apply"),
    ),
    bind(
        &["Esc"],
        M::Picker,
        A::Back,
        "close without changing the filter",
        Some("cancel"),
    ),
    bind(
        &["Backspace"],
        M::Picker,
        A::Backspace,
        "delete a character",
        None,
    ),
    bind(
        &["Ctrl-u"],
        M::Picker,
        A::ClearInput,
        "clear the query",
        None,
    ),
    bind(&["Enter"], M::Prompt, A::Accept, "confirm", Some("confirm")),
    bind(&["Esc"], M::Prompt, A::Back, "cancel", Some("cancel")),
    bind(
        &["Backspace"],
        M::Prompt,
        A::Backspace,
        "delete a character",
        None,
    ),
    bind(&["Ctrl-u"], M::Prompt, A::ClearInput, "clear", None),
    bind(
        &["Down", "Tab", "Ctrl-n"],
        M::Export,
        A::FormatNext,
        "next format",
        Some("format"),
    ),
    bind(
        &["Up", "Shift-Tab", "Ctrl-p"],
        M::Export,
        A::FormatPrev,
        "previous format",
        None,
    ),
    bind(
        &["Enter"],
        M::Export,
        A::Accept,
        "write the file",
        Some("write"),
    ),
    bind(
        &["Esc"],
        M::Export,
        A::Back,
        "close without writing",
        Some("cancel"),
    ),
    bind(
        &["Backspace"],
        M::Export,
        A::Backspace,
        "delete a character of the name",
        None,
    ),
    bind(
        &["Ctrl-u"],
        M::Export,
        A::ClearInput,
        "clear the name",
        None,
    ),
    bind(
        &["y"],
        M::Confirm,
        A::Yes,
        "replace the file",
        Some("replace"),
    ),
    bind(
        &["n", "Esc"],
        M::Confirm,
        A::Back,
        "keep the file and change the name",
        Some("keep"),
    ),
    bind(
        &["j", "Down"],
        M::Help,
        A::Down,
        "scroll down",
        Some("scroll"),
    ),
    bind(&["k", "Up"], M::Help, A::Up, "scroll up", None),
    bind(
        &["?", "q", "Esc"],
        M::Help,
        A::Back,
        "close the help",
        Some("close"),
    ),
    bind(&["?"], M::Any, A::ToggleHelp, "show the keys", Some("help")),
    bind(&["Ctrl-c"], M::Any, A::Quit, "quit at once", None),
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

/// Parses a binding's key sequence ("g g" is two presses of g).
pub fn parse_sequence(spec: &str) -> Vec<KeyPress> {
    spec.split(' ')
        .map(|k| KeyPress::parse(k).unwrap_or_else(|| panic!("bad key {k:?} in the keymap")))
        .collect()
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

fn applies(b: &Binding, mode: Mode) -> bool {
    let timeline_like = matches!(mode, Mode::Timeline | Mode::Visual | Mode::Lanes);
    b.mode == mode
        || (b.mode == Mode::Timeline && timeline_like)
        // A range may be selected in the lanes view too: zoom and pan still work.
        || (b.mode == Mode::Lanes && mode == Mode::Visual)
        || (b.mode == Mode::Browse && (timeline_like || mode == Mode::Detail))
        || b.mode == Mode::Any
}

/// The bindings that apply in a mode, its own first, so that they win over shared ones
/// (the visual range's `Esc` over the timeline's, a mode's `?` over the help key).
fn applicable(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.mode == mode).chain(
        KEYMAP
            .iter()
            .filter(move |b| b.mode != mode && applies(b, mode)),
    )
}

/// Whether a press types a character (a printable key without Ctrl).
pub fn is_text(key: &KeyPress) -> bool {
    matches!(key.code, KeyCode::Char(_)) && !key.ctrl
}

/// Looks a sequence up among the bindings of `mode` (and those that apply anywhere).
/// Bindings of the mode come first in the table, so they win over `Any`.
pub fn lookup(mode: Mode, seq: &[KeyPress]) -> Lookup {
    let mut prefix = false;
    let mut complete = None;
    if mode.takes_text() && seq.iter().any(is_text) {
        // Typed text is never a binding in the picker or a prompt.
        return Lookup::None;
    }
    for b in applicable(mode) {
        for spec in b.keys {
            let keys = parse_sequence(spec);
            if keys == seq {
                complete = complete.or(Some(b.action));
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
/// is an `Any` binding of printable keys in a mode that takes text.
pub fn bindings_for(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    let own = move |spec: &&str| {
        KEYMAP
            .iter()
            .filter(|b| b.mode == mode)
            .any(|b| b.keys.contains(spec))
    };
    let typed = move |b: &&Binding| {
        b.mode == Mode::Any
            && mode.takes_text()
            && b.keys.iter().all(|k| is_text(&parse_sequence(k)[0]))
    };
    applicable(mode).filter(move |b| b.mode == mode || !(b.keys.iter().all(&own) || typed(b)))
}

/// Footer hints for a mode: ("j", "move"), ("Enter", "read")…
/// The mode's own hints come first, then those of anywhere (`?` help), then the shared ones,
/// so that a narrow footer keeps the most specific.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let rank = |b: &Binding| match b.mode {
        m if m == mode => 0,
        Mode::Any => 1,
        _ => 2,
    };
    let mut v: Vec<&Binding> = bindings_for(mode).filter(|b| b.hint.is_some()).collect();
    v.sort_by_key(|b| rank(b));
    v.into_iter()
        .filter_map(|b| b.hint.map(|h| (display(b.keys[0]), h)))
        .collect()
}

/// The key table of the README, generated from `KEYMAP`.
pub fn markdown_table() -> String {
    let mut s = String::from("| Keys | Where | What it does |\n|---|---|---|\n");
    for b in KEYMAP {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", display(k))).collect();
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            keys.join(" "),
            b.mode.label(),
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
    fn every_key_in_the_table_parses() {
        for b in KEYMAP {
            for spec in b.keys {
                assert!(!parse_sequence(spec).is_empty(), "{spec}");
            }
        }
    }

    #[test]
    fn no_sequence_is_bound_twice_in_one_mode() {
        for mode in [
            Mode::Timeline,
            Mode::Visual,
            Mode::Lanes,
            Mode::Detail,
            Mode::Help,
            Mode::Picker,
            Mode::Prompt,
            Mode::Export,
            Mode::Confirm,
        ] {
            let mut seen = Vec::new();
            for b in bindings_for(mode) {
                for spec in b.keys {
                    let seq = parse_sequence(spec);
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

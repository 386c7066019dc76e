//! The mode the browser is in (exactly one at a time, worked out from the state by
//! `App::mode`) and the scopes key bindings apply in (a mode, or a group of them: the
//! timeline's keys also work with a range selected and in the lanes).

/// What keys mean now: exactly one mode at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The timeline list has focus.
    Timeline,
    /// The timeline has focus and a visual range is active (`v`).
    Visual,
    /// The timeline has focus in the lanes view (`t`).
    Lanes,
    /// The detail pane has focus.
    Detail,
    /// The help overlay is open.
    Help,
    /// The help's filter is being typed (`/` in the help): printable keys are text.
    HelpFilter,
    /// The actor picker is open: printable keys type into its query.
    Picker,
    /// A prompt (search, dates, go to) is open: printable keys type into it.
    Prompt,
    /// The export dialog is open: printable keys type into the file name.
    Export,
    /// The export dialog asks whether to replace an existing file.
    Confirm,
    /// A draft could not be saved: edit it again, or drop it.
    Mend,
    /// Delete the event? y or n.
    Delete,
}

impl Mode {
    pub const ALL: [Mode; 12] = [
        Mode::Timeline,
        Mode::Visual,
        Mode::Lanes,
        Mode::Detail,
        Mode::Help,
        Mode::HelpFilter,
        Mode::Picker,
        Mode::Prompt,
        Mode::Export,
        Mode::Confirm,
        Mode::Mend,
        Mode::Delete,
    ];

    /// Whether printable keys are text in this mode.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Picker | Mode::Prompt | Mode::Export | Mode::HelpFilter
        )
    }

    /// The footer's name for the mode.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Timeline => "NORMAL",
            Mode::Visual => "VISUAL",
            Mode::Lanes => "LANES",
            Mode::Export | Mode::Confirm => "EXPORT",
            Mode::Detail => "DETAIL",
            Mode::Picker => "ACTORS",
            Mode::Prompt => "PROMPT",
            Mode::Help | Mode::HelpFilter => "HELP",
            Mode::Mend | Mode::Delete => "EDIT",
        }
    }

    /// The scope that is this mode and nothing else: its bindings win over shared ones.
    pub fn scope(self) -> Scope {
        match self {
            Mode::Timeline => Scope::Timeline,
            Mode::Visual => Scope::Visual,
            Mode::Lanes => Scope::Lanes,
            Mode::Detail => Scope::Detail,
            Mode::Help => Scope::Help,
            Mode::HelpFilter => Scope::HelpFilter,
            Mode::Picker => Scope::Picker,
            Mode::Prompt => Scope::Prompt,
            Mode::Export => Scope::Export,
            Mode::Confirm => Scope::Confirm,
            Mode::Mend => Scope::Mend,
            Mode::Delete => Scope::Delete,
        }
    }
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The timeline, in every view and with a range selected.
    Timeline,
    /// The timeline with a range selected.
    Visual,
    /// The lanes view (with or without a range).
    Lanes,
    Detail,
    Help,
    /// Typing the help's filter.
    HelpFilter,
    Picker,
    Prompt,
    Export,
    Confirm,
    Mend,
    Delete,
    /// The timeline and the detail.
    Browse,
    /// Every mode (in those that take text, only keys that do not type).
    Anywhere,
}

impl Scope {
    /// Every scope, in the order the help lists them.
    pub const ALL: [Scope; 14] = [
        Scope::Timeline,
        Scope::Visual,
        Scope::Lanes,
        Scope::Detail,
        Scope::Browse,
        Scope::Picker,
        Scope::Prompt,
        Scope::Export,
        Scope::Confirm,
        Scope::Mend,
        Scope::Delete,
        Scope::Help,
        Scope::HelpFilter,
        Scope::Anywhere,
    ];

    /// Whether bindings of this scope work in `mode`.
    pub fn includes(self, mode: Mode) -> bool {
        let timeline = matches!(mode, Mode::Timeline | Mode::Visual | Mode::Lanes);
        match self {
            Scope::Timeline => timeline,
            // A range may be selected in the lanes view too: zoom and pan still work.
            Scope::Lanes => matches!(mode, Mode::Lanes | Mode::Visual),
            Scope::Browse => timeline || mode == Mode::Detail,
            Scope::Anywhere => true,
            own => mode.scope() == own,
        }
    }

    /// Where the scope applies, in words (help headings, the README's "Where" column).
    pub fn label(self) -> &'static str {
        match self {
            Scope::Timeline => "Timeline",
            Scope::Visual => "Timeline with a range (after v)",
            Scope::Lanes => "Lanes view (after t)",
            Scope::Detail => "Detail",
            Scope::Help => "Help",
            Scope::HelpFilter => "Help's filter (after /)",
            Scope::Picker => "Actor and tag pickers",
            Scope::Prompt => "Prompts (search, dates, where, go to)",
            Scope::Export => "Export dialog",
            Scope::Confirm => "Replace a file?",
            Scope::Mend => "A draft that could not be saved",
            Scope::Delete => "Delete the event?",
            Scope::Browse => "Timeline and detail",
            Scope::Anywhere => "Anywhere",
        }
    }

    /// The scope's name in the config file (`[keys.detail]`).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Timeline => "timeline",
            Scope::Visual => "visual",
            Scope::Lanes => "lanes",
            Scope::Detail => "detail",
            Scope::Help => "help",
            Scope::HelpFilter => "help_filter",
            Scope::Picker => "picker",
            Scope::Prompt => "prompt",
            Scope::Export => "export",
            Scope::Confirm => "confirm",
            Scope::Mend => "mend",
            Scope::Delete => "delete",
            Scope::Browse => "browse",
            Scope::Anywhere => "anywhere",
        }
    }

    pub fn named(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }
}

//! Everything a user can ask for. Keys and mouse events become actions; `update` applies them.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Next event (timeline), scroll down (detail, help).
    Down,
    /// Previous event (timeline), scroll up (detail, help).
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    /// First event, or the top of the pane.
    First,
    /// Last event, or the bottom of the pane.
    Last,
    /// Move focus to the other pane.
    FocusNext,
    /// Read the event under the cursor in the detail pane.
    Open,
    ToggleHelp,
    /// Close what is open, go back to the timeline, or quit from there.
    Back,
    /// Quit at once.
    Quit,
    /// The mouse wheel at a screen position.
    WheelDown {
        column: u16,
        row: u16,
    },
    WheelUp {
        column: u16,
        row: u16,
    },
    /// A left click at a screen position.
    Click {
        column: u16,
        row: u16,
    },
    /// The terminal has a new size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Open the actor picker.
    OpenPicker,
    /// Open the tag picker.
    OpenTags,
    /// The help: start typing its filter.
    HelpFilter,
    /// Open the text search prompt.
    OpenSearch,
    /// Open the date bounds prompt.
    OpenDates,
    /// Open the prompt of conditions on attributes (`GoldsteinScale<=-5`).
    OpenWhere,
    /// Clear the actor and date filters and the search.
    ClearFilters,
    /// Esc on the timeline: the search, then the filters; never quits.
    ClearOne,
    /// `gx`: open the event's source address in the web browser (asks which of several).
    OpenSource,
    /// `y`: copy the event as a citation; `Y`: its id.
    CopyCitation,
    CopyId,
    /// Next / previous event matching the search, wrapping around.
    NextMatch,
    PrevMatch,
    /// Next / previous event sharing an actor with the current one.
    NextSameActor,
    PrevSameActor,
    /// A character typed into the picker or a prompt.
    Input(char),
    /// Delete the last character typed.
    Backspace,
    /// Clear what was typed.
    ClearInput,
    /// Move the cursor of a text field one character (grapheme) left.
    InputLeft,
    /// Move the cursor of a text field one character (grapheme) right.
    InputRight,
    /// Move the cursor of a text field to its start.
    InputStart,
    /// Move the cursor of a text field to its end.
    InputEnd,
    /// Delete the word before the cursor of a text field (Ctrl-w).
    DeleteWord,
    /// Confirm the picker or a prompt.
    Accept,
    /// Move in the picker's list.
    PickerDown,
    PickerUp,
    /// Choose or unchoose the actor under the picker's cursor.
    PickerToggle,
    /// Switch between events with any and with all of the chosen actors.
    ToggleAnyAll,
    /// Start a visual range at the cursor, or drop the one there is.
    ToggleSelect,
    /// Open the export dialog for the range (or every event shown).
    OpenExport,
    /// Next / previous format in the export dialog.
    FormatNext,
    FormatPrev,
    /// The export dialog's next set of events (every event shown, the marked events).
    ExportSet,
    /// Yes to a question (replace the existing file).
    Yes,
    /// Switch between the list and the lanes view.
    ToggleLanes,
    /// Lanes: show a finer / coarser calendar unit around the cursor.
    ZoomIn,
    ZoomOut,
    /// Lanes: show the previous / next unit of time.
    PanEarlier,
    PanLater,
    /// Lanes: one lane per actor, or per tag.
    ToggleGrouping,
    /// First event of the next / previous year (in the lanes, of the zoom unit).
    NextPeriod,
    PrevPeriod,
    /// Open the go-to-date prompt.
    OpenGoTo,
    /// Make the current event the reference for relative dates, or clear the reference.
    ToggleReference,
    /// Edit the event under the cursor in the person's editor.
    Edit,
    /// Add an event after the one under the cursor, in the editor.
    Add,
    /// Delete the event under the cursor (after a yes).
    Delete,
    /// Undo the last change annals made to the file; redo it.
    Undo,
    Redo,
    /// Mark or unmark the event under the cursor.
    ToggleMark,
    /// Next / previous marked event.
    NextMark,
    PrevMark,
    /// Show only the marked events, or all again.
    MarkedOnly,
    /// Back to where a big move came from; forward again.
    JumpBack,
    JumpForward,
}

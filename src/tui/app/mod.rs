//! `App`: all the state of the user interface. No terminal here; `update` changes it and the
//! view draws it.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use std::rc::Rc;

use crate::axis::lanes::{self, Grouping, Lane};
use crate::axis::{Window, Zoom};
use crate::export::Format;
use crate::model::{ActorIx, Dataset, EventIx, ShownIx};
use crate::query::{ActorIndex, ActorMatch, ActorMode, Filter, Search};

use super::keymap::{KeyPress, Mode};

mod reload;
mod session;

pub use reload::Origin;
pub use session::Session;

/// The version of the session layout `App::session` writes.
pub fn session_version() -> u32 {
    session::VERSION
}

/// Which pane keys go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    Detail,
}

/// One row of the timeline list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A year heading.
    Year(i32),
    /// The event at this position in `App::shown`.
    Event(ShownIx),
    /// A long silence between two events: from the last day covered so far to the next
    /// event's first day.
    Gap { from: NaiveDate, to: NaiveDate },
}

/// The help overlay: how far it is scrolled, and what it is filtered by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
    /// Only bindings whose keys, description or section contain this.
    pub filter: String,
    /// The filter is being typed (`/`): printable keys go into it.
    pub typing: bool,
}

/// What the left (or only) pane shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The list of events under year headings.
    #[default]
    List,
    /// A proportional time axis with one lane per actor or tag.
    Lanes,
}

/// The lanes view's window and grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lanes {
    pub zoom: Zoom,
    /// A day inside the unit shown (unused when zoomed out to everything).
    pub at: NaiveDate,
    pub grouping: Grouping,
}

/// Lane groups for (version of `shown`, grouping), and the lanes placed for (window, columns,
/// rows) with those groups.
#[derive(Default)]
struct LanesCache {
    groups: Option<((u64, Grouping), Rc<LaneGroups>)>,
    /// The last few windows placed, the newest last: zooming in and out again, or panning
    /// back, finds its lanes here.
    placed: Vec<(Room, Rc<Vec<Lane>>)>,
}

type LaneGroups = Vec<lanes::Group>;
/// How many placed windows the lanes' cache keeps.
const PLACED_KEPT: usize = 6;
/// The window, columns and rows lanes are placed in.
type Room = (Window, u16, usize);

/// The density strip, counted when the events shown or the width change (never per frame).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Strip {
    /// The whole span of the events shown.
    pub window: Option<Window>,
    /// How many events touch each column.
    pub counts: Vec<u32>,
}

/// The actor picker while it is open.
pub struct Picker {
    pub query: String,
    /// Actors ranked against the query, best first.
    pub results: Vec<ActorMatch>,
    /// The highlighted row of `results`.
    pub selected: usize,
    /// Actors chosen so far (Tab), applied by Enter.
    pub chosen: Vec<ActorIx>,
    pub mode: ActorMode,
}

/// The tag picker: every tag of the dataset with its count, narrowed as the query is typed;
/// the events shown are those with any of the chosen tags.
pub struct TagPicker {
    pub query: String,
    /// Every tag (as first written) and how many events have it, most used first.
    pub tags: Vec<(String, usize)>,
    /// Positions in `tags` that contain the query, in that order.
    pub results: Vec<usize>,
    pub selected: usize,
    /// Tags chosen so far (folded, as the filter holds them).
    pub chosen: Vec<String>,
}

/// What a prompt asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Dates,
    /// Go to the event nearest a date.
    GoTo,
    /// Conditions on attributes.
    Where,
    /// Which of the event's sources to open (`gx` on an event with several).
    Source,
}

/// A one-line prompt in the footer.
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// Why the last input was refused.
    pub error: Option<String>,
    /// Cursor and search before the prompt opened, restored on Esc.
    pub origin: ShownIx,
    pub previous_search: Option<String>,
}

/// A set of events the export dialog offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSet {
    /// "the selected rows", "the range's dates", "every event shown", "the marked events".
    pub name: &'static str,
    /// The dates the set is chosen by, when it is: the range's ("12 Sep 2012 – 13 Nov 2012").
    pub dates: Option<String>,
    pub events: Vec<EventIx>,
}

impl ExportSet {
    /// "the selected rows", "the range's dates (12 Sep 2012 – 13 Nov 2012)".
    pub fn label(&self) -> String {
        match &self.dates {
            Some(d) => format!("{} ({d})", self.name),
            None => self.name.to_string(),
        }
    }
}

/// The export dialog while it is open.
pub struct ExportDialog {
    /// The events to export, fixed when the dialog opened: those of `sets[set]`.
    pub events: Vec<EventIx>,
    /// What may be exported, Tab going from one to the next: with a range, its rows and the
    /// events shown over its dates; else every event shown, and the marked events if any.
    pub sets: Vec<ExportSet>,
    pub set: usize,
    /// "12 Sep 2012 – 13 Nov 2012": the stretch they cover (worked out once, not per frame).
    pub span: String,
    /// The highlighted format, as an index in `export::Format::ALL`.
    pub format: usize,
    /// The file name, edited with a cursor; relative names are taken from
    /// `App::export_dir`.
    pub name: super::field::Field,
    /// The file exists: waiting for y / n before it is replaced.
    pub confirm: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

impl ExportDialog {
    pub fn format(&self) -> Format {
        Format::ALL[self.format]
    }
}

/// How many events a search goes through between two looks at the keyboard at first (a few
/// milliseconds' work on events of a few hundred bytes; see docs/performance.md). The slices
/// that follow are sized to take about `SEARCH_SLICE_TIME`, from how long the last one took:
/// events of a few kilobytes (long quotes, long summaries) take ten times as long each.
pub const SEARCH_SLICE: usize = 16_384;
/// The least and the most events a slice of a search goes through.
pub const SEARCH_SLICE_MIN: usize = 1_024;
pub const SEARCH_SLICE_MAX: usize = 4 * SEARCH_SLICE;
/// How long a slice of a search should take.
const SEARCH_SLICE_TIME: std::time::Duration = std::time::Duration::from_millis(8);

/// The size of the next slice of a search, from the last one's size and how long it took.
pub fn next_search_slice(events: usize, took: std::time::Duration) -> usize {
    let took = took.as_nanos().max(1);
    let next = events as u128 * SEARCH_SLICE_TIME.as_nanos() / took;
    (next.min(SEARCH_SLICE_MAX as u128) as usize).max(SEARCH_SLICE_MIN)
}

pub struct App {
    pub data: Dataset,
    /// Each actor's folded names and events, built on first use (`actor_index`): at a million
    /// events it is a fifth of a second the first screen need not wait for.
    actor_index: std::cell::OnceCell<ActorIndex>,
    /// What the timeline shows.
    pub filter: Filter,
    pub picker: Option<Picker>,
    pub tag_picker: Option<TagPicker>,
    pub prompt: Option<Prompt>,
    pub export: Option<ExportDialog>,
    /// The event the visual range started at (`v`); the range runs from there to the
    /// cursor, over the events shown.
    pub anchor: Option<EventIx>,
    /// The folder relative export names are written in (the working folder).
    pub export_dir: PathBuf,
    /// The folded text searched for, when a search is active (highlights, n/N).
    pub search: Option<String>,
    /// The search as it was typed (`égalité`), which the footer echoes.
    pub search_typed: Option<String>,
    /// The colours: dark (the default), light, high contrast, or none (`mono`: NO_COLOR,
    /// https://no-color.org, emphasis by bold, underline and reverse).
    pub theme: super::theme::Theme,
    /// The key bindings (the defaults, or as the config file rebinds them).
    pub keymap: &'static super::keymap::Keymap,
    /// Esc on the timeline quits once there is nothing left to clear (config `esc_quits`).
    pub esc_quits: bool,
    /// A search still going through the events shown, a slice at a time between keys.
    pub searching: Option<Search>,
    /// How many events the next slice of the search goes through (`next_search_slice`).
    pub search_budget: usize,
    /// Where an incremental search started, while the hit to move to is not found yet.
    pub search_origin: Option<ShownIx>,
    /// The events shown that the search hits (so far), in order.
    pub hits: Vec<ShownIx>,
    /// A one-line message for the footer, until the next key.
    pub status: Option<String>,
    /// The events the timeline shows, in order.
    pub shown: Vec<EventIx>,
    /// The timeline's rows: year headings and events, built when `shown` changes.
    pub rows: Vec<Row>,
    /// For each shown event (by its `ShownIx`), its row in `rows`.
    pub row_of: Vec<usize>,
    /// Some events shown share a day and have a time of day: the list shows times.
    pub clock: bool,
    /// The density strip over the events shown.
    pub strip: Strip,
    /// Counts the changes of `shown` (for the lanes' cache).
    pub shown_version: u64,
    /// The lanes view's groups and last layout, kept until what they depend on changes: at a
    /// million events grouping takes seconds, and a key that moves within the window needs
    /// neither again.
    lanes_cache: std::cell::RefCell<LanesCache>,
    /// List or lanes.
    pub view: View,
    pub lanes: Lanes,
    /// The reference event (`r`): list dates are shown relative to it.
    pub reference: Option<EventIx>,
    /// The cursor, among the events shown.
    pub cursor: ShownIx,
    /// First row of `rows` on screen.
    pub list_offset: usize,
    /// First line of the detail pane on screen.
    pub detail_scroll: usize,
    pub focus: Focus,
    /// The help overlay, when open.
    pub help: Option<Help>,
    /// Keys typed so far of a longer binding (the first `g` of `gg`).
    pub pending: Vec<KeyPress>,
    /// Terminal size, in cells.
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// Where the dataset came from: built in, or a file annals follows.
    pub origin: Origin,
    /// Why the file's newest content could not be read (the last good data stays on screen
    /// until it can).
    pub file_problem: Option<String>,
    /// The marked events (`m`).
    pub marks: rustc_hash::FxHashSet<EventIx>,
    /// Where big moves came from (`Ctrl-o` goes back), and where `Ctrl-n` goes forward.
    pub jumps: Jumps,
    /// Editing the file: the editor, the undo history, a draft waiting to be mended.
    pub keep: Keep,
}

/// The state of editing the dataset's file.
#[derive(Debug, Default)]
pub struct Keep {
    /// The command that edits a draft (`$VISUAL`, `$EDITOR`, `vi`; the event loop sets it).
    pub editor: String,
    /// Changes annals made to the file this session, the last one last: each with the patch
    /// that undoes it.
    pub undo: Vec<Undoable>,
    /// Changes undone, the last one last: each with the patch that makes it again.
    pub redo: Vec<Undoable>,
    /// A draft that could not be saved, kept with its problems until it is edited again or
    /// dropped.
    pub failed: Option<Failed>,
    /// The event a delete waits for a yes about.
    pub deleting: Option<EventIx>,
    /// The event the cursor goes to once the file is read again (the one just edited).
    pub go_to: Option<String>,
    /// The next reading of the file follows a save annals made: the footer keeps saying what
    /// was saved.
    pub quiet: bool,
    /// When annals last wrote the file: a reading of it begun before then is older than what
    /// annals read right after writing, and is dropped.
    pub wrote: Option<std::time::Instant>,
}

/// A change to the file, and the patch that takes it back (or makes it again).
#[derive(Clone, Debug)]
pub struct Undoable {
    pub patch: crate::edit::Patch,
    /// "the edit of “…”", for the footer.
    pub what: String,
}

/// A draft that could not be saved.
#[derive(Clone, Debug)]
pub struct Failed {
    pub intent: crate::tui::effect::Intent,
    /// The draft as the person left it.
    pub text: String,
    pub problems: Vec<String>,
}

/// The jump list: events the cursor left by a big move, oldest first. `at` is where going
/// back starts: the end of the list unless `Ctrl-o` has gone back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Jumps {
    pub list: Vec<EventIx>,
    pub at: usize,
}

impl App {
    pub fn new(data: Dataset, width: u16, height: u16) -> App {
        let shown = data.all_events();
        let mut app = App {
            actor_index: std::cell::OnceCell::new(),
            data,
            filter: Filter::default(),
            picker: None,
            tag_picker: None,
            prompt: None,
            export: None,
            anchor: None,
            export_dir: PathBuf::from("."),
            search: None,
            search_typed: None,
            theme: Default::default(),
            keymap: super::keymap::Keymap::builtin(),
            esc_quits: false,
            searching: None,
            search_budget: SEARCH_SLICE,
            search_origin: None,
            hits: Vec::new(),
            status: None,
            shown,
            rows: Vec::new(),
            row_of: Vec::new(),
            strip: Strip::default(),
            clock: false,
            shown_version: 0,
            lanes_cache: Default::default(),
            view: View::List,
            lanes: Lanes {
                zoom: Zoom::All,
                at: NaiveDate::default(),
                grouping: Grouping::Actor,
            },
            reference: None,
            cursor: ShownIx::default(),
            list_offset: 0,
            detail_scroll: 0,
            focus: Focus::Timeline,
            help: None,
            pending: Vec::new(),
            width,
            height,
            quit: false,
            origin: Origin::Builtin,
            file_problem: None,
            marks: Default::default(),
            jumps: Jumps::default(),
            keep: Keep {
                editor: "vi".into(),
                ..Keep::default()
            },
        };
        app.rebuild_rows();
        app
    }

    /// Rebuilds the rows after `shown` changed: year headings, events, and a gap marker
    /// where the events fall silent for long (see `axis::long_gap_days`). O(shown), never
    /// per frame.
    pub fn rebuild_rows(&mut self) {
        self.shown_version += 1;
        self.rows.clear();
        self.row_of.clear();
        let span = crate::axis::span_window(self.shown.iter().map(|&i| &self.data.events[i]));
        let long = crate::axis::long_gap_days(span.map_or(0, |w| w.days()));
        let mut year = None;
        let mut last_day: Option<(NaiveDate, bool)> = None;
        self.clock = false;
        // The last day any event so far covers: a range keeps the time it spans from silence.
        let mut covered: Option<NaiveDate> = None;
        for (pos, &ev) in self.shown.iter().enumerate() {
            let e = &self.data.events[ev];
            let (first, last) = e.when.drawn_reach();
            if let Some(c) = covered
                && (first - c).num_days() >= long
            {
                self.rows.push(Row::Gap { from: c, to: first });
            }
            covered = Some(covered.map_or(last, |c| c.max(last)));
            let timed = e.when.precision() == crate::model::Precision::Time;
            let day = e.when.anchor().first_day;
            if let Some((d, t)) = last_day
                && d == day
                && (t || timed)
            {
                self.clock = true;
            }
            last_day = Some((day, timed));
            let y = e.when.year();
            if year != Some(y) {
                self.rows.push(Row::Year(y));
                year = Some(y);
            }
            self.row_of.push(self.rows.len());
            self.rows.push(Row::Event(ShownIx::new(pos)));
        }
        self.cursor = self.cursor.min(self.last_shown());
        self.strip.window = span;
        self.rebuild_strip();
    }

    /// Each actor's folded names and events, built the first time they are needed (the event
    /// loop builds them right after the first frame).
    pub fn actor_index(&self) -> &ActorIndex {
        self.actor_index.get_or_init(|| ActorIndex::new(&self.data))
    }

    /// Columns the density strip has at the present width (a cell of margin each side).
    pub fn strip_columns(&self) -> u16 {
        self.width.saturating_sub(2)
    }

    /// Counts the density strip for the events shown at the present width (its window is
    /// set with the rows).
    pub fn rebuild_strip(&mut self) {
        self.strip.counts = self.density(self.strip_columns());
    }

    /// How many of the events shown touch each of `cols` columns of the strip's window.
    pub fn density(&self, cols: u16) -> Vec<u32> {
        match self.strip.window {
            Some(w) => crate::axis::density(
                w,
                cols,
                self.shown
                    .iter()
                    .map(|&i| self.data.events[i].when.drawn_reach()),
            ),
            None => Vec::new(),
        }
    }

    /// The lanes over `window`, laid out again only when the events shown, the grouping, the
    /// window or the room change.
    pub fn lanes_in(&self, window: Window, cols: u16, max_rows: usize) -> Rc<Vec<Lane>> {
        let mut cache = self.lanes_cache.borrow_mut();
        let key = (self.shown_version, self.lanes.grouping);
        let groups = match &cache.groups {
            Some((k, g)) if *k == key => g.clone(),
            _ => {
                let g = Rc::new(lanes::groups(&self.data, &self.shown, self.lanes.grouping));
                cache.groups = Some((key, g.clone()));
                cache.placed.clear();
                g
            }
        };
        let room: Room = (window, cols, max_rows);
        if let Some(at) = cache.placed.iter().position(|(r, _)| *r == room) {
            let hit = cache.placed.remove(at);
            let placed = hit.1.clone();
            cache.placed.push(hit);
            return placed;
        }
        let placed = Rc::new(lanes::place(&groups, window, cols, max_rows));
        if cache.placed.len() >= PLACED_KEPT {
            cache.placed.remove(0);
        }
        cache.placed.push((room, placed.clone()));
        placed
    }

    /// Forgets the windows placed (not the lanes' members): the next frame places its window
    /// afresh. For benchmarks of what a new window costs.
    pub fn forget_placed_lanes(&self) {
        self.lanes_cache.borrow_mut().placed.clear();
    }

    /// The days the lanes view shows: one zoom unit, or the whole span shown.
    pub fn lanes_window(&self) -> Option<Window> {
        match self.lanes.zoom {
            Zoom::All => self.strip.window,
            Zoom::In(unit) => Some(unit.window(self.lanes.at)),
        }
    }

    /// First and last year the shown events cover, for the header.
    pub fn years(&self) -> Option<(i32, i32)> {
        self.strip.window.map(|w| (w.first.year(), w.last.year()))
    }

    /// The first day of the event under the cursor.
    pub fn cursor_day(&self) -> Option<NaiveDate> {
        self.current().map(|e| e.when.anchor().first_day)
    }

    /// The event under the cursor.
    pub fn current(&self) -> Option<&crate::model::Event> {
        self.current_ix().map(|i| &self.data.events[i])
    }

    /// Which event is under the cursor.
    pub fn current_ix(&self) -> Option<EventIx> {
        self.shown.get(self.cursor.get()).copied()
    }

    /// The last position among the events shown (the first when none is).
    pub fn last_shown(&self) -> ShownIx {
        ShownIx::new(self.shown.len().saturating_sub(1))
    }

    /// Shows the events that pass the filter, keeping the cursor on the same event when it is
    /// still shown, else on the next one.
    pub fn refilter(&mut self) {
        let current = self.current_ix();
        // Positions in `shown` change: a hit an incremental search waited for means nothing.
        self.search_origin = None;
        self.shown = self.filter.apply(&self.data, self.actor_index());
        self.cursor = match current {
            Some(ev) => {
                ShownIx::new(self.shown.partition_point(|&i| i < ev)).min(self.last_shown())
            }
            None => ShownIx::default(),
        };
        self.list_offset = 0;
        self.detail_scroll = 0;
        // A range whose start the filter hides is dropped, not kept to come back later.
        if self.anchor.is_some() && self.selection().is_none() {
            self.anchor = None;
        }
        self.rebuild_rows();
        self.find_hits();
    }

    /// Starts the search over the events shown, and searches its first slice: a small
    /// dataset is searched at once, a big one goes on between keys (`search_slice`).
    pub fn find_hits(&mut self) {
        self.hits.clear();
        self.searching = match self.search.as_deref() {
            Some(q) if !q.is_empty() => Some(Search::new(q)),
            _ => None,
        };
        self.search_slice();
    }

    /// Searches the next slice of the events shown (`search_budget` of them), and sizes the
    /// next one from how long this one took. True while there are more.
    pub fn search_slice(&mut self) -> bool {
        let Some(job) = self.searching.as_mut() else {
            return false;
        };
        let began = std::time::Instant::now();
        let from = job.searched();
        self.hits
            .extend(job.step(&self.data, &self.shown, self.search_budget));
        let searched = job.searched() - from;
        // A last slice shorter than its budget says little about the next search's events.
        if searched == self.search_budget {
            self.search_budget = next_search_slice(searched, began.elapsed());
        }
        if job.done(&self.shown) {
            self.searching = None;
        }
        self.searching.is_some()
    }

    /// How far a search still going has got, in percent.
    pub fn search_progress(&self) -> Option<usize> {
        let job = self.searching.as_ref()?;
        Some(job.searched() * 100 / self.shown.len().max(1))
    }

    /// "3/7": which hit the cursor is on (or 0 when between hits) and how many there are.
    pub fn hit_position(&self) -> (usize, usize) {
        let i = self.hits.partition_point(|&p| p < self.cursor);
        let on = self.hits.get(i) == Some(&self.cursor);
        (if on { i + 1 } else { 0 }, self.hits.len())
    }

    /// The visual range (first, last), when one is active and its start is still shown.
    pub fn selection(&self) -> Option<(ShownIx, ShownIx)> {
        let start = ShownIx::new(self.shown.binary_search(&self.anchor?).ok()?);
        Some((start.min(self.cursor), start.max(self.cursor)))
    }

    /// The events of the visual range.
    pub fn selected(&self) -> Option<&[EventIx]> {
        let (a, b) = self.selection()?;
        Some(&self.shown[a.get()..=b.get()])
    }

    /// What an export takes: the visual range within the filters, else every event shown.
    pub fn export_events(&self) -> Vec<EventIx> {
        self.selected().unwrap_or(&self.shown).to_vec()
    }

    /// The mode keys are looked up in: an open popup or prompt first, then the pane with
    /// focus (the timeline with a range, or in the lanes view).
    pub fn mode(&self) -> Mode {
        if self.keep.failed.is_some() {
            Mode::Mend
        } else if self.keep.deleting.is_some() {
            Mode::Delete
        } else if self.picker.is_some() || self.tag_picker.is_some() {
            Mode::Picker
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else if let Some(d) = &self.export {
            if d.confirm {
                Mode::Confirm
            } else {
                Mode::Export
            }
        } else if let Some(h) = &self.help {
            if h.typing {
                Mode::HelpFilter
            } else {
                Mode::Help
            }
        } else {
            match self.focus {
                Focus::Timeline if self.selection().is_some() => Mode::Visual,
                Focus::Timeline if self.view == View::Lanes => Mode::Lanes,
                Focus::Timeline => Mode::Timeline,
                Focus::Detail => Mode::Detail,
            }
        }
    }

    /// The row the cursor is on.
    pub fn cursor_row(&self) -> usize {
        self.row_of.get(self.cursor.get()).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_search_slice_is_sized_to_take_its_time_within_bounds() {
        let ms = Duration::from_millis;
        // On time: the same size; twice too long: half; far too long or too short: the bounds.
        assert_eq!(next_search_slice(16_384, ms(8)), 16_384);
        assert_eq!(next_search_slice(16_384, ms(16)), 8_192);
        assert_eq!(next_search_slice(16_384, ms(4)), 32_768);
        assert_eq!(next_search_slice(16_384, ms(800)), SEARCH_SLICE_MIN);
        assert_eq!(next_search_slice(16_384, Duration::ZERO), SEARCH_SLICE_MAX);
    }
}

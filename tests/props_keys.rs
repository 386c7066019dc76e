//! Random keys in-process: `App` driven through random sequences of keymap bindings, raw key
//! events, typed text, mouse events, resizes (1×1 to 300×100), the wait that ends a pending
//! binding and the search slices the event loop runs between keys. After every step the
//! state's invariants must hold and a frame drawn with `TestBackend` must fill the terminal
//! exactly; no step may panic.
//!
//! Runs on the built-in dataset and on a generated 10,000-event one (examples/gen.rs, seed 7).
//!
//! Bounded by default so that `cargo test` stays quick. A longer hunt:
//!
//!     ANNALS_PROPTEST_CASES=5000 cargo test --release --test props_keys -- --nocapture
//!
//! `ANNALS_PROPTEST_CASES` is the number of cases on the built-in dataset (the 10k dataset
//! gets a tenth of them), `ANNALS_PROPTEST_STEPS` the longest sequence of steps in a case,
//! and `ANNALS_PROPTEST_SEED` the random seed (a number, or `random`; fixed by default so a
//! failure is reproducible). The figures of a run are printed on standard error.

mod common;

// `gen` is a reserved word in Rust 2024, so the module takes another name.
#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod generator;

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

use annals::export::Format;
use annals::model::Dataset;
use annals::tui::action::Action;
use annals::tui::app::{App, Focus, Row};
use annals::tui::effect::{Done, Effect, ExportFailure};
use annals::tui::keymap::{self, KeyPress, Mode};
use annals::tui::layout;
use annals::tui::update::{self, done, on_key};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, MediaKeyCode, ModifierKeyCode};
use ratatui::layout::Rect;

// ---------------------------------------------------------------------------------------------
// Settings

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
}

/// Cases on the built-in dataset.
fn cases() -> u32 {
    env_number("ANNALS_PROPTEST_CASES").map_or(128, |n| n as u32)
}

/// The longest sequence of steps in one case.
fn max_steps() -> usize {
    env_number("ANNALS_PROPTEST_STEPS").map_or(60, |n| n as usize)
}

fn seed() -> RngSeed {
    match std::env::var("ANNALS_PROPTEST_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(n) => RngSeed::Fixed(
            n.parse()
                .expect("ANNALS_PROPTEST_SEED: a number or `random`"),
        ),
        Err(_) => RngSeed::Fixed(0x616e_6e61_6c73),
    }
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: seed(),
        // Shrinking replays whole sequences; on the 10k dataset that is slow, so it is bounded.
        max_shrink_time: 120_000,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Datasets

/// The generated dataset, written and loaded once for the whole file (as tests/scale.rs does).
fn big() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        generator::write(10_000, 7, &mut out).unwrap();
        out.flush().unwrap();
        drop(out);
        annals::load::from_path(file.path()).unwrap()
    })
}

// ---------------------------------------------------------------------------------------------
// Steps

/// One thing that can happen to the browser.
#[derive(Clone, Debug)]
enum Step {
    /// A key sequence of the keymap, as written there ("g g", "Ctrl-d", "] a").
    Binding(&'static str),
    /// Any key the terminal can send, with or without Ctrl.
    Key(KeyCode, bool),
    /// Text typed one character at a time.
    Type(String),
    /// The terminal's new size.
    Resize(u16, u16),
    Click(u16, u16),
    WheelDown(u16, u16),
    WheelUp(u16, u16),
    /// No key came within `keymap::AMBIGUOUS_WAIT`: a pending binding acts alone.
    Wait,
    /// The event loop searches a slice while no key is waiting.
    SearchSlice,
}

/// Every key sequence the keymap binds, in any mode.
fn sequences() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = keymap::KEYMAP
        .iter()
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        // Anything.
        (1u16..=300, 1u16..=100),
        // Tiny.
        (1u16..=40, 1u16..=12),
        // Around every threshold of the layout (minimum, split, stack, strip heights).
        (
            prop::sample::select(vec![1u16, 2, 29, 30, 31, 40, 79, 80, 81, 120, 300]),
            prop::sample::select(vec![
                1u16, 2, 7, 8, 9, 15, 16, 17, 21, 22, 23, 29, 30, 31, 100
            ]),
        ),
    ]
}

fn any_key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        6 => any::<char>().prop_map(KeyCode::Char),
        2 => prop::sample::select(vec![
            '\u{0}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{301}', '\r', '\n',
            '\t', ' ', '🙂', '字', 'ä',
        ])
        .prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Backspace,
            KeyCode::Enter,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Null,
            KeyCode::Esc,
            KeyCode::CapsLock,
            KeyCode::ScrollLock,
            KeyCode::NumLock,
            KeyCode::PrintScreen,
            KeyCode::Pause,
            KeyCode::Menu,
            KeyCode::KeypadBegin,
            KeyCode::Media(MediaKeyCode::Play),
            KeyCode::Modifier(ModifierKeyCode::LeftShift),
        ]),
        1 => (1u8..=24).prop_map(KeyCode::F),
    ]
}

/// Text worth typing into a prompt, the picker or the export dialog's name.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "putin", "obama", "usaid", "mag", "2012", "2012-11", "2012-11-13", "2012/2013",
            "2013/2012", "..", "../2012", "2012-02-30", "2012-13-01", "Y-13800000000", "1999-2013",
            "2012..2013", "NumMentions>=10", "GoldsteinScale<=-5", "a=b", "x>", ">=", "!",
            "~/", "/", "../../etc/passwd", "a/b/c.md", " ", "\u{202e}rtl", "e\u{301}",
            "🙂🙂", "字字字", "\u{1b}[2J",
        ])
        .prop_map(str::to_string),
        2 => "\\PC{0,12}",
        1 => prop::collection::vec(any::<char>(), 0..8).prop_map(|v| v.into_iter().collect()),
    ]
}

fn position() -> impl Strategy<Value = (u16, u16)> {
    (0u16..320, 0u16..110)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        50 => prop::sample::select(sequences()).prop_map(Step::Binding),
        12 => (any_key_code(), prop::bool::weighted(0.2)).prop_map(|(k, c)| Step::Key(k, c)),
        6 => text().prop_map(Step::Type),
        9 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        3 => position().prop_map(|(c, r)| Step::Click(c, r)),
        2 => position().prop_map(|(c, r)| Step::WheelDown(c, r)),
        2 => position().prop_map(|(c, r)| Step::WheelUp(c, r)),
        4 => Just(Step::Wait),
        2 => Just(Step::SearchSlice),
    ]
}

fn case() -> impl Strategy<Value = ((u16, u16), Vec<Step>)> {
    (size(), prop::collection::vec(step(), 1..=max_steps()))
}

// ---------------------------------------------------------------------------------------------
// Running a case

/// What a run went through, for the figures printed at the end.
#[derive(Default)]
struct Figures {
    cases: usize,
    steps: usize,
    keys: usize,
    resizes: usize,
    mouse: usize,
    frames: usize,
    sizes: HashSet<(u16, u16)>,
    modes: BTreeSet<String>,
    smallest: (u16, u16),
    largest: (u16, u16),
}

impl Figures {
    fn size(&mut self, w: u16, h: u16) {
        if self.sizes.is_empty() {
            self.smallest = (w, h);
            self.largest = (w, h);
        }
        self.sizes.insert((w, h));
        if u32::from(w) * u32::from(h) < u32::from(self.smallest.0) * u32::from(self.smallest.1) {
            self.smallest = (w, h);
        }
        if u32::from(w) * u32::from(h) > u32::from(self.largest.0) * u32::from(self.largest.1) {
            self.largest = (w, h);
        }
    }
}

/// Carries out effects as the event loop would, without a file system or an editor: an
/// export "is written", or the file "exists" (the dialog then asks), or it fails.
fn carry_out(app: &mut App, effects: Vec<Effect>, turn: &mut usize) {
    let mut effects = effects;
    while !effects.is_empty() {
        let mut next = Vec::new();
        for effect in effects {
            *turn += 1;
            let outcome = match effect {
                Effect::Export(job) => Done::Exported(match (*turn % 4, job.overwrite) {
                    (0, _) => Err(ExportFailure::Failed("disk full (test)".into())),
                    (1 | 2, false) => Err(ExportFailure::Exists),
                    _ => Ok(()),
                }),
                Effect::Edit { intent, .. } => Done::Edited {
                    intent,
                    result: Err("no editor in tests".into()),
                },
                // Never a browser in a test: what is opened must be a web or mail address,
                // and nothing a terminal would act on.
                Effect::Open(url) => {
                    let scheme = ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|s| url.to_ascii_lowercase().starts_with(s));
                    assert!(
                        scheme && !url.chars().any(|c| c.is_control() || c.is_whitespace()),
                        "asked to open {url:?}"
                    );
                    Done::Said(if turn.is_multiple_of(2) {
                        Ok(format!("opened {url}"))
                    } else {
                        Err("not opened: no browser in tests".into())
                    })
                }
                // What is copied is pasted later, maybe into a terminal: no control character
                // but line ends.
                Effect::Copy { text, what } => {
                    assert!(
                        !text.chars().any(|c| c.is_control() && c != '\n'),
                        "copied {text:?}"
                    );
                    Done::Said(Ok(format!("copied {what}")))
                }
                // The datasets here are read-only (built in, or loaded as the built-in is):
                // nothing asks to save or read a file again.
                other => panic!("unexpected effect {other:?}"),
            };
            next.extend(done(app, outcome));
        }
        effects = next;
    }
}

fn press(app: &mut App, key: KeyPress, turn: &mut usize) {
    let effects = on_key(app, key);
    carry_out(app, effects, turn);
}

fn apply(app: &mut App, step: &Step, figures: &mut Figures, turn: &mut usize) {
    match step {
        Step::Binding(spec) => {
            for key in keymap::parse_sequence(spec).expect("keymap keys parse") {
                figures.keys += 1;
                press(app, key, turn);
            }
        }
        Step::Key(code, ctrl) => {
            figures.keys += 1;
            press(
                app,
                KeyPress {
                    code: *code,
                    ctrl: *ctrl,
                },
                turn,
            );
        }
        Step::Type(text) => {
            for c in text.chars() {
                figures.keys += 1;
                press(
                    app,
                    KeyPress {
                        code: KeyCode::Char(c),
                        ctrl: false,
                    },
                    turn,
                );
            }
        }
        Step::Resize(w, h) => {
            figures.resizes += 1;
            figures.size(*w, *h);
            let effects = update::update(
                app,
                Action::Resize {
                    width: *w,
                    height: *h,
                },
            );
            carry_out(app, effects, turn);
        }
        Step::Click(column, row) | Step::WheelDown(column, row) | Step::WheelUp(column, row) => {
            figures.mouse += 1;
            let (column, row) = (*column, *row);
            let action = match step {
                Step::Click(..) => Action::Click { column, row },
                Step::WheelDown(..) => Action::WheelDown { column, row },
                _ => Action::WheelUp { column, row },
            };
            let effects = update::update(app, action);
            carry_out(app, effects, turn);
        }
        Step::Wait => {
            if update::waiting(app) {
                let effects = update::flush_pending(app);
                carry_out(app, effects, turn);
            }
        }
        Step::SearchSlice => {
            if app.searching.is_some() {
                update::search_slice(app);
            }
        }
    }
}

/// The invariants that must hold between any two steps.
fn check(app: &App) -> Result<(), String> {
    let n = app.shown.len();
    let events = app.data.events.len();
    let cursor = app.cursor.get();
    let fail = |what: String| {
        Err(format!(
            "{what} (mode {:?}, {}×{})",
            app.mode(),
            app.width,
            app.height
        ))
    };
    // The cursor is on a shown event, or at 0 when none is shown.
    if (n == 0 && cursor != 0) || (n > 0 && cursor >= n) {
        return fail(format!("cursor {cursor} with {n} events shown"));
    }
    if app.shown.iter().any(|e| e.get() >= events) {
        return fail("an event shown is not in the dataset".into());
    }
    if app.row_of.len() != n {
        return fail(format!(
            "{} row positions for {n} events shown",
            app.row_of.len()
        ));
    }
    if n > 0 {
        let row = app.cursor_row();
        if app.rows.get(row) != Some(&Row::Event(app.cursor)) {
            return fail(format!("the cursor's row {row} is {:?}", app.rows.get(row)));
        }
    }
    // The selection: inside the events shown, first before last.
    if let Some((a, b)) = app.selection()
        && (a > b || b.get() >= n)
    {
        return fail(format!("selection {a:?}..{b:?} with {n} events shown"));
    }
    if let Some(anchor) = app.anchor
        && anchor.get() >= events
    {
        return fail(format!("anchor {anchor:?} past the dataset"));
    }
    if let Some(r) = app.reference
        && r.get() >= events
    {
        return fail(format!("reference {r:?} past the dataset"));
    }
    if app.marks.iter().any(|m| m.get() >= events) {
        return fail("a mark past the dataset".into());
    }
    if app.hits.iter().any(|h| h.get() >= n) || app.hits.windows(2).any(|w| w[0] >= w[1]) {
        return fail(format!("search hits out of order or past {n}"));
    }
    if app.jumps.at > app.jumps.list.len() || app.jumps.list.iter().any(|e| e.get() >= events) {
        return fail(format!("jump list {:?}", app.jumps));
    }
    // The list: the cursor's row on screen.
    let regions = layout::regions(app);
    if app.list_offset > app.rows.len() {
        return fail(format!(
            "list offset {} past {} rows",
            app.list_offset,
            app.rows.len()
        ));
    }
    if regions.list.is_some() && n > 0 {
        let height = layout::list_height(app);
        let row = app.cursor_row();
        if row < app.list_offset || row >= app.list_offset + height {
            return fail(format!(
                "cursor row {row} off the list (offset {}, {height} rows)",
                app.list_offset
            ));
        }
    }
    // The detail's scroll within its content, when the pane is on screen.
    if regions.detail.is_some() {
        let (_, max) = layout::detail_view(app);
        if app.detail_scroll > max {
            return fail(format!("detail scrolled to {} of {max}", app.detail_scroll));
        }
    }
    if let Some(scroll) = app.help.as_ref().map(|h| h.scroll) {
        let max = layout::help_canvas(app).max_scroll();
        if scroll > max {
            return fail(format!("help scrolled to {scroll} of {max}"));
        }
    }
    if let Some(p) = &app.picker
        && p.selected >= p.results.len().max(1)
    {
        return fail(format!("picker row {} of {}", p.selected, p.results.len()));
    }
    if let Some(p) = &app.prompt
        && p.origin.get() >= n.max(1)
    {
        return fail(format!("prompt origin {:?} with {n} shown", p.origin));
    }
    if let Some(d) = &app.export {
        if d.format >= Format::ALL.len() || d.set >= d.sets.len() {
            return fail(format!(
                "export format {} set {} of {}",
                d.format,
                d.set,
                d.sets.len()
            ));
        }
        if d.events.iter().any(|e| e.get() >= events) {
            return fail("an exported event past the dataset".into());
        }
        if !d.name.text().is_char_boundary(d.name.cursor()) {
            return fail(format!("the name's cursor at byte {}", d.name.cursor()));
        }
    }
    if app.focus == Focus::Detail && app.mode() == Mode::Timeline {
        return fail("detail focus in timeline mode".into());
    }
    Ok(())
}

/// Draws a frame at the app's size; the buffer must be exactly the terminal's size.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) -> Result<(), String> {
    let (w, h) = (app.width, app.height);
    terminal.backend_mut().resize(w, h);
    let frame = terminal
        .draw(|f| f.render_widget(app, f.area()))
        .map_err(|e| e.to_string())?;
    let want = Rect::new(0, 0, w, h);
    if frame.area != want || frame.buffer.area != want {
        return Err(format!(
            "frame {:?}, buffer {:?} on a {w}×{h} terminal",
            frame.area, frame.buffer.area
        ));
    }
    if frame.buffer.content.len() != usize::from(w) * usize::from(h) {
        return Err(format!(
            "{} cells on a {w}×{h} terminal",
            frame.buffer.content.len()
        ));
    }
    Ok(())
}

fn run_case(
    data: &Dataset,
    (w, h): (u16, u16),
    steps: &[Step],
    figures: &mut Figures,
) -> Result<(), String> {
    figures.cases += 1;
    figures.size(w, h);
    let mut app = common::app_at(data.clone(), w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut turn = 0;
    check(&app).map_err(|e| format!("at the start: {e}"))?;
    draw(&mut terminal, &app).map_err(|e| format!("at the start: {e}"))?;
    figures.frames += 1;
    for (i, step) in steps.iter().enumerate() {
        figures.steps += 1;
        apply(&mut app, step, figures, &mut turn);
        figures.modes.insert(format!("{:?}", app.mode()));
        check(&app).map_err(|e| format!("after step {i} {step:?}: {e}"))?;
        draw(&mut terminal, &app).map_err(|e| format!("after step {i} {step:?}: {e}"))?;
        figures.frames += 1;
        // The event loop keeps going after a quit only in tests: start afresh from there.
        app.quit = false;
    }
    Ok(())
}

fn hunt(name: &str, data: &Dataset, cases: u32) {
    let started = Instant::now();
    let figures = std::cell::RefCell::new(Figures::default());
    let mut runner = TestRunner::new(config(cases));
    let result = runner.run(&case(), |(size, steps)| {
        let mut f = figures.borrow_mut();
        // A panic in annals is caught by the runner and shrunk like any failure.
        run_case(data, size, &steps, &mut f).map_err(TestCaseError::fail)
    });
    let f = figures.into_inner();
    eprintln!(
        "props_keys {name}: {} cases, {} steps, {} keys, {} resizes ({} sizes, smallest {:?}, \
         largest {:?}), {} mouse events, {} frames; modes {:?}; {:.1} s (seed {})",
        f.cases,
        f.steps,
        f.keys,
        f.resizes,
        f.sizes.len(),
        f.smallest,
        f.largest,
        f.mouse,
        f.frames,
        f.modes,
        started.elapsed().as_secs_f64(),
        runner.config().rng_seed,
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

#[test]
fn random_keys_on_the_builtin_dataset_keep_every_invariant() {
    hunt("built-in", &annals::load::builtin(), cases());
}

#[test]
fn random_keys_on_ten_thousand_events_keep_every_invariant() {
    hunt("10k", big(), (cases() / 10).max(1));
}

/// The smallest screens, every binding pressed in turn: a quick, deterministic sweep that
/// does not depend on the random cases reaching them.
#[test]
fn every_binding_at_every_tiny_size() {
    let data = annals::load::builtin();
    let mut figures = Figures::default();
    let mut turn = 0;
    for (w, h) in [
        (1, 1),
        (1, 100),
        (300, 1),
        (2, 2),
        (29, 7),
        (30, 8),
        (31, 9),
        (79, 19),
    ] {
        let mut app = common::app_at(data.clone(), w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        for spec in sequences() {
            apply(&mut app, &Step::Binding(spec), &mut figures, &mut turn);
            check(&app).unwrap_or_else(|e| panic!("{w}×{h} after {spec:?}: {e}"));
            draw(&mut terminal, &app).unwrap_or_else(|e| panic!("{w}×{h} after {spec:?}: {e}"));
            app.quit = false;
        }
    }
}

//! Terminal safety: dataset text is data, never terminal control. A dataset whose every text
//! field holds hostile text (ESC sequences that clear the screen, set the clipboard (OSC 52)
//! or hide a link (OSC 8), C0 and C1 controls, DEL, carriage returns, bidi overrides and
//! isolates, zero-width characters, piles of combining marks), an imported CSV whose column
//! names and cells hold the same, a file with a hostile name, and hostile keys typed into
//! every prompt, are driven through every view and popup the keys open (list, detail, lanes
//! by actor and by tag, actor picker, help, search, dates, where and go-to prompts, export
//! dialog and its question, marks, the visual range, editing: the failed draft and the delete
//! question; reload and export failures; the loading screen), at several sizes. After every
//! key the whole screen is drawn with `TestBackend`, and no cell may hold a control character
//! (C0, DEL, C1: ESC among them) or a bidi control.

mod common;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};

use annals::load::{self, LoadError, Progress};
use annals::model::Dataset;
use annals::tui::app::{App, Origin};
use annals::tui::effect::{self, Done, ExportFailure, Host};
use annals::tui::keymap::KeyPress;
use annals::tui::update::{done, on_key};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use serde_json::{Value, json};

/// Everything that has reached a terminal through a text field somewhere.
const H: &str = "\u{1b}[2J\u{1b}[H\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{1b}P+q\u{1b}\\ \u{0}\u{1}\u{7}\u{8}\t\u{b}\u{c}\r\u{e}\u{1f}\u{7f}\u{80}\u{85}\u{8d}\u{9b}31m\u{9d}\u{9f} \u{202e}desrever\u{202c} \u{2066}iso\u{2069}\u{200f}\u{61c} \u{200b}zw\u{200d}j\u{feff} e\u{301}\u{302}\u{303}\u{20dd} \r\nline two\n\n";

/// Hostile text with a label, so that every field is told apart on screen.
fn h(label: &str) -> String {
    format!("{label} {H} {label}")
}

/// Whether a character must never be in a cell.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An annals/1 dataset with hostile text in every field that may hold free text (ids,
/// references and dates have rules of their own and are checked by validation).
fn hostile_json() -> String {
    let actor = |id: &str, n: usize| {
        json!({
            "id": id,
            "name": h(&format!("name{n}")),
            "aliases": [h(&format!("alias{n}")), h("alias-b")],
            "kind": "person",
            "about": h(&format!("about{n}")),
        })
    };
    let source = |id: &str, n: usize| {
        json!({
            "id": id,
            "publisher": h(&format!("publisher{n}")),
            "title": h(&format!("sourcetitle{n}")),
            "date": "2012-11-13",
            "language": h("srclang"),
            "url": format!("http://example.org/{}", h("url")),
        })
    };
    let when = [
        "2012-11-13",
        "2012-11-13T19:41Z",
        "2012-11-13T20:00Z",
        "2012-09",
        "2008-05-07/2012-05-07",
        "2011-12-05/..",
        "1999?",
        "2013-01~",
    ];
    let events: Vec<Value> = when
        .iter()
        .enumerate()
        .map(|(i, w)| {
            json!({
                "id": format!("e{i}"),
                "when": w,
                "title": h(&format!("title{i}")),
                "summary": h(&format!("summary{i}")).repeat(3),
                "actors": ["a1", "a2"],
                "tags": [h("tag1"), h(&format!("tag{i}"))],
                "quotes": [{
                    "by": "a1",
                    "text": h(&format!("quote{i}")),
                    "lang": h("lang"),
                    "translation": h(&format!("translation{i}")),
                    "source": "s1",
                }],
                "sources": ["s1", "s2"],
                "notes": [h(&format!("note{i}")), h("note-b")],
                "attributes": {
                    h("attrname"): h(&format!("attrvalue{i}")),
                    "plain": h("value"),
                    "n": 3,
                },
            })
        })
        .collect();
    serde_json::to_string_pretty(&json!({
        "format": "annals/1",
        "title": h("datasettitle"),
        "description": h("description"),
        "language": h("datasetlang"),
        "actors": [actor("a1", 1), actor("a2", 2), actor("a3", 3)],
        "sources": [source("s1", 1), source("s2", 2)],
        "events": events,
    }))
    .unwrap()
}

/// A CSV table whose column names and cells are hostile (they become titles, actors, tags,
/// sources and attributes).
fn hostile_csv() -> String {
    let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let header = [
        "date".to_string(),
        "title".into(),
        "summary".into(),
        "actors".into(),
        "tags".into(),
        "url".into(),
        h("colname"),
        "Plain".into(),
    ];
    let mut out = header.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out.push('\n');
    for (i, date) in ["2012-11-13", "2012-09-19", "2013-01"].iter().enumerate() {
        let row = [
            date.to_string(),
            h(&format!("csvtitle{i}")),
            h(&format!("csvsummary{i}")),
            format!("{} | {}", h("csvactor"), h(&format!("csvactor{i}"))),
            h("csvtag"),
            format!("https://example.org/{}", h("csvurl")),
            h(&format!("csvattr{i}")),
            h("plain"),
        ];
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// A folder with the hostile dataset in a file with a hostile name, and the CSV.
struct Files {
    _dir: tempfile::TempDir,
    json: PathBuf,
    csv: PathBuf,
    exports: PathBuf,
}

fn files() -> Files {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("\u{1b}[2J\u{202e}\u{7}evil\r.json");
    std::fs::write(&json, hostile_json()).unwrap();
    let csv = dir.path().join("table\u{1b}]52;c;x\u{7}.csv");
    std::fs::write(&csv, hostile_csv()).unwrap();
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    Files {
        _dir: dir,
        json,
        csv,
        exports,
    }
}

fn open(path: &Path) -> Dataset {
    load::from_path(path).unwrap_or_else(|e| panic!("the hostile dataset must load: {e}"))
}

// ---------------------------------------------------------------------------------------------
// An editor that writes hostile drafts

#[derive(Clone, Copy, Debug)]
enum Draft {
    /// A valid edit: the title and summary hostile.
    Valid,
    /// A draft that does not validate: a hostile date and actor.
    Invalid,
    /// A draft that is not JSON at all.
    Garbage,
}

struct Editor {
    draft: Cell<Draft>,
    /// What was put on the clipboard (it is pasted later, maybe into a terminal).
    copied: Vec<String>,
    /// Addresses annals asked to open (never opened here).
    opened: Vec<String>,
}

impl Host for Editor {
    fn edit(&mut self, _command: &str, file: &Path) -> std::io::Result<std::process::ExitStatus> {
        let text = std::fs::read_to_string(file)?;
        let out = match self.draft.get() {
            Draft::Garbage => format!("{H} {{ \"event\": {H}"),
            d => {
                let mut v: Value = serde_json::from_str(&text).unwrap();
                if let Draft::Valid = d {
                    v["event"]["title"] = json!(h("editedtitle"));
                    v["event"]["summary"] = json!(h("editedsummary"));
                } else {
                    v["event"]["when"] = json!(h("badwhen"));
                    v["event"]["title"] = json!(h("badtitle"));
                    v["event"]["actors"] = json!([h("badactor")]);
                }
                serde_json::to_string_pretty(&v).unwrap()
            }
        };
        std::fs::write(file, out)?;
        Ok(std::process::ExitStatus::from_raw(0))
    }

    fn copy(&mut self, text: &str) -> Result<(), String> {
        self.copied.push(text.to_string());
        Ok(())
    }
}

/// Carries out effects as the event loop does (`effect::run`), except that an address is
/// never opened: it is kept, and said opened.
fn carry_out(app: &mut App, effects: Vec<effect::Effect>, host: &mut Editor) {
    let mut effects = effects;
    while !effects.is_empty() {
        let mut next = Vec::new();
        for e in &effects {
            let outcome = match e {
                effect::Effect::Open(url) => {
                    host.opened.push(url.clone());
                    Done::Said(Ok(format!("opened {url}")))
                }
                other => effect::perform(&app.data, other, host),
            };
            next.extend(done(app, outcome));
        }
        effects = next;
    }
}

// ---------------------------------------------------------------------------------------------
// Driving and looking

struct Run {
    terminal: Terminal<TestBackend>,
    editor: Editor,
    /// Screens drawn, by what was on them.
    screens: BTreeMap<String, usize>,
    /// Screens on which a neutralised ESC (␛) was seen, by what was on them.
    shown: BTreeMap<String, usize>,
    label: String,
    /// What reached the screen, by view: the first violation seen there.
    found: BTreeMap<String, String>,
}

impl Run {
    fn new(width: u16, height: u16) -> Run {
        Run {
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            editor: Editor {
                draft: Cell::new(Draft::Valid),
                copied: Vec::new(),
                opened: Vec::new(),
            },
            screens: BTreeMap::new(),
            shown: BTreeMap::new(),
            label: String::new(),
            found: BTreeMap::new(),
        }
    }

    fn look(&mut self, app: &App, step: &str) {
        self.terminal.backend_mut().resize(app.width, app.height);
        let frame = self
            .terminal
            .draw(|f| f.render_widget(app, f.area()))
            .unwrap();
        let what = format!("{} / {:?}", self.label, app.mode());
        // Every view is looked at to the end of the tour: one failure does not hide another.
        if let Some(v) = violations(frame.buffer).into_iter().next() {
            self.found
                .entry(what.clone())
                .or_insert_with(|| format!("after {step}: {v}"));
        }
        *self.screens.entry(what.clone()).or_default() += 1;
        if frame
            .buffer
            .content
            .iter()
            .any(|c| c.symbol().contains('\u{241b}'))
        {
            *self.shown.entry(what).or_default() += 1;
        }
    }

    fn key(&mut self, app: &mut App, code: KeyCode, ctrl: bool) {
        let effects = on_key(app, KeyPress { code, ctrl });
        carry_out(app, effects, &mut self.editor);
        let step = format!("{}{code:?}", if ctrl { "Ctrl-" } else { "" });
        self.look(app, &step);
    }

    /// Keys written as in the keymap, separated by spaces: "j", "Enter", "Ctrl-d", "g g".
    fn keys(&mut self, app: &mut App, keys: &str) {
        for spec in keys.split(' ') {
            let k = KeyPress::parse(spec).unwrap_or_else(|| panic!("bad key {spec:?}"));
            self.key(app, k.code, k.ctrl);
        }
    }

    fn repeat(&mut self, app: &mut App, key: &str, n: usize) {
        for _ in 0..n {
            self.keys(app, key);
        }
    }

    /// Types text, a key a character (hostile characters too, as a paste would); the screen
    /// is looked at once the text is in.
    fn typing(&mut self, app: &mut App, text: &str) {
        for c in text.chars() {
            let effects = on_key(
                app,
                KeyPress {
                    code: KeyCode::Char(c),
                    ctrl: false,
                },
            );
            carry_out(app, effects, &mut self.editor);
        }
        self.look(app, &format!("typing {text:?}"));
    }

    fn section(&mut self, label: &str) {
        self.label = label.to_string();
    }
}

/// The cells that hold a control character or a bidi control, described.
fn violations(buf: &Buffer) -> Vec<String> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if symbol.chars().any(forbidden) {
                let line: String = (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect();
                out.push(format!(
                    "cell ({x}, {y}) holds {symbol:?} on a {}×{} screen; its line: {:?}",
                    buf.area.width,
                    buf.area.height,
                    line.trim_end()
                ));
                break;
            }
        }
    }
    out
}

/// No cell holds a control character or a bidi control.
fn inspect(buf: &Buffer, context: &str) {
    if let Some(v) = violations(buf).first() {
        panic!("{context}: {v}");
    }
}

/// Every view and popup the keys open, with hostile text typed where text is typed.
fn tour(run: &mut Run, app: &mut App, editable: bool) {
    let n = app.shown.len();
    run.section("list");
    run.look(app, "opening");
    run.repeat(app, "j", n);
    run.keys(app, "g g");

    run.section("detail");
    run.keys(app, "Enter");
    run.repeat(app, "j", 20);
    run.keys(app, "g g PgDn PgDn G");
    run.keys(app, "Esc");
    for _ in 0..n {
        run.keys(app, "Tab Ctrl-d Ctrl-d Tab j");
    }

    run.section("reference");
    run.keys(app, "g g r j j Enter Esc r");

    run.section("lanes by actor");
    run.keys(app, "g g t");
    run.repeat(app, "+", 6);
    run.keys(app, "h h l l l - - j j");
    run.repeat(app, "-", 6);
    run.section("lanes by tag");
    run.keys(app, "T + + j - - Tab Tab T t");

    run.section("picker");
    run.keys(app, "a");
    run.keys(app, "Down Down Tab Up Tab Ctrl-a");
    run.typing(app, "name1");
    run.keys(app, "Backspace Backspace Ctrl-u");
    run.typing(app, "alias");
    run.typing(app, H);
    run.keys(app, "Ctrl-u Down Tab Enter");
    run.section("filtered by actors");
    run.keys(app, "j k c");

    run.section("help");
    run.keys(app, "?");
    run.repeat(app, "j", 30);
    run.keys(app, "?");

    run.section("search");
    run.keys(app, "/");
    run.typing(app, "desrever");
    run.keys(app, "Enter n n N");
    run.keys(app, "/");
    run.typing(app, H);
    run.keys(app, "Enter");
    run.keys(app, "n Esc c");

    run.section("dates prompt");
    run.keys(app, "d");
    run.typing(app, &format!("2012 {H}"));
    run.keys(app, "Enter Esc d");
    run.typing(app, "2012");
    run.keys(app, "Enter c");

    run.section("where prompt");
    run.keys(app, "w");
    run.typing(app, &format!("{H}>=1"));
    run.keys(app, "Enter Ctrl-u");
    run.typing(app, "n>=1");
    run.keys(app, "Enter c");

    run.section("go-to prompt");
    run.keys(app, ":");
    run.typing(app, H);
    run.keys(app, "Enter Ctrl-u");
    run.typing(app, "2012-11");
    run.keys(app, "Enter");

    run.section("marks");
    run.keys(app, "g g m j j m ] m [ m M j M");

    run.section("export dialog");
    run.keys(app, "x Tab Down Down Up");
    run.keys(app, "Ctrl-u");
    // A name with no folder in it (H has slashes), so that it is written.
    let name = format!("out{}.md", H.replace('/', "_"));
    run.typing(app, &name);
    run.keys(app, "Enter");
    // Written: again, the same name, asks before replacing.
    run.keys(app, "x Ctrl-u");
    run.typing(app, &name);
    run.keys(app, "Enter");
    run.section("export question");
    run.look(app, "the question whether to replace");
    run.keys(app, "n");
    run.section("export dialog");
    run.keys(app, "Ctrl-u");
    run.typing(app, &format!("no-such-folder/{H}/x.csv"));
    run.keys(app, "Enter");
    let failure = done(
        app,
        Done::Exported(Err(ExportFailure::Failed(h("exportfailure")))),
    );
    assert!(failure.is_empty());
    run.look(app, "an export failure");
    run.keys(app, "Esc");

    run.section("source prompt");
    run.keys(app, "g g g x");
    run.typing(app, H);
    run.keys(app, "Enter Ctrl-u");
    run.typing(app, "1");
    run.keys(app, "Enter");
    run.section("copy");
    run.keys(app, "y Y j y");

    run.section("visual range");
    run.keys(app, "g g v j j x Esc v");

    if editable {
        run.section("edit saved");
        run.editor.draft.set(Draft::Valid);
        run.keys(app, "g g e");
        run.keys(app, "u Ctrl-r");
        run.section("edit refused");
        run.editor.draft.set(Draft::Invalid);
        run.keys(app, "j e");
        run.keys(app, "Esc");
        run.section("draft not JSON");
        run.editor.draft.set(Draft::Garbage);
        run.keys(app, "e");
        run.keys(app, "Esc");
        run.section("add refused");
        run.editor.draft.set(Draft::Invalid);
        run.keys(app, "o");
        run.keys(app, "Esc");
        run.section("delete question");
        run.keys(app, "D");
        run.keys(app, "n");
    } else {
        run.section("read-only");
        run.keys(app, "e o D u");
    }

    run.section("reload failure");
    for e in [
        LoadError::Import {
            path: h("path"),
            message: h("importmessage"),
        },
        LoadError::Json {
            path: h("path"),
            line: 1,
            column: 1,
            kind: "JSON syntax error",
            message: h("jsonmessage"),
        },
        LoadError::Unrecognised {
            path: h("path"),
            looked_like: h("lookedlike"),
        },
    ] {
        done(app, Done::Reloaded(Err(e)));
        run.look(app, "a reload failure");
    }
    run.keys(app, "j");

    run.section("quit keys");
    run.keys(app, "Enter q");
}

/// What left annals for another program: a copied text holds no control character but line
/// ends, nor a bidi control (it is pasted later, maybe into a terminal); an address opened is
/// a web or mail address with nothing a terminal or a shell would act on.
fn handed_over(host: &Editor) -> Vec<String> {
    let mut out = Vec::new();
    for text in &host.copied {
        if let Some(at) = text.find(|c: char| c != '\n' && forbidden(c)) {
            // Char boundaries by hand: `floor_char_boundary` is newer than the MSRV.
            let mut from = at.saturating_sub(40);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (at + 40).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            out.push(format!(
                "copied to the clipboard, {:?} at byte {at}: …{:?}…",
                text[at..].chars().next().unwrap(),
                &text[from..to]
            ));
        }
    }
    for url in &host.opened {
        let scheme = ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| url.to_ascii_lowercase().starts_with(s));
        if !scheme || url.chars().any(|c| forbidden(c) || c.is_whitespace()) {
            out.push(format!("asked the browser to open {url:?}"));
        }
    }
    out
}

fn app_for(data: Dataset, origin: Origin, files: &Files, width: u16, height: u16) -> App {
    let mut app = common::app_at(data, width, height);
    app.origin = origin;
    app.export_dir = files.exports.clone();
    app
}

/// The sizes the tour is made at: wide enough for every footer message, the 80×24 classic,
/// and one where panes go one at a time and popups are clipped.
const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

/// The views that show dataset text, which must have shown the neutralised ESC at the
/// largest size (else the test would look at screens that hold none of the hostile text).
const MUST_SHOW: &[&str] = &[
    "source prompt / Prompt",
    "list / Timeline",
    "detail / Detail",
    "lanes by actor / Lanes",
    "lanes by tag / Lanes",
    "picker / Picker",
    "search / Prompt",
    "dates prompt / Prompt",
    "where prompt / Prompt",
    "go-to prompt / Prompt",
    "export dialog / Export",
    "reload failure / Timeline",
];

#[test]
fn hostile_annals_text_never_reaches_the_terminal() {
    let files = files();
    let started = std::time::Instant::now();
    let mut total = 0;
    let mut found = Vec::new();
    let mut unseen = Vec::new();
    for (w, h) in SIZES {
        // Each size starts from the file as written (the tour edits it).
        std::fs::write(&files.json, hostile_json()).unwrap();
        for entry in std::fs::read_dir(&files.exports).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        let data = open(&files.json);
        let mut app = app_for(data, Origin::File(files.json.clone()), &files, w, h);
        let mut run = Run::new(w, h);
        tour(&mut run, &mut app, true);
        total += run.screens.values().sum::<usize>();
        for (view, v) in &run.found {
            found.push(format!("{w}×{h} {view} {v}"));
        }
        found.extend(handed_over(&run.editor));
        if (w, h) == SIZES[0] {
            if run.editor.copied.len() < 3 {
                unseen.push(format!("y and Y copied {} texts", run.editor.copied.len()));
            }
            for view in MUST_SHOW {
                if !run.shown.contains_key(*view) {
                    unseen.push(format!("{view}: no hostile text was seen there"));
                }
            }
            for view in [
                "edit refused / Mend",
                "draft not JSON / Mend",
                "delete question / Delete",
                "export question / Confirm",
                "help / Help",
            ] {
                if !run.screens.contains_key(view) {
                    unseen.push(format!("{view} was never on screen"));
                }
            }
        }
    }
    eprintln!(
        "terminal_safety annals/1: {total} screens at {} sizes in {:.1} s",
        SIZES.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        found.is_empty(),
        "hostile text reached the screen:\n{}",
        found.join("\n")
    );
    assert!(
        unseen.is_empty(),
        "the tour missed views:\n{}",
        unseen.join("\n")
    );
}

#[test]
fn hostile_csv_columns_and_cells_never_reach_the_terminal() {
    let files = files();
    let data = open(&files.csv);
    assert!(data.imported.is_some());
    let mut total = 0;
    let mut found = Vec::new();
    for (w, h) in [SIZES[0], SIZES[2]] {
        let mut app = app_for(data.clone(), Origin::File(files.csv.clone()), &files, w, h);
        let mut run = Run::new(w, h);
        tour(&mut run, &mut app, false);
        total += run.screens.values().sum::<usize>();
        for (view, v) in &run.found {
            found.push(format!("{w}×{h} {view} {v}"));
        }
        found.extend(handed_over(&run.editor));
        if (w, h) == SIZES[0] {
            for view in ["list / Timeline", "detail / Detail", "lanes by tag / Lanes"] {
                assert!(run.shown.contains_key(view), "{view}: no hostile text seen");
            }
        }
    }
    eprintln!("terminal_safety CSV: {total} screens");
    assert!(
        found.is_empty(),
        "hostile text reached the screen:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_loading_screen_and_the_too_small_notice_are_safe() {
    for (w, h) in [(80, 24), (30, 8), (12, 3), (200, 50)] {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        annals::tui::view::loading::render(
            &h_name(),
            Progress {
                bytes: 10,
                total: 100,
                events: 3,
            },
            area,
            &mut buf,
        );
        inspect(&buf, &format!("loading screen {w}×{h}"));
    }
    for (w, h) in [(1, 1), (20, 5), (29, 7)] {
        let app = common::app_at(open_builtin_hostile(), w, h);
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        (&app).render(buf.area, &mut buf);
        inspect(&buf, &format!("too small {w}×{h}"));
    }
}

fn h_name() -> String {
    h("filename")
}

fn open_builtin_hostile() -> Dataset {
    load::from_str(&hostile_json(), &h("name")).unwrap()
}

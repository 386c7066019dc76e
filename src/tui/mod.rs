//! The only code that touches the terminal: set-up, restore (on quit, on error, on panic) and
//! the event loop, which turns terminal events into actions, hands them to `update`, carries
//! out the effects it returns (`effect::run`) and draws. Everything else in `tui` is plain
//! state, layout and drawing.

pub mod action;
pub mod app;
pub mod config;
pub mod detail;
pub mod effect;
pub mod field;
pub mod follow;
pub mod help_text;
pub mod keymap;
pub mod layout;
pub mod links;
pub mod mode;
pub mod session;
pub mod signals;
pub mod theme;
pub mod update;
pub mod view;

use std::io::stdout;
use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::load::{LoadError, Pace, Progress};
use crate::model::Dataset;
use action::Action;
use app::{App, Origin};
use follow::Follow;
use keymap::KeyPress;
use links::Links;

/// Puts the terminal back however `run` ends: normally, by error (drop) or by panic (hook).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Mouse reporting off, raw mode off, the main screen back.
fn restore_terminal() {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Takes the terminal again after it was given away (an editor, a suspend): raw mode, the
/// browser's screen, mouse reporting, and a whole frame drawn next.
fn retake(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    terminal.clear()
}

/// Ctrl-Z or SIGTSTP: the terminal put back, the process stopped as a shell stops it; on
/// `fg` the terminal is taken again.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    restore_terminal();
    signals::stop_self()?;
    retake(terminal)
}

/// Hands the terminal to an editor: the browser's screen, raw mode and mouse reporting are
/// put away while it runs, and taken back (and the whole screen drawn again) after.
struct TerminalHost<'t>(&'t mut ratatui::DefaultTerminal);

impl effect::Host for TerminalHost<'_> {
    fn edit(&mut self, command: &str, file: &Path) -> std::io::Result<std::process::ExitStatus> {
        restore_terminal();
        let status = effect::run_editor(command, file);
        retake(self.0)?;
        status
    }

    /// OSC 52: the terminal puts the text on the clipboard (also over ssh, and in tmux with
    /// `set-clipboard on`). The text was cleaned of control characters; base64 carries it.
    fn copy(&mut self, text: &str) -> Result<(), String> {
        use base64::Engine as _;
        use std::io::Write as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let mut out = stdout();
        let terminal = write!(out, "\x1b]52;c;{encoded}\x07")
            .and_then(|()| out.flush())
            .map_err(|e| format!("not copied: {e}"));
        // Not every terminal takes OSC 52 (GNOME Terminal, Konsole…): where there is a
        // display, the system clipboard gets it too.
        if system_clipboard_reachable() {
            // A clipboard that cannot be reached (no server after all) leaves the terminal's.
            if let Ok(mut c) = arboard::Clipboard::new() {
                let _ = c.set_text(text);
            }
        }
        terminal
    }
}

/// Whether a system clipboard may be there: a desktop session (X11 or Wayland), or a
/// system whose clipboard is not a server's (macOS, Windows). Not in tests or over a plain
/// ssh session, where only the terminal's clipboard (OSC 52) reaches the person.
fn system_clipboard_reachable() -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return std::env::var_os("SSH_CONNECTION").is_none();
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()))
}

/// Why the browser stopped before the user quit.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("terminal error: {0}")]
    Terminal(#[from] std::io::Error),
    #[error(transparent)]
    Load(#[from] LoadError),
    /// SIGTERM, SIGHUP or SIGINT ended the browser (the terminal was put back, the session
    /// saved).
    #[error("ended by signal {0}")]
    Signal(i32),
}

/// How long a load may take before its progress is shown (a small file opens without a
/// flash of the loading screen).
const SHOW_PROGRESS_AFTER: Duration = Duration::from_millis(100);
/// How often the loading screen is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// Runs the browser on a dataset until the user quits.
/// How the browser starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Start afresh: do not restore the session kept for the dataset.
    pub fresh: bool,
    /// How a file of another format is read.
    pub input: crate::import::Options,
    /// The config file's settings (theme, view, keys…).
    pub settings: config::Settings,
}

pub fn run(data: Dataset, options: Options) -> Result<(), RunError> {
    session(Origin::Builtin, options, |_| Ok(data))
}

/// Runs the browser on a dataset read from a stream before the terminal was taken
/// (`annals -`, `cat x.json | annals`, a named pipe); `name` is what it is called.
pub fn run_stream(data: Dataset, name: String, options: Options) -> Result<(), RunError> {
    session(Origin::Stream(name), options, |_| Ok(data))
}

/// Opens a dataset file and runs the browser on it. A big file shows its progress (bytes
/// and events) while it is read, and Ctrl-C (or Esc) cancels: the terminal is put back and
/// `LoadError::Cancelled` returned.
pub fn run_file(path: &Path, options: Options) -> Result<(), RunError> {
    run_files(&[path.to_path_buf()], options)
}

/// `run_file` for several files read as one (a folder or a zip archive may be one path).
pub fn run_files(paths: &[std::path::PathBuf], options: Options) -> Result<(), RunError> {
    let name = match paths {
        [one] => one.display().to_string(),
        _ => format!("{} files", paths.len()),
    };
    // A file that is not there is reported before the terminal is touched (a look at its
    // metadata: opening a named pipe would wait for a writer).
    for path in paths {
        if let Err(source) = std::fs::metadata(path) {
            return Err(LoadError::Io {
                path: path.display().to_string(),
                source,
            }
            .into());
        }
    }
    let input = options.input.clone();
    let origin = match paths {
        [one] => Origin::File(one.clone()),
        _ => Origin::Files(paths.to_vec()),
    };
    session(origin, options, |terminal| {
        let mut pace = Pace::new(SHOW_PROGRESS_AFTER, PROGRESS_EVERY);
        let mut failed: Option<std::io::Error> = None;
        let mut hook = |p: Progress| {
            if pace.due() {
                let frame =
                    terminal.draw(|f| view::loading::render(&name, p, f.area(), f.buffer_mut()));
                if let Err(e) = frame {
                    failed = Some(e);
                    return ControlFlow::Break(());
                }
            }
            if cancel_requested() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let loaded = crate::load::open_all(paths, &input, &mut hook).map(|(data, _)| data);
        match failed {
            Some(e) => Err(RunError::Terminal(e)),
            None => Ok(loaded?),
        }
    })
}

/// Whether a key waiting asks to cancel the load: Ctrl-C (raw mode turns it into a key),
/// Esc or q. Other keys are dropped.
fn cancel_requested() -> bool {
    while let Ok(true) = event::poll(Duration::ZERO) {
        if let Ok(Event::Key(k)) = event::read() {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let cancel = matches!(k.code, KeyCode::Esc | KeyCode::Char('q'))
                || (ctrl && k.code == KeyCode::Char('c'));
            if cancel && k.kind != KeyEventKind::Release {
                return true;
            }
        }
    }
    signals::ending()
}

/// Sets the terminal up, gets the dataset (perhaps drawing progress), runs the browser and
/// puts the terminal back, whatever happens.
fn session(
    origin: Origin,
    options: Options,
    get: impl FnOnce(&mut ratatui::DefaultTerminal) -> Result<Dataset, RunError>,
) -> Result<(), RunError> {
    // The guard comes first: if set-up fails half way (raw mode on, screen not switched),
    // dropping it still puts the terminal back.
    let _restore = Restore;
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook (installed by try_init) restores raw mode and the screen; ours first
    // stops mouse reporting, which it does not know about.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        hook(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    let _signals = signals::watch(restore_terminal)?;

    // Changes from here on are seen: a change while the file is read is read again.
    let mut follow = match &origin {
        Origin::File(path) => Some(Follow::start(path, options.input.clone())),
        Origin::Builtin | Origin::Files(_) | Origin::Stream(_) => None,
    };
    let data = get(&mut terminal)?;
    let size = terminal.size()?;
    let mut app = App::new(data, size.width, size.height);
    app.origin = origin;
    app.keep.editor = effect::editor_from_env();
    options.settings.apply(&mut app);
    // The session kept for this dataset: where the person was, filters, marks.
    let kept = Kept::open(&mut app, &options);
    if let Some(imported) = &app.data.imported
        && imported.skipped > 0
    {
        app.status = Some(format!(
            "{} · {} skipped: annals validate FILE lists them",
            crate::text::plural(app.data.events.len(), "event"),
            crate::text::plural(imported.skipped, "record")
        ));
    }
    update::keep_in_view(&mut app);
    let mut links = Links::from_env();
    draw(&mut terminal, &app, &mut links)?;
    // The first frame is up: now the actor index, which it did not need.
    app.actor_index();
    let mut redraw = false;
    let mut ended = None;
    while !app.quit {
        match signals::take() {
            Some(signals::Asked::End(signal)) => {
                ended = Some(signal);
                break;
            }
            Some(signals::Asked::Suspend) => {
                suspend(&mut terminal)?;
                redraw = true;
            }
            None => {}
        }
        if signals::continued() {
            retake(&mut terminal)?;
            redraw = true;
        }
        if redraw {
            draw(&mut terminal, &app, &mut links)?;
        }
        // A search over a big dataset goes on a slice at a time while no key is waiting.
        if app.searching.is_some() && !event::poll(Duration::ZERO)? {
            update::search_slice(&mut app);
            redraw = true;
            continue;
        }
        redraw = false;
        // A key that may start a longer binding (`]` of `] a`) acts alone if nothing follows.
        let waiting = update::waiting(&app);
        let wait = if waiting {
            keymap::AMBIGUOUS_WAIT
        } else if follow.as_ref().is_some_and(Follow::busy) {
            BUSY_TICK
        } else {
            IDLE_TICK
        };
        if event::poll(wait)? {
            // Mouse motion and other events that ask for nothing do not redraw.
            redraw = next_action(&mut app, &mut terminal)?;
        } else if waiting {
            let effects = update::flush_pending(&mut app);
            effect::run(&mut app, effects, &mut TerminalHost(&mut terminal));
            redraw = true;
        }
        if let Some(f) = follow.as_mut() {
            if app.data.store.is_stale() {
                f.touch();
            }
            if let Some((began, result)) = f.poll()
                // Annals wrote the file since this reading began, and read it right after.
                && app.keep.wrote.is_none_or(|wrote| began > wrote)
            {
                let effects = update::done(&mut app, effect::Done::Reloaded(result));
                effect::run(&mut app, effects, &mut TerminalHost(&mut terminal));
                redraw = true;
            }
        }
    }
    kept.close(&app);
    match ended {
        Some(signal) => Err(RunError::Signal(signal)),
        None => Ok(()),
    }
}

/// Draws a frame, then the links over it.
/// Draws a frame, then the links over it (`links`).
fn draw(
    terminal: &mut ratatui::DefaultTerminal,
    app: &App,
    links: &mut Links,
) -> std::io::Result<()> {
    let mut paint = Vec::new();
    terminal.draw(|frame| {
        let area = frame.area();
        let drawn = view::draw(app, area, frame.buffer_mut());
        paint = links.over(frame.buffer_mut(), drawn);
    })?;
    if !paint.is_empty() {
        crate::tui::links::write(terminal.backend_mut(), &paint)?;
    }
    Ok(())
}

/// The session kept for the dataset: restored when the browser opens (unless `--fresh`),
/// saved when it closes.
struct Kept {
    dir: Option<std::path::PathBuf>,
    /// The dataset's file (canonical), or "built-in".
    name: String,
    /// The content key the session was found under.
    key: String,
}

impl Kept {
    fn open(app: &mut App, options: &Options) -> Kept {
        let name = match &app.origin {
            Origin::File(p) => std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string(),
            Origin::Files(paths) => paths
                .iter()
                .map(|p| {
                    std::fs::canonicalize(p)
                        .unwrap_or_else(|_| p.clone())
                        .display()
                        .to_string()
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Origin::Builtin => "built-in".to_string(),
            Origin::Stream(name) => format!("stream:{name}"),
        };
        let kept = Kept {
            dir: session::dir(),
            name,
            key: session::key(app.data.store.bytes()),
        };
        if let Some(dir) = kept.dir.as_ref().filter(|_| !options.fresh) {
            match session::load(dir, &kept.key, &kept.name) {
                Ok(Some(s)) => app.restore(&s),
                Ok(None) => {}
                Err(notice) => app.status = Some(notice),
            }
            update::keep_in_view(app);
        }
        kept
    }

    /// Saves the session under the content the dataset has now (it may have been edited).
    fn close(&self, app: &App) {
        if let Some(dir) = &self.dir {
            let key = session::key(app.data.store.bytes());
            let _ = session::save(dir, &key, &self.name, &app.session(), Some(&self.key));
        }
    }
}

/// How long the loop waits for a key before it looks at the file again: while nothing is
/// happening, and while a change is settling or being read.
const IDLE_TICK: Duration = Duration::from_millis(250);
const BUSY_TICK: Duration = Duration::from_millis(30);

/// Reads the terminal event that is waiting and applies it: keys go through the keymap (which may
/// keep a prefix pending), mouse and resize events become actions. Says whether anything
/// may have changed on screen.
fn next_action(app: &mut App, terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<bool> {
    let action = match event::read()? {
        // Ctrl-Z suspends, as in any program a shell runs (raw mode makes it a key).
        Event::Key(key)
            if key.kind != KeyEventKind::Release
                && key.code == KeyCode::Char('z')
                && key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            suspend(terminal)?;
            return Ok(true);
        }
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let effects = update::on_key(app, KeyPress::from_event(key));
            effect::run(app, effects, &mut TerminalHost(terminal));
            return Ok(true);
        }
        Event::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => Some(Action::WheelDown { column, row }),
                MouseEventKind::ScrollUp => Some(Action::WheelUp { column, row }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    };
    Ok(match action {
        Some(action) => {
            let effects = update::update(app, action);
            effect::run(app, effects, &mut TerminalHost(terminal));
            true
        }
        None => false,
    })
}

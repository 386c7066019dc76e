//! Following the open file: a watcher on its folder (so that a file replaced by rename,
//! deleted and recreated, or truncated and written again is seen, as editors, `git checkout`
//! and `>` do) notices changes, which are let settle for a moment and then read on a thread
//! of their own, so that the browser goes on meanwhile with the last good data.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::load::{self, LoadError};
use crate::model::Dataset;

/// How long a file must be quiet before it is read again: editors write in several steps.
const SETTLE: Duration = Duration::from_millis(150);

/// The watch on one file.
pub struct Follow {
    path: PathBuf,
    name: std::ffi::OsString,
    /// Kept alive for as long as the file is followed.
    _watcher: Option<notify::RecommendedWatcher>,
    changes: Receiver<notify::Result<notify::Event>>,
    /// When the last change was seen, while it is not read yet.
    dirty: Option<Instant>,
    /// A reading on its way, and when it began.
    reading: Option<(Instant, Receiver<Result<Dataset, LoadError>>)>,
    /// How the file is read (its format, a column map…).
    input: crate::import::Options,
}

impl Follow {
    /// Starts following `path`. If the watch cannot be set up (no inotify left, a folder that
    /// cannot be watched), the file is still read again whenever a text of it is found
    /// changed (see `Store::is_stale`).
    pub fn start(path: &Path, input: crate::import::Options) -> Follow {
        let (send, changes) = mpsc::channel();
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let watcher = notify::recommended_watcher(send)
            .and_then(|mut w| w.watch(&folder, RecursiveMode::NonRecursive).map(|()| w))
            .ok();
        Follow {
            path: path.to_path_buf(),
            name: path.file_name().unwrap_or_default().to_owned(),
            _watcher: watcher,
            changes,
            dirty: None,
            reading: None,
            input,
        }
    }

    /// Asks for the file to be read again now (after annals wrote it, or when its store
    /// found a text changed).
    pub fn touch(&mut self) {
        self.dirty.get_or_insert_with(Instant::now);
    }

    /// Looks at what happened since the last call; a new version read, or why it could not
    /// be, when there is one, with when its reading began.
    pub fn poll(&mut self) -> Option<(Instant, Result<Dataset, LoadError>)> {
        loop {
            match self.changes.try_recv() {
                Ok(Ok(event)) => {
                    let ours = event
                        .paths
                        .iter()
                        .any(|p| p.file_name() == Some(self.name.as_os_str()));
                    let access = matches!(event.kind, notify::EventKind::Access(_));
                    if ours && !access {
                        self.dirty = Some(Instant::now());
                    }
                }
                Ok(Err(_)) => self.touch(),
                Err(_) => break,
            }
        }
        if let Some((began, reading)) = &self.reading {
            return match reading.try_recv() {
                Ok(result) => {
                    let began = *began;
                    self.reading = None;
                    Some((began, result))
                }
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => {
                    self.reading = None;
                    None
                }
            };
        }
        if self.dirty.is_some_and(|t| t.elapsed() >= SETTLE) {
            self.dirty = None;
            let (send, receive) = mpsc::channel();
            let path = self.path.clone();
            let input = self.input.clone();
            std::thread::spawn(move || {
                let quiet = &mut |_| std::ops::ControlFlow::Continue(());
                let read = load::open(&path, &input, load::Reading::Auto, quiet);
                let _ = send.send(read.map(|(data, _)| data));
            });
            self.reading = Some((Instant::now(), receive));
        }
        None
    }

    /// Whether something is waiting to be read or being read (the event loop then looks
    /// again soon).
    pub fn busy(&self) -> bool {
        self.dirty.is_some() || self.reading.is_some()
    }
}

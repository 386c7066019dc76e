//! Reading and validating `annals/1` datasets.
//!
//! `read` is the one place where a file's format is recognised and handed to its reader;
//! every reader yields the same `Dataset` and reports the same `Problem`s.
//!
//! The bytes are checked to be UTF-8, then read in one pass (`stream`): serde reads the top
//! level and the actors and sources, then each event in turn, which is checked and turned into
//! a model `Event` at once (a syntax error stops here, with line and column). Every semantic
//! problem (ids, references, dates, empty titles) is collected, and reported all at once. A
//! value of the wrong type, an unknown or a missing field stops serde too: only then is the
//! file walked field by field (`shape`), so that those problems are reported with the others.
//! A file whose events come before its actors or sources is read twice: the events are only
//! known once the records they name are.
//!
//! Nothing long is copied: an event's title, summary, quotes and notes stay where they lie in
//! the bytes read (a file is mapped into memory), and `Dataset::text` reads them when needed.
//! A big file is parsed on one thread while a second checks the events, and reports its
//! progress to a hook, which may cancel the load.

mod check;
mod error;
pub mod inputs;
mod progress;
mod raw;
mod shape;
pub mod spans;
mod stream;

use std::ops::ControlFlow;
use std::path::Path;

pub use error::{LoadError, PROBLEMS_SHOWN, Problem, RecordKind, line_column};
pub use progress::{Pace, Progress, thousands};
pub(crate) use stream::sort_events;

use crate::import;
use crate::model::{Dataset, Store};

/// The curated dataset, built into the binary.
pub const BUILTIN_JSON: &str = include_str!("../../data/moscow-washington.json");
/// The name the built-in dataset goes by in messages.
pub const BUILTIN_NAME: &str = "built-in dataset";
/// The format tag every dataset carries.
pub const FORMAT: &str = "annals/1";

/// Told of the progress now and then (every `PROGRESS_EVERY` events, and at the end);
/// `Break` cancels the load.
pub type Hook<'h> = dyn FnMut(Progress) -> ControlFlow<()> + 'h;

/// How many events are read between two calls of the progress hook.
pub const PROGRESS_EVERY: usize = 4096;

/// The built-in dataset. It is checked by the test suite, so a failure here is a bug.
pub fn builtin() -> Dataset {
    stream::read(
        Store::from_static(BUILTIN_JSON.as_bytes()),
        BUILTIN_NAME,
        &mut |_| ControlFlow::Continue(()),
    )
    .expect("the built-in dataset is valid")
}

/// Reads and validates a dataset file.
pub fn from_path(path: &Path) -> Result<Dataset, LoadError> {
    from_path_with(path, &mut |_| ControlFlow::Continue(()))
}

/// From this size a regular file is mapped into memory rather than read: below it a copy
/// costs little, and a copy cannot change under annals.
pub const MAP_FROM: u64 = 32 << 20;

/// How a file's bytes are held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Mapped from `MAP_FROM` bytes (a regular file), read whole below.
    Auto,
    /// Mapped whatever the size (a regular file).
    Map,
    /// Read whole.
    Copy,
}

/// Reads and validates a dataset file, telling `hook` how far it has got. A big regular file
/// is mapped into memory rather than copied (see `Store` for how a mapped file that changes is
/// read safely); anything else (a small file, a pipe) is read whole.
pub fn from_path_with(path: &Path, hook: &mut Hook<'_>) -> Result<Dataset, LoadError> {
    from_path_as(path, Reading::Auto, hook)
}

/// `from_path_with`, holding the bytes as `reading` says.
pub fn from_path_as(
    path: &Path,
    reading: Reading,
    hook: &mut Hook<'_>,
) -> Result<Dataset, LoadError> {
    open(path, &import::Options::default(), reading, hook).map(|(d, _)| d)
}

/// Reads a file of any format annals reads (`options` may name it, map its columns…), with
/// the report of what was read, kept and left out.
pub fn open(
    path: &Path,
    options: &import::Options,
    reading: Reading,
    hook: &mut Hook<'_>,
) -> Result<(Dataset, import::Report), LoadError> {
    if inputs::is_several(path) {
        return open_all(&[path.to_path_buf()], options, hook);
    }
    let name = path.display().to_string();
    let io = |source| LoadError::Io {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    let map = meta.is_file()
        && meta.len() > 0
        && match reading {
            Reading::Auto => meta.len() >= MAP_FROM,
            Reading::Map => true,
            Reading::Copy => false,
        };
    let stamp = crate::model::text::FileStamp::of(&meta);
    let store = if map {
        // SAFETY: the map is only read. Another program may change the file while it is
        // open: texts read from it are checked against what was read (`Text::get`), and a
        // read past the end of a file cut short is caught by the store's SIGBUS guard.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        Store::from_map_of(map, file)
    } else {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut bytes).map_err(io)?;
        Store::from_vec(bytes)
    };
    read(store.stamped(stamp), &name, options, hook)
}

/// Whether `path` is a stream that can be read only once, to its end, before anything else:
/// `-` (standard input), a named pipe, a character device (`/dev/stdin`). Opening a named
/// pipe waits for a writer, so this looks at its metadata only.
pub fn is_stream(path: &Path) -> bool {
    if path.as_os_str() == "-" {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(path).is_ok_and(|m| {
            let t = m.file_type();
            t.is_fifo() || t.is_char_device() || t.is_socket()
        })
    }
    #[cfg(not(unix))]
    false
}

/// Reads a stream (`is_stream`) to its end, telling `progress` how many bytes so far. A
/// stream that never ends is stopped by the caller's Ctrl-C (the terminal is not taken yet).
pub fn read_stream(path: &Path, progress: &mut dyn FnMut(u64)) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let name = stream_name(path);
    let io = |source| LoadError::Io {
        path: name.clone(),
        source,
    };
    let mut reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(io)?)
    };
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                progress(bytes.len() as u64);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        }
    }
    Ok(bytes)
}

/// What a stream is called in messages: `standard input` for `-`, else its path.
pub fn stream_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a dataset of any format from bytes read elsewhere (a stream); `name` is used in
/// messages.
pub fn from_bytes(
    bytes: Vec<u8>,
    name: &str,
    options: &import::Options,
    hook: &mut Hook<'_>,
) -> Result<(Dataset, import::Report), LoadError> {
    read(Store::from_vec(bytes), name, options, hook)
}

/// Reads several files, a folder or a zip archive as one dataset (see `inputs`): a day of
/// GDELT exports, a table split in parts. One path that is a plain file is read by `open`.
pub fn open_all(
    paths: &[std::path::PathBuf],
    options: &import::Options,
    hook: &mut Hook<'_>,
) -> Result<(Dataset, import::Report), LoadError> {
    if let [one] = paths
        && !inputs::is_several(one)
    {
        return open(one, options, Reading::Auto, hook);
    }
    let name = match paths {
        [one] => one.display().to_string(),
        _ => format!(
            "{} and {} more",
            paths
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            paths.len().saturating_sub(1)
        ),
    };
    let files = inputs::gather(paths)?;
    let format = match options.format {
        Some(f) => f,
        None => {
            let (first, bytes) = files.first().ok_or_else(|| LoadError::Import {
                path: name.clone(),
                message: "there is no file to read".to_string(),
            })?;
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 << 10)]);
            import::Format::detect(&head).map_err(|looked_like| LoadError::Unrecognised {
                path: first.clone(),
                looked_like,
            })?
        }
    };
    let mut joined = inputs::join(files, format, &name)?;
    let options = import::Options {
        format: Some(format),
        ..options.clone()
    };
    let bytes = std::mem::take(&mut joined.bytes);
    let (data, mut report) = read_in(
        Store::from_vec(bytes),
        &name,
        &joined.regions,
        &options,
        hook,
    )?;
    joined.relocate(&mut report.dropped);
    Ok((data, report))
}

/// Parses and validates a dataset held in memory; `name` is used in messages.
pub fn from_str(text: &str, name: &str) -> Result<Dataset, LoadError> {
    let store = Store::from_vec(text.as_bytes().to_vec());
    read(store, name, &import::Options::default(), &mut |_| {
        ControlFlow::Continue(())
    })
    .map(|(d, _)| d)
}

/// Reads a dataset from `store`, telling `hook` how far it has got. This is the one place
/// where a format is recognised (from the content, unless `options` names it) and handed to
/// its reader: annals/1 to `stream`, the others to `import`. Every reader yields the same
/// `Dataset`; the report says what was read, kept and left out.
fn read(
    store: Store,
    name: &str,
    options: &import::Options,
    hook: &mut Hook<'_>,
) -> Result<(Dataset, import::Report), LoadError> {
    read_in(store, name, &[(name.to_string(), 0)], options, hook)
}

/// `read`, of bytes made of several files (`regions`: where each begins).
fn read_in(
    store: Store,
    name: &str,
    regions: &[(String, usize)],
    options: &import::Options,
    hook: &mut Hook<'_>,
) -> Result<(Dataset, import::Report), LoadError> {
    let format = match options.format {
        Some(f) => f,
        None => {
            let bytes = store.bytes();
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 << 10)]);
            import::Format::detect(&head).map_err(|looked_like| LoadError::Unrecognised {
                path: name.to_string(),
                looked_like,
            })?
        }
    };
    if format == import::Format::Annals {
        let data = stream::read(store, name, hook)?;
        let mut report = import::Report::new(import::Format::Annals.name());
        (report.read, report.kept) = (data.events.len(), data.events.len());
        return Ok((data, report));
    }
    // Parquet is binary: read from the bytes, not as text.
    if format == import::Format::Parquet {
        return import::import("", &store, name, regions, format, options, hook);
    }
    let text = text(&store, name)?;
    import::import(text, &store, name, regions, format, options, hook)
}

/// The bytes as text, a byte order mark left out; where they are not UTF-8, said with line
/// and column.
fn text<'s>(store: &'s Store, name: &str) -> Result<&'s str, LoadError> {
    const BOM: &str = "\u{feff}";
    let bytes = store.bytes();
    let bom = if bytes.starts_with(BOM.as_bytes()) {
        BOM.len()
    } else {
        0
    };
    match store.check_utf8() {
        Ok(all) => Ok(&all[bom..]),
        Err(at) => {
            let (line, column) = line_column(&bytes[bom..], at.saturating_sub(bom));
            Err(LoadError::Json {
                path: name.to_string(),
                line,
                column,
                kind: "not UTF-8",
                message: "the file must be UTF-8 text".to_string(),
            })
        }
    }
}

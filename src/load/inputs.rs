//! Several files read as one dataset: a folder, a zip archive (GDELT publishes its exports
//! zipped), or several paths — a day of GDELT is 96 files. Their bytes are put one after the
//! other, each file's place remembered so that a problem names the file and its line, and a
//! header line repeated at the top of each file is kept once. Only formats of one record a
//! line can be joined (GDELT exports, CSV/TSV tables, Timesketch, plaso, JSON Lines).

use std::io::Read;
use std::path::{Path, PathBuf};

use super::LoadError;
use crate::import::Format;

/// The bytes of each file: (name for messages, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// Where each file of joined bytes begins: (name, byte).
pub type Regions = Vec<(String, usize)>;

/// Whether a path is read through this module: a folder or a zip archive.
pub fn is_several(path: &Path) -> bool {
    path.is_dir() || is_zip(path)
}

/// Whether a file starts as a zip archive does.
fn is_zip(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"PK\x03\x04"
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> LoadError + '_ {
    move |source| LoadError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The files `paths` name, in order: a folder's files by name (not its folders, nor hidden
/// files, nor those whose name begins with `_`, as Spark's `_SUCCESS` and `_metadata`), a zip archive's files in the archive's order, any other file itself.
pub fn gather(paths: &[PathBuf]) -> Result<Files, LoadError> {
    let mut files = Files::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(io(path))?;
        if meta.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(io(path))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| !n.starts_with(['.', '_']))
                })
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(LoadError::Import {
                    path: path.display().to_string(),
                    message: "the folder has no files".to_string(),
                });
            }
            for p in inside {
                file(&p, &mut files)?;
            }
        } else {
            file(path, &mut files)?;
        }
    }
    Ok(files)
}

fn file(path: &Path, files: &mut Files) -> Result<(), LoadError> {
    if is_zip(path) {
        return unzip(path, files);
    }
    let bytes = std::fs::read(path).map_err(io(path))?;
    files.push((name_of(path), bytes));
    Ok(())
}

fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Every file of a zip archive. A damaged or cut archive is an error that says so.
fn unzip(path: &Path, files: &mut Files) -> Result<(), LoadError> {
    let bad = |e: zip::result::ZipError| LoadError::Import {
        path: path.display().to_string(),
        message: format!("cannot read the zip archive: {e}"),
    };
    let f = std::fs::File::open(path).map_err(io(path))?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(bad)?;
    let before = files.len();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(bad)?;
        if entry.is_dir() {
            continue;
        }
        let inner = entry
            .name()
            .map_or_else(|_| format!("file {}", i + 1), |n| n.into_owned());
        let name = format!("{}:{inner}", name_of(path));
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0).min(1 << 30));
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError::Import {
                path: path.display().to_string(),
                message: format!("cannot read {inner} in the zip archive: {e}"),
            })?;
        files.push((name, bytes));
    }
    if files.len() == before {
        return Err(LoadError::Import {
            path: path.display().to_string(),
            message: "the zip archive has no files".to_string(),
        });
    }
    Ok(())
}

/// Whether files of this format can be read one after the other as one.
fn joinable(format: Format) -> bool {
    !matches!(
        format,
        Format::Annals | Format::TimelineJs | Format::TimelineJs2
    )
}

/// Files read as one: their bytes, where each begins, and how to name a line of the whole.
pub struct Joined {
    pub bytes: Vec<u8>,
    pub regions: Regions,
    /// Each file's name, the line of the whole its first line is, and the lines left out
    /// before it (a repeated header).
    lines: Vec<(String, usize, usize)>,
}

impl Joined {
    /// `line N` of the whole as `FILE line M`, in the problems a reader reported.
    pub fn relocate(&self, dropped: &mut [(String, String)]) {
        if self.lines.len() < 2 {
            return;
        }
        for (at, _) in dropped {
            let Some(n) = at
                .strip_prefix("line ")
                .and_then(|n| n.parse::<usize>().ok())
            else {
                continue;
            };
            if let Some((file, first, skipped)) =
                self.lines.iter().rev().find(|(_, first, _)| *first <= n)
            {
                *at = format!("{file} line {}", n - first + 1 + skipped);
            }
        }
    }
}

/// The files' bytes one after the other, and where each begins; a first line that repeats
/// the first file's (a header) left out. `name` is what the whole is called in messages.
pub fn join(files: Files, format: Format, name: &str) -> Result<Joined, LoadError> {
    if files.len() > 1 && !joinable(format) {
        return Err(LoadError::Import {
            path: name.to_string(),
            message: format!(
                "{} files are read one at a time; several are read as one only for GDELT \
                 exports, Parquet, tables, Timesketch, plaso and JSON Lines",
                format.name()
            ),
        });
    }
    // Parquet files are kept whole, one after the other: each is read on its own.
    let binary = format == Format::Parquet;
    let header: Vec<u8> = match format {
        // A raw GDELT export has no header; an engine's CSV parts each have one.
        Format::Gdelt
            if files.first().is_none_or(|(_, b)| {
                crate::import::gdelt::is_raw_row(&String::from_utf8_lossy(first_line(b)))
            }) =>
        {
            Vec::new()
        }
        Format::Jsonl | Format::Parquet => Vec::new(),
        _ => files
            .first()
            .map(|(_, b)| first_line(b).to_vec())
            .unwrap_or_default(),
    };
    let total: usize = files.iter().map(|(_, b)| b.len() + 1).sum();
    let mut all = Vec::with_capacity(total);
    let mut regions = Vec::with_capacity(files.len());
    let mut lines = Vec::with_capacity(files.len());
    let mut line = 1;
    for (i, (file, bytes)) in files.into_iter().enumerate() {
        let mut body: &[u8] = &bytes;
        let mut skipped = 0;
        if i > 0 && !header.is_empty() && first_line(body) == header.as_slice() {
            body = &body[header.len()..];
            body = body.strip_prefix(b"\r").unwrap_or(body);
            body = body.strip_prefix(b"\n").unwrap_or(body);
            skipped = 1;
        }
        if !binary {
            // The lines of the file before this one.
            let from = regions
                .last()
                .map_or(0, |(_, start): &(String, usize)| *start);
            line += memchr::memchr_iter(b'\n', &all[from..]).count();
        }
        lines.push((file.clone(), line, skipped));
        regions.push((file, all.len()));
        all.extend_from_slice(body);
        if !binary && !all.is_empty() && !all.ends_with(b"\n") {
            all.push(b'\n');
        }
    }
    Ok(Joined {
        bytes: all,
        regions,
        lines,
    })
}

fn first_line(bytes: &[u8]) -> &[u8] {
    let end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let line = &bytes[..end];
    line.strip_suffix(b"\r").unwrap_or(line)
}

//! The safe file writer: a temporary file in the target folder, renamed into place, so a
//! failed export leaves no partial file and an existing file is replaced whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written. The messages name the path and what to do.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists; choose another name or overwrite it", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: the folder {} does not exist", .path.display(), .dir.display())]
    NoFolder { path: PathBuf, dir: PathBuf },
    #[error("cannot write {}: {} is a file, not a folder", .path.display(), .dir.display())]
    ParentNotAFolder { path: PathBuf, dir: PathBuf },
    #[error("cannot write {}: it is a folder", .0.display())]
    IsFolder(PathBuf),
    #[error("cannot write {}: it is {what}, not a file; annals replaces only files", .path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `contents` to `path` through a temporary file in the same folder, synced and then
/// renamed. Without `overwrite`, an existing file is an error and is left untouched (the
/// rename itself refuses to replace a file that appeared meanwhile).
pub fn write_file(path: &Path, contents: &[u8], overwrite: bool) -> Result<(), WriteError> {
    let io = |source: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if dir.exists() && !dir.is_dir() {
        return Err(WriteError::ParentNotAFolder {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(WriteError::NoFolder {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        });
    }
    if path.is_dir() {
        return Err(WriteError::IsFolder(path.to_path_buf()));
    }
    let existing = std::fs::metadata(path).ok();
    if existing.is_some() && !overwrite {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    // What is there, not what a link points to: a link's own entry is replaced, as a file is.
    if let Ok(entry) = std::fs::symlink_metadata(path)
        && !entry.file_type().is_file()
        && !entry.file_type().is_symlink()
    {
        return write_into(path, &entry.file_type(), contents);
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".annals-export-").suffix(".tmp");
    // A temporary file is private (0600) by default; the export is a document: new files get
    // 0666 less the umask, like any file an editor saves.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(contents).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // A replaced file keeps its permissions.
    if let Some(m) = &existing {
        tmp.as_file().set_permissions(m.permissions()).map_err(io)?;
    }
    let persisted = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    // On failure the temporary file is dropped, which deletes it.
    persisted.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
        _ => io(e.error),
    })?;
    Ok(())
}

/// `--force` onto something that is not a file: a device or a pipe (`-o /dev/stdout`, a FIFO
/// another program reads) is written into, as a shell's `>` would; nothing is renamed over
/// it. A socket or anything else is refused.
fn write_into(path: &Path, kind: &std::fs::FileType, contents: &[u8]) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let refused = if kind.is_char_device() || kind.is_fifo() {
            None
        } else if kind.is_block_device() {
            Some("a block device")
        } else if kind.is_socket() {
            Some("a socket")
        } else {
            Some("not a regular file")
        };
        if let Some(what) = refused {
            return Err(WriteError::NotAFile {
                path: path.to_path_buf(),
                what,
            });
        }
        let io = |source: std::io::Error| WriteError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(io)?;
        f.write_all(contents).map_err(io)?;
        f.flush().map_err(io)?;
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = (kind, contents);
        Err(WriteError::NotAFile {
            path: path.to_path_buf(),
            what: "not a regular file",
        })
    }
}

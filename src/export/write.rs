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
    #[error("cannot write {}: it is a folder", .0.display())]
    IsFolder(PathBuf),
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

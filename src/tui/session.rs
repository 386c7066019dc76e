//! Where sessions are kept and how they are found: one small JSON file per dataset in the
//! user's state folder (`$XDG_STATE_HOME/annals/sessions/`, through `directories`), named by a
//! digest of the dataset's content, so that a file moved or renamed finds its session; a file
//! whose content changed (edited in annals or elsewhere) finds it by its path instead.
//! A session that cannot be read is passed over with a one-line notice, never an error.

use std::path::{Path, PathBuf};

use super::app::Session;
use super::app::session_version;

/// The folder sessions are kept in: the user's state folder, or `None` when there is none
/// (no home folder).
pub fn dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "annals")?;
    let base = dirs
        .state_dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
    Some(base.join("sessions"))
}

/// The name a dataset's session goes by: a digest (FNV-1a, 64 bits) of its size and of its
/// first and last mebibyte, which is enough to tell datasets apart and costs nothing at a
/// gigabyte.
pub fn key(bytes: &[u8]) -> String {
    const PART: usize = 1 << 20;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: &[u8]| {
        for &x in b {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(&(bytes.len() as u64).to_le_bytes());
    eat(&bytes[..bytes.len().min(PART)]);
    eat(&bytes[bytes.len().saturating_sub(PART)..]);
    format!("{h:016x}")
}

/// The session of a dataset: by its content's `key`, else by its `path`. `Err` is the notice
/// to show when a session was there but could not be used.
pub fn load(dir: &Path, key: &str, path: &str) -> Result<Option<Session>, String> {
    let file = dir.join(format!("{key}.json"));
    let by_key = match std::fs::read_to_string(&file) {
        Ok(text) => Some(parse(&text)?),
        Err(_) => None,
    };
    if by_key.is_some() {
        return Ok(by_key);
    }
    // The content changed since: the newest session kept for the same file.
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(None);
    };
    let mut found: Option<(std::time::SystemTime, Session)> = None;
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Ok(s) = parse(&text) else { continue };
        if s.path.as_deref() != Some(path) {
            continue;
        }
        let when = entry
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        if found.as_ref().is_none_or(|(t, _)| when > *t) {
            found = Some((when, s));
        }
    }
    Ok(found.map(|(_, s)| s))
}

fn parse(text: &str) -> Result<Session, String> {
    let s: Session = serde_json::from_str(text)
        .map_err(|e| format!("the saved session could not be read ({e}); starting afresh"))?;
    if s.version != session_version() {
        return Err(format!(
            "the saved session is of another version ({}); starting afresh",
            s.version
        ));
    }
    Ok(s)
}

/// Keeps a session under `key`, for the file at `path`; a session kept for the same file
/// under an older key (`previous`) goes.
pub fn save(
    dir: &Path,
    key: &str,
    path: &str,
    session: &Session,
    previous: Option<&str>,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let session = Session {
        path: Some(path.to_string()),
        ..session.clone()
    };
    let text = serde_json::to_string_pretty(&session).expect("a session is JSON");
    crate::export::write_file(&dir.join(format!("{key}.json")), text.as_bytes(), true)
        .map_err(|e| e.to_string())?;
    if let Some(old) = previous.filter(|old| *old != key) {
        let _ = std::fs::remove_file(dir.join(format!("{old}.json")));
    }
    Ok(())
}

//! Where a dataset's texts live. A dataset keeps the bytes it was read from (`Store`: the
//! built-in text, a copy, or a file mapped into memory), and a title, summary, quote or note is
//! a `Text`: where it lies in those bytes, or the text itself when it had to be unescaped.
//! Nothing is copied at load time, so a million events cost little more than their dates,
//! ids and references.
//!
//! A mapped file may be changed by another program while annals has it open (an editor
//! writing in place, `>` truncating it). Its texts are therefore never trusted: each carries a
//! check of its bytes, taken when it was read, and a text whose bytes no longer pass it (or
//! are no longer UTF-8) reads as `CHANGED` and marks the store stale, so that the file is read
//! again. A read past the end of a file cut short is caught by `guard` instead of stopping
//! annals. Static and held bytes cannot change, and are read without checks.

#[cfg(unix)]
mod guard;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a text of a mapped file reads as once the file has changed under it.
pub const CHANGED: &str = "⟨the file changed on disk; reading it again⟩";

/// How much text is checked to be UTF-8 at a time (from twice as much, in two halves on two
/// threads). Smaller in unit tests, so that they check several chunks and halves quickly.
#[cfg(not(test))]
const UTF8_CHUNK: usize = 16 << 20;
#[cfg(test)]
const UTF8_CHUNK: usize = 4 << 10;

/// Where the character that `at` lies in starts, for splitting UTF-8 into pieces that can be
/// checked apart: at most three continuation bytes back, and never before `floor` (more in a
/// row are not UTF-8, which the check of the next piece then reports).
fn char_start(bytes: &[u8], mut at: usize, floor: usize) -> usize {
    let floor = at.saturating_sub(3).max(floor);
    while at > floor && at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
}

/// The bytes a dataset was read from, shared by every copy of the dataset.
#[derive(Clone)]
pub struct Store(Arc<Inner>);

struct Inner {
    bytes: Bytes,
    /// Set once every byte has been checked to be UTF-8 (loading does it).
    utf8: std::sync::OnceLock<()>,
    /// A text no longer passed its check: the file changed under annals.
    stale: AtomicBool,
    /// The file the bytes were read from, as it was then.
    stamp: Option<FileStamp>,
    /// Texts made while reading (an import's texts that are not in the file as they are),
    /// placed after the bytes: a place at or past `bytes.len()` is in here. Never changes.
    made: std::sync::OnceLock<String>,
}

/// What a file was when it was read: enough to tell, later, that it was changed or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
    /// The file itself (device and inode): a file replaced by another is another file.
    pub identity: (u64, u64),
}

impl FileStamp {
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let identity = (0, 0);
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            identity,
        }
    }
}

enum Bytes {
    Static(&'static [u8]),
    /// Held as read (not shrunk: shrinking a big buffer would copy it).
    Heap(Vec<u8>),
    Mapped {
        // Declared first, so that the guard is let go before the mapping is unmapped.
        #[cfg(unix)]
        _guard: guard::Guarded,
        map: memmap2::Mmap,
        /// The file itself, kept open when it can be (see `Text::copy_into`).
        file: Option<std::fs::File>,
    },
}

impl Store {
    fn new(bytes: Bytes) -> Store {
        Store(Arc::new(Inner {
            bytes,
            utf8: std::sync::OnceLock::new(),
            stale: AtomicBool::new(false),
            stamp: None,
            made: std::sync::OnceLock::new(),
        }))
    }

    /// The same bytes, known to have been read from a file that was then as `stamp` says.
    pub fn stamped(self, stamp: FileStamp) -> Store {
        match Arc::try_unwrap(self.0) {
            Ok(mut inner) => {
                inner.stamp = Some(stamp);
                Store(Arc::new(inner))
            }
            Err(shared) => Store(shared),
        }
    }

    /// What the file was when it was read, when the bytes came from one.
    pub fn stamp(&self) -> Option<&FileStamp> {
        self.0.stamp.as_ref()
    }

    pub fn from_static(bytes: &'static [u8]) -> Store {
        Store::new(Bytes::Static(bytes))
    }

    pub fn from_vec(bytes: Vec<u8>) -> Store {
        Store::new(Bytes::Heap(bytes))
    }

    /// A file mapped into memory, under the SIGBUS guard; its texts are checked at each read.
    pub fn from_map(map: memmap2::Mmap) -> Store {
        Store::new(Bytes::Mapped {
            #[cfg(unix)]
            _guard: guard::guard(map.as_ptr(), map.len()),
            map,
            file: None,
        })
    }

    /// A file mapped into memory, kept open beside its mapping so that texts can also be read
    /// from it without mapping its pages in (`Text::copy_into`).
    pub fn from_map_of(map: memmap2::Mmap, file: std::fs::File) -> Store {
        Store::new(Bytes::Mapped {
            #[cfg(unix)]
            _guard: guard::guard(map.as_ptr(), map.len()),
            map,
            file: Some(file),
        })
    }

    /// Keeps `texts` after the bytes, once: a text at `bytes().len() + i` is `texts[i..]`.
    /// Gives the texts back when some were kept already.
    pub fn keep_made(&self, texts: String) -> Result<(), String> {
        self.0.made.set(texts)
    }

    /// Where the next text kept by `keep_made` begins.
    pub fn made_start(&self) -> usize {
        self.bytes().len()
    }

    pub fn bytes(&self) -> &[u8] {
        match &self.0.bytes {
            Bytes::Static(b) => b,
            Bytes::Heap(b) => b,
            Bytes::Mapped { map, .. } => map,
        }
    }

    /// Whether the bytes may change under annals (a mapped file): its texts carry checks.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0.bytes, Bytes::Mapped { .. })
    }

    /// Whether a text was found changed since the file was read: it must be read again.
    pub fn is_stale(&self) -> bool {
        if !self.0.stale.load(Ordering::Relaxed) && self.is_mapped() && take_damage() {
            self.mark_stale();
        }
        self.0.stale.load(Ordering::Relaxed)
    }

    fn mark_stale(&self) {
        self.0.stale.store(true, Ordering::Relaxed);
    }

    /// Checks that every byte is UTF-8, a chunk at a time (giving each chunk's pages back
    /// when the bytes are mapped), so that a parser need not check each string again; the
    /// offset of the first byte that is not, otherwise. Held bytes are then trusted to stay
    /// UTF-8; a mapped file is not (another program could rewrite it while it is open), so
    /// its texts are checked again each time they are read. Big bytes are checked in two
    /// halves on two threads: the parser waits for the check, and the check is mostly the
    /// time taken to bring the file's pages in.
    pub fn check_utf8(&self) -> Result<&str, usize> {
        let bytes = self.bytes();
        let checked = if bytes.len() >= 2 * UTF8_CHUNK {
            let half = char_start(bytes, bytes.len() / 2, 1);
            std::thread::scope(|scope| {
                let second = scope.spawn(|| self.check_between(half, bytes.len()));
                let first = self.check_between(0, half);
                let second = second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                first.and(second)
            })
        } else {
            self.check_between(0, bytes.len())
        };
        checked?;
        if !self.is_mapped() {
            let _ = self.0.utf8.set(());
        }
        // SAFETY: every byte was just checked to be UTF-8, chunk by chunk, and the chunks end
        // on character boundaries.
        Ok(unsafe { std::str::from_utf8_unchecked(bytes) })
    }

    /// `check_utf8` of the bytes between `start` and `end` (which start a character, or lie
    /// in bytes that are not UTF-8: see `char_start`).
    fn check_between(&self, mut start: usize, end: usize) -> Result<(), usize> {
        let bytes = self.bytes();
        while start < end {
            let stop = char_start(bytes, (start + UTF8_CHUNK).min(end), start + 1);
            if let Err(e) = simdutf8::compat::from_utf8(&bytes[start..stop]) {
                return Err(start + e.valid_up_to());
            }
            self.release_range(start, stop);
            start = stop;
        }
        Ok(())
    }

    /// The bytes as text, once they have been checked to be UTF-8.
    fn as_str(&self) -> Option<&str> {
        self.0.utf8.get()?;
        // SAFETY: `utf8` is only set by `check_utf8` after every byte was checked, and only
        // for bytes that cannot change (static or held ones, never a mapped file).
        Some(unsafe { std::str::from_utf8_unchecked(self.bytes()) })
    }

    /// `release_before` for the pages between `start` and `end` only (rounded inwards to
    /// whole pages): what a reader on one thread of several has read.
    pub(crate) fn release_range(&self, start: usize, end: usize) {
        #[cfg(unix)]
        if let Bytes::Mapped { map, .. } = &self.0.bytes {
            const PAGE: usize = 1 << 16;
            let first = start.div_ceil(PAGE) * PAGE;
            let last = (end.min(map.len()) / PAGE) * PAGE;
            if last > first {
                // SAFETY: as in `release_before`: a read-only shared mapping, whose pages come
                // back unchanged from the page cache when read again.
                unsafe {
                    let _ = map.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        first,
                        last - first,
                    );
                }
            }
        }
        #[cfg(not(unix))]
        let _ = (start, end);
    }

    /// Lets the kernel take back the pages of a mapped file before `end` (rounded down to a
    /// page): they stay in the page cache and come back, unchanged, when read again. Loading
    /// calls this behind the parser, so the file's bytes do not stay in the process's
    /// memory once they have been read. Does nothing for bytes that are not mapped.
    pub(crate) fn release_before(&self, end: usize) {
        #[cfg(unix)]
        if let Bytes::Mapped { map, .. } = &self.0.bytes {
            const PAGE: usize = 1 << 16; // a multiple of every page size Linux uses
            let len = (end.min(map.len()) / PAGE) * PAGE;
            if len > 0 {
                // SAFETY: the map is a read-only shared mapping of a file, so its pages are
                // never dirty. MADV_DONTNEED only drops them from this process; the next read
                // faults them back in from the page cache (or the file) with the same bytes,
                // so every slice borrowed from the map keeps its contents. The result is
                // ignored: if the kernel declines, the pages simply stay.
                unsafe {
                    let _ = map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, 0, len);
                }
            }
        }
        #[cfg(not(unix))]
        let _ = end;
    }
}

/// Reads `len` bytes of `file` at `start` onto the end of `out`; false when they could not all
/// be read (the file was cut short, or reading failed), `out` then as it was.
#[cfg(unix)]
fn read_at(file: &std::fs::File, start: u64, len: usize, out: &mut Vec<u8>) -> bool {
    use std::os::unix::fs::FileExt;
    let was = out.len();
    out.resize(was + len, 0);
    let read = file.read_exact_at(&mut out[was..], start).is_ok();
    if !read {
        out.truncate(was);
    }
    read
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({} bytes)", self.bytes().len())
    }
}

/// Whether a guarded mapping had a page replaced (some mapped file was cut short).
fn take_damage() -> bool {
    #[cfg(unix)]
    return guard::take_damage();
    #[cfg(not(unix))]
    false
}

/// A text of a dataset: a place in its `Store`, or the text itself when it was written with
/// escapes (so the bytes in the store are not the text) or lies beyond 4 GiB. A place in a
/// mapped file carries a check of its bytes (0 elsewhere). Sixteen bytes either way (a held
/// text is behind a thin pointer): a million events hold several million texts.
#[derive(Clone, Debug)]
pub enum Text {
    At { start: u32, len: u32, check: u32 },
    Held(Box<Box<str>>),
}

const _: () = assert!(std::mem::size_of::<Text>() == 16);

/// The check of a text's bytes: a 32-bit hash, enough to tell a text from what replaced it.
pub fn check(bytes: &[u8]) -> u32 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    let x = h.finish();
    (x ^ (x >> 32)) as u32
}

impl Text {
    /// A text read from `base`: kept as a place when `text` is a slice of `base`, with a
    /// check of its bytes when `checked` (the bytes may change: a mapped file).
    pub fn new(text: std::borrow::Cow<'_, str>, base: &[u8], checked: bool) -> Text {
        if let std::borrow::Cow::Borrowed(s) = text {
            let start = (s.as_ptr() as usize).wrapping_sub(base.as_ptr() as usize);
            if start <= base.len()
                && s.len() <= base.len() - start
                && let (Ok(start), Ok(len)) = (u32::try_from(start), u32::try_from(s.len()))
            {
                let check = if checked { check(s.as_bytes()) } else { 0 };
                return Text::At { start, len, check };
            }
        }
        Text::Held(Box::new(text.into_owned().into_boxed_str()))
    }

    /// The text itself, read from `store` when it is a place in it. A text of a mapped file
    /// that changed reads as `CHANGED` (and marks the store stale), never as other bytes.
    pub fn get<'a>(&'a self, store: &'a Store) -> &'a str {
        match self {
            Text::Held(s) => s,
            Text::At {
                start,
                len,
                check: c,
            } => {
                let (start, len) = (*start as usize, *len as usize);
                if let Some(at) = start.checked_sub(store.made_start())
                    && let Some(made) = store.0.made.get()
                {
                    return made
                        .get(at..at + len)
                        .expect("a made text's place was taken when it was kept");
                }
                if let Some(all) = store.as_str() {
                    // Slicing checked text only checks that both ends are character
                    // boundaries: O(1), where checking the bytes would be O(len).
                    return all
                        .get(start..start + len)
                        .expect("a text's place was taken from a string of the same store");
                }
                let bytes = store.bytes().get(start..start + len).unwrap_or_default();
                match std::str::from_utf8(bytes) {
                    Ok(s) if bytes.len() == len && (!store.is_mapped() || check(bytes) == *c) => s,
                    _ => {
                        store.mark_stale();
                        CHANGED
                    }
                }
            }
        }
    }
}

impl Text {
    /// The text's bytes, as `get` reads them but without checking again that a mapped text
    /// is UTF-8: only that its check still matches (which a text that changed fails, reading
    /// as `CHANGED` and marking the store stale). For readers that take any bytes, a search
    /// folding millions of texts: the check of UTF-8 was a third of its time, and the bytes
    /// were checked when the file was read.
    pub fn bytes<'a>(&'a self, store: &'a Store) -> &'a [u8] {
        match (self, self.mapped_bytes(store)) {
            (Text::At { check: c, .. }, Some(bytes)) => {
                if bytes.len() == self.len() && check(bytes) == *c {
                    bytes
                } else {
                    store.mark_stale();
                    CHANGED.as_bytes()
                }
            }
            _ => self.get(store).as_bytes(),
        }
    }

    /// The bytes at the text's place in a mapped file as they are now, unchecked: they may
    /// have changed, or not be UTF-8. A search folds them first and checks only the texts
    /// that match (`bytes`), so that the check is not paid for every text of a million
    /// events. Anything else reads as `get` does.
    pub fn unchecked_bytes<'a>(&'a self, store: &'a Store) -> &'a [u8] {
        match self.mapped_bytes(store) {
            Some(bytes) => bytes,
            None => self.get(store).as_bytes(),
        }
    }

    /// The bytes at the place of a text of a mapped file (fewer when the map is shorter).
    fn mapped_bytes<'a>(&self, store: &'a Store) -> Option<&'a [u8]> {
        match *self {
            Text::At { start, len, .. }
                if store.is_mapped() && (start as usize) < store.made_start() =>
            {
                let all = store.bytes();
                let start = start as usize;
                Some(&all[start..(start + len as usize).min(all.len())])
            }
            _ => None,
        }
    }

    /// How many bytes the text has (as it was read).
    fn len(&self) -> usize {
        match self {
            Text::At { len, .. } => *len as usize,
            Text::Held(s) => s.len(),
        }
    }

    /// Appends the text to `out`, as `get` reads it. A text of a mapped file is read from the
    /// file with a positioned read rather than through the mapping, so that reading texts
    /// scattered over a big file (a title in every tenth event, for `annals list`) neither
    /// brings the file's pages back into the process's memory (each fault maps the pages
    /// around it too) nor pays a page fault for each. The same check applies: bytes that
    /// changed read as `CHANGED` and mark the store stale. The bytes are checked to be UTF-8
    /// once, here, and handed on as text.
    pub fn copy_into(&self, store: &Store, out: &mut String) {
        #[cfg(unix)]
        if let (
            Text::At {
                start,
                len,
                check: c,
            },
            Bytes::Mapped {
                file: Some(file), ..
            },
        ) = (self, &store.0.bytes)
            && (*start as usize) < store.made_start()
        {
            // SAFETY: the bytes read onto the end of `out` stay only once found to be UTF-8;
            // otherwise `out` is cut back to what it was, text.
            let bytes = unsafe { out.as_mut_vec() };
            let was = bytes.len();
            if read_at(file, u64::from(*start), *len as usize, bytes) {
                let read = &bytes[was..];
                if check(read) == *c && simdutf8::basic::from_utf8(read).is_ok() {
                    return;
                }
                bytes.truncate(was);
            }
            store.mark_stale();
            out.push_str(CHANGED);
            return;
        }
        out.push_str(self.get(store));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn a_slice_of_the_store_is_kept_as_a_place_and_anything_else_is_held() {
        let store = Store::from_vec(b"{\"a\": \"Sergue\xc3\xaf\"}".to_vec());
        let bytes = store.bytes();
        let inner = std::str::from_utf8(&bytes[7..15]).unwrap();
        let at = Text::new(Cow::Borrowed(inner), bytes, false);
        assert!(matches!(
            at,
            Text::At {
                start: 7,
                len: 8,
                ..
            }
        ));
        assert_eq!(at.get(&store), "Sergueï");
        let held = Text::new(Cow::Owned("line\nbreak".into()), bytes, false);
        assert!(matches!(held, Text::Held(_)));
        assert_eq!(held.get(&store), "line\nbreak");
        // A borrowed string from elsewhere is not a place in this store.
        let elsewhere = Text::new(Cow::Borrowed("Sergueï"), bytes, false);
        assert!(matches!(elsewhere, Text::Held(_)));
    }

    /// Bytes big enough to be checked in two halves: the first byte that is not UTF-8 is
    /// found in either half, and characters of several bytes across the middle or across a
    /// chunk's end are not taken for errors.
    #[test]
    fn big_bytes_are_checked_in_halves_and_the_first_bad_byte_is_found() {
        // "é" (2 bytes), "Ж" (2), "€" (3), "𝄞" (4), one after the other: every offset of the
        // middle or of a chunk's end falls in some character or between two.
        let unit = "é Ж € 𝄞 ".as_bytes();
        let mut good = Vec::with_capacity(UTF8_CHUNK * 2 + 64);
        while good.len() < UTF8_CHUNK * 2 + 13 {
            good.extend_from_slice(unit);
        }
        let len = good.len();
        assert!(Store::from_vec(good.clone()).check_utf8().is_ok());
        // One shift more each time: the middle falls on each byte of a character.
        for shift in 0..unit.len() {
            let mut bytes = vec![b'x'; shift];
            bytes.extend_from_slice(&good);
            assert!(Store::from_vec(bytes).check_utf8().is_ok(), "shift {shift}");
        }
        for bad in [3, len / 2 - 1, len / 2 + 2, UTF8_CHUNK + 5, len - 1] {
            let mut bytes = good.clone();
            // A byte that is never UTF-8, in place of an ASCII space before or at `bad`.
            let at = (0..=bad).rev().find(|&i| bytes[i] == b' ').unwrap();
            bytes[at] = 0xFF;
            // And another, later (where there is room): the first is the one said.
            if at + 8 < len {
                bytes[len - 2] = 0xFE;
            }
            assert_eq!(Store::from_vec(bytes).check_utf8(), Err(at), "bad at {bad}");
        }
    }
}

//! GDELT's raw exports, read on every core: the text is cut into one piece a thread at line
//! ends, each thread reads its rows into a `Part` (tab-separated fields, no quoting: GDELT
//! writes none), and the first thread tells the progress and hears a cancel.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{Layout, Part, RowIn};
use crate::load::{Hook, LoadError, Progress};
use crate::model::{Store, Text};

/// Where each file of a text made of several begins: (name, byte).
pub(crate) type Regions = [(String, usize)];

/// How many rows go by between two looks at progress and cancel.
const EVERY: usize = 8192;

/// Reads the rows of `text` (a slice of `store`'s bytes), a part a thread.
pub(crate) fn read<'a>(
    text: &'a str,
    store: &Store,
    name: &str,
    regions: &Regions,
    layout: &Layout,
    hook: &mut Hook<'_>,
) -> Result<Vec<Part<'a>>, LoadError> {
    let base = (text.as_ptr() as usize).wrapping_sub(store.bytes().as_ptr() as usize);
    let threads = if text.len() < (4 << 20) {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    // Pieces end at line ends.
    let mut bounds = vec![0];
    for k in 1..threads {
        let at = text.len() * k / threads;
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1);
        if end > *bounds.last().expect("a bound") && end < text.len() {
            bounds.push(end);
        }
    }
    bounds.push(text.len());
    let done = AtomicUsize::new(0);
    let rows = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    let checked = store.is_mapped();
    let width = layout.width;
    let piece = |k: usize, report: &mut dyn FnMut(usize, usize) -> bool| {
        let (start, end) = (bounds[k], bounds[k + 1]);
        let estimate = (end - start) / 400 + 16;
        let mut part = Part::new(estimate);
        let mut fields: Vec<&'a str> = Vec::with_capacity(width + 1);
        let mut line = 0usize;
        let mut at = start;
        let mut since = 0usize;
        let mut released = start;
        while at < end {
            let next = memchr::memchr(b'\n', &text.as_bytes()[at..end]).map_or(end, |i| at + i + 1);
            line += 1;
            let row = text[at..next].trim_end_matches(['\n', '\r']);
            let row_at = at;
            at = next;
            if row.is_empty() {
                continue;
            }
            split_tabs(row, width + 1, &mut fields);
            if fields.len() != width {
                part.read += 1;
                let has = if fields.len() > width {
                    format!("more than {width} columns")
                } else {
                    crate::text::plural(fields.len(), "column")
                };
                part.problems.push((
                    place(k, line),
                    format!("it has {has} where GDELT's events have {width}"),
                ));
                continue;
            }
            let r = RowIn::of(&fields, layout);
            let text_at = Text::At {
                start: (base + row_at) as u32,
                len: row.len() as u32,
                check: if checked {
                    crate::model::text::check(row.as_bytes())
                } else {
                    0
                },
            };
            let text_at = if base + row_at + row.len() > u32::MAX as usize {
                Text::Held(Box::new(row.into()))
            } else {
                text_at
            };
            part.add(
                &r,
                text_at,
                || place(k, line),
                |s| Cow::Owned(s.to_string()),
            );
            since += 1;
            if since == EVERY {
                since = 0;
                if !report(at - released, EVERY) {
                    break;
                }
                // The pages behind are given back: the rows' texts come back when shown.
                store.release_range(base + released, base + at.saturating_sub(1 << 20));
                released = at.saturating_sub(1 << 20).max(released);
            }
        }
        report(at - released, since);
        part
    };
    let parts: Vec<Part<'a>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..bounds.len() - 1)
            .map(|k| {
                let (done, rows, cancel) = (&done, &rows, &cancel);
                let piece = &piece;
                scope.spawn(move || {
                    piece(k, &mut |bytes, n| {
                        done.fetch_add(bytes, Ordering::Relaxed);
                        rows.fetch_add(n, Ordering::Relaxed);
                        !cancel.load(Ordering::Relaxed)
                    })
                })
            })
            .collect();
        let mut sent = 0usize;
        let first = piece(0, &mut |bytes, n| {
            sent += bytes;
            rows.fetch_add(n, Ordering::Relaxed);
            let going = hook(Progress {
                bytes: (sent + done.load(Ordering::Relaxed)) as u64,
                total: text.len() as u64,
                events: rows.load(Ordering::Relaxed),
            })
            .is_continue();
            if !going {
                cancel.store(true, Ordering::Relaxed);
            }
            going
        });
        let mut parts = vec![first];
        parts.extend(
            handles
                .into_iter()
                .map(|h| h.join().expect("a reader thread")),
        );
        parts
    });
    if cancel.load(Ordering::Relaxed) {
        return Err(LoadError::Cancelled {
            path: name.to_string(),
        });
    }
    let _ = hook(Progress {
        bytes: text.len() as u64,
        total: text.len() as u64,
        events: rows.load(Ordering::Relaxed),
    });
    let mut parts = parts;
    locate(text, base, &bounds, regions, &mut parts);
    Ok(parts)
}

/// `row`'s fields at tabs into `fields`, at most `most` (the last then holds the rest), as
/// `splitn` does. A plain pass over the bytes: a row's 61 fields are mostly short or empty,
/// where a vector search pays its set-up at every tab (`splitn` with a `char` cost a third
/// of the load).
fn split_tabs<'a>(row: &'a str, most: usize, fields: &mut Vec<&'a str>) {
    fields.clear();
    let mut from = 0;
    for (at, &b) in row.as_bytes().iter().enumerate() {
        if b == b'\t' {
            if fields.len() + 1 == most {
                break;
            }
            // A tab is one byte of ASCII: both sides are whole characters.
            fields.push(&row[from..at]);
            from = at + 1;
        }
    }
    fields.push(&row[from..]);
}

/// A problem's place while threads read: the piece and the line in it.
fn place(piece: usize, line: usize) -> String {
    format!("\u{0}{piece}:{line}")
}

/// Problems' places as people read them: `line 12`, or `FILE line 12` in a text made of
/// several files. Lines are counted only when there are problems.
fn locate(text: &str, base: usize, bounds: &[usize], regions: &Regions, parts: &mut [Part<'_>]) {
    let lines_before = |at: usize| memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count();
    let region_lines: Vec<(String, usize)> = if parts.iter().any(|p| !p.problems.is_empty()) {
        regions
            .iter()
            .map(|(n, start)| (n.clone(), lines_before(start.saturating_sub(base))))
            .collect()
    } else {
        Vec::new()
    };
    for p in parts.iter_mut() {
        for (at, _) in &mut p.problems {
            let Some((piece, line)) = at
                .strip_prefix('\u{0}')
                .and_then(|s| s.split_once(':'))
                .and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)))
            else {
                continue;
            };
            let global = lines_before(bounds[piece]) + line;
            *at = match region_lines.iter().rev().find(|(_, first)| *first < global) {
                Some((name, first)) if regions.len() > 1 => {
                    format!("{name} line {}", global - first)
                }
                _ => format!("line {global}"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tabs_split_as_splitn_does() {
        let mut fields = Vec::new();
        for row in ["a\tb\t\tc", "", "\t", "a\tb\tc\td\te", "é\tü"] {
            for most in 1..6 {
                super::split_tabs(row, most, &mut fields);
                let expected: Vec<&str> = row.splitn(most, '\t').collect();
                assert_eq!(fields, expected, "{row:?} {most}");
            }
        }
    }
}

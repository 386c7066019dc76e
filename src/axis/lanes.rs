//! Lanes: one per actor (or per tag), each event placed on the columns its days cover in a
//! window, events that would overlap stacked on rows of their own.

use super::{Columns, Window, day_number};
use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Dataset, EventIx, ShownIx};

/// What a lane stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Grouping {
    #[default]
    Actor,
    Tag,
}

impl Grouping {
    pub fn toggled(self) -> Grouping {
        match self {
            Grouping::Actor => Grouping::Tag,
            Grouping::Tag => Grouping::Actor,
        }
    }

    /// "actor" / "tag", for titles and messages.
    pub fn name(self) -> &'static str {
        match self {
            Grouping::Actor => "actor",
            Grouping::Tag => "tag",
        }
    }
}

/// An event placed in a lane; or, where many events of the lane one after the other start in
/// the same column (a busy lane zoomed out), one mark for the last of them: the first of
/// those stands for the rest (`through` is the last, `more` how many more), and the mark
/// reaches as far as the furthest of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The event, in the list of events shown.
    pub pos: ShownIx,
    /// The last event of the lane this mark stands for (`pos` when it stands for one).
    pub through: ShownIx,
    /// How many events besides `pos` the mark stands for.
    pub more: u32,
    /// First and last column it covers.
    pub first: u16,
    pub last: u16,
    /// Row within the lane, from 0.
    pub row: usize,
}

/// One lane with the events it holds in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// The actor's name or the tag; empty for events with none.
    pub name: Arc<str>,
    /// Rows used (at least 1).
    pub rows: usize,
    /// In the order of the events shown.
    pub items: Vec<Placed>,
    /// Some items could not get a row of their own and overlap others in the last row.
    pub crowded: bool,
    /// Every event of the lane (in the window or not), in order.
    pub members: Arc<[ShownIx]>,
}

impl Lane {
    /// The mark an event of this lane is drawn in, if it is in the window.
    pub fn item_of(&self, pos: ShownIx) -> Option<&Placed> {
        self.members.binary_search(&pos).ok()?;
        let i = self.items.partition_point(|p| p.through < pos);
        self.items.get(i).filter(|p| p.pos <= pos)
    }
}

/// A lane's events, with what `place` needs to find those of a window without going through
/// them all.
#[derive(Clone, Debug)]
pub struct Group {
    pub name: Arc<str>,
    pub members: Arc<[ShownIx]>,
    /// The first and last drawn day (`day_number`) of each member, where `laid` says.
    /// Placing a window is arithmetic on these, not on dates.
    days: Arc<Days>,
    laid: Laid,
}

/// The days of the members of every lane, one lane after the other in the order of the
/// lanes, as `place` reads them: a window reads a few of each lane's days, and lanes laid
/// out one after the other are read from memory in order, not from as many places as there
/// are lanes (40,000 at a million events of the field shape).
#[derive(Debug, Default)]
struct Days {
    starts: Vec<i64>,
    ends: Vec<i64>,
    /// For each lane whose days are `sorted`, the latest end of each `BLOCK` members in a
    /// row: the members starting before a window that reach into it (an open range reaches
    /// the end of time) are found without going through all those that do not, and the
    /// latest end of a stretch of members without going through them one by one.
    block_ends: Vec<i64>,
}

/// Where a lane's days lie in `Days`, and what is known of them as a whole.
#[derive(Clone, Debug)]
struct Laid {
    /// Where the lane's first and last days begin, and its `Days::block_ends`.
    at: usize,
    blocks_at: usize,
    /// The starts are in order (the events shown are in date order) and no member ends before
    /// it starts: the members starting in a column of a window are then next to each other,
    /// found by binary search, and those starting before it by `block_ends`.
    sorted: bool,
    /// The first and last start and the latest end, kept here so that a lane with nothing
    /// in a window, or all of it, is known as such without reading its members.
    first_start: i64,
    last_start: i64,
    latest_end: i64,
}

impl Days {
    /// Adds a lane's days.
    fn push(&mut self, starts: &[i64], ends: &[i64]) -> Laid {
        let sorted = starts.is_sorted() && starts.iter().zip(ends).all(|(a, b)| a <= b);
        let laid = Laid {
            at: self.starts.len(),
            blocks_at: self.block_ends.len(),
            sorted,
            first_start: starts.first().copied().unwrap_or(i64::MAX),
            last_start: starts.last().copied().unwrap_or(i64::MIN),
            latest_end: ends.iter().copied().max().unwrap_or(i64::MIN),
        };
        self.starts.extend_from_slice(starts);
        self.ends.extend_from_slice(ends);
        if sorted {
            self.block_ends.extend(
                ends.chunks(BLOCK)
                    .map(|c| c.iter().copied().max().unwrap_or(i64::MIN)),
            );
        }
        laid
    }
}

/// Members a `Days::block_ends` entry stands for.
const BLOCK: usize = 32;

impl Group {
    /// A lane with days of its own.
    #[cfg(test)]
    fn new(name: Arc<str>, members: Arc<[ShownIx]>, starts: Vec<i64>, ends: Vec<i64>) -> Group {
        let mut days = Days::default();
        let laid = days.push(&starts, &ends);
        Group {
            name,
            members,
            days: Arc::new(days),
            laid,
        }
    }

    /// The first drawn day of each member.
    fn starts(&self) -> &[i64] {
        &self.days.starts[self.laid.at..self.laid.at + self.members.len()]
    }

    /// The last drawn day of each member.
    fn ends(&self) -> &[i64] {
        &self.days.ends[self.laid.at..self.laid.at + self.members.len()]
    }

    /// The latest end of each `BLOCK` members (none when the days are not `sorted`).
    fn block_ends(&self) -> &[i64] {
        if self.laid.sorted {
            let n = self.members.len().div_ceil(BLOCK);
            &self.days.block_ends[self.laid.blocks_at..self.laid.blocks_at + n]
        } else {
            &[]
        }
    }

    /// The latest end of members `i..j`, or anything from `cap` on once one reaches it.
    fn max_end(&self, i: usize, j: usize, cap: i64) -> i64 {
        let (ends, block_ends) = (self.ends(), self.block_ends());
        let mut best = i64::MIN;
        let mut k = i;
        while k < j && best < cap {
            if k.is_multiple_of(BLOCK) && k + BLOCK <= j && !block_ends.is_empty() {
                best = best.max(block_ends[k / BLOCK]);
                k += BLOCK;
            } else {
                best = best.max(ends[k]);
                k += 1;
            }
        }
        best
    }

    /// Feeds the members in the window, in order, to `runs`: those starting before it one by
    /// one, then those starting in each column as one stretch.
    fn feed_sorted(&self, axis: &Columns, runs: &mut Runs) {
        if self.laid.latest_end < axis.from || self.laid.first_start > axis.to {
            return;
        }
        let (starts, ends, block_ends) = (self.starts(), self.ends(), self.block_ends());
        let lo = if self.laid.first_start >= axis.from {
            0
        } else {
            starts.partition_point(|&d| d < axis.from)
        };
        let hi = if self.laid.last_start <= axis.to {
            starts.len()
        } else {
            lo + starts[lo..].partition_point(|&d| d <= axis.to)
        };
        let mut k = 0;
        while k < lo {
            if k.is_multiple_of(BLOCK) && block_ends[k / BLOCK] < axis.from {
                k += BLOCK;
                continue;
            }
            if ends[k] >= axis.from {
                runs.feed(self, axis, k, k + 1, 0);
            }
            k += 1;
        }
        let mut i = lo;
        while i < hi {
            let c = axis.column(starts[i]);
            let j = if i64::from(c) + 1 >= axis.cols {
                hi
            } else {
                first_at_or_after(starts, i + 1, hi, axis.first_day_of(i64::from(c) + 1))
            };
            runs.feed(self, axis, i, j, c);
            i = j;
        }
    }

    /// Feeds the members in the window to `runs` one by one, going through them all.
    fn feed_all(&self, axis: &Columns, runs: &mut Runs) {
        for (k, (&a, &b)) in self.starts().iter().zip(self.ends()).enumerate() {
            if b < axis.from || a > axis.to {
                continue;
            }
            runs.feed(self, axis, k, k + 1, axis.column(a.max(axis.from)));
        }
    }
}

/// The first index in `from..to` of sorted `v` whose value is `bound` or more (`to` if none),
/// looking near `from` first: a column's members are usually few.
fn first_at_or_after(v: &[i64], from: usize, to: usize, bound: i64) -> usize {
    let mut lo = from;
    let mut step = 1;
    while lo < to && v[lo] < bound {
        let next = (lo + step).min(to);
        if next == to || v[next] >= bound {
            return lo + 1 + v[lo + 1..next].partition_point(|&d| d < bound);
        }
        lo = next;
        step *= 2;
    }
    lo
}

/// The lanes' names and members (positions in `shown`), busiest first: the part of the
/// lanes that depends only on the events shown, which the browser keeps until they change.
/// Lanes come busiest first (over all the events shown, so their order does not change as
/// the window moves), then in order of first appearance; events with no actor (or tag) share
/// a last lane with an empty name. `place` then lays them out in a window.
pub fn groups(data: &Dataset, shown: &[EventIx], grouping: Grouping) -> Vec<Group> {
    // Each lane by its actor's index or its tag's text: no string is copied per event.
    let mut by_key: HashMap<Key<'_>, usize> = HashMap::new();
    let mut keys: Vec<Key<'_>> = Vec::new();
    let mut members: Vec<Vec<ShownIx>> = Vec::new();
    let mut none: Vec<ShownIx> = Vec::new();
    let mut of_event: Vec<Key<'_>> = Vec::new();
    for (pos, &ev) in shown.iter().enumerate() {
        let pos = ShownIx::new(pos);
        let e = &data.events[ev];
        of_event.clear();
        match grouping {
            Grouping::Actor => of_event.extend(e.participants().map(Key::Actor)),
            Grouping::Tag => of_event.extend(e.tags.iter().map(|t| Key::Tag(t))),
        }
        if of_event.is_empty() {
            none.push(pos);
        }
        for (k, key) in of_event.iter().enumerate() {
            // An actor listed and quoted, or a tag given twice, puts the event in its lane once.
            if of_event[..k].contains(key) {
                continue;
            }
            let i = *by_key.entry(*key).or_insert_with(|| {
                keys.push(*key);
                members.push(Vec::new());
                keys.len() - 1
            });
            members[i].push(pos);
        }
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(members[i].len()));
    // Each event's drawn days, once.
    let reach: Vec<(i64, i64)> = shown
        .iter()
        .map(|&ev| {
            let (a, b) = data.events[ev].when.drawn_reach();
            (day_number(a), day_number(b))
        })
        .collect();
    // Every lane's days in one place, in the order of the lanes (see `Days`).
    let mut days = Days::default();
    let (mut starts, mut ends) = (Vec::new(), Vec::new());
    let mut lay = |members: &[ShownIx]| {
        starts.clear();
        ends.clear();
        starts.extend(members.iter().map(|&p| reach[p.get()].0));
        ends.extend(members.iter().map(|&p| reach[p.get()].1));
        days.push(&starts, &ends)
    };
    let mut laid: Vec<(Arc<str>, Arc<[ShownIx]>, Laid)> = order
        .into_iter()
        .map(|i| {
            let name: Arc<str> = match keys[i] {
                Key::Actor(a) => data.actor(a).name.as_str().into(),
                Key::Tag(t) => t.into(),
            };
            let members = std::mem::take(&mut members[i]);
            let at = lay(&members);
            (name, members.into(), at)
        })
        .collect();
    if !none.is_empty() {
        let at = lay(&none);
        laid.push(("".into(), none.into(), at));
    }
    let days = Arc::new(days);
    laid.into_iter()
        .map(|(name, members, laid)| Group {
            name,
            members,
            days: days.clone(),
            laid,
        })
        .collect()
}

/// What a lane gathers events by.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Actor(crate::model::ActorIx),
    Tag(&'a str),
}

/// Places each lane's events that fall inside `window` across `cols` columns, each lane at
/// most `max_rows` tall (events that would overlap stack on rows of their own). Lanes with
/// nothing in the window are left out.
///
/// Events of a lane one after the other that start in the same column stack up to
/// `max_rows`, and the rest of them share the last of those marks (reaching as far as the
/// furthest of them), so that a zoomed-out lane of a hundred thousand events is a few marks
/// a column. Only the events of the window are gone through, and those starting in one
/// column as a whole: a binary search on each lane's first days finds them.
pub fn place(groups: &[Group], window: Window, cols: u16, max_rows: usize) -> Vec<Lane> {
    if cols == 0 {
        return Vec::new();
    }
    let axis = Columns::new(window, cols);
    if groups.len() < PLACE_IN_TWO_FROM {
        return place_each(groups, &axis, max_rows);
    }
    // Many lanes: the second half is placed on a thread of its own. The time goes in
    // finding each lane's members in the window (a few reads of memory a lane) and in going
    // through those members, which two cores do in half the time; the lanes come out in the
    // same order. The halves weigh the same, counting a lane as its members and a few more
    // (the busiest lanes come first, so half the lanes would be most of the members).
    let weight = |g: &Group| g.members.len() + 16;
    let half = groups.iter().map(weight).sum::<usize>() / 2;
    let mut so_far = 0;
    let split = groups
        .iter()
        .position(|g| {
            so_far += weight(g);
            so_far >= half
        })
        .map_or(groups.len(), |i| i + 1);
    let (busiest, rest) = groups.split_at(split);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| place_each(rest, &axis, max_rows));
        let mut lanes = place_each(busiest, &axis, max_rows);
        lanes.extend(
            later
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        lanes
    })
}

/// From this many lanes `place` works on two threads.
const PLACE_IN_TWO_FROM: usize = 2048;

/// `place`, on one thread.
fn place_each(groups: &[Group], axis: &Columns, max_rows: usize) -> Vec<Lane> {
    let mut runs = Runs::new(max_rows);
    let mut scratch = Scratch::default();
    groups
        .iter()
        .filter_map(|g| {
            runs.clear();
            if g.laid.sorted {
                g.feed_sorted(axis, &mut runs);
            } else {
                g.feed_all(axis, &mut runs);
            }
            (!runs.spans.is_empty()).then(|| {
                let mut l = lane(
                    g.name.clone(),
                    &runs.spans,
                    max_rows,
                    &g.members,
                    &mut scratch,
                );
                l.crowded |= runs.merged;
                l
            })
        })
        .collect()
}

/// Marks of a lane as its members in the window come, in order: members next to each other
/// starting in the same column are a run; the first `max_rows - 1` of a run get a mark
/// each, the rest share one.
struct Runs {
    spans: Vec<Span>,
    max_rows: usize,
    /// The member after the last one fed, and the column the run starts in.
    next: usize,
    column: u16,
    /// Members in the run so far.
    run: usize,
    /// A mark stands for more than one member.
    merged: bool,
}

impl Runs {
    fn new(max_rows: usize) -> Runs {
        Runs {
            spans: Vec::new(),
            max_rows: max_rows.max(1),
            next: usize::MAX,
            column: 0,
            run: 0,
            merged: false,
        }
    }

    fn clear(&mut self) {
        self.spans.clear();
        self.next = usize::MAX;
        self.run = 0;
        self.merged = false;
    }

    /// Members `i..j` of `g`, all in the window, all starting in column `first`.
    fn feed(&mut self, g: &Group, axis: &Columns, i: usize, j: usize, first: u16) {
        if self.next != i || self.column != first || self.spans.is_empty() {
            self.run = 0;
        }
        self.next = j;
        self.column = first;
        let mut k = i;
        while k < j && self.run + 1 < self.max_rows {
            let pos = g.members[k];
            self.spans.push(Span {
                pos,
                through: pos,
                more: 0,
                first,
                last: axis.last_column(g.ends()[k].min(axis.to)),
            });
            self.run += 1;
            k += 1;
        }
        if k == j {
            return;
        }
        let last = axis.last_column(g.max_end(k, j, axis.to).min(axis.to));
        let through = g.members[j - 1];
        let count = (j - k) as u32;
        if self.run + 1 == self.max_rows {
            self.spans.push(Span {
                pos: g.members[k],
                through,
                more: count - 1,
                first,
                last,
            });
            self.merged |= count > 1;
        } else {
            let s = self.spans.last_mut().expect("the run's last mark");
            s.through = through;
            s.more += count;
            s.last = s.last.max(last);
            self.merged = true;
        }
        self.run += j - k;
    }
}

/// Events of a lane on the same columns, one after the other.
#[derive(Clone, Copy, Debug)]
struct Span {
    pos: ShownIx,
    through: ShownIx,
    more: u32,
    first: u16,
    last: u16,
}

/// Buffers `lane` reuses from one lane to the next.
#[derive(Default)]
struct Scratch {
    order: Vec<usize>,
    ends: Vec<u16>,
}

/// Packs items into rows: each goes on the first row where it overlaps nothing; when all
/// `max_rows` are taken it overlaps in the last one.
fn lane(
    name: Arc<str>,
    spans: &[Span],
    max_rows: usize,
    members: &Arc<[ShownIx]>,
    scratch: &mut Scratch,
) -> Lane {
    let max_rows = max_rows.max(1);
    // Spans of a lane whose starts are in order come in order already.
    let in_order = spans.is_sorted_by_key(|s| (s.first, s.pos));
    let order = &mut scratch.order;
    order.clear();
    if !in_order {
        order.extend(0..spans.len());
        order.sort_by_key(|&i| (spans[i].first, spans[i].pos));
    }
    // The last column taken on each row so far.
    let ends = &mut scratch.ends;
    ends.clear();
    let mut items = Vec::with_capacity(spans.len());
    let mut crowded = false;
    for k in 0..spans.len() {
        let s = spans[if in_order { k } else { order[k] }];
        let row = match ends.iter().position(|&e| e < s.first) {
            Some(r) => r,
            None if ends.len() < max_rows => {
                ends.push(0);
                ends.len() - 1
            }
            None => {
                crowded = true;
                max_rows - 1
            }
        };
        ends[row] = ends[row].max(s.last);
        items.push(Placed {
            pos: s.pos,
            through: s.through,
            more: s.more,
            first: s.first,
            last: s.last,
            row,
        });
    }
    if !items.is_sorted_by_key(|p| p.pos) {
        items.sort_by_key(|p| p.pos);
    }
    Lane {
        name,
        rows: ends.len().max(1),
        items,
        crowded,
        members: members.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ix(i: usize) -> ShownIx {
        ShownIx::new(i)
    }

    fn span(pos: usize, first: u16, last: u16) -> Span {
        Span {
            pos: ix(pos),
            through: ix(pos),
            more: 0,
            first,
            last,
        }
    }

    fn lane(name: &str, spans: &[(ShownIx, u16, u16)], max_rows: usize) -> Lane {
        let spans: Vec<Span> = spans.iter().map(|&(p, a, b)| span(p.get(), a, b)).collect();
        let members: Arc<[ShownIx]> = spans.iter().map(|s| s.pos).collect();
        super::lane(
            name.into(),
            &spans,
            max_rows,
            &members,
            &mut Scratch::default(),
        )
    }

    #[test]
    fn overlapping_items_are_stacked_and_others_share_a_row() {
        let l = lane(
            "Putin",
            &[
                (ix(0), 0, 50),
                (ix(1), 10, 10),
                (ix(2), 20, 20),
                (ix(3), 60, 60),
                (ix(4), 20, 25),
            ],
            4,
        );
        let row = |pos: usize| l.items.iter().find(|p| p.pos == ix(pos)).unwrap().row;
        assert_eq!(row(0), 0, "the long range");
        assert_eq!(row(1), 1);
        assert_eq!(row(2), 1, "after item 1 on the same row");
        assert_eq!(row(4), 2, "overlaps both");
        assert_eq!(row(3), 0, "after the range ends");
        assert_eq!(l.rows, 3);
        assert!(!l.crowded);
    }

    #[test]
    fn a_full_lane_overlaps_in_its_last_row() {
        let l = lane("x", &[(ix(0), 5, 5), (ix(1), 5, 5), (ix(2), 5, 5)], 2);
        assert_eq!(l.rows, 2);
        assert!(l.crowded);
        assert_eq!(l.items[2].row, 1);
    }

    /// A tiny generator, so that the cases are the same on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n.max(1)
        }
    }

    fn day(d: i64) -> chrono::NaiveDate {
        chrono::NaiveDate::from_num_days_from_ce_opt(d as i32).unwrap()
    }

    /// A lane of `n` events in date order from day 730_000 on: mostly single days, often
    /// many on one day, some ranges, a few open ones; members every other position shown.
    fn busy_group(rng: &mut Rng, n: usize) -> Group {
        let mut d = 730_000;
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for _ in 0..n {
            d += [0, 0, 0, 1, 3, 40][rng.below(6) as usize];
            starts.push(d);
            ends.push(match rng.below(20) {
                0 => day_number(chrono::NaiveDate::MAX),
                1..=3 => d + rng.below(400) as i64,
                _ => d,
            });
        }
        let members: Arc<[ShownIx]> = (0..n).map(|i| ix(2 * i + 1)).collect();
        Group::new("busy".into(), members, starts, ends)
    }

    #[test]
    fn the_column_by_column_placing_is_the_member_by_member_one() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for case in 0..300 {
            let n = [1, 5, 40, 300, 3000][case % 5];
            let g = busy_group(&mut rng, n);
            assert!(g.laid.sorted);
            let mut slow = g.clone();
            slow.laid.sorted = false;
            let (a, b) = (g.starts()[0] - 30, g.starts()[n - 1] + 30);
            // A third of the windows start on the last day of an event's.
            let first = match rng.below(3) {
                0 => *g.ends().iter().rfind(|&&e| e < b).unwrap_or(&a),
                1 => g.ends()[rng.below(n as u64) as usize].min(b),
                _ => a + rng.below((b - a) as u64) as i64,
            };
            let last = first + rng.below([3, 30, 400, 20_000][case % 4]) as i64;
            let window = Window::new(day(first), day(last));
            let cols = [1, 8, 99, 120][rng.below(4) as usize];
            let max_rows = rng.below(5) as usize;
            let fast = place(std::slice::from_ref(&g), window, cols, max_rows);
            let walked = place(std::slice::from_ref(&slow), window, cols, max_rows);
            assert_eq!(fast, walked, "case {case}: {window:?}, {cols} columns");
        }
    }

    /// Many lanes are placed on two threads: the same lanes, in the same order, as on one.
    #[test]
    fn many_lanes_are_placed_on_two_threads_as_on_one() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let groups: Vec<Group> = (0..PLACE_IN_TWO_FROM + 7)
            .map(|i| {
                let n = 1 + rng.below(12) as usize;
                let mut g = busy_group(&mut rng, n);
                g.name = format!("lane {i}").into();
                g
            })
            .collect();
        let window = Window::new(day(730_010), day(730_200));
        let axis = Columns::new(window, 60);
        let two = place(&groups, window, 60, 3);
        let one = place_each(&groups, &axis, 3);
        assert!(
            one.len() > PLACE_IN_TWO_FROM / 2,
            "most lanes are in the window"
        );
        assert_eq!(two, one);
    }

    #[test]
    fn events_starting_in_one_column_share_a_mark_past_the_rows() {
        // Five events on one day, then one three days long, in a window of 20 days.
        let g = Group::new(
            "x".into(),
            (0..6).map(ix).collect(),
            vec![730_000; 6],
            vec![730_000, 730_000, 730_000, 730_000, 730_000, 730_002],
        );
        let window = Window::new(day(730_000), day(730_019));
        let l = &place(std::slice::from_ref(&g), window, 40, 3)[0];
        let marks: Vec<(usize, usize, u32, u16, u16)> = l
            .items
            .iter()
            .map(|p| (p.pos.get(), p.through.get(), p.more, p.first, p.last))
            .collect();
        assert_eq!(marks, [(0, 0, 0, 0, 1), (1, 1, 0, 0, 1), (2, 5, 3, 0, 5)]);
        assert!(l.crowded);
        assert_eq!(l.item_of(ix(4)).map(|p| p.pos), Some(ix(2)));
        // An event outside the window between two breaks the run.
        let g = Group::new(
            "y".into(),
            (0..5).map(ix).collect(),
            vec![729_000, 730_000, 730_000, 729_001, 730_000],
            vec![730_000, 730_000, 730_000, 729_001, 730_000],
        );
        let l = &place(std::slice::from_ref(&g), window, 40, 2)[0];
        let marks: Vec<(usize, usize, u32)> = l
            .items
            .iter()
            .map(|p| (p.pos.get(), p.through.get(), p.more))
            .collect();
        assert_eq!(marks, [(0, 0, 0), (1, 2, 1), (4, 4, 0)]);
    }
}

//! Lanes: one per actor (or per tag), each event placed on the columns its days cover in a
//! window, events that would overlap stacked on rows of their own.

use super::{Window, day_number};
use std::collections::HashMap;
use std::rc::Rc;

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

/// An event placed in a lane; or, where several events of the lane fall on exactly the same
/// columns one after the other (a busy lane zoomed out), one mark for all of them: the first
/// stands for the rest (`through` is the last, `more` how many more).
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
    pub name: String,
    /// Rows used (at least 1).
    pub rows: usize,
    /// In the order of the events shown.
    pub items: Vec<Placed>,
    /// Some items could not get a row of their own and overlap others in the last row.
    pub crowded: bool,
    /// Every event of the lane (in the window or not), in order.
    pub members: Rc<[ShownIx]>,
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub members: Rc<[ShownIx]>,
    /// The first and last drawn day (`day_number`) of each member: the starts are in order
    /// when the events shown are in date order, which `sorted` says. Placing a window is
    /// then arithmetic on these, not on dates.
    starts: Vec<i64>,
    ends: Vec<i64>,
    sorted: bool,
    /// The longest a member reaches past its first day, in days.
    longest: i64,
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
    let group = |name: String, members: Vec<ShownIx>| {
        let starts: Vec<i64> = members.iter().map(|&p| reach[p.get()].0).collect();
        let ends: Vec<i64> = members.iter().map(|&p| reach[p.get()].1).collect();
        let sorted = starts.is_sorted();
        let longest = starts
            .iter()
            .zip(&ends)
            .map(|(a, b)| b - a)
            .max()
            .unwrap_or(0);
        Group {
            name,
            members: members.into(),
            starts,
            ends,
            sorted,
            longest,
        }
    };
    let mut groups: Vec<Group> = order
        .into_iter()
        .map(|i| {
            let name = match keys[i] {
                Key::Actor(a) => data.actor(a).name.clone(),
                Key::Tag(t) => t.to_string(),
            };
            group(name, std::mem::take(&mut members[i]))
        })
        .collect();
    if !none.is_empty() {
        groups.push(group(String::new(), none));
    }
    groups
}

/// What a lane gathers events by.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Actor(crate::model::ActorIx),
    Tag(&'a str),
}

/// Places each lane's events that fall inside `window` across `cols` columns, each lane at
/// most `max_rows` tall (events that would overlap stack on rows of their own). Lanes with
/// nothing in the window are left out. Only the events of the window are gone through (a
/// binary search on each lane's first days), and events of a lane that fall one after the
/// other on the same columns stack up to `max_rows` and then share the last mark, so that a
/// zoomed-out lane of a hundred thousand events is a few marks a column.
pub fn place(groups: &[Group], window: Window, cols: u16, max_rows: usize) -> Vec<Lane> {
    let (from, to) = (day_number(window.first), day_number(window.last));
    groups
        .iter()
        .filter_map(|g| {
            // The members that may reach into the window: those starting after its first
            // day less the longest reach, up to its last day.
            let range = if g.sorted {
                let lo = g.starts.partition_point(|&d| d < from - g.longest);
                let hi = g.starts.partition_point(|&d| d <= to);
                lo..hi.max(lo)
            } else {
                0..g.members.len()
            };
            let mut spans: Vec<Span> = Vec::new();
            // Events one after the other on the same columns: the first `max_rows` stack as
            // they always did; the rest could only overlap the last of them, and join it.
            // A mark stands only for members next to each other in the lane: one outside the
            // window between two breaks the run.
            let mut run = 0;
            let mut merged = false;
            let mut broken = false;
            for i in range {
                let (a, b) = (g.starts[i], g.ends[i]);
                if cols == 0 || b < from || a > to {
                    broken = true;
                    continue;
                }
                let pos = g.members[i];
                let (c0, c1) = (
                    window.column_of(a.max(from), cols),
                    window.last_column_of(b.min(to), cols),
                );
                let same = !std::mem::take(&mut broken)
                    && spans.last().is_some_and(|l| (l.first, l.last) == (c0, c1));
                match spans.last_mut() {
                    Some(last) if same && run + 1 >= max_rows => {
                        last.through = pos;
                        last.more += 1;
                        merged = true;
                        continue;
                    }
                    _ if same => run += 1,
                    _ => run = 0,
                }
                spans.push(Span {
                    pos,
                    through: pos,
                    more: 0,
                    first: c0,
                    last: c1,
                });
            }
            let crowded = merged;
            (!spans.is_empty()).then(|| {
                let mut l = lane(g.name.clone(), &spans, max_rows, &g.members);
                l.crowded |= crowded;
                l
            })
        })
        .collect()
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

/// Packs items into rows: each goes on the first row where it overlaps nothing; when all
/// `max_rows` are taken it overlaps in the last one.
fn lane(name: String, spans: &[Span], max_rows: usize, members: &Rc<[ShownIx]>) -> Lane {
    let max_rows = max_rows.max(1);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].first, spans[i].pos));
    // The last column taken on each row so far.
    let mut ends: Vec<u16> = Vec::new();
    let mut items = Vec::with_capacity(spans.len());
    let mut crowded = false;
    for i in order {
        let s = spans[i];
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
    items.sort_by_key(|p| p.pos);
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

    fn lane(name: String, spans: &[(ShownIx, u16, u16)], max_rows: usize) -> Lane {
        let spans: Vec<Span> = spans.iter().map(|&(p, a, b)| span(p.get(), a, b)).collect();
        let members: Rc<[ShownIx]> = spans.iter().map(|s| s.pos).collect();
        super::lane(name, &spans, max_rows, &members)
    }

    #[test]
    fn overlapping_items_are_stacked_and_others_share_a_row() {
        let l = lane(
            "Putin".into(),
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
        let l = lane(
            "x".into(),
            &[(ix(0), 5, 5), (ix(1), 5, 5), (ix(2), 5, 5)],
            2,
        );
        assert_eq!(l.rows, 2);
        assert!(l.crowded);
        assert_eq!(l.items[2].row, 1);
    }
}

//! Lanes: one per actor (or per tag), each event placed on the columns its days cover in a
//! window, events that would overlap stacked on rows of their own.

use super::Window;
use std::collections::HashMap;

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

/// An event placed in a lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The event, in the list of events shown.
    pub pos: ShownIx,
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
    pub items: Vec<Placed>,
    /// Some items could not get a row of their own and overlap others in the last row.
    pub crowded: bool,
}

/// The lanes' names and members (positions in `shown`), busiest first: the part of the
/// lanes that depends only on the events shown, which the browser keeps until they change.
/// Lanes come busiest first (over all the events shown, so their order does not change as
/// the window moves), then in order of first appearance; events with no actor (or tag) share
/// a last lane with an empty name. `place` then lays them out in a window.
pub fn groups(
    data: &Dataset,
    shown: &[EventIx],
    grouping: Grouping,
) -> Vec<(String, Vec<ShownIx>)> {
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
    let mut groups: Vec<(String, Vec<ShownIx>)> = order
        .into_iter()
        .map(|i| {
            let name = match keys[i] {
                Key::Actor(a) => data.actor(a).name.clone(),
                Key::Tag(t) => t.to_string(),
            };
            (name, std::mem::take(&mut members[i]))
        })
        .collect();
    if !none.is_empty() {
        groups.push((String::new(), none));
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
/// nothing in the window are left out.
pub fn place(
    data: &Dataset,
    shown: &[EventIx],
    groups: &[(String, Vec<ShownIx>)],
    window: Window,
    cols: u16,
    max_rows: usize,
) -> Vec<Lane> {
    groups
        .iter()
        .filter_map(|(name, positions)| {
            let spans: Vec<(ShownIx, u16, u16)> = positions
                .iter()
                .filter_map(|&pos| {
                    let (a, b) = data.events[shown[pos]].when.drawn_reach();
                    window.columns(a, b, cols).map(|(c0, c1)| (pos, c0, c1))
                })
                .collect();
            (!spans.is_empty()).then(|| lane(name.clone(), &spans, max_rows))
        })
        .collect()
}

/// Packs items into rows: each goes on the first row where it overlaps nothing; when all
/// `max_rows` are taken it overlaps in the last one.
fn lane(name: String, spans: &[(ShownIx, u16, u16)], max_rows: usize) -> Lane {
    let max_rows = max_rows.max(1);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].1, spans[i].0));
    // The last column taken on each row so far.
    let mut ends: Vec<u16> = Vec::new();
    let mut items = Vec::with_capacity(spans.len());
    let mut crowded = false;
    for i in order {
        let (pos, first, last) = spans[i];
        let row = match ends.iter().position(|&e| e < first) {
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
        ends[row] = ends[row].max(last);
        items.push(Placed {
            pos,
            first,
            last,
            row,
        });
    }
    items.sort_by_key(|p| p.pos);
    Lane {
        name,
        rows: ends.len().max(1),
        items,
        crowded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ix(i: usize) -> ShownIx {
        ShownIx::new(i)
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

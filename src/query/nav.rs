//! Moving among the events shown, by rules that do not depend on a terminal: the event
//! nearest a date, the first event of the next or previous period, the next event sharing an
//! actor, the next search hit. Each takes the dataset, the events shown (positions in
//! `data.events`, in timeline order) and the cursor (a position in that list), and answers
//! with a position in the list; the browser moves its cursor there, and the command line and
//! tests can ask the same questions.

use chrono::NaiveDate;

use crate::axis::Unit;
use crate::model::{ActorIx, Dataset, EventIx, Point, ShownIx};

/// The shown event whose own date is nearest the period `date` means (distance 0 when they
/// overlap); on a tie, the one on or after the date. `exact` says whether it falls on it.
pub fn nearest(data: &Dataset, shown: &[EventIx], date: &Point) -> Option<Nearest> {
    let (t0, t1) = (date.first_day, date.last_day());
    let point = |pos: usize| data.events[shown[pos]].when.anchor();
    let after = shown.partition_point(|&ev| data.events[ev].when.anchor().first_day < t0);
    let distance = |pos: usize| {
        let p = point(pos);
        if p.last_day() < t0 {
            (t0 - p.last_day()).num_days()
        } else if p.first_day > t1 {
            (p.first_day - t1).num_days()
        } else {
            0
        }
    };
    let candidates = [after.checked_sub(1), (after < shown.len()).then_some(after)];
    let pos = candidates
        .into_iter()
        .flatten()
        .min_by_key(|&p| (distance(p), std::cmp::Reverse(p)))?;
    Some(Nearest {
        pos: ShownIx::new(pos),
        exact: distance(pos) == 0,
    })
}

/// The answer of `nearest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nearest {
    pub pos: ShownIx,
    /// Whether the event's date overlaps the date asked for.
    pub exact: bool,
}

/// Forward: the first event of the next `unit` (a year, a month…) that has one. Backward: the
/// first event of the cursor's unit when the cursor is past it, else of the previous unit
/// with events. `None` when there is no such unit.
pub fn step_period(
    data: &Dataset,
    shown: &[EventIx],
    cursor: ShownIx,
    unit: Unit,
    forward: bool,
) -> Option<ShownIx> {
    let key = |ev: EventIx| unit.index(data.events[ev].when.anchor().first_day);
    let cursor = cursor.get();
    let here = key(*shown.get(cursor)?);
    // Events are in date order, so the keys never go down along `shown`.
    let first_with = |k: i64| shown.partition_point(|&ev| key(ev) < k);
    let pos = if forward {
        let p = shown.partition_point(|&ev| key(ev) <= here);
        (p < shown.len()).then_some(p)
    } else {
        let first_here = first_with(here);
        if first_here < cursor {
            Some(first_here)
        } else if first_here > 0 {
            Some(first_with(key(shown[first_here - 1])))
        } else {
            None
        }
    };
    pos.map(ShownIx::new)
}

/// Why `same_actor` found nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoneSharing {
    /// The event at the cursor names no actor.
    NoActor,
    /// No event that way shares one.
    NoneThatWay,
}

/// The next (or previous) shown event that shares an actor (or a quoted speaker) with the one
/// at the cursor.
pub fn same_actor(
    data: &Dataset,
    shown: &[EventIx],
    cursor: ShownIx,
    forward: bool,
) -> Result<ShownIx, NoneSharing> {
    let cursor = cursor.get();
    let ev = shown.get(cursor).map(|&i| &data.events[i]);
    let who: Vec<ActorIx> = ev.map(|e| e.participants().collect()).unwrap_or_default();
    if who.is_empty() {
        return Err(NoneSharing::NoActor);
    }
    let shares = |pos: &usize| {
        data.events[shown[*pos]]
            .participants()
            .any(|a| who.contains(&a))
    };
    let found = if forward {
        (cursor + 1..shown.len()).find(shares)
    } else {
        (0..cursor).rev().find(shares)
    };
    found.map(ShownIx::new).ok_or(NoneSharing::NoneThatWay)
}

/// Where `next_hit` leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitStep {
    /// To this hit.
    To(ShownIx),
    /// Past the last (or first) hit, round to this one.
    Wrapped(ShownIx),
    /// Past the last hit found so far while the search goes on: more may come.
    Pending,
    /// There are no hits.
    None,
}

/// The next (or previous) search hit from the cursor. `hits` are positions in the list shown,
/// in order; `complete` says whether the search has gone through the whole list (until then
/// there is no wrapping: hits after the last one found may still come).
pub fn next_hit(hits: &[ShownIx], cursor: ShownIx, forward: bool, complete: bool) -> HitStep {
    if hits.is_empty() {
        return if complete {
            HitStep::None
        } else {
            HitStep::Pending
        };
    }
    let i = if forward {
        hits.partition_point(|&h| h <= cursor)
    } else {
        hits.partition_point(|&h| h < cursor)
    };
    match (forward, i) {
        (true, i) if i < hits.len() => HitStep::To(hits[i]),
        (false, i) if i > 0 => HitStep::To(hits[i - 1]),
        _ if !complete => HitStep::Pending,
        (true, _) => HitStep::Wrapped(hits[0]),
        (false, _) => HitStep::Wrapped(hits[hits.len() - 1]),
    }
}

/// The first shown event whose own date falls in `first..=last`, if any.
pub fn first_within(
    data: &Dataset,
    shown: &[EventIx],
    first: NaiveDate,
    last: NaiveDate,
) -> Option<ShownIx> {
    let day = |ev: EventIx| data.events[ev].when.anchor().first_day;
    let pos = shown.partition_point(|&ev| day(ev) < first);
    shown
        .get(pos)
        .filter(|&&ev| day(ev) <= last)
        .map(|_| ShownIx::new(pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_wrap_only_once_the_search_is_complete() {
        let ix = ShownIx::new;
        let hits = [ix(2), ix(5), ix(9)];
        assert_eq!(next_hit(&hits, ix(0), true, true), HitStep::To(ix(2)));
        assert_eq!(next_hit(&hits, ix(2), true, true), HitStep::To(ix(5)));
        assert_eq!(next_hit(&hits, ix(5), false, true), HitStep::To(ix(2)));
        assert_eq!(next_hit(&hits, ix(9), true, true), HitStep::Wrapped(ix(2)));
        assert_eq!(next_hit(&hits, ix(9), true, false), HitStep::Pending);
        assert_eq!(next_hit(&hits, ix(2), false, true), HitStep::Wrapped(ix(9)));
        assert_eq!(next_hit(&hits, ix(1), false, false), HitStep::Pending);
        assert_eq!(next_hit(&[], ix(0), true, true), HitStep::None);
        assert_eq!(next_hit(&[], ix(0), true, false), HitStep::Pending);
    }
}

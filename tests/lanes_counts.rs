//! The lanes' marks against a naive count: 10,000 events of the field shape
//! (examples/gen_field.rs: one actor in a tenth of the events, ranges, open ends, months and
//! years), placed in windows from the whole span down to a day, at several widths. For each
//! window this file works out, going through every event, which events of each actor meet
//! it and the columns each covers, and checks that every such event is in exactly one mark,
//! that a mark's columns are those of its events, that no lane is taller than its rows allow
//! and that a lane with nothing in the window is left out. Only the events' drawn days come
//! from annals (`When::drawn_reach`); the lanes, the counts and the columns are this file's.

#[path = "../examples/gen_field.rs"]
#[allow(dead_code)]
mod gen_field;

#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod generator;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use annals::axis::Window;
use annals::axis::lanes::{self, Grouping, Lane};
use annals::load;
use annals::model::ShownIx;
use annals::model::{Dataset, EventIx};
use annals::tui::action::Action;
use annals::tui::app::App;
use annals::tui::update::update;
use annals::tui::view;
use chrono::{Datelike, Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const EVENTS: usize = 10_000;
const SEED: u64 = 7;

fn dataset() -> Dataset {
    let mut bytes = Vec::new();
    gen_field::write(EVENTS, SEED, &mut bytes).unwrap();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&bytes).unwrap();
    file.flush().unwrap();
    load::from_path(file.path()).unwrap()
}

/// Day numbers, counted here from the first of January of year 1.
fn day(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1, 1, 1).unwrap()).num_days()
}

/// The window's columns, as the lanes view lays days out: `cols` equal parts of its days;
/// a day wider than a column covers all the columns it overlaps.
struct Cols {
    from: i64,
    days: i64,
    cols: i64,
}

impl Cols {
    fn first(&self, d: i64) -> u16 {
        ((d - self.from) * self.cols / self.days).min(self.cols - 1) as u16
    }

    fn last(&self, d: i64) -> u16 {
        if self.days >= self.cols {
            return self.first(d);
        }
        // The last column whose start is on or before the end of day `d`.
        let end = (d + 1 - self.from) * self.cols;
        ((end + self.days - 1) / self.days - 1).min(self.cols - 1) as u16
    }
}

/// Each actor's events (positions in `shown`), by name, worked out here; "" for none.
fn naive_lanes(data: &Dataset, shown: &[EventIx]) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (pos, &ev) in shown.iter().enumerate() {
        let names: BTreeSet<String> = data.events[ev]
            .participants()
            .map(|a| data.actor(a).name.clone())
            .collect();
        if names.is_empty() {
            out.entry(String::new()).or_default().push(pos);
        }
        for n in names {
            out.entry(n).or_default().push(pos);
        }
    }
    out
}

/// Checks the lanes placed in `window` against the naive lanes; returns how many events
/// the window holds over all lanes and how many marks stand for more than one.
fn check(
    data: &Dataset,
    shown: &[EventIx],
    naive: &BTreeMap<String, Vec<usize>>,
    placed: &[Lane],
    window: Window,
    cols: u16,
    max_rows: usize,
) -> (usize, usize) {
    let (from, to) = (day(window.first), day(window.last));
    let c = Cols {
        from,
        days: to - from + 1,
        cols: i64::from(cols),
    };
    let reach: Vec<(i64, i64)> = shown
        .iter()
        .map(|&ev| {
            let (a, b) = data.events[ev].when.drawn_reach();
            (day(a), day(b))
        })
        .collect();
    let inside = |p: usize| reach[p].1 >= from && reach[p].0 <= to;
    let what = format!("{window:?} at {cols} columns, {max_rows} rows");
    // The lanes with something in the window, and nothing else.
    let want: BTreeSet<&str> = naive
        .iter()
        .filter(|(_, m)| m.iter().any(|&p| inside(p)))
        .map(|(n, _)| n.as_str())
        .collect();
    let got: Vec<&str> = placed.iter().map(|l| &*l.name).collect();
    let got_set: BTreeSet<&str> = got.iter().copied().collect();
    assert_eq!(got.len(), got_set.len(), "{what}: a lane twice");
    assert_eq!(got_set, want, "{what}: the lanes");
    let (mut held, mut merged) = (0, 0);
    for lane in placed {
        let members = &naive[&*lane.name];
        let in_window: Vec<usize> = members.iter().copied().filter(|&p| inside(p)).collect();
        let mut covered: Vec<usize> = Vec::new();
        let mut sum = 0;
        assert!(
            (1..=max_rows.max(1)).contains(&lane.rows),
            "{what}: {} is {} rows",
            lane.name,
            lane.rows
        );
        for p in &lane.items {
            // The events this mark stands for: the lane's from `pos` to `through`, all in
            // the window, `more + 1` of them.
            let of: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&m| p.pos.get() <= m && m <= p.through.get())
                .collect();
            assert_eq!(of.first(), Some(&p.pos.get()), "{what}: {p:?}");
            assert_eq!(of.len(), p.more as usize + 1, "{what}: {p:?}");
            assert!(of.iter().all(|&m| inside(m)), "{what}: {p:?} outside");
            sum += 1 + p.more as usize;
            covered.extend(&of);
            // Its columns: where its events start (one column for all) and the furthest
            // one's end.
            for &m in &of {
                assert_eq!(
                    c.first(reach[m].0.max(from)),
                    p.first,
                    "{what}: {p:?}, event {m}"
                );
            }
            let last = of.iter().map(|&m| c.last(reach[m].1.min(to))).max();
            assert_eq!(last, Some(p.last), "{what}: {p:?}");
            assert!(p.row < lane.rows, "{what}: {p:?} in {} rows", lane.rows);
            merged += usize::from(p.more > 0);
        }
        assert_eq!(sum, in_window.len(), "{what}: {}", lane.name);
        covered.sort_unstable();
        assert_eq!(covered, in_window, "{what}: {}", lane.name);
        // Marks on a row other than the last do not overlap; a lane whose marks overlap or
        // stand for several events says it is crowded.
        let mut rows: Vec<Vec<(u16, u16)>> = vec![Vec::new(); lane.rows];
        for p in &lane.items {
            rows[p.row].push((p.first, p.last));
        }
        let mut overlap = false;
        for (r, row) in rows.iter_mut().enumerate() {
            row.sort_unstable();
            let o = row.windows(2).any(|w| w[1].0 <= w[0].1);
            assert!(!o || r + 1 == lane.rows, "{what}: {} row {r}", lane.name);
            overlap |= o;
        }
        let any_merged = lane.items.iter().any(|p| p.more > 0);
        assert_eq!(lane.crowded, overlap || any_merged, "{what}: {}", lane.name);
        held += in_window.len();
    }
    (held, merged)
}

#[test]
fn every_event_in_the_window_is_in_one_mark_of_its_lane() {
    let data = dataset();
    let shown = data.all_events();
    let naive = naive_lanes(&data, &shown);
    let groups = lanes::groups(&data, &shown, Grouping::Actor);
    let days: Vec<NaiveDate> = shown
        .iter()
        .map(|&ev| data.events[ev].when.drawn_reach().0)
        .filter(|d| d.year() > 1000)
        .collect();
    let (first, last) = (days[0], days[days.len() - 1]);
    let middle = days[days.len() / 2];
    let mut windows = vec![Window::new(first, last)];
    for at in [first, middle, days[days.len() / 7], last] {
        for len in [3650, 365, 91, 31, 7, 1] {
            windows.push(Window::new(at, at + Days::new(len - 1)));
        }
    }
    let (mut held, mut merged) = (0, 0);
    for &window in &windows {
        for cols in [8, 57, 99, 120] {
            for max_rows in [1, 3] {
                let placed = lanes::place(&groups, window, cols, max_rows);
                let (h, m) = check(&data, &shown, &naive, &placed, window, cols, max_rows);
                held += h;
                merged += m;
            }
        }
    }
    // The cases are not empty: many events in the windows, and marks standing for several.
    assert!(held > 100_000, "{held} events in the windows");
    assert!(merged > 100, "{merged} marks for several events");
}

/// The browser in the lanes view on `n` events of examples/gen.rs (open ranges starting
/// long before most windows: busy rows of bars covering each other).
fn gen_app(n: usize, seed: u64) -> App {
    let mut bytes = Vec::new();
    generator::write(n, seed, &mut bytes).unwrap();
    let (data, _) = load::from_bytes(bytes, "gen.json", &Default::default(), &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let mut app = App::new(data, 120, 40);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut app, Action::ToggleLanes);
    app
}

/// `render` leaves out what a later item on its row covers; the frame must be the one drawn
/// item by item (`render_every_item`), cell for cell, in windows from the whole span down,
/// panned, with marks and a range on the way.
#[test]
fn frames_leaving_out_covered_items_are_those_drawn_item_by_item() {
    let mut app = gen_app(20_000, 42);
    // Marked events are always drawn (their mark is bold), covered or not: some here.
    for pos in (0..app.shown.len()).step_by(37) {
        let ev = app.shown[ShownIx::new(pos)];
        app.marks.insert(ev);
    }
    let area = Rect::new(0, 0, 120, 30);
    let mut frames = 0;
    let mut step = 0u32;
    for start in [2, 5, 8] {
        app.cursor = ShownIx::new(app.shown.len() * start / 10);
        for zoom in 0..7 {
            for pan in 0..4 {
                step += 1;
                if step.is_multiple_of(3) {
                    update(&mut app, Action::ToggleMark);
                }
                if step.is_multiple_of(5) {
                    update(&mut app, Action::Down);
                }
                if step.is_multiple_of(11) {
                    update(&mut app, Action::ToggleSelect);
                }
                let mut culled = Buffer::empty(area);
                let mut every = Buffer::empty(area);
                view::lanes::render(&app, area, &mut culled);
                view::lanes::render_every_item(&app, area, &mut every);
                let differing: Vec<(u16, u16)> = (0..area.height)
                    .flat_map(|y| (0..area.width).map(move |x| (x, y)))
                    .filter(|&xy| {
                        culled[xy] != every[xy] || culled[xy].symbol() != every[xy].symbol()
                    })
                    .collect();
                assert!(
                    differing.is_empty(),
                    "zoom {zoom}, pan {pan}, start {start}: cells {differing:?} differ\n\
                     culled {culled:?}\nevery item {every:?}"
                );
                assert_eq!(culled, every);
                frames += 1;
                let pan_action = if pan < 2 {
                    Action::PanLater
                } else {
                    Action::PanEarlier
                };
                update(&mut app, pan_action);
            }
            update(&mut app, Action::ZoomIn);
        }
        for _ in 0..7 {
            update(&mut app, Action::ZoomOut);
        }
    }
    assert_eq!(frames, 84);
}

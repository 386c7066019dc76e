//! The lanes view at 10k, 100k and 1M events (criterion): what a key costs there. A key
//! that moves the cursor within the window, a zoom step and a pan each change the state
//! (`update`) and draw a whole 120×40 frame, as the browser does for a key.
//!
//!     cargo bench --bench lanes
//!     ANNALS_BENCH_SIZES=10000,100000 cargo bench --bench lanes
//!     ANNALS_BENCH_SHAPE=field cargo bench --bench lanes   # the second generator's data
//!
//! The datasets are target/bench-data/gen-N-42.json (examples/gen.rs) or, with the field
//! shape, target/bench-data/field-N-42.json (examples/gen_field.rs), written by
//! benches/whole-process.sh or benches/scale.rs; a missing file is skipped with a note.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use annals::tui::action::Action;
use annals::tui::app::App;
use annals::tui::update::update;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn sizes() -> Vec<usize> {
    std::env::var("ANNALS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

fn shape() -> String {
    std::env::var("ANNALS_BENCH_SHAPE").unwrap_or_else(|_| "gen".into())
}

fn file(n: usize) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(format!("{}-{n}-42.json", shape()))
}

/// The browser on the dataset, in the lanes view, the cursor in the middle of the events.
fn lanes_app(n: usize) -> Option<App> {
    let path = file(n);
    if !path.exists() {
        eprintln!("lanes bench: {} is missing, skipped", path.display());
        return None;
    }
    let data = annals::load::from_path(&path).expect("a valid dataset");
    let mut app = App::new(data, WIDTH, HEIGHT);
    update(
        &mut app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    update(&mut app, Action::ToggleLanes);
    app.cursor = annals::model::ShownIx::new(app.shown.len() / 2);
    update(&mut app, Action::Down);
    Some(app)
}

fn lanes(c: &mut Criterion) {
    for n in sizes() {
        let Some(mut app) = lanes_app(n) else {
            continue;
        };
        let mut g = c.benchmark_group(format!("lanes/{}/{n}", shape()));
        g.sample_size(if n >= 1_000_000 { 10 } else { 30 });
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(if n >= 1_000_000 { 20 } else { 5 }));
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        let mut key = |app: &mut App, action: Action| {
            update(app, action);
            terminal
                .draw(|f| f.render_widget(black_box(&*app), f.area()))
                .expect("a frame")
                .area
                .width
        };
        // A zoom level with a few events a column: a year.
        for _ in 0..2 {
            key(&mut app, Action::ZoomIn);
        }
        g.bench_function("key_down_up", |b| {
            let mut down = true;
            b.iter(|| {
                down = !down;
                key(&mut app, if down { Action::Down } else { Action::Up })
            })
        });
        let year = app.lanes.zoom;
        // A zoom step and a pan to windows not placed before: the lanes' cache keeps the
        // last few windows, so it is emptied first (not measured). The zoom steps go between
        // the decade and the year; the pans go a year at a time (back to the year first,
        // whichever level the zoom steps ended at).
        let mut step = 0usize;
        for (name, steps) in [
            ("zoom_step", [Action::ZoomIn, Action::ZoomOut]),
            ("pan_step", [Action::PanLater, Action::PanEarlier]),
        ] {
            if app.lanes.zoom != year {
                key(&mut app, Action::ZoomIn);
            }
            assert_eq!(app.lanes.zoom, year, "the pans go a year at a time");
            g.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        app.forget_placed_lanes();
                        step += 1;
                        let t = Instant::now();
                        black_box(key(&mut app, steps[step % 2]));
                        spent += t.elapsed();
                    }
                    spent
                })
            });
        }
        // Zooming in and out again: the second step finds its window kept.
        g.bench_function("zoom_back_kept", |b| {
            let mut inward = true;
            b.iter(|| {
                inward = !inward;
                key(
                    &mut app,
                    if inward {
                        Action::ZoomIn
                    } else {
                        Action::ZoomOut
                    },
                )
            })
        });
        g.finish();
    }
}

criterion_group!(benches, lanes);
criterion_main!(benches);

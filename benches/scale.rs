//! annals at 10k, 100k and 1M events (criterion). Every ratio in docs/performance.md comes
//! from one run of this file: the baseline (`baseline.rs`: read_to_string + serde_json typed
//! structs) is measured beside annals on the same files.
//!
//!     cargo bench --bench scale                       # all sizes
//!     ANNALS_BENCH_SIZES=10000,100000 cargo bench     # some sizes
//!     ANNALS_BENCH_SHAPE=field cargo bench --bench scale   # the other shape of data
//!
//! The datasets are written by a generator (seed 42) into target/bench-data/ the first time:
//! `examples/gen.rs` by default (gen-N-42.json), `examples/gen_field.rs` with
//! `ANNALS_BENCH_SHAPE=field` (field-N-42.json: dates in random order, one actor in a tenth of
//! the events, long quotes, JSON escapes, summaries of 10-50 KB). The field shape's groups are
//! named `field/…`; its actor filter is on that popular actor, its search on a French word, and
//! the GDELT groups (a shape of their own) run only with the default. Peak memory is not something criterion measures: see
//! benches/whole-process.sh (GNU time) and the `first_screen` example.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use annals::export::{self, Format};
use annals::model::Dataset;
use annals::query::{ActorIndex, Filter, Search, fold};
use annals::tui::app::{App, SEARCH_SLICE};

#[path = "baseline.rs"]
mod baseline;
#[path = "../examples/gen_field.rs"]
#[allow(dead_code)]
mod gen_field;
#[path = "../examples/gen_gdelt.rs"]
#[allow(dead_code)]
mod gen_gdelt;
#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod generator;

// The same allocator as the annals binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: u64 = 42;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The shape of the generated data (`ANNALS_BENCH_SHAPE`: `gen`, the default, or `field`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Gen,
    Field,
}

fn shape() -> Shape {
    match std::env::var("ANNALS_BENCH_SHAPE").as_deref() {
        Err(_) | Ok("" | "gen") => Shape::Gen,
        Ok("field") => Shape::Field,
        Ok(other) => panic!("ANNALS_BENCH_SHAPE={other}: gen or field"),
    }
}

impl Shape {
    /// The start of a file's name, and of the benchmark groups' names (none for `gen`, so
    /// that its figures compare with earlier runs).
    fn name(self) -> &'static str {
        match self {
            Shape::Gen => "gen",
            Shape::Field => "field",
        }
    }

    fn group(self, name: &str) -> String {
        match self {
            Shape::Gen => name.to_string(),
            Shape::Field => format!("field/{name}"),
        }
    }

    /// The actor filtered on. In `gen`, a middling one (rank 42 of 5,000 by popularity, about
    /// 0.5% of events), as someone looking for one person would pick; in `field`, the one in
    /// a tenth of the events.
    fn actor(self) -> &'static str {
        match self {
            Shape::Gen => "a0042",
            Shape::Field => gen_field::TOP_ACTOR,
        }
    }

    /// A word of some texts, searched for in every text: "prisoner exchange" in `gen`, the
    /// accented "négociations" in `field`.
    fn word(self) -> &'static str {
        match self {
            Shape::Gen => "prisoner",
            Shape::Field => "négociations",
        }
    }

    /// What is typed in the actor picker, a keystroke at a time.
    fn typed(self) -> [&'static str; 3] {
        match self {
            Shape::Gen => ["s", "ser", "sergu"],
            Shape::Field => ["l", "lev", "leveq"],
        }
    }
}

fn sizes() -> Vec<usize> {
    std::env::var("ANNALS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

/// The generated dataset of `n` events in the shape benchmarked, written once.
fn dataset_file(n: usize) -> PathBuf {
    let shape = shape();
    written(
        &format!("{}-{n}-{SEED}.json", shape.name()),
        |out| match shape {
            Shape::Gen => generator::write(n, SEED, out),
            Shape::Field => gen_field::write(n, SEED, out).map(|_| ()),
        },
    )
}

/// A file of target/bench-data made by `write` the first time it is asked for.
fn written(
    name: &str,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("target/bench-data");
    let path = dir.join(name);
    if !path.exists() {
        let tmp = path.with_extension("tmp");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).expect("create"));
        write(&mut out).expect("generate");
        std::io::Write::flush(&mut out).expect("flush");
        std::fs::rename(&tmp, &path).expect("rename");
    }
    path
}

/// What a person sees first: the file read and checked, the browser's state built, and one
/// frame drawn.
fn first_screen(path: &std::path::Path) -> App {
    let data = annals::load::from_path(path).expect("a valid dataset");
    let app = App::new(data, WIDTH, HEIGHT);
    draw(&app);
    app
}

fn draw(app: &App) -> u16 {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    let frame = t.draw(|f| f.render_widget(app, f.area())).expect("a frame");
    frame.area.width
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group(shape().group("load"));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    for n in sizes() {
        let path = dataset_file(n);
        g.measurement_time(Duration::from_secs(if n >= 1_000_000 { 40 } else { 5 }));
        g.bench_with_input(BenchmarkId::new("baseline", n), &path, |b, p| {
            b.iter(|| baseline::load(p).expect("baseline").events.len())
        });
        g.bench_with_input(BenchmarkId::new("annals_first_screen", n), &path, |b, p| {
            b.iter(|| first_screen(p).shown.len())
        });
        g.bench_with_input(BenchmarkId::new("floor_ignored_any", n), &path, |b, p| {
            b.iter(|| {
                let bytes = std::fs::read(p).expect("read");
                serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).expect("JSON")
            })
        });
    }
    g.finish();
}

/// Loaded once per size for the benchmarks that run after loading.
/// GDELT-shaped rows (`examples/gen_gdelt.rs`, seed 42) as a raw export, written once.
fn gdelt_file(n: usize) -> PathBuf {
    written(&format!("gdelt-{n}-{SEED}.export.CSV"), |out| {
        gen_gdelt::write(n, SEED, out)
    })
}

/// GDELT at each size: the first screen of a raw export, then the browser's costs on it
/// (a frame of the list, the actor filter on the busiest country, a picker keystroke among
/// thousands of actors).
fn gdelt(c: &mut Criterion) {
    if shape() != Shape::Gen {
        return;
    }
    for n in sizes() {
        let path = gdelt_file(n);
        let mut g = c.benchmark_group(format!("gdelt/{n}"));
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(300));
        g.measurement_time(Duration::from_secs(if n >= 1_000_000 { 20 } else { 4 }));
        g.bench_function("first_screen_tsv", |b| {
            b.iter(|| first_screen(black_box(&path)).shown.len())
        });
        let data = annals::load::from_path(&path).expect("GDELT rows");
        let index = ActorIndex::new(&data);
        let russia = index.resolve(&data, "RUSSIA").expect("the actor");
        let filter = Filter {
            actors: vec![russia],
            ..Filter::default()
        };
        g.bench_function("actor_filter", |b| {
            b.iter(|| filter.apply(black_box(&data), &index).len())
        });
        for typed in ["r", "russ"] {
            g.bench_function(BenchmarkId::new("picker_keystroke", typed), |b| {
                b.iter(|| index.rank(&data, black_box(typed)).len())
            });
        }
        let mut app = App::new(data, WIDTH, HEIGHT);
        app.cursor = annals::model::ShownIx::new(app.shown.len() / 2);
        annals::tui::update::keep_in_view(&mut app);
        bench_frame(&mut g, &app);
        g.finish();
    }
}

/// A whole frame with the cursor where `app` has it. One terminal for all frames, as in the
/// browser; `clear` makes each frame a whole one (every cell drawn and compared), the most a
/// key can cost.
fn bench_frame(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    g.bench_function("frame_cursor_mid_list", |b| {
        b.iter(|| {
            terminal.clear().expect("clear");
            terminal
                .draw(|f| f.render_widget(black_box(app), f.area()))
                .expect("a frame")
                .area
                .width
        })
    });
}

fn loaded(n: usize) -> Dataset {
    annals::load::from_path(&dataset_file(n)).expect("a valid dataset")
}

fn after_load(c: &mut Criterion) {
    let shape = shape();
    for n in sizes() {
        let data = loaded(n);
        let index = ActorIndex::new(&data);
        let actor = index.resolve(&data, shape.actor()).expect("the actor");
        let all = data.all_events();

        let mut g = c.benchmark_group(shape.group(&format!("after_load/{n}")));
        g.sample_size(20);
        g.warm_up_time(Duration::from_millis(300));
        g.measurement_time(Duration::from_secs(3));

        let filter = Filter {
            actors: vec![actor],
            ..Filter::default()
        };
        g.bench_function("actor_filter", |b| {
            b.iter(|| filter.apply(black_box(&data), &index).len())
        });
        // The picker ranks every actor's names again at each keystroke.
        for typed in shape.typed() {
            g.bench_function(BenchmarkId::new("picker_keystroke", typed), |b| {
                b.iter(|| index.rank(&data, black_box(typed)).len())
            });
        }
        let word = fold(shape.word());
        g.bench_function("search_whole", |b| {
            b.iter(|| Search::run(&data, &all, black_box(&word)).len())
        });
        // The browser searches a slice between two looks at the keyboard: this is how long
        // a key may wait.
        g.bench_function("search_slice", |b| {
            b.iter(|| {
                let mut s = Search::new(&word);
                s.step(&data, &all, SEARCH_SLICE).len()
            })
        });

        let mut app = App::new(data.clone(), WIDTH, HEIGHT);
        let middle = app.shown.len() / 2;
        app.cursor = annals::model::ShownIx::new(middle);
        annals::tui::update::keep_in_view(&mut app);
        bench_frame(&mut g, &app);

        let ten_k = &data.all_events()[..data.events.len().min(10_000)];
        for format in Format::ALL {
            g.bench_function(BenchmarkId::new("export_10k", format.name()), |b| {
                b.iter(|| {
                    export::render(format, &data, ten_k, chrono::DateTime::UNIX_EPOCH)
                        .expect("export")
                        .len()
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, load, after_load, gdelt);
criterion_main!(benches);

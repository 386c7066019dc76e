//! Load to first screen, as a process of its own, for the whole-process script
//! (benches/whole-process.sh): reads and checks a dataset, builds the browser's state and
//! draws one frame at 120×40 into an off-screen buffer, then exits. The same allocator as the
//! annals binary.
//!
//!     first_screen FILE

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: first_screen FILE");
        std::process::exit(2);
    };
    let data = match annals::load::from_path(path.as_ref()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("first_screen: {e}");
            std::process::exit(1);
        }
    };
    let app = annals::tui::app::App::new(data, 120, 40);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))
        .expect("an off-screen terminal");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("a frame");
    println!("{} events, first screen drawn", app.shown.len());
}

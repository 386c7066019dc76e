#[global_allocator]
static A: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn status(tag: &str) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    let pick: Vec<&str> = s
        .lines()
        .filter(|l| {
            l.starts_with("VmHWM")
                || l.starts_with("VmRSS")
                || l.starts_with("RssFile")
                || l.starts_with("RssAnon")
        })
        .collect();
    eprintln!(
        "{tag}: {}",
        pick.join(" | ").replace("\t", "").replace("  ", "")
    );
}
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let t = std::time::Instant::now();
    let mut n = 0;
    let d = annals::load::from_path_with(std::path::Path::new(&p), &mut |pr| {
        n += 1;
        if n % 40 == 0 {
            eprint!("{:?} {} ", t.elapsed(), pr.events);
            status("")
        }
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    eprintln!("load {:?}", t.elapsed());
    status("after load");
    let t = std::time::Instant::now();
    let app = annals::tui::app::App::new(d, 120, 40);
    eprintln!("app {:?}", t.elapsed());
    status("after app");
    drop(app);
}

//! The failures a probe found (issue: harden), each with the test that would have caught it:
//! exports onto what is not a file, streams as input, a dataset without `events`, messages
//! that say what is wrong, CSV cells a spreadsheet would run, calendar identities, and a
//! field of megabytes in the browser. Signals are in tests/e2e_tmux.rs (they need a
//! terminal).

use std::io::{Read, Write};
use std::path::Path;

use assert_cmd::Command;

fn annals() -> Command {
    Command::cargo_bin("annals").unwrap()
}

fn stderr_of(args: &[&str]) -> String {
    let out = annals().args(args).output().unwrap();
    assert!(!out.status.success(), "annals {args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout_of(args: &[&str]) -> String {
    let out = annals().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "annals {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .file_type()
        .is_fifo()
}

#[cfg(unix)]
#[test]
fn an_export_onto_a_pipe_writes_into_it_and_never_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    // Without --force nothing changes.
    let said = stderr_of(&["export", "--format", "md", "-o", s(&fifo)]);
    assert!(said.contains("already exists"), "{said}");
    assert!(is_fifo(&fifo));
    // With --force, what is written goes into the pipe, as `>` would, and the pipe stays.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
    };
    stdout_of(&["export", "--format", "md", "-o", s(&fifo), "--force"]);
    let text = reader.join().unwrap();
    assert!(text.starts_with("# Moscow and Washington"), "{text:.80}");
    assert!(is_fifo(&fifo));
    // A socket is refused, and left.
    let socket = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let said = stderr_of(&["export", "--format", "md", "-o", s(&socket), "--force"]);
    assert!(said.contains("is a socket, not a file"), "{said}");
    assert!(socket.exists());
    // A path under a file names the file.
    let file = dir.path().join("afile");
    std::fs::write(&file, "mine").unwrap();
    let said = stderr_of(&[
        "export",
        "--format",
        "md",
        "-o",
        &format!("{}/x.md", s(&file)),
    ]);
    assert!(said.contains("is a file, not a folder"), "{said}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

#[cfg(unix)]
#[test]
fn standard_input_and_named_pipes_are_read_to_their_end() {
    let data = std::fs::read("data/moscow-washington.json").unwrap();
    let from_file = stdout_of(&["list", "data/moscow-washington.json"]);
    let out = annals()
        .args(["list", "-"])
        .write_stdin(data.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), from_file);
    // Another format through a pipe: the GDELT sample.
    let gdelt = std::fs::read("tests/fixtures/gdelt/sample.export.CSV").unwrap();
    let out = annals()
        .args(["validate", "-"])
        .write_stdin(gdelt)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("standard input: readable as GDELT events: 300 events"),
        "{said}"
    );
    // A named pipe with a writer that comes later.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            std::fs::OpenOptions::new()
                .write(true)
                .open(&fifo)
                .unwrap()
                .write_all(&data)
                .unwrap();
        })
    };
    let said = stdout_of(&["validate", s(&fifo)]);
    writer.join().unwrap();
    assert!(said.contains("valid annals/1 dataset"), "{said}");
}

#[test]
fn the_fields_a_dataset_requires_are_named_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, json: &str, expected: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, json).unwrap();
        let said = stderr_of(&["validate", s(&path)]);
        assert!(said.contains(expected), "{name}: {said}");
    };
    check(
        "no-events.json",
        r#"{"format":"annals/1","title":"T","actors":[],"sources":[]}"#,
        "field `events`: is missing",
    );
    check(
        "no-format.json",
        r#"{"title":"T","actors":[],"sources":[],"events":[]}"#,
        "field `format`: is missing",
    );
    // Not four "unknown actor" errors: the array is missing.
    check(
        "no-actors.json",
        r#"{"format":"annals/1","title":"T","sources":[],"events":[{"id":"e","when":"2012","title":"x","actors":["a","b"]}]}"#,
        "field `actors`: is missing",
    );
    check(
        "no-title.json",
        r#"{"format":"annals/1","title":"T","actors":[],"sources":[],"events":[{"id":"e","when":"2012"}]}"#,
        "event `e`, field `title`: is required, and missing or empty",
    );
    check(
        "no-name.json",
        r#"{"format":"annals/1","title":"T","actors":[{"id":"a"}],"sources":[],"events":[]}"#,
        "actor `a`, field `name`: is required, and missing or empty",
    );
    check(
        "no-quote-source.json",
        r#"{"format":"annals/1","title":"T","actors":[{"id":"a","name":"A"}],"sources":[],"events":[{"id":"e","when":"2012","title":"x","quotes":[{"by":"a","text":"hi"}]}]}"#,
        "field `quotes[0].source`: is required, and missing or empty (the id of a source)",
    );
    check(
        "surrogate.json",
        r#"{"format":"annals/1","title":"T","actors":[],"sources":[],"events":[{"id":"e","when":"2012","title":"\ud800"}]}"#,
        "lone surrogate",
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(
        &path,
        r#"{"format":"annals/1","title":"T","actors":[{"id":"a","name":"@SUM(A1)"}],"sources":[],
        "events":[{"id":"e","when":"2012","title":"=HYPERLINK(\"http://evil.example\",\"x\")","actors":["a"],"summary":"+1"}]}"#,
    )
    .unwrap();
    for args in [
        vec!["list", s(&path), "--format", "csv"],
        vec!["export", s(&path), "--format", "csv"],
    ] {
        let csv = stdout_of(&args);
        assert!(
            csv.contains(r#""'=HYPERLINK(""http://evil.example"",""x"")""#),
            "{csv}"
        );
        assert!(csv.contains(",'@SUM(A1),"), "{csv}");
        assert!(csv.contains(",'+1,"), "{csv}");
        // RFC 4180: CRLF after every record.
        assert!(
            csv.ends_with("\r\n") && !csv.replace("\r\n", "").contains('\n'),
            "{csv:?}"
        );
    }
    let mut raw = args_with(&path, &["--csv-raw", "--bom"]);
    let csv = stdout_of(&raw.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains(r#""=HYPERLINK("#), "{csv}");
    // JSON keeps the title as it is.
    raw = vec![
        "export".into(),
        s(&path).into(),
        "--format".into(),
        "json".into(),
    ];
    let json = stdout_of(&raw.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(json.contains(r#""title": "=HYPERLINK("#), "{json}");
}

fn args_with(path: &Path, extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ["export", s(path), "--format", "csv"]
        .iter()
        .map(|a| a.to_string())
        .collect();
    v.extend(extra.iter().map(|a| a.to_string()));
    v
}

#[test]
fn calendar_identities_do_not_change_with_the_dataset_title() {
    let original = std::fs::read_to_string("data/moscow-washington.json").unwrap();
    let renamed = original.replacen(
        "\"title\": \"Moscow and Washington, 1999–2013\"",
        "\"title\": \"Another title\"",
        1,
    );
    assert_ne!(original, renamed, "the title is where it was");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("renamed.json");
    std::fs::write(&path, renamed).unwrap();
    let uids = |args: &[&str]| -> Vec<String> {
        stdout_of(args)
            .lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    let before = uids(&["export", "--format", "ics"]);
    let after = uids(&["export", s(&path), "--format", "ics"]);
    assert_eq!(before.len(), annals::load::builtin().events.len());
    assert_eq!(before, after);
    assert!(before.contains(&"UID:putin-obama-call@annals".to_string()));
}

#[test]
fn a_field_of_megabytes_is_cut_where_the_browser_lays_it_out() {
    let mut data = annals::load::builtin();
    let huge = "lorem ipsum dolor sit amet ".repeat(400_000);
    // The dataset's texts live in its store: give the first event a summary of 10 MB.
    let json = annals::export::render(
        annals::export::Format::Json,
        &data,
        &data.all_events(),
        chrono::DateTime::UNIX_EPOCH,
    )
    .unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    doc["events"][0]["summary"] = serde_json::Value::String(huge.clone());
    doc["events"][1]["title"] = serde_json::Value::String(huge.clone());
    data = annals::load::from_str(&doc.to_string(), "huge.json").unwrap();
    let lines = annals::tui::detail::lines(&data, &data.events[0], None);
    let laid_out: usize = lines.iter().map(|l| l.width()).sum();
    assert!(
        laid_out < annals::tui::detail::FIELD_BYTES + 1000,
        "{laid_out}"
    );
    let text: String = lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
        .collect();
    assert!(text.contains("KB more: `annals show ID` prints the whole field"));
    // `show` prints it whole.
    let cut = annals::text::truncate(&huge, 10);
    assert_eq!(cut, "lorem ips…");
    // The browser draws both events at any size without laying out all of it.
    let mut app = annals::tui::app::App::new(data, 120, 40);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    for _ in 0..3 {
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        annals::tui::update::on_key(
            &mut app,
            annals::tui::keymap::KeyPress {
                code: ratatui::crossterm::event::KeyCode::Char('j'),
                ctrl: false,
            },
        );
    }
}

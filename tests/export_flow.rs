//! Export at the keyboard (`v` range, `x` dialog, confirmation, errors) and on the command
//! line (`annals export`), with the TUI and the command line agreeing on what they export.

mod common;

use std::path::Path;

use annals::export::Format;
use annals::load;
use annals::tui::app::App;
use annals::tui::effect::{Done, Effect, ExportFailure, ExportJob};
use annals::tui::keymap::KeyPress;
use annals::tui::update::{self, on_key};
use assert_cmd::Command;
use common::{builtin, go_to, key, screen, typing};
use predicates::prelude::*;
use ratatui::crossterm::event::KeyCode;

fn annals() -> Command {
    Command::cargo_bin("annals").unwrap()
}

fn ids(data: &annals::model::Dataset) -> Vec<String> {
    data.events.iter().map(|e| e.id.clone()).collect()
}

/// The autumn of 2012, from the USAID note to the Putin–Obama call, selected with `v`.
fn autumn(dir: &Path) -> App {
    let mut app = builtin(120, 40);
    app.export_dir = dir.to_path_buf();
    go_to(&mut app, "usaid-note");
    typing(&mut app, "v");
    let to = app.data.event_position("putin-obama-call").unwrap().get();
    while app.cursor.get() < to {
        typing(&mut app, "j");
    }
    app
}

#[test]
fn a_range_is_selected_with_v_and_dropped_with_esc() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = autumn(dir.path());
    let (a, b) = app.selection().unwrap();
    assert_eq!(app.data.events[app.shown[a]].id, "usaid-note");
    assert_eq!(app.data.events[app.shown[b]].id, "putin-obama-call");
    let s = screen(&app);
    assert!(s.contains(" VISUAL "), "{s}");
    assert!(
        s.contains(&format!("{} selected", b.get() - a.get() + 1)),
        "{s}"
    );
    assert!(s.contains("┃ 18 Sep  State Department announces"), "{s}");
    assert!(s.contains("v drop range  x export range"), "{s}");
    // Esc drops the range and does not quit.
    key(&mut app, KeyCode::Esc);
    assert!(app.selection().is_none());
    assert!(!app.quit);
    assert!(screen(&app).contains(" NORMAL "));
}

#[test]
fn the_dialog_writes_the_range_and_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = autumn(dir.path());
    let range = app.export_events();
    typing(&mut app, "x");
    insta::assert_snapshot!("export_dialog", screen(&app));
    let d = app.export.as_ref().unwrap();
    assert_eq!(d.name.text(), "annals-2012-09-12--2012-11-13.md");
    // Down to annals JSON: the ending follows the format.
    key(&mut app, KeyCode::Down);
    assert_eq!(
        app.export.as_ref().unwrap().name.text(),
        "annals-2012-09-12--2012-11-13.json"
    );
    key(&mut app, KeyCode::Enter);
    assert!(app.export.is_none());
    let status = app.status.clone().unwrap();
    assert_eq!(
        status,
        format!(
            "wrote {} events to annals-2012-09-12--2012-11-13.json (annals JSON)",
            range.len()
        )
    );
    assert!(screen(&app).contains(&status));
    // The file loads back as the selected events with what they reference.
    let back = load::from_path(&dir.path().join("annals-2012-09-12--2012-11-13.json")).unwrap();
    assert_eq!(back, app.data.subset(&range));
    // The range stays, to be written again in another format.
    assert_eq!(
        app.selection().map(|(a, b)| b.get() - a.get() + 1),
        Some(range.len()),
        "the range is kept after a write"
    );
}

#[test]
fn an_existing_file_asks_before_it_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annals-2012-09-12--2012-11-13.md");
    std::fs::write(&path, "my notes\n").unwrap();
    let mut app = autumn(dir.path());
    typing(&mut app, "x");
    key(&mut app, KeyCode::Enter);
    assert!(app.export.as_ref().unwrap().confirm);
    insta::assert_snapshot!("export_confirm", screen(&app));
    // n keeps the file and goes back to the name.
    typing(&mut app, "n");
    assert!(!app.export.as_ref().unwrap().confirm);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes\n");
    // Typing in the name is text, even the letters bound elsewhere (y, n, q, x).
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    typing(&mut app, "qxy.md");
    assert_eq!(
        app.export.as_ref().unwrap().name.text(),
        "annals-2012-09-12--2012-11-13qxy.md"
    );
    key(&mut app, KeyCode::Enter);
    assert!(app.export.is_none());
    assert!(
        dir.path()
            .join("annals-2012-09-12--2012-11-13qxy.md")
            .exists()
    );
    // Once more on the original name, and this time y replaces it.
    let mut app = autumn(dir.path());
    typing(&mut app, "x");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "y");
    assert!(app.export.is_none());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Moscow and Washington")
    );
}

#[test]
fn a_failed_export_is_shown_and_the_browser_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = autumn(dir.path());
    typing(&mut app, "x");
    common::ctrl(&mut app, 'u');
    typing(&mut app, "no-such-folder/brief.md");
    key(&mut app, KeyCode::Enter);
    let d = app.export.as_ref().unwrap();
    let error = d.error.clone().unwrap();
    assert!(error.contains("does not exist"), "{error}");
    let s = screen(&app);
    assert!(
        s.contains("cannot write") && s.contains("no-such-folder"),
        "{s}"
    );
    assert!(!app.quit);
    // An empty name is refused too, and Esc closes the dialog without writing.
    common::ctrl(&mut app, 'u');
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.export.as_ref().unwrap().error.as_deref(),
        Some("type a file name")
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.export.is_none());
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
    assert!(app.selection().is_some(), "the range is still there");
}

#[test]
fn without_a_range_export_takes_every_event_the_filters_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = builtin(120, 40);
    app.export_dir = dir.path().to_path_buf();
    typing(&mut app, "a");
    typing(&mut app, "lavrov");
    key(&mut app, KeyCode::Enter);
    let shown = app.shown.clone();
    assert!(shown.len() < app.data.events.len());
    typing(&mut app, "x");
    assert_eq!(app.export.as_ref().unwrap().events, shown);
    assert!(screen(&app).contains("every event shown"));
    // A range within the filter covers the shown events only.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Home);
    typing(&mut app, "vj");
    assert_eq!(app.export_events(), shown[..2].to_vec());
}

#[test]
fn the_tui_and_the_command_line_export_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = builtin(120, 40);
    app.export_dir = dir.path().to_path_buf();
    typing(&mut app, "d2012-09..2012-11");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "x");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let name = app.status.clone().unwrap();
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        name.contains(&*file.file_name().unwrap().to_string_lossy()),
        "{name}"
    );
    let out = annals()
        .args([
            "export", "--from", "2012-09", "--to", "2012-11", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        String::from_utf8(out.stdout).unwrap()
    );
}

#[test]
fn nothing_shown_means_nothing_to_export() {
    let mut app = builtin(120, 40);
    typing(&mut app, "d1900");
    key(&mut app, KeyCode::Enter);
    assert!(app.shown.is_empty());
    typing(&mut app, "x");
    assert!(app.export.is_none());
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("nothing to export")
    );
}

#[test]
fn the_dialog_is_drawn_at_every_small_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = autumn(dir.path());
    typing(&mut app, "x");
    for w in 0..50 {
        for h in 0..16 {
            common::update_size(&mut app, w, h);
            let _ = screen(&app);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The dialog's decisions, without files: update asks for a write and takes in what came of it.

/// A key through update alone: its effects are returned, not carried out.
fn decide(app: &mut App, code: KeyCode) -> Vec<Effect> {
    on_key(app, KeyPress { code, ctrl: false })
}

#[test]
fn the_dialog_asks_for_a_write_and_takes_in_what_came_of_it() {
    let mut app = autumn(Path::new("/nowhere/at/all"));
    let range = app.export_events();
    assert!(decide(&mut app, KeyCode::Char('x')).is_empty());
    let asked = decide(&mut app, KeyCode::Enter);
    let job = ExportJob {
        events: range.clone(),
        format: Format::Markdown,
        name: "annals-2012-09-12--2012-11-13.md".into(),
        dir: "/nowhere/at/all".into(),
        overwrite: false,
    };
    assert_eq!(asked, vec![Effect::Export(job.clone())]);
    assert!(app.export.is_some(), "open until the write is done");
    // The file is there: the dialog asks, and y asks again, to replace it.
    let more = update::done(&mut app, Done::Exported(Err(ExportFailure::Exists)));
    assert!(more.is_empty());
    assert!(app.export.as_ref().unwrap().confirm);
    let replace = decide(&mut app, KeyCode::Char('y'));
    let job = ExportJob {
        overwrite: true,
        ..job
    };
    assert_eq!(replace, vec![Effect::Export(job)]);
    // A failure stays in the dialog, to be mended.
    update::done(
        &mut app,
        Done::Exported(Err(ExportFailure::Failed("the disk is full".into()))),
    );
    let d = app.export.as_ref().unwrap();
    assert_eq!(d.error.as_deref(), Some("the disk is full"));
    assert!(!d.confirm);
    // Success closes it, reports in the footer and drops the range.
    update::done(&mut app, Done::Exported(Ok(())));
    assert!(app.export.is_none());
    assert_eq!(
        app.status.as_deref(),
        Some(
            format!(
                "wrote {} events to annals-2012-09-12--2012-11-13.md (Markdown brief)",
                range.len()
            )
            .as_str()
        )
    );
    assert!(app.selection().is_some(), "the range is kept after a write");
}

#[test]
fn an_empty_name_is_refused_without_asking_for_a_write() {
    let mut app = builtin(120, 40);
    decide(&mut app, KeyCode::Char('x'));
    common::ctrl(&mut app, 'u');
    assert!(decide(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(
        app.export.as_ref().unwrap().error.as_deref(),
        Some("type a file name")
    );
}

// ---------------------------------------------------------------------------------------------
// The command line.

#[test]
fn export_reloads_identical_to_the_range_it_was_made_of() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("autumn.json");
    annals()
        .args([
            "export", "--from", "2012-09", "--to", "2012-11", "--format", "json", "-o",
        ])
        .arg(&path)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("wrote").and(predicate::str::contains("autumn.json")));
    // `annals list` of the export equals `annals list` of the range.
    let list = |args: &[&str]| {
        let out = annals()
            .arg("list")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        list(&[path.to_str().unwrap()]),
        list(&["--from", "2012-09", "--to", "2012-11"])
    );
    let back = load::from_path(&path).unwrap();
    assert_eq!(ids(&back).first().map(String::as_str), Some("protest-wave"));
}

#[test]
fn export_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    std::fs::write(&path, "mine\n").unwrap();
    annals()
        .args(["export", "--format", "md", "-o"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"mine\n",
        "kept byte for byte"
    );
    annals()
        .args(["export", "--format", "md", "--force", "-o"])
        .arg(&path)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Moscow and Washington")
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left");
}

#[test]
fn export_writes_to_standard_output_without_o_or_with_dash() {
    for extra in [&[][..], &["-o", "-"][..]] {
        annals()
            .args(["export", "--actor", "Лавров", "--format", "csv"])
            .args(extra)
            .assert()
            .success()
            .stdout(predicate::str::starts_with(
                "id,start,end,precision,title,actors,tags,sources,summary,attributes\r\n",
            ))
            .stdout(predicate::str::contains("lavrov-equality-statement"));
    }
}

#[test]
fn export_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    annals()
        .args(["export", "--format", "ics", "-o"])
        .arg(dir.path().join("missing").join("x.ics"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
    annals()
        .args(["export", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
    annals()
        .args(["export", "--actor", "nobody-at-all", "--format", "md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("closest"));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn every_format_is_offered_in_the_dialog_and_on_the_command_line() {
    for f in Format::ALL {
        let name = match f {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::TimelineJs => "timelinejs",
        };
        annals()
            .args(["export", "--format", name])
            .assert()
            .success();
    }
}

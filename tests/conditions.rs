//! Conditions on attributes: `--where` on the command line and the `w` prompt in the browser
//! pass the same events, numbers compared as numbers.

use annals::tui::keymap::KeyPress;
use assert_cmd::Command;
use ratatui::crossterm::event::KeyCode;

const SKETCH: &str = "message,datetime,timestamp_desc,hostname,score\n\
login a,2012-11-13T01:00:00+00:00,Last Login Time,WKSTN-1,9\n\
login b,2012-11-13T02:00:00+00:00,Last Login Time,DC01,10\n\
login c,2012-11-13T03:00:00+00:00,Last Login Time,wkstn-1,-12.5\n\
login d,2012-11-13T04:00:00+00:00,Last Login Time,DC01,\n";

fn sketch() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sketch.csv");
    std::fs::write(&path, SKETCH).unwrap();
    (dir, path)
}

fn titles(path: &std::path::Path, wheres: &[&str]) -> Vec<String> {
    let mut cmd = Command::cargo_bin("annals").unwrap();
    cmd.arg("list").arg(path).args(["--format", "csv"]);
    for w in wheres {
        cmd.args(["--where", w]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "title")
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .collect()
}

#[test]
fn where_compares_numbers_as_numbers_and_texts_without_case() {
    let (_dir, path) = sketch();
    // 9 < 10 < … as numbers; "9" > "10" as texts.
    assert_eq!(titles(&path, &["score>=10"]), ["login b"]);
    assert_eq!(titles(&path, &["score<10"]), ["login a", "login c"]);
    assert_eq!(titles(&path, &["hostname=WKSTN-1"]), ["login a", "login c"]);
    // Several: all must hold. An event without the value passes only `!=`.
    assert_eq!(titles(&path, &["hostname=wkstn-1", "score<0"]), ["login c"]);
    assert_eq!(
        titles(&path, &["score!=9"]),
        ["login b", "login c", "login d"]
    );
    assert!(titles(&path, &["nosuch=1"]).is_empty());
}

#[test]
fn a_bad_condition_is_a_usage_error_that_says_how_one_is_written() {
    let (_dir, path) = sketch();
    Command::cargo_bin("annals")
        .unwrap()
        .arg("list")
        .arg(&path)
        .args(["--where", "score"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("NAME OP VALUE"));
}

fn key(app: &mut annals::tui::app::App, code: KeyCode) {
    annals::tui::update::on_key(app, KeyPress { code, ctrl: false });
}

fn type_text(app: &mut annals::tui::app::App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn the_w_prompt_filters_like_where_and_shows_its_mistakes() {
    let (_dir, path) = sketch();
    let (data, _) = annals::load::open(
        &path,
        &Default::default(),
        annals::load::Reading::Auto,
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap();
    let mut app = annals::tui::app::App::new(data, 120, 40);
    let shown = |app: &annals::tui::app::App| -> Vec<String> {
        app.shown
            .iter()
            .map(|&i| app.data.text(&app.data.event(i).title).to_string())
            .collect()
    };
    key(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "score<");
    key(&mut app, KeyCode::Enter);
    // Refused, said, and the prompt stays open with what was typed.
    let p = app.prompt.as_ref().expect("the prompt stays open");
    assert!(
        p.error
            .as_deref()
            .unwrap()
            .contains("compares with nothing")
    );
    type_text(&mut app, "10, hostname = wkstn-1");
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_none());
    assert_eq!(shown(&app), ["login a", "login c"]);
    // Opened again, it offers the conditions to edit; emptied, it clears them.
    key(&mut app, KeyCode::Char('w'));
    assert_eq!(
        app.prompt.as_ref().unwrap().input,
        "score<10, hostname=wkstn-1"
    );
    annals::tui::update::on_key(
        &mut app,
        KeyPress {
            code: KeyCode::Char('u'),
            ctrl: true,
        },
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).len(), 4);
}

//! Keeping a chronology from the browser, in-process: `e` edits an event in an editor (a
//! small script standing in for one), `o` adds one, `D` deletes one, `u` and `Ctrl-r` undo and
//! redo. The file changes only where the event is, and never over a change made on disk.

mod common;

use std::path::PathBuf;

use annals::load::{self, spans};
use annals::tui::app::{App, Origin};
use common::{app_at, builtin, ctrl, go_to, key, press};
use ratatui::crossterm::event::KeyCode;

/// A copy of the built-in dataset to keep, opened in the browser, with `editor` as the editor.
struct Desk {
    _dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
}

impl Desk {
    fn new(editor_script: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.json");
        std::fs::write(&path, load::BUILTIN_JSON).unwrap();
        let mut app = app_at(load::from_path(&path).unwrap(), 120, 40);
        app.origin = Origin::File(path.clone());
        let mut desk = Desk {
            _dir: dir,
            path,
            app,
        };
        desk.editor(editor_script);
        desk
    }

    /// The editor becomes a shell script with this body (`$1` is the draft).
    fn editor(&mut self, body: &str) {
        let script = self
            .path
            .with_file_name(format!("editor-{}.sh", body.len()));
        std::fs::write(&script, body).unwrap();
        self.app.keep.editor = format!("sh {}", script.display());
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.path).unwrap()
    }
}

/// The bytes of the event with this id, in a file's text.
fn event_span(text: &str, id: &str) -> std::ops::Range<usize> {
    let layout = spans::layout(text).unwrap();
    let needle = format!("\"id\": \"{id}\"");
    layout
        .events
        .unwrap()
        .items
        .into_iter()
        .find(|r| text[r.clone()].contains(&needle))
        .unwrap()
}

/// The text outside one event's bytes is the same in both.
fn only_event_changed(before: &str, after: &str, id: &str) {
    let (a, b) = (event_span(before, id), event_span(after, id));
    assert_eq!(
        before[..a.start],
        after[..b.start],
        "bytes before the event changed"
    );
    assert_eq!(
        before[a.end..],
        after[b.end..],
        "bytes after the event changed"
    );
    assert_ne!(before[a], after[b]);
}

fn status(app: &App) -> String {
    app.status.clone().unwrap_or_default()
}

const RETITLE: &str = r#"sed -i 's/"title": "Putin wins the presidential election"/"title": "Putin wins the presidential election of March 2000"/' "$1""#;

#[test]
fn an_edit_changes_only_that_events_bytes_and_undo_and_redo_restore_them() {
    let mut d = Desk::new(RETITLE);
    let original = d.text();
    go_to(&mut d.app, "putin-elected-2000");
    press(&mut d.app, 'e');
    let edited = d.text();
    only_event_changed(&original, &edited, "putin-elected-2000");
    assert!(edited.contains("of March 2000"));
    assert!(
        status(&d.app).starts_with("saved the edit of “Putin wins"),
        "{}",
        status(&d.app)
    );
    // The browser shows the new version, on the event edited.
    assert_eq!(d.app.current().unwrap().id, "putin-elected-2000");
    assert!(
        d.app
            .data
            .text(&d.app.current().unwrap().title)
            .ends_with("of March 2000")
    );
    load::from_path(&d.path).unwrap();

    press(&mut d.app, 'u');
    assert_eq!(d.text(), original, "undo gives back the bytes");
    assert!(
        status(&d.app).starts_with("undid the edit of"),
        "{}",
        status(&d.app)
    );
    ctrl(&mut d.app, 'r');
    assert_eq!(d.text(), edited);
    assert!(status(&d.app).starts_with("redid"), "{}", status(&d.app));
    press(&mut d.app, 'u');
    press(&mut d.app, 'u');
    assert_eq!(d.text(), original);
    assert_eq!(status(&d.app), "nothing to undo");
}

#[test]
fn a_new_event_with_a_new_actor_and_source_is_added_after_the_cursor() {
    let magnitsky = r#"cat > "$1" <<'EOF'
{
  "event": {
    "id": "magnitsky-act",
    "when": "2012-12-14",
    "title": "Obama signs the Magnitsky Act",
    "actors": ["obama", "magnitsky"],
    "sources": ["test-source"]
  },
  "new_actors": [{"id": "magnitsky", "name": "Sergei Magnitsky", "kind": "person"}],
  "new_sources": [{"id": "test-source", "publisher": "Test", "title": "A source for the test"}]
}
EOF"#;
    let mut d = Desk::new(magnitsky);
    let original = d.text();
    go_to(&mut d.app, "putin-obama-call");
    press(&mut d.app, 'o');
    let after = d.text();
    let data = load::from_path(&d.path).unwrap();
    assert_eq!(data.events.len(), load::builtin().events.len() + 1);
    assert!(data.actors.iter().any(|a| a.id == "magnitsky"));
    assert!(data.sources.iter().any(|s| s.id == "test-source"));
    // In the file, right after the event the cursor was on.
    let call = event_span(&after, "putin-obama-call");
    let new = event_span(&after, "magnitsky-act");
    assert!(after[call.end..new.start].trim() == ",");
    assert_eq!(d.app.current().unwrap().id, "magnitsky-act");
    press(&mut d.app, 'u');
    assert_eq!(d.text(), original);
}

#[test]
fn a_bad_draft_is_kept_to_be_edited_again_and_the_file_is_untouched() {
    let mut d = Desk::new(r#"sed -i 's/"when": "2000-03-26"/"when": "2000-03-32"/' "$1""#);
    let original = d.text();
    go_to(&mut d.app, "putin-elected-2000");
    press(&mut d.app, 'e');
    assert_eq!(d.text(), original);
    let failed = d.app.keep.failed.as_ref().expect("the draft is kept");
    assert!(
        failed.text.contains("2000-03-32"),
        "the person's text is kept"
    );
    assert!(
        failed.problems[0].contains("event `putin-elected-2000`, field `when`"),
        "{:?}",
        failed.problems
    );
    let s = common::screen(&d.app);
    assert!(s.contains("Not saved") && s.contains("e edit again"), "{s}");
    // Mended in the editor: the editor opens on the kept text.
    d.editor(r#"sed -i 's/2000-03-32/2000-03-27/' "$1""#);
    press(&mut d.app, 'e');
    assert!(d.app.keep.failed.is_none());
    assert!(d.text().contains("\"when\": \"2000-03-27\""));
    only_event_changed(&original, &d.text(), "putin-elected-2000");

    // A draft that is not JSON says where.
    d.editor(r#"printf '{"event": ' > "$1""#);
    press(&mut d.app, 'e');
    let failed = d.app.keep.failed.as_ref().unwrap();
    assert!(
        failed.problems[0].starts_with("in the draft, 1:"),
        "{:?}",
        failed.problems
    );
    key(&mut d.app, KeyCode::Esc);
    assert!(d.app.keep.failed.is_none());
}

#[test]
fn nothing_is_written_over_a_change_made_on_disk() {
    let mut d = Desk::new(RETITLE);
    go_to(&mut d.app, "putin-elected-2000");
    // Someone else's change, after annals read the file.
    let theirs = d
        .text()
        .replace("Boris Yeltsin resigned", "Boris Yeltsin stepped down");
    std::fs::write(&d.path, &theirs).unwrap();
    press(&mut d.app, 'e');
    assert_eq!(d.text(), theirs, "their change stays");
    let failed = d.app.keep.failed.as_ref().expect("the draft is kept");
    assert!(
        failed.problems[0].contains("changed on disk"),
        "{:?}",
        failed.problems
    );
    // The file was read again: editing again now saves over their version, keeping it.
    assert!(
        d.app
            .data
            .text(&d.app.data.events[0].summary)
            .contains("stepped down")
    );
    press(&mut d.app, 'e');
    assert!(d.text().contains("stepped down") && d.text().contains("of March 2000"));
}

#[test]
fn an_editor_that_fails_or_changes_nothing_writes_nothing() {
    let mut d = Desk::new("exit 3");
    let original = d.text();
    press(&mut d.app, 'e');
    assert_eq!(d.text(), original);
    assert!(
        status(&d.app).contains("stopped with status 3"),
        "{}",
        status(&d.app)
    );
    d.editor("true");
    press(&mut d.app, 'e');
    assert_eq!(status(&d.app), "no change: nothing was written");
    d.app.keep.editor = "no-such-editor-anywhere".into();
    press(&mut d.app, 'e');
    assert!(
        status(&d.app).contains("was not found"),
        "{}",
        status(&d.app)
    );
    assert_eq!(d.text(), original);
}

#[test]
fn delete_asks_first_and_undo_brings_the_event_back() {
    let mut d = Desk::new("true");
    let original = d.text();
    go_to(&mut d.app, "usaid-note");
    press(&mut d.app, 'D');
    assert!(common::screen(&d.app).contains("y delete · n keep"));
    press(&mut d.app, 'n');
    assert_eq!(d.text(), original);
    press(&mut d.app, 'D');
    press(&mut d.app, 'y');
    let data = load::from_path(&d.path).unwrap();
    assert!(data.event_position("usaid-note").is_none());
    assert_eq!(data.events.len(), load::builtin().events.len() - 1);
    assert!(
        status(&d.app).starts_with("deleted “"),
        "{}",
        status(&d.app)
    );
    press(&mut d.app, 'u');
    assert_eq!(d.text(), original);
}

#[test]
fn the_built_in_dataset_says_how_to_make_an_editable_copy() {
    let mut app = builtin(120, 40);
    for k in ['e', 'o', 'D', 'u'] {
        press(&mut app, k);
        assert!(
            status(&app).contains("annals export --format json -o my.json"),
            "{k}: {}",
            status(&app)
        );
        assert!(app.keep.deleting.is_none());
    }
}

// ---------------------------------------------------------------------------------------------
// The command line: `annals add` and `annals fmt`.

fn annals() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("annals").unwrap()
}

#[test]
fn annals_add_appends_one_event_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.json");
    std::fs::write(&path, load::BUILTIN_JSON).unwrap();
    annals()
        .arg("add")
        .arg(&path)
        .args([
            "--when",
            "2012-12-14",
            "--title",
            "Obama signs the Magnitsky Act",
        ])
        .args(["--actor", "obama", "--source", "afp-2012-11-13"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "added `obama-signs-the-magnitsky-act`",
        ));
    let after = std::fs::read_to_string(&path).unwrap();
    let new = event_span(&after, "obama-signs-the-magnitsky-act");
    assert_eq!(
        after[..new.start].trim_end(),
        load::BUILTIN_JSON[..event_end()].to_string() + ","
    );
    let data = load::from_path(&path).unwrap();
    assert_eq!(data.events.len(), load::builtin().events.len() + 1);

    // A problem: the same checks as validate, and the file as it was.
    annals()
        .arg("add")
        .arg(&path)
        .args([
            "--when",
            "2012-13-01",
            "--title",
            "Bad",
            "--actor",
            "nobody",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("unknown actor `nobody`"))
        .stderr(predicates::str::contains("field `when`"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

/// Where the built-in dataset's last event ends.
fn event_end() -> usize {
    let text = load::BUILTIN_JSON;
    spans::layout(text)
        .unwrap()
        .events
        .unwrap()
        .items
        .last()
        .unwrap()
        .end
}

#[test]
fn annals_fmt_writes_the_canonical_layout_and_check_says_when_a_file_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.json");
    std::fs::write(&path, load::BUILTIN_JSON).unwrap();
    annals()
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not in the canonical layout"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), load::BUILTIN_JSON);
    annals().arg("fmt").arg(&path).assert().success();
    annals()
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .success();
    assert!(load::from_path(&path).unwrap() == load::builtin());
    // In the canonical layout, an edit stays an edit of one event's lines.
    let mut d = Desk::new(RETITLE);
    std::fs::copy(&path, &d.path).unwrap();
    d.app.replace_data(load::from_path(&d.path).unwrap());
    let before = d.text();
    go_to(&mut d.app, "putin-elected-2000");
    press(&mut d.app, 'e');
    let after = d.text();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());
}

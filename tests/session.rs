//! The session: reopening a dataset restores the cursor's event, the view, filters, search,
//! reference and marks, found by the dataset's content (a moved file keeps its session) or,
//! when the content changed, by the file's path; a broken session is a notice, not an error.

mod common;

use annals::load;
use annals::tui::app::{App, Session, View};
use annals::tui::session;
use common::{builtin, go_to, key, press, typing};
use ratatui::crossterm::event::KeyCode;

/// A browser in some state a person would leave it in.
fn worked_on() -> App {
    let mut app = builtin(120, 40);
    for e in ["putin-elected-2000", "usaid-note", "putin-obama-call"] {
        go_to(&mut app, e);
        press(&mut app, 'm');
    }
    typing(&mut app, "alavrov");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "d2012");
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "/clinton");
    key(&mut app, KeyCode::Enter);
    press(&mut app, 'r');
    press(&mut app, 't');
    press(&mut app, '+');
    press(&mut app, '+');
    app
}

#[test]
fn a_session_brings_the_browser_back_as_it_was_left() {
    let before = worked_on();
    let kept: Session =
        serde_json::from_str(&serde_json::to_string(&before.session()).unwrap()).unwrap();
    let mut after = builtin(120, 40);
    after.restore(&kept);
    assert_eq!(after.current_ix(), before.current_ix());
    assert_eq!(after.marks, before.marks);
    assert_eq!(after.filter, before.filter);
    assert_eq!(after.shown, before.shown);
    assert_eq!(after.search, before.search);
    assert_eq!(after.hits, before.hits);
    assert_eq!(after.reference, before.reference);
    assert_eq!(after.view, View::Lanes);
    assert_eq!(after.lanes, before.lanes);
}

#[test]
fn what_a_new_version_no_longer_has_is_left_out() {
    let s = Session {
        version: 1,
        cursor: Some("gone".into()),
        actors: vec!["nobody".into(), "lavrov".into()],
        marks: vec!["gone".into(), "usaid-note".into()],
        from: Some("not a date".into()),
        ..Session::default()
    };
    let mut app = builtin(120, 40);
    app.restore(&s);
    assert_eq!(app.filter.actors.len(), 1);
    assert_eq!(app.marks.len(), 1);
    assert_eq!(app.filter.from, None);
    assert_eq!(app.cursor.get(), 0);
}

#[test]
fn sessions_are_found_by_content_then_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let kept = worked_on().session();
    let bytes = load::BUILTIN_JSON.as_bytes();
    let key = session::key(bytes);
    session::save(dir.path(), &key, "/home/me/live.json", &kept, None).unwrap();
    // The same content anywhere (a moved or renamed file) finds it.
    let found = session::load(dir.path(), &key, "/elsewhere/renamed.json").unwrap();
    assert_eq!(found.unwrap().marks, kept.marks);
    // Other content at the same path (edited since) finds it too.
    let edited = session::key(b"{\"other\": \"content\"}");
    assert_ne!(edited, key);
    assert!(
        session::load(dir.path(), &edited, "/home/me/live.json")
            .unwrap()
            .is_some()
    );
    assert!(
        session::load(dir.path(), &edited, "/home/me/other.json")
            .unwrap()
            .is_none()
    );
    // Saved again under the new content, the old one goes.
    session::save(dir.path(), &edited, "/home/me/live.json", &kept, Some(&key)).unwrap();
    assert!(!dir.path().join(format!("{key}.json")).exists());
    assert!(dir.path().join(format!("{edited}.json")).exists());
}

#[test]
fn a_broken_or_old_session_is_a_notice_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let key = session::key(b"x");
    std::fs::write(dir.path().join(format!("{key}.json")), "{ not json").unwrap();
    let notice = session::load(dir.path(), &key, "/x").unwrap_err();
    assert!(notice.contains("could not be read"), "{notice}");
    assert!(notice.ends_with("starting afresh"), "{notice}");
    std::fs::write(
        dir.path().join(format!("{key}.json")),
        r#"{"version": 0, "marks": ["a"]}"#,
    )
    .unwrap();
    let notice = session::load(dir.path(), &key, "/x").unwrap_err();
    assert!(notice.contains("another version"), "{notice}");
}

#[test]
fn the_key_is_the_same_for_the_same_content_and_differs_otherwise() {
    let a = load::BUILTIN_JSON.as_bytes();
    let copy = String::from_utf8(a.to_vec()).unwrap();
    assert_eq!(session::key(a), session::key(copy.as_bytes()));
    let mut b = a.to_vec();
    b[10] ^= 1;
    assert_ne!(session::key(a), session::key(&b));
    assert_eq!(session::key(a).len(), 16);
}

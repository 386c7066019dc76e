//! The settings file (`annals config`, `--config`), the themes, the tag picker and the
//! footer's steadiness: what a person who moves in from vim, tig and lnav sets up first.

mod common;

use annals::tui::app::{App, View};
use annals::tui::config::{Settings, parse};
use annals::tui::keymap::Mode;
use annals::tui::theme::Theme;
use assert_cmd::Command;
use common::{builtin, frame, go_to, key, press, screen, typing};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

fn annals() -> Command {
    let mut c = Command::cargo_bin("annals").unwrap();
    // No person's own settings reach the tests.
    c.env("XDG_CONFIG_HOME", "/nonexistent-annals-test")
        .env_remove("NO_COLOR");
    c
}

fn write(dir: &tempfile::TempDir, text: &str) -> std::path::PathBuf {
    let p = dir.path().join("config.toml");
    std::fs::write(&p, text).unwrap();
    p
}

fn with(text: &str, width: u16, height: u16) -> App {
    let settings = Settings::from_config(&parse(text).unwrap());
    let mut a = builtin(width, height);
    settings.apply(&mut a);
    a
}

#[test]
fn config_path_default_and_check() {
    let out = annals()
        .env("XDG_CONFIG_HOME", "/tmp/somewhere")
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "/tmp/somewhere/annals/config.toml"
    );
    // The default file, written where --path says, checks fine.
    let out = annals().args(["config", "--default"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# open_source = [\"g x\"]"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("annals");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join("config.toml"), &text).unwrap();
    annals()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["config", "--check"])
        .assert()
        .success()
        .stdout(predicates::str::contains("fine"));
}

#[test]
fn every_problem_is_reported_with_its_line_and_column_and_annals_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "theme = \"solarized\"\n[keys]\nopne = \"o\"\nactors = \"n\"\n",
    );
    let out = annals()
        .arg("--config")
        .arg(&p)
        .args(["config", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let at = p.display().to_string();
    for want in [
        format!("{at}:1:9: theme `solarized`"),
        format!("{at}:3:1: unknown action `opne` (did you mean `open`?)"),
        format!("{at}:4:10: `n` would be both `actors`"),
    ] {
        assert!(err.contains(&want), "{want} not in:\n{err}");
    }
    // Bad TOML: its line and column.
    let bad = write(&dir, "theme = \"dark\"\n[keys\n");
    let out = annals()
        .arg("--config")
        .arg(&bad)
        .args(["config", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains(&format!("{}:2:", bad.display())),
        "no line for bad TOML"
    );
    // Another command still works, with the defaults, and says why.
    let out = annals()
        .arg("--config")
        .arg(&p)
        .args(["list", "--from", "2012-11-13", "--to", "2012-11-13"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("13 Nov 2012")
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("started with the defaults")
    );
    // A missing --config file is a problem; a missing default file is not.
    annals()
        .args(["--config", "/nonexistent/annals.toml", "config", "--check"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("/nonexistent/annals.toml"));
    annals().args(["config", "--check"]).assert().success();
}

#[test]
fn the_date_order_reaches_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "date_order = \"month-day\"\n");
    let out = annals()
        .arg("--config")
        .arg(&p)
        .args(["list", "--from", "2012-11-13", "--to", "2012-11-13"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Nov 13, 2012"), "{text}");
    assert!(!text.contains("13 Nov 2012"), "{text}");
}

#[test]
fn rebound_keys_act_and_the_help_and_footer_say_so() {
    let mut a = with(
        "[keys]\nopen_source = [\"O\"]\nmark = \"Ctrl-x\"\n",
        120,
        40,
    );
    assert!(
        a.keymap
            .hints(Mode::Timeline)
            .contains(&("O".to_string(), "open source"))
    );
    go_to(&mut a, "putin-obama-call");
    // m no longer marks; Ctrl-x does.
    press(&mut a, 'm');
    assert!(a.marks.is_empty());
    common::ctrl(&mut a, 'x');
    assert_eq!(a.marks.len(), 1);
    press(&mut a, '?');
    press(&mut a, '/');
    typing(&mut a, "source");
    let s = screen(&a);
    let line = s
        .lines()
        .find(|l| l.contains("open the source's address"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains(" O "), "{line}");
    assert!(!line.contains("gx"), "{line}");
}

#[test]
fn esc_quits_only_when_asked_and_only_once_nothing_is_left_to_clear() {
    let mut a = builtin(120, 40);
    key(&mut a, KeyCode::Esc);
    assert!(!a.quit);
    let mut b = with("esc_quits = true\n", 120, 40);
    press(&mut b, '/');
    typing(&mut b, "Putin");
    key(&mut b, KeyCode::Enter);
    key(&mut b, KeyCode::Esc);
    assert!(!b.quit, "the search first");
    assert!(b.search.is_none());
    key(&mut b, KeyCode::Esc);
    assert!(b.quit);
}

#[test]
fn the_default_view_is_the_configs() {
    let a = with("view = \"lanes\"\n", 120, 40);
    assert_eq!(a.view, View::Lanes);
    assert_eq!(a.mode(), Mode::Lanes);
}

#[test]
fn light_has_no_pale_grey_or_yellow_and_keeps_the_cursor_and_hits() {
    let mut a = with("theme = \"light\"\n", 120, 40);
    assert_eq!(a.theme, Theme::Light);
    go_to(&mut a, "putin-obama-call");
    press(&mut a, '/');
    typing(&mut a, "Putin");
    key(&mut a, KeyCode::Enter);
    for view in ["list", "lanes", "help"] {
        match view {
            "lanes" => press(&mut a, 't'),
            "help" => press(&mut a, '?'),
            _ => {}
        }
        let buf = frame(&a);
        for c in &buf.content {
            assert!(
                !matches!(
                    c.fg,
                    Color::Yellow | Color::DarkGray | Color::White | Color::Gray
                ),
                "{view}: pale text {:?} on white at {:?}",
                c.fg,
                c.symbol()
            );
            assert!(
                !matches!(c.bg, Color::Yellow | Color::LightYellow),
                "{view}: yellow background"
            );
        }
        // The cursor: a reversed row in the list, a bar in the lanes.
        assert!(
            view == "help"
                || buf.content.iter().any(|c| {
                    c.modifier.contains(Modifier::REVERSED)
                        || (view == "lanes" && c.bg == Color::Indexed(177))
                }),
            "{view}: no cursor"
        );
        if view == "list" {
            let hits = buf
                .content
                .iter()
                .filter(|c| c.bg == Color::Indexed(177))
                .count();
            assert!(hits >= "Putin".len(), "hits not marked");
        }
    }
}

#[test]
fn high_contrast_has_no_grey_text() {
    let a = with("theme = \"high-contrast\"\n", 120, 40);
    let buf = frame(&a);
    assert!(buf.content.iter().all(|c| c.fg != Color::DarkGray));
    assert!(buf.content.iter().any(|c| c.fg == Color::LightCyan));
}

#[test]
fn no_color_and_colourless_terminals_force_mono() {
    use std::ffi::OsStr;
    assert_eq!(
        Theme::forced(Some(OsStr::new("1")), None),
        Some(Theme::Mono)
    );
    assert_eq!(Theme::forced(Some(OsStr::new("")), None), None);
    assert_eq!(
        Theme::forced(None, Some(OsStr::new("dumb"))),
        Some(Theme::Mono)
    );
    assert_eq!(
        Theme::forced(None, Some(OsStr::new("xterm-256color"))),
        None
    );
}

#[test]
fn the_tag_picker_filters_by_any_of_the_chosen_tags() {
    let mut a = builtin(120, 40);
    press(&mut a, '#');
    assert_eq!(a.mode(), Mode::Picker);
    assert!(screen(&a).contains("TAGS"));
    typing(&mut a, "usaid");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    typing(&mut a, "ngo-law");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter);
    assert!(a.tag_picker.is_none());
    // Independently: the events with either tag.
    let want: Vec<&str> = a
        .data
        .events
        .iter()
        .filter(|e| e.tags.iter().any(|t| &**t == "usaid" || &**t == "ngo-law"))
        .map(|e| e.id.as_str())
        .collect();
    let got: Vec<&str> = a
        .shown
        .iter()
        .map(|&i| a.data.events[i].id.as_str())
        .collect();
    let (mut w, mut g) = (want.clone(), got.clone());
    w.sort();
    g.sort();
    assert_eq!(g, w);
    assert!(!got.is_empty() && got.len() < a.data.events.len());
}

#[test]
fn footer_hints_stay_put_as_the_counter_grows_and_dialogs_show_enter_at_40() {
    let mut a = builtin(120, 40);
    // The footer less its counter.
    let hints = |a: &App| {
        let s = screen(a);
        let last = s.lines().last().unwrap().trim_end().to_string();
        last.rsplit_once(' ').unwrap().0.trim_end().to_string()
    };
    let at_first = hints(&a);
    for _ in 0..12 {
        press(&mut a, 'j');
    }
    assert_eq!(hints(&a), at_first);
    let mut n = builtin(40, 20);
    press(&mut n, 'a');
    assert!(
        screen(&n).lines().last().unwrap().contains("Enter apply"),
        "{}",
        screen(&n)
    );
    key(&mut n, KeyCode::Esc);
    press(&mut n, 'x');
    assert!(
        screen(&n).lines().last().unwrap().contains("Enter write"),
        "{}",
        screen(&n)
    );
}

#[test]
fn the_help_at_three_sizes() {
    for (w, h) in [(120u16, 40u16), (200, 60)] {
        let mut a = builtin(w, h);
        press(&mut a, '?');
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&a));
    }
}

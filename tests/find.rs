//! Finding events: actors by any name in any script, fuzzy ranking, the picker, text search,
//! date bounds, same-actor jumps — and the TUI and `annals list` agreeing on every query.

mod common;

use annals::load;
use annals::query::{ActorIndex, ActorMode, Filter, fold};
use annals::tui::app::App;
use assert_cmd::Command;
use common::{builtin as app, ctrl, key, screen, typing};
use predicates::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn shown_ids(app: &App) -> Vec<String> {
    app.shown
        .iter()
        .map(|&i| app.data.events[i].id.clone())
        .collect()
}

fn current_id(app: &App) -> String {
    app.current().unwrap().id.clone()
}

/// The ids `annals list` prints for some arguments.
fn cli_ids(args: &[&str]) -> Vec<String> {
    let out = Command::cargo_bin("annals")
        .unwrap()
        .arg("list")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // annals/1, as `annals export --format json` writes it.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "annals/1");
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_actor_answers_to_every_name_in_every_script_and_case() {
    let data = load::builtin();
    let index = ActorIndex::new(&data);
    for name in [
        "putin",
        "PUTIN",
        "Putin",
        "Poutine",
        "vladimir poutine",
        "Путин",
        "Владимир Путин",
    ] {
        let a = index
            .resolve(&data, name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(data.actors[a].id, "putin", "{name}");
    }
    for name in ["sergueï lavrov", "SERGUEI LAVROV", "Лавров", "lavrov"] {
        let a = index.resolve(&data, name).unwrap();
        assert_eq!(data.actors[a].id, "lavrov", "{name}");
    }
    // The same events whatever the name.
    let events = |name: &str| {
        let f = Filter {
            actors: vec![index.resolve(&data, name).unwrap()],
            ..Filter::default()
        };
        f.apply(&data, &index)
    };
    assert_eq!(events("Путин"), events("Poutine"));
    assert_eq!(events("Poutine"), events("putin"));
    assert!(events("putin").len() > 10);
    // Typographic apostrophes fold to plain ones: "département d’État".
    let a = index.resolve(&data, "département d’État").unwrap();
    assert_eq!(data.actors[a].id, "state-department");
}

#[test]
fn fuzzy_ranking_puts_the_best_match_first_and_marks_it() {
    let data = load::builtin();
    let index = ActorIndex::new(&data);
    let ids = |q: &str| -> Vec<String> {
        index
            .rank(&data, q)
            .iter()
            .map(|m| data.actors[m.actor].id.clone())
            .collect()
    };
    // Empty query: by number of events.
    let all = index.rank(&data, "");
    assert_eq!(all.len(), data.actors.len());
    for w in all.windows(2) {
        assert!(index.event_count(w[0].actor) >= index.event_count(w[1].actor));
    }
    assert_eq!(ids("serguei")[..2], ["lavrov", "ryabkov"]);
    assert_eq!(ids("lavr")[0], "lavrov");
    assert_eq!(ids("Песк")[0], "peskov");
    assert_eq!(ids("usaid")[0], "usaid");
    // The marked characters are those of the name that matched.
    let m = &index.rank(&data, "lvrv")[0];
    assert_eq!(data.actors[m.actor].id, "lavrov");
    let name = m
        .via
        .clone()
        .unwrap_or_else(|| data.actors[m.actor].name.clone());
    let marked: String = name
        .chars()
        .enumerate()
        .filter(|(i, _)| m.positions.contains(i))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(fold(&marked), "lvrv");
}

#[test]
fn picker_finds_lavrov_from_serguei_and_filters_the_timeline() {
    let mut a = app(120, 36);
    key(&mut a, KeyCode::Char('a'));
    typing(&mut a, "serguei");
    insta::assert_snapshot!("picker_serguei", screen(&a));
    key(&mut a, KeyCode::Enter);
    assert!(a.picker.is_none());
    assert_eq!(shown_ids(&a), cli_ids(&["--actor", "sergueï lavrov"]));
    assert!(shown_ids(&a).contains(&"lavrov-equality-statement".to_string()));
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(current_id(&a), "lavrov-equality-statement");
    let s = screen(&a);
    assert!(s.contains("2 of 54 events · actor: Sergei Lavrov"), "{s}");
    insta::assert_snapshot!("filtered_by_lavrov", s);
    // c clears the filter; the cursor stays on the same event.
    key(&mut a, KeyCode::Char('c'));
    assert_eq!(a.shown.len(), a.data.events.len());
    assert_eq!(current_id(&a), "lavrov-equality-statement");
}

#[test]
fn several_actors_with_any_or_all() {
    let mut a = app(120, 36);
    key(&mut a, KeyCode::Char('a'));
    typing(&mut a, "putin");
    key(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'u');
    typing(&mut a, "obama");
    key(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'a');
    assert_eq!(a.picker.as_ref().unwrap().mode, ActorMode::All);
    key(&mut a, KeyCode::Enter);
    let all = shown_ids(&a);
    assert_eq!(
        all,
        cli_ids(&["--actor", "putin", "--actor", "obama", "--all"])
    );
    assert!(all.contains(&"putin-obama-call".to_string()));
    assert!(screen(&a).contains("all of: Vladimir Putin, Barack Obama"));
    // Any of them: more events.
    key(&mut a, KeyCode::Char('a'));
    ctrl(&mut a, 'a');
    key(&mut a, KeyCode::Enter);
    let any = shown_ids(&a);
    assert_eq!(any, cli_ids(&["--actor", "putin", "--actor", "obama"]));
    assert!(any.len() > all.len());
    // Esc leaves the filter as it was.
    key(&mut a, KeyCode::Char('a'));
    typing(&mut a, "peskov");
    key(&mut a, KeyCode::Esc);
    assert_eq!(shown_ids(&a), any);
}

#[test]
fn search_moves_the_cursor_counts_hits_and_wraps() {
    let mut a = app(120, 36);
    key(&mut a, KeyCode::Char('/'));
    typing(&mut a, "USAID");
    let first = current_id(&a);
    assert_eq!(
        a.shown.len(),
        a.data.events.len(),
        "search does not hide events"
    );
    let (at, of) = a.hit_position();
    assert_eq!(at, 1);
    assert!(of >= 5, "{of} hits");
    insta::assert_snapshot!("search_usaid", screen(&a));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(a.hit_position(), (2, of));
    key(&mut a, KeyCode::Char('N'));
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(
        a.hit_position(),
        (of, of),
        "N from the first hit wraps to the last"
    );
    assert_eq!(a.status.as_deref(), Some("search wrapped to the bottom"));
    key(&mut a, KeyCode::Char('n'));
    assert_eq!(current_id(&a), first);
    // Accents and case fold: "ingérence" finds the French word, "INGERENCE" too.
    key(&mut a, KeyCode::Char('/'));
    typing(&mut a, "mutual respect");
    assert!(a.hit_position().1 >= 1);
    let (_, n) = a.hit_position();
    let s = screen(&a);
    let footer = s.lines().last().unwrap();
    assert!(footer.starts_with("/mutual respect "), "{footer}");
    assert!(footer.ends_with(&format!("1/{n}")), "{footer}");
    // Esc restores the cursor and the previous search.
    key(&mut a, KeyCode::Esc);
    assert_eq!(current_id(&a), first);
    assert_eq!(a.search.as_deref(), Some("usaid"));
}

#[test]
fn date_bounds_from_the_prompt_match_the_command_line() {
    let mut a = app(120, 36);
    key(&mut a, KeyCode::Char('d'));
    typing(&mut a, "2012-13");
    key(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(a.prompt.is_some(), "a bad date keeps the prompt open");
    assert!(
        s.contains("is not a date; use a year (2012), a month (2012-09)"),
        "{s}"
    );
    ctrl(&mut a, 'u');
    typing(&mut a, "2012-09..2012-11");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        shown_ids(&a),
        cli_ids(&["--from", "2012-09", "--to", "2012-11"])
    );
    let s = screen(&a);
    assert!(s.contains("Sep 2012 – Nov 2012"), "{s}");
    insta::assert_snapshot!("autumn_2012", s);
    // Combined with an actor.
    key(&mut a, KeyCode::Char('a'));
    typing(&mut a, "Путин");
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        shown_ids(&a),
        cli_ids(&["--from", "2012-09", "--to", "2012-11", "--actor", "Путин"])
    );
    // One year: the whole year; intervals that overlap it count.
    key(&mut a, KeyCode::Char('c'));
    key(&mut a, KeyCode::Char('d'));
    typing(&mut a, "2012");
    key(&mut a, KeyCode::Enter);
    let ids = shown_ids(&a);
    assert_eq!(ids, cli_ids(&["--from", "2012", "--to", "2012"]));
    assert!(
        ids.contains(&"protest-wave".to_string()),
        "the 2011–2012 wave overlaps 2012"
    );
    assert!(!ids.contains(&"putin-presidency-2000-2008".to_string()));
}

#[test]
fn bracket_a_jumps_to_events_sharing_an_actor() {
    let mut a = app(120, 36);
    let pos = a
        .data
        .event_position("lavrov-tells-clinton-usaid")
        .unwrap()
        .get();
    for _ in 0..pos {
        key(&mut a, KeyCode::Char('j'));
    }
    // Lavrov, Clinton or USAID: the next one is the 12 Sep note on USAID.
    typing(&mut a, "]a");
    assert_eq!(current_id(&a), "usaid-note");
    typing(&mut a, "[a");
    assert_eq!(current_id(&a), "lavrov-tells-clinton-usaid");
    key(&mut a, KeyCode::End);
    typing(&mut a, "]a");
    assert!(a.status.as_deref().unwrap().contains("no later event"));
}

#[test]
fn bad_queries_say_what_would_work() {
    let annals = || Command::cargo_bin("annals").unwrap();
    annals()
        .args(["list", "--actor", "lavorv"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "annals: no actor matches \"lavorv\"; closest: Sergei Lavrov (lavrov)",
        ));
    annals()
        .args(["list", "--actor", "sergei"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "names several actors: Sergei Lavrov (lavrov), Sergei Ryabkov (ryabkov)",
        ));
    annals()
        .args(["list", "--to", "13/11/2012"])
        .assert()
        .code(2)
        .stderr("annals: --to: \"13/11/2012\" is not a date; use a year (2012), a month (2012-09) or a day (2012-09-18)\n");
}

#[test]
fn list_actors_and_show_from_the_command_line() {
    let annals = || Command::cargo_bin("annals").unwrap();
    // A table aligned in cells, without colour when not a terminal.
    let out = annals()
        .args(["list", "--actor", "sergueï lavrov"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let title_col = lines[0].find("TITLE").unwrap();
    for l in &lines[1..] {
        let cells: usize = annals::text::width(&l[..l.find("Lavrov").unwrap()]);
        assert_eq!(cells, annals::text::width(&lines[0][..title_col]), "{text}");
    }
    assert!(text.contains("7 Nov 2012") && text.contains("lavrov-equality-statement"));
    // CSV parses back with the same rows.
    let out = annals()
        .args(["list", "--text", "usaid", "--format", "csv"])
        .output()
        .unwrap();
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let ids: Vec<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
    assert_eq!(ids, cli_ids(&["--text", "USAID"]));
    assert!(ids.contains(&"usaid-ends-work".to_string()));
    annals()
        .args(["actors"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^lavrov\s+Sergei Lavrov\s+person\s+2\s+").unwrap());
    annals()
        .args(["show", "putin-obama-call"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Tue 13 Nov 2012\nPutin and Obama agree",
        ))
        .stdout(predicate::str::contains("« Les présidents ont confirmé"));
    annals()
        .args(["show", "no-such-event"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no event has the id \"no-such-event\"",
        ));
}

#[test]
fn hits_are_marked_in_the_list_and_the_detail() {
    let mut a = app(120, 36);
    key(&mut a, KeyCode::Char('/'));
    typing(&mut a, "usaid");
    let mut t = Terminal::new(TestBackend::new(120, 36)).unwrap();
    t.draw(|f| f.render_widget(&a, f.area())).unwrap();
    let buf = t.backend().buffer();
    let marked = |x0: u16, x1: u16| -> Vec<String> {
        let mut words = Vec::new();
        for y in 0..36 {
            let mut w = String::new();
            for x in x0..x1 {
                let cell = &buf[(x, y)];
                if cell.bg == ratatui::style::Color::Yellow {
                    w.push_str(cell.symbol());
                } else if !w.is_empty() {
                    words.push(std::mem::take(&mut w));
                }
            }
            if !w.is_empty() {
                words.push(w);
            }
        }
        words
    };
    // The list is the left 54 columns, the detail the rest.
    let list = marked(0, 54);
    let detail = marked(54, 120);
    assert!(
        !list.is_empty() && list.iter().all(|w| w == "USAID"),
        "{list:?}"
    );
    assert!(
        !detail.is_empty() && detail.iter().all(|w| w == "USAID"),
        "{detail:?}"
    );
}

#[test]
fn picker_and_prompts_draw_at_every_small_size() {
    for w in 0..=40 {
        for h in 0..=12 {
            let mut a = app(w, h);
            key(&mut a, KeyCode::Char('a'));
            typing(&mut a, "пу");
            if w > 0 && h > 0 {
                screen(&a);
            }
            key(&mut a, KeyCode::Enter);
            key(&mut a, KeyCode::Char('/'));
            typing(&mut a, "ü");
            key(&mut a, KeyCode::Char('d'));
            if w > 0 && h > 0 {
                screen(&a);
            }
        }
    }
}

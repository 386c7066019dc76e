//! The README's key table is the keymap's, so the two cannot drift.

#[test]
fn the_readme_key_table_is_generated_from_the_keymap() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = readme
        .split("<!-- keys:start -->\n")
        .nth(1)
        .and_then(|s| s.split("<!-- keys:end -->").next())
        .expect("README has the key table markers");
    let want = annals::tui::keymap::markdown_table();
    if table != want && std::env::var_os("ANNALS_UPDATE_README").is_some() {
        // `ANNALS_UPDATE_README=1 cargo test --test readme` writes the table in.
        std::fs::write("README.md", readme.replacen(table, &want, 1)).unwrap();
        return;
    }
    if table != want {
        // Printed so that the README can be mended by pasting.
        println!("{want}");
    }
    assert_eq!(
        table, want,
        "README key table differs from src/tui/keymap/table.rs (ANNALS_UPDATE_README=1 mends it)"
    );
}

#[test]
fn the_readme_gives_the_two_set_up_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("`cargo run --release`"));
    assert!(readme.contains("`cargo test`"));
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        "CI runs the README's test command"
    );
}

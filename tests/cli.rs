//! The binary from the command line: `validate`, errors and exit codes, and the message it
//! gives instead of escape codes when standard output is not a terminal.

use assert_cmd::Command;
use predicates::prelude::*;

fn annals() -> Command {
    Command::cargo_bin("annals").unwrap()
}

#[test]
fn validate_accepts_the_curated_dataset() {
    annals()
        .args(["validate", "data/moscow-washington.json"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(
            r"^data/moscow-washington.json: valid annals/1 dataset: \d+ events, \d+ actors, \d+ sources\n$",
        ).unwrap());
}

#[test]
fn validate_reports_every_problem_and_fails() {
    annals()
        .args(["validate", "tests/bad/many-problems.json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "annals: tests/bad/many-problems.json: 5 problems in the dataset:\n",
        ))
        .stderr(predicate::str::contains(
            "  8:63: event `b`, field `sources`: unknown source `nope`\n",
        ));
}

#[test]
fn validate_names_line_and_column_of_a_syntax_error() {
    annals()
        .args(["validate", "tests/bad/syntax-missing-comma.json"])
        .assert()
        .code(1)
        .stderr("annals: tests/bad/syntax-missing-comma.json:5:20: JSON syntax error: expected `,` or `}`\n");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    for args in [&["validate", "nope.json"][..], &["nope.json"]] {
        annals()
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("nope.json: cannot read the file"))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn opening_a_bad_file_in_the_browser_fails_before_touching_the_terminal() {
    annals()
        .arg("tests/bad/interval-backwards.json")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "the interval ends before it starts",
        ));
}

#[test]
fn without_a_terminal_the_browser_says_what_to_do_instead() {
    // assert_cmd captures stdout through a pipe: not a terminal.
    annals()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "standard output is not a terminal",
        ))
        .stderr(predicate::str::contains("annals validate FILE"))
        .stderr(predicate::str::contains("\u{1b}").not());
}

#[test]
fn usage_errors_exit_2_and_help_lists_the_commands() {
    annals().arg("--no-such-flag").assert().code(2);
    annals()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("validate"));
}

#[test]
fn completions_for_every_shell_and_a_manual_page() {
    for (shell, marker) in [
        ("bash", "_annals()"),
        ("zsh", "#compdef annals"),
        ("fish", "complete -c annals"),
        ("elvish", "edit:completion:arg-completer[annals]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = annals().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script:.200}");
        // The subcommands and their options are in it.
        assert!(
            script.contains("validate") && script.contains("where"),
            "{shell}"
        );
    }
    let out = annals().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH annals 1"), "{page:.200}");
    assert!(page.contains("timeline browser"));
    assert!(page.contains("completions"));
}

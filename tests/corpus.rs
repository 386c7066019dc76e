//! The malformed-input corpus: every file in `tests/corpus/` (annals/1 JSON mostly, and CSV,
//! TSV, TimelineJS, GDELT and JSON Lines) is given to `annals validate`, and what it says
//! (exit status, standard output, standard error, with the file's path written `FILE`) must
//! be exactly its golden file, `NAME.expected`. A file `NAME.args` holds extra arguments for
//! `validate`, one a line (`--input-format` and its value).
//!
//! `ANNALS_UPDATE_CORPUS=1 cargo test --test corpus` rewrites the golden files from what
//! annals says now; review the diff before committing it. Whatever the golden files say, no
//! file may make annals panic or print a terminal control character.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DIR: &str = "tests/corpus";

/// The corpus's input files, in name order.
fn inputs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !(name.ends_with(".expected") || name.ends_with(".args") || name == "README.md")
        })
        .collect();
    v.sort();
    v
}

fn sidecar(input: &Path, ext: &str) -> PathBuf {
    let mut name = input.file_name().unwrap().to_os_string();
    name.push(ext);
    input.with_file_name(name)
}

/// What `annals validate` said: the text the golden file holds, the exit status, and
/// standard output and error as they were.
type Said = (String, Option<i32>, String);

/// What `annals validate` says about a file, as the golden file holds it.
fn said(input: &Path) -> Said {
    let args: Vec<String> = std::fs::read_to_string(sidecar(input, ".args"))
        .map(|s| s.lines().map(str::to_string).collect())
        .unwrap_or_default();
    #[allow(deprecated)]
    let out = Command::cargo_bin("annals")
        .unwrap()
        .arg("validate")
        .args(&args)
        .arg(input)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    let path = input.display().to_string();
    let normalise = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&path, "FILE");
    let (stdout, stderr) = (normalise(&out.stdout), normalise(&out.stderr));
    let code = out.status.code();
    let mut text = match code {
        Some(c) => format!("exit: {c}\n"),
        None => "exit: killed (a signal or the time limit)\n".to_string(),
    };
    if !args.is_empty() {
        text.push_str(&format!("args: {}\n", args.join(" ")));
    }
    for (name, s) in [("stdout", &stdout), ("stderr", &stderr)] {
        if !s.is_empty() {
            text.push_str(&format!("--- {name}\n{s}"));
            if !s.ends_with('\n') {
                text.push_str("\n(no newline at the end)\n");
            }
        }
    }
    (text, code, format!("{stdout}{stderr}"))
}

#[test]
fn every_malformed_file_gives_its_expected_message() {
    let update = std::env::var_os("ANNALS_UPDATE_CORPUS").is_some();
    let inputs = inputs();
    assert!(inputs.len() >= 60, "only {} files in {DIR}", inputs.len());
    // Two at a time: most of the time is the process starting.
    let results: Vec<(PathBuf, Said)> = std::thread::scope(|s| {
        let (a, b) = inputs.split_at(inputs.len() / 2);
        let run = |part: &[PathBuf]| {
            part.iter()
                .map(|p| (p.clone(), said(p)))
                .collect::<Vec<_>>()
        };
        let h = s.spawn(move || run(b));
        let mut v = run(a);
        v.extend(h.join().unwrap());
        v
    });
    let mut problems = Vec::new();
    for (input, (text, code, output)) in &results {
        let name = input.file_name().unwrap().to_string_lossy();
        // Whatever the golden file says.
        if *code == Some(101) || output.contains("panicked") {
            problems.push(format!("{name}: annals panicked:\n{text}"));
        }
        if output.chars().any(|c| c.is_control() && c != '\n') {
            problems.push(format!(
                "{name}: a control character in the output: {output:?}"
            ));
        }
        if *code == Some(0) && !name.starts_with("bom.") {
            // Malformed files should not pass; this lists the ones that do (the golden file
            // says so too), so that a change to it is seen.
            eprintln!("corpus: {name} validates");
        }
        let golden = sidecar(input, ".expected");
        if update {
            std::fs::write(&golden, text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == *text => {}
            Ok(want) => problems.push(format!(
                "{name}: annals says something else (ANNALS_UPDATE_CORPUS=1 rewrites the golden \
                 files)\n--- expected ({})\n{want}--- actual\n{text}",
                golden.display()
            )),
            Err(_) => problems.push(format!(
                "{name}: no golden file {} (ANNALS_UPDATE_CORPUS=1 writes it); annals says:\n{text}",
                golden.display()
            )),
        }
    }
    // Golden files whose input is gone.
    for entry in std::fs::read_dir(DIR).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(input) = name.strip_suffix(".expected")
            && !Path::new(DIR).join(input).exists()
        {
            problems.push(format!("{name}: a golden file without its input"));
        }
    }
    eprintln!("corpus: {} files", results.len());
    assert!(
        problems.is_empty(),
        "{} of {} corpus files:\n\n{}",
        problems.len(),
        results.len(),
        problems.join("\n")
    );
}

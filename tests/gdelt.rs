//! GDELT 2.0 events and Parquet: real rows (tests/fixtures/gdelt, from a public export),
//! Parquet written by DuckDB (tests/fixtures/parquet/make.py), 10,000 generated rows
//! (examples/gen_gdelt.rs). Every count is checked against the rows read here by splitting
//! lines at tabs, not against the code under test.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

#[path = "../examples/gen_gdelt.rs"]
#[allow(dead_code)]
mod gen_gdelt;

const SAMPLE: &str = "tests/fixtures/gdelt/sample.export.CSV";

fn annals() -> Command {
    Command::cargo_bin("annals").unwrap()
}

/// What a command prints, which must succeed.
fn run(args: &[&str]) -> String {
    let out = annals().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "annals {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What a failing command says.
fn fails(args: &[&str]) -> String {
    let out = annals().args(args).output().unwrap();
    assert!(!out.status.success(), "annals {args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The ids `annals list` prints (after the header line).
fn listed_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["list"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    run(&all)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default().to_string())
        .collect()
}

/// The rows of a raw export, split at tabs.
fn rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

fn sample_text() -> String {
    std::fs::read_to_string(SAMPLE).unwrap()
}

/// Column numbers (from 0) of the export, as in the codebook.
const ID: usize = 0;
const SQLDATE: usize = 1;
const A1_NAME: usize = 6;
const A1_COUNTRY: usize = 7;
const A2_NAME: usize = 16;
const A2_COUNTRY: usize = 17;
const EVENT_CODE: usize = 26;
const GOLDSTEIN: usize = 30;
const MENTIONS: usize = 31;
const URL: usize = 60;

/// The generated 10,000 rows, written once into a temporary file.
fn generated() -> &'static (tempfile::TempDir, PathBuf, String) {
    static FILE: std::sync::OnceLock<(tempfile::TempDir, PathBuf, String)> =
        std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let mut bytes = Vec::new();
        gen_gdelt::write(10_000, 42, &mut bytes).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("generated.export.CSV");
        std::fs::write(&path, &bytes).unwrap();
        (dir, path, String::from_utf8(bytes).unwrap())
    })
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_raw_export_gives_one_event_a_row_one_source_an_address_and_cameo_titles() {
    let text = sample_text();
    let rows = rows(&text);
    assert_eq!(rows.len(), 300);
    assert!(rows.iter().all(|r| r.len() == 61));
    let ids: HashSet<&str> = rows.iter().map(|r| r[ID]).collect();
    let urls: HashSet<&str> = rows
        .iter()
        .map(|r| r[URL])
        .filter(|u| !u.is_empty())
        .collect();

    let json: serde_json::Value = serde_json::from_str(&run(&["import", SAMPLE])).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), ids.len());
    assert_eq!(json["sources"].as_array().unwrap().len(), urls.len());

    // The CAMEO codebook as shipped, with its "not specified below" left out of titles.
    let cameo: HashMap<String, String> = std::fs::read_to_string("data/cameo.tsv")
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(c, n)| (c.to_string(), n.replace(", not specified below", "")))
        .collect();
    let by_id: HashMap<&str, &Vec<&str>> = rows.iter().map(|r| (r[ID], r)).collect();
    let source_url: HashMap<&str, &str> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["url"].as_str().unwrap()))
        .collect();
    for e in events {
        let row = by_id[e["id"].as_str().unwrap()];
        let d = row[SQLDATE];
        assert_eq!(
            e["when"].as_str().unwrap(),
            format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8])
        );
        let title = e["title"].as_str().unwrap();
        let mut parts: Vec<&str> = vec![];
        if !row[A1_NAME].is_empty() {
            parts.push(row[A1_NAME]);
        }
        let name = cameo.get(row[EVENT_CODE]).cloned().unwrap();
        parts.push(&name);
        if !row[A2_NAME].is_empty() {
            parts.push(row[A2_NAME]);
        }
        assert_eq!(title, parts.join(" · "), "row {}", row[ID]);
        // Its source is its address.
        let cited = e["sources"][0].as_str().unwrap();
        assert_eq!(source_url[cited], row[URL]);
        // Place, scale and tone are attributes, as the row has them.
        let attributes = &e["attributes"];
        assert_eq!(attributes["EventCode"], row[EVENT_CODE]);
        let g: f64 = row[GOLDSTEIN].parse().unwrap();
        let shown: f64 = attributes["GoldsteinScale"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(g, shown);
    }
}

#[test]
fn actors_by_name_and_by_code_and_conditions_count_what_the_rows_say() {
    let (_dir, path, text) = generated();
    let rows = rows(text);
    let with = |name: &str| {
        rows.iter()
            .filter(|r| r[A1_NAME] == name || r[A2_NAME] == name)
            .count()
    };
    let russia = with("RUSSIA");
    assert!(russia > 500, "the generator puts Russia in many rows");
    assert_eq!(listed_ids(&[s(path), "--actor", "RUSSIA"]).len(), russia);
    // The code it bears most finds it too, and so does a declared alias.
    assert_eq!(listed_ids(&[s(path), "--actor", "RUS"]).len(), russia);
    let aliases = path.with_file_name("aliases.csv");
    std::fs::write(&aliases, "RUSSIA,Russie\n").unwrap();
    assert_eq!(
        listed_ids(&[s(path), "--aliases", s(&aliases), "--actor", "russie"]).len(),
        russia
    );

    let number = |r: &Vec<&str>, c: usize| r[c].parse::<f64>().unwrap();
    let harsh = rows.iter().filter(|r| number(r, GOLDSTEIN) <= -5.0).count();
    assert!(harsh > 0);
    assert_eq!(
        listed_ids(&[s(path), "--where", "GoldsteinScale<=-5"]).len(),
        harsh
    );
    let both = rows
        .iter()
        .filter(|r| number(r, GOLDSTEIN) <= -5.0 && number(r, MENTIONS) >= 10.0)
        .filter(|r| r[A1_NAME] == "RUSSIA" || r[A2_NAME] == "RUSSIA")
        .count();
    assert_eq!(
        listed_ids(&[
            s(path),
            "--where",
            "GoldsteinScale<=-5",
            "--where",
            "NumMentions>=10",
            "--actor",
            "RUSSIA"
        ])
        .len(),
        both
    );
}

#[test]
fn busiest_actors_first_and_cities_are_not_countries() {
    let (_dir, path, text) = generated();
    let rows = rows(text);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        for name in [r[A1_NAME], r[A2_NAME]] {
            if !name.is_empty() {
                *counts.entry(name).or_default() += 1;
            }
        }
        // A row naming the same actor twice counts once.
        if !r[A1_NAME].is_empty() && r[A1_NAME] == r[A2_NAME] {
            *counts.get_mut(r[A1_NAME]).unwrap() -= 1;
        }
    }
    let busiest = counts.iter().max_by_key(|(_, n)| **n).unwrap();
    let out = run(&["actors", s(path)]);
    let first = out.lines().nth(1).unwrap();
    assert!(first.contains(busiest.0), "{first}");
    assert!(first.contains(&busiest.1.to_string()), "{first}");
    assert_eq!(out.lines().count() - 1, counts.len());
    let russia = out.lines().find(|l| l.contains(" RUSSIA ")).unwrap();
    assert!(russia.contains("country"), "{russia}");
    // In real rows MINNEAPOLIS is coded `USA`, which UNITED STATES bears more often: a city
    // named by its country's code is not a country.
    let real = run(&["actors", SAMPLE]);
    let line = |name: &str| real.lines().find(|l| l.contains(name)).unwrap().to_string();
    assert!(!line("MINNEAPOLIS").contains("country"), "{real}");
    assert!(line("UNITED STATES").contains("country"), "{real}");
}

#[test]
fn a_folder_and_a_zip_are_one_dataset_with_duplicates_dropped() {
    let text = sample_text();
    let lines: Vec<&str> = text.lines().collect();
    let dir = tempfile::tempdir().unwrap();
    // Two files overlapping by 50 rows, and a hidden file and a `_SUCCESS` left out.
    std::fs::write(dir.path().join("a.export.CSV"), lines[..200].join("\n")).unwrap();
    std::fs::write(
        dir.path().join("b.export.CSV"),
        lines[150..].join("\n") + "\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".hidden"), "not GDELT").unwrap();
    std::fs::write(dir.path().join("_SUCCESS"), "").unwrap();
    let ids = listed_ids(&[s(dir.path())]);
    assert_eq!(ids.len(), 300);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 300);
    let report = annals()
        .args(["import", s(dir.path())])
        .output()
        .unwrap()
        .stderr;
    let report = String::from_utf8_lossy(&report);
    assert!(report.contains("350 read"), "{report}");
    assert!(report.contains("dropped: 50"), "{report}");

    // The same two files in a zip archive, as GDELT publishes them.
    let zipped = dir.path().join("day.zip");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for name in ["a.export.CSV", "b.export.CSV"] {
            z.start_file(name, stored).unwrap();
            z.write_all(&std::fs::read(dir.path().join(name)).unwrap())
                .unwrap();
        }
        z.finish().unwrap();
    }
    assert_eq!(listed_ids(&[s(&zipped)]), ids);
    // A cut archive is an error that says so.
    let bytes = std::fs::read(&zipped).unwrap();
    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let said = fails(&["list", s(&cut)]);
    assert!(said.contains("zip archive"), "{said}");
}

#[test]
fn bad_rows_are_located_and_the_rest_is_read() {
    let text = sample_text();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut bad_date: Vec<&str> = lines[9].split('\t').collect();
    bad_date[SQLDATE] = "20251340";
    let mut unknown: Vec<&str> = lines[19].split('\t').collect();
    unknown[EVENT_CODE] = "999";
    let unknown_id = unknown[ID].to_string();
    let (bad_date, unknown) = (bad_date.join("\t"), unknown.join("\t"));
    lines[9] = bad_date;
    lines[19] = unknown;
    lines[29] = "1\t20250807\ttoo few".to_string();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.export.CSV");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out = annals().args(["import", s(&path)]).output().unwrap();
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("line 10"), "{report}");
    assert!(report.contains("20251340"), "{report}");
    assert!(report.contains("line 30"), "{report}");
    assert!(report.contains("61"), "{report}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["events"].as_array().unwrap().len(), 298);
    let kept = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == unknown_id.as_str())
        .unwrap();
    assert!(kept["title"].as_str().unwrap().contains("999"), "{kept}");
}

#[test]
fn parquet_from_duckdb_reads_as_the_export_it_was_made_from() {
    // DuckDB's own types: the same events, titles and dates as the raw export.
    assert_eq!(
        run(&["list", "tests/fixtures/gdelt/sample.parquet"]),
        run(&["list", SAMPLE])
    );
    // A selection with SQLDATE as a DATE and EventCode as an INTEGER.
    let text = sample_text();
    let rows = rows(&text);
    let chosen: HashSet<&str> = rows
        .iter()
        .filter(|r| {
            ["USA", "RUS"].contains(&r[A1_COUNTRY]) || ["USA", "RUS"].contains(&r[A2_COUNTRY])
        })
        .map(|r| r[ID])
        .collect();
    let ids = listed_ids(&["tests/fixtures/gdelt/selection.parquet"]);
    assert_eq!(
        ids.iter().map(String::as_str).collect::<HashSet<_>>(),
        chosen
    );
    let zero_led = rows
        .iter()
        .find(|r| chosen.contains(r[ID]) && r[EVENT_CODE].starts_with('0'))
        .unwrap();
    let shown = run(&[
        "show",
        zero_led[ID],
        "tests/fixtures/gdelt/selection.parquet",
    ]);
    assert!(
        shown.contains(&format!("EventCode: {}", zero_led[EVENT_CODE])),
        "{shown}"
    );
}

#[test]
fn any_parquet_table_through_the_column_map() {
    let table = "tests/fixtures/parquet/table.parquet";
    let out = annals().args(["import", table]).output().unwrap();
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stderr);
    // A list column cannot be read: left out and said.
    assert!(report.contains("`numbers` left out"), "{report}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    let election = events
        .iter()
        .find(|e| e["title"] == "Election day")
        .unwrap();
    assert_eq!(election["when"], "2012-11-06");
    assert_eq!(election["attributes"]["time_utc"], "2012-11-07T04:38:00Z");
    assert_eq!(election["attributes"]["score"], "1.5");
    // Each kind of date column can be the date.
    for (column, first) in [
        ("yyyymmdd", "2012-10-01"),
        ("text_date", "2012-10-01"),
        ("time", "2012-10-01T00:00:00"),
        ("time_utc", "2012-10-01T00:00:00Z"),
    ] {
        let map = format!("when={column},title=title");
        let json: serde_json::Value =
            serde_json::from_str(&run(&["import", table, "--map", &map])).unwrap();
        assert_eq!(json["events"][0]["when"], first, "{column}");
        assert_eq!(json["events"].as_array().unwrap().len(), 3);
    }
    // A table without a date, and a cut file, are errors that say so.
    let bytes = std::fs::read("tests/fixtures/gdelt/sample.parquet").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let said = fails(&["list", s(&cut)]);
    assert!(said.contains("cannot read the Parquet file"), "{said}");
    let said = fails(&["list", table, "--map", "title=title"]);
    assert!(said.contains("when"), "{said}");
}

#[test]
fn an_engines_parts_with_headers_are_one_table_and_problems_name_their_file() {
    let names = std::fs::read_to_string("src/import/gdelt/mod.rs").unwrap();
    // GDELT's 61 column names, as the codebook lists them (the module's COLUMNS).
    let header: Vec<&str> = names
        .split("pub const COLUMNS")
        .nth(1)
        .unwrap()
        .split('"')
        .skip(1)
        .step_by(2)
        .take(61)
        .collect();
    assert_eq!(header[60], "SOURCEURL");
    let text = sample_text();
    let rows = rows(&text);
    let dir = tempfile::tempdir().unwrap();
    let mut b: Vec<Vec<&str>> = rows[150..].to_vec();
    // As a sheet or an engine that typed it as a number writes it: `010` as `10`.
    let zero_led = b
        .iter()
        .position(|r| r[EVENT_CODE].starts_with('0'))
        .unwrap();
    let code = b[zero_led][EVENT_CODE].to_string();
    let stripped = code.trim_start_matches('0').to_string();
    b[zero_led][EVENT_CODE] = &stripped;
    b[1][URL] = "BBC Monitoring";
    b[3][SQLDATE] = "20251340";
    let write = |name: &str, rows: &[Vec<&str>]| {
        let mut t = header.join("\t") + "\n";
        for r in rows {
            t += &(r.join("\t") + "\n");
        }
        std::fs::write(dir.path().join(name), t).unwrap();
    };
    write("part-0.tsv", &rows[..150]);
    write("part-1.tsv", &b);
    let out = annals().args(["import", s(dir.path())]).output().unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    // The second part's header is not a row, and its bad row is named by file and line.
    assert!(report.contains("300 read, 299 kept"), "{report}");
    assert!(report.contains("part-1.tsv line 5"), "{report}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let event = |id: &str| {
        json["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
            .clone()
    };
    let full = rows[..150]
        .iter()
        .find(|r| r[EVENT_CODE] == code)
        .map(|r| event(r[ID])["title"].as_str().unwrap().to_string());
    let padded = event(b[zero_led][ID]);
    // The zero given back: the same CAMEO name as an untouched row with that code.
    if let Some(full) = full {
        let name = full
            .split(" · ")
            .find(|p| !p.chars().all(|c| c.is_uppercase() || c == ' '));
        assert!(padded["title"].as_str().unwrap().contains(name.unwrap()));
    }
    assert!(
        !padded["title"]
            .as_str()
            .unwrap()
            .contains(&format!(" {stripped} "))
    );
    // A citation that is not an address is a source without one.
    let cited = event(b[1][ID])["sources"][0].as_str().unwrap().to_string();
    let source = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == cited.as_str())
        .unwrap();
    assert_eq!(source["publisher"], "BBC Monitoring");
    assert!(source.get("url").is_none(), "{source}");
}

//! Filters by tag and by source on the command line, and text search reaching the sources'
//! publishers and titles. Counts are checked against the dataset's JSON read here.

use assert_cmd::Command;

fn listed(args: &[&str]) -> Vec<String> {
    let out = Command::cargo_bin("annals")
        .unwrap()
        .arg("list")
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

fn dataset() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string("data/moscow-washington.json").unwrap()).unwrap()
}

#[test]
fn tag_and_source_filters_count_what_the_file_says() {
    let d = dataset();
    let events = d["events"].as_array().unwrap();
    let with_tag = |tag: &str| -> Vec<String> {
        events
            .iter()
            .filter(|e| {
                e["tags"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|x| x == tag))
            })
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut protest = with_tag("protest");
    protest.sort();
    let mut got = listed(&["--tag", "Protest"]);
    got.sort();
    assert!(!protest.is_empty());
    assert_eq!(got, protest);
    // Several tags: any of them.
    let mut either = with_tag("protest");
    either.extend(with_tag("usaid"));
    either.sort();
    either.dedup();
    let mut got = listed(&["--tag", "protest", "--tag", "usaid"]);
    got.sort();
    assert_eq!(got, either);

    let source = "gazeta-en-2012-11-07";
    let mut citing: Vec<String> = events
        .iter()
        .filter(|e| {
            e["sources"]
                .as_array()
                .is_some_and(|s| s.iter().any(|x| x == source))
                || e["quotes"]
                    .as_array()
                    .is_some_and(|q| q.iter().any(|q| q["source"] == source))
        })
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    citing.sort();
    let mut got = listed(&["--source", source]);
    got.sort();
    assert_eq!(got, citing);

    let out = Command::cargo_bin("annals")
        .unwrap()
        .args(["list", "--tag", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no event has the tag \"nope\"; tags:"));
}

#[test]
fn text_search_reaches_source_publishers_and_titles() {
    let d = dataset();
    // A publisher's name that is in no event's own text: found through the sources.
    let publisher = "Rossiyskaya Gazeta";
    let got = listed(&["--text", publisher]);
    let src_ids: Vec<&str> = d["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["publisher"] == publisher)
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(!src_ids.is_empty());
    for e in d["events"].as_array().unwrap() {
        let cites = e["sources"]
            .as_array()
            .is_some_and(|s| s.iter().any(|x| src_ids.contains(&x.as_str().unwrap())));
        if cites {
            assert!(
                got.contains(&e["id"].as_str().unwrap().to_string()),
                "{}",
                e["id"]
            );
        }
    }
}

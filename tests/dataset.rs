//! Integrity of the curated dataset: it loads, it is sorted in the file, it matches its JSON
//! Schema, every event is sourced, every French quote is verbatim in the AFP seed, and the
//! dates follow the fact-check (`shared/research/facts.md`), not the article's wording.

use std::path::Path;

use annals::load;
use annals::model::{Dataset, Event};

const SEED: &str = "../shared/seed/000_8269594ac36477ca.txt";
/// The seed's quoted passages, kept in the repository (see tests/fixtures/README.md).
const SEED_QUOTES: &str = "tests/fixtures/seed-quotes.txt";

fn data() -> Dataset {
    load::builtin()
}

fn event<'a>(d: &'a Dataset, id: &str) -> &'a Event {
    d.events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event `{id}`"))
}

fn raw() -> serde_json::Value {
    serde_json::from_str(load::BUILTIN_JSON).unwrap()
}

#[test]
fn the_file_is_kept_in_timeline_order() {
    let d = data();
    assert!(d.events.len() >= 30, "only {} events", d.events.len());
    let file_order: Vec<String> = raw()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let loaded: Vec<String> = d.events.iter().map(|e| e.id.clone()).collect();
    assert_eq!(file_order, loaded, "the file is not in DESIGN §1 order");
}

#[test]
fn the_dataset_matches_its_json_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("data/annals.schema.json").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid schema");
    let doc = raw();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The schema is not a rubber stamp: a misspelt field and a bad id are refused.
    let mut bad = doc.clone();
    bad["events"][0]["wen"] = serde_json::json!("2012");
    assert!(!validator.is_valid(&bad));
    let mut bad = doc;
    bad["actors"][0]["id"] = serde_json::json!("Vladimir Putin");
    assert!(!validator.is_valid(&bad));
}

#[test]
fn the_example_in_the_format_doc_loads() {
    let doc = std::fs::read_to_string("docs/data-format.md").unwrap();
    let section = doc
        .split("## A complete minimal example")
        .nth(1)
        .expect("the doc has a complete example");
    let json = section
        .split("```json")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("the example is a json block");
    let d = load::from_str(json, "docs example").unwrap_or_else(|e| panic!("{e}"));
    assert!(!d.events.is_empty());
}

#[test]
fn every_event_cites_a_source_and_every_source_names_its_publisher() {
    let d = data();
    for e in &d.events {
        assert!(!e.sources.is_empty(), "event `{}` cites no source", e.id);
        assert!(
            !d.text(&e.summary).trim().is_empty(),
            "event `{}` has no summary",
            e.id
        );
        assert!(
            d.text(&e.title).chars().count() <= 72,
            "event `{}`: title too long",
            e.id
        );
    }
    // Sources carry a date only where the fact-check gives one (it does for most); none is
    // made up to fill the field.
    let dated = d.sources.iter().filter(|s| s.date.is_some()).count();
    assert!(dated * 2 > d.sources.len(), "only {dated} dated sources");
    for s in &d.sources {
        assert!(!s.publisher.trim().is_empty() && !s.title.trim().is_empty());
        if let Some(url) = &s.url {
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{url}"
            );
            assert!(!url.contains('…'), "elided address in source `{}`", s.id);
        }
    }
    // Every actor and source is used by some event.
    for (i, a) in d.actors.iter().enumerate() {
        let i = annals::model::ActorIx::new(i);
        assert!(
            d.events
                .iter()
                .any(|e| e.actors.contains(&i) || e.quotes.iter().any(|q| q.by == i)),
            "actor `{}` is never used",
            a.id
        );
    }
}

#[test]
fn every_quote_of_the_article_is_verbatim_with_speaker_source_and_translation() {
    let d = data();
    let quotes: Vec<_> = d.events.iter().flat_map(|e| &e.quotes).collect();
    for q in quotes.iter().filter(|q| d.text_opt(&q.lang) != Some("en")) {
        assert!(
            d.text_opt(&q.translation).is_some_and(|t| !t.is_empty()),
            "{}",
            d.text(&q.text)
        );
    }
    let french: Vec<&str> = quotes
        .iter()
        .filter(|q| d.text_opt(&q.lang) == Some("fr"))
        .map(|q| d.text(&q.text))
        .collect();
    // The passages the article puts between guillemets, kept in the repository; checked
    // against the article itself when it is beside the checkout.
    let extract = std::fs::read_to_string(SEED_QUOTES).unwrap();
    let passages: Vec<&str> = extract.lines().collect();
    assert!(passages.len() >= 8, "{SEED_QUOTES} is cut short");
    match std::fs::read_to_string(SEED) {
        Ok(seed) => {
            let in_seed: Vec<&str> = seed
                .split('«')
                .skip(1)
                .filter_map(|s| s.split('»').next())
                .collect();
            assert_eq!(passages, in_seed, "{SEED_QUOTES} no longer matches {SEED}");
            for text in &french {
                assert!(seed.contains(text), "not verbatim in the seed: {text:?}");
            }
        }
        Err(_) => {
            eprintln!(
                "note: {SEED} is not beside the checkout; quotes checked against {SEED_QUOTES}"
            );
            for text in &french {
                assert!(
                    passages.iter().any(|p| text.contains(p)),
                    "a French quote carries none of the article's passages: {text:?}"
                );
            }
        }
    }
    // And every passage the article puts between guillemets is carried by some quote, or,
    // when it is AFP's own words for a term rather than anyone's speech («agents de
    // l'étranger», the French for иностранный агент), by a note that says so.
    let notes: Vec<&str> = d
        .events
        .iter()
        .flat_map(|e| e.notes.iter().map(|n| d.text(n)))
        .collect();
    for passage in &passages {
        let in_note = format!("«{passage}»");
        assert!(
            french.iter().any(|q| q.contains(passage))
                || notes.iter().any(|n| n.contains(&in_note)),
            "the article's «{passage}» is not in the dataset"
        );
    }
}

#[test]
fn dates_follow_the_record_at_their_precision() {
    let d = data();
    let expected = [
        ("putin-acting-president", "1999-12-31"),
        ("putin-inauguration-2000", "2000-05-07"),
        ("putin-presidency-2000-2008", "2000-05-07/2008-05-07"),
        ("putin-inauguration-2004", "2004-05-07"),
        ("medvedev-inauguration-2008", "2008-05-07"),
        ("putin-candidacy-announced", "2011-09-24"),
        ("duma-election-2011", "2011-12-04"),
        ("putin-accuses-state-department", "2011-12-08"),
        ("protest-wave", "2011-12-05/"),
        ("bolotnaya-rally-2011-12-10", "2011-12-10"),
        ("sakharov-avenue-rally", "2011-12-24"),
        ("russian-presidential-election-2012", "2012-03-04"),
        ("march-of-millions-clashes", "2012-05-06"),
        ("putin-inauguration-2012", "2012-05-07"),
        ("los-cabos-meeting", "2012-06-18"),
        ("foreign-agents-duma-adopted", "2012-07-13"),
        ("foreign-agents-signed", "2012-07-20"),
        ("foreign-agents-in-force", "2012-11-21"),
        ("usaid-note", "2012-09-12"),
        ("usaid-us-announcement", "2012-09-18"),
        ("usaid-mfa-statement", "2012-09-19"),
        ("usaid-ends-work", "2012-10-01"),
        ("obama-reelected", "2012-11-06"),
        ("putin-telegram-to-obama", "2012-11-07"),
        ("lavrov-equality-statement", "2012-11-07"),
        ("putin-obama-call", "2012-11-13"),
        ("obama-second-term-oath", "2013-01-20"),
        ("moscow-summit-cancelled", "2013-08-07"),
        ("g20-st-petersburg", "2013-09-05/2013-09-06"),
    ];
    for (id, when) in expected {
        assert_eq!(event(&d, id).when.to_string(), when, "event `{id}`");
    }
}

#[test]
fn where_the_article_and_the_record_differ_a_note_says_so() {
    let d = data();
    let notes = |id: &str| {
        let texts: Vec<&str> = event(&d, id).notes.iter().map(|n| d.text(n)).collect();
        texts.join(" ")
    };
    // "revenu au Kremlin en mars": he was elected in March and took office on 7 May.
    assert!(notes("putin-inauguration-2012").contains("March"));
    // The NGO law entered into force after the article.
    assert!(notes("foreign-agents-in-force").contains("21 November"));
    // The accusation against the State Department was made while Putin was prime minister.
    assert!(notes("putin-accuses-state-department").contains("prime minister"));
    // The telegram and Peskov's "très positivement" are two things.
    assert!(!notes("kremlin-welcomes-obama-reelection").is_empty());
}

#[test]
fn actors_answer_to_their_names_in_three_languages() {
    let d = data();
    let aliases = |id: &str| {
        let a = d.actors.iter().find(|a| a.id == id).unwrap();
        let mut v = a.aliases.clone();
        v.push(a.name.clone());
        v
    };
    for (id, names) in [
        ("putin", &["Putin", "Poutine", "Путин"][..]),
        ("lavrov", &["Lavrov", "Sergueï Lavrov", "Лавров"]),
        ("peskov", &["Peskov", "Песков"]),
        (
            "state-department",
            &["State Department", "Госдепартамент США"],
        ),
        ("kremlin", &["le Kremlin", "Кремль"]),
    ] {
        let have = aliases(id);
        for n in names {
            assert!(have.iter().any(|h| h.contains(n)), "actor `{id}` lacks {n}");
        }
    }
}

#[test]
fn the_built_in_dataset_is_the_file_in_data() {
    let on_disk = load::from_path(Path::new("data/moscow-washington.json")).unwrap();
    assert_eq!(on_disk, data());
}

//! The baseline every load ratio is measured against: the plain way to read an `annals/1`
//! file in Rust — `read_to_string`, then serde_json into typed structs with `String` fields.
//! No validation, no sorting, no index: only reading.
//!
//! It is a module of the benchmarks (`benches/scale.rs`) and a program of its own for the
//! whole-process script (`cargo build --release --example baseline`):
//!
//!     baseline FILE    prints the number of events read

// The fields are read by serde only: the point is the reading.
#![allow(dead_code)]

use serde::Deserialize;

#[derive(Deserialize)]
pub struct Dataset {
    pub format: String,
    pub title: String,
    pub description: Option<String>,
    pub language: Option<String>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub events: Vec<Event>,
}

#[derive(Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub about: Option<String>,
}

#[derive(Deserialize)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub date: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
}

#[derive(Deserialize)]
pub struct Event {
    pub id: String,
    pub when: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Deserialize)]
pub struct Quote {
    pub by: String,
    pub text: String,
    pub lang: Option<String>,
    pub translation: Option<String>,
    pub source: String,
}

/// Reads a dataset the baseline way.
pub fn load(path: &std::path::Path) -> std::io::Result<Dataset> {
    let text = std::fs::read_to_string(path)?;
    serde_json::from_str(&text).map_err(std::io::Error::other)
}

#[allow(dead_code)]
fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: baseline FILE");
        std::process::exit(2);
    };
    match load(path.as_ref()) {
        Ok(d) => println!("{} events", d.events.len()),
        Err(e) => {
            eprintln!("baseline: {e}");
            std::process::exit(1);
        }
    }
}

//! The JSON shape of `annals/1`, as serde reads it. Strings that must not be empty default to
//! "" so that a missing one is reported with the others by validation, not one at a time.

use serde::Deserialize;

use crate::model::ActorKind;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Editors' hint to the JSON Schema; ignored.
    #[serde(rename = "$schema", default)]
    pub _schema: Option<String>,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Actor {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: Option<ActorKind>,
    pub about: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub title: String,
    pub date: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub when: String,
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Quote {
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub text: String,
    pub lang: Option<String>,
    pub translation: Option<String>,
    #[serde(default)]
    pub source: String,
}

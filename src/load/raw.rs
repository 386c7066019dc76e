//! The JSON shape of `annals/1` records, as serde reads them (the top level is read by
//! `super::read`). Strings that must not be empty default to "" so that a missing one is
//! reported with the others by validation, not one at a time.

use std::borrow::Cow;

use serde::Deserialize;

use crate::model::ActorKind;

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

/// An event as written. Its strings borrow from the bytes read when they hold no escapes, so
/// reading an event allocates only for its lists; the loader keeps where the long texts lie.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event<'a> {
    #[serde(default, borrow)]
    pub id: Str<'a>,
    #[serde(default, borrow)]
    pub when: Str<'a>,
    #[serde(default, borrow)]
    pub title: Str<'a>,
    #[serde(default, borrow)]
    pub summary: Str<'a>,
    #[serde(default, borrow)]
    pub actors: Vec<Str<'a>>,
    #[serde(default, borrow)]
    pub tags: Vec<Str<'a>>,
    #[serde(default, borrow)]
    pub quotes: Vec<Quote<'a>>,
    #[serde(default, borrow)]
    pub sources: Vec<Str<'a>>,
    #[serde(default, borrow)]
    pub notes: Vec<Str<'a>>,
    #[serde(default, borrow)]
    pub attributes: Attributes<'a>,
}

/// An event's `attributes`: an object of names and values, kept in order. A value may be a
/// string, a number or a boolean (kept as its JSON text).
#[derive(Default)]
pub struct Attributes<'a>(pub Vec<(Str<'a>, Str<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Attributes<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Attributes<'a>, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Attributes<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of names and values (strings, numbers or booleans)")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Attributes<'de>, M::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Str<'de>>()? {
                    let v: Scalar<'de> = map.next_value()?;
                    out.push((k, v.0));
                }
                Ok(Attributes(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A string, number or boolean, as text.
struct Scalar<'a>(Str<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Scalar<'a>, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, a number or a boolean")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Str(Cow::Borrowed(v))))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Str(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Str(Cow::Owned(v))))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Str(Cow::Owned(v.to_string()))))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Str(Cow::Owned(v.to_string()))))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Str(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Str(Cow::Owned(v.to_string()))))
            }
        }
        d.deserialize_any(Visit)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote<'a> {
    #[serde(default, borrow)]
    pub by: Str<'a>,
    #[serde(default, borrow)]
    pub text: Str<'a>,
    #[serde(default, borrow)]
    pub lang: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub translation: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub source: Str<'a>,
}

/// A JSON string, borrowed from the input when it has no escapes and unescaped otherwise.
/// (serde's own `Cow<str>` always copies inside a list.)
#[derive(Default)]
pub struct Str<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Str<'a>, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
    }
}

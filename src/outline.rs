//! One outline of an event, for every face that writes an event out as prose: the detail
//! pane styles it, `annals show` prints it, and the Markdown, iCalendar and TimelineJS exports
//! format it. So they agree on what an event says: its date in words, title, actors, summary,
//! quotes (in the marks of their language, with speaker, translation and the number of their
//! source), the sources numbered in one order, notes and tags.
//!
//! Texts are the dataset's own, unescaped: each face makes them safe for where they go
//! (neutralised for a terminal, escaped for Markdown, HTML or iCalendar).

use crate::model::{Dataset, Event, SourceIx};

/// An event as prose.
pub struct Outline<'a> {
    /// The date in words: "Tue 13 Nov 2012", "Sun 7 May 2000 – Wed 7 May 2008 · 8 years".
    pub date: String,
    pub title: &'a str,
    /// The actors' names, in the event's order.
    pub actors: Vec<&'a str>,
    /// The summary, when it says anything.
    pub summary: Option<&'a str>,
    pub quotes: Vec<Quote<'a>>,
    /// The sources the event cites, numbered from 1: its own list, then any that only a
    /// quote cites.
    pub sources: Vec<Cited<'a>>,
    pub notes: Vec<&'a str>,
    pub tags: Vec<&'a str>,
    /// What another tool kept with the event: names and values.
    pub attributes: Vec<(&'a str, std::borrow::Cow<'a, str>)>,
}

/// A quote as said.
pub struct Quote<'a> {
    pub text: &'a str,
    /// The language it was said in, as the dataset gives it ("fr").
    pub lang: Option<&'a str>,
    pub speaker: &'a str,
    pub translation: Option<&'a str>,
    /// The number of its source in `Outline::sources`.
    pub source: usize,
}

impl Quote<'_> {
    /// The quote in the marks of its language: « … » in French, “…” otherwise.
    pub fn marked(&self) -> String {
        let (open, close) = quote_marks(self.lang);
        format!("{open}{}{close}", self.text)
    }
}

/// A source as cited, with its number.
pub struct Cited<'a> {
    pub number: usize,
    /// Where it is in `Dataset::sources`.
    pub source: SourceIx,
    /// "AFP, 13 Nov 2012".
    pub citation: String,
    pub title: &'a str,
    pub url: Option<&'a str>,
}

/// What stands before a source's address, on the line of its own the address takes.
pub const ADDRESS_INDENT: &str = "    ";

/// The quotation marks of a language: French guillemets with their spaces, else English
/// double quotes.
pub fn quote_marks(lang: Option<&str>) -> (&'static str, &'static str) {
    match lang {
        Some(l) if l == "fr" || l.starts_with("fr-") => ("« ", " »"),
        _ => ("“", "”"),
    }
}

impl<'a> Outline<'a> {
    pub fn new(data: &'a Dataset, ev: &'a Event) -> Outline<'a> {
        let mut order: Vec<SourceIx> = ev.sources.to_vec();
        for q in &ev.quotes {
            if !order.contains(&q.source) {
                order.push(q.source);
            }
        }
        let number = |s: SourceIx| order.iter().position(|&x| x == s).map_or(0, |i| i + 1);
        let summary = data.text(&ev.summary);
        Outline {
            date: ev.when.long(),
            title: data.text(&ev.title),
            actors: ev
                .actors
                .iter()
                .map(|&a| data.actor(a).name.as_str())
                .collect(),
            summary: (!summary.trim().is_empty()).then_some(summary),
            quotes: ev
                .quotes
                .iter()
                .map(|q| Quote {
                    text: data.text(&q.text),
                    lang: data.text_opt(&q.lang),
                    speaker: &data.actor(q.by).name,
                    translation: data.text_opt(&q.translation),
                    source: number(q.source),
                })
                .collect(),
            sources: order
                .iter()
                .enumerate()
                .map(|(i, &s)| {
                    let src = data.source(s);
                    Cited {
                        number: i + 1,
                        source: s,
                        citation: src.citation(),
                        title: &src.title,
                        url: src.url.as_deref(),
                    }
                })
                .collect(),
            notes: ev.notes.iter().map(|n| data.text(n)).collect(),
            tags: ev.tags.iter().map(|t| &**t).collect(),
            attributes: ev.attributes.pairs(&data.store),
        }
    }

    /// The outline laid out as lines of text, the layout of the detail pane and of
    /// `annals show`: date, title, actors; the summary; each quote with its speaker and
    /// translation; the sources with their addresses; notes; tags.
    pub fn lines(&self) -> Vec<Line> {
        let mut out = vec![
            Line::new(Kind::Date, self.date.clone()),
            Line::new(Kind::Title, self.title),
        ];
        if !self.actors.is_empty() {
            out.push(Line::new(Kind::Actors, self.actors.join(" · ")));
        }
        if let Some(s) = self.summary {
            out.push(Line::blank());
            out.push(Line::new(Kind::Summary, s));
        }
        for q in &self.quotes {
            out.push(Line::blank());
            out.push(Line::new(Kind::Quote, q.marked()));
            let mut by = format!("  — {}", q.speaker);
            if let Some(lang) = q.lang {
                by.push_str(&format!(" ({lang})"));
            }
            out.push(Line {
                number: Some(q.source),
                ..Line::new(Kind::Speaker, by)
            });
            if let Some(t) = q.translation {
                out.push(Line::new(Kind::Translation, format!("  “{t}”")));
            }
        }
        if !self.sources.is_empty() {
            out.push(Line::blank());
            out.push(Line::new(Kind::Heading, "Sources"));
            for s in &self.sources {
                // A source known only by its address (GDELT's) is not written twice.
                let text = if s.url == Some(s.title) {
                    s.citation.to_string()
                } else {
                    format!("{}: {}", s.citation, s.title)
                };
                out.push(Line {
                    number: Some(s.number),
                    ..Line::new(Kind::Source, text)
                });
                if let Some(url) = s.url {
                    out.push(Line::new(Kind::Address, format!("{ADDRESS_INDENT}{url}")));
                }
            }
        }
        if !self.notes.is_empty() {
            out.push(Line::blank());
            out.push(Line::new(Kind::Heading, "Notes"));
            for n in &self.notes {
                out.push(Line::new(Kind::Note, format!("• {n}")));
            }
        }
        if !self.attributes.is_empty() {
            out.push(Line::blank());
            out.push(Line::new(Kind::Heading, "Attributes"));
            for (k, v) in &self.attributes {
                out.push(Line::new(Kind::Attribute, format!("{k}: {v}")));
            }
        }
        if !self.tags.is_empty() {
            out.push(Line::blank());
            let tags: Vec<String> = self.tags.iter().map(|t| format!("#{t}")).collect();
            out.push(Line::new(Kind::Tags, tags.join(" ")));
        }
        out
    }

    /// The lines as plain text (`annals show`), one per line.
    pub fn to_text(&self) -> String {
        self.lines()
            .iter()
            .map(|l| format!("{}\n", l.plain()))
            .collect()
    }
}

/// What a line of the outline holds; faces style lines by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Date,
    Title,
    Actors,
    Summary,
    /// A quote in its marks.
    Quote,
    /// "  — Speaker (lang)", with the number of the quote's source after it.
    Speaker,
    Translation,
    /// "Sources", "Notes".
    Heading,
    /// "AFP, 13 Nov 2012: Title", with its number before it.
    Source,
    /// A source's address, alone on its line after `ADDRESS_INDENT`.
    Address,
    Note,
    /// "name: value", an attribute another tool kept.
    Attribute,
    Tags,
    Blank,
}

impl Kind {
    /// Whether the line holds the event's own words, where a search may find its query
    /// (titles, names, summary, quotes, translations, notes).
    pub fn searched(self) -> bool {
        matches!(
            self,
            Kind::Title
                | Kind::Actors
                | Kind::Summary
                | Kind::Quote
                | Kind::Translation
                | Kind::Note
        )
    }
}

/// One line of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub kind: Kind,
    pub text: String,
    /// A source's number: after a speaker ("[1]"), before a source.
    pub number: Option<usize>,
}

impl Line {
    fn new(kind: Kind, text: impl Into<String>) -> Line {
        Line {
            kind,
            text: text.into(),
            number: None,
        }
    }

    fn blank() -> Line {
        Line::new(Kind::Blank, "")
    }

    /// The line with its number where it goes: "  — Peskov (fr) [1]", "[1] AFP: …".
    pub fn plain(&self) -> String {
        match (self.number, self.kind) {
            (Some(n), Kind::Source) => format!("[{n}] {}", self.text),
            (Some(n), _) => format!("{} [{n}]", self.text),
            (None, _) => self.text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_take_the_marks_of_their_language() {
        assert_eq!(quote_marks(Some("fr")), ("« ", " »"));
        assert_eq!(quote_marks(Some("fr-CA")), ("« ", " »"));
        assert_eq!(quote_marks(Some("en")), ("“", "”"));
        assert_eq!(quote_marks(Some("ru")), ("“", "”"));
        assert_eq!(quote_marks(None), ("“", "”"));
    }

    #[test]
    fn sources_cited_only_by_a_quote_are_numbered_after_the_events_own() {
        let data = crate::load::from_str(
            r#"{"format":"annals/1","title":"T",
                "actors":[{"id":"a","name":"Ann"}],
                "sources":[{"id":"s1","publisher":"P1","title":"One"},
                           {"id":"s2","publisher":"P2","title":"Two","url":"https://x.example/2"}],
                "events":[{"id":"e","when":"2012-11-13","title":"E","actors":["a"],
                           "quotes":[{"by":"a","text":"Bonjour","lang":"fr","translation":"Hello","source":"s2"}],
                           "sources":["s1"],"notes":["n"],"tags":["t"]}]}"#,
            "t",
        )
        .unwrap();
        let o = Outline::new(&data, &data.events[0]);
        let numbers: Vec<(usize, &str)> = o.sources.iter().map(|s| (s.number, s.title)).collect();
        assert_eq!(numbers, [(1, "One"), (2, "Two")]);
        assert_eq!(o.quotes[0].source, 2);
        assert_eq!(o.summary, None);
        assert_eq!(
            o.to_text(),
            "Tue 13 Nov 2012\nE\nAnn\n\n« Bonjour »\n  — Ann (fr) [2]\n  “Hello”\n\n\
             Sources\n[1] P1: One\n[2] P2: Two\n    https://x.example/2\n\nNotes\n• n\n\n#t\n"
        );
    }
}

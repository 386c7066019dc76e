//! The actor index: each actor's folded names and events, resolving a query to one actor,
//! and fuzzy ranking for the picker.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::ix::all;
use crate::model::{ActorIx, Dataset, EventIx};

use super::fold::{Folded, fold};

/// Built once per dataset: each actor's folded names and the events it takes part in.
pub struct ActorIndex {
    /// Folded names of each actor, in `names_of` order: name, aliases, id.
    folded: Vec<Vec<Folded>>,
    /// Positions in `data.events` of each actor's events (as an actor or a quoted speaker).
    events: Vec<Vec<EventIx>>,
}

impl ActorIndex {
    pub fn new(data: &Dataset) -> ActorIndex {
        let folded = data
            .actors
            .iter()
            .map(|a| names_of(a).map(|n| Folded::new(n)).collect())
            .collect();
        // Counted first, so that each list is allocated once at its size.
        let mut counts = vec![0usize; data.actors.len()];
        let each = |f: &mut dyn FnMut(ActorIx, EventIx)| {
            for (i, ev) in data.events.iter().enumerate() {
                for (k, a) in ev.participants().enumerate() {
                    // An actor listed and quoted counts once.
                    if !ev.participants().take(k).any(|b| b == a) {
                        f(a, EventIx::new(i));
                    }
                }
            }
        };
        each(&mut |a, _| counts[a.get()] += 1);
        let mut events: Vec<Vec<EventIx>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
        each(&mut |a, i| events[a.get()].push(i));
        ActorIndex { folded, events }
    }

    /// The folded names of an actor.
    fn keys(&self, actor: ActorIx) -> impl Iterator<Item = &str> {
        self.folded[actor.get()].iter().map(|f| f.text.as_str())
    }

    /// How many events an actor takes part in.
    pub fn event_count(&self, actor: ActorIx) -> usize {
        self.events[actor.get()].len()
    }

    /// The events of an actor, in timeline order.
    pub fn events_of(&self, actor: ActorIx) -> &[EventIx] {
        &self.events[actor.get()]
    }

    /// Finds the one actor a query names: by id, name or alias after folding; else by a
    /// unique name or alias containing the query as whole words.
    pub fn resolve(&self, data: &Dataset, query: &str) -> Result<ActorIx, ActorError> {
        let q = fold(query.trim());
        let exact: Vec<ActorIx> = all(self.folded.len())
            .filter(|&a| self.keys(a).any(|k| k == q))
            .collect();
        if let [one] = exact[..] {
            return Ok(one);
        }
        // Several: a name or an id beats an alias (GDELT gives one code to many actors).
        let named: Vec<ActorIx> = exact
            .iter()
            .copied()
            .filter(|&a| {
                let f = &self.folded[a.get()];
                f.first().is_some_and(|n| n.text == q) || f.last().is_some_and(|i| i.text == q)
            })
            .collect();
        if let [one] = named[..] {
            return Ok(one);
        }
        let words: Vec<ActorIx> = all(self.folded.len())
            .filter(|&a| self.keys(a).any(|k| contains_words(k, &q)))
            .collect();
        match words[..] {
            [one] => Ok(one),
            [] => Err(ActorError::NoMatch {
                query: query.to_string(),
                closest: self
                    .closest(&q)
                    .into_iter()
                    .take(3)
                    .map(|a| describe(data, a))
                    .collect(),
            }),
            _ => Err(ActorError::Ambiguous {
                query: query.to_string(),
                candidates: words.iter().map(|&a| describe(data, a)).collect(),
            }),
        }
    }

    /// Actors by how alike their names (or any word of them) are to a folded query, most
    /// alike first: typos such as "lavorv" still point at Lavrov.
    fn closest(&self, q: &str) -> Vec<ActorIx> {
        let likeness = |a: ActorIx| {
            self.keys(a)
                .flat_map(|k| std::iter::once(k).chain(k.split([' ', '-'])))
                .map(|k| strsim::jaro_winkler(q, k))
                .fold(0.0, f64::max)
        };
        let mut v: Vec<(ActorIx, f64)> = all(self.folded.len()).map(|a| (a, likeness(a))).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v.into_iter().map(|(a, _)| a).collect()
    }

    /// Every actor ranked against a fuzzy query (best first); all actors by event count when
    /// the query is empty. Each match says which name matched and where, for highlighting.
    pub fn rank(&self, data: &Dataset, query: &str) -> Vec<ActorMatch> {
        let q = fold(query.trim());
        let mut out: Vec<ActorMatch> = Vec::new();
        if q.is_empty() {
            out = all(data.actors.len())
                .map(|actor| ActorMatch {
                    actor,
                    score: 0,
                    via: None,
                    positions: Vec::new(),
                })
                .collect();
        } else {
            let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Never);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            for (actor, a) in all::<ActorIx>(data.actors.len()).zip(&data.actors) {
                // The name first, then the aliases, then the id; the best score wins and the
                // name wins ties, so the row shows the name highlighted when it can.
                let mut best: Option<ActorMatch> = None;
                let names = names_of(a).zip(&self.folded[actor.get()]);
                for (k, (name, folded)) in names.enumerate() {
                    let mut idx = Vec::new();
                    let hay = Utf32Str::new(&folded.text, &mut buf);
                    let Some(score) = pattern.indices(hay, &mut matcher, &mut idx) else {
                        continue;
                    };
                    if best.as_ref().is_none_or(|b| score > b.score) {
                        idx.sort_unstable();
                        idx.dedup();
                        best = Some(ActorMatch {
                            actor,
                            score,
                            via: (k > 0).then(|| name.clone()),
                            positions: folded.original_chars(name, &idx),
                        });
                    }
                }
                out.extend(best);
            }
        }
        out.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(self.event_count(b.actor).cmp(&self.event_count(a.actor)))
                .then(data.actor(a.actor).name.cmp(&data.actor(b.actor).name))
        });
        out
    }
}

/// An actor's names in the order the index keeps them: name, aliases, id.
fn names_of(a: &crate::model::Actor) -> impl Iterator<Item = &String> {
    std::iter::once(&a.name)
        .chain(&a.aliases)
        .chain(std::iter::once(&a.id))
}

/// One actor's fuzzy match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorMatch {
    pub actor: ActorIx,
    pub score: u32,
    /// The alias or id that matched, when it was not the name.
    pub via: Option<String>,
    /// Char positions of the matched characters in the name (or in `via`).
    pub positions: Vec<usize>,
}

fn describe(data: &Dataset, a: ActorIx) -> String {
    format!("{} ({})", data.actor(a).name, data.actor(a).id)
}

/// Whether `words` occur in `text` as whole words ("lavrov" in "sergei lavrov").
fn contains_words(text: &str, words: &str) -> bool {
    !words.is_empty()
        && text.match_indices(words).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + words.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
}

/// Why an actor query found no single actor.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActorError {
    #[error("no actor matches {query:?}; closest: {}", closest.join(", "))]
    NoMatch { query: String, closest: Vec<String> },
    #[error("{query:?} names several actors: {}; be more precise", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole() {
        assert!(contains_words("sergei lavrov", "lavrov"));
        assert!(contains_words("sergei lavrov", "sergei lavrov"));
        assert!(!contains_words("sergei lavrov", "lav"));
        assert!(!contains_words("state-duma", "state-dum"));
    }
}

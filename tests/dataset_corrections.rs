//! The corrections of issue 17 to the curated dataset: claims the record does not support,
//! loose figures, attributions, sources, and the months after the call. Each test reads the
//! built-in dataset (the same bytes as `data/moscow-washington.json`) as `tests/dataset.rs`
//! does.

use annals::load;
use annals::model::{Dataset, End, Event, Source};

fn data() -> Dataset {
    load::builtin()
}

fn event<'a>(d: &'a Dataset, id: &str) -> &'a Event {
    d.events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event `{id}`"))
}

fn title<'a>(d: &'a Dataset, e: &'a Event) -> &'a str {
    d.text(&e.title)
}

fn summary<'a>(d: &'a Dataset, e: &'a Event) -> &'a str {
    d.text(&e.summary)
}

fn notes(d: &Dataset, e: &Event) -> String {
    let texts: Vec<&str> = e.notes.iter().map(|n| d.text(n)).collect();
    texts.join(" ")
}

fn sources<'a>(d: &'a Dataset, e: &Event) -> Vec<&'a Source> {
    e.sources.iter().map(|&s| d.source(s)).collect()
}

fn actor_ids<'a>(d: &'a Dataset, e: &Event) -> Vec<&'a str> {
    e.actors.iter().map(|&a| d.actor(a).id.as_str()).collect()
}

/// Whether the event cites a source published on this day.
fn cites_a_source_of(d: &Dataset, e: &Event, day: &str) -> bool {
    sources(d, e)
        .iter()
        .any(|s| s.date.as_ref().is_some_and(|w| w.to_string() == day))
}

/// Whether the event cites a source that can be looked up: one with an address.
fn cites_a_published_address(d: &Dataset, e: &Event) -> bool {
    sources(d, e).iter().any(|s| s.url.is_some())
}

// ------------------------------------------------------------------------------------------
// 1. Claims the record does not support

#[test]
fn los_cabos_is_the_first_meeting_since_putins_return_not_their_first() {
    let d = data();
    let e = event(&d, "los-cabos-meeting");
    assert_eq!(e.when.to_string(), "2012-06-18");
    assert!(
        !title(&d, e).to_lowercase().contains("first"),
        "{}",
        title(&d, e)
    );
    let s = summary(&d, e);
    assert!(s.contains("first meeting since Putin's return"), "{s}");
    // Their very first meeting, in 2009, is said and sourced.
    let n = notes(&d, e);
    assert!(
        n.contains("7 July 2009") && n.contains("Novo-Ogaryovo"),
        "{n}"
    );
    assert!(n.contains("prime minister"), "{n}");
    assert!(cites_a_source_of(&d, e, "2009-07-07"));
    // And no other title or summary calls any meeting their first.
    for e in &d.events {
        for text in [title(&d, e), summary(&d, e)] {
            assert!(
                !text.contains("First Putin–Obama meeting")
                    && !text.contains("held their first meeting,"),
                "event `{}`: {text}",
                e.id
            );
        }
    }
}

#[test]
fn no_rally_is_called_the_largest_and_each_count_says_who_counted() {
    let d = data();
    for e in &d.events {
        for text in [title(&d, e), summary(&d, e)] {
            assert!(
                !text.to_lowercase().contains("largest"),
                "event `{}`: {text}",
                e.id
            );
        }
    }
    let sakharov = event(&d, "sakharov-avenue-rally");
    let s = summary(&d, sakharov);
    for who_and_what in ["organisers", "police", "120,000", "29,000"] {
        assert!(s.contains(who_and_what), "{who_and_what}: {s}");
    }
    // The note says why it is not the largest: the 4 February counts.
    assert!(notes(&d, sakharov).contains("4 February"));
    let feb = event(&d, "bolotnaya-rally-2012-02-04");
    let s = summary(&d, feb);
    for who_and_what in ["organisers", "police", "120,000", "36,000"] {
        assert!(s.contains(who_and_what), "{who_and_what}: {s}");
    }
    // The 4 February figures come from news reports, not only from a Wikipedia diff.
    assert!(
        sources(&d, feb)
            .iter()
            .any(|s| s.url.is_some() && !s.publisher.starts_with("Wikipedia")),
        "4 February cites no news report"
    );
    assert!(cites_a_published_address(&d, sakharov));
}

#[test]
fn the_ngo_law_covers_foreign_funding_and_political_activity() {
    let d = data();
    for id in ["foreign-agents-duma-adopted", "foreign-agents-signed"] {
        let s = summary(&d, event(&d, id));
        assert!(s.contains("foreign funding"), "event `{id}`: {s}");
        assert!(s.contains("political activity"), "event `{id}`: {s}");
    }
}

// ------------------------------------------------------------------------------------------
// 2. Loose figures

#[test]
fn obama_won_332_electoral_votes() {
    let d = data();
    let e = event(&d, "obama-reelected");
    let s = summary(&d, e);
    assert!(s.contains("332"), "{s}");
    assert!(!s.contains("303"), "{s}");
    // Florida was called on 10 November: a source from then on says so.
    assert!(cites_a_source_of(&d, e, "2012-11-10") || cites_a_source_of(&d, e, "2012-11-11"));
}

#[test]
fn putin_became_prime_minister_on_8_may_2008() {
    let d = data();
    let e = event(&d, "medvedev-inauguration-2008");
    assert_eq!(e.when.to_string(), "2008-05-07");
    let t = title(&d, e);
    assert!(!t.contains("prime minister"), "{t}");
    let s = summary(&d, e);
    assert!(s.contains("nominated"), "{s}");
    assert!(s.contains("8 May 2008"), "{s}");
    assert!(actor_ids(&d, e).contains(&"state-duma"));
    assert!(cites_a_source_of(&d, e, "2008-05-08"));
}

#[test]
fn the_protest_wave_has_no_closed_end() {
    let d = data();
    let e = event(&d, "protest-wave");
    assert!(e.when.is_interval());
    assert!(
        matches!(e.when.end_bound(), Some(End::Unknown | End::Open)),
        "{}",
        e.when
    );
    assert!(e.when.end().is_none(), "{}", e.when);
    assert!(e.when.to_string().starts_with("2011-12-05/"), "{}", e.when);
    // The note no longer describes a range that ends in September 2012.
    let n = notes(&d, e);
    assert!(n.contains("2013"), "{n}");
    assert!(!n.contains("range ends"), "{n}");
}

#[test]
fn the_2004_result_is_the_commissions_official_figure() {
    let d = data();
    let e = event(&d, "putin-reelected-2004");
    for text in [title(&d, e), summary(&d, e)] {
        assert!(text.contains("71.31%"), "{text}");
        assert!(!text.contains("71.9%"), "{text}");
    }
    assert!(summary(&d, e).contains("Central Election Commission"));
    assert!(actor_ids(&d, e).contains(&"cec"));
    assert!(cites_a_published_address(&d, e));
}

#[test]
fn the_10_december_rally_gives_each_count_not_about_50000() {
    let d = data();
    let e = event(&d, "bolotnaya-rally-2011-12-10");
    assert_eq!(e.when.to_string(), "2011-12-10");
    for text in [title(&d, e), summary(&d, e)] {
        assert!(!text.contains("50,000"), "{text}");
    }
    let s = summary(&d, e);
    assert!(s.contains("police"), "{s}");
    assert!(s.contains("25,000"), "{s}");
    assert!(s.contains("30,000 to 80,000"), "{s}");
    assert!(cites_a_source_of(&d, e, "2011-12-10"));
}

// ------------------------------------------------------------------------------------------
// 3. Attributions

#[test]
fn agents_de_letranger_is_afps_french_not_a_quote_of_the_duma() {
    let d = data();
    let e = event(&d, "foreign-agents-duma-adopted");
    for ev in &d.events {
        for q in ev.quotes.iter() {
            assert_ne!(
                d.actor(q.by).id,
                "state-duma",
                "event `{}` quotes the Duma: {}",
                ev.id,
                d.text(&q.text)
            );
        }
    }
    let n = notes(&d, e);
    assert!(n.contains("agents de l'étranger"), "{n}");
    assert!(n.contains("иностранный агент"), "{n}");
    assert!(n.contains("AFP"), "{n}");
}

#[test]
fn peskov_keeps_the_very_positive_welcome_with_his_russian_words_and_their_source() {
    let d = data();
    let e = event(&d, "kremlin-welcomes-obama-reelection");
    let by_peskov: Vec<_> = e
        .quotes
        .iter()
        .filter(|q| d.actor(q.by).id == "peskov")
        .collect();
    // AFP's French stays, said by Peskov.
    assert!(
        by_peskov
            .iter()
            .any(|q| d.text(&q.text) == "accueillie très positivement")
    );
    // His Russian words, from a source with an address that the event cites.
    let russian: Vec<_> = by_peskov
        .iter()
        .filter(|q| d.text_opt(&q.lang) == Some("ru"))
        .collect();
    assert!(!russian.is_empty(), "no Russian quote by Peskov");
    for q in russian {
        assert!(d.text(&q.text).contains("позитивно"), "{}", d.text(&q.text));
        assert!(d.text_opt(&q.translation).is_some_and(|t| !t.is_empty()));
        assert!(d.source(q.source).url.is_some());
        assert!(e.sources.contains(&q.source));
    }
    // The note says AFP credits the words to the Kremlin.
    assert!(notes(&d, e).contains("le Kremlin"), "{}", notes(&d, e));
}

// ------------------------------------------------------------------------------------------
// 4. Sources

const GAZETA_PAGE: &str = "en.gazeta.ru/news/2012/11/07/a_4844053.shtml";

#[test]
fn the_gazeta_page_is_one_source_cited_by_every_event_that_used_it() {
    let d = data();
    let gazeta: Vec<&Source> = d
        .sources
        .iter()
        .filter(|s| s.url.as_deref().is_some_and(|u| u.contains(GAZETA_PAGE)))
        .collect();
    assert_eq!(gazeta.len(), 1, "the page is one source");
    let page = gazeta[0];
    assert_eq!(page.title, "Putin congratulates Obama on victory");
    assert_eq!(
        page.date.as_ref().map(|w| w.to_string()).as_deref(),
        Some("2012-11-07")
    );
    // Only one source is gazeta.ru's English site at all.
    let english_gazeta = d
        .sources
        .iter()
        .filter(|s| s.publisher == page.publisher)
        .count();
    assert_eq!(english_gazeta, 1);
    // The events that cited any of the four former records now cite this one, once.
    for id in [
        "kremlin-welcomes-obama-reelection",
        "lavrov-equality-statement",
        "putin-telegram-to-obama",
        "putin-obama-call",
    ] {
        let cited = sources(&d, event(&d, id))
            .iter()
            .filter(|s| s.id == page.id)
            .count();
        assert_eq!(cited, 1, "event `{id}`");
    }
    // Lavrov's English words are quoted from it.
    let lavrov = event(&d, "lavrov-equality-statement");
    assert!(
        lavrov
            .quotes
            .iter()
            .filter(|q| d.text_opt(&q.lang) == Some("en"))
            .all(|q| d.source(q.source).id == page.id)
    );
}

#[test]
fn no_two_sources_share_an_address_and_none_is_shortened() {
    let d = data();
    let mut urls: Vec<&str> = d.sources.iter().filter_map(|s| s.url.as_deref()).collect();
    let all = urls.len();
    urls.sort_unstable();
    urls.dedup();
    assert_eq!(urls.len(), all, "two sources share an address");
    let news_asia: Vec<&str> = d
        .sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .filter(|u| u.contains("news-asia.ru"))
        .collect();
    assert!(!news_asia.is_empty());
    for u in news_asia {
        assert!(
            u.contains("/plugins/news/view/category/politics/id/3799"),
            "shortened address {u}"
        );
    }
}

#[test]
fn the_state_department_briefing_is_on_the_archive_host() {
    let d = data();
    let briefings: Vec<&str> = d
        .sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .filter(|u| u.contains("/r/pa/prs/ps/2012/09/197520.htm"))
        .collect();
    assert_eq!(briefings.len(), 1);
    assert!(
        briefings[0].starts_with("https://2009-2017.state.gov/"),
        "{}",
        briefings[0]
    );
}

#[test]
fn no_event_rests_on_internal_research_alone() {
    let d = data();
    for e in &d.events {
        assert!(
            sources(&d, e)
                .iter()
                .any(|s| s.publisher != "annals research"),
            "event `{}` cites only internal research",
            e.id
        );
    }
    let pushkin = event(&d, "pushkin-square-rally");
    assert!(cites_a_published_address(&d, pushkin));
    let s = summary(&d, pushkin);
    assert!(s.contains("14,000") && s.contains("20,000"), "{s}");
}

// ------------------------------------------------------------------------------------------
// 5. The months after the call

#[test]
fn the_three_new_events_are_dated_sourced_and_in_timeline_order() {
    let d = data();
    let new = [
        ("magnitsky-act-signed", "2012-12-14", "obama"),
        ("dima-yakovlev-law-signed", "2012-12-28", "putin"),
        ("snowden-temporary-asylum", "2013-08-01", "snowden"),
    ];
    for (id, when, actor) in new {
        let e = event(&d, id);
        assert_eq!(e.when.to_string(), when, "event `{id}`");
        assert!(
            actor_ids(&d, e).contains(&actor),
            "event `{id}` lacks {actor}"
        );
        assert!(cites_a_published_address(&d, e), "event `{id}`");
        assert!(!summary(&d, e).trim().is_empty(), "event `{id}`");
        // Each quote comes from a source the event cites, with its address.
        for q in e.quotes.iter() {
            assert!(e.sources.contains(&q.source), "event `{id}`");
            assert!(d.source(q.source).url.is_some(), "event `{id}`");
            if d.text_opt(&q.lang) != Some("en") {
                assert!(d.text_opt(&q.translation).is_some(), "event `{id}`");
            }
        }
    }
    let at = |id: &str| {
        d.event_position(id)
            .unwrap_or_else(|| panic!("no event `{id}`"))
    };
    assert!(at("putin-obama-call") < at("magnitsky-act-signed"));
    assert!(at("magnitsky-act-signed") < at("dima-yakovlev-law-signed"));
    assert!(at("dima-yakovlev-law-signed") < at("obama-second-term-oath"));
    assert!(at("putin-obama-call-2013-04-29") < at("snowden-temporary-asylum"));
    assert!(at("snowden-temporary-asylum") < at("moscow-summit-cancelled"));
}

#[test]
fn the_adoption_ban_answers_the_magnitsky_act() {
    let d = data();
    let e = event(&d, "dima-yakovlev-law-signed");
    let s = summary(&d, e);
    assert!(s.contains("Magnitsky"), "{s}");
    assert!(s.contains("adopt"), "{s}");
    assert!(s.contains("272-FZ"), "{s}");
    let m = event(&d, "magnitsky-act-signed");
    assert!(summary(&d, m).contains("Magnitsky"));
}

#[test]
fn snowden_is_an_actor_of_his_asylum_and_of_the_cancelled_summit() {
    let d = data();
    let snowden = d
        .actors
        .iter()
        .find(|a| a.id == "snowden")
        .expect("an actor for Snowden");
    assert!(snowden.aliases.iter().any(|a| a == "Сноуден"));
    for id in ["snowden-temporary-asylum", "moscow-summit-cancelled"] {
        assert!(actor_ids(&d, event(&d, id)).contains(&"snowden"), "{id}");
    }
    // The asylum ran from 31 July; the event is dated the day he left the airport.
    assert!(notes(&d, event(&d, "snowden-temporary-asylum")).contains("31 July"));
}

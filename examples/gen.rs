//! Writes a large, realistic `annals/1` dataset for benchmarks and scale tests.
//!
//!     cargo run --release --example gen -- N SEED > events.json
//!
//! The output depends only on N and SEED: the same arguments give the same bytes on every
//! machine (the random numbers come from SplitMix64, written out below, not from a crate
//! whose stream may change between versions).
//!
//! Shape: about 60-character titles and 300-character summaries; 1–4 actors per event from a
//! pool of 5,000 names (Latin with accents, and Cyrillic) drawn with Zipf-like popularity;
//! 0–2 quotes, some in French or Russian with a translation; 1–2 sources; a few tags and
//! notes; mostly days, with some month- and year-precision dates, ranges, open ranges and
//! uncertain days. Events are written in rough date order, as exports usually are.

use std::io::{self, BufWriter, Write};

const ACTORS: usize = 5_000;
const SOURCES: usize = 2_000;

/// SplitMix64: small, fast, and fixed forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GIVEN: &[&str] = &[
    "Anna",
    "Élodie",
    "François",
    "Sergueï",
    "Jürgen",
    "Zoë",
    "Ana",
    "Łukasz",
    "Søren",
    "José",
    "Chloé",
    "Mikhail",
    "Olga",
    "Barack",
    "Hillary",
    "Angela",
    "Raphaël",
    "Inès",
    "Dmitri",
    "Nadia",
    "Ömer",
    "Björn",
    "Íñigo",
    "Gaëlle",
    "Tomás",
    "Hélène",
    "Kateryna",
    "Amélie",
];
const FAMILY: &[&str] = &[
    "Dupont",
    "Müller",
    "Lavrov",
    "García",
    "Nowak",
    "Øvergaard",
    "Şahin",
    "Novák",
    "Durand",
    "Kowalski",
    "Fernández",
    "Lefèvre",
    "Ivanova",
    "Petrov",
    "Rossi",
    "Bianchi",
    "Schäfer",
    "Dvořák",
    "Hämäläinen",
    "Smith",
    "O'Brien",
    "Zhukov",
    "Mercier",
    "Ibáñez",
    "Łęcki",
];
const CYR_GIVEN: &[&str] = &[
    "Сергей",
    "Анна",
    "Владимир",
    "Ольга",
    "Дмитрий",
    "Мария",
    "Алексей",
    "Елена",
    "Юрий",
];
const CYR_FAMILY: &[&str] = &[
    "Иванов",
    "Смирнова",
    "Кузнецов",
    "Попова",
    "Соколов",
    "Лебедева",
    "Козлов",
    "Новикова",
    "Морозов",
    "Волкова",
    "Фёдоров",
];
const ORGS: &[&str] = &[
    "Ministry of Foreign Affairs",
    "State Duma",
    "Central Election Commission",
    "Agence de coopération",
    "Comité électoral",
    "Human Rights Council",
    "Federal Security Service",
    "Chamber of Commerce",
];
const PLACES: &[&str] = &[
    "Moscow",
    "Washington",
    "Paris",
    "Kyiv",
    "Brussels",
    "Genève",
    "Saint Petersburg",
    "Vilnius",
    "Tbilisi",
    "Berlin",
    "Warszawa",
    "Nizhny Novgorod",
    "Almaty",
];
const VERBS: &[&str] = &[
    "meets",
    "criticises",
    "welcomes",
    "signs an accord with",
    "calls",
    "rejects the offer of",
    "warns",
    "receives",
    "questions",
    "praises",
];
const SUBJECTS: &[&str] = &[
    "the election results",
    "a new law on NGOs",
    "sanctions",
    "the trade agreement",
    "missile defence",
    "press freedom",
    "the gas contract",
    "a prisoner exchange",
    "the protest ban",
    "visa rules",
];
const TAGS: &[&str] = &[
    "diplomacy",
    "elections",
    "protest",
    "law",
    "economy",
    "security",
    "media",
    "energy",
];
const PUBLISHERS: &[&str] = &[
    "AFP",
    "Reuters",
    "Le Monde",
    "Kommersant",
    "Интерфакс",
    "The Guardian",
    "Novaya Gazeta",
    "Associated Press",
    "RIA Novosti",
    "Der Spiegel",
];

/// The name of actor `i` of the pool: mostly Latin with accents, one in five Cyrillic, some
/// organisations. Every name is different (a middle initial or a number tells them apart), so
/// any actor can be named exactly on the command line.
fn actor_name(i: usize) -> (String, &'static str) {
    const LATIN_INITIALS: &str = "ABCDEFGHIJKLMNOPRSTVWÉÅ";
    const CYRILLIC_INITIALS: &str = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ";
    let initial = |letters: &str, k: usize| {
        let all: Vec<char> = letters.chars().collect();
        all[k % all.len()]
    };
    let k = i / 10;
    match i % 10 {
        0 | 5 => (
            format!(
                "{} {}. {}",
                CYR_GIVEN[(i / 5) % CYR_GIVEN.len()],
                initial(
                    CYRILLIC_INITIALS,
                    i / 5 / (CYR_GIVEN.len() * CYR_FAMILY.len())
                ),
                CYR_FAMILY[(i / 5 / CYR_GIVEN.len()) % CYR_FAMILY.len()]
            ),
            "person",
        ),
        7 => (
            format!(
                "{} of {} No. {}",
                ORGS[k % ORGS.len()],
                PLACES[k % PLACES.len()],
                k + 1
            ),
            "organisation",
        ),
        _ => (
            format!(
                "{} {}. {}",
                GIVEN[i % GIVEN.len()],
                initial(LATIN_INITIALS, i / (GIVEN.len() * FAMILY.len())),
                FAMILY[(i / GIVEN.len()) % FAMILY.len()]
            ),
            "person",
        ),
    }
}

/// JSON string literal (serde_json escapes exactly what JSON requires).
fn lit(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Pads or trims a text to about `len` characters at a word boundary.
fn about(mut text: String, len: usize, filler: &[&str], rng: &mut Rng) -> String {
    while text.chars().count() < len {
        text.push(' ');
        text.push_str(rng.pick(filler));
    }
    if let Some((cut, _)) = text.char_indices().nth(len + 8) {
        text.truncate(cut);
        if let Some(space) = text.rfind(' ') {
            text.truncate(space);
        }
    }
    text
}

const FILLER: &[&str] = &[
    "The talks were described as frank.",
    "Officials declined to give details.",
    "Observers noted the timing.",
    "Both sides promised to continue the dialogue.",
    "The statement was published late in the evening.",
    "Протест был заявлен официально.",
    "La réunion a duré deux heures.",
    "No date was set for a next meeting.",
];

/// Zipf-like sampling over the actor pool: actor k is chosen with weight 1/(k+1).
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|k| {
                total += 1.0 / (k as f64 + 1.0);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("a non-empty pool");
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|&c| c < x)
            .min(self.cumulative.len() - 1)
    }
}

#[allow(dead_code)] // not called where this file is included as a module
fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen N SEED  (N events, SEED any whole number)";
    let (Some(n), Some(seed)) = (
        args.first()
            .and_then(|a| a.replace('_', "").parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    write(n, seed, &mut out)?;
    out.flush()
}

/// Writes a dataset of `n` events made from `seed`. Also used by the benchmarks and the scale
/// tests, which include this file as a module.
pub fn write(n: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);

    writeln!(out, "{{")?;
    writeln!(out, "  \"format\": \"annals/1\",")?;
    writeln!(
        out,
        "  \"title\": {},",
        lit(&format!("Generated chronology ({n} events, seed {seed})"))
    )?;
    writeln!(
        out,
        "  \"description\": \"Synthetic events written by examples/gen.rs for benchmarks and scale tests.\","
    )?;
    writeln!(out, "  \"language\": \"en\",")?;

    // Actors: a pool of 5,000, some with aliases.
    let mut names = Vec::with_capacity(ACTORS);
    writeln!(out, "  \"actors\": [")?;
    for i in 0..ACTORS {
        let (name, kind) = actor_name(i);
        let family = name.rsplit(' ').next().unwrap_or(&name).to_string();
        let aliases = if rng.chance(30) {
            format!("[{}]", lit(&family))
        } else {
            "[]".to_string()
        };
        let comma = if i + 1 < ACTORS { "," } else { "" };
        writeln!(
            out,
            "    {{\"id\": \"a{i:04}\", \"name\": {}, \"aliases\": {aliases}, \"kind\": \"{kind}\"}}{comma}",
            lit(&name)
        )?;
        names.push((name, family));
    }
    writeln!(out, "  ],")?;

    // Sources: reports from a handful of publishers.
    writeln!(out, "  \"sources\": [")?;
    for i in 0..SOURCES {
        let publisher = rng.pick(PUBLISHERS);
        let (y, m, d) = (1990 + rng.below(36), 1 + rng.below(12), 1 + rng.below(28));
        let comma = if i + 1 < SOURCES { "," } else { "" };
        writeln!(
            out,
            "    {{\"id\": \"s{i:04}\", \"publisher\": {}, \"title\": {}, \"date\": \"{y}-{m:02}-{d:02}\", \"url\": \"https://example.org/{i}\"}}{comma}",
            lit(publisher),
            lit(&format!("Report {i} on {}", rng.pick(SUBJECTS)))
        )?;
    }
    writeln!(out, "  ],")?;

    // Events, in rough date order from 1990 to 2025.
    let zipf = Zipf::new(ACTORS);
    let start = 1990 * 372;
    let span = 36 * 372;
    writeln!(out, "  \"events\": [")?;
    for i in 0..n {
        let t = start + i * span / n.max(1);
        let (y, m, d) = (t / 372, 1 + (t % 372) / 31, 1 + (t % 31).min(27));
        let kind = rng.below(100);
        let when = match kind {
            0..=2 => format!("{y}-{m:02}"),
            3 => format!("{y}"),
            4..=8 => {
                // Ends one or two months later (on 28 December at the latest).
                let m2 = (m + 1 + rng.below(2)).min(12);
                let d2 = if m2 == m { 28 } else { 1 + rng.below(28) };
                format!("{y}-{m:02}-{d:02}/{y}-{m2:02}-{d2:02}")
            }
            9 => format!("{y}-{m:02}-{d:02}/.."),
            10 => format!("{y}-{m:02}-{d:02}?"),
            _ => format!("{y}-{m:02}-{d:02}"),
        };
        let mut actors: Vec<usize> = Vec::new();
        let want = 1 + rng.below(4);
        while actors.len() < want {
            let a = zipf.sample(&mut rng);
            if !actors.contains(&a) {
                actors.push(a);
            }
        }
        let lead = &names[actors[0]].1;
        let title = about(
            format!(
                "{lead} {} {} in {}",
                rng.pick(VERBS),
                rng.pick(SUBJECTS),
                rng.pick(PLACES)
            ),
            56,
            &["again", "today", "after talks", "amid protests"],
            &mut rng,
        );
        let summary = about(
            format!(
                "{} {} {} in {} on {d} {}.",
                names[actors[0]].0,
                rng.pick(VERBS),
                rng.pick(SUBJECTS),
                rng.pick(PLACES),
                chrono::Month::try_from(m as u8)
                    .expect("a month from 1 to 12")
                    .name(),
            ),
            300,
            FILLER,
            &mut rng,
        );
        let sources: Vec<usize> = if rng.chance(40) {
            let a = rng.below(SOURCES);
            vec![a, (a + 1 + rng.below(SOURCES - 1)) % SOURCES]
        } else {
            vec![rng.below(SOURCES)]
        };
        let mut quotes = Vec::new();
        for _ in 0..[0, 0, 1, 1, 1, 2][rng.below(6)] {
            let by = actors[rng.below(actors.len())];
            let source = sources[rng.below(sources.len())];
            let q = match rng.below(3) {
                0 => format!(
                    "\"text\": {}, \"lang\": \"fr\", \"translation\": {}",
                    lit(
                        "Nous voulons faire progresser nos relations, c'est une priorité pour l'année à venir."
                    ),
                    lit(
                        "We want to move our relations forward; it is a priority for the coming year."
                    )
                ),
                1 => format!(
                    "\"text\": {}, \"lang\": \"ru\", \"translation\": {}",
                    lit("Мы готовы к диалогу, но не под давлением и не на этих условиях."),
                    lit(
                        "We are ready for dialogue, but not under pressure and not on these terms."
                    )
                ),
                _ => format!(
                    "\"text\": {}, \"lang\": \"en\"",
                    lit(&format!(
                        "We will not accept {} without a full review.",
                        rng.pick(SUBJECTS)
                    ))
                ),
            };
            quotes.push(format!(
                "{{\"by\": \"a{by:04}\", {q}, \"source\": \"s{source:04}\"}}"
            ));
        }
        let tags: Vec<String> = (0..rng.below(3)).map(|_| lit(rng.pick(TAGS))).collect();
        let notes = if rng.chance(5) {
            format!(
                "[{}]",
                lit("The date follows the earliest report; later ones differ by a day.")
            )
        } else {
            "[]".to_string()
        };
        let list = |ids: &[usize], prefix: char| {
            ids.iter()
                .map(|x| format!("\"{prefix}{x:04}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let comma = if i + 1 < n { "," } else { "" };
        writeln!(
            out,
            "    {{\"id\": \"e{i:07}\", \"when\": \"{when}\", \"title\": {}, \"summary\": {}, \"actors\": [{}], \"tags\": [{}], \"quotes\": [{}], \"sources\": [{}], \"notes\": {notes}}}{comma}",
            lit(&title),
            lit(&summary),
            list(&actors, 'a'),
            tags.join(", "),
            quotes.join(", "),
            list(&sources, 's'),
        )?;
    }
    writeln!(out, "  ]")?;
    writeln!(out, "}}")
}

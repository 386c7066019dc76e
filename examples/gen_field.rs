//! Writes an `annals/1` dataset of another shape than `gen`'s, as a file gathered in the field
//! rather than exported from a tool: for benchmarks and tests, so that a figure measured on
//! one shape is checked on a second.
//!
//!     cargo run --release --example gen_field -- N SEED > field.json
//!
//! The output depends only on N and SEED (SplitMix64, in `examples/common/rng.rs`). On stderr
//! it says which actor is the most popular and in how many events it takes part (listed or
//! quoted), for scripts:
//!
//!     gen_field: most popular actor a0001, in 1003 of 10000 events
//!
//! Unlike `gen`:
//! - events come in **random date order** in the file, dated from 1990 to 2025 with
//!   clusters (a tenth of the span holds about half the events); mostly days, some months,
//!   years, intervals (of days, months or years, open or with an unknown end), uncertain and
//!   approximate dates, and a few times of day;
//! - **heavy skew**: one actor (`a0001`, Élisabeth Lévêque-Ostrovskaïa, with a Cyrillic
//!   alias) is in 10% of the events; the others (about N/25) follow a flatter Zipf-like tail;
//! - **French** titles and summaries with accents in every one, **Cyrillic** in a share
//!   (names, sentences, tails of titles);
//! - **long quotes** (200 to 1,000 characters, French or Russian, the Russian ones with a
//!   French translation) in about two events in three; now and then a speaker the event
//!   does not list;
//! - **JSON escapes** written on purpose in about 15% of the strings: `\"` around a word,
//!   `\n` between sentences, `é` as `\u00e9` and Cyrillic letters as `\u0416` and the like;
//! - **very long summaries** (10 to 50 KB) in about 0.5% of the events;
//! - one source per event, from a pool of about N/10.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};

use chrono::{Datelike, Days, Months, NaiveDate};

#[path = "common/rng.rs"]
#[allow(dead_code)]
mod rng;

use rng::{Rng, Weighted};

/// The actor in about a tenth of the events.
pub const TOP_ACTOR: &str = "a0001";
/// Its name and aliases.
pub const TOP_NAME: &str = "Élisabeth Lévêque-Ostrovskaïa";
pub const TOP_ALIASES: &[&str] = &[
    "Елизавета Левек-Островская",
    "Lévêque-Ostrovskaïa",
    "Е. Левек",
];

/// What the generator made, for the line on stderr and for tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    pub events: usize,
    /// The actor in the most events (listed or quoted), and in how many.
    pub top_actor: String,
    pub top_events: usize,
}

/// How many actors a dataset of `n` events has.
pub fn actor_count(n: usize) -> usize {
    (n / 25).max(100)
}

/// How many sources a dataset of `n` events has.
pub fn source_count(n: usize) -> usize {
    (n / 10).max(20)
}

const FR_GIVEN: &[&str] = &[
    "Amélie",
    "Benoît",
    "Céline",
    "Damien",
    "Élodie",
    "François",
    "Gaëlle",
    "Hélène",
    "Inès",
    "Jérôme",
    "Léa",
    "Loïc",
    "Maëlle",
    "Noémie",
    "Océane",
    "Pénélope",
    "Raphaël",
    "Séverine",
    "Thérèse",
    "Valérie",
    "Yannick",
    "Zoé",
    "Anaïs",
    "Clément",
];
const FR_FAMILY: &[&str] = &[
    "Béranger",
    "Châtelain",
    "Dufrêne",
    "Égalité",
    "Fénelon",
    "Gérard",
    "Hébert",
    "Lefèvre",
    "Mégret",
    "Ménard",
    "Régnier",
    "Sénéchal",
    "Thébaud",
    "Vézina",
    "Boulangère",
    "Crémieux",
    "Daguerre",
    "Lamartine",
    "Mérimée",
    "Noël",
    "Prévost",
    "Rivière",
    "Saint-Exupéry",
    "Téllez",
];
const INITIALS: &[&str] = &[
    "A", "B", "C", "D", "É", "F", "G", "H", "J", "K", "L", "M", "N", "Ö", "P", "R", "S", "T", "V",
    "Ž",
];
/// Russian given names, family names and patronymics, each with its French transliteration.
const RU_GIVEN: &[(&str, &str)] = &[
    ("Сергей", "Sergueï"),
    ("Анна", "Anna"),
    ("Владимир", "Vladimir"),
    ("Ольга", "Olga"),
    ("Дмитрий", "Dmitri"),
    ("Мария", "Maria"),
    ("Алексей", "Alekseï"),
    ("Елена", "Elena"),
    ("Юрий", "Iouri"),
    ("Татьяна", "Tatiana"),
    ("Николай", "Nikolaï"),
    ("Ксения", "Ksenia"),
    ("Андрей", "Andreï"),
    ("Людмила", "Lioudmila"),
    ("Григорий", "Grigori"),
    ("Жанна", "Janna"),
];
const RU_FAMILY: &[(&str, &str)] = &[
    ("Иванов", "Ivanov"),
    ("Смирнов", "Smirnov"),
    ("Кузнецов", "Kouznetsov"),
    ("Попов", "Popov"),
    ("Соколов", "Sokolov"),
    ("Лебедев", "Lebedev"),
    ("Козлов", "Kozlov"),
    ("Новиков", "Novikov"),
    ("Морозов", "Morozov"),
    ("Волков", "Volkov"),
    ("Фёдоров", "Fiodorov"),
    ("Жуков", "Joukov"),
    ("Щербаков", "Chtcherbakov"),
    ("Орлов", "Orlov"),
    ("Зайцев", "Zaïtsev"),
    ("Белов", "Belov"),
    ("Ершов", "Erchov"),
    ("Юдин", "Ioudine"),
    ("Яковлев", "Iakovlev"),
    ("Тихонов", "Tikhonov"),
];
const RU_PATRONYMIC: &[(&str, &str)] = &[
    ("Петрович", "Petrovitch"),
    ("Ивановна", "Ivanovna"),
    ("Сергеевич", "Sergueïevitch"),
    ("Алексеевна", "Alekseïevna"),
    ("Николаевич", "Nikolaïevitch"),
    ("Дмитриевна", "Dmitrievna"),
    ("Юрьевич", "Iourievitch"),
    ("Андреевна", "Andreïevna"),
    ("Григорьевич", "Grigorievitch"),
    ("Олеговна", "Olegovna"),
    ("Фёдорович", "Fiodorovitch"),
    ("Ильинична", "Ilinitchna"),
];
const ORGS: &[&str] = &[
    "Comité électoral",
    "Chambre régionale des comptes",
    "Délégation européenne",
    "Association des journalistes",
    "Préfecture",
    "Conseil économique",
    "Syndicat des employés",
    "Ministère de l'Intérieur",
    "Cour d'appel",
    "Agence de sécurité",
];
const PLACES: &[&str] = &[
    "Paris",
    "Moscou",
    "Genève",
    "Bruxelles",
    "Saint-Pétersbourg",
    "Kiev",
    "Strasbourg",
    "Vilnius",
    "Tbilissi",
    "Minsk",
    "Nijni Novgorod",
    "Helsinki",
    "Québec",
    "Besançon",
];
const TITLE_VERBS: &[&str] = &[
    "dénonce", "salue", "rejette", "réclame", "confirme", "dément", "annonce", "critique",
    "défend", "évoque",
];
/// Objects of titles, each with a slug for event ids.
const TITLE_OBJECTS: &[(&str, &str)] = &[
    ("l'accord gazier", "accord-gazier"),
    ("la réforme électorale", "reforme-electorale"),
    ("les sanctions", "sanctions"),
    ("la sécurité régionale", "securite"),
    ("la liberté de la presse", "presse"),
    ("l'échange de prisonniers", "prisonniers"),
    ("le budget militaire", "budget"),
    ("la loi sur les ONG", "loi-ong"),
    ("les négociations", "negociations"),
    ("le traité de désarmement", "desarmement"),
];
const TITLE_TAILS_RU: &[&str] = &[
    "переговоры продолжаются",
    "без комментариев",
    "решение отложено",
    "позиция неизменна",
    "встреча в Женеве",
];
const FR_SUBJECTS: &[&str] = &[
    "Le ministère des Affaires étrangères",
    "La délégation française",
    "Le porte-parole du Kremlin",
    "Les députés de l'opposition",
    "La commission électorale",
    "Le préfet de région",
    "Les syndicats de cheminots",
    "L'ambassadeur à Moscou",
    "La présidente de la Cour des comptes",
    "Le comité de défense des libertés",
    "Les représentants de l'Union européenne",
    "Le procureur général",
];
const FR_VERBS: &[&str] = &[
    "a dénoncé",
    "a salué",
    "a rejeté",
    "a réclamé",
    "a confirmé",
    "a démenti",
    "a annoncé",
    "a critiqué",
    "a défendu",
    "a évoqué",
];
const FR_OBJECTS: &[&str] = &[
    "les négociations sur le gaz",
    "la réforme des retraites",
    "l'accord de coopération énergétique",
    "la sécurité régionale",
    "le régime des sanctions",
    "la liberté de la presse",
    "l'échange de prisonniers",
    "le contrôle des armements",
    "la loi sur les associations étrangères",
    "le résultat des élections législatives",
    "la crise des réfugiés",
    "le budget de la défense",
];
const FR_CIRCUMSTANCES: &[&str] = &[
    "lors d'une conférence de presse",
    "à l'issue d'une réunion à huis clos",
    "dans un communiqué publié tard dans la soirée",
    "devant l'Assemblée nationale",
    "au cours d'un entretien téléphonique",
    "en marge du sommet",
    "après trois jours de débats",
    "selon plusieurs témoins présents",
    "dans une déclaration télévisée",
    "malgré les protestations de l'opposition",
];
const FR_FILLER: &[&str] = &[
    "Les témoignages recueillis restent contradictoires.",
    "Aucune précision n'a été donnée sur le calendrier.",
    "Cette décision intervient après des mois de tensions.",
    "Le texte définitif sera examiné à l'automne.",
    "Plusieurs élus ont exprimé leur inquiétude.",
    "La réunion a duré près de quatre heures.",
    "Nous n'accepterons aucun compromis sur ce point, c'est une question de principe.",
    "Il faut du temps, de la patience et beaucoup de bonne volonté de part et d'autre.",
];
const RU_SUBJECTS: &[&str] = &[
    "Министерство иностранных дел",
    "Пресс-служба Кремля",
    "Центральная избирательная комиссия",
    "Государственная дума",
    "Генеральная прокуратура",
    "Делегация Евросоюза",
    "Посольство Франции",
    "Оппозиция",
];
const RU_VERBS: &[&str] = &[
    "поддерживает",
    "осуждает",
    "обсуждает",
    "критикует",
    "подтверждает",
    "откладывает",
];
const RU_OBJECTS: &[&str] = &[
    "переговоры о поставках газа",
    "реформу пенсионной системы",
    "соглашение об энергетическом сотрудничестве",
    "режим санкций",
    "обмен заключёнными",
    "закон об иностранных агентах",
    "итоги парламентских выборов",
    "бюджет на оборону",
];
const RU_CIRCUMSTANCES: &[&str] = &[
    "на пресс-конференции в Москве",
    "после закрытого совещания",
    "в заявлении, опубликованном поздно вечером",
    "в ходе телефонного разговора",
    "на полях саммита в Женеве",
    "несмотря на протесты оппозиции",
    "по данным нескольких источников",
];
const TAGS: &[&str] = &[
    "diplomatie",
    "élections",
    "manifestation",
    "économie",
    "énergie",
    "sécurité",
    "médias",
    "justice",
];
const PUBLISHERS: &[&str] = &[
    "Le Monde",
    "Libération",
    "Коммерсантъ",
    "Ведомости",
    "L'Humanité",
    "Le Figaro",
    "Новая газета",
    "Ouest-France",
    "La Croix",
    "Известия",
    "Agence France-Presse",
    "Интерфакс",
];
const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const NOTES: &[&str] = &[
    "Les sources divergent sur le nombre de participants.",
    "Le compte rendu officiel n'a été publié que deux semaines plus tard.",
    "Une dépêche ultérieure corrige l'orthographe des noms.",
];

/// One actor: name, aliases, kind, and whether the name is Cyrillic.
struct Actor {
    name: String,
    aliases: Vec<String>,
    kind: &'static str,
    cyrillic: bool,
}

/// Actor number `i` (its id is `a{i:04}`; 1 is the popular one). Every name is different:
/// the pools' combinations first, then middle initials or patronymics, then a number.
fn actor(i: usize) -> Actor {
    if i == 1 {
        return Actor {
            name: TOP_NAME.into(),
            aliases: TOP_ALIASES.iter().map(|a| a.to_string()).collect(),
            kind: "person",
            cyrillic: false,
        };
    }
    let k = i - 2;
    let (round, slot) = (k / 10, k % 10);
    match slot {
        0..=2 => {
            let j = round * 3 + slot;
            let pairs = RU_GIVEN.len() * RU_FAMILY.len();
            let (g, f) = (
                RU_GIVEN[j % RU_GIVEN.len()],
                RU_FAMILY[(j / RU_GIVEN.len()) % RU_FAMILY.len()],
            );
            // Feminine family names for feminine given names (ending in -а or -я).
            let fem = g.0.ends_with('а') || g.0.ends_with('я');
            let family = |s: &str, latin: bool| match (fem, latin) {
                (false, _) => s.to_string(),
                (true, false) => format!("{s}а"),
                (true, true) => format!("{s}a"),
            };
            // Which pass over the pairs: without a patronymic, then with each one.
            let passes = RU_PATRONYMIC.len() + 1;
            let (rep, pass) = ((j / pairs) / passes, (j / pairs) % passes);
            let (mut name, mut alias) = match pass {
                0 => (
                    format!("{} {}", g.0, family(f.0, false)),
                    format!("{} {}", g.1, family(f.1, true)),
                ),
                p => {
                    let p = RU_PATRONYMIC[p - 1];
                    (
                        format!("{} {} {}", g.0, p.0, family(f.0, false)),
                        format!("{} {} {}", g.1, p.1, family(f.1, true)),
                    )
                }
            };
            if rep > 0 {
                name = format!("{name} {}", rep + 1);
                alias = format!("{alias} {}", rep + 1);
            }
            Actor {
                name,
                aliases: vec![alias],
                kind: "person",
                cyrillic: true,
            }
        }
        3 => {
            let pairs = ORGS.len() * PLACES.len();
            let mut name = format!(
                "{} de {}",
                ORGS[round % ORGS.len()],
                PLACES[(round / ORGS.len()) % PLACES.len()]
            );
            if round >= pairs {
                name = format!("{name} nº {}", round / pairs + 1);
            }
            Actor {
                name,
                aliases: Vec::new(),
                kind: "organisation",
                cyrillic: false,
            }
        }
        _ => {
            let j = round * 6 + slot - 4;
            let pairs = FR_GIVEN.len() * FR_FAMILY.len();
            let (g, f) = (
                FR_GIVEN[j % FR_GIVEN.len()],
                FR_FAMILY[(j / FR_GIVEN.len()) % FR_FAMILY.len()],
            );
            // Which pass over the pairs: without a middle initial, then with each one.
            let (rep, pass) = (
                (j / pairs) / (INITIALS.len() + 1),
                (j / pairs) % (INITIALS.len() + 1),
            );
            let mut name = match pass {
                0 => format!("{g} {f}"),
                p => format!("{g} {}. {f}", INITIALS[p - 1]),
            };
            if rep > 0 {
                name = format!("{name} {}", rep + 1);
            }
            Actor {
                aliases: if j % 3 == 0 {
                    vec![f.to_string()]
                } else {
                    Vec::new()
                },
                name,
                kind: "person",
                cyrillic: false,
            }
        }
    }
}

/// Appends `s` as a JSON string: as itself (serde_json escapes only what JSON requires), or,
/// `escaped`, with `\"`, `\n`, `é` as `\u00e9` and every Cyrillic letter as `\u04xx`.
fn json_str(out: &mut String, s: &str, escaped: bool) {
    if !escaped {
        out.push_str(&serde_json::to_string(s).expect("a string serialises"));
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            'é' | '\u{0400}'..='\u{04ff}' => {
                write!(out, "\\u{:04x}", c as u32).expect("a String takes it")
            }
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).expect("a String"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A text made to need escapes: a word put in straight double quotes and, when `lines`, a
/// line break after the first sentence.
fn with_escapes(text: &str, lines: bool, rng: &mut Rng) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].chars().count() >= 4 && words[i].chars().all(char::is_alphabetic))
        .collect();
    let quoted = if long.is_empty() {
        usize::MAX
    } else {
        long[rng.below(long.len())]
    };
    let mut out = String::with_capacity(text.len() + 4);
    let mut broken = !lines;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let after_sentence = !broken && words[i - 1].ends_with('.');
            broken |= after_sentence;
            out.push(if after_sentence { '\n' } else { ' ' });
        }
        if i == quoted {
            write!(out, "\"{w}\"").expect("a String takes it");
        } else {
            out.push_str(w);
        }
    }
    out
}

/// Writes a string field: `"key": "…"`, with escapes in about 15% of them.
fn field(out: &mut String, key: &str, text: &str, lines: bool, rng: &mut Rng) {
    write!(out, "\"{key}\": ").expect("a String takes it");
    if rng.chance(15) {
        json_str(out, &with_escapes(text, lines, rng), true);
    } else {
        json_str(out, text, false);
    }
}

fn fr_sentence(rng: &mut Rng) -> String {
    if rng.chance(20) {
        return rng.pick(FR_FILLER).to_string();
    }
    format!(
        "{} {} {} {}.",
        rng.pick(FR_SUBJECTS),
        rng.pick(FR_VERBS),
        rng.pick(FR_OBJECTS),
        rng.pick(FR_CIRCUMSTANCES)
    )
}

fn ru_sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(RU_SUBJECTS),
        rng.pick(RU_VERBS),
        rng.pick(RU_OBJECTS),
        rng.pick(RU_CIRCUMSTANCES)
    )
}

/// Sentences in a language appended to `text` until it holds `chars` characters.
fn extend(text: &mut String, chars: usize, russian: bool, rng: &mut Rng) {
    let mut count = text.chars().count();
    while count < chars {
        let s = if russian {
            ru_sentence(rng)
        } else {
            fr_sentence(rng)
        };
        if !text.is_empty() {
            text.push(' ');
            count += 1;
        }
        count += s.chars().count();
        text.push_str(&s);
    }
}

/// Clusters of dates: a centre (a day number) and a half-width in days.
struct Clusters {
    first: i32,
    last: i32,
    centres: Vec<(i32, i32)>,
    pick: Weighted,
}

impl Clusters {
    fn new(rng: &mut Rng) -> Clusters {
        let day = |y, m, d| {
            NaiveDate::from_ymd_opt(y, m, d)
                .expect("a date")
                .num_days_from_ce()
        };
        let (first, last) = (day(1990, 1, 1), day(2025, 12, 31));
        let centres = (0..10)
            .map(|_| {
                let centre = first + rng.below((last - first) as usize + 1) as i32;
                (centre, 15 + rng.below(226) as i32)
            })
            .collect();
        Clusters {
            first,
            last,
            centres,
            pick: Weighted::new(10, |k| 1.0 / (k as f64 + 1.0)),
        }
    }

    /// A day: about half in a cluster, the rest anywhere from 1990 to 2025.
    fn day(&self, rng: &mut Rng) -> NaiveDate {
        let n = if rng.chance(55) {
            let (centre, half) = self.centres[self.pick.sample(rng)];
            let offset = (rng.unit() + rng.unit() - 1.0) * f64::from(half);
            (centre + offset.round() as i32).clamp(self.first, self.last)
        } else {
            self.first + rng.below((self.last - self.first) as usize + 1) as i32
        };
        NaiveDate::from_num_days_from_ce_opt(n).expect("a day of the span")
    }

    fn last_day(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.last).expect("a day")
    }
}

/// A `when` around `day`, and whether it is uncertain or approximate (the event then gets a
/// note saying so).
fn when(day: NaiveDate, last: NaiveDate, rng: &mut Rng) -> (String, bool) {
    let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let ym = |d: NaiveDate| d.format("%Y-%m").to_string();
    let y = day.year();
    let w = match rng.below(1000) {
        0..700 => ymd(day),
        700..780 => ym(day),
        780..820 => format!("{y}"),
        820..900 => {
            let end = day + Days::new(1 + rng.below(180) as u64);
            format!("{}/{}", ymd(day), ymd(end.min(last)))
        }
        900..930 => {
            let end = day
                .checked_add_months(Months::new(1 + rng.below(18) as u32))
                .expect("a month");
            format!("{}/{}", ym(day), ym(end.min(last)))
        }
        930..950 => {
            let (h, m, s) = (rng.below(24), rng.below(60), rng.below(60));
            match rng.below(3) {
                0 => format!("{}T{h:02}:{m:02}Z", ymd(day)),
                1 => format!("{}T{h:02}:{m:02}:{s:02}", ymd(day)),
                _ => format!("{}T{h:02}:{m:02}+03:00", ymd(day)),
            }
        }
        950..965 => return (format!("{}?", ymd(day)), true),
        965..975 => return (format!("{}~", ym(day)), true),
        975..985 => format!("{}/..", ymd(day)),
        985..995 => format!("{}/", ymd(day)),
        _ => format!("{y}/{}", (y + 1 + rng.below(3) as i32).min(last.year())),
    };
    (w, false)
}

#[allow(dead_code)] // not called where this file is included as a module
fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_field N SEED  (N events, SEED any whole number)";
    let (Some(n), Some(seed)) = (
        args.first()
            .and_then(|a| a.replace('_', "").parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let stats = write(n, seed, &mut out)?;
    out.flush()?;
    eprintln!(
        "gen_field: most popular actor {}, in {} of {} events",
        stats.top_actor, stats.top_events, stats.events
    );
    Ok(())
}

/// Writes a dataset of `n` events made from `seed`, one event a line. Also used by the tests
/// and the benchmarks, which include this file as a module.
pub fn write(n: usize, seed: u64, out: &mut impl Write) -> io::Result<Stats> {
    let mut rng = Rng::new(seed);
    let actors = actor_count(n);
    let sources = source_count(n);
    let mut line = String::with_capacity(1 << 16);

    writeln!(out, "{{")?;
    writeln!(out, "  \"format\": \"annals/1\",")?;
    writeln!(
        out,
        "  \"title\": \"Chronologie de terrain ({n} événements, graine {seed})\","
    )?;
    writeln!(
        out,
        "  \"description\": \"Événements synthétiques écrits par examples/gen_field.rs : dates dans le désordre, un acteur omniprésent, citations longues, échappements JSON.\","
    )?;
    writeln!(out, "  \"language\": \"fr\",")?;

    // Actors: a0001 is the popular one; a0002… follow a Zipf-like tail.
    let mut pool = Vec::with_capacity(actors);
    writeln!(out, "  \"actors\": [")?;
    for i in 1..=actors {
        let a = actor(i);
        line.clear();
        write!(line, "    {{\"id\": \"a{i:04}\", ").expect("a String");
        field(&mut line, "name", &a.name, false, &mut rng);
        line.push_str(", \"aliases\": [");
        for (k, alias) in a.aliases.iter().enumerate() {
            if k > 0 {
                line.push_str(", ");
            }
            json_str(&mut line, alias, rng.chance(15));
        }
        write!(line, "], \"kind\": \"{}\"", a.kind).expect("a String");
        if i == 1 {
            line.push_str(", ");
            field(
                &mut line,
                "about",
                "Porte-parole de la délégation, citée dans une dépêche sur dix.",
                false,
                &mut rng,
            );
        }
        let comma = if i < actors { "," } else { "" };
        writeln!(out, "{line}}}{comma}")?;
        pool.push(a);
    }
    writeln!(out, "  ],")?;

    // Sources: dispatches and reports from French and Russian outlets.
    writeln!(out, "  \"sources\": [")?;
    let clusters = Clusters::new(&mut rng);
    for i in 0..sources {
        let publisher = rng.pick(PUBLISHERS);
        let russian = publisher
            .chars()
            .any(|c| ('\u{0400}'..='\u{04ff}').contains(&c));
        let title = if russian {
            format!("Сообщение № {i}: {}", rng.pick(RU_OBJECTS))
        } else if rng.chance(30) {
            format!("[Compte rendu nº {i} sur {}]", rng.pick(FR_OBJECTS))
        } else {
            format!("Dépêche nº {i} : {}", rng.pick(FR_OBJECTS))
        };
        line.clear();
        write!(line, "    {{\"id\": \"src{i:05}\", ").expect("a String");
        field(&mut line, "publisher", publisher, false, &mut rng);
        line.push_str(", ");
        field(&mut line, "title", &title, false, &mut rng);
        write!(
            line,
            ", \"date\": \"{}\", \"language\": \"{}\"",
            clusters.day(&mut rng).format("%Y-%m-%d"),
            if russian { "ru" } else { "fr" }
        )
        .expect("a String");
        if rng.chance(70) {
            write!(line, ", \"url\": \"https://exemple.fr/depeches/{i}\"").expect("a String");
        }
        let comma = if i + 1 < sources { "," } else { "" };
        writeln!(out, "{line}}}{comma}")?;
    }
    writeln!(out, "  ],")?;

    // Events, in no order of date.
    let tail = Weighted::new(actors - 1, |k| 1.0 / (k as f64 + 12.0));
    let last_day = clusters.last_day();
    let mut counts = vec![0usize; actors + 1];
    let mut participants: Vec<usize> = Vec::new();
    writeln!(out, "  \"events\": [")?;
    for i in 0..n {
        let day = clusters.day(&mut rng);
        let (when, unsure) = when(day, last_day, &mut rng);

        let want = [1, 1, 1, 2, 2, 2, 2, 3, 3, 4][rng.below(10)];
        let mut listed: Vec<usize> = Vec::with_capacity(want);
        if rng.chance(10) {
            listed.push(1);
        }
        while listed.len() < want {
            let a = 2 + tail.sample(&mut rng);
            if !listed.contains(&a) {
                listed.push(a);
            }
        }
        if listed[0] == 1 && listed.len() > 1 && rng.chance(40) {
            let k = 1 + rng.below(listed.len() - 1);
            listed.swap(0, k);
        }
        let lead = &pool[listed[0] - 1];

        let (object, slug) = TITLE_OBJECTS[rng.below(TITLE_OBJECTS.len())];
        let place = rng.pick(PLACES);
        let mut title = format!("{} {} {object} à {place}", lead.name, rng.pick(TITLE_VERBS));
        if rng.chance(15) {
            write!(title, " — «{}»", rng.pick(TITLE_TAILS_RU)).expect("a String");
        }

        let mut summary = format!(
            "{} {} {} {}, à {place}, le {} {} {}.",
            lead.name,
            rng.pick(FR_VERBS),
            rng.pick(FR_OBJECTS),
            rng.pick(FR_CIRCUMSTANCES),
            day.day(),
            MONTHS[day.month0() as usize],
            day.year()
        );
        if rng.per_mille(5) {
            // A very long summary: a whole report pasted in, 10 to 50 KB.
            let bytes = 10_000 + rng.below(40_001);
            while summary.len() < bytes {
                summary.push(' ');
                let s = if rng.chance(25) {
                    ru_sentence(&mut rng)
                } else {
                    fr_sentence(&mut rng)
                };
                summary.push_str(&s);
            }
        } else {
            let target = summary.chars().count() + 100 + rng.below(400);
            if lead.cyrillic || rng.chance(20) {
                summary.push(' ');
                summary.push_str(&ru_sentence(&mut rng));
            }
            extend(&mut summary, target, false, &mut rng);
        }

        let source = rng.below(sources);
        let mut quotes: Vec<String> = Vec::new();
        let mut speakers: Vec<usize> = Vec::new();
        if rng.chance(65) {
            for _ in 0..if rng.chance(25) { 2 } else { 1 } {
                // Now and then a speaker the event does not list (never the popular actor,
                // so that its events are those that list it).
                let by = if rng.chance(8) {
                    let other = 2 + tail.sample(&mut rng);
                    if listed.contains(&other) {
                        listed[rng.below(listed.len())]
                    } else {
                        other
                    }
                } else {
                    listed[rng.below(listed.len())]
                };
                let russian = rng.chance(50);
                let chars = 200 + rng.below(651);
                let mut text = String::new();
                extend(&mut text, chars, russian, &mut rng);
                let mut q = String::with_capacity(text.len() * 3);
                write!(q, "{{\"by\": \"a{by:04}\", ").expect("a String");
                field(&mut q, "text", &text, true, &mut rng);
                write!(q, ", \"lang\": \"{}\"", if russian { "ru" } else { "fr" })
                    .expect("a String");
                if russian {
                    let mut translation = String::new();
                    extend(&mut translation, chars, false, &mut rng);
                    q.push_str(", ");
                    field(&mut q, "translation", &translation, true, &mut rng);
                }
                write!(q, ", \"source\": \"src{source:05}\"}}").expect("a String");
                quotes.push(q);
                speakers.push(by);
            }
        }

        let mut tags: Vec<&str> = Vec::new();
        for _ in 0..rng.below(4) {
            let t = rng.pick(TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let mut notes: Vec<&str> = Vec::new();
        if unsure {
            notes.push("Date incertaine : les dépêches ne s'accordent pas sur le jour exact.");
        }
        if rng.chance(8) {
            notes.push(rng.pick(NOTES));
        }

        // Who takes part, listed or quoted, once each.
        participants.clear();
        participants.extend(&listed);
        for &by in &speakers {
            if !participants.contains(&by) {
                participants.push(by);
            }
        }
        for &a in &participants {
            counts[a] += 1;
        }

        line.clear();
        write!(line, "    {{\"id\": \"{slug}-{i}\", \"when\": \"{when}\", ").expect("a String");
        field(&mut line, "title", &title, false, &mut rng);
        line.push_str(", ");
        field(&mut line, "summary", &summary, true, &mut rng);
        line.push_str(", \"actors\": [");
        let ids: Vec<String> = listed.iter().map(|a| format!("\"a{a:04}\"")).collect();
        line.push_str(&ids.join(", "));
        line.push_str("], \"tags\": [");
        let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
        line.push_str(&tags.join(", "));
        line.push_str("], \"quotes\": [");
        line.push_str(&quotes.join(", "));
        write!(line, "], \"sources\": [\"src{source:05}\"], \"notes\": [").expect("a String");
        for (k, note) in notes.iter().enumerate() {
            if k > 0 {
                line.push_str(", ");
            }
            if rng.chance(15) {
                json_str(&mut line, &with_escapes(note, false, &mut rng), true);
            } else {
                json_str(&mut line, note, false);
            }
        }
        let comma = if i + 1 < n { "," } else { "" };
        writeln!(out, "{line}]}}{comma}")?;
    }
    writeln!(out, "  ]")?;
    writeln!(out, "}}")?;

    let (top, &top_events) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(a, c)| (c, std::cmp::Reverse(a)))
        .expect("actors");
    Ok(Stats {
        events: n,
        top_actor: format!("a{top:04}"),
        top_events,
    })
}

//! Writes GDELT 2.0 event rows for benchmarks and tests: a raw export's shape (61
//! tab-separated columns, no header), at any size.
//!
//!     cargo run --release --example gen_gdelt -- N SEED > events.export.CSV
//!
//! The output depends only on N and SEED (SplitMix64, written out below). What makes it
//! GDELT-like rather than tidy:
//! - actors by popularity: a head of countries and governments (Russia and the United States
//!   among them, together in about a fifth of the rows) and a long tail of thousands of
//!   names drawn with a Zipf-like skew; Actor2 empty in about a third of the rows, Actor1 in
//!   about a tenth; type codes (GOV, MIL, OPP, MED…) on some;
//! - CAMEO codes weighted as in real exports (statements and consultations most, force
//!   rare), with their base and root codes and QuadClass, a code the codebook lacks now
//!   and then;
//! - one article yields a run of 1–12 consecutive rows sharing its SOURCEURL;
//! - SQLDATE mostly the day the row was added, sometimes days or years before; rows in
//!   GLOBALEVENTID order, DATEADDED in 15-minute steps across 2012;
//! - places with latitude and longitude, tone and Goldstein scale as floats with many
//!   digits, counts skewed towards one.

use std::io::{self, BufWriter, Write};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index below `n`, small ones far more often (rank ~ n^u).
    fn skewed(&mut self, n: usize) -> usize {
        ((n as f64).powf(self.unit()) as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
}

/// (code, name, country code, type code) of the most frequent actors, most frequent first.
const HEAD: &[(&str, &str, &str, &str)] = &[
    ("USA", "UNITED STATES", "USA", ""),
    ("RUS", "RUSSIA", "RUS", ""),
    ("USAGOV", "UNITED STATES", "USA", "GOV"),
    ("RUSGOV", "RUSSIA", "RUS", "GOV"),
    ("CHN", "CHINA", "CHN", ""),
    ("GBR", "UNITED KINGDOM", "GBR", ""),
    ("USAGOV", "WASHINGTON", "USA", "GOV"),
    ("RUSGOV", "MOSCOW", "RUS", "GOV"),
    ("GOV", "PRESIDENT", "", "GOV"),
    ("POL", "POLICE", "", "COP"),
    ("UKR", "UKRAINE", "UKR", ""),
    ("DEU", "GERMANY", "DEU", ""),
    ("FRA", "FRANCE", "FRA", ""),
    ("RUSOPP", "RUSSIA", "RUS", "OPP"),
    ("USAMIL", "PENTAGON", "USA", "MIL"),
    ("MED", "REPORTER", "", "MED"),
    ("IGOUNO", "UNITED NATIONS", "", "IGO"),
    ("SYR", "SYRIA", "SYR", ""),
    ("IRN", "IRAN", "IRN", ""),
    ("JPN", "JAPAN", "JPN", ""),
];

const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "UKR", "IND", "BRA", "ZAF", "NGA", "KEN", "TUR",
    "IRN", "ISR", "EGY", "MEX", "CAN", "AUS", "JPN", "KOR", "POL", "ITA", "ESP",
];
const TYPES: &[&str] = &[
    "GOV", "MIL", "OPP", "MED", "BUS", "CVL", "JUD", "LEG", "EDU", "COP", "REB", "NGO",
];
const SYLLABLES: &[&str] = &[
    "KA", "RO", "MI", "LEN", "SKA", "TOR", "VA", "NO", "BEL", "GRAD", "STAN", "DI", "MAR", "PET",
    "OV", "IN", "SON", "BER", "LA", "ZU",
];

/// (code, weight): statements and consultations most, force rare; `099` is not CAMEO.
const CODES: &[(&str, u32)] = &[
    ("010", 90),
    ("011", 8),
    ("012", 10),
    ("013", 8),
    ("014", 2),
    ("015", 3),
    ("016", 4),
    ("017", 3),
    ("018", 3),
    ("019", 3),
    ("020", 25),
    ("036", 30),
    ("040", 25),
    ("042", 20),
    ("043", 25),
    ("046", 10),
    ("051", 12),
    ("057", 5),
    ("061", 6),
    ("071", 4),
    ("090", 8),
    ("100", 5),
    ("111", 12),
    ("112", 14),
    ("120", 4),
    ("130", 5),
    ("138", 2),
    ("141", 4),
    ("160", 3),
    ("163", 2),
    ("172", 4),
    ("173", 8),
    ("190", 6),
    ("193", 5),
    ("1823", 1),
    ("0211", 3),
    ("0311", 2),
    ("1041", 2),
    ("099", 1),
];

const PLACES: &[(&str, &str, &str, f64, f64)] = &[
    ("Moscow, Moskva, Russia", "RS", "RS48", 55.7522, 37.6156),
    (
        "Washington, District of Columbia, United States",
        "US",
        "USDC",
        38.8951,
        -77.0364,
    ),
    ("Russia", "RS", "RS", 60.0, 100.0),
    ("United States", "US", "US", 39.828175, -98.5795),
    (
        "Saint Petersburg, Sankt-Peterburg, Russia",
        "RS",
        "RS66",
        59.8944,
        30.2642,
    ),
    (
        "New York, New York, United States",
        "US",
        "USNY",
        40.7143,
        -74.006,
    ),
    ("Beijing, Beijing, China", "CH", "CH22", 39.9289, 116.388),
    (
        "London, London, City of, United Kingdom",
        "UK",
        "UKH9",
        51.5,
        -0.1167,
    ),
    (
        "Kiev, Kyyiv, Misto, Ukraine",
        "UP",
        "UP12",
        50.4333,
        30.5167,
    ),
    ("Damascus, Dimashq, Syria", "SY", "SY13", 33.5102, 36.2913),
];

const HOSTS: &[&str] = &[
    "www.reuters.com",
    "www.nytimes.com",
    "www.washingtonpost.com",
    "www.themoscowtimes.com",
    "en.ria.ru",
    "www.bbc.co.uk",
    "www.theguardian.com",
    "www.aljazeera.com",
    "www.lemonde.fr",
    "www.spiegel.de",
    "www.kyivpost.com",
    "www.latimes.com",
];

fn quad(root: u32) -> u32 {
    match root {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    }
}

/// A date `days` after 1 Jan 2012, as (year, month, day).
fn date(days: i64) -> (i64, i64, i64) {
    // Civil from days (Howard Hinnant's algorithm), from 1970-01-01.
    let z = days + 15_340 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

struct Actor {
    code: String,
    name: String,
    country: String,
    kind: String,
}

fn tail(rng: &mut Rng, i: usize) -> Actor {
    let mut name = String::new();
    for _ in 0..2 + rng.below(3) {
        name.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    if rng.chance(0.4) {
        name.push(' ');
        for _ in 0..2 + rng.below(2) {
            name.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
        }
    }
    // Names repeat in the tail now and then, as GDELT's do; the index keeps most apart.
    if !i.is_multiple_of(7) {
        name.push_str(&format!(" {}", i / 7));
    }
    let country = if rng.chance(0.8) {
        COUNTRIES[rng.below(COUNTRIES.len())].to_string()
    } else {
        String::new()
    };
    let kind = if rng.chance(0.5) {
        TYPES[rng.below(TYPES.len())].to_string()
    } else {
        String::new()
    };
    Actor {
        code: format!("{country}{kind}"),
        name,
        country,
        kind,
    }
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(42);
    let out = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, out.lock());
    write(n, seed, &mut out)?;
    out.flush()
}

/// `n` rows made from `seed` into `out`.
pub fn write(n: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);
    let mut tails: Vec<Actor> = (0..(n / 20).clamp(200, 40_000))
        .map(|i| tail(&mut rng, i))
        .collect();
    tails.shrink_to_fit();
    let total_weight: u32 = CODES.iter().map(|(_, w)| w).sum();
    let mut url = String::new();
    let mut left_in_article = 0usize;
    // Rows spread over 2012's 366 days in 15-minute files.
    let steps = 366 * 96;
    for i in 0..n {
        let step = (i as u64 * steps / n.max(1) as u64) as i64;
        let added_day = step / 96;
        let minute = (step % 96) * 15;
        let (ay, am, ad) = date(added_day);
        let event_day = if rng.chance(0.85) {
            added_day
        } else if rng.chance(0.8) {
            added_day - 1 - rng.below(30) as i64
        } else {
            added_day - 1 - rng.below(3000) as i64
        };
        let (y, m, d) = date(event_day);
        if left_in_article == 0 {
            left_in_article = 1 + rng.skewed(12);
            let host = HOSTS[rng.skewed(HOSTS.len())];
            url = format!(
                "https://{host}/news/{ay}/{am:02}/{ad:02}/story-{:x}.html",
                rng.next() >> 20
            );
        }
        left_in_article -= 1;
        let actor = |rng: &mut Rng, empty: f64| -> Option<Actor> {
            if rng.chance(empty) {
                return None;
            }
            if rng.chance(0.55) {
                let (code, name, country, kind) = HEAD[rng.skewed(HEAD.len())];
                Some(Actor {
                    code: code.into(),
                    name: name.into(),
                    country: country.into(),
                    kind: kind.into(),
                })
            } else {
                let t = &tails[rng.skewed(tails.len())];
                Some(Actor {
                    code: t.code.clone(),
                    name: t.name.clone(),
                    country: t.country.clone(),
                    kind: t.kind.clone(),
                })
            }
        };
        let a1 = actor(&mut rng, 0.1);
        let a2 = actor(&mut rng, 0.35);
        let mut pick = rng.below(total_weight as usize) as u32;
        let code = CODES
            .iter()
            .find(|(_, w)| {
                if pick < *w {
                    true
                } else {
                    pick -= w;
                    false
                }
            })
            .map_or("010", |(c, _)| c);
        let root: u32 = code[..2].parse().unwrap_or(1);
        let base = &code[..3];
        let goldstein = (rng.unit() * 20.0 - 10.0) * 10.0;
        let mentions = 1 + rng.skewed(100);
        let sources = 1 + rng.skewed(mentions.min(10));
        let articles = mentions.max(sources);
        let tone = rng.unit() * 20.0 - 12.0;
        let place = PLACES[rng.skewed(PLACES.len())];
        let id = 1_000_000_000u64 + i as u64;
        fn field(a: &Option<Actor>, f: fn(&Actor) -> &str) -> &str {
            a.as_ref().map_or("", f)
        }
        let geo = |known: bool| -> String {
            if known {
                format!(
                    "4\t{}\t{}\t{}\t\t{}\t{}\t{}",
                    place.0,
                    place.1,
                    place.2,
                    place.3,
                    place.4,
                    -1_000_000 - place.2.len() as i64
                )
            } else {
                "0\t\t\t\t\t\t\t".to_string()
            }
        };
        let root_event = u32::from(rng.chance(0.4));
        writeln!(
            out,
            "{id}\t{y}{m:02}{d:02}\t{y}{m:02}\t{y}\t{:.4}\t{}\t{}\t{}\t\t\t\t\t{}\t\t\t{}\t{}\t{}\t\t\t\t\t{}\t\t\t{root_event}\t{code}\t{base}\t{root:02}\t{}\t{:.1}\t{mentions}\t{sources}\t{articles}\t{tone}\t{}\t{}\t{}\t{ay}{am:02}{ad:02}{:02}{:02}00\t{url}",
            y as f64 + (m as f64 - 1.0) / 12.0 + d as f64 / 365.0,
            field(&a1, |a| &a.code),
            field(&a1, |a| &a.name),
            field(&a1, |a| &a.country),
            field(&a1, |a| &a.kind),
            field(&a2, |a| &a.code),
            field(&a2, |a| &a.name),
            field(&a2, |a| &a.country),
            field(&a2, |a| &a.kind),
            quad(root),
            goldstein.round() / 10.0,
            geo(a1.is_some()),
            geo(a2.is_some()),
            geo(true),
            minute / 60,
            minute % 60,
        )?;
    }
    Ok(())
}

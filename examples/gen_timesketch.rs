//! Writes a large Timesketch-style CSV for import benchmarks: a shape unlike `gen`'s
//! editorial chronology (long summaries, few columns), that of a forensic timeline — many
//! short rows, a time to the second, `timestamp_desc`, and eight more columns that become
//! attributes (host, user, data type, parser, path, inode, a tag now and then, and a JSON
//! blob in quotes with doubled quotes inside, as exports from Timesketch's UI carry).
//!
//!     cargo run --release --example gen_timesketch -- N SEED > timeline.csv
//!
//! The output depends only on N and SEED (SplitMix64, written out below). Rows come in time
//! order, a few seconds apart, as `psort` and Timesketch write them.

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

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DESCS: &[&str] = &[
    "Content Modification Time",
    "Last Access Time",
    "Creation Time",
    "Metadata Modification Time",
    "Last Visited Time",
    "Last Login Time",
    "Event Recorded",
];
const TYPES: &[(&str, &str)] = &[
    ("fs:stat", "filestat"),
    ("windows:evtx:record", "winevtx"),
    ("chrome:history:page_visited", "chrome_history"),
    ("windows:registry:key_value", "winreg/default"),
    ("syslog:line", "syslog"),
    ("windows:prefetch:execution", "prefetch"),
];
const HOSTS: &[&str] = &["WKSTN-0142", "WKSTN-0217", "DC01", "FS02", "laptop-ivanova"];
const USERS: &[&str] = &[
    "SYSTEM",
    "jsmith",
    "a.ivanova",
    "svc_backup",
    "Администратор",
];
const DIRS: &[&str] = &[
    "C:\\Users\\jsmith\\AppData\\Local\\Temp",
    "C:\\Windows\\System32",
    "C:\\Users\\a.ivanova\\Documents\\Отчёты",
    "/var/log",
    "/home/analyst/cases/2012",
];
const FILES: &[&str] = &[
    "report.docx",
    "svchost.exe",
    "invoice_0412.pdf",
    "ntuser.dat",
    "auth.log",
    "zayavlenie.doc",
    "photo (2).jpg",
];
const SITES: &[&str] = &[
    "https://mail.example.org/inbox",
    "https://www.reuters.com/world/",
    "https://translate.example.com/?sl=ru&tl=en",
    "https://drive.example.net/file/d/1a2b3c",
];

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(seed)) = (
        args.first()
            .and_then(|a| a.replace('_', "").parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: gen_timesketch N SEED");
        std::process::exit(2);
    };
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut rng = Rng(seed);
    writeln!(
        out,
        "message,datetime,timestamp,timestamp_desc,hostname,username,data_type,parser,filename,inode,tag,extra"
    )?;
    // 2012-11-13 00:00:00 UTC, in seconds.
    let mut t: i64 = 1_352_764_800;
    for i in 0..n {
        t += rng.below(7) as i64;
        let (data_type, parser) = TYPES[rng.below(TYPES.len())];
        let host = rng.pick(HOSTS);
        let user = rng.pick(USERS);
        let path = format!("{}\\{}", rng.pick(DIRS), rng.pick(FILES));
        let message = match parser {
            "chrome_history" => format!(
                "{} ({}) [count: {}] Host: {} visited from: {}",
                rng.pick(SITES),
                rng.pick(&["Inbox", "World news", "Translate", "Shared file"]),
                rng.below(40),
                host,
                rng.pick(SITES)
            ),
            "winevtx" => format!(
                "[{} / 0x{:04x}] Source Name: Microsoft-Windows-Security-Auditing Strings: ['{}', '{}', 'S-1-5-21-{}'] Computer Name: {}",
                4624 + rng.below(10),
                rng.below(65536),
                user,
                host,
                rng.below(1_000_000_000),
                host
            ),
            _ => format!("{path} Type: file"),
        };
        let tag = if rng.below(50) == 0 { "suspicious" } else { "" };
        let extra = format!(
            "{{\"\"sha256\"\": \"\"{:016x}{:016x}\"\", \"\"size\"\": {}}}",
            rng.next(),
            rng.next(),
            rng.below(1 << 24)
        );
        let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
        let (y, m, d) = civil(days);
        writeln!(
            out,
            "{},{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+00:00,{}{:06},{},{host},{user},{data_type},{parser},{},{},{tag},\"{extra}\"",
            quote(&message),
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            t,
            i % 1_000_000,
            rng.pick(DESCS),
            quote(&path),
            100_000 + rng.below(900_000),
        )?;
    }
    out.flush()
}

/// A CSV field, quoted when it must be.
fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The civil date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

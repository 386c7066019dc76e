//! The command line: its definitions (clap derive), the query options turned into a filter
//! (`query`), aligned tables (`table`) and `list`'s own table (`list`).

pub mod list;
pub mod query;
pub mod table;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A terminal timeline browser.
///
/// With no argument, opens the built-in dataset (Moscow and Washington, 1999–2013).
#[derive(Debug, Parser)]
#[command(name = "annals", version)]
pub struct Cli {
    /// A dataset to open instead of the built-in one: annals/1, TimelineJS, Timesketch,
    /// plaso, GDELT events, Parquet, or any CSV, TSV or JSON Lines table with a date column.
    /// Several files, a folder or a zip archive of GDELT exports or tables are read as one.
    pub files: Vec<PathBuf>,

    /// Start afresh: do not restore where you were, your filters and marks.
    #[arg(long)]
    pub fresh: bool,

    /// Read settings from this file instead of `annals config --path`.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How a file of another format is read (every command that reads one takes these).
#[derive(Clone, Debug, Default, Args)]
pub struct InputArgs {
    /// Read the file as this format instead of recognising it from its content.
    #[arg(long, global = true, value_name = "FORMAT", value_parser = input_formats())]
    pub input_format: Option<String>,
    /// Which columns of a table are what: when=Date,title=Headline,actors=Who+Org,url=Link,
    /// tags=Type,end=End (fields: when, end, title, summary, actors, tags, url, publisher, id,
    /// notes; `+` joins columns).
    #[arg(long, global = true, value_name = "MAP")]
    pub map: Option<String>,
    /// Dates like 03/04/2012 are day first (3 April).
    #[arg(long, global = true, conflicts_with = "month_first")]
    pub day_first: bool,
    /// Dates like 03/04/2012 are month first (4 March).
    #[arg(long, global = true)]
    pub month_first: bool,
    /// A CSV file of `name,alias` lines: each alias stands for its name (one actor).
    #[arg(long, global = true, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

fn input_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::import::Format::ALL.map(|f| f.key()))
}

impl InputArgs {
    /// The import options these say (the aliases file read).
    pub fn options(&self) -> Result<crate::import::Options, String> {
        use crate::import::{DateOrder, Format, Map, Options};
        let mut aliases = Vec::new();
        if let Some(path) = &self.aliases {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(path)
                .map_err(|e| format!("--aliases {}: {e}", path.display()))?;
            for (i, row) in r.records().enumerate() {
                let row = row.map_err(|e| format!("--aliases {}: {e}", path.display()))?;
                match (row.get(0), row.get(1)) {
                    (Some(n), Some(a)) if !n.trim().is_empty() && !a.trim().is_empty() => {
                        aliases.push((n.to_string(), a.to_string()))
                    }
                    _ if i == 0 => {} // a header line
                    _ => {
                        return Err(format!(
                            "--aliases {}: line {} is not name,alias",
                            path.display(),
                            i + 1
                        ));
                    }
                }
            }
        }
        Ok(Options {
            format: self.input_format.as_deref().and_then(Format::from_key),
            map: self.map.as_deref().map(Map::parse).transpose()?,
            order: match (self.day_first, self.month_first) {
                (true, _) => Some(DateOrder::DayFirst),
                (_, true) => Some(DateOrder::MonthFirst),
                _ => None,
            },
            aliases,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    ///
    /// bash: `annals completions bash > ~/.local/share/bash-completion/completions/annals`;
    /// zsh: into a folder of your `fpath` as `_annals`; fish:
    /// `annals completions fish > ~/.config/fish/completions/annals.fish`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `annals man > ~/.local/share/man/man1/annals.1`.
    Man,
    /// The settings file: where it is read from, a commented default one, or check it.
    ///
    /// `annals config --default > "$(annals config --path)"` starts one. It sets the theme
    /// (dark, light, high-contrast, mono), the view a dataset opens in, the date order,
    /// whether Esc on the timeline quits, and new keys for any action.
    Config {
        /// Print a commented file with every setting and key binding at its default.
        #[arg(long = "default", conflicts_with_all = ["path", "check"])]
        print_default: bool,
        /// Print where the settings file is read from.
        #[arg(long, conflicts_with = "check")]
        path: bool,
        /// Check the file: every problem with its line and column; exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Convert another tool's timeline to annals/1, with a report on standard error of what
    /// was read, kept, left out and changed.
    Import {
        /// The file to convert.
        input: PathBuf,
        /// Where to write annals/1; standard output when absent or `-`.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace PATH if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Add an event to a dataset file: checked as `validate` checks, written as the only
    /// change to the file.
    Add {
        /// The dataset file.
        file: PathBuf,
        /// Its date, in EDTF: 2012, 2012-12, 2012-12-14, 2000-05-07/2008-05-07, 2012-09~…
        #[arg(long)]
        when: String,
        #[arg(long)]
        title: String,
        /// Its id; made from the title when absent.
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        summary: Option<String>,
        /// An actor it names, by id (repeat for several).
        #[arg(long = "actor", value_name = "ID")]
        actors: Vec<String>,
        /// A source it cites, by id (repeat for several).
        #[arg(long = "source", value_name = "ID")]
        sources: Vec<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Rewrite a dataset in the canonical layout (so that later edits change few lines).
    Fmt {
        /// The dataset file.
        file: PathBuf,
        /// Change nothing; exit 1 if the file is not in the canonical layout.
        #[arg(long)]
        check: bool,
    },
    /// Check a dataset and report every problem in it at once.
    Validate {
        /// The dataset file.
        file: PathBuf,
    },
    /// List the events that match a query (all events without one).
    List {
        /// A dataset file; the built-in dataset when absent.
        file: Option<PathBuf>,
        #[command(flatten)]
        query: QueryArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// List the actors with their kind and number of events.
    Actors {
        /// A dataset file; the built-in dataset when absent.
        file: Option<PathBuf>,
    },
    /// Show one event in full: date, actors, summary, quotes, sources, notes.
    Show {
        /// The event's id (see `annals list`).
        id: String,
        /// A dataset file; the built-in dataset when absent.
        file: Option<PathBuf>,
    },
    /// Export the events that match a query (all events without one) in another format.
    ///
    /// Written through a temporary file and renamed, so a failed export leaves nothing
    /// behind; an existing file is never replaced without --force.
    Export {
        /// A dataset file; the built-in dataset when absent.
        file: Option<PathBuf>,
        #[command(flatten)]
        query: QueryArgs,
        /// What to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write; standard output when absent or `-`.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace PATH if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        csv: CsvArgs,
    },
}

/// How CSV is written (with `--format csv`).
#[derive(Debug, Args, Default, Clone, Copy)]
pub struct CsvArgs {
    /// Write cells as they are: by default a cell that a spreadsheet would run as a formula
    /// (beginning with = + - @, a tab or a carriage return) gets a ' before it.
    #[arg(long)]
    pub csv_raw: bool,
    /// Begin the CSV with a byte order mark, for spreadsheets that need it to read UTF-8.
    #[arg(long)]
    pub bom: bool,
}

impl From<CsvArgs> for crate::export::csv::Style {
    fn from(a: CsvArgs) -> Self {
        crate::export::csv::Style {
            raw: a.csv_raw,
            bom: a.bom,
        }
    }
}

/// The query options shared by the commands that select events.
#[derive(Debug, Args, Default)]
pub struct QueryArgs {
    /// An actor, by id, name or any alias, in any case and with or without accents
    /// ("putin", "Poutine", "Путин"). Repeat for several: events with any of them.
    #[arg(long = "actor", value_name = "ACTOR")]
    pub actors: Vec<String>,
    /// With several --actor: events with all of them instead of any.
    #[arg(long)]
    pub all: bool,
    /// Events whose title, summary, quotes, notes or actor names contain this text.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// Events that end on or after this date: 2012, 2012-09 or 2012-09-18.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Events that start on or before this date: 2012, 2012-09 or 2012-09-18.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Events whose attribute passes a comparison: NAME OP VALUE with OP one of = != < <= > >=
    /// ('GoldsteinScale<=-5', 'NumMentions>=10', parser=winevtx); numbers compare as numbers.
    /// Repeat for several: events passing all of them.
    #[arg(long = "where", value_name = "CONDITION")]
    pub conditions: Vec<String>,
    /// Events with this tag (in any case). Repeat for several: events with any of them.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Events citing this source, by its id. Repeat for several: events citing any of them.
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// A JSON array of events.
    Json,
    /// CSV (RFC 4180) with a header row.
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// annals/1 JSON: the events with exactly the actors and sources they cite; reopens in annals.
    Json,
    /// A Markdown brief: headings, quotes as blockquotes, sources as footnotes.
    #[value(alias = "markdown")]
    Md,
    /// CSV (RFC 4180): id, start, end, precision, title, actors, tags, sources, summary.
    Csv,
    /// iCalendar (RFC 5545): one all-day event per event.
    #[value(alias = "ical")]
    Ics,
    /// TimelineJS3 JSON, to publish as a web timeline.
    Timelinejs,
}

impl From<ExportFormat> for crate::export::Format {
    fn from(f: ExportFormat) -> Self {
        use crate::export::Format;
        match f {
            ExportFormat::Json => Format::Json,
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Ics => Format::Ics,
            ExportFormat::Timelinejs => Format::TimelineJs,
        }
    }
}

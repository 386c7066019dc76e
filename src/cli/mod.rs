//! The command line: its definitions (clap derive), the query options turned into a filter
//! (`query`), and aligned tables (`table`).

pub mod query;
pub mod table;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// annals — a terminal timeline browser.
///
/// With no argument, opens the built-in dataset (Moscow and Washington, 1999–2013).
#[derive(Debug, Parser)]
#[command(name = "annals", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A dataset in the annals/1 format to open instead of the built-in one.
    pub file: Option<PathBuf>,

    /// Start afresh: do not restore where you were, your filters and marks.
    #[arg(long)]
    pub fresh: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
    },
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

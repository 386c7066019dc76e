//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// annals — a terminal timeline browser.
///
/// With no argument, opens the built-in dataset (Moscow and Washington, 1999–2013).
#[derive(Debug, Parser)]
#[command(name = "annals", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A dataset in the annals/1 format to open instead of the built-in one.
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset and report every problem in it at once.
    Validate {
        /// The dataset file.
        file: PathBuf,
    },
}

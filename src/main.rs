use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use annals::cli::{Cli, Command};
use annals::load::{self, LoadError};

/// Exit codes: 0 fine, 1 bad data or a failure, 2 bad usage (also clap's).
const EXIT_FAILURE: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate { file }) => validate(&file),
        None => browse(cli.file.as_deref()),
    }
}

fn validate(file: &std::path::Path) -> ExitCode {
    match load::from_path(file) {
        Ok(data) => {
            println!(
                "{}: valid annals/1 dataset: {} events, {} actors, {} sources",
                file.display(),
                data.events.len(),
                data.actors.len(),
                data.sources.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

fn report(e: &LoadError) -> ExitCode {
    eprintln!("annals: {e}");
    ExitCode::from(EXIT_FAILURE)
}

fn browse(file: Option<&std::path::Path>) -> ExitCode {
    let data = match file {
        Some(path) => match load::from_path(path) {
            Ok(d) => d,
            Err(e) => return report(&e),
        },
        None => load::builtin(),
    };
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "annals: standard output is not a terminal, so the browser cannot start.\n\
             Run `annals` in a terminal, or use the command line: \
             `annals validate FILE` checks a dataset (see `annals --help`)."
        );
        return ExitCode::from(EXIT_USAGE);
    }
    match annals::tui::run(data) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annals: terminal error: {e}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

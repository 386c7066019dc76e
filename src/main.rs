use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use annals::cli::query::QueryError;
use annals::cli::{Cli, Command, ListFormat, QueryArgs, table};
use annals::export::{self, WriteError};
use annals::load::{self, LoadError};
use annals::model::Dataset;
use annals::query::{ActorIndex, Filter};
use annals::text::sanitize;
use annals::tui::RunError;
use anstyle::Style;

/// mimalloc: loading a big dataset makes and frees millions of small allocations, which it
/// serves about twice as fast as the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: 0 fine, 1 bad data, no match or a failure, 2 bad usage (also clap's), 130 loading
/// cancelled.
const EXIT_FAILURE: u8 = 1;
const EXIT_USAGE: u8 = 2;
/// The load was cancelled with Ctrl-C (as a shell reports a program stopped by it).
const EXIT_CANCELLED: u8 = 130;

/// A failure with its exit code; the message goes to standard error.
struct Failure(u8, String);

type Outcome = Result<(), Failure>;

/// How files of other formats are read (`--input-format`, `--map`, …), for every command.
static INPUT: std::sync::OnceLock<annals::import::Options> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.input.options() {
        Ok(options) => {
            let _ = INPUT.set(options);
        }
        Err(message) => {
            eprintln!("annals: {}", clean(&message));
            return ExitCode::from(EXIT_USAGE);
        }
    }
    // The settings file: its date order is for every command; the rest for the browser.
    let settings = annals::tui::config::settings(cli.config.as_deref());
    annals::model::when::set_date_order(settings.date_order);
    if let Some(notice) = &settings.notice
        && cli.command.is_some()
        && !matches!(cli.command, Some(Command::Config { .. }))
    {
        eprintln!("annals: {}", clean(notice));
    }
    let outcome = match cli.command {
        Some(Command::Config {
            print_default,
            path,
            check,
        }) => config(cli.config.as_deref(), print_default, path, check),
        Some(Command::Import {
            input,
            output,
            force,
        }) => import(&input, output.as_deref(), force),
        Some(Command::Validate { file }) => validate(&file),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => man(),
        Some(Command::Add {
            file,
            when,
            title,
            id,
            summary,
            actors,
            sources,
            tags,
        }) => add(
            &file,
            annals::edit::draft::EventRecord {
                id: id.unwrap_or_default(),
                when,
                title,
                summary: summary.unwrap_or_default(),
                actors,
                tags,
                sources,
                ..Default::default()
            },
        ),
        Some(Command::Fmt { file, check }) => fmt(&file, check),
        Some(Command::List {
            file,
            query,
            format,
            csv,
        }) => list(file.as_deref(), &query, format, csv.into()),
        Some(Command::Actors { file }) => actors(file.as_deref()),
        Some(Command::Show { id, file }) => show(file.as_deref(), &id),
        Some(Command::Export {
            file,
            query,
            format,
            output,
            force,
            csv,
        }) => export(
            file.as_deref(),
            &query,
            format.into(),
            output.as_deref(),
            force,
            csv.into(),
        ),
        None => browse(&cli.files, cli.fresh, settings),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, message)) => {
            // Messages quote dataset text (ids, field names): keep it from driving the terminal.
            let lines: Vec<String> = message.lines().map(clean).collect();
            eprintln!("annals: {}", lines.join("\n"));
            ExitCode::from(code)
        }
    }
}

/// Loads the built-in dataset or a file.
fn open(file: Option<&Path>) -> Result<&'static Dataset, Failure> {
    match file {
        None => Ok(keep(load::builtin())),
        Some(path) => open_file(path).map(|(d, _)| d),
    }
}

/// A command that reads a dataset ends the process once it is done with it: the dataset is
/// left for the process's end to take back whole, rather than freed event by event (for a
/// million events, a tenth of a second of nothing).
fn keep(data: Dataset) -> &'static Dataset {
    Box::leak(Box::new(data))
}

/// Loads a file of any format annals reads, with the report of what was read. Reading a big
/// file reports its progress on standard error when that is a terminal (and only then, so
/// scripts see clean output).
fn open_file(path: &Path) -> Result<(&'static Dataset, annals::import::Report), Failure> {
    if load::is_stream(path) {
        return open_stream(path).map(|(data, report)| (keep(data), report));
    }
    let options = INPUT.get_or_init(Default::default);
    let reading = load::Reading::Auto;
    let loaded = if std::io::stderr().is_terminal() {
        let name = clean(&path.display().to_string());
        let mut pace = load::Pace::new(PROGRESS_AFTER, PROGRESS_EVERY);
        let bar = progress_bar(&name);
        let loaded = load::open(path, options, reading, &mut |p| {
            if pace.due() {
                // Shown only once a load has taken a while: a small file opens without it.
                if bar.is_hidden() {
                    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(10));
                }
                bar.set_length(p.total.max(1));
                bar.set_position(p.bytes);
                bar.set_message(format!("{} events", load::thousands(p.events)));
            }
            std::ops::ControlFlow::Continue(())
        });
        bar.finish_and_clear();
        loaded
    } else {
        load::open(path, options, reading, &mut |_| {
            std::ops::ControlFlow::Continue(())
        })
    };
    loaded
        .map(|(data, report)| (keep(data), report))
        .map_err(|e| Failure(EXIT_FAILURE, e.to_string()))
}

/// Reads a stream (standard input, a named pipe) to its end, then the dataset in it. On a
/// terminal, standard error says what it is waiting for (a pipe waits for its writer) and
/// how much has come; Ctrl-C stops it, as the terminal is not taken yet.
fn open_stream(path: &Path) -> Result<(Dataset, annals::import::Report), Failure> {
    let name = load::stream_name(path);
    let tell = std::io::stderr().is_terminal();
    // A stream's length is not known: a spinner with what has come, drawn at once (a pipe
    // may wait for its writer, and the person must see what annals waits for).
    let bar = if tell {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} reading {prefix}: {bytes} (Ctrl-C stops)",
            )
            .expect("a valid template"),
        );
        bar.set_prefix(clean(&name));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let bytes = load::read_stream(path, &mut |n| bar.set_position(n));
    bar.finish_and_clear();
    let bytes = bytes.map_err(|e| Failure(EXIT_FAILURE, e.to_string()))?;
    let options = INPUT.get_or_init(Default::default);
    load::from_bytes(bytes, &name, options, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .map_err(|e| Failure(EXIT_FAILURE, e.to_string()))
}

/// Whether standard input carries data (`cat x.json | annals`, `annals < x.json`): a pipe or
/// a file, not a terminal and not `/dev/null`.
fn stdin_has_data() -> bool {
    if std::io::stdin().is_terminal() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata("/dev/stdin").is_ok_and(|m| m.file_type().is_fifo() || m.is_file())
    }
    #[cfg(not(unix))]
    false
}

/// The bar a long load shows on standard error (a terminal): bytes read of all, events.
fn progress_bar(name: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::hidden();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "reading {prefix} {wide_bar} {percent:>3}% · {bytes} of {total_bytes} · {msg}",
        )
        .expect("a valid template")
        .progress_chars("█▌ "),
    );
    bar.set_prefix(name.to_string());
    bar
}

/// A load that takes longer than this reports its progress, every `PROGRESS_EVERY`.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_millis(200);
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

fn validate(file: &Path) -> Outcome {
    let (data, report) = open_file(file)?;
    let name = clean(&load::stream_name(file));
    let counts = format!(
        "{} events, {} actors, {} sources",
        data.events.len(),
        data.actors.len(),
        data.sources.len()
    );
    if data.imported.is_none() {
        println!("{name}: valid annals/1 dataset: {counts}");
        return Ok(());
    }
    println!("{name}: readable as {}: {counts}", report.format);
    if report.dropped.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = report
        .dropped
        .iter()
        .map(|(at, why)| format!("  {at}: {why}"))
        .collect();
    Err(Failure(
        EXIT_FAILURE,
        format!(
            "{name}: {} could not be read:\n{}",
            annals::text::plural(report.dropped.len(), "record"),
            lines.join("\n")
        ),
    ))
}

/// `annals import`: another tool's timeline as annals/1, the report on standard error.
/// Writes `text` to standard output (no path, or `-`), or through the safe writer to the
/// path, which it returns; an existing file is replaced only with `force`.
fn write_to<'p>(
    output: Option<&'p Path>,
    text: &str,
    force: bool,
) -> Result<Option<&'p Path>, Failure> {
    let path = match output {
        None => return write_out(text).map(|()| None),
        Some(p) if p.as_os_str() == "-" => return write_out(text).map(|()| None),
        Some(p) => p,
    };
    export::write_file(path, text.as_bytes(), force).map_err(|e| {
        let message = match e {
            WriteError::Exists(p) => format!(
                "{} already exists and was left as it was; --force replaces it",
                p.display()
            ),
            e => e.to_string(),
        };
        Failure(EXIT_FAILURE, message)
    })?;
    Ok(Some(path))
}

fn import(input: &Path, output: Option<&Path>, force: bool) -> Outcome {
    let (data, report) = open_file(input)?;
    eprint!("{}", clean_lines(&report.to_string()));
    let text = export::canonical(data);
    let Some(path) = write_to(output, &text, force)? else {
        return Ok(());
    };
    eprintln!(
        "annals: wrote {} to {} (annals/1)",
        annals::text::plural(data.events.len(), "event"),
        clean(&path.display().to_string())
    );
    Ok(())
}

/// Text from a file made safe for a terminal, line by line.
fn clean_lines(s: &str) -> String {
    s.lines().map(|l| format!("{}\n", clean(l))).collect()
}

/// Builds the filter of a query; an unknown actor is a failure, a bad date a usage error.
fn filter(data: &Dataset, index: &ActorIndex, q: &QueryArgs) -> Result<Filter, Failure> {
    q.filter(data, index).map_err(|e| {
        let code = match e {
            QueryError::Actor(_) | QueryError::Unknown(_) => EXIT_FAILURE,
            QueryError::Date { .. } | QueryError::Condition(_) => EXIT_USAGE,
        };
        Failure(code, e.to_string())
    })
}

/// A table on standard output (see `cli::table`).
fn table(header: &[&str], rows: &[Vec<String>], styles: &[Style]) -> Outcome {
    let mut out = Vec::new();
    table::write(&mut out, header, rows, styles, table::colour())
        .and_then(|()| write_out_bytes(&out))
        .map_err(|e| Failure(EXIT_FAILURE, format!("cannot write the output: {e}")))
}

fn write_out(text: &str) -> Outcome {
    write_out_bytes(text.as_bytes())
        .map_err(|e| Failure(EXIT_FAILURE, format!("cannot write the output: {e}")))
}

/// Writes to standard output; a closed pipe (`annals list | head`) is not an error worth a
/// message.
fn write_out_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .or_else(quiet_broken_pipe)
}

/// A closed pipe is not an error worth a message; any other is.
fn quiet_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    match e.kind() {
        std::io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(e),
    }
}

use annals::export::csv::Style as CsvStyle;

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

fn list(file: Option<&Path>, q: &QueryArgs, format: ListFormat, csv: CsvStyle) -> Outcome {
    let data = open(file)?;
    let index = ActorIndex::new(data);
    let events = filter(data, &index, q)?.apply(data, &index);
    let format = match format {
        ListFormat::Table => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            return annals::cli::list::write(&mut out, data, &events, table::colour())
                .and_then(|()| out.flush())
                .or_else(quiet_broken_pipe)
                .map_err(|e| Failure(EXIT_FAILURE, format!("cannot write the output: {e}")));
        }
        // The same writers as `annals export`: one JSON shape and one CSV layout.
        ListFormat::Json => export::Format::Json,
        ListFormat::Csv => return write_out(&export::render_csv(data, &events, csv)),
    };
    let text = export::render(format, data, &events, export::now())
        .map_err(|e| Failure(EXIT_FAILURE, e.to_string()))?;
    write_out(&text)
}

fn actors(file: Option<&Path>) -> Outcome {
    let data = open(file)?;
    let index = ActorIndex::new(data);
    let rows: Vec<Vec<String>> = index
        .rank(data, "")
        .into_iter()
        .map(|m| {
            let a = data.actor(m.actor);
            vec![
                clean(&a.id),
                clean(&a.name),
                a.kind.map_or("", |k| k.as_str()).to_string(),
                index.event_count(m.actor).to_string(),
                clean(&a.aliases.join(", ")),
            ]
        })
        .collect();
    table(
        &["ID", "NAME", "KIND", "EVENTS", "ALIASES"],
        &rows,
        &[
            table::DIM,
            table::BOLD,
            table::PLAIN,
            table::CYAN,
            table::PLAIN,
        ],
    )
}

fn show(file: Option<&Path>, id: &str) -> Outcome {
    let data = open(file)?;
    let Some(pos) = data.event_position(id) else {
        return Err(Failure(
            EXIT_FAILURE,
            format!("no event has the id {id:?}; `annals list` shows the ids"),
        ));
    };
    let outline = annals::outline::Outline::new(data, &data.events[pos]);
    let text: String = outline
        .lines()
        .iter()
        .map(|l| format!("{}\n", clean(&l.plain())))
        .collect();
    write_out(&text)
}

fn export(
    file: Option<&Path>,
    q: &QueryArgs,
    format: export::Format,
    output: Option<&Path>,
    force: bool,
    csv: CsvStyle,
) -> Outcome {
    let data = open(file)?;
    let index = ActorIndex::new(data);
    let events = filter(data, &index, q)?.apply(data, &index);
    let text = match format {
        export::Format::Csv => export::render_csv(data, &events, csv),
        export::Format::Markdown => export::render_markdown(data, &events, &q.describe()),
        _ => export::render(format, data, &events, export::now())
            .map_err(|e| Failure(EXIT_FAILURE, e.to_string()))?,
    };
    let Some(path) = write_to(output, &text, force)? else {
        return Ok(());
    };
    eprintln!(
        "annals: wrote {} to {} ({})",
        annals::text::plural(events.len(), "event"),
        clean(&path.display().to_string()),
        format.name()
    );
    Ok(())
}

/// `annals add`: one event appended to the file, the file's only change.
fn add(file: &Path, mut event: annals::edit::draft::EventRecord) -> Outcome {
    use annals::edit::{self, Change, Edit, draft};
    let data = open(Some(file))?;
    if event.id.is_empty() {
        event.id = draft::fresh_id(data, &draft::slug(&event.title));
    }
    let id = event.id.clone();
    let e = Edit {
        change: Change::Insert { after: None },
        event,
        new_actors: Vec::new(),
        new_sources: Vec::new(),
    };
    let text = String::from_utf8_lossy(data.store.bytes()).into_owned();
    let fail = |m: String| Failure(EXIT_FAILURE, m);
    let patch = edit::apply::patch(&text, &e).map_err(|e| fail(e.to_string()))?;
    edit::save(file, &data.store, &patch).map_err(|e| {
        let lines: Vec<String> = e.problems().iter().map(|p| format!("  {p}")).collect();
        fail(format!(
            "{}: the event was not added:\n{}",
            file.display(),
            lines.join("\n")
        ))
    })?;
    eprintln!(
        "annals: added `{}` to {}",
        clean(&id),
        clean(&file.display().to_string())
    );
    Ok(())
}

/// `annals fmt`: the file in the canonical layout; with `--check`, only whether it is.
fn fmt(file: &Path, check: bool) -> Outcome {
    let data = open(Some(file))?;
    let canonical = export::canonical(data);
    let name = clean(&file.display().to_string());
    if data.store.bytes() == canonical.as_bytes() {
        if !check {
            eprintln!("annals: {name} is already in the canonical layout");
        }
        return Ok(());
    }
    if check {
        return Err(Failure(
            EXIT_FAILURE,
            format!("{name} is not in the canonical layout (`annals fmt {name}` rewrites it)"),
        ));
    }
    let target =
        std::fs::canonicalize(file).map_err(|e| Failure(EXIT_FAILURE, format!("{name}: {e}")))?;
    export::write_file(&target, canonical.as_bytes(), true)
        .map_err(|e| Failure(EXIT_FAILURE, e.to_string()))?;
    eprintln!("annals: rewrote {name} in the canonical layout");
    Ok(())
}

/// A shell's completion script, from the command line's own definition.
fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "annals", &mut script);
    write_out(&String::from_utf8_lossy(&script))
}

/// The manual page (roff), from the command line's own definition.
fn man() -> Outcome {
    let command = <Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| Failure(EXIT_FAILURE, format!("cannot write the manual: {e}")))?;
    write_out(&String::from_utf8_lossy(&page))
}

fn not_a_terminal() -> Failure {
    Failure(
        EXIT_USAGE,
        "standard output is not a terminal, so the browser cannot start.\n\
         Run `annals` in a terminal, or use the command line: `annals list`, \
         `annals show ID`, `annals validate FILE` (see `annals --help`)."
            .to_string(),
    )
}

/// `annals config`: where the file is, a default one, or a check of it.
fn config(explicit: Option<&Path>, print_default: bool, path: bool, check: bool) -> Outcome {
    use annals::tui::config;
    if print_default {
        print!("{}", config::default_text());
        return Ok(());
    }
    let at = explicit
        .map(Path::to_path_buf)
        .or_else(config::default_path)
        .ok_or_else(|| {
            Failure(
                EXIT_FAILURE,
                "no configuration folder (is HOME set?)".into(),
            )
        })?;
    if path {
        println!("{}", at.display());
        return Ok(());
    }
    match config::read(explicit) {
        Ok(Some((p, _))) => {
            println!("{}: fine", p.display());
            Ok(())
        }
        Ok(None) if check => {
            println!("{}: no such file; annals uses the defaults", at.display());
            Ok(())
        }
        Ok(None) => {
            println!(
                "{}: no such file; `annals config --default > {}` starts one",
                at.display(),
                at.display()
            );
            Ok(())
        }
        Err(e) if e.unreadable.is_some() => Err(Failure(EXIT_FAILURE, e.to_string())),
        Err(e) => {
            let lines: Vec<String> = e
                .problems
                .iter()
                .map(|p| format!("{}:{p}", e.path.display()))
                .collect();
            Err(Failure(EXIT_FAILURE, lines.join("\n")))
        }
    }
}

fn browse(
    files: &[std::path::PathBuf],
    fresh: bool,
    settings: annals::tui::config::Settings,
) -> Outcome {
    // A stream is read whole before the terminal is taken: a pipe that waits for its writer
    // (or never ends) leaves the terminal as it was, and Ctrl-C stops it.
    let stdin = std::path::PathBuf::from("-");
    let stream = match files {
        // Standard input only when the browser can start at all: a script's empty pipe is
        // not waited for.
        [] if std::io::stdout().is_terminal() && stdin_has_data() => Some(&stdin),
        [one] if load::is_stream(one) => Some(one),
        several if several.iter().any(|p| load::is_stream(p)) => {
            return Err(Failure(
                EXIT_USAGE,
                "a stream (`-`, a named pipe) is read alone, not with other files".to_string(),
            ));
        }
        _ => None,
    };
    if let Some(path) = stream {
        let (data, _) = open_stream(path)?;
        if !std::io::stdout().is_terminal() {
            return Err(not_a_terminal());
        }
        let options = annals::tui::Options {
            fresh,
            input: INPUT.get_or_init(Default::default).clone(),
            settings,
        };
        return annals::tui::run_stream(data, load::stream_name(path), options)
            .map_err(run_failure);
    }
    if !std::io::stdout().is_terminal() {
        // A bad file is the first thing to hear about.
        if files.len() > 1 {
            load::open_all(files, INPUT.get_or_init(Default::default), &mut |_| {
                std::ops::ControlFlow::Continue(())
            })
            .map_err(|e| Failure(EXIT_FAILURE, e.to_string()))?;
        } else {
            open(files.first().map(|p| p.as_path()))?;
        }
        return Err(not_a_terminal());
    }
    let options = annals::tui::Options {
        fresh,
        input: INPUT.get_or_init(Default::default).clone(),
        settings,
    };
    let outcome = match files {
        [] => annals::tui::run(load::builtin(), options),
        paths => annals::tui::run_files(paths, options),
    };
    outcome.map_err(run_failure)
}

/// The exit status and message of a browser that stopped before the user quit.
fn run_failure(e: RunError) -> Failure {
    match e {
        RunError::Load(LoadError::Cancelled { .. }) => Failure(EXIT_CANCELLED, e.to_string()),
        RunError::Signal(signal) => Failure(
            u8::try_from(128 + signal).unwrap_or(EXIT_FAILURE),
            e.to_string(),
        ),
        e => Failure(EXIT_FAILURE, e.to_string()),
    }
}

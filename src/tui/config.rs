//! The person's settings file, `$XDG_CONFIG_HOME/annals/config.toml` (or `--config FILE`):
//! theme, the view a dataset opens in, the date order, whether Esc on the timeline quits,
//! and new keys for any action of the keymap.
//!
//! Every problem is reported with its line and column, all at once; a file with problems is
//! not half applied: annals says so and starts with the defaults.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::app::{App, View};
use super::keymap::{Keymap, NAMES, Rebind, action_named};
use super::mode::Scope;
use super::theme::Theme;
use crate::model::when::DateOrder;

/// What the config file says, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub theme: Option<Theme>,
    pub view: Option<View>,
    pub date_order: Option<DateOrder>,
    pub esc_quits: Option<bool>,
    pub rebinds: Vec<Rebind>,
    /// The keymap with the rebindings applied (checked whole by `parse`); none without any.
    pub keymap: Option<Keymap>,
}

/// A problem in the file, where it is (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// What the browser starts with: the config's settings (or the defaults), the environment's
/// say on colour, and what to tell the person about the file.
#[derive(Clone, Debug)]
pub struct Settings {
    pub theme: Theme,
    pub view: View,
    pub date_order: DateOrder,
    pub esc_quits: bool,
    pub keymap: &'static Keymap,
    /// A problem with the config file, for the footer.
    pub notice: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: Theme::Dark,
            view: View::List,
            date_order: DateOrder::DayMonth,
            esc_quits: false,
            keymap: Keymap::builtin(),
            notice: None,
        }
    }
}

impl Settings {
    /// The settings of a checked config.
    pub fn from_config(config: &Config) -> Settings {
        let d = Settings::default();
        Settings {
            theme: config.theme.unwrap_or(d.theme),
            view: config.view.unwrap_or(d.view),
            date_order: config.date_order.unwrap_or(d.date_order),
            esc_quits: config.esc_quits.unwrap_or(d.esc_quits),
            // One keymap for the life of the process.
            keymap: match &config.keymap {
                Some(k) => Box::leak(Box::new(k.clone())),
                None => Keymap::builtin(),
            },
            notice: None,
        }
    }

    /// Puts the settings into a new browser.
    pub fn apply(&self, app: &mut App) {
        app.theme = self.theme;
        app.view = self.view;
        app.esc_quits = self.esc_quits;
        app.keymap = self.keymap;
        if self.notice.is_some() {
            app.status = self.notice.clone();
        }
    }
}

/// Where the config file is read from when `--config` does not say.
pub fn default_path() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().join("annals").join("config.toml"))
}

/// Reads the settings: from `explicit` (`--config`, which must exist) or the default path
/// (which need not); `NO_COLOR` or a terminal without colours makes the theme `mono`
/// whatever the file says. A file with problems gives the defaults and a notice.
pub fn settings(explicit: Option<&Path>) -> Settings {
    let forced = Theme::forced(
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    );
    let mut s = match read(explicit) {
        Ok(None) => Settings::default(),
        Ok(Some((_, config))) => Settings::from_config(&config),
        Err(e) => Settings {
            notice: Some(format!("{e}; started with the defaults")),
            ..Default::default()
        },
    };
    if let Some(t) = forced {
        s.theme = t;
    }
    s
}

/// Why the config could not be used: the file could not be read, or has problems.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub problems: Vec<Problem>,
    pub unreadable: Option<String>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        if let Some(e) = &self.unreadable {
            return write!(f, "config {path}: {e}");
        }
        match self.problems.as_slice() {
            [] => write!(f, "config {path}: not usable"),
            [one] => write!(f, "config {path}:{one}"),
            [first, rest @ ..] => write!(
                f,
                "config {path}:{first} (and {} more: annals config --check)",
                rest.len()
            ),
        }
    }
}

/// Reads and checks the config: `None` when there is no file at the default path.
pub fn read(explicit: Option<&Path>) -> Result<Option<(PathBuf, Config)>, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| ConfigError {
            path: path.clone(),
            problems: Vec::new(),
            unreadable: Some("not UTF-8 text".into()),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
            return Ok(None);
        }
        Err(e) => {
            return Err(ConfigError {
                path,
                problems: Vec::new(),
                unreadable: Some(e.to_string()),
            });
        }
    };
    match parse(&text) {
        Ok(config) => Ok(Some((path, config))),
        Err(problems) => Err(ConfigError {
            path,
            problems,
            unreadable: None,
        }),
    }
}

/// Line and column (1-based, in characters) of a byte offset.
fn locate(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// "did you mean `open`?" when a known name is close.
fn suggest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

const SETTINGS: [&str; 5] = ["theme", "view", "date_order", "esc_quits", "keys"];

/// Checks a config file's text; every problem is returned, each located.
pub fn parse(text: &str) -> Result<Config, Vec<Problem>> {
    let mut report = Report {
        text,
        problems: Vec::new(),
    };
    let table = match DeTable::parse(text) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            report.at(e.span().unwrap_or(0..0), e.message().trim().to_string());
            return Err(report.problems);
        }
    };
    let at = &mut |span: std::ops::Range<usize>, message: String| report.at(span, message);
    let mut config = Config::default();
    // Rebindings, and where each was written (for the keymap's verdict on them).
    let mut rebinds: Vec<(Rebind, std::ops::Range<usize>)> = Vec::new();
    for (key, value) in &table {
        let name = key.get_ref().as_ref();
        let span = value.span();
        let word = |value: &Spanned<DeValue>| match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        };
        match name {
            "theme" => match word(value).as_deref().map(|w| (w, Theme::named(w))) {
                Some((_, Some(t))) => config.theme = Some(t),
                other => at(
                    span,
                    format!(
                        "theme {}: it is one of dark, light, high-contrast, mono",
                        other.map_or("must be a word".to_string(), |(w, _)| format!("`{w}`"))
                    ),
                ),
            },
            "view" => match word(value).as_deref() {
                Some("list") => config.view = Some(View::List),
                Some("lanes") => config.view = Some(View::Lanes),
                _ => at(span, "view: it is \"list\" or \"lanes\"".into()),
            },
            "date_order" => match word(value).as_deref() {
                Some("day-month") => config.date_order = Some(DateOrder::DayMonth),
                Some("month-day") => config.date_order = Some(DateOrder::MonthDay),
                _ => at(
                    span,
                    "date_order: it is \"day-month\" (13 Nov 2012) or \"month-day\" (Nov 13, 2012)"
                        .into(),
                ),
            },
            "esc_quits" => match value.get_ref() {
                DeValue::Boolean(b) => config.esc_quits = Some(*b),
                _ => at(span, "esc_quits: it is true or false".into()),
            },
            "keys" => match value.get_ref() {
                DeValue::Table(keys) => {
                    for (k, v) in keys {
                        let kname = k.get_ref().as_ref();
                        if let DeValue::Table(inner) = v.get_ref() {
                            let Some(scope) = Scope::named(kname) else {
                                at(
                                    k.span(),
                                    format!(
                                        "[keys.{kname}]: no such place{}; places are {}",
                                        suggest(kname, Scope::ALL.map(|s| s.name())),
                                        Scope::ALL.map(|s| s.name()).join(", ")
                                    ),
                                );
                                continue;
                            };
                            for (ak, av) in inner {
                                rebinding(Some(scope), ak, av, &mut rebinds, at);
                            }
                        } else {
                            rebinding(None, k, v, &mut rebinds, at);
                        }
                    }
                }
                _ => at(span, "keys: it is a table, [keys]".into()),
            },
            other => at(
                key.span(),
                format!(
                    "unknown setting `{other}`{}; settings are {}",
                    suggest(other, SETTINGS),
                    SETTINGS.join(", ")
                ),
            ),
        }
    }
    // What applies everywhere first, so that a place's own keys win whatever the order.
    rebinds.sort_by_key(|(r, _)| r.scope.is_some());
    let (list, spans): (Vec<Rebind>, Vec<_>) = rebinds.into_iter().unzip();
    config.rebinds = list;
    // The keymap's verdict on the rebindings as a whole (clashes), at each one's place.
    match Keymap::builtin().rebind(&config.rebinds) {
        Ok(keymap) if !config.rebinds.is_empty() => config.keymap = Some(keymap),
        Ok(_) => {}
        Err(errors) => {
            for e in errors {
                at(spans[e.index].clone(), e.message);
            }
        }
    }
    let mut problems = report.problems;
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// Problems found so far, located in the text.
struct Report<'t> {
    text: &'t str,
    problems: Vec<Problem>,
}

impl Report<'_> {
    fn at(&mut self, span: std::ops::Range<usize>, message: String) {
        let (line, column) = locate(self.text, span.start);
        self.problems.push(Problem {
            line,
            column,
            message,
        });
    }
}

/// One `action = keys` line of `[keys]` or `[keys.<place>]`.
fn rebinding(
    scope: Option<Scope>,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    rebinds: &mut Vec<(Rebind, std::ops::Range<usize>)>,
    at: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    let name = key.get_ref().as_ref();
    let Some(action) = action_named(name) else {
        at(
            key.span(),
            format!(
                "unknown action `{name}`{} (annals config --default lists them)",
                suggest(name, NAMES.iter().map(|(_, n)| *n))
            ),
        );
        return;
    };
    let keys: Option<Vec<String>> = match value.get_ref() {
        DeValue::String(s) => Some(vec![s.to_string()]),
        DeValue::Array(items) => items
            .iter()
            .map(|v| match v.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    };
    match keys {
        Some(keys) => rebinds.push((
            Rebind {
                scope,
                action,
                keys,
            },
            value.span(),
        )),
        None => at(
            value.span(),
            format!("`{name}`: give a key or a list of keys, e.g. [\"j\", \"Down\"]"),
        ),
    }
}

/// The commented default file `annals config --default` prints: every setting and every
/// binding with its default keys, commented out.
pub fn default_text() -> String {
    let mut s = String::from(
        "# annals settings. Put this file where `annals config --path` says (or pass\n\
         # --config FILE) and uncomment what you change. A file with a problem is reported\n\
         # with its line and column, and annals starts with the defaults.\n\n\
         # Colours: dark, light, high-contrast or mono. NO_COLOR (https://no-color.org) and a\n\
         # terminal without colours always mean mono.\n\
         # theme = \"dark\"\n\n\
         # The view a dataset opens in, \"list\" or \"lanes\" (a kept session wins).\n\
         # view = \"list\"\n\n\
         # \"day-month\" (13 Nov 2012) or \"month-day\" (Nov 13, 2012).\n\
         # date_order = \"day-month\"\n\n\
         # Esc on the timeline clears the search, then the filters; with true it then quits.\n\
         # esc_quits = false\n\n\
         # Keys. `action = [\"key\", …]` under [keys] rebinds the action wherever it is bound;\n\
         # under [keys.<place>] only there. A key: j, G, ?, Space, Ctrl-d, Down, Up, Left,\n\
         # Right, PgDn, PgUp, Home, End, Enter, Esc, Tab, Shift-Tab, Backspace; a sequence\n\
         # is written with spaces: \"g x\". A key bound to two actions in one place is an error.\n\
         [keys]\n",
    );
    for scope in Scope::ALL {
        let entries: Vec<_> = Keymap::builtin()
            .entries()
            .iter()
            .filter(|e| e.scope == scope)
            .collect();
        if entries.is_empty() {
            continue;
        }
        s.push_str(&format!("\n# {}\n[keys.{}]\n", scope.label(), scope.name()));
        for e in entries {
            let Some(name) = super::keymap::action_name(e.action) else {
                continue;
            };
            let keys: Vec<String> = e.keys.iter().map(|k| format!("{k:?}")).collect();
            s.push_str(&format!(
                "# {name} = [{}]  # {}\n",
                keys.join(", "),
                e.description
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    #[test]
    fn a_valid_file_sets_everything_it_says() {
        let c = parse(
            "theme = \"light\"\nview = \"lanes\"\ndate_order = \"month-day\"\nesc_quits = true\n\
             [keys]\nopen_source = \"O\"\n[keys.detail]\ndown = [\"J\", \"Down\"]\n",
        )
        .unwrap();
        assert_eq!(c.theme, Some(Theme::Light));
        assert_eq!(c.view, Some(View::Lanes));
        assert_eq!(c.date_order, Some(DateOrder::MonthDay));
        assert_eq!(c.esc_quits, Some(true));
        assert_eq!(
            c.rebinds,
            [
                Rebind {
                    scope: None,
                    action: Action::OpenSource,
                    keys: vec!["O".into()]
                },
                Rebind {
                    scope: Some(Scope::Detail),
                    action: Action::Down,
                    keys: vec!["J".into(), "Down".into()]
                }
            ]
        );
    }

    #[test]
    fn every_problem_is_located() {
        let text = "theme = \"blue\"\ncolour = 1\n[keys]\nopne = \"o\"\nactors = \"n\"\n\
                    search = 3\n[keys.nowhere]\ndown = \"j\"\n";
        let p = parse(text).unwrap_err();
        let at: Vec<(usize, usize)> = p.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(
            at,
            [(1, 9), (2, 1), (4, 1), (5, 10), (6, 10), (7, 7)],
            "{p:#?}"
        );
        assert!(
            p[2].message.contains("did you mean `open`"),
            "{}",
            p[2].message
        );
        assert!(p[3].message.contains("next_hit"), "{}", p[3].message);
    }

    #[test]
    fn bad_toml_gives_its_line_and_column() {
        let p = parse("theme = \"dark\"\n[keys\n").unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 2, "{p:?}");
    }

    #[test]
    fn the_default_file_is_valid_and_uncommented_it_is_the_defaults() {
        let text = default_text();
        assert_eq!(parse(&text), Ok(Config::default()));
        let uncommented: String = text
            .lines()
            .map(
                |l| match l.strip_prefix("# ").and_then(|r| r.split_once(" = ")) {
                    Some((name, _)) if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                        l[2..].to_string()
                    }
                    _ => l.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("\n");
        let c = parse(&uncommented).unwrap_or_else(|p| panic!("{p:#?}"));
        assert_eq!(c.theme, Some(Theme::Dark));
        assert!(c.rebinds.len() > 60);
        let k = Settings::from_config(&c).keymap;
        for (a, b) in k.entries().iter().zip(Keymap::builtin().entries()) {
            assert_eq!(a.keys, b.keys);
        }
    }

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(locate("é = 1\nab", 7), (2, 1));
        assert_eq!(locate("é = 1\nab", 8), (2, 2));
    }
}

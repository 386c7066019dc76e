//! What both targets check about one input.

use std::io::Write;
use std::ops::ControlFlow;

use annals::export::{self, Format};
use annals::import::Options;
use annals::load::{self, LoadError, Reading};

/// Loads `data` as a file (as the command line and the browser do) and, when it is UTF-8
/// and no format is forced, as text too; checks what came of it.
pub fn check(data: &[u8], options: &Options) {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(data).expect("write the input");
    file.flush().expect("write the input");
    let opened = load::open(file.path(), options, Reading::Copy, &mut |_| {
        ControlFlow::Continue(())
    });
    if options.format.is_none()
        && let Ok(text) = std::str::from_utf8(data)
    {
        let name = file.path().display().to_string();
        let direct = load::from_str(text, &name);
        assert_eq!(
            opened.as_ref().map(|_| ()).map_err(|e| e.to_string()),
            direct.as_ref().map(|_| ()).map_err(|e| e.to_string()),
            "load::open and load::from_str disagree"
        );
    }
    match opened {
        Ok((data, _)) => round_trip(&data),
        Err(e) => located(&e),
    }
}

/// An error says where the problem is.
fn located(e: &LoadError) {
    match e {
        LoadError::Json { line, column, .. } => {
            assert!(*line >= 1 && *column >= 1, "not located: {e}");
        }
        LoadError::Invalid { problems, .. } => {
            assert!(!problems.is_empty(), "invalid, with no problem");
            for p in problems {
                assert!(!p.field.is_empty(), "a problem without a field: {p:?}");
            }
        }
        LoadError::Io { .. } | LoadError::Cancelled { .. } => panic!("unexpected: {e}"),
        LoadError::Import { .. } | LoadError::Unrecognised { .. } => {}
    }
}

/// Exports as annals JSON; that loads, with the same events, and exports the same again.
fn round_trip(data: &annals::model::Dataset) {
    let stamp = export::now();
    let all = data.all_events();
    let json = export::render(Format::Json, data, &all, stamp).expect("a loaded dataset exports");
    let back = load::from_str(&json, "round trip")
        .unwrap_or_else(|e| panic!("its JSON export does not load: {e}"));
    assert_eq!(back.events.len(), data.events.len());
    let again = export::render(Format::Json, &back, &back.all_events(), stamp).unwrap();
    assert!(again == json, "the second export differs from the first");
}

//! Bytes to the loader, as `annals FILE` reads them: the format recognised from the content
//! (annals/1, TimelineJS, Timesketch, plaso, GDELT, CSV, JSON Lines…). Must never panic,
//! overflow the stack or hang; an error must say where; whatever loads must load again,
//! the same, from its own JSON export.

#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::check(data, &annals::import::Options::default());
});

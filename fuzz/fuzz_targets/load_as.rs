//! Bytes to one importer, named as `--input-format` names it: the first byte chooses the
//! format, the rest is the file. Reaches the readers that content detection would not pick
//! for these bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let formats = annals::import::Format::ALL;
    let options = annals::import::Options {
        format: Some(formats[usize::from(first) % formats.len()]),
        ..Default::default()
    };
    common::check(rest, &options);
});

//! annals: a terminal timeline browser.
//!
//! Data flows one way: file → `load` (validate) → `model::Dataset` → view. The core
//! (`model`, `load`, `text`, `query`, `axis`, `outline`, `export`) knows nothing of terminals; `tui` is one face on it and the
//! command line (`cli`, `main.rs`) another.

pub mod axis;
pub mod cli;
pub mod edit;
pub mod export;
pub mod import;
pub mod load;
pub mod model;
pub mod outline;
pub mod query;
pub mod text;
pub mod tui;

//! Finding events: one folding rule for data and queries, filters (actors, text, dates,
//! conditions on attributes), the
//! actor index and fuzzy ranking. The TUI and the command line both go through here, so
//! `annals list --actor putin` and the actor filter in the TUI cannot disagree.

mod actors;
pub mod condition;
mod date;
mod filter;
mod fold;
pub mod nav;
mod search;

pub use actors::{ActorError, ActorIndex, ActorMatch};
pub use condition::Condition;
pub use date::{BadDate, parse_bounds, parse_date};
pub use filter::{ActorMode, Filter};
pub use fold::{Folded, fold, fold_into};
pub use search::{Search, event_mentions};

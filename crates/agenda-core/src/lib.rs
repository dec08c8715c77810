//! The domain of the *Agenda numérique des collectivités*: what the State has
//! scheduled for French local authorities, as plain Rust with no DOM.
//!
//! - [`model`]: the published dataset's types (the JSON Schema comes from them).
//! - [`date`]: dates known to a precision (day … year).
//! - [`french`]: French wording of dates, numbers and counts.
//! - [`load`](mod@load) and [`validate`]: from bytes to valid entries, every problem reported.
//! - [`status`]: upcoming / ongoing / past, from "today".
//! - [`search`], [`filter`], [`index`]: what the agenda shows for a set of filters.
//! - [`query`]: the filters as a URL query, parsed and printed; [`route`]: the pages'
//!   paths, parsed and printed.
//! - [`timeline`]: milestones grouped by year and period, as the timeline reads.
//! - [`frise`]: the horizontal overview's geometry and keyboard navigation.
//! - [`profile`]: "ma collectivité" and whether each chantier applies to it.
//! - [`export`]: iCalendar, CSV and Atom; [`merge`]: contributions.
//!
//! ```
//! let text = std::fs::read("../../public/data/agenda.json").unwrap();
//! let loaded = agenda_core::load(&text).unwrap();
//! assert!(loaded.dataset.chantiers.len() >= 30);
//! ```

#![warn(missing_docs)]
// `str` indexing's panic message costs the wasm 3 kB gzip: `str_slice::slice` instead.
#![cfg_attr(not(test), warn(clippy::string_slice))]

pub mod compact_sort;
pub mod date;
pub mod draft;
pub mod export;
mod facet_index;
mod fast_hash;
pub mod filter;
pub mod filter_form;
pub mod french;
pub mod frise;
pub mod index;
pub mod join;
pub mod load;
pub mod merge;
pub mod model;
pub mod problem;
pub mod profile;
pub mod query;
pub mod route;
pub mod search;
pub mod sorted_set;
pub mod status;
pub mod str_slice;
pub mod timeline;
pub mod validate;
pub mod word_index;

#[cfg(feature = "schema")]
pub mod schema;

/// Synthetic datasets for benchmarks (feature `generate`: CLI and benches only).
#[cfg(feature = "generate")]
pub mod generate;

pub use date::{DateError, PartialDate, Precision};
pub use filter::{Filter, Period, PeriodPreset, YearMonth};
pub use index::Index;
pub use load::{load, load_text, LoadError, Loaded};
pub use model::*;
pub use problem::{EntryRef, Problem, ProblemKind, Severity};
pub use query::{AgendaQuery, View};
pub use status::{chantier_status, milestone_status, Status};
pub use timeline::{Timeline, TimelineEntry, TimelineGroup};

//! verbatim checks that quotations survive translation: it extracts the quotes of a
//! translated article and of its sources, matches them, and reports what drifted.
//!
//! The core (`text`, `quote`, `align`, `score`, `judge`, `check`) is pure and synchronous:
//! it reads no files, prints nothing and calls no network. `report` renders a
//! [`CheckReport`]; `cli` is the command line around it.

pub mod align;
pub mod backend;
pub mod check;
pub mod eval;
pub mod finding;
pub mod gate;
pub mod judge;
pub mod lang;
pub mod lexicon;
pub mod quote;
pub mod report;
pub mod score;
pub mod text;

pub use check::{check, CheckReport, CheckSettings};
pub use finding::{Evidence, Finding, QuoteRef, Rule, Severity, Side};
pub use lang::Lang;
pub use lexicon::Resources;
pub use quote::{extract_quotes, Quote, QuoteKind, Speaker};
pub use score::{LexicalScorer, Scorer};
pub use text::{Document, Span};

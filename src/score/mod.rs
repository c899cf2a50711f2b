//! Similarity and drift signals for quote pairs, from the built-in lexicon alone: no
//! network, no model. Pairing uses a whole-quote similarity (lexical coverage in both
//! directions); the drift verdict comes from word-level checks of each matched pair, because
//! a misquote is a near-literal translation with one fact changed.

mod analyze;
mod checks;
mod compare;
mod external;
mod negation;
mod numbers;
mod wordalign;

pub use analyze::{analyze, analyze_quote, Analyzed};
pub use checks::join_tokens;
pub use compare::{compare, measure, Comparison, Difference, Window, Words};
pub use external::{back_translation_similarity, cosine, BlendedScorer, Calibration, External};
pub use negation::Negation;
pub use numbers::{parse_digits, NumClass, NumberMention};
pub use wordalign::{align, Alignment, Link, LinkKind};

use crate::lexicon::Resources;

/// Thresholds of the drift checks (see `config.toml`, section `[drift]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// A matched pair whose similarity is under this is reported as a rewrite.
    pub rewrite_below: f32,
    /// Unaligned content words in a row that make an added or dropped clause.
    pub clause_words: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rewrite_below: 0.25,
            clause_words: 5,
        }
    }
}

/// One side of a pair to score: the quote's text, its analysis, and the part of it that
/// counts (a partial quote cites a few words of a longer one).
#[derive(Copy, Clone)]
pub struct Side<'a> {
    pub text: &'a str,
    pub analyzed: &'a Analyzed,
    pub window: Window,
}

/// A whole-quote similarity used to pair translated and source quotes. The lexical scorer
/// is built in; [`BlendedScorer`] adds what an HTTP backend computed (embeddings,
/// back-translations).
pub trait Scorer {
    /// Names the scorer in reports (`lexical`, `embeddings:<model>+lexical` ...).
    fn name(&self) -> String;
    /// Similarity in [0, 1] of a translated quote and a source quote.
    fn similarity(&self, t: Side<'_>, s: Side<'_>) -> f32;
    /// The similarity from the words alone, for choices that weigh one pairing against
    /// another the backend was not asked about (a source quote joined with the next one).
    fn lexical_similarity(&self, t: Side<'_>, s: Side<'_>) -> f32 {
        self.similarity(t, s)
    }
}

/// Similarity from lexical coverage: the share of each side's words that the other side
/// renders, through the lexicon, stems, cognates and numbers.
pub struct LexicalScorer<'a> {
    pub res: &'a Resources,
}

impl Scorer for LexicalScorer<'_> {
    fn name(&self) -> String {
        "lexical".into()
    }

    fn similarity(&self, t: Side<'_>, s: Side<'_>) -> f32 {
        measure(t.analyzed, s.analyzed, t.window, s.window, self.res).similarity
    }
}

#[cfg(test)]
mod tests;

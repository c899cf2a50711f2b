//! The drift verdict for one matched pair: align the words, then compare what is aligned
//! and report what is not. Each [`Difference`] carries the words that differ, so a finding
//! can say exactly what changed.

use super::analyze::Analyzed;
use super::wordalign::{align, coverage, Alignment};
use super::{checks, Settings};
use crate::lexicon::{Modality, Resources};
use crate::text::Span;
use std::ops::Range;

/// A stretch of a quote as written, with its place in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    pub text: String,
    pub span: Span,
}

/// One way the translation departs from its source.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Difference {
    /// Numbers, dates, months or weekdays present on one side and not the other.
    Numbers {
        translation: Vec<Words>,
        source: Vec<Words>,
    },
    /// A negation on one side with no counterpart (`added`: it is the translation's).
    Negation { added: bool, words: Vec<Words> },
    /// A word rendered by its opposite (`rose` / `baissé`).
    Reversal {
        translation: Words,
        source: Words,
        gloss: Option<String>,
    },
    /// Names, places or institutions that do not correspond.
    Names {
        translation: Vec<Words>,
        source: Vec<Words>,
    },
    /// A hedge or a certainty on one side only.
    Modality {
        translation: Vec<(Words, Modality)>,
        source: Vec<(Words, Modality)>,
    },
    /// The same scale at different strengths (`concerned` / `furieux`).
    Intensity {
        scale: String,
        translation: (Words, u8),
        source: (Words, u8),
        gloss: Option<String>,
    },
    /// Words of the translation with no counterpart in the source.
    Added { words: Words },
    /// Words of the source the translation leaves out.
    Dropped { words: Words },
    /// The wording as a whole departs from the source.
    Rewrite { similarity: f32 },
}

/// How much of one side of a pair is compared.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Window {
    /// All of it.
    Whole,
    /// The sentences holding aligned words: a quote may cite one sentence of a longer one.
    Sentences,
    /// The aligned words and a couple around them: a partial quote cites a few words.
    Words,
}

#[derive(Clone, Debug)]
pub struct Comparison {
    /// Lexical similarity of the compared windows, in [0, 1].
    pub similarity: f32,
    pub t_coverage: f32,
    pub s_coverage: f32,
    pub t_window: Range<usize>,
    pub s_window: Range<usize>,
    pub alignment: Alignment,
    pub differences: Vec<Difference>,
}

/// Aligns the pair and measures how much of each window is covered, without the checks.
pub fn measure(t: &Analyzed, s: &Analyzed, tw: Window, sw: Window, res: &Resources) -> Comparison {
    let alignment = align(t, s, res);
    let t_window = window(t, |i| alignment.t_aligned(i), tw);
    let s_window = window(s, |j| alignment.s_aligned(j), sw);
    let t_coverage = coverage(t, |i| alignment.t_aligned(i), t_window.clone());
    let s_coverage = coverage(s, |j| alignment.s_aligned(j), s_window.clone());
    let similarity = if t_coverage + s_coverage == 0.0 {
        0.0
    } else {
        2.0 * t_coverage * s_coverage / (t_coverage + s_coverage)
    };
    Comparison {
        similarity,
        t_coverage,
        s_coverage,
        t_window,
        s_window,
        alignment,
        differences: Vec::new(),
    }
}

/// Compares a matched pair and lists its differences.
pub fn compare(
    t: &Analyzed,
    s: &Analyzed,
    tw: Window,
    sw: Window,
    res: &Resources,
    settings: &Settings,
) -> Comparison {
    let mut c = measure(t, s, tw, sw, res);
    let pair = checks::Pair { t, s, c: &c, res };
    // A translation rendered whole but covering little of its source is cut short: that
    // is reported as what was left out, not as a rewrite.
    let rewrite = c.similarity < settings.rewrite_below && c.t_coverage < 0.85;
    // Clauses added or cut are found first: a negation inside one is part of that change,
    // not a second finding.
    let runs = if rewrite {
        Vec::new()
    } else {
        pair.unmatched_runs(settings.clause_words)
    };
    let mut diffs = Vec::new();
    diffs.extend(pair.numbers());
    diffs.extend(pair.negation(&runs));
    diffs.extend(pair.reversals());
    diffs.extend(pair.names());
    diffs.extend(pair.modality());
    diffs.extend(pair.intensity());
    if rewrite {
        diffs.push(Difference::Rewrite {
            similarity: c.similarity,
        });
    }
    diffs.extend(runs);
    c.differences = diffs;
    c
}

/// The range of `a` to compare: whole, or the extent of its aligned words widened to
/// sentences or by two words.
fn window(a: &Analyzed, aligned: impl Fn(usize) -> bool, mode: Window) -> Range<usize> {
    let hits: Vec<usize> = (0..a.len())
        .filter(|&i| aligned(i) && a.is_content(i))
        .collect();
    let (Some(&first), Some(&last)) = (hits.first(), hits.last()) else {
        return 0..a.len();
    };
    match mode {
        Window::Whole => 0..a.len(),
        Window::Words => first.saturating_sub(2)..(last + 3).min(a.len()),
        Window::Sentences => {
            let start = (0..=first)
                .rev()
                .find(|&i| a.sentence_start[i])
                .unwrap_or(0);
            let end = (last + 1..a.len())
                .find(|&i| a.sentence_start[i])
                .unwrap_or(a.len());
            start..end
        }
    }
}

//! Clauses added or left out: runs of content words without counterpart, when the facing
//! stretch of the other side is rendered.

use super::Pair;
use crate::score::analyze::Analyzed;
use crate::score::compare::Difference;
use crate::text::TokenKind;
use std::ops::Range;

impl Pair<'_> {
    /// Runs of at least `min` unaligned content words: a clause added or left out.
    pub fn unmatched_runs(&self, min: usize) -> Vec<Difference> {
        let al = &self.c.alignment;
        let mut out = Vec::new();
        for r in open_runs(self.t, &self.c.t_window, |i| al.t_aligned(i), min) {
            let gap = self.facing_gap(&r, true);
            let own = self.open_in(self.t, r.clone(), |i| al.t_aligned(i));
            if self.open_in(self.s, gap, |j| al.s_aligned(j)) * 4 <= own {
                out.push(Difference::Added {
                    words: self.t_words(r),
                });
            }
        }
        // A translation that renders all its words but covers little of the source cut it
        // short: shorter runs count then.
        let truncated = self.c.t_coverage >= 0.85 && self.c.s_coverage <= 0.5;
        let s_min = if truncated { min.min(2) } else { min };
        for r in open_runs(self.s, &self.c.s_window, |j| al.s_aligned(j), s_min) {
            let gap = self.facing_gap(&r, false);
            let own = self.open_in(self.s, r.clone(), |j| al.s_aligned(j));
            if self.open_in(self.t, gap, |i| al.t_aligned(i)) * 4 <= own {
                out.push(Difference::Dropped {
                    words: self.s_words(r),
                });
            }
        }
        out
    }

    /// The stretch of the other side between the counterparts of the aligned words around
    /// `run` (translation side when `from_t`). Words without counterpart on both sides at
    /// the same place are a rewording the lexicon missed, not an addition.
    fn facing_gap(&self, run: &Range<usize>, from_t: bool) -> Range<usize> {
        let al = &self.c.alignment;
        let (links, own_win, other_win) = if from_t {
            (&al.t_link, &self.c.t_window, &self.c.s_window)
        } else {
            (&al.s_link, &self.c.s_window, &self.c.t_window)
        };
        let other_range = |l: usize| {
            if from_t {
                al.links[l].s.clone()
            } else {
                al.links[l].t.clone()
            }
        };
        let before = (own_win.start..run.start)
            .rev()
            .find_map(|i| links[i])
            .map(|l| other_range(l).end);
        let after = (run.end..own_win.end)
            .find_map(|i| links[i])
            .map(|l| other_range(l).start);
        let (lo, hi) = match (before, after) {
            (Some(b), Some(a)) => (b.min(a), b.max(a)),
            (Some(b), None) => (b, other_win.end),
            (None, Some(a)) => (other_win.start, a),
            (None, None) => (other_win.start, other_win.end),
        };
        lo..hi.max(lo)
    }

    fn open_in(&self, a: &Analyzed, range: Range<usize>, aligned: impl Fn(usize) -> bool) -> usize {
        range
            .filter(|&i| a.is_content(i) && a.tokens[i].kind != TokenKind::Number && !aligned(i))
            .count()
    }
}

/// Content words of a clause that closes the quote unrendered, enough to report it.
const CLOSING_CLAUSE_WORDS: usize = 3;

/// Runs of unaligned content words (numbers aside) not interrupted by an aligned content
/// word; grammatical words inside a run do not break it.
fn open_runs(
    a: &Analyzed,
    win: &Range<usize>,
    aligned: impl Fn(usize) -> bool,
    min: usize,
) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    // A name without counterpart makes a shorter run a clause: `jusqu'à la Cour suprême`.
    // So does a whole clause closing the quote (`…, faute de quoi nous passerons à autre
    // chose`): after a break, nothing but grammatical words before the run, nothing
    // rendered after it.
    let clause_start = |first: usize| {
        (win.start..=first)
            .rev()
            .take_while(|&k| k == first || !a.is_content(k))
            .any(|k| a.brk[k] && k > win.start)
    };
    let mut flush = |current: &mut Vec<usize>, last: bool| {
        let Some(&first) = current.first() else {
            return;
        };
        let named = current
            .iter()
            .any(|&i| a.entity[i] && a.tokens[i].capitalized);
        let closing = last && clause_start(first);
        if current.len() >= min
            || named && current.len() >= 2.min(min)
            || closing && current.len() >= CLOSING_CLAUSE_WORDS.min(min)
        {
            runs.push(current[0]..current[current.len() - 1] + 1);
        }
        current.clear();
    };
    for i in win.clone() {
        if !a.is_content(i) || a.tokens[i].kind == TokenKind::Number {
            continue;
        }
        if aligned(i) {
            flush(&mut current, false);
        } else {
            current.push(i);
        }
    }
    flush(&mut current, true);
    runs
}

//! Names: unaligned names on both sides of a pair, of a compatible kind, are a swap.

use super::{group, join_tokens, Pair};
use crate::lexicon::{Tag, Tags};
use crate::score::analyze::Analyzed;
use crate::score::compare::Difference;
use crate::text::{Token, TokenKind};
use std::ops::Range;

/// What kind of name a run of name words is, from the lexicon.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum NameKind {
    Person,
    Place,
    People,
    Organization,
    /// Not in the lexicon: most often a person or a small place.
    Unknown,
}

impl Pair<'_> {
    /// Unaligned names on both sides, of a compatible kind (a country for a country, a
    /// person for a person): one name was put for another. `Libyens` for `Libya` is a
    /// rewording, not a swap.
    pub fn names(&self) -> Option<Difference> {
        let al = &self.c.alignment;
        let runs = |a: &Analyzed,
                    win: &Range<usize>,
                    aligned: &dyn Fn(usize) -> bool|
         -> Vec<(Range<usize>, NameKind)> {
            let open: Vec<usize> = win
                .clone()
                .filter(|&i| a.entity[i] && !aligned(i) && a.tokens[i].kind == TokenKind::Word)
                .collect();
            group(&open)
                .into_iter()
                .map(|r| (r.clone(), self.name_kind(a, r)))
                .collect()
        };
        let t_runs = runs(self.t, &self.c.t_window, &|i| al.t_aligned(i));
        let s_runs = runs(self.s, &self.c.s_window, &|j| al.s_aligned(j));
        let spelled = |a: &Analyzed, r: &Range<usize>| {
            crate::text::fold(&join_tokens(a, a.span_of(r.clone())))
        };
        let swapped = |(tr, tk): &(Range<usize>, NameKind), (sr, sk): &(Range<usize>, NameKind)| {
            let compatible = tk == sk || *tk == NameKind::Unknown || *sk == NameKind::Unknown;
            let acronyms = tr.clone().all(|i| is_acronym(&self.t.tokens[i]))
                && sr.clone().all(|j| is_acronym(&self.s.tokens[j]));
            compatible
                && !acronyms
                && strsim::jaro_winkler(&spelled(self.t, tr), &spelled(self.s, sr)) < 0.85
        };
        let t_hit: Vec<&(Range<usize>, NameKind)> = t_runs
            .iter()
            .filter(|t| s_runs.iter().any(|s| swapped(t, s)))
            .collect();
        let s_hit: Vec<&(Range<usize>, NameKind)> = s_runs
            .iter()
            .filter(|s| t_runs.iter().any(|t| swapped(t, s)))
            .collect();
        if t_hit.is_empty() {
            return None;
        }
        Some(Difference::Names {
            translation: t_hit
                .into_iter()
                .map(|(r, _)| self.t_words(r.clone()))
                .collect(),
            source: s_hit
                .into_iter()
                .map(|(r, _)| self.s_words(r.clone()))
                .collect(),
        })
    }

    fn name_kind(&self, a: &Analyzed, r: Range<usize>) -> NameKind {
        // The tags of each word, and of the lexicon's phrases inside the run: `United
        // States` is a country though neither word is one.
        let lex = &self.res.lexicon;
        let end = r.end;
        let tags: Vec<Tags> = r
            .flat_map(|i| {
                let phrases = lex
                    .starting_at(a.lang, &a.keys, i)
                    .filter(move |&(len, _)| len >= 2 && i + len <= end)
                    .map(|(_, e)| lex.entry(e).tags);
                std::iter::once(lex.tags(a.lang, &a.keys[i])).chain(phrases)
            })
            .collect();
        let any = |f: &dyn Fn(Tags) -> bool| tags.iter().any(|t| f(*t));
        if any(&|t| t.has(Tag::Person)) {
            NameKind::Person
        } else if any(&|t| {
            t.has(Tag::Country) || t.has(Tag::Capital) || t.has(Tag::City) || t.has(Tag::Region)
        }) {
            NameKind::Place
        } else if any(&|t| t.has(Tag::Nationality)) {
            NameKind::People
        } else if any(&|t| t.has(Tag::Institution) || t.has(Tag::Org)) {
            NameKind::Organization
        } else {
            NameKind::Unknown
        }
    }
}

/// Two or more letters, all capitals: `GST`, `TPS`, `U.S.`.
fn is_acronym(t: &Token) -> bool {
    t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !t.text.chars().any(char::is_lowercase)
}

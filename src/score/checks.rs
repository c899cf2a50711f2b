//! The individual drift checks over an aligned pair: numbers, negation, reversal by
//! antonym, names, modality, intensity, and words present on one side only.

use super::analyze::Analyzed;
use super::compare::{Comparison, Difference, Words};
use super::numbers::{is_conversion, NumberMention};
use super::wordalign::LinkKind;
use crate::lexicon::{Modality, Resources, Tag, Tags};
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

pub struct Pair<'a> {
    pub t: &'a Analyzed,
    pub s: &'a Analyzed,
    pub c: &'a Comparison,
    pub res: &'a Resources,
}

fn words(
    a: &Analyzed,
    range: Range<usize>,
    text_of: impl Fn(crate::text::Span) -> String,
) -> Words {
    let span = a.span_of(range);
    Words {
        text: text_of(span),
        span,
    }
}

impl Pair<'_> {
    fn t_words(&self, range: Range<usize>) -> Words {
        words(self.t, range, |s| self.t_text(s))
    }

    fn s_words(&self, range: Range<usize>) -> Words {
        words(self.s, range, |s| self.s_text(s))
    }

    /// Token texts joined by single spaces: what a reader recognises, without the page's
    /// line breaks.
    fn t_text(&self, span: crate::text::Span) -> String {
        join_tokens(self.t, span)
    }

    fn s_text(&self, span: crate::text::Span) -> String {
        join_tokens(self.s, span)
    }

    fn in_t(&self, r: &Range<usize>) -> bool {
        r.start >= self.c.t_window.start && r.end <= self.c.t_window.end
    }

    fn in_s(&self, r: &Range<usize>) -> bool {
        r.start >= self.c.s_window.start && r.end <= self.c.s_window.end
    }

    /// Values with no equal (or unit-converted) value on the other side. A number word
    /// that the lexicon aligned with a non-number (`neuf` as `new`) is not a number here.
    pub fn numbers(&self) -> Option<Difference> {
        let al = &self.c.alignment;
        // A mention written in words alone, every word of which the lexicon aligned with a
        // non-number, was a homograph (`neuf` = new, `second` = other).
        let real = |m: &NumberMention, a: &Analyzed, link: &dyn Fn(usize) -> Option<usize>| {
            m.range
                .clone()
                .any(|i| a.tokens[i].kind == TokenKind::Number)
                || m.range
                    .clone()
                    .any(|i| link(i).is_none_or(|l| al.links[l].kind == LinkKind::Number))
        };
        let t_nums: Vec<&NumberMention> = self
            .t
            .numbers
            .iter()
            .filter(|m| self.in_t(&m.range) && real(m, self.t, &|i| al.t_link[i]))
            .collect();
        let s_nums: Vec<&NumberMention> = self
            .s
            .numbers
            .iter()
            .filter(|m| self.in_s(&m.range) && real(m, self.s, &|j| al.s_link[j]))
            .collect();
        let mut s_used = vec![false; s_nums.len()];
        let mut t_left = Vec::new();
        for tn in &t_nums {
            let hit = (0..s_nums.len()).find(|&k| !s_used[k] && tn.same_value(s_nums[k]));
            match hit {
                Some(k) => s_used[k] = true,
                None => t_left.push(*tn),
            }
        }
        let mut s_left: Vec<&NumberMention> = s_nums
            .iter()
            .zip(&s_used)
            .filter(|(_, u)| !**u)
            .map(|(m, _)| *m)
            .collect();
        t_left.retain(|tn| {
            match s_left
                .iter()
                .position(|sn| sn.class == tn.class && is_conversion(tn.value, sn.value))
            {
                Some(k) => {
                    s_left.remove(k);
                    false
                }
                None => true,
            }
        });
        if t_left.is_empty() && s_left.is_empty() {
            return None;
        }
        let show = |m: &&NumberMention, a: &Analyzed| Words {
            text: join_tokens(a, m.span),
            span: m.span,
        };
        Some(Difference::Numbers {
            translation: t_left.iter().map(|m| show(m, self.t)).collect(),
            source: s_left.iter().map(|m| show(m, self.s)).collect(),
        })
    }

    /// Different numbers of negation groups, unless implicit negatives make up the gap.
    pub fn negation(&self) -> Option<Difference> {
        let t_neg: Vec<_> = self
            .t
            .negations
            .iter()
            .filter(|n| n.tokens.iter().all(|&i| self.c.t_window.contains(&i)))
            .collect();
        let s_neg: Vec<_> = self
            .s
            .negations
            .iter()
            .filter(|n| n.tokens.iter().all(|&j| self.c.s_window.contains(&j)))
            .collect();
        let (tn, sn) = (t_neg.len(), s_neg.len());
        if tn == sn {
            return None;
        }
        let added = tn > sn;
        let gap = tn.abs_diff(sn);
        let soft = if added {
            self.s.soft_negations
        } else {
            self.t.soft_negations
        };
        if soft >= gap {
            return None;
        }
        let al = &self.c.alignment;
        let extra = if added { t_neg } else { s_neg };
        let other_is_negation = |l: usize| {
            let link = &al.links[l];
            let (range, b) = if added {
                (link.s.clone(), self.s)
            } else {
                (link.t.clone(), self.t)
            };
            b.negations
                .iter()
                .any(|n| n.tokens.iter().any(|k| range.contains(k)))
        };
        let unmatched: Vec<Words> = extra
            .iter()
            .filter(|n| {
                !n.tokens.iter().any(|&i| {
                    let link = if added { al.t_link[i] } else { al.s_link[i] };
                    link.is_some_and(other_is_negation)
                })
            })
            .map(|n| Words {
                text: n.text.clone(),
                span: n.span,
            })
            .collect();
        let shown = if unmatched.is_empty() {
            extra
                .iter()
                .rev()
                .take(gap)
                .map(|n| Words {
                    text: n.text.clone(),
                    span: n.span,
                })
                .collect()
        } else {
            unmatched.into_iter().take(gap).collect()
        };
        Some(Difference::Negation {
            added,
            words: shown,
        })
    }

    /// An unaligned word of the translation whose lexicon rendering is the antonym of an
    /// unaligned word of the source (or the reverse).
    pub fn reversals(&self) -> Vec<Difference> {
        let al = &self.c.alignment;
        let (t, s) = (self.t, self.s);
        let s_data = self.res.lang(s.lang);
        let lex = &self.res.lexicon;
        let open_t: Vec<usize> = self
            .c
            .t_window
            .clone()
            .filter(|&i| !al.t_aligned(i) && t.is_content(i))
            .collect();
        let open_s: Vec<usize> = self
            .c
            .s_window
            .clone()
            .filter(|&j| !al.s_aligned(j) && s.is_content(j))
            .collect();
        let mut found = Vec::new();
        let mut used_s = Vec::new();
        for &i in &open_t {
            let renderings: Vec<String> = lex
                .starting_at(t.lang, &t.keys, i)
                .filter(|&(len, _)| len == 1)
                .flat_map(|(_, e)| {
                    lex.keyed_side(e, s.lang)
                        .iter()
                        .filter(|k| k.len() == 1)
                        .map(|k| k[0].clone())
                })
                .collect();
            // `hausse` renders as `rise`, whose antonym `fall` is in the source; a word the
            // lexicon also renders as the source word is ambiguous, not reversed.
            let opposite_in_s = |j: usize| {
                !renderings.contains(&s.keys[j])
                    && renderings
                        .iter()
                        .any(|r| s_data.antonyms(r).contains(&s.keys[j]))
            };
            if let Some(&j) = open_s
                .iter()
                .find(|&&j| !used_s.contains(&j) && opposite_in_s(j))
            {
                used_s.push(j);
                let gloss = lex.gloss(t.lang, &t.keys[i..=i]).map(String::from);
                found.push(Difference::Reversal {
                    translation: self.t_words(i..i + 1),
                    source: self.s_words(j..j + 1),
                    gloss,
                });
            }
        }
        found
    }

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
        let tags: Vec<Tags> = r
            .map(|i| self.res.lexicon.tags(a.lang, &a.keys[i]))
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

    /// A hedge (may, pourrait) or a certainty (à coup sûr) on one side only. Strong
    /// markers (epistemic modals, adverbs, phrases) count on their own; weak ones (can,
    /// pouvoir, guarantee) only against the opposite on the other side, since they are as
    /// often about ability or wording as about how sure the speaker is.
    pub fn modality(&self) -> Option<Difference> {
        let al = &self.c.alignment;
        let pick = |a: &Analyzed,
                    win: &Range<usize>,
                    aligned: &dyn Fn(usize) -> bool|
         -> Vec<(Range<usize>, Modality, bool)> {
            a.modality
                .iter()
                .filter(|(r, _)| {
                    r.start >= win.start && r.end <= win.end && !r.clone().any(aligned)
                })
                .filter(|(r, m)| *m != Modality::Decided || !is_infinitive(a, r.start))
                .map(|(r, m)| (r.clone(), *m, is_strong(a, r)))
                .collect()
        };
        let t_mod = pick(self.t, &self.c.t_window, &|i| al.t_aligned(i));
        let s_mod = pick(self.s, &self.c.s_window, &|j| al.s_aligned(j));
        let hedge = |m: &[(Range<usize>, Modality, bool)], strong: bool| {
            m.iter().any(|(_, c, st)| c.is_hedge() && (*st || !strong))
        };
        let sure = |m: &[(Range<usize>, Modality, bool)], strong: bool| {
            m.iter().any(|(_, c, st)| !c.is_hedge() && (*st || !strong))
        };
        let t_cond = conditional(self.t, &self.c.t_window);
        let s_cond = conditional(self.s, &self.c.s_window);
        let opposed = (hedge(&s_mod, false) && sure(&t_mod, false) && !hedge(&t_mod, false))
            || (hedge(&t_mod, false) && sure(&s_mod, false) && !hedge(&s_mod, false));
        let hedge_dropped = hedge(&s_mod, true) && !hedge(&t_mod, false) && !t_cond;
        let hedge_added = hedge(&t_mod, true) && !hedge(&s_mod, false) && !s_cond;
        let certainty_added = sure(&t_mod, true) && !sure(&s_mod, false) && !hedge(&s_mod, false);
        let certainty_dropped = sure(&s_mod, true) && !sure(&t_mod, false) && !hedge(&t_mod, false);
        if !(opposed || hedge_dropped || hedge_added || certainty_added || certainty_dropped) {
            return None;
        }
        Some(Difference::Modality {
            translation: t_mod
                .into_iter()
                .map(|(r, m, _)| (self.t_words(r), m))
                .collect(),
            source: s_mod
                .into_iter()
                .map(|(r, m, _)| (self.s_words(r), m))
                .collect(),
        })
    }

    /// The same intensity scale on both sides with no level in common.
    pub fn intensity(&self) -> Vec<Difference> {
        let al = &self.c.alignment;
        let in_win = |r: &Range<usize>, w: &Range<usize>| r.start >= w.start && r.end <= w.end;
        let t_int: Vec<_> = self
            .t
            .intensity
            .iter()
            .filter(|(r, _)| in_win(r, &self.c.t_window) && !r.clone().any(|i| al.t_aligned(i)))
            .collect();
        let s_int: Vec<_> = self
            .s
            .intensity
            .iter()
            .filter(|(r, _)| in_win(r, &self.c.s_window) && !r.clone().any(|j| al.s_aligned(j)))
            .collect();
        let mut scales: Vec<&str> = t_int.iter().map(|(_, v)| v.scale.as_str()).collect();
        scales.sort();
        scales.dedup();
        let mut found = Vec::new();
        for scale in scales {
            let t_on: Vec<_> = t_int.iter().filter(|(_, v)| v.scale == scale).collect();
            let s_on: Vec<_> = s_int.iter().filter(|(_, v)| v.scale == scale).collect();
            if s_on.is_empty()
                || t_on
                    .iter()
                    .any(|(_, tv)| s_on.iter().any(|(_, sv)| sv.level == tv.level))
            {
                continue;
            }
            let (tr, tv) = t_on[0];
            let (sr, sv) = s_on
                .iter()
                .min_by_key(|(_, sv)| sv.level.abs_diff(tv.level))
                .expect("non-empty");
            let gloss = self
                .res
                .lexicon
                .gloss(self.t.lang, &self.t.keys[tr.clone()])
                .map(String::from);
            found.push(Difference::Intensity {
                scale: scale.to_string(),
                translation: (self.t_words(tr.clone()), tv.level),
                source: (self.s_words(sr.clone()), sv.level),
                gloss,
            });
        }
        found
    }

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
    let mut flush = |current: &mut Vec<usize>| {
        if current.len() >= min {
            runs.push(current[0]..current[current.len() - 1] + 1);
        }
        current.clear();
    };
    for i in win.clone() {
        if !a.is_content(i) || a.tokens[i].kind == TokenKind::Number {
            continue;
        }
        if aligned(i) {
            flush(&mut current);
        } else {
            current.push(i);
        }
    }
    flush(&mut current);
    runs
}

/// Epistemic modals and adverbs of likelihood or certainty, and fixed phrases: markers
/// whose presence on one side only changes how sure the quote sounds.
fn is_strong(a: &Analyzed, r: &Range<usize>) -> bool {
    const STRONG: &[&str] = &[
        "may",
        "might",
        "perhaps",
        "maybe",
        "possibly",
        "probably",
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "surely",
        "certainly",
        "definitely",
        "undoubtedly",
    ];
    if r.len() > 1 {
        return true;
    }
    let w = &a.tokens[r.start].lower;
    STRONG.contains(&w.as_str())
        || (w.chars().count() > 6 && (w.ends_with("ment") || w.ends_with("ly")))
}

/// `options à adopter`, `to decide`: a decision named, not taken.
fn is_infinitive(a: &Analyzed, i: usize) -> bool {
    let w = &a.tokens[i].lower;
    match a.lang {
        crate::lang::Lang::Fr => ["er", "ir", "re"].iter().any(|e| w.ends_with(e)),
        crate::lang::Lang::En => i > 0 && a.tokens[i - 1].lower == "to",
    }
}

/// French conditional verbs (`envisagerait`, `pourraient`) hedge without a modal word.
fn conditional(a: &Analyzed, win: &Range<usize>) -> bool {
    a.lang == crate::lang::Lang::Fr
        && win.clone().any(|i| {
            let w = &a.tokens[i].norm;
            w.len() > 5
                && ["rait", "raient", "rais", "rions", "riez"]
                    .iter()
                    .any(|e| w.ends_with(e))
        })
}

fn group(idx: &[usize]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for &i in idx {
        match runs.last_mut() {
            Some(r) if r.end == i => r.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// The tokens inside `span`, joined with single spaces (no space before elided or joined
/// pieces), so messages read naturally whatever the line breaks.
pub fn join_tokens(a: &Analyzed, span: crate::text::Span) -> String {
    let mut out = String::new();
    let mut prev_end = None;
    for t in a
        .tokens
        .iter()
        .filter(|t| t.span.start >= span.start && t.span.end <= span.end)
    {
        if prev_end.is_some_and(|end| t.span.start > end) {
            out.push(if t.joined { '-' } else { ' ' });
        }
        out.push_str(&t.text);
        prev_end = Some(t.span.end);
    }
    out
}

/// Two or more letters, all capitals: `GST`, `TPS`, `U.S.`.
fn is_acronym(t: &Token) -> bool {
    t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !t.text.chars().any(char::is_lowercase)
}

//! The individual drift checks over an aligned pair, one concern a file: numbers,
//! negation and reversal here; names, modality and intensity, and clauses present on one
//! side only in the submodules.

mod clauses;
mod modality;
mod names;

use super::analyze::Analyzed;
use super::compare::{Comparison, Difference, Words};
use super::numbers::{is_conversion, NumberMention};
use super::wordalign::LinkKind;
use crate::lexicon::Resources;
use crate::text::{Span, TokenKind};
use std::ops::Range;

/// A compared pair: the two analyzed quotes, their alignment and windows.
pub struct Pair<'a> {
    pub t: &'a Analyzed,
    pub s: &'a Analyzed,
    pub c: &'a Comparison,
    pub res: &'a Resources,
}

impl Pair<'_> {
    /// Translation tokens `range` as written.
    fn t_words(&self, range: Range<usize>) -> Words {
        words(self.t, range)
    }

    /// Source tokens `range` as written.
    fn s_words(&self, range: Range<usize>) -> Words {
        words(self.s, range)
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
        t_left.retain(|m| !m.soft);
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
    pub fn negation(&self, runs: &[Difference]) -> Option<Difference> {
        let within = |span: Span, added: bool| {
            runs.iter().any(|d| match d {
                Difference::Added { words } if added => {
                    words.span.start <= span.start && span.end <= words.span.end
                }
                Difference::Dropped { words } if !added => {
                    words.span.start <= span.start && span.end <= words.span.end
                }
                _ => false,
            })
        };
        let t_neg: Vec<_> = self
            .t
            .negations
            .iter()
            .filter(|n| {
                n.tokens.iter().all(|&i| self.c.t_window.contains(&i)) && !within(n.span, true)
            })
            .collect();
        let s_neg: Vec<_> = self
            .s
            .negations
            .iter()
            .filter(|n| {
                n.tokens.iter().all(|&j| self.c.s_window.contains(&j)) && !within(n.span, false)
            })
            .collect();
        let (tn, sn) = (t_neg.len(), s_neg.len());
        if tn == sn {
            return None;
        }
        let added = tn > sn;
        let gap = tn.abs_diff(sn);
        let al = &self.c.alignment;
        let (extra, other) = if added {
            (t_neg, self.s)
        } else {
            (s_neg, self.t)
        };
        let link_of = |i: usize| if added { al.t_link[i] } else { al.s_link[i] };
        let other_range = |l: usize| {
            if added {
                al.links[l].s.clone()
            } else {
                al.links[l].t.clone()
            }
        };
        // A marker the lexicon paired with a word of the other side is rendered by it: a
        // negation (`ne … pas` / `not`), or a non-negative reading (`jamais` / `ever`).
        let rendered = |n: &&super::Negation| n.tokens.iter().any(|&i| link_of(i).is_some());
        let mut candidates: Vec<&super::Negation> =
            extra.iter().copied().filter(|n| !rendered(n)).collect();
        if candidates.is_empty() {
            candidates = extra.clone();
        }
        // A group changes the meaning only where its word is rendered on the other side
        // without a negation (or an implicit negative: `unable`, `empêchent`) near that
        // rendering. A negated word rendered freely (`won't let you down` / `à la hauteur`)
        // cannot be judged and is left alone. Each negative of the other side explains one
        // group only (`can't treat … if you can't diagnose` / `pouvez traiter … si vous ne le
        // diagnostiquez pas`): it is named by its group, or by its position for an implicit
        // one.
        let negative_at = |k: usize| {
            other
                .negations
                .iter()
                .position(|n| n.tokens.contains(&k))
                .or_else(|| other.soft.contains(&k).then_some(other.len() + k))
        };
        let mut used: Vec<usize> = Vec::new();
        let own = if added { self.t } else { self.s };
        let mut unexplained = Vec::new();
        for n in candidates {
            // The negated word's rendering, else that of a content word just after the group
            // in its clause (`n'est pas un quartier` -> `quartier`).
            let hi = n.tokens[n.tokens.len() - 1];
            let after = (hi + 1..(hi + 4).min(own.len()))
                .take_while(|&k| k == hi + 1 || !own.brk[k])
                .filter(|&k| own.is_content(k));
            let anchor = n.attached.into_iter().chain(after).find_map(link_of);
            let Some(l) = anchor else { continue };
            let r = other_range(l);
            let near = r.start.saturating_sub(4)..(r.end + 2).min(other.len());
            // An implicit negative often heads the clause from further away (`empêche les
            // constructeurs de lancer les chantiers` / `builders can't get on site`): one
            // before the rendering in its sentence still explains the group, after the near
            // ones.
            let sentence = (0..=r.start.min(other.len().saturating_sub(1)))
                .rev()
                .find(|&k| other.sentence_start[k])
                .unwrap_or(0);
            let implicit = (sentence..r.start)
                .filter(|k| other.soft.contains(k))
                .map(|k| other.len() + k);
            let free = near
                .filter_map(negative_at)
                .chain(implicit)
                .find(|u| !used.contains(u));
            match free {
                Some(u) => used.push(u),
                None => unexplained.push(n),
            }
        }
        if unexplained.is_empty() {
            return None;
        }
        let words = unexplained
            .into_iter()
            .take(gap)
            .map(|n| Words {
                text: n.text.clone(),
                span: n.span,
            })
            .collect();
        Some(Difference::Negation { added, words })
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
            // `not permitted` / `interdit`: a negated word is not reversed by its opposite.
            if negated(t, i) {
                continue;
            }
            if let Some(&j) = open_s
                .iter()
                .find(|&&j| !used_s.contains(&j) && !negated(s, j) && opposite_in_s(j))
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
}

/// A negation stands among the three words before `i`, or a diminisher just before it:
/// `peu profonde` is shallow, `less likely` is not likely.
fn negated(a: &Analyzed, i: usize) -> bool {
    const DIMINISHERS: &[&str] = &[
        "peu", "moins", "guère", "little", "less", "hardly", "barely", "scarcely",
    ];
    a.negations
        .iter()
        .any(|n| n.tokens.iter().any(|&k| k < i && k + 3 >= i))
        || (i.saturating_sub(2)..i).any(|k| DIMINISHERS.contains(&a.tokens[k].lower.as_str()))
}

fn words(a: &Analyzed, range: Range<usize>) -> Words {
    let span = a.span_of(range);
    Words {
        text: join_tokens(a, span),
        span,
    }
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
pub fn join_tokens(a: &Analyzed, span: Span) -> String {
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

//! Who said it: the speaker of each quote, from the words around it.
//!
//! Tried in order: an incise or the attribution between two joined pieces; a reporting verb
//! right after the quote (`», a déclaré Kim`, `,” Kim said`); the last reporting verb of the
//! sentence before it (`Kim a affirmé que «`, `According to Kim, “`); any reporting verb
//! after it in the sentence; for a quote standing as a sentence of its own, the reporting
//! verb of the sentence before it (`Farinha said the vote was close. “…”`). A pronoun
//! resolves to the last named speaker of the paragraph or the previous one.

use super::cues::Cues;
use super::{Quote, Speaker, SpeakerVia};
use crate::lang::Lang;
use crate::lexicon::Tag;
use crate::text::{tokenize, Document, Span, Token, TokenKind};

/// A stretch of the document's tokens with where each belongs.
pub(super) struct View<'a> {
    pub(super) tokens: Vec<Token>,
    /// Quote whose quoted text holds the token (marks included), if any.
    pub(super) owner: Vec<Option<usize>>,
    /// Quote whose incise holds the token, if any.
    pub(super) incise: Vec<Option<usize>>,
    pub(super) sentence: Vec<usize>,
    pub(super) paragraph: Vec<usize>,
    pub(super) quote_is_full: Vec<bool>,
    pub(super) cues: &'a Cues<'a>,
}

pub fn attribute(doc: &Document, quotes: &mut [Quote], cues: &Cues) {
    let view = View::new(doc, quotes, cues);
    // The first and last token of each quote, found in one pass (quotes are many in a
    // transcript; searching the tokens for each would be quadratic).
    let mut bounds: Vec<Option<(usize, usize)>> = vec![None; quotes.len()];
    for (i, owner) in view.owner.iter().enumerate() {
        if let Some(q) = *owner {
            let b = bounds[q].get_or_insert((i, i));
            b.1 = i;
        }
    }
    let mut named: Vec<(usize, Speaker)> = Vec::new();
    for q in 0..quotes.len() {
        let Some((first, last)) = bounds[q] else {
            continue;
        };
        let previous_in_sentence = (0..q)
            .rev()
            .find(|&p| bounds[p].is_some_and(|(i, _)| view.sentence[i] == view.sentence[first]))
            .and_then(|p| quotes[p].speaker.clone());
        let speaker = view.find(q, first, last, previous_in_sentence);
        let start = quotes[q].outer().start;
        let speaker = speaker.map(|s| resolve(s, start, &named, &view, first));
        if let Some(s) = speaker.as_ref().filter(|s| s.is_named()) {
            named.push((start, s.clone()));
        }
        quotes[q].speaker = speaker;
    }
}

/// A pronoun takes the latest person named before the quote in its paragraph (as a quote's
/// speaker or in the text), else the latest in the previous paragraph.
fn resolve(
    mut s: Speaker,
    quote_start: usize,
    named: &[(usize, Speaker)],
    view: &View,
    before: usize,
) -> Speaker {
    if s.via != SpeakerVia::Pronoun {
        return s;
    }
    let here = view.paragraph[before];
    for p in [Some(here), here.checked_sub(1)].into_iter().flatten() {
        let upto = if p == here { before } else { view.tokens.len() };
        let idx: Vec<usize> = (0..upto)
            .filter(|&i| view.paragraph[i] == p && view.owner[i].is_none())
            .collect();
        // In the quote's own paragraph any person named before it can be the antecedent
        // (`Saar was more blunt. “…,” he said.`); from the paragraph before, only one who
        // speaks there (subject of a reporting verb, or after `selon`).
        // A mention is a sure antecedent when its person speaks; in the quote's own
        // paragraph a full name will do (`Kristjan Saar was more blunt.`), a lone word not.
        let mention = view
            .runs(&idx)
            .into_iter()
            .filter(|r| r.1 == SpeakerVia::Name)
            .map(|r| {
                let sure = view.speaks(&r, &idx);
                (r, sure)
            })
            .rfind(|(r, sure)| *sure || p == here && view.word_count(r) >= 2)
            .map(|(r, sure)| (view.tokens[r.0[0]].span.start, view.speaker(r), sure));
        let spoken = named
            .iter()
            .rfind(|(pos, sp)| view.paragraph_at(*pos) == p && *pos < quote_start && sp.is_named())
            .map(|(pos, sp)| (*pos, sp.clone(), sp.confident));
        // In the quote's own paragraph the latest person named wins; from the paragraph
        // before, the last speaker is a safer guess than the last name mentioned.
        let pick = if p == here {
            [mention, spoken]
                .into_iter()
                .flatten()
                .max_by_key(|(pos, _, _)| *pos)
        } else {
            spoken.or(mention)
        };
        if let Some((_, named, sure)) = pick {
            s.normalized = named.normalized;
            s.refers_to = Some(named.refers_to.unwrap_or(named.text));
            s.confident = sure;
            return s;
        }
    }
    s
}

mod names;

/// Token indices of a name, title or pronoun, and what it is.
type Run = (Vec<usize>, SpeakerVia);

impl<'a> View<'a> {
    fn new(doc: &Document, quotes: &[Quote], cues: &'a Cues<'a>) -> View<'a> {
        let tokens = tokenize(&doc.text, 0, doc.lang);
        let locate = |pos: usize, spans: &dyn Fn(&Quote) -> Vec<Span>| {
            quotes
                .iter()
                .position(|q| spans(q).iter().any(|s| s.contains(pos)))
        };
        let incise: Vec<Option<usize>> = tokens
            .iter()
            .map(|t| locate(t.span.start, &|q| q.incises.clone()))
            .collect();
        let owner: Vec<Option<usize>> = tokens
            .iter()
            .zip(&incise)
            .map(|(t, inc)| {
                if inc.is_some() {
                    None
                } else {
                    locate(t.span.start, &|q| vec![q.outer()])
                }
            })
            .collect();
        let paragraph: Vec<usize> = tokens
            .iter()
            .map(|t| doc.paragraph_of(t.span.start))
            .collect();
        let mut sentence = Vec::with_capacity(tokens.len());
        let mut id = 0;
        for i in 0..tokens.len() {
            if i > 0 && (paragraph[i] != paragraph[i - 1] || ends_sentence(&tokens, &owner, i - 1))
            {
                id += 1;
            }
            sentence.push(id);
        }
        let quote_is_full = quotes
            .iter()
            .map(|q| q.kind == super::QuoteKind::Full)
            .collect();
        View {
            tokens,
            owner,
            incise,
            sentence,
            paragraph,
            quote_is_full,
            cues,
        }
    }

    /// The paragraph of a byte offset.
    fn paragraph_at(&self, pos: usize) -> usize {
        let k = self.tokens.partition_point(|t| t.span.start < pos);
        self.paragraph
            .get(k)
            .or(self.paragraph.last())
            .copied()
            .unwrap_or(0)
    }

    /// Unquoted tokens of the sentence holding token `at`, before or after `at`.
    fn context(&self, at: usize, after: bool) -> Vec<usize> {
        let same = |i: &usize| {
            self.sentence[*i] == self.sentence[at]
                && self.owner[*i].is_none()
                && self.incise[*i].is_none()
        };
        if after {
            (at + 1..self.tokens.len())
                .take_while(|i| self.sentence[*i] == self.sentence[at])
                .filter(same)
                .collect()
        } else {
            (0..at).filter(same).collect()
        }
    }

    fn find(
        &self,
        q: usize,
        first: usize,
        last: usize,
        previous: Option<Speaker>,
    ) -> Option<Speaker> {
        let incise: Vec<usize> = (0..self.tokens.len())
            .filter(|&i| self.incise[i] == Some(q))
            .collect();
        let right = self.context(last, true);
        let left = self.context(first, false);
        // Right after the quote, an attribution follows a comma (`», a déclaré Kim`) or a
        // quote that ends with one (`,” Kim said`).
        let comma_after = right.first().is_some_and(|&i| self.tokens[i].text == ",")
            || self.tokens[last].text == ","
            || (last > 0 && self.owner[last] == Some(q) && self.tokens[last - 1].text == ",");
        let tight = if comma_after {
            self.postposed(&right, 5)
        } else {
            None
        };
        if let Some(run) = self.postposed(&incise, usize::MAX).or(tight) {
            return Some(self.speaker(run));
        }
        match self.preposed(&left) {
            Some(Preposed::Run(run)) => return Some(self.speaker(run)),
            Some(Preposed::SameAsSentence) => {
                if let Some(run) = self.sentence_subject(&left) {
                    return Some(self.speaker(run));
                }
                if previous.is_some() {
                    return previous;
                }
            }
            None => {}
        }
        // Farther after the quote (`« ... » entre X et Y, KCNA a dit`): only for quotes of
        // a sentence or more, where the attribution may come late.
        let full = self.quote_is_full[q];
        if !full {
            return None;
        }
        self.postposed(&right, usize::MAX)
            .or_else(|| self.previous_sentence(first, &left))
            .map(|run| self.speaker(run))
    }

    /// A quote standing as a sentence of its own after one that reports speech (`Farinha
    /// said the arithmetic would leave the government fragile. “Cardoso will need…”`): the
    /// subject of that sentence's reporting verb, in the same paragraph.
    fn previous_sentence(&self, first: usize, left: &[usize]) -> Option<Run> {
        let words_before = left
            .iter()
            .any(|&i| self.tokens[i].kind != TokenKind::Punct);
        if words_before || first == 0 {
            return None;
        }
        let at = first - 1;
        if self.paragraph[at] != self.paragraph[first] || self.sentence[at] == self.sentence[first]
        {
            return None;
        }
        let ctx: Vec<usize> = self
            .context(at, false)
            .into_iter()
            .chain(std::iter::once(at))
            .filter(|&i| self.owner[i].is_none() && self.incise[i].is_none())
            .collect();
        match self.preposed(&ctx)? {
            Preposed::Run(run) => Some(run),
            Preposed::SameAsSentence => self.sentence_subject(&ctx),
        }
    }

    /// A reporting verb among the first `limit` words of `ctx`, with its subject before it
    /// (`, Kim said`) or after it (`, a déclaré Kim`, `, a-t-il dit`, `, said Kim`).
    fn postposed(&self, ctx: &[usize], limit: usize) -> Option<Run> {
        let words: Vec<usize> = ctx
            .iter()
            .copied()
            .filter(|&i| self.tokens[i].kind != TokenKind::Punct)
            .collect();
        let v = words.iter().take(limit).position(|&i| {
            self.cues.is_reporting(&self.tokens[i]) && !self.cues.is_participle(&self.tokens[i])
        })?;
        let verb = words[v];
        let before: Vec<usize> = ctx.iter().copied().filter(|&i| i < verb).collect();
        let after: Vec<usize> = ctx.iter().copied().filter(|&i| i > verb).collect();
        if self.tokens[verb].norm == "selon" || self.tokens[verb].norm == "according" {
            return self.after_verb(&after);
        }
        if let Some(&p) = words[..v]
            .iter()
            .rev()
            .find(|&&i| self.cues.is_pronoun(&self.tokens[i]))
        {
            return Some((vec![p], SpeakerVia::Pronoun));
        }
        if let Some(run) = self.runs(&before).into_iter().last() {
            return Some(run);
        }
        self.after_verb(&after)
    }

    fn after_verb(&self, after: &[usize]) -> Option<Run> {
        let head: Vec<&Token> = after.iter().take(2).map(|&i| &self.tokens[i]).collect();
        let inverted = head
            .iter()
            .position(|t| self.cues.is_pronoun(t) && (t.joined || self.cues.lang == Lang::En));
        if let Some(k) = inverted.filter(|&k| k == 0 || head[0].lower == "t") {
            return Some((vec![after[k]], SpeakerVia::Pronoun));
        }
        let clause: Vec<usize> = after
            .iter()
            .copied()
            .take_while(|&i| !matches!(self.tokens[i].text.as_str(), ":" | ";"))
            .collect();
        // `said Rovers manager Steve Kinsella`: a name followed by a title or common noun
        // modifies it; the speaker is the next name.
        let modifier = |r: &Run| {
            let last = *r.0.last().expect("runs are non-empty");
            clause
                .iter()
                .position(|&i| i == last)
                .and_then(|k| clause.get(k + 1))
                .is_some_and(|&n| {
                    let t = &self.tokens[n];
                    !t.capitalized
                        && t.kind == TokenKind::Word
                        && (self.cues.is_title(t) || self.cues.tags(t).has(Tag::Noun))
                })
        };
        // `la directrice générale de Northlight, Fiona Rennie`: a name after `de` / `of`
        // completes a title; the speaker is the next name.
        let complement = |r: &Run| self.completes_noun(r);
        let runs = self.runs(&clause);
        runs.iter()
            .find(|r| r.1 == SpeakerVia::Name && !modifier(r) && !complement(r))
            .or_else(|| {
                runs.iter()
                    .find(|r| r.1 == SpeakerVia::Name && !modifier(r))
            })
            .or_else(|| runs.iter().find(|r| r.1 == SpeakerVia::Name))
            .cloned()
            .or_else(|| self.title(&clause))
            .or_else(|| runs.first().cloned())
    }

    /// The last reporting verb of the sentence before the quote and its subject.
    fn preposed(&self, ctx: &[usize]) -> Option<Preposed> {
        let v = ctx
            .iter()
            .rposition(|&i| self.cues.is_reporting(&self.tokens[i]))?;
        let verb = &self.tokens[ctx[v]];
        let after: Vec<usize> = ctx[v + 1..].to_vec();
        if verb.norm == "selon" || verb.norm == "according" {
            let upto: Vec<usize> = after
                .iter()
                .copied()
                .take_while(|&i| self.tokens[i].text != ",")
                .collect();
            if let Some(&p) = upto
                .iter()
                .find(|&&i| self.cues.is_pronoun(&self.tokens[i]))
            {
                return Some(Preposed::Run((vec![p], SpeakerVia::Pronoun)));
            }
            return self.after_verb(&upto).map(Preposed::Run);
        }
        if self.cues.is_participle(verb) {
            return Some(Preposed::SameAsSentence);
        }
        let before = without_relative_clauses(&self.tokens, &ctx[..v]);
        let near = before.iter().rev().find(|&&i| {
            let t = &self.tokens[i];
            t.kind != TokenKind::Punct
                && !self.cues.is_auxiliary(t)
                && !matches!(t.norm.as_str(), "ne" | "n'" | "not" | "n't" | "pas")
        });
        if let Some(&p) = near.filter(|&&i| self.cues.is_pronoun(&self.tokens[i])) {
            return Some(Preposed::Run((vec![p], SpeakerVia::Pronoun)));
        }
        // The subject is in the verb's own clause, or (after an apposition such as
        // `la ministre de la Défense, Aino Lehtonen,`) in one of the two before it.
        let segments: Vec<&[usize]> = before
            .split(|&i| matches!(self.tokens[i].text.as_str(), "," | ";" | ":"))
            .collect();
        // A name completing a noun (`spécialiste … à l'université de Loughborough`) belongs
        // to an apposition; the person is in a segment before it (`Helen Marsh,`).
        let segments: Vec<&[usize]> = segments.into_iter().rev().take(3).collect();
        let person = segments.iter().find_map(|seg| {
            self.runs(seg)
                .into_iter()
                .rev()
                .find(|r| r.1 == SpeakerVia::Name && !self.completes_noun(r))
        });
        if let Some(run) = person {
            return Some(Preposed::Run(run));
        }
        for seg in segments {
            let runs = self.runs(seg);
            if let Some(run) = self.title(seg).or_else(|| runs.last().cloned()) {
                return Some(Preposed::Run(run));
            }
        }
        self.after_verb(&after).map(Preposed::Run)
    }

    /// A name right after `de` / `of`: it completes a noun or a title (`l'université de
    /// Loughborough`, `la directrice générale de Northlight`).
    fn completes_noun(&self, r: &Run) -> bool {
        let first = r.0[0];
        first > 0
            && matches!(
                self.tokens[first - 1].lower.as_str(),
                "de" | "du" | "des" | "d'" | "d’" | "of"
            )
    }

    fn sentence_subject(&self, ctx: &[usize]) -> Option<Run> {
        let ctx = without_relative_clauses(&self.tokens, ctx);
        self.runs(&ctx)
            .into_iter()
            .find(|r| r.1 == SpeakerVia::Name)
    }
}

enum Preposed {
    Run(Run),
    /// A participle (`ajoutant`, `adding`): same speaker as the sentence's subject.
    SameAsSentence,
}

/// Drops `, qui ... ,` / `, who ... ,` asides so a subject is not taken from inside them.
fn without_relative_clauses(tokens: &[Token], idx: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut skipping = false;
    for (k, &i) in idx.iter().enumerate() {
        let t = &tokens[i];
        let next_is_relative = idx.get(k + 1).is_some_and(|&n| {
            matches!(
                tokens[n].lower.as_str(),
                "qui" | "dont" | "où" | "who" | "which" | "whose" | "where" | "lequel" | "laquelle"
            )
        });
        if t.text == "," && next_is_relative {
            skipping = true;
            continue;
        }
        if skipping {
            if t.text == "," {
                skipping = false;
            }
            continue;
        }
        out.push(i);
    }
    out
}

fn ends_sentence(tokens: &[Token], owner: &[Option<usize>], i: usize) -> bool {
    let t = &tokens[i];
    if owner[i].is_some() || !matches!(t.text.as_str(), "." | "!" | "?" | "…") {
        return false;
    }
    let prev_short = i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && tokens[i - 1].text.chars().count() <= 2
        && tokens[i - 1].capitalized;
    let next = tokens.get(i + 1);
    !prev_short
        && next.is_none_or(|n| n.capitalized || owner[i + 1].is_some() || n.kind != TokenKind::Word)
}

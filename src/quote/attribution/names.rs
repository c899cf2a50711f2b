//! Names around a quote: runs of capitalized words (with honorifics, particles and
//! hyphenated parts), what they are (a person, an organisation, a title), how they
//! normalize, and whether their person speaks.

use super::{Run, View};
use crate::lexicon::Tag;
use crate::quote::cues::is_acronym;
use crate::quote::{Speaker, SpeakerVia};
use crate::text::{fold, Span, Token, TokenKind};

impl View<'_> {
    /// Words of a run, honorifics and punctuation aside.
    pub(super) fn word_count(&self, (run, _): &Run) -> usize {
        run.iter()
            .filter(|&&i| {
                self.tokens[i].kind == TokenKind::Word && !self.cues.is_honorific(&self.tokens[i])
            })
            .count()
    }

    /// A name run whose person speaks: a reporting verb within the next three words (after
    /// an apposition between commas, if any), or `selon` / `according to` just before it.
    pub(super) fn speaks(&self, (run, _): &Run, idx: &[usize]) -> bool {
        let last = *run.last().expect("runs are non-empty");
        let first = run[0];
        // Skip an apposition: `Dr Priya Nandra, the league's chief medical officer, said`.
        let following: Vec<usize> = idx.iter().copied().filter(|&i| i > last).collect();
        let skip = match following.first() {
            Some(&c) if self.tokens[c].text == "," => following
                .iter()
                .skip(1)
                .position(|&i| self.tokens[i].text == ",")
                .map_or(0, |k| k + 2),
            _ => 0,
        };
        let after = following
            .iter()
            .skip(skip)
            .take(3)
            .any(|&i| self.cues.is_reporting(&self.tokens[i]));
        let before = idx
            .iter()
            .rev()
            .filter(|&&i| i < first)
            .take(2)
            .any(|&i| matches!(self.tokens[i].norm.as_str(), "selon" | "according" | "to"));
        after || before
    }

    /// Runs of capitalized words (names, with honorifics, particles and hyphenated parts),
    /// stripped of leading common words and titles, classified as a name or an organisation.
    pub(super) fn runs(&self, idx: &[usize]) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut k = 0;
        while k < idx.len() {
            let t = &self.tokens[idx[k]];
            if !(t.capitalized && t.kind == TokenKind::Word) {
                k += 1;
                continue;
            }
            let mut end = k + 1;
            while end < idx.len() && idx[end] == idx[end - 1] + 1 && self.continues_name(idx, end) {
                end += 1;
            }
            let run: Vec<usize> = idx[k..end].to_vec();
            k = end;
            if let Some(run) = self.classify(run) {
                runs.push(run);
            }
        }
        runs
    }

    fn continues_name(&self, idx: &[usize], k: usize) -> bool {
        let t = &self.tokens[idx[k]];
        let prev = &self.tokens[idx[k - 1]];
        // A particle continues a name when particles lead to a capital: `von der Leyen`,
        // `Charles de Gaulle`, `bin Salman`.
        let leads_to_capital = idx[k + 1..]
            .iter()
            .zip(idx[k..].iter())
            .take_while(|(n, p)| **n == **p + 1)
            .map(|(&n, _)| &self.tokens[n])
            .find(|n| !self.cues.is_particle(n))
            .is_some_and(|n| n.capitalized);
        (t.kind == TokenKind::Word && (t.capitalized || t.joined))
            || (t.text == "." && (self.cues.is_honorific(prev) || prev.text.chars().count() == 1))
            || (self.cues.is_particle(t) && leads_to_capital)
    }

    fn classify(&self, run: Vec<usize>) -> Option<Run> {
        let start = run.iter().position(|&i| {
            let t = &self.tokens[i];
            self.cues.is_name_like(t) && !self.cues.is_title(t)
                || self.cues.is_honorific(t)
                || self.cues.is_entity(t)
        })?;
        let run: Vec<usize> = run[start..].to_vec();
        // A name after a preposition of place or address is where the words were said, or to
        // whom, not who said them (`speaking by phone from Ålesund`, `at Holyrood`, `a
        // déclaré à Kim`).
        let located = run[0] > 0
            && matches!(
                self.tokens[run[0] - 1].lower.as_str(),
                "from"
                    | "at"
                    | "in"
                    | "into"
                    | "near"
                    | "à"
                    | "au"
                    | "aux"
                    | "en"
                    | "depuis"
                    | "dans"
                    | "chez"
                    | "près"
            );
        if located {
            return None;
        }
        let words: Vec<usize> = run
            .iter()
            .copied()
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .collect();
        let keys: Vec<String> = words
            .iter()
            .map(|&i| self.cues.key(&self.tokens[i]))
            .collect();
        if self.cues.entity_phrase(&keys) {
            return Some((run, SpeakerVia::Organization));
        }
        // A person's name is its person-like words (and an honorific before them):
        // `Estonian Foreign Minister Kristjan Saar` is Kristjan Saar.
        let personal = |i: usize| {
            let t = &self.tokens[i];
            let tags = self.cues.tags(t);
            tags.has(Tag::Person) || (t.capitalized && tags.is_empty() && !is_acronym(t))
        };
        // A lone unknown capitalized word that starts a sentence is a sentence start, not a
        // name (`Lorsqu'on`, `Beyond`), unless the lexicon knows the person or a reporting
        // verb follows it (`Farinha said`, `Brandão a averti`).
        let reports = |i: usize| {
            let next = |k: usize| self.tokens.get(k);
            next(i + 1).is_some_and(|t| self.cues.is_reporting(t))
                || next(i + 1).is_some_and(|t| self.cues.is_auxiliary(t))
                    && next(i + 2).is_some_and(|t| self.cues.is_reporting(t))
        };
        let initial = |i: usize| i == 0 || self.sentence[i] != self.sentence[i - 1];
        // So is one the article already used as a name (`Richard Kessler … Kessler, who
        // served three terms`).
        let seen =
            |i: usize| (0..i).any(|k| self.tokens[k].text == self.tokens[i].text && !initial(k));
        let starts_sentence = |i: usize| initial(i) && !reports(i) && !seen(i);
        let lone = run
            .iter()
            .filter(|&&i| self.tokens[i].kind == TokenKind::Word)
            .count()
            == 1;
        if lone && starts_sentence(run[0]) && !self.cues.tags(&self.tokens[run[0]]).has(Tag::Person)
        {
            return None;
        }
        // `Norges Bank`, `Builders Federation`, `Banque de France`: an organisation.
        let org_head = words
            .first()
            .into_iter()
            .chain(words.last())
            .any(|&i| self.cues.is_org_head(&self.tokens[i]));
        if org_head {
            return Some((run, SpeakerVia::Organization));
        }
        if let Some(first) = run.iter().position(|&i| personal(i)) {
            let from = if first > 0 && self.cues.is_honorific(&self.tokens[run[first - 1]]) {
                first - 1
            } else {
                first
            };
            let from = if from > 0 && self.tokens[run[from]].text == "." {
                from - 1
            } else {
                from
            };
            return Some((run[from..].to_vec(), SpeakerVia::Name));
        }
        words
            .iter()
            .any(|&i| self.cues.is_entity(&self.tokens[i]) || is_acronym(&self.tokens[i]))
            .then_some((run, SpeakerVia::Organization))
    }

    /// A title with its determiner: `le ministre`, `the spokesman`.
    pub(super) fn title(&self, idx: &[usize]) -> Option<Run> {
        let k = idx
            .iter()
            .position(|&i| self.cues.is_title(&self.tokens[i]))?;
        let start = if k > 0 && self.cues.tags(&self.tokens[idx[k - 1]]).has(Tag::Det) {
            k - 1
        } else {
            k
        };
        Some((idx[start..=k].to_vec(), SpeakerVia::Title))
    }

    pub(super) fn speaker(&self, (run, via): Run) -> Speaker {
        let first = &self.tokens[run[0]];
        let last = &self.tokens[*run.last().expect("runs are non-empty")];
        let span = Span::new(first.span.start, last.span.end);
        let text = run
            .iter()
            .map(|&i| &self.tokens[i])
            .fold(String::new(), |mut acc, t| {
                if !acc.is_empty()
                    && !t.joined
                    && t.text != "."
                    && !acc.ends_with('\'')
                    && !acc.ends_with('’')
                {
                    acc.push(' ');
                } else if t.joined && !acc.is_empty() && !acc.ends_with('\'') && !acc.ends_with('’')
                {
                    acc.push('-');
                }
                acc.push_str(&t.text);
                acc
            });
        let normalized = match via {
            SpeakerVia::Pronoun => String::new(),
            SpeakerVia::Title => self.cues.key(last),
            _ => self.normalize(&run, via == SpeakerVia::Name),
        };
        Speaker {
            text,
            normalized,
            via,
            refers_to: None,
            confident: via != SpeakerVia::Pronoun,
            span,
        }
    }

    /// Folded name words without honorifics; a known person is replaced by the lexicon's
    /// first English form, so `Poutine` and `Putin` normalize alike.
    fn normalize(&self, run: &[usize], person: bool) -> String {
        let words: Vec<&Token> = run
            .iter()
            .map(|&i| &self.tokens[i])
            .filter(|t| t.kind == TokenKind::Word && !self.cues.is_honorific(t))
            .collect();
        let keys: Vec<String> = words.iter().map(|t| self.cues.key(t)).collect();
        if let Some(alias) = self.cues.entity_alias(&keys, person) {
            return alias;
        }
        words
            .iter()
            .map(|t| fold(&t.text))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

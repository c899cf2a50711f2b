//! The check pipeline, end to end and pure: documents in, report out.
//! extract -> analyze -> match -> compare -> judge.

use crate::align::{match_quotes, windows, MatchSettings, Prepared};
use crate::finding::{Finding, QuoteRef, Severity};
use crate::judge::{judge, Case, MatchedPair, RuleSettings};
use crate::lexicon::Resources;
use crate::quote::{extract_quotes, Imbalance, Quote};
use crate::score::{analyze, compare, Scorer, Settings as DriftSettings, Window};
use crate::text::{Document, Span};

/// Everything that tunes a check (resolved: no optional values).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckSettings {
    pub matching: MatchSettings,
    pub drift: DriftSettings,
    pub rules: RuleSettings,
}

/// The outcome of checking one translation against its sources.
#[derive(Clone, Debug)]
pub struct CheckReport {
    /// Document 0 is the translation, 1.. the sources in the order given.
    pub documents: Vec<Document>,
    pub quotes: Vec<Vec<Quote>>,
    pub imbalances: Vec<Vec<Imbalance>>,
    pub pairs: Vec<MatchedPair>,
    pub findings: Vec<Finding>,
    /// Which scorer paired the quotes.
    pub scorer: String,
}

impl CheckReport {
    pub fn quote(&self, r: QuoteRef) -> &Quote {
        &self.quotes[r.document][r.quote]
    }

    /// The most severe finding not suppressed, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.active().map(|f| f.severity).max()
    }

    /// The findings no approved deviation suppresses: those that count.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    /// The match of a translated quote, if it has one.
    pub fn pair_of(&self, translation: usize) -> Option<&MatchedPair> {
        self.pairs
            .iter()
            .find(|p| p.matched.translation == translation)
    }
}

/// The id prefix of document `d`: `t` for the translation, `s1`, `s2` ... for sources.
pub fn id_prefix(d: usize) -> String {
    if d == 0 {
        "t".into()
    } else {
        format!("s{d}")
    }
}

/// Checks `translation` against `sources`.
pub fn check(
    translation: Document,
    sources: Vec<Document>,
    res: &Resources,
    scorer: &dyn Scorer,
    settings: &CheckSettings,
) -> CheckReport {
    let documents: Vec<Document> = std::iter::once(translation).chain(sources).collect();
    let (quotes, imbalances): (Vec<Vec<Quote>>, Vec<Vec<Imbalance>>) = documents
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let e = extract_quotes(doc, &id_prefix(d), res);
            (e.quotes, e.imbalances)
        })
        .unzip();
    let prepared: Vec<Prepared> = documents
        .iter()
        .zip(&quotes)
        .map(|(doc, q)| Prepared::new(doc, q, res))
        .collect();
    let matching = match_quotes(
        &prepared[0],
        &prepared[1..],
        scorer,
        res,
        &settings.matching,
    );
    let pairs: Vec<MatchedPair> = matching
        .matches
        .into_iter()
        .map(|m| {
            let tq = &quotes[0][m.translation];
            let first = m.sources[0];
            let src = &prepared[first.document];
            let sq = &quotes[first.document][first.quote];
            let t_an = &prepared[0].analyzed[m.translation];
            let (tw, sw) = windows(t_an, tq.kind, &src.analyzed[first.quote], sq.kind);
            let comparison = if m.sources.len() == 1 {
                compare(
                    t_an,
                    &src.analyzed[first.quote],
                    tw,
                    sw,
                    res,
                    &settings.drift,
                )
            } else {
                let parts: Vec<Span> = m
                    .sources
                    .iter()
                    .flat_map(|r| quotes[r.document][r.quote].parts.clone())
                    .collect();
                let joined = analyze(src.doc, &parts, res);
                compare(
                    t_an,
                    &joined,
                    Window::Whole,
                    Window::Sentences,
                    res,
                    &settings.drift,
                )
            };
            let mut comparison = comparison;
            if m.by_position {
                comparison.differences.clear();
            }
            MatchedPair {
                matched: m,
                comparison,
            }
        })
        .collect();
    let duplicates = matching.duplicates;
    let case = Case {
        documents: &documents,
        quotes: &quotes,
        imbalances: &imbalances,
        pairs: &pairs,
        duplicates: &duplicates,
    };
    let findings = judge(&case, &settings.rules);
    CheckReport {
        documents,
        quotes,
        imbalances,
        pairs,
        findings,
        scorer: scorer.name(),
    }
}

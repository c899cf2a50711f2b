//! From matches and comparisons to findings: which rule, which severity, and a message that
//! says word by word what changed, in a journalist's terms.

mod explain;

pub use explain::rule_of;

use crate::align::QuoteMatch;
use crate::finding::{Evidence, Finding, QuoteRef, Rule, Severity, Side};
use crate::lang::Lang;
use explain::Builder;

use crate::quote::{Imbalance, Quote, QuoteKind, Speaker, SpeakerVia};
use crate::score::Comparison;
use crate::text::{fold, Document, Span};
use std::collections::HashMap;

/// Severity per rule; `None` turns a rule off.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSettings {
    severities: HashMap<Rule, Option<Severity>>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            severities: Rule::ALL
                .iter()
                .map(|&r| (r, Some(r.default_severity())))
                .collect(),
        }
    }
}

impl RuleSettings {
    pub fn set(&mut self, rule: Rule, severity: Option<Severity>) {
        self.severities.insert(rule, severity);
    }

    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.severities
            .get(&rule)
            .copied()
            .unwrap_or(Some(rule.default_severity()))
    }
}

/// A match with its word-level comparison.
#[derive(Clone, Debug)]
pub struct MatchedPair {
    pub matched: QuoteMatch,
    pub comparison: Comparison,
}

/// What the judge looks at: every document's quotes (0 = translation) and the matches.
pub struct Case<'a> {
    pub documents: &'a [Document],
    pub quotes: &'a [Vec<Quote>],
    pub imbalances: &'a [Vec<Imbalance>],
    pub pairs: &'a [MatchedPair],
    /// Source quotes that repeat a matched quote of another source (same words).
    pub duplicates: &'a [QuoteRef],
}

pub fn judge(case: &Case, rules: &RuleSettings) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pair in case.pairs {
        findings.extend(pair_findings(case, pair));
    }
    findings.extend(unsourced(case));
    findings.extend(missing(case));
    findings.extend(unbalanced(case));
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| {
            let configured = rules.severity(f.rule)?;
            f.severity = f.severity.min(configured);
            Some(f)
        })
        .collect();
    findings.sort_by_key(|f| (position(case, f), f.rule));
    findings
}

fn position(case: &Case, f: &Finding) -> (usize, usize) {
    let at = |r: QuoteRef| (r.document, case.quotes[r.document][r.quote].span.start);
    f.translation
        .map(at)
        .or(f.source.map(at))
        .or(f.evidence.first().map(|e| (e.document, e.span.start)))
        .unwrap_or((0, 0))
}

fn lang_of(case: &Case, doc: usize) -> Lang {
    case.documents[doc].lang
}

fn pair_findings(case: &Case, pair: &MatchedPair) -> Vec<Finding> {
    let t = QuoteRef {
        document: 0,
        quote: pair.matched.translation,
    };
    let s = pair.matched.sources[0];
    let b = Builder {
        t,
        s,
        t_lang: lang_of(case, 0),
        s_lang: lang_of(case, s.document),
    };
    let score = Some(pair.comparison.similarity);
    let mut by_rule: Vec<(Rule, Vec<String>, Vec<Evidence>)> = Vec::new();
    for d in &pair.comparison.differences {
        let (rule, msg, ev) = b.explain(d);
        match by_rule.iter_mut().find(|(r, _, _)| *r == rule) {
            Some((_, msgs, evs)) => {
                msgs.push(msg);
                evs.extend(ev);
            }
            None => by_rule.push((rule, vec![msg], ev)),
        }
    }
    let mut out: Vec<Finding> = by_rule
        .into_iter()
        .map(|(rule, msgs, ev)| b.finding(rule, msgs.join("; "), score, ev))
        .collect();
    let tq = &case.quotes[0][t.quote];
    let sq = &case.quotes[s.document][s.quote];
    if let (Some(ts), Some(ss)) = (&tq.speaker, &sq.speaker) {
        // Attribution of a few quoted words is too loose to accuse: full quotes only.
        let full = tq.kind == QuoteKind::Full && sq.kind == QuoteKind::Full;
        // Two resolved pronouns are two guesses: one side must name the speaker itself.
        let named_once = ts.via == SpeakerVia::Name || ss.via == SpeakerVia::Name;
        if full && named_once && is_person(ts) && is_person(ss) && !same_speaker(ts, ss) {
            let msg = format!(
                "source attributes it to {}, translation to {}",
                speaker_name(ss),
                speaker_name(ts)
            );
            let ev = vec![
                Evidence {
                    side: Side::Translation,
                    document: 0,
                    text: ts.text.clone(),
                    span: ts.span,
                },
                Evidence {
                    side: Side::Source,
                    document: s.document,
                    text: ss.text.clone(),
                    span: ss.span,
                },
            ];
            out.push(b.finding(Rule::SpeakerMismatch, msg, score, ev));
        }
    }
    out
}

fn is_person(s: &Speaker) -> bool {
    matches!(s.via, SpeakerVia::Name | SpeakerVia::Pronoun) && s.is_named() && s.confident
}

fn speaker_name(s: &Speaker) -> String {
    match &s.refers_to {
        Some(name) => format!("{name} (\u{201c}{}\u{201d})", s.text),
        None => s.text.clone(),
    }
}

/// Same person: equal normalized names, a shared name word of three letters or more, or
/// near-identical spellings of one.
pub fn same_speaker(a: &Speaker, b: &Speaker) -> bool {
    if a.normalized == b.normalized {
        return true;
    }
    // The normalized name and the name as written (or resolved) both count: an alias on
    // one side only must not hide that both texts name the same person.
    let words = |s: &Speaker| -> Vec<String> {
        let shown = fold(s.display());
        s.normalized
            .split([' ', '-'])
            .chain(shown.split([' ', '-']))
            .filter(|w| w.len() >= 3)
            .map(fold)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    wa.iter().any(|x| {
        wb.iter()
            .any(|y| x == y || strsim::jaro_winkler(x, y) >= 0.9)
    })
}

fn unsourced(case: &Case) -> Vec<Finding> {
    let matched: Vec<usize> = case.pairs.iter().map(|p| p.matched.translation).collect();
    case.quotes[0]
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(i, quote)| {
            let scare = quote.kind == QuoteKind::Scare;
            let message = if scare {
                "scare quote with no counterpart in the sources (the translator may have added the marks)".to_string()
            } else {
                "no source quote renders this quote".to_string()
            };
            Finding {
                rule: Rule::QuoteUnsourced,
                severity: if scare { Severity::Info } else { Rule::QuoteUnsourced.default_severity() },
                message,
                score: None,
                translation: Some(QuoteRef { document: 0, quote: i }),
                source: None,
                evidence: Vec::new(),
                suppressed: None,
            }
        })
        .collect()
}

fn missing(case: &Case) -> Vec<Finding> {
    let claimed: Vec<QuoteRef> = case
        .pairs
        .iter()
        .flat_map(|p| p.matched.sources.clone())
        .collect();
    let mut out = Vec::new();
    for (d, quotes) in case.quotes.iter().enumerate().skip(1) {
        for (i, quote) in quotes.iter().enumerate() {
            let r = QuoteRef {
                document: d,
                quote: i,
            };
            if quote.kind != QuoteKind::Full || claimed.contains(&r) || case.duplicates.contains(&r)
            {
                continue;
            }
            out.push(Finding {
                rule: Rule::QuoteMissing,
                severity: Rule::QuoteMissing.default_severity(),
                message: "this source quote does not appear in the translation".into(),
                score: None,
                translation: None,
                source: Some(r),
                evidence: Vec::new(),
                suppressed: None,
            });
        }
    }
    out
}

fn unbalanced(case: &Case) -> Vec<Finding> {
    let mut out = Vec::new();
    for (d, list) in case.imbalances.iter().enumerate() {
        for imb in list {
            let holder = case.quotes[d]
                .iter()
                .position(|qt| qt.outer().cover(imb.mark) == qt.outer() || qt.open == imb.mark);
            let r = holder.map(|quote| QuoteRef { document: d, quote });
            let mark = case.documents[d].slice(imb.mark).to_string();
            let lc = case.documents[d].line_col(imb.mark.start);
            let message = if imb.unclosed {
                format!(
                    "{mark} opened at line {}, column {} is never closed",
                    lc.line, lc.column
                )
            } else {
                format!(
                    "{mark} at line {}, column {} closes a quote that was never opened",
                    lc.line, lc.column
                )
            };
            let side = if d == 0 {
                Side::Translation
            } else {
                Side::Source
            };
            out.push(Finding {
                rule: Rule::QuoteUnbalanced,
                severity: Rule::QuoteUnbalanced.default_severity(),
                message,
                score: None,
                translation: r.filter(|_| d == 0),
                source: r.filter(|_| d > 0),
                evidence: vec![Evidence {
                    side,
                    document: d,
                    text: mark,
                    span: Span::new(imb.mark.start, imb.mark.end),
                }],
                suppressed: None,
            });
        }
    }
    out
}

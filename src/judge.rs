//! From matches and comparisons to findings: which rule, which severity, and a message that
//! says word by word what changed, in a journalist's terms.

use crate::align::QuoteMatch;
use crate::finding::{Evidence, Finding, QuoteRef, Rule, Severity, Side};
use crate::lang::Lang;
use crate::lexicon::Modality;
use crate::quote::{Imbalance, Quote, QuoteKind, Speaker, SpeakerVia};
use crate::score::{Comparison, Difference, Words};
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

/// Words in the quotation marks of their language: «furieux», "furious".
fn q(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => format!("« {text} »"),
        _ => format!("\u{201c}{text}\u{201d}"),
    }
}

struct Builder {
    t: QuoteRef,
    s: QuoteRef,
    t_lang: Lang,
    s_lang: Lang,
}

impl Builder {
    fn tq(&self, w: &Words) -> String {
        q(self.t_lang, &w.text)
    }

    fn sq(&self, w: &Words) -> String {
        q(self.s_lang, &w.text)
    }

    fn ev(&self, side: Side, w: &Words) -> Evidence {
        let document = if side == Side::Translation {
            self.t.document
        } else {
            self.s.document
        };
        Evidence {
            side,
            document,
            text: w.text.clone(),
            span: w.span,
        }
    }

    fn finding(
        &self,
        rule: Rule,
        message: String,
        score: Option<f32>,
        evidence: Vec<Evidence>,
    ) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity(),
            message,
            score,
            translation: Some(self.t),
            source: Some(self.s),
            evidence,
        }
    }

    /// A rule, a message and its evidence for one difference.
    fn explain(&self, d: &Difference) -> (Rule, String, Vec<Evidence>) {
        use Side::{Source as S, Translation as T};
        match d {
            Difference::Numbers {
                translation,
                source,
            } => {
                let mut parts = Vec::new();
                let n = translation.len().min(source.len());
                for (tw, sw) in translation.iter().zip(source) {
                    parts.push(format!(
                        "source says {}, translation says {}",
                        sw.text, tw.text
                    ));
                }
                for tw in &translation[n..] {
                    parts.push(format!("translation adds {}, not in the source", tw.text));
                }
                for sw in &source[n..] {
                    parts.push(format!(
                        "the source's {} is missing from the translation",
                        sw.text
                    ));
                }
                let ev = translation
                    .iter()
                    .map(|w| self.ev(T, w))
                    .chain(source.iter().map(|w| self.ev(S, w)))
                    .collect();
                (Rule::NumberMismatch, parts.join("; "), ev)
            }
            Difference::Negation { added, words } => {
                let list: Vec<String> = words
                    .iter()
                    .map(|w| if *added { self.tq(w) } else { self.sq(w) })
                    .collect();
                let msg = if *added {
                    format!(
                        "negation added: {} has no counterpart in the source",
                        list.join(", ")
                    )
                } else {
                    format!(
                        "negation dropped: the source's {} is not in the translation",
                        list.join(", ")
                    )
                };
                let side = if *added { T } else { S };
                (
                    Rule::NegationMismatch,
                    msg,
                    words.iter().map(|w| self.ev(side, w)).collect(),
                )
            }
            Difference::Reversal {
                translation,
                source,
                gloss,
            } => {
                let gloss = gloss
                    .as_ref()
                    .map(|g| format!(" ({g})"))
                    .unwrap_or_default();
                let msg = format!(
                    "meaning reversed: source says {}, translation says {}{}",
                    self.sq(source),
                    self.tq(translation),
                    gloss
                );
                (
                    Rule::NegationMismatch,
                    msg,
                    vec![self.ev(T, translation), self.ev(S, source)],
                )
            }
            Difference::Names {
                translation,
                source,
            } => {
                let t: Vec<String> = translation.iter().map(|w| self.tq(w)).collect();
                let s: Vec<String> = source.iter().map(|w| self.sq(w)).collect();
                let msg = format!(
                    "source names {}, translation names {}",
                    s.join(", "),
                    t.join(", ")
                );
                let ev = translation
                    .iter()
                    .map(|w| self.ev(T, w))
                    .chain(source.iter().map(|w| self.ev(S, w)))
                    .collect();
                (Rule::NameMismatch, msg, ev)
            }
            Difference::Modality {
                translation,
                source,
            } => {
                let msg = modality_message(self, translation, source);
                let ev = translation
                    .iter()
                    .map(|(w, _)| self.ev(T, w))
                    .chain(source.iter().map(|(w, _)| self.ev(S, w)))
                    .collect();
                (Rule::QuoteDrift, msg, ev)
            }
            Difference::Intensity {
                scale,
                translation,
                source,
                gloss,
            } => {
                let stronger = translation.1 > source.1;
                let gloss = gloss
                    .as_ref()
                    .map(|g| format!(" ({g})"))
                    .unwrap_or_default();
                let msg = format!(
                    "{} than the source: source says {}, translation says {}{} (scale: {scale})",
                    if stronger { "stronger" } else { "weaker" },
                    self.sq(&source.0),
                    self.tq(&translation.0),
                    gloss
                );
                (
                    Rule::QuoteDrift,
                    msg,
                    vec![self.ev(T, &translation.0), self.ev(S, &source.0)],
                )
            }
            Difference::Added { words } => (
                Rule::QuoteDrift,
                format!("added, not in the source: {}", self.tq(words)),
                vec![self.ev(T, words)],
            ),
            Difference::Dropped { words } => (
                Rule::QuoteDrift,
                format!("left out of the translation: {}", self.sq(words)),
                vec![self.ev(S, words)],
            ),
            Difference::Rewrite { similarity } => (
                Rule::QuoteDrift,
                format!(
                    "the wording departs from the source as a whole (similarity {similarity:.2})"
                ),
                Vec::new(),
            ),
        }
    }
}

/// The rule a difference falls under.
pub fn rule_of(d: &Difference) -> Rule {
    match d {
        Difference::Numbers { .. } => Rule::NumberMismatch,
        Difference::Negation { .. } | Difference::Reversal { .. } => Rule::NegationMismatch,
        Difference::Names { .. } => Rule::NameMismatch,
        _ => Rule::QuoteDrift,
    }
}

fn modality_message(b: &Builder, t: &[(Words, Modality)], s: &[(Words, Modality)]) -> String {
    let hedges = |m: &[(Words, Modality)], lang: Lang| -> Vec<String> {
        m.iter()
            .filter(|(_, c)| c.is_hedge())
            .map(|(w, _)| q(lang, &w.text))
            .collect()
    };
    let sure = |m: &[(Words, Modality)], lang: Lang| -> Vec<String> {
        m.iter()
            .filter(|(_, c)| !c.is_hedge())
            .map(|(w, _)| q(lang, &w.text))
            .collect()
    };
    let (th, sh) = (hedges(t, b.t_lang), hedges(s, b.s_lang));
    let (tc, sc) = (sure(t, b.t_lang), sure(s, b.s_lang));
    if !sh.is_empty() && th.is_empty() {
        if tc.is_empty() {
            format!(
                "hedge dropped: the source hedges with {}, the translation states it as fact",
                sh.join(", ")
            )
        } else {
            format!(
                "hedge turned certain: source says {}, translation says {}",
                sh.join(", "),
                tc.join(", ")
            )
        }
    } else if !th.is_empty() && sh.is_empty() {
        format!(
            "hedge added: the translation hedges with {}, the source does not",
            th.join(", ")
        )
    } else if !tc.is_empty() {
        format!("certainty added, not in the source: {}", tc.join(", "))
    } else {
        format!(
            "certainty dropped: the source's {} is not in the translation",
            sc.join(", ")
        )
    }
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
        if full && is_person(ts) && is_person(ss) && !same_speaker(ts, ss) {
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
    matches!(s.via, SpeakerVia::Name | SpeakerVia::Pronoun) && s.is_named()
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
    let words = |s: &Speaker| -> Vec<String> {
        s.normalized
            .split([' ', '-'])
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
            });
        }
    }
    out
}

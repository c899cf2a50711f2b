//! Messages: each difference of a pair explained in a journalist's words, with the words
//! that differ as evidence.

use crate::finding::{Evidence, Finding, QuoteRef, Rule, Side};
use crate::lang::Lang;
use crate::lexicon::Modality;
use crate::score::{Difference, Words};

/// Words in the quotation marks of their language: «furieux», "furious".
fn q(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => format!("« {text} »"),
        _ => format!("\u{201c}{text}\u{201d}"),
    }
}

pub(super) struct Builder {
    pub t: QuoteRef,
    pub s: QuoteRef,
    pub t_lang: Lang,
    pub s_lang: Lang,
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

    pub fn finding(
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
            suppressed: None,
        }
    }

    /// A rule, a message and its evidence for one difference.
    pub fn explain(&self, d: &Difference) -> (Rule, String, Vec<Evidence>) {
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
        if sc.is_empty() {
            format!(
                "hedge added: the translation hedges with {}, the source does not",
                th.join(", ")
            )
        } else {
            format!(
                "certainty turned into a hedge: source says {}, translation says {}",
                sc.join(", "),
                th.join(", ")
            )
        }
    } else if !tc.is_empty() {
        format!("certainty added, not in the source: {}", tc.join(", "))
    } else {
        format!(
            "certainty dropped: the source's {} is not in the translation",
            sc.join(", ")
        )
    }
}

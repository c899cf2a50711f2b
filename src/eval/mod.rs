//! Scoring the checker against labels: which findings land on which labeled quote, and
//! precision, recall and F1 at quote level (flagged or not) and at rule level (the right
//! rule). Pure: the CLI reads the cases and runs the checks; this module only compares.
//! The definitions are documented in `docs/eval.md`.

mod labels;

pub use labels::{CaseLabels, Label, LabelError};

use crate::finding::{Finding, Severity};
use crate::{CheckReport, Rule};
use serde::Serialize;
use std::collections::BTreeMap;

/// True and false positives and negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }
}

/// An empty denominator is a perfect score: nothing was expected and nothing was claimed.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// What one labeled case scored.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CaseScore {
    pub name: String,
    /// Flagged-or-not per labeled quote (and unlabeled findings as false positives).
    pub quote: Counts,
    /// Per rule: expected rules found, extra rules, missed rules.
    pub rules: BTreeMap<&'static str, Counts>,
    /// Faithful labeled quotes, and how many of them got a finding.
    pub faithful: usize,
    pub faithful_flagged: usize,
    /// Labels whose quote the extractor did not find as a quote.
    pub not_extracted: Vec<String>,
    /// Translated quotes whose pairing the labels settle (a source key, or none for an
    /// unsourced quote), and how many the checker paired right.
    pub pairings: usize,
    pub paired_right: usize,
    /// Labels paired wrong: `key: what happened`.
    pub mispaired: Vec<String>,
    /// Findings on no labeled quote: `rule: message`.
    pub unlabeled: Vec<String>,
    /// Labels whose findings differ from the expectation: `key: expected [..], got [..]`.
    pub mismatches: Vec<String>,
}

impl CaseScore {
    /// All rules together.
    pub fn rule_total(&self) -> Counts {
        let mut total = Counts::default();
        self.rules.values().for_each(|c| total.add(*c));
        total
    }
}

pub use crate::text::squash;

/// Which label a finding belongs to: its translated quote contains the label's translation
/// key, or (quote-missing, and findings on a source only) its source quote contains the
/// label's source key.
fn label_of(report: &CheckReport, labels: &[Label], f: &Finding) -> Option<usize> {
    let text = |r: crate::finding::QuoteRef| squash(&report.quote(r).text);
    if f.rule != Rule::QuoteMissing {
        if let Some(t) = f.translation.map(text) {
            return labels.iter().position(|l| {
                l.translation_key
                    .as_ref()
                    .is_some_and(|k| t.contains(&squash(k)))
            });
        }
    }
    let s = f.source.map(text)?;
    labels.iter().position(|l| {
        l.translation_key.is_none()
            && l.source_key
                .as_ref()
                .is_some_and(|k| s.contains(&squash(k)))
    })
}

/// Scores one checked case against its labels; findings under `min` severity are ignored.
pub fn score_case(
    name: &str,
    report: &CheckReport,
    labels: &CaseLabels,
    min: Severity,
) -> CaseScore {
    let labels = &labels.quotes;
    let findings: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.severity >= min)
        .collect();
    let mut got: Vec<Vec<Rule>> = vec![Vec::new(); labels.len()];
    let mut score = CaseScore {
        name: name.to_string(),
        ..CaseScore::default()
    };
    for f in &findings {
        match label_of(report, labels, f) {
            Some(l) => got[l].push(f.rule),
            None => {
                score.quote.fp += 1;
                score.rules.entry(f.rule.id()).or_default().fp += 1;
                score.unlabeled.push(format!("{}: {}", f.rule, f.message));
            }
        }
    }
    for (label, rules) in labels.iter().zip(got.iter_mut()) {
        rules.sort();
        rules.dedup();
        let expected = &label.expected;
        let flagged = !rules.is_empty();
        match (expected.is_empty(), flagged) {
            (false, true) => score.quote.tp += 1,
            (true, true) => score.quote.fp += 1,
            (false, false) => score.quote.fn_ += 1,
            (true, false) => score.quote.tn += 1,
        }
        if expected.is_empty() {
            score.faithful += 1;
            score.faithful_flagged += usize::from(flagged);
        }
        for r in expected {
            let c = score.rules.entry(r.id()).or_default();
            if rules.contains(r) {
                c.tp += 1
            } else {
                c.fn_ += 1
            }
        }
        for r in rules.iter().filter(|r| !expected.contains(r)) {
            score.rules.entry(r.id()).or_default().fp += 1;
        }
        let mut want = expected.clone();
        want.sort();
        if want != *rules {
            let ids = |v: &[Rule]| v.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ");
            score.mismatches.push(format!(
                "{}: expected [{}], got [{}]",
                label.key(),
                ids(&want),
                ids(rules)
            ));
        }
        if !extracted(report, label) {
            score.not_extracted.push(label.key().to_string());
        } else if let Some(right) = paired_right(report, label) {
            score.pairings += 1;
            match right {
                Ok(()) => score.paired_right += 1,
                Err(why) => score.mispaired.push(format!("{}: {why}", label.key())),
            }
        }
    }
    score
}

/// Whether the translated quote of `label` was paired with the source quote the label names
/// (or left unpaired when it names none); `None` when the label does not settle it.
fn paired_right(report: &CheckReport, label: &Label) -> Option<Result<(), String>> {
    let t_key = squash(label.translation_key.as_deref()?);
    let i = report.quotes[0]
        .iter()
        .position(|q| squash(&q.text).contains(&t_key))?;
    let pair = report.pair_of(i);
    match (&label.source_key, pair) {
        (None, None) => Some(Ok(())),
        (None, Some(p)) => Some(Err(format!(
            "has no source, but was paired with {}",
            report.quote(p.matched.sources[0]).id
        ))),
        (Some(_), None) => Some(Err("was left unpaired".into())),
        (Some(k), Some(p)) => {
            let k = squash(k);
            let hit = p
                .matched
                .sources
                .iter()
                .any(|&r| squash(&report.quote(r).text).contains(&k));
            Some(if hit {
                Ok(())
            } else {
                Err(format!(
                    "was paired with {}, not its source",
                    report.quote(p.matched.sources[0]).id
                ))
            })
        }
    }
}

/// Whether the extractor found the label's quote (in the translation, or for a dropped
/// source quote, in a source).
fn extracted(report: &CheckReport, label: &Label) -> bool {
    let found = |docs: std::ops::Range<usize>, key: &str| {
        let key = squash(key);
        docs.flat_map(|d| report.quotes[d].iter())
            .any(|q| squash(&q.text).contains(&key))
    };
    match (&label.translation_key, &label.source_key) {
        (Some(k), _) => found(0..1, k),
        (None, Some(k)) => found(1..report.documents.len(), k),
        (None, None) => false,
    }
}

/// Totals over cases.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub cases: usize,
    pub labeled_quotes: usize,
    pub quote: Counts,
    pub rule: Counts,
    pub rules: BTreeMap<&'static str, Counts>,
    pub faithful: usize,
    pub faithful_flagged: usize,
    pub not_extracted: usize,
    pub pairings: usize,
    pub paired_right: usize,
}

impl Summary {
    pub fn of(scores: &[CaseScore]) -> Summary {
        let mut s = Summary {
            cases: scores.len(),
            ..Summary::default()
        };
        for c in scores {
            s.quote.add(c.quote);
            s.rule.add(c.rule_total());
            for (rule, counts) in &c.rules {
                s.rules.entry(rule).or_default().add(*counts);
            }
            s.faithful += c.faithful;
            s.faithful_flagged += c.faithful_flagged;
            s.not_extracted += c.not_extracted.len();
            s.pairings += c.pairings;
            s.paired_right += c.paired_right;
            s.labeled_quotes += c.quote.tp + c.quote.fn_ + c.quote.tn + c.faithful_flagged;
        }
        s
    }

    /// Share of faithful quotes that got a finding.
    /// Share of the settled pairings the checker got right.
    pub fn pairing_accuracy(&self) -> f64 {
        if self.pairings == 0 {
            0.0
        } else {
            self.paired_right as f64 / self.pairings as f64
        }
    }

    pub fn false_flag_rate(&self) -> f64 {
        if self.faithful == 0 {
            0.0
        } else {
            self.faithful_flagged as f64 / self.faithful as f64
        }
    }
}

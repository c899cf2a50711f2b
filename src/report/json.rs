//! The JSON report (schema version 1, documented in `docs/json-report.md`). Other tools
//! parse it: fields are only ever added, never renamed or removed, within a version.

use super::{ReportContext, Reporter};
use crate::finding::{Finding, QuoteRef, Side, Suppression};
use crate::quote::{Quote, Speaker};
use crate::{CheckReport, Rule, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub const VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub version: u32,
    pub tool: Tool,
    pub translation: DocJson<'a>,
    pub sources: Vec<DocJson<'a>>,
    pub quotes: Vec<QuoteJson<'a>>,
    pub findings: Vec<FindingJson<'a>>,
    pub summary: Summary,
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
    pub scorer: String,
    pub lexicon: String,
    pub signature: String,
}

#[derive(Serialize)]
pub struct DocJson<'a> {
    pub path: &'a str,
    pub lang: &'static str,
}

#[derive(Serialize)]
pub struct QuoteJson<'a> {
    pub id: &'a str,
    pub document: &'a str,
    pub role: &'static str,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub kind: &'static str,
    pub style: &'static str,
    pub paragraph: usize,
    pub speaker: Option<&'a Speaker>,
    pub unbalanced: bool,
    #[serde(skip_serializing_if = "Option::is_none", rename = "match")]
    pub matched: Option<Option<MatchJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
pub struct MatchJson<'a> {
    pub sources: Vec<&'a str>,
    pub document: &'a str,
    pub score: f32,
    pub runner_up: Option<RunnerUp<'a>>,
    pub by_position: bool,
}

#[derive(Serialize)]
pub struct RunnerUp<'a> {
    pub source: &'a str,
    pub document: &'a str,
    pub score: f32,
}

/// A quote as a finding refers to it.
#[derive(Serialize)]
pub struct QuoteRefJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub speaker: Option<&'a Speaker>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<&'a str>,
}

#[derive(Serialize)]
pub struct EvidenceJson<'a> {
    pub side: Side,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub fingerprint: String,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    pub score: Option<f32>,
    pub translation: Option<QuoteRefJson<'a>>,
    pub source: Option<QuoteRefJson<'a>>,
    pub evidence: Vec<EvidenceJson<'a>>,
    pub suppressed: Option<&'a Suppression>,
}

#[derive(Serialize)]
pub struct Summary {
    pub translation_quotes: usize,
    pub source_quotes: usize,
    pub matched: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
    pub by_rule: BTreeMap<&'static str, usize>,
    pub fail_on: Option<Severity>,
    pub failed: bool,
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

impl<'a> JsonReport<'a> {
    pub fn new(report: &'a CheckReport, ctx: &ReportContext) -> JsonReport<'a> {
        let doc = |d: usize| DocJson {
            path: &report.documents[d].name,
            lang: report.documents[d].lang.code(),
        };
        let mut quotes = Vec::new();
        for (d, list) in report.quotes.iter().enumerate() {
            for (i, q) in list.iter().enumerate() {
                quotes.push(quote_json(report, d, i, q));
            }
        }
        let count = |s: Severity| report.active().filter(|f| f.severity == s).count();
        let mut by_rule = BTreeMap::new();
        for f in report.active() {
            *by_rule.entry(f.rule.id()).or_insert(0) += 1;
        }
        JsonReport {
            version: VERSION,
            tool: Tool {
                name: "verbatim",
                version: env!("CARGO_PKG_VERSION"),
                scorer: report.scorer.clone(),
                lexicon: ctx.lexicon.clone(),
                signature: ctx.signature.clone(),
            },
            translation: doc(0),
            sources: (1..report.documents.len()).map(doc).collect(),
            quotes,
            findings: report
                .findings
                .iter()
                .map(|f| finding_json(report, f))
                .collect(),
            summary: Summary {
                translation_quotes: report.quotes[0].len(),
                source_quotes: report.quotes[1..].iter().map(Vec::len).sum(),
                matched: report.pairs.len(),
                findings: report.active().count(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
                suppressed: report.findings.len() - report.active().count(),
                by_rule,
                fail_on: ctx.fail_on,
                failed: ctx.failed(report),
            },
        }
    }
}

fn quote_json<'a>(report: &'a CheckReport, d: usize, i: usize, q: &'a Quote) -> QuoteJson<'a> {
    let id_of = |r: QuoteRef| report.quote(r).id.as_str();
    let (matched, matched_by) = if d == 0 {
        let m = report.pair_of(i).map(|p| MatchJson {
            sources: p.matched.sources.iter().map(|&r| id_of(r)).collect(),
            document: &report.documents[p.matched.sources[0].document].name,
            score: round(p.matched.score),
            runner_up: p.matched.runner_up.map(|(r, s)| RunnerUp {
                source: id_of(r),
                document: &report.documents[r.document].name,
                score: round(s),
            }),
            by_position: p.matched.by_position,
        });
        (Some(m), None)
    } else {
        let me = QuoteRef {
            document: d,
            quote: i,
        };
        let by = report
            .pairs
            .iter()
            .filter(|p| p.matched.sources.contains(&me))
            .map(|p| report.quotes[0][p.matched.translation].id.as_str())
            .collect();
        (None, Some(by))
    };
    QuoteJson {
        id: &q.id,
        document: &report.documents[d].name,
        role: if d == 0 { "translation" } else { "source" },
        text: &q.text,
        start: q.span.start,
        end: q.span.end,
        line: q.line,
        column: q.column,
        kind: q.kind.name(),
        style: q.style,
        paragraph: q.paragraph,
        speaker: q.speaker.as_ref(),
        unbalanced: q.unbalanced,
        matched,
        matched_by,
    }
}

fn quote_ref<'a>(report: &'a CheckReport, r: QuoteRef) -> QuoteRefJson<'a> {
    let q = report.quote(r);
    QuoteRefJson {
        id: &q.id,
        text: &q.text,
        start: q.span.start,
        end: q.span.end,
        line: q.line,
        column: q.column,
        speaker: q.speaker.as_ref(),
        document: (r.document > 0).then(|| report.documents[r.document].name.as_str()),
    }
}

fn finding_json<'a>(report: &'a CheckReport, f: &'a Finding) -> FindingJson<'a> {
    FindingJson {
        fingerprint: crate::gate::fingerprint(report, f),
        rule: f.rule.id(),
        severity: f.severity,
        message: &f.message,
        score: f.score.map(round),
        translation: f.translation.map(|r| quote_ref(report, r)),
        source: f.source.map(|r| quote_ref(report, r)),
        evidence: f
            .evidence
            .iter()
            .map(|e| {
                let lc = report.documents[e.document].line_col(e.span.start);
                EvidenceJson {
                    side: e.side,
                    text: &e.text,
                    start: e.span.start,
                    end: e.span.end,
                    line: lc.line,
                    column: lc.column,
                }
            })
            .collect(),
        suppressed: f.suppressed.as_ref(),
    }
}

/// One JSON report per article: `check` writes the object itself; with `many` (`gate`) the
/// reports are written as one JSON array, so that the output stays one JSON document.
#[derive(Default)]
pub struct JsonReporter {
    pub many: bool,
    written: usize,
}

impl JsonReporter {
    pub fn new(many: bool) -> JsonReporter {
        JsonReporter { many, written: 0 }
    }
}

impl Reporter for JsonReporter {
    fn report(
        &mut self,
        out: &mut dyn Write,
        report: &CheckReport,
        ctx: &ReportContext,
    ) -> io::Result<()> {
        if self.many {
            out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        }
        self.written += 1;
        serde_json::to_writer_pretty(&mut *out, &JsonReport::new(report, ctx))?;
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match (self.many, self.written) {
            (true, 0) => writeln!(out, "[]"),
            (true, _) => writeln!(out, "]"),
            _ => Ok(()),
        }
    }
}

/// All rule ids, for documentation and tests.
pub fn rule_ids() -> Vec<&'static str> {
    Rule::ALL.iter().map(|r| r.id()).collect()
}

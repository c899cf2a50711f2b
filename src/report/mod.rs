//! Reporters: one per output format, each writing a [`CheckReport`] to any `Write`.
//! They never decide anything: what to report was settled by the judge.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::finding::{Finding, QuoteRef, Side};
use crate::text::Span;
use crate::CheckReport;
use std::io::{self, Write};

/// What every reporter needs besides the report itself.
#[derive(Clone, Debug)]
pub struct ReportContext {
    /// The severity at which the run fails, if any (`--fail-on`).
    pub fail_on: Option<crate::Severity>,
    /// Checksum of the lexicon that produced the report.
    pub lexicon: String,
    /// The reproducibility signature (`gate::signature`).
    pub signature: String,
}

impl ReportContext {
    pub fn failed(&self, report: &CheckReport) -> bool {
        match (self.fail_on, report.worst()) {
            (Some(level), Some(worst)) => worst >= level,
            _ => false,
        }
    }
}

pub trait Reporter {
    /// Writes one checked article.
    fn report(
        &mut self,
        out: &mut dyn Write,
        report: &CheckReport,
        ctx: &ReportContext,
    ) -> io::Result<()>;
    /// Writes what comes after all articles (nothing for single-document formats).
    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// A quote's text as words, each flagged when it overlaps the finding's evidence on its
/// side: reporters highlight the flagged ones.
pub fn marked_words(
    report: &CheckReport,
    r: QuoteRef,
    f: &Finding,
    side: Side,
) -> Vec<(String, bool)> {
    let quote = report.quote(r);
    let marks: Vec<Span> = f
        .evidence
        .iter()
        .filter(|e| e.side == side && e.document == r.document)
        .map(|e| e.span)
        .collect();
    let doc = &report.documents[r.document];
    let mut words = Vec::new();
    for part in &quote.parts {
        let text = doc.slice(*part);
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if crate::text::is_space(c) {
                if let Some(s) = start.take() {
                    let span = Span::new(part.start + s, part.start + i);
                    let hit = marks
                        .iter()
                        .any(|m| m.start < span.end && span.start < m.end);
                    words.push((text[s..i].to_string(), hit));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
    }
    words
}

//! Reporters: one per output format, each writing a [`CheckReport`] to any `Write`.
//! They never decide anything: what to report was settled by the judge.

pub mod human;
pub mod json;

use crate::CheckReport;
use std::io::{self, Write};

/// What every reporter needs besides the report itself.
#[derive(Clone, Debug)]
pub struct ReportContext {
    /// The severity at which the run fails, if any (`--fail-on`).
    pub fail_on: Option<crate::Severity>,
    /// Checksum of the lexicon that produced the report.
    pub lexicon: String,
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

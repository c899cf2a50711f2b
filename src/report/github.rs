//! GitHub Actions workflow commands (`::error file=…,line=…::…`): each active finding becomes
//! an annotation on the translated quote (or on the source quote when the translation has
//! none), shown inline on the pull request. Suppressed findings are left out.

use super::{ReportContext, Reporter};
use crate::finding::Finding;
use crate::{CheckReport, Severity};
use std::io::{self, Write};

pub struct GithubReporter;

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (also `:` and `,`, which delimit properties).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn annotation(report: &CheckReport, f: &Finding) -> String {
    let mut props = Vec::new();
    if let Some(r) = f.translation.or(f.source) {
        let q = report.quote(r);
        let doc = &report.documents[r.document];
        let end = doc.line_col(q.span.end);
        props.push(format!("file={}", property(&doc.name)));
        props.push(format!("line={}", q.line));
        props.push(format!("endLine={}", end.line));
        if end.line == q.line {
            props.push(format!("col={}", q.column));
            props.push(format!("endColumn={}", end.column));
        }
    }
    props.push(format!(
        "title={}",
        property(&format!("verbatim {}", f.rule))
    ));
    let mut message = f.message.clone();
    if let (Some(_), Some(s)) = (f.translation, f.source) {
        let q = report.quote(s);
        message.push_str(&format!(
            "\nsource ({}:{}): {}",
            report.documents[s.document].name, q.line, q.text
        ));
    }
    format!(
        "::{} {}::{}",
        command(f.severity),
        props.join(","),
        data(&message)
    )
}

impl Reporter for GithubReporter {
    fn report(
        &mut self,
        out: &mut dyn Write,
        report: &CheckReport,
        _ctx: &ReportContext,
    ) -> io::Result<()> {
        for f in report.active() {
            writeln!(out, "{}", annotation(report, f))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_a_command() {
        assert_eq!(data("50% de\nplus"), "50%25 de%0Aplus");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}

//! JUnit XML for Jenkins, GitLab and other test-report viewers: one testsuite per translated
//! article, one testcase per translated quote (failed with the findings' messages when a
//! finding reaches the fail level), plus one testcase per finding that has no translated
//! quote (a dropped source quote, an unbalanced mark in a source).
//!
//! The output follows the strict Windy Road schema (every required attribute, `properties`,
//! `system-out` and `system-err` present, timestamps without a zone), which the lenient
//! readers accept too. Written by hand: the crates at hand emit attributes that schema
//! rejects.

use super::{ReportContext, Reporter};
use crate::finding::Finding;
use crate::{CheckReport, Severity};
use std::fmt::Write as _;
use std::io::{self, Write};

pub struct JunitReporter {
    /// When the run started, `YYYY-MM-DDTHH:MM:SS` (UTC, no zone, as the schema wants).
    pub timestamp: String,
    pub hostname: String,
    suites: Vec<String>,
}

impl JunitReporter {
    pub fn new(timestamp: impl Into<String>, hostname: impl Into<String>) -> JunitReporter {
        let hostname = hostname.into();
        JunitReporter {
            timestamp: timestamp.into(),
            hostname: if hostname.trim().is_empty() {
                "localhost".into()
            } else {
                hostname
            },
            suites: Vec::new(),
        }
    }
}

/// Escapes text for an XML attribute or element; drops the control characters XML 1.0
/// cannot carry at all.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A testcase name: the quote's id and its opening words, on one line.
fn case_name(id: &str, text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut head = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 8 {
        head.push_str(" …");
    }
    format!("{id}: {head}")
}

/// The testcase body for the findings of one quote: failed when one reaches the threshold,
/// skipped when all of them are suppressed, passed otherwise (findings under the threshold
/// are listed in the suite's system-out).
fn verdict(findings: &[&Finding], threshold: Severity) -> (Outcome, String) {
    let failing: Vec<&&Finding> = findings
        .iter()
        .filter(|f| f.suppressed.is_none() && f.severity >= threshold)
        .collect();
    if let Some(worst) = failing.iter().max_by_key(|f| f.severity) {
        let message = failing
            .iter()
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect::<Vec<_>>()
            .join("; ");
        let details = failing
            .iter()
            .map(|f| format!("[{}] {}: {}", f.severity, f.rule, f.message))
            .collect::<Vec<_>>()
            .join("\n");
        let body = format!(
            "\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    ",
            worst.rule,
            xml_escape(&message),
            xml_escape(&details)
        );
        return (Outcome::Failed, body);
    }
    let suppressed: Vec<&&Finding> = findings.iter().filter(|f| f.suppressed.is_some()).collect();
    if !suppressed.is_empty() && suppressed.len() == findings.len() {
        let why = suppressed
            .iter()
            .filter_map(|f| {
                f.suppressed
                    .as_ref()
                    .map(|s| format!("{} suppressed: {}", f.rule, s.reason))
            })
            .collect::<Vec<_>>()
            .join("; ");
        return (
            Outcome::Skipped,
            format!("\n      <skipped message=\"{}\"/>\n    ", xml_escape(&why)),
        );
    }
    (Outcome::Passed, String::new())
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed,
    Skipped,
}

fn suite(
    report: &CheckReport,
    ctx: &ReportContext,
    id: usize,
    timestamp: &str,
    hostname: &str,
) -> String {
    let threshold = ctx.fail_on.unwrap_or(Severity::Warning);
    let translation = &report.documents[0];
    let classname = translation.name.clone();
    let mut cases = Vec::new();
    for (i, q) in report.quotes[0].iter().enumerate() {
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.translation.is_some_and(|t| t.quote == i))
            .collect();
        let (outcome, body) = verdict(&findings, threshold);
        cases.push((case_name(&q.id, &q.text), outcome, body));
    }
    for f in report.findings.iter().filter(|f| f.translation.is_none()) {
        let name = match f.source {
            Some(r) => case_name(
                &format!("{} {}", f.rule, report.quote(r).id),
                &report.quote(r).text,
            ),
            None => f.rule.to_string(),
        };
        let (outcome, body) = verdict(&[f], threshold);
        cases.push((name, outcome, body));
    }
    let failures = cases.iter().filter(|c| c.1 == Outcome::Failed).count();
    let skipped = cases.iter().filter(|c| c.1 == Outcome::Skipped).count();
    let mut xml = String::new();
    let _ = writeln!(
        xml,
        "  <testsuite name=\"{}\" package=\"verbatim\" id=\"{id}\" timestamp=\"{timestamp}\" hostname=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"0\">",
        xml_escape(&translation.name),
        xml_escape(hostname),
        cases.len()
    );
    xml.push_str("    <properties>\n");
    let sources: Vec<&str> = report.documents[1..]
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    for (name, value) in [
        ("sources", sources.join(", ")),
        ("scorer", report.scorer.clone()),
        ("signature", ctx.signature.clone()),
    ] {
        let _ = writeln!(
            xml,
            "      <property name=\"{name}\" value=\"{}\"/>",
            xml_escape(&value)
        );
    }
    xml.push_str("    </properties>\n");
    for (name, _, body) in &cases {
        let _ = writeln!(
            xml,
            "    <testcase name=\"{}\" classname=\"{}\" time=\"0\">{body}</testcase>",
            xml_escape(name),
            xml_escape(&classname)
        );
    }
    let below: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_some() || f.severity < threshold)
        .map(|f| {
            let at = f
                .translation
                .or(f.source)
                .map(|r| report.quote(r).id.clone())
                .unwrap_or_default();
            let state = if f.suppressed.is_some() {
                "suppressed"
            } else {
                f.severity.name()
            };
            format!("{state} {} {at}: {}", f.rule, f.message)
        })
        .collect();
    let _ = writeln!(
        xml,
        "    <system-out>{}</system-out>",
        xml_escape(&below.join("\n"))
    );
    xml.push_str("    <system-err></system-err>\n  </testsuite>\n");
    xml
}

impl Reporter for JunitReporter {
    fn report(
        &mut self,
        _out: &mut dyn Write,
        report: &CheckReport,
        ctx: &ReportContext,
    ) -> io::Result<()> {
        let xml = suite(
            report,
            ctx,
            self.suites.len(),
            &self.timestamp,
            &self.hostname,
        );
        self.suites.push(xml);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites>")?;
        for s in self.suites.drain(..) {
            out.write_all(s.as_bytes())?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(xml_escape("l'an\n2"), "l&apos;an&#10;2");
    }

    #[test]
    fn names_a_case_by_id_and_opening_words() {
        assert_eq!(case_name("t1", "un deux"), "t1: un deux");
        assert_eq!(
            case_name("t2", "1 2 3 4 5 6 7 8 9"),
            "t2: 1 2 3 4 5 6 7 8 …"
        );
    }
}

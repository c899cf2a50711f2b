//! Markdown for a pull-request comment: per article, the counts, a table of findings with the
//! two quotes side by side (differing words in bold), suppressed findings folded away, and
//! the signature of the run.

use super::{marked_words, ReportContext, Reporter};
use crate::finding::{Finding, QuoteRef, Side, SuppressionKind};
use crate::{CheckReport, Severity};
use std::io::{self, Write};

pub struct MarkdownReporter;

/// Words shown around the first highlighted word of a long quote.
const WINDOW: usize = 24;

/// Escapes text for a table cell: no line breaks, no pipes, no markup or HTML.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A quote as a cell: escaped, evidence in bold, long quotes cut to a window around the
/// first highlighted word.
fn quote_cell(report: &CheckReport, r: QuoteRef, f: &Finding, side: Side) -> String {
    let words = marked_words(report, r, f, side);
    let focus = words.iter().position(|w| w.1).unwrap_or(0);
    let start = if words.len() <= WINDOW {
        0
    } else {
        focus.saturating_sub(WINDOW / 3).min(words.len() - WINDOW)
    };
    let end = (start + WINDOW).min(words.len());
    let mut text: Vec<String> = words[start..end]
        .iter()
        .map(|(w, hit)| {
            if *hit {
                format!("**{}**", cell(w))
            } else {
                cell(w)
            }
        })
        .collect();
    if start > 0 {
        text.insert(0, "…".into());
    }
    if end < words.len() {
        text.push("…".into());
    }
    text.join(" ")
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴 error",
        Severity::Warning => "🟠 warning",
        Severity::Info => "🔵 info",
    }
}

fn tally(report: &CheckReport) -> String {
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .filter_map(|&s| {
            let n = report.active().filter(|f| f.severity == s).count();
            (n > 0).then(|| format!("{n} {}{}", s.name(), if n == 1 { "" } else { "s" }))
        })
        .collect();
    if parts.is_empty() {
        "no findings".into()
    } else {
        parts.join(", ")
    }
}

fn row(out: &mut dyn Write, report: &CheckReport, f: &Finding, first: &str) -> io::Result<()> {
    let at = f.translation.or(f.source).map(|r| {
        let q = report.quote(r);
        format!("{}:{}", cell(&report.documents[r.document].name), q.line)
    });
    let side = |r: Option<QuoteRef>, s: Side| {
        r.map(|r| quote_cell(report, r, f, s))
            .unwrap_or_else(|| "—".into())
    };
    writeln!(
        out,
        "| {first} | `{}` | {} | {} | {} | {} |",
        f.rule,
        at.unwrap_or_default(),
        side(f.translation, Side::Translation),
        side(f.source, Side::Source),
        cell(&f.message)
    )
}

impl Reporter for MarkdownReporter {
    fn report(
        &mut self,
        out: &mut dyn Write,
        report: &CheckReport,
        ctx: &ReportContext,
    ) -> io::Result<()> {
        let translation = &report.documents[0].name;
        let sources: Vec<String> = report.documents[1..]
            .iter()
            .map(|d| format!("`{}`", d.name.replace('`', "'")))
            .collect();
        let failed = ctx.failed(report);
        let mark = if failed {
            "❌"
        } else if report.active().next().is_some() {
            "⚠️"
        } else {
            "✅"
        };
        writeln!(
            out,
            "### {mark} verbatim: `{}`\n",
            translation.replace('`', "'")
        )?;
        let suppressed = report
            .findings
            .iter()
            .filter(|f| f.suppressed.is_some())
            .count();
        let extra = if suppressed > 0 {
            format!(" ({suppressed} suppressed)")
        } else {
            String::new()
        };
        writeln!(
            out,
            "**{}**{extra} in {} translated quotes checked against {}; {} matched to a source quote.\n",
            tally(report),
            report.quotes[0].len(),
            sources.join(", "),
            report.pairs.len()
        )?;
        let active: Vec<&Finding> = report.active().collect();
        if !active.is_empty() {
            writeln!(
                out,
                "| Severity | Rule | Where | Translation | Source | Why |"
            )?;
            writeln!(out, "|---|---|---|---|---|---|")?;
            for f in active {
                row(out, report, f, icon(f.severity))?;
            }
            writeln!(out)?;
        }
        if suppressed > 0 {
            writeln!(
                out,
                "<details><summary>{suppressed} suppressed finding{}</summary>\n",
                if suppressed == 1 { "" } else { "s" }
            )?;
            writeln!(
                out,
                "| Approved | Rule | Where | Translation | Source | Why |"
            )?;
            writeln!(out, "|---|---|---|---|---|---|")?;
            for f in report.findings.iter().filter(|f| f.suppressed.is_some()) {
                let s = f.suppressed.as_ref().expect("filtered on suppressed");
                let by = match (&s.approved_by, s.kind) {
                    (Some(who), _) => format!("by {}", cell(who)),
                    (None, SuppressionKind::Baseline) => "baseline".into(),
                    (None, SuppressionKind::Inline) => "ignore comment".into(),
                };
                let reason = if s.reason.trim().is_empty() {
                    "no reason given".to_string()
                } else {
                    cell(&s.reason)
                };
                row(out, report, f, &format!("{by}: {reason}"))?;
            }
            writeln!(out, "\n</details>\n")?;
        }
        writeln!(out, "<sub>{}</sub>\n", cell(&ctx.signature))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_inject_markup() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(cell("<script>*x*"), "&lt;script&gt;\\*x\\*");
    }
}

//! The human report: each finding with its rule, its reason, and the two quotes side by
//! side with the differing words highlighted (colour on a terminal; `[brackets]` without).

use super::{ReportContext, Reporter};
use crate::finding::{Finding, QuoteRef, Side};
use crate::quote::Quote;
use crate::{CheckReport, Severity};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

pub struct HumanReporter {
    pub color: bool,
    /// Total width to lay the two columns out in.
    pub width: usize,
}

const MAX_LINES: usize = 4;

impl HumanReporter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn severity_style(s: Severity) -> Style {
        let color = match s {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Blue,
        };
        Style::new().bold().fg_color(Some(color.into()))
    }

    /// Wraps words into lines of at most `width` characters, keeping the first highlighted
    /// word in view when the quote is too long to show whole.
    fn column(&self, words: &[(String, bool)], width: usize) -> Vec<String> {
        let mut lines: Vec<Vec<&(String, bool)>> = vec![Vec::new()];
        let mut len = 0;
        for w in words {
            let wl = w.0.chars().count() + if w.1 && !self.color { 2 } else { 0 };
            if len > 0 && len + 1 + wl > width {
                lines.push(Vec::new());
                len = 0;
            }
            len += wl + usize::from(len > 0);
            lines.last_mut().expect("one line").push(w);
        }
        let focus = lines
            .iter()
            .position(|l| l.iter().any(|w| w.1))
            .unwrap_or(0);
        let first = focus
            .saturating_sub(1)
            .min(lines.len().saturating_sub(MAX_LINES));
        let shown = &lines[first..lines.len().min(first + MAX_LINES)];
        let mut out: Vec<String> = shown
            .iter()
            .map(|l| {
                l.iter()
                    .map(|(text, hit)| match (hit, self.color) {
                        (true, true) => self.paint(
                            Style::new()
                                .bold()
                                .underline()
                                .fg_color(Some(AnsiColor::Magenta.into())),
                            text,
                        ),
                        (true, false) => format!("[{text}]"),
                        _ => text.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if first > 0 {
            out[0].insert_str(0, "… ");
        }
        if first + MAX_LINES < lines.len() {
            if let Some(last) = out.last_mut() {
                last.push_str(" …");
            }
        }
        out
    }

    /// `fr.txt:15:151 (t-q5, Linnea Berg)`.
    fn location(&self, report: &CheckReport, r: QuoteRef) -> String {
        let q: &Quote = report.quote(r);
        let who = q
            .speaker
            .as_ref()
            .map(|s| format!(", {}", s.display()))
            .unwrap_or_default();
        format!(
            "{}:{}:{} ({}{who})",
            report.documents[r.document].name, q.line, q.column, q.id
        )
    }

    fn finding(&self, out: &mut dyn Write, report: &CheckReport, f: &Finding) -> io::Result<()> {
        let label = self.paint(
            Self::severity_style(f.severity),
            &format!("{}[{}]", f.severity, f.rule),
        );
        writeln!(out, "{label}: {}", f.message)?;
        let dim = Style::new().dimmed();
        let sides: Vec<(QuoteRef, Side)> =
            [(f.translation, Side::Translation), (f.source, Side::Source)]
                .into_iter()
                .filter_map(|(r, s)| r.map(|r| (r, s)))
                .collect();
        for &(r, side) in &sides {
            let name = if side == Side::Translation {
                "translation"
            } else {
                "source"
            };
            writeln!(
                out,
                "  {} {}",
                self.paint(dim, &format!("{name:<11}")),
                self.location(report, r)
            )?;
        }
        let width = if sides.len() == 2 {
            self.width.saturating_sub(7) / 2
        } else {
            self.width.saturating_sub(4)
        };
        let columns: Vec<Vec<String>> = sides
            .iter()
            .map(|&(r, side)| self.column(&super::marked_words(report, r, f, side), width))
            .collect();
        let visible = |s: &str| strip_ansi(s).chars().count();
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..rows {
            let cell = |c: usize| {
                columns
                    .get(c)
                    .and_then(|col| col.get(i))
                    .map_or("", String::as_str)
            };
            if columns.len() == 2 {
                let left = cell(0);
                let pad = " ".repeat(width.saturating_sub(visible(left)));
                writeln!(out, "  {left}{pad} {} {}", self.paint(dim, "│"), cell(1))?;
            } else {
                writeln!(out, "  {}", cell(0))?;
            }
        }
        if let Some(score) = f.score {
            writeln!(
                out,
                "  {}",
                self.paint(dim, &format!("similarity {score:.2}"))
            )?;
        }
        writeln!(out)
    }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => out.push(c),
        }
    }
    out
}

impl Reporter for HumanReporter {
    fn report(
        &mut self,
        out: &mut dyn Write,
        report: &CheckReport,
        ctx: &ReportContext,
    ) -> io::Result<()> {
        for f in report.active() {
            self.finding(out, report, f)?;
        }
        let suppressed: Vec<&crate::Finding> = report
            .findings
            .iter()
            .filter(|f| f.suppressed.is_some())
            .collect();
        for f in &suppressed {
            let s = f.suppressed.as_ref().expect("filtered on suppressed");
            let by = s
                .approved_by
                .as_ref()
                .map(|b| format!(", approved by {b}"))
                .unwrap_or_default();
            let why = if s.reason.is_empty() {
                "no reason given".to_string()
            } else {
                s.reason.clone()
            };
            let kind = if s.kind == crate::finding::SuppressionKind::Baseline {
                "baseline"
            } else {
                "ignore comment"
            };
            let line = format!(
                "suppressed[{}] by {kind}{by} ({why}): {}",
                f.rule, f.message
            );
            writeln!(out, "{}", self.paint(Style::new().dimmed(), &line))?;
        }
        if !suppressed.is_empty() {
            writeln!(out)?;
        }
        let count = |s: Severity| report.active().filter(|f| f.severity == s).count();
        let sources: Vec<&str> = report.documents[1..]
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        let quotes = report.quotes[0].len();
        let tally = if report.active().next().is_none() {
            "no findings".to_string()
        } else {
            let parts: Vec<String> = [
                (Severity::Error, "error"),
                (Severity::Warning, "warning"),
                (Severity::Info, "info"),
            ]
            .iter()
            .filter(|(s, _)| count(*s) > 0)
            .map(|(s, name)| {
                format!(
                    "{} {name}{}",
                    count(*s),
                    if count(*s) > 1 && *name != "info" {
                        "s"
                    } else {
                        ""
                    }
                )
            })
            .collect();
            parts.join(", ")
        };
        let verdict = if ctx.failed(report) {
            self.paint(Self::severity_style(Severity::Error), "FAIL")
        } else {
            self.paint(
                Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
                "ok",
            )
        };
        let also = if suppressed.is_empty() {
            String::new()
        } else {
            format!(" ({} suppressed)", suppressed.len())
        };
        let scorer = if report.scorer == "lexical" {
            String::new()
        } else {
            format!(" [scorer {}]", report.scorer)
        };
        writeln!(
            out,
            "{verdict} {}: {quotes} quote{}, {} matched in {}; {tally}{also}{scorer}",
            report.documents[0].name,
            if quotes == 1 { "" } else { "s" },
            report.pairs.len(),
            sources.join(", ")
        )
    }
}

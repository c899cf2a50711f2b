//! The CI gate around a check: fingerprints that survive edits elsewhere in a file,
//! approved deviations (a baseline file, inline `verbatim-ignore` comments), and the
//! reproducibility signature every report carries. Pure: the CLI reads the files.

mod baseline;
mod inline;
mod signature;

pub use baseline::{Baseline, BaselineEntry, BaselineError};
pub use inline::{directives, Directive, Sidecar};
pub use signature::signature;

use crate::finding::{Evidence, Finding, Rule, Side, Suppression, SuppressionKind};
use crate::judge::RuleSettings;
use crate::text::squash;
use crate::CheckReport;

/// A finding's identity, from its rule and the texts of its quotes (never line numbers): the
/// same misquote keeps its fingerprint when the article is edited elsewhere, and a changed
/// quote gets a new one. 16 hex digits (FNV-1a).
pub fn fingerprint(report: &CheckReport, f: &Finding) -> String {
    let quote =
        |r: Option<crate::QuoteRef>| r.map(|r| squash(&report.quote(r).text)).unwrap_or_default();
    let evidence: Vec<String> = f.evidence.iter().map(|e| squash(&e.text)).collect();
    let key = [
        f.rule.id().to_string(),
        quote(f.translation),
        quote(f.source),
        evidence.join("|"),
    ]
    .join("\u{0}");
    format!(
        "{:016x}",
        crate::text::fnv1a(crate::text::FNV_START, key.as_bytes())
    )
}

/// Baseline entries for the findings of `report` that nothing suppresses yet (the warnings
/// about unexplained suppressions aside), approved by `approved_by` for `reason`.
pub fn baseline_entries(
    report: &CheckReport,
    approved_by: &str,
    reason: &str,
) -> Vec<BaselineEntry> {
    let opening = |r: Option<crate::QuoteRef>| {
        r.map(|r| {
            let words: Vec<&str> = report.quote(r).text.split_whitespace().collect();
            let mut head = words.iter().take(12).copied().collect::<Vec<_>>().join(" ");
            if words.len() > 12 {
                head.push_str(" …");
            }
            head
        })
        .unwrap_or_default()
    };
    report
        .active()
        .filter(|f| f.rule != Rule::SuppressionUnexplained)
        .map(|f| BaselineEntry {
            fingerprint: fingerprint(report, f),
            rule: f.rule.id().to_string(),
            document: report.documents[0].name.clone(),
            translation: opening(f.translation),
            source: opening(f.source),
            message: f.message.clone(),
            approved_by: approved_by.to_string(),
            reason: reason.to_string(),
        })
        .collect()
}

/// Marks the findings a baseline approves as suppressed, and adds a warning for each
/// approval without a reason.
pub fn apply_baseline(report: &mut CheckReport, baseline: &Baseline, rules: &RuleSettings) {
    let mut extra = Vec::new();
    for i in 0..report.findings.len() {
        if report.findings[i].suppressed.is_some() {
            continue;
        }
        let fp = fingerprint(report, &report.findings[i]);
        let Some(entry) = baseline.get(&fp) else {
            continue;
        };
        let f = &mut report.findings[i];
        f.suppressed = Some(Suppression {
            kind: SuppressionKind::Baseline,
            reason: entry.reason.clone(),
            approved_by: (!entry.approved_by.trim().is_empty()).then(|| entry.approved_by.clone()),
        });
        if entry.reason.trim().is_empty() {
            let message = format!(
                "the baseline approves this {} finding without a reason (fingerprint {fp})",
                f.rule
            );
            extra.extend(unexplained(f, message, Vec::new(), rules));
        }
    }
    report.findings.extend(extra);
}

/// Marks the findings silenced by `verbatim-ignore` comments in the translation or by its
/// sidecar file, and adds a warning for each silence without a reason.
pub fn apply_inline(report: &mut CheckReport, sidecar: Option<&Sidecar>, rules: &RuleSettings) {
    let directives = inline::directives(&report.documents[0]);
    let mut extra = Vec::new();
    for i in 0..report.findings.len() {
        if report.findings[i].suppressed.is_some() {
            continue;
        }
        let Some(t) = report.findings[i].translation else {
            continue;
        };
        let quote = report.quote(t);
        let rule = report.findings[i].rule;
        let doc = &report.documents[0];
        let hit = directives
            .iter()
            .find(|d| d.covers(rule) && d.applies_to(doc, quote))
            .map(|d| {
                (
                    d.reason.clone(),
                    Some(Evidence {
                        side: Side::Translation,
                        document: 0,
                        text: d.text.clone(),
                        span: d.span,
                    }),
                )
            })
            .or_else(|| {
                sidecar
                    .and_then(|s| s.find(rule, &quote.text))
                    .map(|e| (e.reason.clone(), None))
            });
        let Some((reason, evidence)) = hit else {
            continue;
        };
        let f = &mut report.findings[i];
        f.suppressed = Some(Suppression {
            kind: SuppressionKind::Inline,
            reason: reason.clone(),
            approved_by: None,
        });
        if reason.trim().is_empty() {
            let message = format!(
                "this {} finding is silenced without a reason: write `verbatim-ignore {}: why`",
                f.rule, f.rule
            );
            extra.extend(unexplained(
                f,
                message,
                evidence.into_iter().collect(),
                rules,
            ));
        }
    }
    report.findings.extend(extra);
}

fn unexplained(
    f: &Finding,
    message: String,
    evidence: Vec<Evidence>,
    rules: &RuleSettings,
) -> Option<Finding> {
    Some(Finding {
        rule: Rule::SuppressionUnexplained,
        severity: rules.severity(Rule::SuppressionUnexplained)?,
        message,
        score: None,
        translation: f.translation,
        source: f.source,
        evidence,
        suppressed: None,
    })
}

//! SARIF 2.1.0 (via `serde-sarif`): one run, one rule per verbatim rule, each finding at the
//! translated quote with the source quote as a related location, a partial fingerprint that
//! survives edits elsewhere, and suppressions for approved deviations. GitHub code scanning
//! and other SARIF viewers read it.

use super::{ReportContext, Reporter};
use crate::finding::{Finding, QuoteRef, SuppressionKind};
use crate::gate::fingerprint;
use crate::{CheckReport, Rule, Severity};
use serde_sarif::sarif;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Collects the results of every checked article and writes one SARIF log at the end.
#[derive(Default)]
pub struct SarifReporter {
    results: Vec<sarif::Result>,
    signature: String,
}

fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
    }
}

fn level_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `number-mismatch` -> `NumberMismatch`.
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| w[..1].to_uppercase() + &w[1..])
        .collect()
}

fn rules() -> Vec<sarif::ReportingDescriptor> {
    Rule::ALL
        .iter()
        .map(|r| {
            let text = |t: &str| sarif::MultiformatMessageString::builder().text(t).build();
            let config = sarif::ReportingConfiguration::builder()
                .level(serde_json::json!(level_name(r.default_severity())))
                .build();
            sarif::ReportingDescriptor::builder()
                .id(r.id())
                .name(pascal(r.id()))
                .short_description(text(r.summary()))
                .full_description(text(r.explanation()))
                .help(text(&format!(
                    "{} Run `verbatim rules {}` for details.",
                    r.explanation(),
                    r.id()
                )))
                .default_configuration(config)
                .build()
        })
        .collect()
}

fn location(report: &CheckReport, r: QuoteRef, label: Option<String>) -> sarif::Location {
    let q = report.quote(r);
    let doc = &report.documents[r.document];
    let end = doc.line_col(q.span.end);
    let region = sarif::Region::builder()
        .start_line(q.line as i64)
        .start_column(q.column as i64)
        .end_line(end.line as i64)
        .end_column(end.column as i64)
        .build();
    let artifact = sarif::ArtifactLocation::builder()
        .uri(doc.name.clone())
        .build();
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(artifact)
        .region(region)
        .build();
    match label {
        Some(text) => sarif::Location::builder()
            .physical_location(physical)
            .message(sarif::Message::builder().text(text).build())
            .build(),
        None => sarif::Location::builder()
            .physical_location(physical)
            .build(),
    }
}

fn result(report: &CheckReport, f: &Finding) -> sarif::Result {
    let rule_index = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0) as i64;
    let primary = f.translation.or(f.source);
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert("verbatimQuote/v1".to_string(), fingerprint(report, f));
    let related: Vec<sarif::Location> = f
        .source
        .filter(|_| f.translation.is_some())
        .map(|r| {
            location(
                report,
                r,
                Some(format!(
                    "source quote {} in {}",
                    report.quote(r).id,
                    report.documents[r.document].name
                )),
            )
        })
        .into_iter()
        .collect();
    let mut builder = sarif::Result::builder()
        .rule_id(f.rule.id())
        .rule_index(rule_index)
        .level(level(f.severity))
        .message(sarif::Message::builder().text(f.message.clone()).build())
        .partial_fingerprints(fingerprints)
        .locations(
            primary
                .map(|r| vec![location(report, r, None)])
                .unwrap_or_default(),
        )
        .related_locations(related)
        .build();
    if let Some(s) = &f.suppressed {
        let kind = if s.kind == SuppressionKind::Baseline {
            "external"
        } else {
            "inSource"
        };
        let justification = match &s.approved_by {
            Some(by) => format!("{} (approved by {by})", s.reason),
            None => s.reason.clone(),
        };
        builder.suppressions = Some(vec![sarif::Suppression::builder()
            .kind(serde_json::json!(kind))
            .justification(justification)
            .build()]);
    }
    builder
}

impl Reporter for SarifReporter {
    fn report(
        &mut self,
        _out: &mut dyn Write,
        report: &CheckReport,
        ctx: &ReportContext,
    ) -> io::Result<()> {
        self.signature = ctx.signature.clone();
        self.results
            .extend(report.findings.iter().map(|f| result(report, f)));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let driver = sarif::ToolComponent::builder()
            .name("verbatim")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .rules(rules())
            .build();
        let mut props = BTreeMap::new();
        props.insert("signature".to_string(), serde_json::json!(self.signature));
        let run = sarif::Run::builder()
            .tool(sarif::Tool::builder().driver(driver).build())
            .results(std::mem::take(&mut self.results))
            .column_kind(serde_json::json!("unicodeCodePoints"))
            .properties(
                sarif::PropertyBag::builder()
                    .additional_properties(props)
                    .build(),
            )
            .build();
        let log = sarif::Sarif::builder()
            .schema("https://json.schemastore.org/sarif-2.1.0.json")
            .version(serde_json::json!("2.1.0"))
            .runs(vec![run])
            .build();
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

//! Runs `check` on whole WMT articles (professional translations, one segment per line,
//! each line a paragraph) and prints how many translated quotes get a finding: every one
//! is a false flag, since the translations are faithful. Internal calibration data read from
//! `../shared/data/wmt/docs/`; skipped with a notice when absent.
//!
//!     cargo run --release --example wmt_articles [-- --show RULE]

use std::collections::BTreeMap;
use std::path::Path;
use verbatim::{check, CheckSettings, Document, Lang, LexicalScorer, Resources, Rule};

/// WMT gives one sentence a line. A line becomes a paragraph of its own unless a quote is
/// still open, in which case it continues the paragraph (as it did in the article).
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    let mut open = 0i32;
    let mut straight = 0usize;
    for line in text.lines() {
        if !out.is_empty() {
            out.push_str(if open > 0 || straight % 2 == 1 {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(line);
        open += line.matches(['«', '“']).count() as i32 - line.matches(['»', '”']).count() as i32;
        open = open.max(0);
        straight += line.matches('"').count();
        if open == 0 && straight % 2 == 0 {
            straight = 0;
        }
    }
    out
}

fn main() {
    let root = Path::new("../shared/data/wmt");
    let Ok(index) = std::fs::read_to_string(root.join("docs/index.tsv")) else {
        println!("notice: ../shared/data/wmt/docs/index.tsv not found; skipping the WMT article measurement");
        return;
    };
    let show: Option<String> = std::env::args().skip_while(|a| a != "--show").nth(1);
    let res = Resources::builtin().expect("built-in lexicon");
    let scorer = LexicalScorer { res: &res };
    let settings = CheckSettings::default();
    let (mut articles, mut quotes, mut matched, mut flagged, mut flagged_err) = (0, 0, 0, 0, 0);
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, direction) = (cols[2], cols[4]);
        let read = |ext: &str| std::fs::read_to_string(root.join(format!("{file}.{ext}"))).ok();
        let (Some(fr), Some(en)) = (read("fr"), read("en")) else {
            continue;
        };
        let as_paragraphs = |s: &str| paragraphs(s);
        let (fr, en) = (
            Document::new(format!("{file}.fr"), as_paragraphs(&fr), Lang::Fr),
            Document::new(format!("{file}.en"), as_paragraphs(&en), Lang::En),
        );
        let (t, s) = if direction == "en->fr" {
            (fr, en)
        } else {
            (en, fr)
        };
        let report = check(t, vec![s], &res, &scorer, &settings);
        articles += 1;
        quotes += report.quotes[0].len();
        matched += report.pairs.len();
        let mut quote_rules: BTreeMap<usize, Vec<Rule>> = BTreeMap::new();
        for f in &report.findings {
            *by_rule.entry(f.rule.id()).or_default() += 1;
            if let Some(r) = f.translation {
                quote_rules.entry(r.quote).or_default().push(f.rule);
            }
            if show
                .as_deref()
                .is_some_and(|s| s == f.rule.id() || s == "all")
            {
                let t = f
                    .translation
                    .map(|r| report.quote(r).text.clone())
                    .unwrap_or_default();
                let s = f
                    .source
                    .map(|r| report.quote(r).text.clone())
                    .unwrap_or_default();
                println!("[{}] {}\n  T: {t}\n  S: {s}\n", f.rule, f.message);
            }
        }
        for (q, rules) in &quote_rules {
            let quote = &report.quotes[0][*q];
            if rules.iter().any(|r| *r != Rule::QuoteUnbalanced)
                && quote.kind != verbatim::QuoteKind::Scare
                || rules.iter().any(|r| {
                    matches!(
                        r,
                        Rule::NumberMismatch
                            | Rule::NegationMismatch
                            | Rule::NameMismatch
                            | Rule::SpeakerMismatch
                    )
                })
            {
                flagged += 1;
            }
            if report.findings.iter().any(|f| {
                f.translation.is_some_and(|r| r.quote == *q)
                    && f.severity == verbatim::Severity::Error
            }) {
                flagged_err += 1;
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / quotes.max(1) as f64;
    println!(
        "WMT articles: {articles}, translated quotes: {quotes}, matched: {matched} ({:.1}%)",
        pct(matched)
    );
    println!(
        "translated quotes with a finding (scare-quote info aside): {flagged} ({:.1}%)",
        pct(flagged)
    );
    println!(
        "translated quotes with an error-level finding: {flagged_err} ({:.1}%)",
        pct(flagged_err)
    );
    for (rule, n) in &by_rule {
        println!("  {rule:<18} {n:>4}");
    }
}

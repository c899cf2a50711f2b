//! Runs the drift checks on the silver WMT quote pairs (faithful professional translations)
//! and prints how many are flagged, per rule. Internal calibration: reads the data from
//! `../shared/data/wmt/` and skips with a notice when it is absent.
//!
//!     cargo run --release --example wmt_pairs [-- --show RULE]

use std::collections::BTreeMap;
use verbatim::align::windows;
use verbatim::judge::rule_of;
use verbatim::score::{analyze, compare, Settings};
use verbatim::{Document, Lang, QuoteKind, Resources};

fn main() {
    let path = std::env::var("VERBATIM_WMT")
        .unwrap_or_else(|_| "../shared/data/wmt/quotes_en2fr_clean.tsv".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("notice: {path} not found; skipping the WMT measurement");
        return;
    };
    let show: Option<String> = std::env::args().skip_while(|a| a != "--show").nth(1);
    let res = Resources::builtin().expect("built-in lexicon");
    let settings = Settings::default();
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut pairs, mut flagged, mut errors) = (0, 0, 0);
    let mut sims = Vec::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[2].trim().is_empty() || cols[3].trim().is_empty() {
            continue;
        }
        pairs += 1;
        let fr = Document::new("fr", cols[2], Lang::Fr);
        let en = Document::new("en", cols[3], Lang::En);
        let t = analyze(&fr, &fr.paragraphs, &res);
        let s = analyze(&en, &en.paragraphs, &res);
        let (tw, sw) = windows(&t, QuoteKind::Full, &s, QuoteKind::Full);
        let c = compare(&t, &s, tw, sw, &res, &settings);
        sims.push(c.similarity);
        let mut rules: Vec<&str> = c.differences.iter().map(|d| rule_of(d).id()).collect();
        rules.sort();
        rules.dedup();
        if !rules.is_empty() {
            flagged += 1;
        }
        if rules.iter().any(|r| *r != "quote-drift") {
            errors += 1;
        }
        for r in &rules {
            *by_rule.entry(r).or_default() += 1;
        }
        if show
            .as_deref()
            .is_some_and(|s| rules.contains(&s) || s == "all" && !rules.is_empty())
        {
            println!(
                "FR: {}\nEN: {}\n   sim {:.2}  {:?}\n",
                cols[2], cols[3], c.similarity, c.differences
            );
        }
    }
    sims.sort_by(f32::total_cmp);
    let pct = |p: f32| {
        sims.get(((sims.len() as f32 * p) as usize).min(sims.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    println!("WMT faithful quote pairs: {pairs}");
    println!(
        "flagged (any finding): {flagged} ({:.1}%)",
        100.0 * flagged as f32 / pairs.max(1) as f32
    );
    println!(
        "flagged at error level (number, negation, name): {errors} ({:.1}%)",
        100.0 * errors as f32 / pairs.max(1) as f32
    );
    for (rule, n) in &by_rule {
        println!(
            "  {rule:<18} {n:>4} ({:.1}%)",
            100.0 * *n as f32 / pairs.max(1) as f32
        );
    }
    println!(
        "similarity percentiles: p1 {:.2}  p5 {:.2}  p10 {:.2}  p50 {:.2}",
        pct(0.01),
        pct(0.05),
        pct(0.10),
        pct(0.5)
    );
}

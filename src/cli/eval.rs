//! `verbatim eval`: run the checker on labeled cases and score it (see `docs/eval.md`).

use super::check::resources;
use super::config::{Config, Format};
use super::input::load_document;
use super::{write_ok, EvalArgs};
use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use verbatim::backend::Backend;
use verbatim::eval::{score_case, CaseLabels, CaseScore, Counts, Summary};
use verbatim::{check, Resources};

/// Every folder holding a `labels.toml` under the given paths, sorted.
fn discover(dirs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        if dir.join("labels.toml").is_file() {
            out.push(dir.to_path_buf());
            return Ok(());
        }
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        let mut subdirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        subdirs.sort();
        for sub in subdirs {
            walk(&sub, out)?;
        }
        Ok(())
    }
    let mut cases = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            bail!("{}: not a folder of labeled cases", dir.display());
        }
        walk(dir, &mut cases)?;
    }
    if cases.is_empty() {
        bail!(
            "no labeled case (a folder with labels.toml) under {}",
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(cases)
}

/// The sources of a case: named in its labels, else every `en*.txt` beside the labels.
fn sources_of(dir: &Path, labels: &CaseLabels) -> Result<Vec<PathBuf>> {
    if let Some(names) = &labels.sources {
        return Ok(names.iter().map(|n| dir.join(n)).collect());
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("en") && n.ends_with(".txt"))
        })
        .collect();
    found.sort();
    if found.is_empty() {
        bail!(
            "{}: no source (en*.txt, or `sources` in labels.toml)",
            dir.display()
        );
    }
    Ok(found)
}

fn run_case(
    dir: &Path,
    config: &Config,
    res: &Resources,
    backend: Option<&Backend>,
    min: verbatim::Severity,
) -> Result<CaseScore> {
    let labels_path = dir.join("labels.toml");
    let text = std::fs::read_to_string(&labels_path)
        .with_context(|| format!("cannot read {}", labels_path.display()))?;
    let labels =
        CaseLabels::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", labels_path.display()))?;
    let translation = dir.join(labels.translation.as_deref().unwrap_or("fr.txt"));
    let t = load_document(&translation.to_string_lossy(), None, &config.languages)?;
    let sources = sources_of(dir, &labels)?
        .iter()
        .map(|p| load_document(&p.to_string_lossy(), None, &config.languages))
        .collect::<Result<Vec<_>>>()?;
    let texts: Vec<&str> = sources.iter().map(|d| d.text.as_str()).collect();
    labels
        .check_keys(&t.text, &texts)
        .map_err(|e| anyhow::anyhow!("{}: {e}", labels_path.display()))?;
    let scorer = super::backend::scorer_for(backend, config.fallback, res, &t, &sources)?;
    let report = check(t, sources, res, scorer.as_ref(), &config.settings);
    Ok(score_case(
        &dir.display().to_string(),
        &report,
        &labels,
        min,
    ))
}

/// Counts with their rates, for output.
#[derive(Serialize)]
struct Metrics {
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    tn: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl From<Counts> for Metrics {
    fn from(c: Counts) -> Metrics {
        let r = |x: f64| (x * 1000.0).round() / 1000.0;
        Metrics {
            tp: c.tp,
            fp: c.fp,
            fn_: c.fn_,
            tn: c.tn,
            precision: r(c.precision()),
            recall: r(c.recall()),
            f1: r(c.f1()),
        }
    }
}

#[derive(Serialize)]
struct EvalJson<'a> {
    version: u32,
    cases: usize,
    labeled_quotes: usize,
    quote_level: Metrics,
    rule_level: Metrics,
    rules: BTreeMap<&'static str, Metrics>,
    faithful_quotes: usize,
    faithful_flagged: usize,
    false_flag_rate: f64,
    not_extracted: usize,
    pairings: usize,
    paired_right: usize,
    pairing_accuracy: f64,
    scorer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_case: Option<&'a [CaseScore]>,
}

pub fn run(args: EvalArgs, mut config: Config) -> Result<u8> {
    super::backend::apply_flags(&mut config, &args.scoring);
    let res = resources(&config, &args.lexicon)?;
    let backend = super::backend::open(&config)?;
    let scorer_name = super::backend::scorer_name(&config);
    let min = args
        .min_severity
        .threshold()
        .unwrap_or(verbatim::Severity::Error);
    let scores = discover(&args.dirs)?
        .iter()
        .map(|d| run_case(d, &config, &res, backend.as_ref(), min))
        .collect::<Result<Vec<_>>>()?;
    let summary = Summary::of(&scores);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        Format::Json => {
            let json = EvalJson {
                version: 1,
                cases: summary.cases,
                labeled_quotes: summary.labeled_quotes,
                quote_level: summary.quote.into(),
                rule_level: summary.rule.into(),
                rules: summary
                    .rules
                    .iter()
                    .map(|(k, v)| (*k, (*v).into()))
                    .collect(),
                faithful_quotes: summary.faithful,
                faithful_flagged: summary.faithful_flagged,
                false_flag_rate: (summary.false_flag_rate() * 1000.0).round() / 1000.0,
                not_extracted: summary.not_extracted,
                pairings: summary.pairings,
                paired_right: summary.paired_right,
                pairing_accuracy: (summary.pairing_accuracy() * 1000.0).round() / 1000.0,
                scorer: scorer_name.clone(),
                per_case: args.cases.then_some(scores.as_slice()),
            };
            serde_json::to_writer_pretty(&mut out, &json)
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        Format::Human => human(&mut out, &scores, &summary, args.cases, &scorer_name),
    };
    write_ok(written.and_then(|_| out.flush()))?;
    let under = |min: Option<f64>, f1: f64| min.is_some_and(|m| f1 < m);
    Ok(u8::from(
        under(args.min_f1, summary.quote.f1()) || under(args.min_rule_f1, summary.rule.f1()),
    ))
}

fn line(name: &str, c: &Counts) -> String {
    format!(
        "{name:<20} precision {:.3}  recall {:.3}  F1 {:.3}  (TP {}, FP {}, FN {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn human(
    out: &mut dyn Write,
    scores: &[CaseScore],
    s: &Summary,
    per_case: bool,
    scorer: &str,
) -> std::io::Result<()> {
    if per_case {
        for c in scores {
            let q = &c.quote;
            writeln!(
                out,
                "{}: quote F1 {:.3} (TP {}, FP {}, FN {}, TN {})",
                c.name,
                q.f1(),
                q.tp,
                q.fp,
                q.fn_,
                q.tn
            )?;
            for m in &c.mismatches {
                writeln!(out, "  label   {m}")?;
            }
            for u in &c.unlabeled {
                writeln!(out, "  extra   {u}")?;
            }
            for k in &c.not_extracted {
                writeln!(out, "  missed  quote not extracted: {k}")?;
            }
            for k in &c.mispaired {
                writeln!(out, "  pairing {k}")?;
            }
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} cases, {} labeled quotes ({} faithful); scorer {scorer}",
        s.cases, s.labeled_quotes, s.faithful
    )?;
    writeln!(out, "{}", line("quote level", &s.quote))?;
    writeln!(out, "{}", line("rule level", &s.rule))?;
    for (rule, c) in &s.rules {
        writeln!(out, "  {}", line(rule, c))?;
    }
    writeln!(
        out,
        "false flags on faithful quotes: {} of {} ({:.1}%)",
        s.faithful_flagged,
        s.faithful,
        100.0 * s.false_flag_rate()
    )?;
    writeln!(
        out,
        "pairing: {} of {} translated quotes paired with their labeled source ({:.1}%)",
        s.paired_right,
        s.pairings,
        100.0 * s.pairing_accuracy()
    )?;
    if s.not_extracted > 0 {
        writeln!(
            out,
            "labeled quotes the extractor missed: {}",
            s.not_extracted
        )?;
    }
    Ok(())
}

//! `verbatim baseline create|prune`: record the findings a reviewer approves, and drop the
//! entries no finding matches any more.

use super::check::{check_article, load_baseline, resources, Article};
use super::config::Config;
use super::{ArticleArgs, BaselineCommand};
use anyhow::{Context, Result};
use std::path::PathBuf;
use verbatim::gate::{self, Baseline};
use verbatim::Resources;

const DEFAULT_FILE: &str = "verbatim-baseline.toml";

fn baseline_path(article: &ArticleArgs, config: &Config) -> PathBuf {
    article
        .baseline
        .clone()
        .or_else(|| config.baseline.clone())
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE))
}

fn article<'a>(a: &'a ArticleArgs, res: &'a Resources) -> Article<'a> {
    Article {
        translation: &a.translation,
        sources: &a.sources,
        lang: a.lang,
        source_lang: a.source_lang,
        res,
    }
}

fn save(path: &PathBuf, baseline: &Baseline) -> Result<()> {
    std::fs::write(path, baseline.to_toml())
        .with_context(|| format!("cannot write baseline {}", path.display()))
}

pub fn run(cmd: BaselineCommand, mut config: Config) -> Result<u8> {
    let (BaselineCommand::Create { article: a, .. } | BaselineCommand::Prune { article: a }) = &cmd;
    super::backend::apply_flags(&mut config, &a.scoring);
    let backend = super::backend::open(&config)?;
    let res = resources(&config, &a.lexicon)?;
    match cmd {
        BaselineCommand::Create {
            article: a,
            approved_by,
            reason,
        } => {
            let path = baseline_path(&a, &config);
            let mut baseline = if path.exists() {
                load_baseline(&path)?
            } else {
                Baseline {
                    version: 1,
                    entries: Vec::new(),
                }
            };
            let checked = check_article(
                &article(&a, &res),
                &config,
                Some(&baseline),
                backend.as_ref(),
            )?;
            let entries = gate::baseline_entries(&checked.report, &approved_by, &reason);
            let found = entries.len();
            let added = baseline.add(entries);
            save(&path, &baseline)?;
            println!(
                "{}: added {added} finding{} of {} ({} entries in all)",
                path.display(),
                if added == 1 { "" } else { "s" },
                a.translation,
                baseline.entries.len()
            );
            if found > 0 && (approved_by.trim().is_empty() || reason.trim().is_empty()) {
                println!("fill in approved_by and reason for each new entry: until then each is reported as suppression-unexplained");
            }
            Ok(0)
        }
        BaselineCommand::Prune { article: a } => {
            let path = baseline_path(&a, &config);
            let mut baseline = load_baseline(&path)?;
            // Checked without the baseline: a finding it suppresses still matches its entry.
            let checked = check_article(&article(&a, &res), &config, None, backend.as_ref())?;
            let current: Vec<String> = checked
                .report
                .findings
                .iter()
                .map(|f| gate::fingerprint(&checked.report, f))
                .collect();
            let dropped = baseline.prune(&checked.report.documents[0].name, &current);
            save(&path, &baseline)?;
            println!(
                "{}: dropped {dropped} entr{} of {} that no finding matches ({} left)",
                path.display(),
                if dropped == 1 { "y" } else { "ies" },
                a.translation,
                baseline.entries.len()
            );
            Ok(0)
        }
    }
}

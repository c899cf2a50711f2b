//! `verbatim gate PATH...`: the CI and pre-commit entry point. Each path (a changed file or
//! a folder) stands for its article folder; every folder holding a translation is checked
//! against the sources beside it, and all of them go into one set of reports.

use super::check::{baseline_for, check_article, context, emit, resources, targets, Article};
use super::config::Config;
use super::input::lang_from_name;
use super::{GateArgs, Output};
use anyhow::{bail, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use verbatim::gate::signature;
use verbatim::Lang;

/// An article folder's translation and sources.
#[derive(Debug, PartialEq)]
pub struct ArticleFiles {
    pub translation: String,
    pub sources: Vec<String>,
}

fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "markdown"))
}

/// A folder and every folder under it, hidden ones (`.git`) aside, in name order.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    out.push(dir.to_path_buf());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subdirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_dir()
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    subdirs.sort();
    for d in subdirs {
        walk(&d, out);
    }
}

/// The article folders the paths stand for, in order, each once: a file's folder, or a
/// folder and the folders under it.
fn folders(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for p in paths {
        let mut found = Vec::new();
        if p.is_dir() {
            walk(p, &mut found);
        } else {
            let parent = p.parent().map(Path::to_path_buf).unwrap_or_default();
            let parent = if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent
            };
            if parent.is_dir() {
                found.push(parent);
            }
        }
        out.extend(found.into_iter().filter(|d| seen.insert(d.clone())));
    }
    out
}

/// The translation and sources of a folder, by the languages their names give; `None` when
/// the folder holds no translation.
pub fn article_in(dir: &Path, translation_lang: Lang) -> Result<Option<ArticleFiles>> {
    let mut translations = Vec::new();
    let mut sources = Vec::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot list {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_text(p))
        .collect();
    files.sort();
    for f in files {
        let name = f.display().to_string();
        match lang_from_name(&name) {
            Some(l) if l == translation_lang => translations.push(name),
            Some(_) => sources.push(name),
            None => {}
        }
    }
    match translations.len() {
        0 => Ok(None),
        1 if sources.is_empty() => bail!("{}: the translation has no source beside it (name sources by language: en.txt, en-wire.txt)", translations[0]),
        1 => Ok(Some(ArticleFiles { translation: translations.remove(0), sources })),
        _ => bail!("{}: more than one translation ({}); keep one article per folder", dir.display(), translations.join(", ")),
    }
}

pub fn run(args: GateArgs, mut config: Config, output: &Output) -> Result<u8> {
    let r = &args.report;
    if let Some(f) = r.fail_on {
        config.fail_on = f;
    }
    super::backend::apply_flags(&mut config, &args.scoring);
    let targets = targets(r, &config)?;
    let baseline = baseline_for(r, &config)?;
    let backend = super::backend::open(&config)?;
    let res = resources(&config, &r.lexicon)?;
    let mut checked = Vec::new();
    for dir in folders(&args.paths) {
        let Some(files) = article_in(&dir, args.translation_lang)? else {
            continue;
        };
        let article = Article {
            translation: &files.translation,
            sources: &files.sources,
            lang: Some(args.translation_lang),
            source_lang: None,
            res: &res,
        };
        checked.push(check_article(
            &article,
            &config,
            baseline.as_ref(),
            backend.as_ref(),
        )?);
    }
    let ctx = match checked.first() {
        Some(c) => context(&config, c.lexicon.clone(), c.signature.clone()),
        None => {
            eprintln!(
                "verbatim gate: no article among the {} path(s) given; nothing to check",
                args.paths.len()
            );
            let scorer = super::backend::scorer_name(&config);
            context(
                &config,
                res.checksum(),
                signature(&config.settings, &res.checksum(), &scorer),
            )
        }
    };
    emit(&targets, &checked, true, &ctx, output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_its_translation_and_sources() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "fr.txt",
            "en.txt",
            "en-release.md",
            "fr.txt.verbatim-ignore.toml",
            "notes.txt",
        ] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let a = article_in(dir.path(), Lang::Fr).unwrap().unwrap();
        assert!(a.translation.ends_with("fr.txt"));
        assert_eq!(a.sources.len(), 2, "{:?}", a.sources);
        assert!(
            article_in(dir.path(), Lang::En).is_err(),
            "two English files are two translations"
        );
        let lone = tempfile::tempdir().unwrap();
        std::fs::write(lone.path().join("README.md"), "x").unwrap();
        assert_eq!(article_in(lone.path(), Lang::Fr).unwrap(), None);
    }

    #[test]
    fn paths_stand_for_their_folders_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::create_dir(&a).unwrap();
        let paths = [
            a.join("fr.txt"),
            a.join("en.txt"),
            dir.path().join("gone/fr.txt"),
            a.clone(),
        ];
        assert_eq!(folders(&paths), vec![a.clone()]);
        let b = dir.path().join("b");
        std::fs::create_dir_all(b.join("c")).unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        let all = folders(&[dir.path().to_path_buf()]);
        assert_eq!(
            all,
            vec![dir.path().to_path_buf(), a, b.clone(), b.join("c")],
            "folders are walked, hidden ones skipped"
        );
    }
}

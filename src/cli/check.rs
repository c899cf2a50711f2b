//! `verbatim check`: one translated article against its sources, with the gate around it
//! (baseline, inline suppressions, several reports in one run).

use super::config::{Config, ReportFormat};
use super::input::load_document;
use super::{write_ok, CheckArgs, Output, ReportArgs};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use verbatim::backend::Backend;
use verbatim::gate::{self, Baseline, Sidecar};
use verbatim::report::github::GithubReporter;
use verbatim::report::human::HumanReporter;
use verbatim::report::json::JsonReporter;
use verbatim::report::junit::JunitReporter;
use verbatim::report::markdown::MarkdownReporter;
use verbatim::report::sarif::SarifReporter;
use verbatim::report::{ReportContext, Reporter};
use verbatim::{check, CheckReport, Lang, Resources};

/// The built-in lexicon plus the configured and command-line extra files.
pub fn resources(config: &Config, extra: &[PathBuf]) -> Result<Resources> {
    let mut res = Resources::builtin().context("built-in lexicon")?;
    for path in config.lexicon_files.iter().chain(extra) {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read lexicon file {}", path.display()))?;
        res.add_lexicon(&path.display().to_string(), &text)
            .context("lexicon file")?;
    }
    Ok(res)
}

/// What one check reads.
pub struct Article<'a> {
    pub translation: &'a str,
    pub sources: &'a [String],
    pub lang: Option<Lang>,
    pub source_lang: Option<Lang>,
    /// The lexicon, loaded once per run.
    pub res: &'a Resources,
}

/// A finished check: the report with suppressions applied, and what produced it.
pub struct Checked {
    pub report: CheckReport,
    pub lexicon: String,
    pub signature: String,
}

/// Reads the documents, checks them, and applies the inline suppressions (comments in the
/// translation, its sidecar file) and the baseline.
pub fn check_article(
    a: &Article,
    config: &Config,
    baseline: Option<&Baseline>,
    backend: Option<&Backend>,
) -> Result<Checked> {
    let stdin_uses = std::iter::once(a.translation)
        .chain(a.sources.iter().map(String::as_str))
        .filter(|p| *p == "-")
        .count();
    if stdin_uses > 1 {
        bail!("standard input (`-`) can be given only once");
    }
    let res = a.res;
    let translation = load_document(a.translation, a.lang, &config.languages)?;
    let mut sources = Vec::new();
    for path in a.sources {
        let doc = load_document(path, a.source_lang, &config.languages)?;
        if doc.lang == translation.lang {
            bail!(
                "{}: the source is in {} like the translation {}; verbatim compares a translation with sources in another language (use --lang / --source-lang if a file name misleads)",
                doc.name,
                doc.lang.name(),
                translation.name
            );
        }
        sources.push(doc);
    }
    for d in gate::directives(&translation) {
        if let Some(bad) = d
            .rules
            .iter()
            .find(|r| *r != "*" && verbatim::Rule::from_id(r).is_none())
        {
            let at = translation.line_col(d.span.start);
            bail!("{}:{}:{}: unknown rule `{bad}` in a verbatim-ignore comment (see `verbatim rules`)", translation.name, at.line, at.column);
        }
    }
    let sidecar = load_sidecar(a.translation)?;
    let scorer = super::backend::scorer_for(backend, config.fallback, res, &translation, &sources)?;
    let mut report = check(translation, sources, res, scorer.as_ref(), &config.settings);
    gate::apply_inline(&mut report, sidecar.as_ref(), &config.settings.rules);
    if let Some(b) = baseline {
        gate::apply_baseline(&mut report, b, &config.settings.rules);
    }
    let lexicon = res.checksum();
    let signature = gate::signature(&config.settings, &lexicon, &report.scorer);
    Ok(Checked {
        report,
        lexicon,
        signature,
    })
}

/// Reads a baseline file.
pub fn load_baseline(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read baseline {}", path.display()))?;
    Baseline::parse(&text).with_context(|| format!("baseline {}", path.display()))
}

/// The sidecar of a translation: `ARTICLE.verbatim-ignore.toml` beside it.
pub fn sidecar_path(translation: &str) -> Option<PathBuf> {
    (translation != "-").then(|| PathBuf::from(format!("{translation}.verbatim-ignore.toml")))
}

fn load_sidecar(translation: &str) -> Result<Option<Sidecar>> {
    let Some(path) = sidecar_path(translation).filter(|p| p.is_file()) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let sidecar = Sidecar::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(Some(sidecar))
}

/// Pairs every `--output` with the `--format` just before it on the command line (`at` is
/// the position of each). A lone format and a lone output pair whatever their order.
/// Formats without a file go to standard output; only one may.
pub fn pair_outputs(
    formats: &[(usize, ReportFormat)],
    outputs: &[(usize, PathBuf)],
    default: ReportFormat,
) -> Result<Vec<(ReportFormat, Option<PathBuf>)>> {
    let stdout = |p: &PathBuf| (p.as_os_str() != "-").then(|| p.clone());
    let mut pairs: Vec<(ReportFormat, Option<PathBuf>)> =
        formats.iter().map(|&(_, f)| (f, None)).collect();
    if formats.len() <= 1 && outputs.len() <= 1 {
        let format = formats.first().map_or(default, |f| f.1);
        return Ok(vec![(format, outputs.first().and_then(|o| stdout(&o.1)))]);
    }
    for (at, path) in outputs {
        let Some(i) = formats.iter().rposition(|(f_at, _)| f_at < at) else {
            bail!("--output {} comes before any --format: write each --output after the --format it receives", path.display());
        };
        if pairs[i].1.is_some() {
            bail!(
                "two --output files for one --format {}: give each output its own --format",
                format_name(pairs[i].0)
            );
        }
        pairs[i].1 = Some(stdout(path).unwrap_or_default());
    }
    let to_stdout = pairs
        .iter()
        .filter(|p| p.1.as_ref().is_none_or(|p| p.as_os_str().is_empty()))
        .count();
    if to_stdout > 1 {
        bail!("{to_stdout} formats would go to standard output; give all but one an --output FILE after it");
    }
    Ok(pairs
        .into_iter()
        .map(|(f, p)| (f, p.filter(|p| !p.as_os_str().is_empty())))
        .collect())
}

fn format_name(f: ReportFormat) -> String {
    use clap::ValueEnum;
    f.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// When the run happened, as JUnit wants it (UTC, seconds, no zone); `SOURCE_DATE_EPOCH`
/// pins it for reproducible reports.
fn run_timestamp() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(|secs| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        .unwrap_or_else(std::time::SystemTime::now);
    humantime::format_rfc3339_seconds(now)
        .to_string()
        .trim_end_matches('Z')
        .to_string()
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

/// The reporter of a format; `many` when a run reports several articles (`gate`).
fn reporter(format: ReportFormat, color: bool, width: usize, many: bool) -> Box<dyn Reporter> {
    match format {
        ReportFormat::Human => Box::new(HumanReporter { color, width }),
        ReportFormat::Json => Box::new(JsonReporter::new(many)),
        ReportFormat::Sarif => Box::<SarifReporter>::default(),
        ReportFormat::Junit => Box::new(JunitReporter::new(run_timestamp(), hostname())),
        ReportFormat::Markdown => Box::new(MarkdownReporter),
        ReportFormat::Github => Box::new(GithubReporter),
    }
}

/// The baseline to apply: `--baseline`, else the configured one.
pub fn baseline_for(args: &ReportArgs, config: &Config) -> Result<Option<Baseline>> {
    let path = args.baseline.clone().or_else(|| config.baseline.clone());
    path.as_deref().map(load_baseline).transpose()
}

/// Writes every requested report of the checked articles and returns the exit status.
/// The targets are settled before any check runs, so a bad pairing fails fast.
pub fn emit(
    targets: &[(ReportFormat, Option<PathBuf>)],
    checked: &[Checked],
    many: bool,
    ctx: &ReportContext,
    output: &Output,
) -> Result<u8> {
    for (format, path) in targets {
        let mut out: Box<dyn Write> = match path {
            Some(path) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        let mut reporter = reporter(*format, output.color && path.is_none(), output.width, many);
        let mut written = Ok(());
        for c in checked {
            written = written.and_then(|_| reporter.report(&mut *out, &c.report, ctx));
        }
        let written = written
            .and_then(|_| reporter.finish(&mut *out))
            .and_then(|_| out.flush());
        match path {
            Some(path) => written.with_context(|| format!("cannot write {}", path.display()))?,
            None => write_ok(written)?,
        }
    }
    Ok(u8::from(checked.iter().any(|c| ctx.failed(&c.report))))
}

/// The formats and files asked for, paired.
pub fn targets(args: &ReportArgs, config: &Config) -> Result<Vec<(ReportFormat, Option<PathBuf>)>> {
    let formats: Vec<(usize, ReportFormat)> = args
        .format_at
        .iter()
        .copied()
        .zip(args.format.iter().copied())
        .collect();
    let outputs: Vec<(usize, PathBuf)> = args
        .output_at
        .iter()
        .copied()
        .zip(args.output.iter().cloned())
        .collect();
    pair_outputs(&formats, &outputs, config.format)
}

/// The signature of runs with this configuration and these extra lexicon files.
pub fn context(config: &Config, lexicon: String, signature: String) -> ReportContext {
    ReportContext {
        fail_on: config.fail_on.threshold(),
        lexicon,
        signature,
    }
}

pub fn run(args: CheckArgs, mut config: Config, output: &Output) -> Result<u8> {
    let r = &args.report;
    if let Some(f) = r.fail_on {
        config.fail_on = f;
    }
    super::backend::apply_flags(&mut config, &args.scoring);
    if args.signature_only {
        let res = resources(&config, &r.lexicon)?;
        let scorer = super::backend::scorer_name(&config);
        println!(
            "{}",
            gate::signature(&config.settings, &res.checksum(), &scorer)
        );
        return Ok(0);
    }
    let targets = targets(r, &config)?;
    let baseline = baseline_for(r, &config)?;
    let translation = args
        .translation
        .as_deref()
        .context("no translation given")?;
    let res = resources(&config, &r.lexicon)?;
    let article = Article {
        translation,
        sources: &args.sources,
        lang: args.lang,
        source_lang: args.source_lang,
        res: &res,
    };
    let backend = super::backend::open(&config)?;
    let checked = check_article(&article, &config, baseline.as_ref(), backend.as_ref())?;
    let ctx = context(&config, checked.lexicon.clone(), checked.signature.clone());
    emit(&targets, &[checked], false, &ctx, output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReportFormat::*;

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn outputs_pair_with_the_format_before_them() {
        let pairs = pair_outputs(
            &[(1, Github), (3, Sarif), (7, Junit)],
            &[(5, p("a.sarif")), (9, p("b.xml"))],
            Human,
        )
        .unwrap();
        assert_eq!(
            pairs,
            vec![
                (Github, None),
                (Sarif, Some(p("a.sarif"))),
                (Junit, Some(p("b.xml")))
            ]
        );
        // One of each pairs in any order; none means the configured format to stdout.
        assert_eq!(
            pair_outputs(&[(4, Json)], &[(2, p("r.json"))], Human).unwrap(),
            vec![(Json, Some(p("r.json")))]
        );
        assert_eq!(
            pair_outputs(&[], &[], Markdown).unwrap(),
            vec![(Markdown, None)]
        );
        assert_eq!(
            pair_outputs(&[], &[(2, p("-"))], Json).unwrap(),
            vec![(Json, None)]
        );
    }

    #[test]
    fn ambiguous_outputs_are_refused() {
        let two_stdout = pair_outputs(&[(1, Human), (3, Json)], &[], Human)
            .unwrap_err()
            .to_string();
        assert!(two_stdout.contains("standard output"), "{two_stdout}");
        let early = pair_outputs(&[(3, Json), (5, Sarif)], &[(1, p("x"))], Human)
            .unwrap_err()
            .to_string();
        assert!(early.contains("comes before any --format"), "{early}");
        let double = pair_outputs(&[(1, Json), (5, Sarif)], &[(2, p("x")), (3, p("y"))], Human)
            .unwrap_err()
            .to_string();
        assert!(double.contains("two --output"), "{double}");
    }
}

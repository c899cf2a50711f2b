//! `verbatim check`: one translated article against its sources.

use super::config::{Config, Format};
use super::input::load_document;
use super::{write_ok, CheckArgs, Output};
use anyhow::{bail, Context, Result};
use std::io::Write;
use verbatim::report::human::HumanReporter;
use verbatim::report::json::JsonReporter;
use verbatim::report::{ReportContext, Reporter};
use verbatim::{check, LexicalScorer, Resources};

/// The built-in lexicon plus the configured and command-line extra files.
pub fn resources(config: &Config, extra: &[std::path::PathBuf]) -> Result<Resources> {
    let mut res = Resources::builtin().context("built-in lexicon")?;
    for path in config.lexicon_files.iter().chain(extra) {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read lexicon file {}", path.display()))?;
        res.add_lexicon(&path.display().to_string(), &text)
            .context("lexicon file")?;
    }
    Ok(res)
}

pub fn run(args: CheckArgs, mut config: Config, output: &Output) -> Result<u8> {
    if let Some(f) = args.format {
        config.format = f;
    }
    if let Some(f) = args.fail_on {
        config.fail_on = f;
    }
    let stdin_uses = std::iter::once(&args.translation)
        .chain(&args.sources)
        .filter(|p| *p == "-")
        .count();
    if stdin_uses > 1 {
        bail!("standard input (`-`) can be given only once");
    }
    let res = resources(&config, &args.lexicon)?;
    let translation = load_document(&args.translation, args.lang, &config.languages)?;
    let mut sources = Vec::new();
    for path in &args.sources {
        let doc = load_document(path, args.source_lang, &config.languages)?;
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
    let scorer = LexicalScorer { res: &res };
    let report = check(translation, sources, &res, &scorer, &config.settings);
    let ctx = ReportContext {
        fail_on: config.fail_on.threshold(),
        lexicon: res.checksum(),
    };
    let to_file = args.output.is_some();
    let mut reporter: Box<dyn Reporter> = match config.format {
        Format::Human => Box::new(HumanReporter {
            color: output.color && !to_file,
            width: output.width,
        }),
        Format::Json => Box::new(JsonReporter),
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    write_ok(
        reporter
            .report(&mut *out, &report, &ctx)
            .and_then(|_| reporter.finish(&mut *out))
            .and_then(|_| out.flush()),
    )?;
    Ok(u8::from(ctx.failed(&report)))
}

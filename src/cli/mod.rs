//! The command line: arguments, configuration and dispatch. Commands live one per file;
//! this module maps their outcome to an exit code (0 clean, 1 findings at or above the fail
//! level, 2 usage, input or configuration error).

mod backend;
mod baseline;
mod check;
pub mod config;
mod eval;
mod gate;
pub mod input;
mod quotes;
mod rules;

use anyhow::Result;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use config::{FailOn, Fallback, Format, ReportFormat};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use verbatim::backend::BackendKind;
use verbatim::Lang;

const ABOUT: &str = "Check that quotations survive translation";
const LONG_ABOUT: &str = "\
verbatim reads a translated article and the source versions it was translated from, \
extracts the quotations of each, matches every translated quote to its source quote, and \
reports what drifted: changed numbers, flipped negations, swapped names, another speaker, \
wording that over- or understates, quotes with no source, source quotes dropped.

It runs offline with a built-in French-English lexicon. Exit status: 0 when no finding \
reaches the fail level, 1 when one does, 2 on a usage, input or configuration error.";

const CHECK_EXAMPLES: &str = "\
Examples:
  verbatim check corpora/kim-putin/fr.txt corpora/kim-putin/en.txt
  verbatim check article.fr.md wire.en.txt release.en.txt --format json
  verbatim check --fail-on warning --lang fr - source.txt < article.txt
  verbatim check fr.md en.txt --format github --format sarif --output verbatim.sarif
  verbatim check fr.md en.txt --baseline verbatim-baseline.toml --format junit -o report.xml
  verbatim check --signature-only

Each --output goes to the --format written just before it; a format without one goes to
standard output (only one may). Findings approved in the baseline (--baseline or
check.baseline in verbatim.toml), by a `<!-- verbatim-ignore RULE: reason -->` comment on
the line before a quote, or by an ARTICLE.verbatim-ignore.toml sidecar file are reported
as suppressed and do not fail the check.

Languages come from the file name (fr.txt, article.en.md, en-wire.txt), else from
--lang / --source-lang, else from detection among the configured languages.";

#[derive(Parser, Debug)]
#[command(name = "verbatim", version, about = ABOUT, long_about = LONG_ABOUT)]
pub struct Cli {
    /// Read configuration from FILE instead of the nearest verbatim.toml
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a translated article against its source versions
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// List the quotes found in a file, with their speakers (to debug extraction)
    Quotes(QuotesArgs),
    /// Measure the checker on labeled cases: precision, recall and F1
    #[command(after_help = EVAL_HELP)]
    Eval(EvalArgs),
    /// List the rules, or explain one
    Rules(RulesArgs),
    /// Check every article folder among changed files: the CI and pre-commit entry point
    #[command(after_help = GATE_HELP)]
    Gate(GateArgs),
    /// Record approved findings in a baseline file, or drop entries that no longer match
    #[command(subcommand)]
    Baseline(BaselineCommand),
    /// Print the effective configuration (defaults, file, environment)
    Config,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The translated article (text or Markdown, UTF-8; `-` reads standard input)
    #[arg(value_name = "TRANSLATION", required_unless_present = "signature_only")]
    translation: Option<String>,
    /// The source versions it was translated from (at least one)
    #[arg(value_name = "SOURCE", required_unless_present = "signature_only")]
    sources: Vec<String>,
    /// Language of the translation, when its file name does not say (fr, en)
    #[arg(long, value_parser = parse_lang, value_name = "LANG")]
    lang: Option<Lang>,
    /// Language of the sources, when their file names do not say (fr, en)
    #[arg(long, value_parser = parse_lang, value_name = "LANG")]
    source_lang: Option<Lang>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    scoring: ScoringArgs,
    /// Print the reproducibility signature (version, scorer, lexicon, thresholds, rules) and exit
    #[arg(long)]
    signature_only: bool,
}

/// Which scorer pairs quotes (shared by every command that checks).
#[derive(Args, Debug, Default)]
pub struct ScoringArgs {
    /// Scorer for pairing quotes: lexical (built in, offline), embeddings or translate
    /// (an HTTP service; see backend.* in config.toml) [default: backend.kind, else lexical]
    #[arg(long, value_parser = parse_backend, value_name = "KIND")]
    backend: Option<BackendKind>,
    /// The backend service's URL [default: backend.url]
    #[arg(long, value_name = "URL")]
    backend_url: Option<String>,
    /// The backend's model (embeddings, chat), or an Apertium chain such as fra|spa|eng
    #[arg(long, value_name = "NAME")]
    model: Option<String>,
    /// Keep backend answers in this SQLite file [default: the user's cache directory]
    #[arg(long, value_name = "PATH")]
    cache: Option<PathBuf>,
    /// Do not read or write the backend cache
    #[arg(long, conflicts_with = "cache")]
    no_cache: bool,
    /// When the backend fails: stop (none, the default) or go on with the lexical scorer,
    /// saying so in the report (lexical)
    #[arg(long, value_enum, value_name = "WHAT")]
    fallback: Option<Fallback>,
}

/// How a check is reported and gated (shared by `check` and `gate`).
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Report format; repeatable [default: human, or check.format in the configuration]
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    format: Vec<ReportFormat>,
    /// Write the report of the --format before it to FILE; repeatable
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Vec<PathBuf>,
    /// Lowest severity that makes the exit status 1 [default: error]
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Approved findings to report as suppressed [default: check.baseline in the configuration]
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Add a lexicon file (french<TAB>english<TAB>tags lines); repeatable
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Where each --format and --output stood on the command line (filled after parsing).
    #[arg(skip)]
    format_at: Vec<usize>,
    #[arg(skip)]
    output_at: Vec<usize>,
}

#[derive(Args, Debug)]
pub struct GateArgs {
    /// Changed files or article folders, as `git diff --name-only` lists them
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The language of translations: in each article folder, the file named in it is the
    /// translation and files named in another language are its sources
    #[arg(long, value_parser = parse_lang, value_name = "LANG", default_value = "fr")]
    translation_lang: Lang,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    scoring: ScoringArgs,
}

/// The documents of one check, as the baseline commands take them.
#[derive(Args, Debug)]
pub struct ArticleArgs {
    /// The translated article
    #[arg(value_name = "TRANSLATION")]
    translation: String,
    /// The source versions it was translated from
    #[arg(value_name = "SOURCE", required = true)]
    sources: Vec<String>,
    /// Language of the translation, when its file name does not say (fr, en)
    #[arg(long, value_parser = parse_lang, value_name = "LANG")]
    lang: Option<Lang>,
    /// Language of the sources, when their file names do not say (fr, en)
    #[arg(long, value_parser = parse_lang, value_name = "LANG")]
    source_lang: Option<Lang>,
    /// The baseline file [default: check.baseline in the configuration, else verbatim-baseline.toml]
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Add a lexicon file; repeatable
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    #[command(flatten)]
    scoring: ScoringArgs,
}

#[derive(Subcommand, Debug)]
pub enum BaselineCommand {
    /// Add the article's current findings to the baseline (kept entries are not touched)
    #[command(after_help = BASELINE_HELP)]
    Create {
        #[command(flatten)]
        article: ArticleArgs,
        /// Who approves these deviations (recorded in each new entry)
        #[arg(long, value_name = "NAME", default_value = "")]
        approved_by: String,
        /// Why they are acceptable (recorded in each new entry)
        #[arg(long, value_name = "TEXT", default_value = "")]
        reason: String,
    },
    /// Drop the article's baseline entries that match no current finding
    Prune {
        #[command(flatten)]
        article: ArticleArgs,
    },
}

const GATE_HELP: &str = "\
An article is a folder holding one translation (named in the translation language: fr.txt,
article.fr.md) and its sources (named in another language: en.txt, en-wire.txt). Each path
stands for its folder; folders without a translation are skipped, as are deleted files.
The reports cover every article checked (SARIF: one run; JUnit: one testsuite each; JSON:
an array of check reports), and the exit status is the worst of them.

Examples:
  verbatim gate $(git diff --name-only origin/main...HEAD) --format github \\
      --format sarif --output verbatim.sarif
  verbatim gate articles/ --format junit --output verbatim-junit.xml";

const BASELINE_HELP: &str = "\
The baseline is a TOML file meant to be reviewed like code: each [[finding]] records the
fingerprint (built from the quote texts, so edits elsewhere in the article keep it), the
rule, the quotes, and who approved it and why. Fill in approved_by and reason for entries
created without them: until then each is reported as suppression-unexplained.

Example:
  verbatim baseline create fr.md en.txt --approved-by \"M. Dupont\" --reason \"house style\"";

#[derive(Args, Debug)]
pub struct QuotesArgs {
    /// The file to extract quotes from (`-` reads standard input)
    file: String,
    /// Its language, when the file name does not say (fr, en)
    #[arg(long, value_parser = parse_lang, value_name = "LANG")]
    lang: Option<Lang>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Labeled cases, or folders holding them (searched recursively)
    #[arg(value_name = "DIR", required = true)]
    dirs: Vec<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also print each case: its score and every label the checker got wrong
    #[arg(long)]
    cases: bool,
    /// Exit with 1 when quote-level F1 is under X (for CI)
    #[arg(long, value_name = "X")]
    min_f1: Option<f64>,
    /// Exit with 1 when rule-level F1 is under X (for CI)
    #[arg(long, value_name = "X")]
    min_rule_f1: Option<f64>,
    /// Findings under this severity do not count
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "LEVEL")]
    min_severity: FailOn,
    /// Add a lexicon file; repeatable
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    #[command(flatten)]
    scoring: ScoringArgs,
}

const EVAL_HELP: &str = "\
A labeled case is a folder with the translation (fr.txt), its source(s) (en.txt or en*.txt) and
labels.toml, one [[quote]] per translated quote:

  [[quote]]
  fr_key = \"a verbatim substring of the translated quote\"
  en_key = \"a verbatim substring of its source quote\"   # omit when it has no source
  expected = [\"number-mismatch\"]                       # [] when faithful
  note = \"what was changed\"

A dropped source quote has only en_key and expected = [\"quote-missing\"].
Scoring definitions: docs/eval.md.";

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// A rule id (e.g. number-mismatch) to explain
    rule: Option<String>,
}

fn parse_backend(s: &str) -> Result<BackendKind, String> {
    match s {
        "lexical" => Ok(BackendKind::Lexical),
        "embeddings" => Ok(BackendKind::Embeddings),
        "translate" => Ok(BackendKind::Translate),
        _ => Err(format!(
            "unknown backend `{s}` (lexical, embeddings, translate)"
        )),
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("unsupported language `{s}` (supported: en, fr)"))
}

/// How to style output going to standard output.
pub struct Output {
    pub color: bool,
    pub width: usize,
}

impl Output {
    fn new(choice: ColorChoice) -> Output {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && !no_color && !dumb,
        };
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100)
            .clamp(60, 200);
        Output { color, width }
    }
}

/// Parses arguments, runs the command, and returns the exit code.
pub fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let cli = match parsed {
        Ok((mut cli, matches)) => {
            record_positions(&mut cli, &matches);
            cli
        }
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let output = Output::new(cli.color);
    let result = config::load(cli.config.as_deref()).and_then(|cfg| match cli.command {
        Command::Check(args) => check::run(args, cfg, &output),
        Command::Quotes(args) => quotes::run(args, cfg),
        Command::Eval(args) => eval::run(args, cfg),
        Command::Rules(args) => rules::run(args),
        Command::Baseline(cmd) => baseline::run(cmd, cfg),
        Command::Gate(args) => gate::run(args, cfg, &output),
        Command::Config => {
            print!("{}", cfg.to_toml());
            Ok(0)
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// Keeps where each `--format` and `--output` of `check` stood, to pair them.
fn record_positions(cli: &mut Cli, matches: &ArgMatches) {
    let (report, m) = match (&mut cli.command, matches.subcommand()) {
        (Command::Check(args), Some(("check", m))) => (&mut args.report, m),
        (Command::Gate(args), Some(("gate", m))) => (&mut args.report, m),
        _ => return,
    };
    report.format_at = m
        .indices_of("format")
        .map(Iterator::collect)
        .unwrap_or_default();
    report.output_at = m
        .indices_of("output")
        .map(Iterator::collect)
        .unwrap_or_default();
}

/// The error and its causes on one line.
fn one_line(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// Ignores a closed pipe (`verbatim check ... | head`): not an error.
pub fn write_ok(r: std::io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

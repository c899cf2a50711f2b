//! `verbatim quotes`: the quotes of one file and their speakers, to debug extraction.

use super::config::{Config, Format};
use super::input::load_document;
use super::write_ok;
use super::QuotesArgs;
use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use verbatim::quote::{Quote, Speaker};
use verbatim::{extract_quotes, Resources};

#[derive(Serialize)]
struct QuoteOut<'a> {
    id: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    kind: &'static str,
    style: &'static str,
    paragraph: usize,
    speaker: Option<&'a Speaker>,
    unbalanced: bool,
}

#[derive(Serialize)]
struct Unpaired {
    mark: String,
    line: usize,
    column: usize,
    unclosed: bool,
}

#[derive(Serialize)]
struct Listing<'a> {
    path: &'a str,
    lang: &'static str,
    quotes: Vec<QuoteOut<'a>>,
    unbalanced: Vec<Unpaired>,
}

pub fn run(args: QuotesArgs, config: Config) -> Result<u8> {
    let res = Resources::builtin()?;
    let doc = load_document(&args.file, args.lang, &config.languages)?;
    let extraction = extract_quotes(&doc, "q", &res);
    let quotes: Vec<QuoteOut> = extraction.quotes.iter().map(quote_out).collect();
    let unbalanced: Vec<Unpaired> = extraction
        .imbalances
        .iter()
        .map(|i| {
            let lc = doc.line_col(i.mark.start);
            Unpaired {
                mark: doc.slice(i.mark).to_string(),
                line: lc.line,
                column: lc.column,
                unclosed: i.unclosed,
            }
        })
        .collect();
    let listing = Listing {
        path: &doc.name,
        lang: doc.lang.code(),
        quotes,
        unbalanced,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &listing)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        Format::Human => human(&mut out, &listing),
    };
    write_ok(written.and_then(|_| out.flush()))?;
    Ok(0)
}

fn quote_out(q: &Quote) -> QuoteOut<'_> {
    QuoteOut {
        id: &q.id,
        text: &q.text,
        start: q.span.start,
        end: q.span.end,
        line: q.line,
        column: q.column,
        kind: q.kind.name(),
        style: q.style,
        paragraph: q.paragraph,
        speaker: q.speaker.as_ref(),
        unbalanced: q.unbalanced,
    }
}

fn human(out: &mut dyn Write, l: &Listing) -> std::io::Result<()> {
    for q in &l.quotes {
        let speaker = match q.speaker {
            Some(s) if !s.normalized.is_empty() && s.normalized != s.text.to_lowercase() => {
                format!("{} [{}]", s.text, s.normalized)
            }
            Some(s) => s.text.clone(),
            None => "-".into(),
        };
        let flag = if q.unbalanced { " UNBALANCED" } else { "" };
        writeln!(
            out,
            "{} {}:{} {} {} speaker: {speaker}{flag}",
            q.id, q.line, q.column, q.kind, q.style
        )?;
        writeln!(out, "    {}", q.text.replace('\n', " "))?;
    }
    for u in &l.unbalanced {
        let what = if u.unclosed {
            "never closed"
        } else {
            "never opened"
        };
        writeln!(
            out,
            "unbalanced {} at {}:{} ({what})",
            u.mark, u.line, u.column
        )?;
    }
    writeln!(out, "{}: {} quotes ({})", l.path, l.quotes.len(), l.lang)
}

//! Quote extraction: finds the quotations of a document, whatever the typographic
//! convention, and says who spoke them.
//!
//! Stages: `scan` pairs the marks, `shape` removes attribution incises and joins a quote that
//! an attribution splits in two, then kinds are assigned and `attribution` finds speakers.
//! Nothing here reads files or knows about other documents.

mod attribution;
mod cues;
mod marks;
mod scan;
mod shape;

pub use marks::Family;
pub use scan::Imbalance;

use crate::lexicon::Resources;
use crate::text::{is_space, tokenize, Document, Span, TokenKind};
use serde::Serialize;

/// How much of a sentence a quotation covers.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// A sentence or more: « La justice est sûre de gagner ».
    Full,
    /// A few words inside a sentence: a juré de « tenir la main ».
    Partial,
    /// One or two words: «voyous».
    Scare,
}

impl QuoteKind {
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Full => "full",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
        }
    }
}

/// How a speaker was found.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SpeakerVia {
    /// A name next to a reporting verb: `a déclaré Kim`.
    Name,
    /// An organisation, place or agency: `KCNA said`.
    Organization,
    /// A pronoun resolved to the last named speaker: `a-t-il ajouté`.
    Pronoun,
    /// Only a title: `the minister said`.
    Title,
}

/// Who said a quote: as written in the text and in a normalized form for comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    /// The words of the attribution (`Mme Lehtonen`, `il`, `the minister`).
    pub text: String,
    /// Lowercase, accent-free name, honorifics dropped, aliases resolved (`kim jong un`).
    pub normalized: String,
    pub via: SpeakerVia,
    /// For a pronoun, the name it was resolved to, as written (`Kristjan Saar`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
    /// Named in the attribution itself, or a pronoun resolved to someone who speaks: sure
    /// enough to accuse a translation of changing it.
    #[serde(skip)]
    pub confident: bool,
    #[serde(skip)]
    pub span: Span,
}

impl Speaker {
    /// The name to show: the resolved name of a pronoun, else the words as written.
    pub fn display(&self) -> &str {
        self.refers_to.as_deref().unwrap_or(&self.text)
    }

    /// Named speakers (people and organisations) can be compared across languages.
    pub fn is_named(&self) -> bool {
        self.via != SpeakerVia::Title && !self.normalized.is_empty()
    }
}

/// One quotation of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// Stable within a run: `t-q3` (translation), `s1-q2` (first source).
    pub id: String,
    /// The quoted words; pieces separated by an incise or a paragraph break are joined by a
    /// space. For a single piece, exactly `&doc.text[span]`.
    pub text: String,
    /// From the first quoted character to the last.
    pub span: Span,
    /// The quoted pieces, in order.
    pub parts: Vec<Span>,
    pub line: usize,
    pub column: usize,
    pub paragraph: usize,
    pub kind: QuoteKind,
    /// The typographic convention of its outer marks (`guillemets`, `curly`, `straight` ...).
    pub style: &'static str,
    pub speaker: Option<Speaker>,
    /// Its opening or closing mark has no partner.
    pub unbalanced: bool,
    /// Attribution inside or between the quoted pieces (`, a-t-il dit,`).
    pub incises: Vec<Span>,
    /// The outer marks, for context around the quote.
    pub open: Span,
    pub close: Option<Span>,
}

impl Quote {
    /// The whole extent including marks and incises.
    pub fn outer(&self) -> Span {
        Span::new(
            self.open.start.min(self.span.start),
            self.close.map_or(self.span.end, |c| c.end),
        )
    }
}

/// Quotes and unpaired marks of one document.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    pub imbalances: Vec<Imbalance>,
}

/// Extracts the quotations of `doc`; ids are `{prefix}-q1`, `{prefix}-q2` ...
pub fn extract_quotes(doc: &Document, prefix: &str, res: &Resources) -> Extraction {
    let cues = cues::Cues::new(doc.lang, res);
    let (raw, imbalances) = scan::scan(doc);
    let shaped = shape::shape(doc, raw, &cues);
    let mut quotes: Vec<Quote> = shaped
        .into_iter()
        .enumerate()
        .map(|(n, s)| {
            let span = s.raw.parts[0].cover(*s.raw.parts.last().expect("parts are never empty"));
            let text = s
                .raw
                .parts
                .iter()
                .map(|&p| doc.slice(p))
                .collect::<Vec<_>>()
                .join(" ");
            let lc = doc.line_col(span.start);
            let mut quote = Quote {
                id: format!("{prefix}-q{}", n + 1),
                text,
                span,
                parts: s.raw.parts,
                line: lc.line,
                column: lc.column,
                paragraph: s.raw.paragraph,
                kind: QuoteKind::Partial,
                style: s.raw.family.style(),
                speaker: None,
                unbalanced: s.raw.unbalanced,
                incises: s.incises,
                open: s.raw.open,
                close: s.raw.close,
            };
            quote.kind = kind_of(doc, &quote);
            quote
        })
        .collect();
    attribution::attribute(doc, &mut quotes, &cues);
    Extraction { quotes, imbalances }
}

/// Scare: one or two words. Full: introduced by a colon, or starting a sentence with a
/// capital, or ending with sentence punctuation. Otherwise partial.
fn kind_of(doc: &Document, quote: &Quote) -> QuoteKind {
    let words = tokenize(&quote.text, 0, doc.lang)
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .count();
    if words <= 2 {
        return QuoteKind::Scare;
    }
    let para = doc.paragraphs[quote.paragraph];
    let before = doc.text[para.start..quote.open.start.max(para.start)].trim_end_matches(is_space);
    let after_colon = before.ends_with(':');
    let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '…']);
    let capital = quote
        .text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase);
    let ends_sentence = quote
        .text
        .trim_end_matches(is_space)
        .ends_with(['.', '!', '?', '…']);
    if after_colon || (capital && (starts_sentence || words >= 4)) || (ends_sentence && capital) {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests;

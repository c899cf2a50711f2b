//! Documents as the pipeline sees them: the original text, untouched, with its language,
//! paragraphs and a line index. Every later stage points back into `Document::text` with byte
//! spans, so what a finding shows is exactly what the file says.
//!
//! Nothing here reads files: the CLI decodes bytes and hands a `String` over.

mod token;

pub use token::{fold, normalize_apostrophes, tokenize, Token, TokenKind};

use crate::lang::Lang;
use serde::Serialize;

/// A half-open byte range into a document's original text.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A 1-based line and column (in characters) for humans.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A parsed input document. `name` is what reports call it (usually the path).
#[derive(Clone, Debug)]
pub struct Document {
    pub name: String,
    pub text: String,
    pub lang: Lang,
    /// Paragraph spans, trimmed of surrounding whitespace, in order.
    pub paragraphs: Vec<Span>,
    line_starts: Vec<usize>,
}

impl Document {
    pub fn new(name: impl Into<String>, text: impl Into<String>, lang: Lang) -> Document {
        let text = text.into();
        let paragraphs = split_paragraphs(&text);
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Document {
            name: name.into(),
            text,
            lang,
            paragraphs,
            line_starts,
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Line and column (1-based, column counted in characters) of a byte offset.
    pub fn line_col(&self, pos: usize) -> LineCol {
        let line = self.line_starts.partition_point(|&s| s <= pos).max(1);
        let start = self.line_starts[line - 1];
        let column = self.text[start..pos.min(self.text.len())].chars().count() + 1;
        LineCol { line, column }
    }

    /// Index of the paragraph containing `pos`, or of the last paragraph starting before it.
    pub fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.start <= pos)
            .saturating_sub(1)
    }
}

/// Splits text at blank lines (lines holding only whitespace). Spans exclude the surrounding
/// whitespace, so a paragraph's first character is its first visible one.
pub fn split_paragraphs(text: &str) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_visible_end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if is_blank(body) {
            if let Some(s) = start.take() {
                paragraphs.push(Span::new(s, last_visible_end));
            }
        } else {
            let lead = body.len() - trim_space(body).len();
            if start.is_none() {
                start = Some(offset + lead);
            }
            last_visible_end = offset + body.trim_end_matches(is_space).len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        paragraphs.push(Span::new(s, last_visible_end));
    }
    paragraphs
}

/// Text with every run of whitespace (no-break spaces and line breaks included) as one
/// space and typographic apostrophes as `'`: how keys, labels and fingerprints compare.
pub fn squash(s: &str) -> String {
    normalize_apostrophes(s)
        .split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whitespace as typography uses it: Unicode white space, no-break spaces and the BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{FEFF}')
}

fn trim_space(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

/// The FNV-1a offset basis: where a hash starts.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds `bytes` into an FNV-1a hash: a stable checksum (for fingerprints and the lexicon),
/// not a cryptographic one.
pub fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_and_keep_offsets() {
        let text = "\u{FEFF}First line\nsame paragraph.\n\n  \t\nSecond.\r\n\r\nThird  \n";
        let doc = Document::new("t", text, Lang::En);
        let paras: Vec<&str> = doc.paragraphs.iter().map(|&p| doc.slice(p)).collect();
        assert_eq!(paras, ["First line\nsame paragraph.", "Second.", "Third"]);
    }

    #[test]
    fn line_and_column_count_characters() {
        let doc = Document::new("t", "ab\n« é»x\n", Lang::Fr);
        let x = doc.text.find('x').unwrap();
        assert_eq!(doc.line_col(x), LineCol { line: 2, column: 5 });
        assert_eq!(doc.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(doc.paragraph_of(x), 0);
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        assert!(split_paragraphs("").is_empty());
        assert!(split_paragraphs(" \n\n\u{00A0}\n").is_empty());
    }
}

//! The mark scanner: walks a document paragraph by paragraph with a stack of open quotes and
//! returns the outermost quotations (nested ones stay inside their parent's text), plus every
//! mark that could not be balanced. It never fails: whatever the input, it extracts what it
//! can and reports the rest.

use super::marks::{classify, Family, Role};
use crate::text::{is_space, Document, Span};

/// An outermost quotation as the marks delimit it, before incises and attribution.
#[derive(Clone, Debug, PartialEq)]
pub struct RawQuote {
    pub family: Family,
    /// The opening mark (empty at the quote's start when the opening mark is missing).
    pub open: Span,
    /// The closing mark, if there was one.
    pub close: Option<Span>,
    /// Quoted text, one span per paragraph, trimmed of spaces.
    pub parts: Vec<Span>,
    pub paragraph: usize,
    pub unbalanced: bool,
}

/// A mark that has no partner.
#[derive(Clone, Debug, PartialEq)]
pub struct Imbalance {
    pub mark: Span,
    pub family: Family,
    /// True for an opening mark never closed, false for a closing mark never opened.
    pub unclosed: bool,
}

struct Frame {
    family: Family,
    open: Span,
    content_start: usize,
    parts: Vec<Span>,
    paragraph: usize,
}

#[derive(Default)]
struct Scanner {
    stack: Vec<Frame>,
    quotes: Vec<RawQuote>,
    imbalances: Vec<Imbalance>,
}

/// Scans every paragraph of `doc`.
pub fn scan(doc: &Document) -> (Vec<RawQuote>, Vec<Imbalance>) {
    let mut s = Scanner::default();
    let mut skip_until = 0;
    for (p, &para) in doc.paragraphs.iter().enumerate() {
        let start = para.start.max(skip_until);
        s.scan_paragraph(doc, p, Span::new(start.min(para.end), para.end));
        skip_until = s.end_paragraph(doc, p);
    }
    (s.quotes, s.imbalances)
}

impl Scanner {
    fn scan_paragraph(&mut self, doc: &Document, p: usize, span: Span) {
        let text = &doc.text[span.start..span.end];
        let chars: Vec<(usize, char)> = text
            .char_indices()
            .map(|(i, c)| (span.start + i, c))
            .collect();
        for (k, &(pos, c)) in chars.iter().enumerate() {
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|x| x.1);
            let Some((family, role)) = classify(prev, c, next, doc.lang) else {
                continue;
            };
            let mark = Span::new(pos, pos + c.len_utf8());
            let open_at = self.stack.iter().rposition(|f| f.family == family);
            let is_top = open_at.is_some() && open_at == self.stack.len().checked_sub(1);
            match role {
                Role::Either if is_top => self.close(doc, open_at.unwrap_or(0), mark),
                Role::Open | Role::Either => self.stack.push(Frame {
                    family,
                    open: mark,
                    content_start: mark.end,
                    parts: Vec::new(),
                    paragraph: p,
                }),
                Role::Close => match open_at {
                    Some(_) if family.is_single() && possessive(&chars, k) => {}
                    Some(at) => self.close(doc, at, mark),
                    None if family.is_single() => {}
                    // `«amnésie"`: a double mark of another family closes the open one.
                    None if self.stack.last().is_some_and(|f| !f.family.is_single()) => {
                        self.close(doc, self.stack.len() - 1, mark)
                    }
                    None => self.stray_close(doc, p, span, family, mark),
                },
            }
        }
    }

    /// Pops the frame at `at` (and any unclosed frames above it); an outermost frame becomes
    /// a quote.
    fn close(&mut self, doc: &Document, at: usize, mark: Span) {
        while self.stack.len() > at + 1 {
            let inner = self.stack.pop().expect("stack is longer than at + 1");
            self.imbalances.push(Imbalance {
                mark: inner.open,
                family: inner.family,
                unclosed: true,
            });
        }
        let mut frame = self.stack.pop().expect("frame at `at` exists");
        if self.stack.is_empty() {
            frame.parts.push(trim(doc, frame.content_start, mark.start));
            self.emit(frame, Some(mark), false);
        }
    }

    /// A closing mark with no opening one: quote from the start of its sentence.
    fn stray_close(&mut self, doc: &Document, p: usize, para: Span, family: Family, mark: Span) {
        self.imbalances.push(Imbalance {
            mark,
            family,
            unclosed: false,
        });
        if !self.stack.is_empty() {
            return;
        }
        let before = &doc.text[para.start..mark.start];
        let start = before
            .char_indices()
            .rev()
            .find(|&(i, c)| {
                matches!(c, '.' | '!' | '?' | '…')
                    && before[i + c.len_utf8()..].starts_with(is_space)
            })
            .map_or(para.start, |(i, c)| para.start + i + c.len_utf8());
        let part = trim(doc, start, mark.start);
        if !part.is_empty() {
            let open = Span::new(part.start, part.start);
            let frame = Frame {
                family,
                open,
                content_start: part.start,
                parts: vec![],
                paragraph: p,
            };
            let mut frame = frame;
            frame.parts.push(part);
            self.emit(frame, Some(mark), true);
        }
    }

    /// At a paragraph's end an open quote either continues (the next paragraph reopens it)
    /// or is unbalanced. Returns where scanning of the next paragraph starts.
    fn end_paragraph(&mut self, doc: &Document, p: usize) -> usize {
        let para = doc.paragraphs[p];
        if self.stack.is_empty() {
            return 0;
        }
        while self.stack.len() > 1 {
            let inner = self.stack.pop().expect("len > 1");
            self.imbalances.push(Imbalance {
                mark: inner.open,
                family: inner.family,
                unclosed: true,
            });
        }
        let frame = &mut self.stack[0];
        frame.parts.push(trim(doc, frame.content_start, para.end));
        if let Some(reopen) = doc
            .paragraphs
            .get(p + 1)
            .and_then(|next| reopening(doc, *next, frame.family))
        {
            frame.content_start = trim(doc, reopen.end, doc.paragraphs[p + 1].end).start;
            return reopen.end;
        }
        let frame = self.stack.pop().expect("stack has one frame");
        self.imbalances.push(Imbalance {
            mark: frame.open,
            family: frame.family,
            unclosed: true,
        });
        self.emit(frame, None, true);
        0
    }

    fn emit(&mut self, frame: Frame, close: Option<Span>, unbalanced: bool) {
        let parts: Vec<Span> = frame.parts.into_iter().filter(|s| !s.is_empty()).collect();
        if !parts.is_empty() {
            self.quotes.push(RawQuote {
                family: frame.family,
                open: frame.open,
                close,
                parts,
                paragraph: frame.paragraph,
                unbalanced,
            });
        }
    }
}

/// The mark that continues a quote of `family` at the start of a paragraph, if any.
fn reopening(doc: &Document, para: Span, family: Family) -> Option<Span> {
    let c = doc.text[para.start..para.end].chars().next()?;
    let continues = match family {
        Family::Guillemet => matches!(c, '«' | '»'),
        Family::Double => matches!(c, '“' | '”' | '„'),
        Family::Straight => c == '"',
        Family::Single => c == '‘',
        Family::StraightSingle => c == '\'',
        Family::SingleGuillemet => c == '‹',
    };
    continues.then(|| Span::new(para.start, para.start + c.len_utf8()))
}

/// `players’ legs` inside a single-quoted passage: an `s` apostrophe before a lowercase word
/// is possessive when a later mark in the paragraph can still close the quote.
fn possessive(chars: &[(usize, char)], k: usize) -> bool {
    let at = |i: usize| chars.get(i).map(|x| x.1);
    let possessive_shape = matches!(at(k.wrapping_sub(1)), Some('s' | 'S'))
        && at(k + 1).is_some_and(is_space)
        && at(k + 2).is_some_and(char::is_lowercase);
    possessive_shape
        && chars[k + 1..].iter().enumerate().any(|(j, &(_, c))| {
            let i = k + 1 + j;
            c == chars[k].1
                && at(i + 1).is_none_or(|n| !n.is_alphanumeric())
                && !at(i - 1).is_some_and(is_space)
        })
}

fn trim(doc: &Document, start: usize, end: usize) -> Span {
    let text = &doc.text[start..end.max(start)];
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let body = text.trim_matches(is_space);
    Span::new(start + lead, start + lead + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn quotes(text: &str, lang: Lang) -> (Vec<String>, usize) {
        let doc = Document::new("t", text, lang);
        let (raw, bad) = scan(&doc);
        let texts = raw
            .iter()
            .map(|q| {
                q.parts
                    .iter()
                    .map(|&s| doc.slice(s))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        (texts, bad.len())
    }

    #[test]
    fn guillemets_with_any_space() {
        let (q, bad) = quotes(
            "Il a dit « oui », puis «\u{00A0}non\u{00A0}» et «\u{202F}peut-être\u{202F}».",
            Lang::Fr,
        );
        assert_eq!(q, ["oui", "non", "peut-être"]);
        assert_eq!(bad, 0);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        let (q, _) = quotes(
            "« On nous a dit qu’“une ancre” était en cause, et ‹ rien › d’autre »",
            Lang::Fr,
        );
        assert_eq!(
            q,
            ["On nous a dit qu’“une ancre” était en cause, et ‹ rien › d’autre"]
        );
        let (q, _) = quotes(
            "“We were told ‘an unlucky anchor’ was to blame,” he said.",
            Lang::En,
        );
        assert_eq!(q, ["We were told ‘an unlucky anchor’ was to blame,"]);
    }

    #[test]
    fn straight_quotes_pair_up() {
        let (q, bad) = quotes(
            "Il a parlé de \"crise\" et a ajouté: \"Nous verrons.\"",
            Lang::Fr,
        );
        assert_eq!(q, ["crise", "Nous verrons."]);
        assert_eq!(bad, 0);
    }

    #[test]
    fn british_single_quotes_and_apostrophes() {
        let (q, bad) = quotes(
            "‘We don’t know if the players’ legs will last,’ said Kim’s coach. 'It's hard.'",
            Lang::En,
        );
        assert_eq!(
            q,
            [
                "We don’t know if the players’ legs will last,",
                "It's hard."
            ]
        );
        assert_eq!(bad, 0);
    }

    #[test]
    fn quotes_continue_over_paragraphs() {
        let text = "« Premier paragraphe.\n\n« Second paragraphe. »\n\nFin.";
        let (q, bad) = quotes(text, Lang::Fr);
        assert_eq!(q, ["Premier paragraphe. | Second paragraphe."]);
        assert_eq!(bad, 0);
        let (q, _) = quotes("“One.\n\n“Two.”", Lang::En);
        assert_eq!(q, ["One. | Two."]);
        let (q, _) = quotes("« Un.\n\n» Deux. »", Lang::Fr);
        assert_eq!(q, ["Un. | Deux."]);
    }

    #[test]
    fn unclosed_quote_is_extracted_and_reported() {
        let (q, bad) = quotes(
            "Il a dit « nous partons demain.\n\nLe lendemain, rien.",
            Lang::Fr,
        );
        assert_eq!(q, ["nous partons demain."]);
        assert_eq!(bad, 1);
    }

    #[test]
    fn stray_closing_mark_quotes_its_sentence() {
        let (q, bad) = quotes("Début. Nous partons demain » a-t-il dit.", Lang::Fr);
        assert_eq!(q, ["Nous partons demain"]);
        assert_eq!(bad, 1);
    }

    #[test]
    fn a_mismatched_closing_mark_still_closes() {
        let (q, bad) = quotes("Il parle d'«amnésie\" et de « pardon ».", Lang::Fr);
        assert_eq!(q, ["amnésie", "pardon"]);
        assert_eq!(bad, 0);
    }

    #[test]
    fn apostrophes_never_open_quotes() {
        let (q, bad) = quotes("L'Ukraine et aujourd'hui l’État qu’il don't", Lang::Fr);
        assert!(q.is_empty());
        assert_eq!(bad, 0);
        let (q, bad) = quotes(
            "Kim's aides don't say the leaders' meeting was in the '90s.",
            Lang::En,
        );
        assert!(q.is_empty(), "{q:?}");
        assert_eq!(bad, 0);
    }
}

//! Attribution inside quotations. French puts it inside the guillemets as an incise
//! (« Nous partons, a-t-il dit, mais nous reviendrons »): those words are not quoted and are
//! cut out of the quote. English closes and reopens the marks around it (“We are leaving,”
//! he said, “but we will return.”): the two pieces are one utterance and are joined.

use super::cues::Cues;
use super::scan::RawQuote;
use crate::text::{tokenize, Document, Span, Token, TokenKind};

pub struct Shaped {
    pub raw: RawQuote,
    pub incises: Vec<Span>,
}

pub fn shape(doc: &Document, raw: Vec<RawQuote>, cues: &Cues) -> Vec<Shaped> {
    let mut out: Vec<Shaped> = Vec::new();
    for quote in raw {
        let shaped = cut_incises(doc, quote, cues);
        match out.last_mut() {
            Some(prev) if joins(doc, prev, &shaped, cues) => {
                let gap = Span::new(
                    prev.raw.close.map_or(prev.raw.parts[0].end, |c| c.end),
                    shaped.raw.open.start,
                );
                prev.incises.push(gap);
                prev.incises.extend(shaped.incises);
                prev.raw.parts.extend(shaped.raw.parts);
                prev.raw.close = shaped.raw.close;
                prev.raw.unbalanced |= shaped.raw.unbalanced;
            }
            _ => out.push(shaped),
        }
    }
    out
}

/// Splits each quoted piece around incises.
fn cut_incises(doc: &Document, mut quote: RawQuote, cues: &Cues) -> Shaped {
    let mut parts = Vec::new();
    let mut incises = Vec::new();
    for part in std::mem::take(&mut quote.parts) {
        let tokens = tokenize(doc.slice(part), part.start, doc.lang);
        let mut start = part.start;
        let mut i = 0;
        while i < tokens.len() {
            match incise_at(&tokens, i, cues) {
                Some(end) => {
                    parts.push(Span::new(start, tokens[i].span.start));
                    incises.push(Span::new(tokens[i].span.start, tokens[end].span.end));
                    start = tokens[end].span.end;
                    i = end + 1;
                }
                None => i += 1,
            }
        }
        parts.push(Span::new(start, part.end));
    }
    quote.parts = parts
        .into_iter()
        .map(|s| trim(doc, s))
        .filter(|s| !s.is_empty())
        .collect();
    if quote.parts.is_empty() {
        quote.parts = std::mem::take(&mut incises);
    }
    Shaped {
        raw: quote,
        incises,
    }
}

/// At a comma `i`, an incise runs to the next comma (or full stop) when it is short, starts
/// with a reporting verb within its first four words, names its subject (an inverted
/// pronoun, a name or a title) and is followed by more quoted words. Returns the index of
/// the closing punctuation.
fn incise_at(tokens: &[Token], i: usize, cues: &Cues) -> Option<usize> {
    if tokens[i].text != "," || i == 0 {
        return None;
    }
    let end = (i + 1..tokens.len())
        .find(|&k| matches!(tokens[k].text.as_str(), "," | "." | ";" | "!" | "?"))?;
    let words: Vec<&Token> = tokens[i + 1..end]
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .collect();
    if words.is_empty() || words.len() > 8 || end + 1 >= tokens.len() {
        return None;
    }
    let verb = words.iter().take(4).position(|t| cues.is_reporting(t))?;
    let rest = &words[verb + 1..];
    let inverted = rest.first().is_some_and(|t| t.joined && cues.is_pronoun(t))
        || rest.iter().take(2).any(|t| t.lower == "t" && t.joined);
    let named = rest
        .iter()
        .any(|t| cues.is_name_like(t) || cues.is_title(t) || cues.is_honorific(t));
    let selon = words[verb].norm == "selon" || words[verb].norm == "according";
    let pronoun_subject = verb > 0 && cues.is_pronoun(words[verb - 1]);
    // `, Guy Carbonneau noted.`: a name (or title) before the verb.
    let named_subject = verb > 0
        && words[..verb].iter().any(|t| cues.is_name_like(t))
        && words[..verb].iter().all(|t| {
            t.capitalized || cues.is_honorific(t) || cues.is_particle(t) || cues.is_title(t)
        });
    if !(inverted || named || selon || pronoun_subject || named_subject) {
        return None;
    }
    // `, s'est exclamée la directrice de Northlight, Fiona Rennie.`: a name in apposition
    // after the title belongs to the incise too.
    if tokens[end].text == "," {
        if let Some(next) = (end + 1..tokens.len())
            .find(|&k| matches!(tokens[k].text.as_str(), "," | "." | ";" | "!" | "?"))
        {
            let name: Vec<&Token> = tokens[end + 1..next]
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .collect();
            let all_names = !name.is_empty()
                && name.len() <= 4
                && name.iter().all(|t| t.capitalized || cues.is_particle(t));
            if all_names && name.iter().any(|t| cues.is_name_like(t)) && next + 1 < tokens.len() {
                return Some(next);
            }
        }
    }
    Some(end)
}

/// Two consecutive quotes of a paragraph are one utterance split by its attribution when
/// the first ends with a comma and the words between them are a short attribution that
/// ends with a comma.
fn joins(doc: &Document, prev: &Shaped, next: &Shaped, cues: &Cues) -> bool {
    let (Some(close), Some(last)) = (prev.raw.close, prev.raw.parts.last()) else {
        return false;
    };
    if prev.raw.paragraph != next.raw.paragraph
        || next.raw.open.start < close.end
        || next.raw.open.is_empty()
    {
        return false;
    }
    let gap = &doc.text[close.end..next.raw.open.start];
    let gap_trim = gap.trim();
    let comma_before = doc.slice(*last).ends_with(',') || gap_trim.starts_with(',');
    if !comma_before || !gap_trim.ends_with(',') {
        return false;
    }
    let tokens = tokenize(gap, close.end, doc.lang);
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .collect();
    !words.is_empty() && words.len() <= 10 && words.iter().any(|t| cues.is_reporting(t))
}

fn trim(doc: &Document, span: Span) -> Span {
    let text = doc.slice(span);
    let strip = |c: char| crate::text::is_space(c);
    let lead = text.len() - text.trim_start_matches(strip).len();
    let body = text.trim_matches(strip);
    Span::new(span.start + lead, span.start + lead + body.len())
}

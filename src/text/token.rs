//! Word tokenization that keeps byte offsets into the original text.
//!
//! Language matters for apostrophes: French elisions split before the word (`l'` + `Ukraine`,
//! `qu'` + `il`) while `aujourd'hui` stays whole; English clitics split after it (`do` + `n't`,
//! `Kim` + `'s`). Hyphenated compounds become several tokens marked `joined`, so `Jong-un`
//! and `Jong Un`, or `vingt-trois` and `vingt trois`, look the same to later stages.

use super::Span;
use crate::lang::Lang;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits): `Ukraine`, `l'`, `n't`, `G20`.
    Word,
    /// Starts with a digit: `2,5`, `1 200`, `1er`, `20h30`, `16`.
    Number,
    /// Any other visible character, one per token.
    Punct,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The original text of the token.
    pub text: String,
    /// Lowercase, with typographic apostrophes as `'`.
    pub lower: String,
    /// `lower` stripped of accents (`é` -> `e`, `œ` -> `oe`).
    pub norm: String,
    /// First character is uppercase.
    pub capitalized: bool,
    /// Attached to the previous token by a hyphen or an apostrophe (no space between).
    pub joined: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// Tokenizes `text`, whose first byte is at offset `base` of the document.
pub fn tokenize(text: &str, base: usize, lang: Lang) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if super::is_space(c) {
            i += 1;
        } else if c.is_ascii_digit() {
            let end = scan_number(&chars, i);
            push(
                &mut tokens,
                text,
                base,
                pos,
                byte_end(&chars, text, end),
                TokenKind::Number,
                false,
            );
            i = end;
        } else if is_letter(c) {
            let mut end = scan_word(&chars, i);
            // A French elision written alone keeps its apostrophe (`l'`, `qu'`, `jusqu'`), as
            // it does when attached: lexicon entries and text then agree.
            let next_is_apostrophe = chars.get(end).is_some_and(|&(_, a)| is_apostrophe(a));
            if lang == Lang::Fr
                && next_is_apostrophe
                && !chars.get(end + 1).is_some_and(|&(_, n)| is_alnum(n))
            {
                let word: String = chars[i..end]
                    .iter()
                    .map(|&(_, ch)| ch)
                    .collect::<String>()
                    .to_lowercase();
                if FR_ELISIONS.contains(&word.as_str()) {
                    end += 1;
                }
            }
            let word_end = byte_end(&chars, text, end);
            split_word(&mut tokens, text, base, pos, word_end, lang);
            i = end;
        } else {
            push(
                &mut tokens,
                text,
                base,
                pos,
                pos + c.len_utf8(),
                TokenKind::Punct,
                false,
            );
            i += 1;
        }
    }
    tokens
}

fn byte_end(chars: &[(usize, char)], text: &str, i: usize) -> usize {
    chars.get(i).map_or(text.len(), |&(p, _)| p)
}

pub(crate) fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_alnum(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit()
}

/// A word: letters and digits, with single hyphens or apostrophes between them, plus the
/// dotted acronym form `U.S.` / `U.N.`.
fn scan_word(chars: &[(usize, char)], start: usize) -> usize {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    if let Some(end) = scan_acronym(chars, start) {
        return end;
    }
    let mut i = start + 1;
    while let Some(c) = at(i) {
        if is_alnum(c) {
            i += 1;
        } else if (is_hyphen(c) || is_apostrophe(c)) && at(i + 1).is_some_and(is_alnum) {
            i += 2;
        } else {
            break;
        }
    }
    i
}

fn scan_acronym(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut i = start;
    let mut letters = 0;
    while at(i).is_some_and(|c| c.is_uppercase()) && at(i + 1) == Some('.') {
        letters += 1;
        i += 2;
    }
    (letters >= 2 && !at(i).is_some_and(is_letter)).then_some(i)
}

/// A number: digits with decimal or grouping separators (`2,5`, `1.200`, `1 200` with a
/// plain, no-break or narrow no-break space before each group of three) and a letter suffix
/// (`1er`, `20h30`, `5bn`).
fn scan_number(chars: &[(usize, char)], start: usize) -> usize {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let digit = |k: usize| at(k).is_some_and(|c| c.is_ascii_digit());
    let mut i = start;
    let mut group = 0;
    loop {
        while digit(i) {
            i += 1;
            group += 1;
        }
        let sep = at(i);
        let decimal_or_group = matches!(sep, Some('.' | ',')) && digit(i + 1);
        // A space before exactly three digits groups thousands: `1 200`, `12 500 000`.
        let spaced_group = matches!(sep, Some(' ' | '\u{00A0}' | '\u{202F}'))
            && group <= 3
            && (1..=3).all(|k| digit(i + k))
            && !digit(i + 4);
        if !(decimal_or_group || spaced_group) {
            break;
        }
        i += 1;
        group = 0;
    }
    while at(i).is_some_and(is_alnum) {
        i += 1;
    }
    i
}

const FR_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];
const FR_NO_SPLIT: &[&str] = &[
    "aujourd'hui",
    "quelqu'un",
    "quelqu'une",
    "presqu'île",
    "prud'homme",
    "prud'hommes",
];
const EN_CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Splits a scanned word at hyphens and at the language's apostrophe clitics.
fn split_word(
    tokens: &mut Vec<Token>,
    text: &str,
    base: usize,
    start: usize,
    end: usize,
    lang: Lang,
) {
    let word = &text[start..end];
    if word.contains('.') {
        push(tokens, text, base, start, end, TokenKind::Word, false);
        return;
    }
    let mut part_start = start;
    let mut joined = false;
    for (off, c) in word.char_indices() {
        if is_hyphen(c) {
            split_apostrophes(tokens, text, base, part_start, start + off, lang, joined);
            part_start = start + off + c.len_utf8();
            joined = true;
        }
    }
    split_apostrophes(tokens, text, base, part_start, end, lang, joined);
}

fn split_apostrophes(
    tokens: &mut Vec<Token>,
    text: &str,
    base: usize,
    start: usize,
    end: usize,
    lang: Lang,
    joined: bool,
) {
    if start >= end {
        return;
    }
    let word = &text[start..end];
    let lower = normalize_apostrophes(&word.to_lowercase());
    let apos = word.find(is_apostrophe);
    if apos.is_none() && !(lang == Lang::En && lower == "cannot") {
        push(tokens, text, base, start, end, TokenKind::Word, joined);
        return;
    }
    let apos = apos.unwrap_or(0);
    match lang {
        Lang::Fr if !FR_NO_SPLIT.contains(&lower.as_str()) => {
            let apos_len = word[apos..].chars().next().map_or(1, char::len_utf8);
            let cut = start + apos + apos_len;
            push(tokens, text, base, start, cut, TokenKind::Word, joined);
            split_apostrophes(tokens, text, base, cut, end, lang, true);
        }
        Lang::En if lower == "cannot" => {
            push(
                tokens,
                text,
                base,
                start,
                start + 3,
                TokenKind::Word,
                joined,
            );
            push(tokens, text, base, start + 3, end, TokenKind::Word, true);
        }
        Lang::En => {
            let clitic = EN_CLITICS
                .iter()
                .find(|c| lower.ends_with(*c) && lower.len() > c.len());
            match clitic {
                Some(c) => {
                    let cut = end - byte_len_of_suffix(word, c.chars().count());
                    push(tokens, text, base, start, cut, TokenKind::Word, joined);
                    push(tokens, text, base, cut, end, TokenKind::Word, true);
                }
                None => push(tokens, text, base, start, end, TokenKind::Word, joined),
            }
        }
        _ => push(tokens, text, base, start, end, TokenKind::Word, joined),
    }
}

fn byte_len_of_suffix(word: &str, chars: usize) -> usize {
    word.chars().rev().take(chars).map(char::len_utf8).sum()
}

pub fn normalize_apostrophes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{02BC}'], "'")
}

fn push(
    tokens: &mut Vec<Token>,
    text: &str,
    base: usize,
    start: usize,
    end: usize,
    kind: TokenKind,
    joined: bool,
) {
    let raw = &text[start..end];
    let lower = normalize_apostrophes(&raw.to_lowercase());
    let norm = fold(&lower);
    tokens.push(Token {
        span: Span::new(base + start, base + end),
        kind,
        text: raw.to_string(),
        capitalized: raw.chars().next().is_some_and(char::is_uppercase),
        lower,
        norm,
        joined,
    });
}

/// Lowercase ASCII folding: accents dropped, ligatures expanded, dots of acronyms removed.
pub fn fold(s: &str) -> String {
    let mut out = deunicode::deunicode(s).to_lowercase();
    if out.len() > 2 && out.contains('.') {
        out.retain(|c| c != '.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, lang: Lang) -> Vec<String> {
        tokenize(text, 0, lang)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn french_elisions_split_but_aujourdhui_stays() {
        assert_eq!(
            words("l'Ukraine aujourd’hui qu’il", Lang::Fr),
            ["l'", "Ukraine", "aujourd’hui", "qu’", "il"]
        );
        assert_eq!(
            words("jusqu'à l'ONU", Lang::Fr),
            ["jusqu'", "à", "l'", "ONU"]
        );
    }

    #[test]
    fn english_clitics_split_after_the_word() {
        assert_eq!(
            words("don't Kim's can't", Lang::En),
            ["do", "n't", "Kim", "'s", "ca", "n't"]
        );
        assert_eq!(words("O'Brien", Lang::En), ["O'Brien"]);
        assert_eq!(words("We cannot", Lang::En), ["We", "can", "not"]);
    }

    #[test]
    fn hyphens_split_into_joined_tokens() {
        let toks = tokenize("Kim Jong-un a-t-il", 0, Lang::Fr);
        let texts: Vec<_> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["Kim", "Jong", "un", "a", "t", "il"]);
        assert!(toks[2].joined && !toks[1].joined);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            words(
                "2,5 milliards, 1 200 et 1\u{202F}500 000 le 1er mai; 45 %",
                Lang::Fr
            ),
            [
                "2,5",
                "milliards",
                ",",
                "1 200",
                "et",
                "1\u{202F}500 000",
                "le",
                "1er",
                "mai",
                ";",
                "45",
                "%"
            ]
        );
        assert_eq!(
            words("1,200 and 2.5 in 2019 20 people", Lang::En),
            ["1,200", "and", "2.5", "in", "2019", "20", "people"]
        );
    }

    #[test]
    fn acronyms_with_dots_are_one_token() {
        let toks = tokenize("the U.S. said", 0, Lang::En);
        assert_eq!(toks[1].text, "U.S.");
        assert_eq!(toks[1].norm, "us");
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "« Nous n’avons pas 2,5 milliards »";
        for t in tokenize(text, 0, Lang::Fr) {
            assert_eq!(&text[t.span.start..t.span.end], t.text);
        }
    }

    #[test]
    fn folding_drops_accents() {
        assert_eq!(fold("écœuré"), "ecoeure");
        assert_eq!(fold("Corée"), "coree");
    }
}

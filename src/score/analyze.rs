//! A quote prepared for comparison: its words with lookup keys, weights and flags, and the
//! facts read off them (numbers, negations, modality, intensity). Built once per quote and
//! reused for every pair it takes part in.

use super::negation::{find_negations, Negation};
use super::numbers::{find_numbers, NumberMention};
use super::wordalign::{renderings_at, Rendering};
use crate::lang::Lang;
use crate::lexicon::{Intensity, Lexicon, Modality, Resources, Tag};
use crate::quote::Quote;
use crate::text::{tokenize, Document, Span, Token, TokenKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Longest lexicon phrase looked up, in words.
pub const MAX_PHRASE: usize = 6;

/// Weight of a grammatical word in coverage: present, but worth little.
pub const FUNCTION_WEIGHT: f32 = 0.2;

#[derive(Clone, Debug)]
pub struct Analyzed {
    pub lang: Lang,
    /// Word and number tokens only (punctuation dropped), with spans into the document.
    pub tokens: Vec<Token>,
    pub keys: Vec<String>,
    /// 1.0 for content words and numbers, [`FUNCTION_WEIGHT`] for grammatical words.
    pub weight: Vec<f32>,
    /// Punctuation (a clause or sentence break) stands just before this word.
    pub brk: Vec<bool>,
    /// This word starts a sentence (or a quoted piece).
    pub sentence_start: Vec<bool>,
    /// A name: a capitalized word that is not sentence-initial or common, an acronym, or a
    /// place, people or institution of the lexicon.
    pub entity: Vec<bool>,
    pub numbers: Vec<NumberMention>,
    pub negations: Vec<Negation>,
    /// Implicit negatives (`unable`, `refuser`) that may stand for an explicit negation.
    pub soft: Vec<usize>,
    pub modality: Vec<(Range<usize>, Modality)>,
    pub intensity: Vec<(Range<usize>, Intensity)>,
    /// Joined keys of every n-gram up to [`MAX_PHRASE`] -> start positions.
    pub ngrams: FxHashMap<String, Vec<usize>>,
    /// The language `renderings` are in: the other one of the pair.
    pub rendered_in: Lang,
    /// Per token, the lexicon's renderings of the phrases starting there, looked up once
    /// rather than for every pair the quote is compared with.
    pub renderings: Vec<Vec<Rendering>>,
}

impl Analyzed {
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The original text from the start of token `range.start` to the end of `range.end - 1`.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        Span::new(
            self.tokens[range.start].span.start,
            self.tokens[range.end - 1].span.end,
        )
    }

    pub fn is_content(&self, i: usize) -> bool {
        self.weight[i] >= 1.0
    }
}

/// Analyzes the quoted pieces of a quote.
pub fn analyze_quote(doc: &Document, quote: &Quote, res: &Resources) -> Analyzed {
    analyze(doc, &quote.parts, res)
}

/// Analyzes the text of `parts` of `doc`.
pub fn analyze(doc: &Document, parts: &[Span], res: &Resources) -> Analyzed {
    let data = res.lang(doc.lang);
    let mut tokens = Vec::new();
    let mut brk = Vec::new();
    let mut initial = Vec::new();
    for part in parts {
        let mut pending_break = true;
        let mut sentence_start = true;
        for t in tokenize(doc.slice(*part), part.start, doc.lang) {
            if t.kind == TokenKind::Punct {
                pending_break |= !is_quote_mark(&t.text);
                sentence_start |= matches!(t.text.as_str(), "." | "!" | "?" | "…" | ":");
                continue;
            }
            brk.push(pending_break);
            initial.push(sentence_start);
            pending_break = false;
            sentence_start = false;
            tokens.push(t);
        }
    }
    let keys: Vec<String> = tokens.iter().map(|t| data.token_key(t)).collect();
    let lexicon = &res.lexicon;
    let weight = tokens
        .iter()
        .zip(&keys)
        .map(|(t, k)| {
            let function = t.kind == TokenKind::Word
                && (lexicon.is_function_word(doc.lang, k)
                    || is_stopword(doc.lang, &t.lower)
                    || is_auxiliary(doc.lang, k));
            if function {
                FUNCTION_WEIGHT
            } else {
                1.0
            }
        })
        .collect();
    let entity = tokens
        .iter()
        .zip(&keys)
        .zip(&initial)
        .map(|((t, k), init)| {
            let tags = lexicon.tags(doc.lang, k);
            let capital_name = t.capitalized
                && t.kind == TokenKind::Word
                && t.text != "I"
                && (tags.is_empty() || tags.has(Tag::Person))
                && !*init;
            let acronym = t.kind == TokenKind::Word
                && !tags.is_function()
                && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && t.text.chars().all(|c| !c.is_lowercase());
            lexicon.is_entity(doc.lang, k, t.capitalized) || capital_name || acronym
        })
        .collect();
    let entity = multiword_entities(doc.lang, &tokens, &keys, lexicon, entity);
    let mut ngrams: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for i in 0..keys.len() {
        for n in 1..=MAX_PHRASE.min(keys.len() - i) {
            ngrams.entry(keys[i..i + n].join(" ")).or_default().push(i);
        }
    }
    let modality = data.modality_in(&tokens, &keys);
    let intensity = data.intensity_in(&tokens, &keys);
    let mut analyzed = Analyzed {
        lang: doc.lang,
        tokens,
        keys,
        weight,
        brk,
        sentence_start: initial,
        entity,
        numbers: Vec::new(),
        negations: Vec::new(),
        soft: Vec::new(),
        modality,
        intensity,
        ngrams,
        rendered_in: crate::lexicon::other(doc.lang),
        renderings: Vec::new(),
    };
    analyzed.renderings = (0..analyzed.len())
        .map(|i| renderings_at(&analyzed, i, analyzed.rendered_in, res))
        .collect();
    analyzed.numbers = find_numbers(&analyzed, &doc.text);
    let (negations, soft) =
        find_negations(&analyzed, &doc.text, &|w| data.knows(w), &|w| data.key(w));
    analyzed.negations = negations;
    analyzed.soft = soft;
    analyzed
}

fn is_quote_mark(s: &str) -> bool {
    matches!(
        s,
        "«" | "»" | "“" | "”" | "\"" | "‘" | "’" | "'" | "‹" | "›" | "„"
    )
}

/// Auxiliaries and light verbs, by key: they carry tense and mood, not the content a
/// negation or a rendering is judged on.
pub fn is_auxiliary(lang: Lang, key: &str) -> bool {
    match lang {
        Lang::Fr => matches!(key, "être" | "avoir" | "aller" | "fair"),
        Lang::En => matches!(
            key,
            "be" | "have" | "do" | "will" | "would" | "shall" | "get"
        ),
    }
}

/// A last line of defence when the lexicon lacks a grammatical word.
fn is_stopword(lang: Lang, lower: &str) -> bool {
    const FR: &[&str] = &[
        "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "à", "au", "aux", "et",
        "ou", "en", "que", "qu'", "qui", "ce", "cette", "ces", "se", "s'", "sa", "son", "ses",
        "leur", "leurs", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "j'", "y",
        "est", "a", "sont", "ont", "été", "être", "avoir", "par", "pour", "dans", "sur", "avec",
        "c'", "n'", "ne", "m'", "t'", "me", "te", "lui", "eux", "notre", "nos", "votre", "vos",
        "mon", "ma", "mes",
    ];
    const EN: &[&str] = &[
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "that",
        "this", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "being",
        "have", "has", "had", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our",
        "your", "my", "'s", "'re", "'ve", "'ll", "'d", "'m", "do", "does", "did", "will", "would",
        "as", "from", "there", "which", "who", "whom", "what", "so", "if",
    ];
    match lang {
        Lang::Fr => FR.contains(&lower),
        Lang::En => EN.contains(&lower),
    }
}

/// Marks the words of a capitalized multi-word name the lexicon knows (`Department of
/// Health`, `Cour permanente d'arbitrage`) as one name: each of its words alone is a common
/// noun, so only the phrase tells.
fn multiword_entities(
    lang: Lang,
    tokens: &[Token],
    keys: &[String],
    lexicon: &Lexicon,
    mut entity: Vec<bool>,
) -> Vec<bool> {
    for i in 0..keys.len() {
        if !tokens[i].capitalized {
            continue;
        }
        let longest = lexicon
            .starting_at(lang, keys, i)
            .filter(|&(len, e)| len >= 2 && lexicon.entry(e).tags.is_entity())
            .map(|(len, _)| len)
            .max();
        if let Some(len) = longest {
            entity[i..i + len].iter_mut().for_each(|e| *e = true);
        }
    }
    entity
}

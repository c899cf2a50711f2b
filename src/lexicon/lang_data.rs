//! One language's word tables: irregular forms, modality, intensity scales and antonyms, and
//! the function that reduces a word to its lookup key.

use super::phrases::PhraseTable;
use super::{data_lines, LexiconError};
use crate::lang::Lang;
use crate::text::{fold, tokenize, Token, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// How sure a wording is: the classes of `lexicon/<lang>/modality.tsv`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modality {
    /// may, might, could, peut-être, envisager.
    Possible,
    /// likely, probably, expected to, sans doute.
    Probable,
    /// certainly, surely, à coup sûr.
    Certain,
    /// decided, confirmed, a décidé.
    Decided,
}

impl Modality {
    fn parse(s: &str) -> Option<Modality> {
        match s {
            "possible" => Some(Modality::Possible),
            "probable" => Some(Modality::Probable),
            "certain" => Some(Modality::Certain),
            "decided" => Some(Modality::Decided),
            _ => None,
        }
    }

    /// A hedge leaves the matter open; certain and decided close it.
    pub fn is_hedge(self) -> bool {
        matches!(self, Modality::Possible | Modality::Probable)
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Modality::Possible => "possibility",
            Modality::Probable => "likelihood",
            Modality::Certain => "certainty",
            Modality::Decided => "a settled decision",
        })
    }
}

/// A word's place on an intensity scale (`concern`: concerned 1 ... furious 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intensity {
    pub scale: String,
    pub level: u8,
}

pub struct LangData {
    pub lang: Lang,
    stemmer: Stemmer,
    forms: HashMap<String, String>,
    modality: PhraseTable<(Modality, Vec<String>)>,
    intensity: PhraseTable<(Intensity, Vec<String>)>,
    antonyms: HashMap<String, Vec<String>>,
    /// Keys of every single word of the lexicon in this language, and of its verbs: lets
    /// `key` recognise regular verb forms Snowball leaves whole (`changent`, `gagnons`).
    known: HashSet<String>,
    verbs: HashSet<String>,
    /// Accent-free form of each known key -> the key, when only one key folds to it.
    folded: HashMap<String, Option<String>>,
}

/// French present-tense endings Snowball keeps, and the infinitive endings to try instead.
const FR_VERB_ENDINGS: &[(&str, &str)] = &[
    ("issent", "ir"),
    ("issons", "ir"),
    ("eons", "er"),
    ("ent", "er"),
    ("ons", "er"),
    ("ent", "re"),
    ("ent", "ir"),
    ("ons", "re"),
    ("ons", "ir"),
];

impl Clone for LangData {
    fn clone(&self) -> Self {
        LangData {
            lang: self.lang,
            stemmer: stemmer(self.lang),
            forms: self.forms.clone(),
            modality: self.modality.clone(),
            intensity: self.intensity.clone(),
            antonyms: self.antonyms.clone(),
            known: self.known.clone(),
            verbs: self.verbs.clone(),
            folded: self.folded.clone(),
        }
    }
}

impl fmt::Debug for LangData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LangData")
            .field("lang", &self.lang)
            .field("forms", &self.forms.len())
            .field("modality", &self.modality.len())
            .field("intensity", &self.intensity.len())
            .field("antonyms", &self.antonyms.len())
            .finish()
    }
}

fn stemmer(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::Fr => Algorithm::French,
        Lang::En => Algorithm::English,
    })
}

impl LangData {
    pub fn new(lang: Lang) -> LangData {
        LangData {
            lang,
            stemmer: stemmer(lang),
            forms: HashMap::new(),
            modality: PhraseTable::default(),
            intensity: PhraseTable::default(),
            antonyms: HashMap::new(),
            known: HashSet::new(),
            verbs: HashSet::new(),
            folded: HashMap::new(),
        }
    }

    /// The lookup key of a lowercase word: its lemma if irregular, stemmed. Accents stay
    /// (`sur` is not `sûr`); a word the lexicon does not know is tried as a regular French
    /// verb form, then without accents (`Etat` for `État`).
    pub fn key(&self, lower: &str) -> String {
        if let Some(lemma) = self.forms.get(lower) {
            return self.stemmer.stem(lemma).into_owned();
        }
        let plain = self.stemmer.stem(lower).into_owned();
        if self.known.is_empty() || self.known.contains(&plain) {
            return plain;
        }
        let verb = (self.lang == Lang::Fr).then(|| {
            FR_VERB_ENDINGS.iter().find_map(|(ending, infinitive)| {
                let stem = lower
                    .strip_suffix(ending)
                    .filter(|s| s.chars().count() >= 2)?;
                let key = self
                    .stemmer
                    .stem(&format!("{stem}{infinitive}"))
                    .into_owned();
                self.verbs.contains(&key).then_some(key)
            })
        });
        let plural = || {
            let singular = lower
                .strip_suffix(['s', 'x'])
                .filter(|s| s.chars().count() >= 3)?;
            let key = self.stemmer.stem(singular).into_owned();
            self.known.contains(&key).then_some(key)
        };
        verb.flatten()
            .or_else(plural)
            .or_else(|| self.folded.get(&fold(&plain)).cloned().flatten())
            .unwrap_or(plain)
    }

    /// Whether the lexicon knows this lowercase word (through its key).
    pub fn knows(&self, lower: &str) -> bool {
        self.known.contains(&self.key(lower))
    }

    /// Records a word of the lexicon in this language (`verb`: it is a verb).
    pub fn learn_word(&mut self, key: &str, verb: bool) {
        if self.known.insert(key.to_string()) {
            let slot = self
                .folded
                .entry(fold(key))
                .or_insert_with(|| Some(key.to_string()));
            if slot.as_deref() != Some(key) {
                *slot = None;
            }
        }
        if verb {
            self.verbs.insert(key.to_string());
        }
    }

    /// The key of a token: words through [`LangData::key`], numbers and marks as written.
    pub fn token_key(&self, token: &Token) -> String {
        match token.kind {
            TokenKind::Word => self.key(&token.lower),
            _ => token.lower.clone(),
        }
    }

    /// The keys of the words of a phrase (punctuation dropped).
    pub fn phrase_keys(&self, phrase: &str) -> Vec<String> {
        tokenize(phrase, 0, self.lang)
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| self.token_key(t))
            .collect()
    }

    /// Modality markers among `tokens` (whose keys are `keys`): `(range, class)`.
    pub fn modality_in(
        &self,
        tokens: &[Token],
        keys: &[String],
    ) -> Vec<(std::ops::Range<usize>, Modality)> {
        scan_checked(&self.modality, tokens, keys)
            .map(|(r, v)| (r, *v))
            .collect()
    }

    /// Intensity-scale words among `tokens`: `(range, scale and level)`.
    pub fn intensity_in(
        &self,
        tokens: &[Token],
        keys: &[String],
    ) -> Vec<(std::ops::Range<usize>, Intensity)> {
        scan_checked(&self.intensity, tokens, keys)
            .map(|(r, v)| (r, v.clone()))
            .collect()
    }

    pub fn modality_count(&self) -> usize {
        self.modality.len()
    }

    /// Keys of antonyms of a word key.
    pub fn antonyms(&self, key: &str) -> &[String] {
        self.antonyms.get(key).map_or(&[], Vec::as_slice)
    }

    /// Loads one of the language's tables, chosen by file name (`forms`, `modality`,
    /// `intensity`, `antonyms`).
    pub fn load(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        let kind = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".tsv");
        for (n, line) in data_lines(text) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let err = |message: String| LexiconError {
                file: file.to_string(),
                line: n,
                message,
            };
            let want = if kind == "intensity" { 3 } else { 2 };
            if cols.len() != want || cols.iter().any(|c| c.is_empty()) {
                return Err(err(format!(
                    "expected {want} non-empty tab-separated columns, found {}",
                    cols.len()
                )));
            }
            match kind {
                "forms" => {
                    let form = crate::text::normalize_apostrophes(&cols[0].to_lowercase());
                    self.forms.insert(form, cols[1].to_lowercase());
                }
                "modality" => {
                    let class = Modality::parse(cols[1])
                        .ok_or_else(|| err(format!("unknown modality class `{}`", cols[1])))?;
                    self.modality
                        .insert(self.phrase_keys(cols[0]), (class, words_of(cols[0])));
                }
                "intensity" => {
                    let level = cols[2].parse().ok().filter(|l| (1..=4).contains(l));
                    let level = level.ok_or_else(|| {
                        err(format!(
                            "intensity level must be 1 to 4, found `{}`",
                            cols[2]
                        ))
                    })?;
                    let value = Intensity {
                        scale: cols[1].to_string(),
                        level,
                    };
                    self.intensity
                        .insert(self.phrase_keys(cols[0]), (value, words_of(cols[0])));
                }
                "antonyms" => {
                    let (a, b) = (self.key_of_word(cols[0]), self.key_of_word(cols[1]));
                    self.antonyms.entry(a.clone()).or_default().push(b.clone());
                    self.antonyms.entry(b).or_default().push(a);
                }
                _ => return Err(err(format!("unknown table `{kind}`"))),
            }
        }
        Ok(())
    }

    /// Antonym pairs are single words; a reflexive `se`/`s'` is dropped.
    fn key_of_word(&self, word: &str) -> String {
        let keys = self.phrase_keys(word);
        let skip = usize::from(keys.len() > 1 && matches!(keys[0].as_str(), "se" | "s'"));
        keys[skip..].join(" ")
    }
}

fn words_of(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

/// Longest-match scan that also refuses a stem collision the tables cannot afford:
/// `likely` (probable) stems like `like`, `certainement` like `certains`.
fn scan_checked<'a, T>(
    table: &'a PhraseTable<(T, Vec<String>)>,
    tokens: &'a [Token],
    keys: &'a [String],
) -> impl Iterator<Item = (std::ops::Range<usize>, &'a T)> + 'a {
    table
        .scan(keys)
        .into_iter()
        .filter_map(move |(start, len, (value, words))| {
            // An adverb entry only matches the adverb: `likely` is not `like`, `certainement`
            // is not `certains`.
            let collision = words.iter().zip(&tokens[start..start + len]).any(|(w, t)| {
                ["ly", "ment"]
                    .iter()
                    .any(|end| w.ends_with(end) && !t.lower.ends_with(end))
            });
            (!collision).then_some((start..start + len, value))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irregular_forms_reach_the_lemma_key() {
        let mut en = LangData::new(Lang::En);
        en.load("en/forms.tsv", "rose\trise\nsaid\tsay\n").unwrap();
        assert_eq!(en.key("rose"), en.key("rising"));
        assert_eq!(en.key("said"), en.key("say"));
    }

    #[test]
    fn tables_parse_and_reject_bad_lines() {
        let mut fr = LangData::new(Lang::Fr);
        fr.load(
            "fr/modality.tsv",
            "peut-être\tpossible\nà coup sûr\tcertain\n",
        )
        .unwrap();
        fr.load(
            "fr/intensity.tsv",
            "inquiet\tconcern\t1\nfurieux\tconcern\t4\n",
        )
        .unwrap();
        fr.load("fr/antonyms.tsv", "gagner\tperdre\n").unwrap();
        assert_eq!(fr.modality_count(), 2);
        assert_eq!(fr.antonyms(&fr.key("perdre")), [fr.key("gagner")]);
        let err = fr.load("fr/intensity.tsv", "x\tconcern\t9\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(fr.load("fr/modality.tsv", "x\tmaybe\n").is_err());
    }
}

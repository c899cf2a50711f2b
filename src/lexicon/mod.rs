//! The French-English lexicon and the per-language word tables (irregular forms, modality,
//! intensity, antonyms), compiled into the binary from the readable files under `lexicon/`
//! and extendable with a user's own files (passed in as text: this module reads no files).
//!
//! Every word is reduced to a *key* before lookup: irregular form -> lemma, Snowball stem,
//! accents folded. Lexicon phrases are keyed the same way, so `gagnerons` finds `gagner`.

mod builtin;
mod lang_data;
mod phrases;
mod tags;

pub use lang_data::{Intensity, LangData, Modality};
pub use phrases::PhraseTable;
pub use tags::{Tag, Tags};

use crate::lang::Lang;
use std::collections::HashMap;
use thiserror::Error;

/// A line of a lexicon file that could not be read.
#[derive(Debug, Error, Clone, PartialEq)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// One line of a bilingual lexicon: alternatives on each side, with tags.
#[derive(Clone, Debug)]
pub struct Entry {
    pub fr: Vec<String>,
    pub en: Vec<String>,
    pub tags: Tags,
}

impl Entry {
    pub fn side(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// A bilingual lexicon for the French-English pair.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Per language: key sequence -> entry index.
    phrases: HashMap<Lang, PhraseTable<usize>>,
    /// Per entry and language: the key sequences of its alternatives.
    keyed: Vec<HashMap<Lang, Vec<Vec<String>>>>,
    /// Union of the tags of every single-word alternative, per language and key.
    word_tags: HashMap<(Lang, String), Tags>,
    /// Keys of single words that some entry gives as a content word (noun, verb, adjective
    /// or adverb without a function tag): `sérieux` stays content even if the adverb
    /// `sérieusement`, listed among function words, shares its key.
    content_words: std::collections::HashSet<(Lang, String)>,
    /// Keys of single-word entity alternatives written in lowercase (`russe`): only these
    /// make a lowercase word a name. `IS` (Islamic State) must not make `is` one.
    lowercase_entities: HashMap<Lang, std::collections::HashSet<String>>,
}

impl Lexicon {
    /// Number of entries (lines) loaded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// Entries whose `lang` side has a phrase starting at `keys[i]`: `(phrase length, entry)`.
    pub fn starting_at<'a>(
        &'a self,
        lang: Lang,
        keys: &'a [String],
        i: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.phrases
            .get(&lang)
            .into_iter()
            .flat_map(move |t| t.starting_at(keys, i))
            .map(|(len, &e)| (len, e))
    }

    /// The key sequences an entry offers in `lang`.
    pub fn keyed_side(&self, entry: usize, lang: Lang) -> &[Vec<String>] {
        self.keyed[entry].get(&lang).map_or(&[], Vec::as_slice)
    }

    /// Tags of a single word, by key.
    pub fn tags(&self, lang: Lang, key: &str) -> Tags {
        self.word_tags
            .get(&(lang, key.to_string()))
            .copied()
            .unwrap_or_default()
    }

    /// A grammatical word: an auxiliary, or a word every entry that lists it tags as one.
    pub fn is_function_word(&self, lang: Lang, key: &str) -> bool {
        let tags = self.tags(lang, key);
        // Auxiliaries stay grammatical even where a noun shares their form (`un être`).
        tags.has(Tag::Aux)
            || tags.is_function() && !self.content_words.contains(&(lang, key.to_string()))
    }

    /// Whether a word is a name: entity tags, and for a lowercase word an entity the
    /// lexicon writes in lowercase (nationality adjectives in French).
    pub fn is_entity(&self, lang: Lang, key: &str, capitalized: bool) -> bool {
        let tags = self.tags(lang, key);
        tags.is_entity()
            && (capitalized
                || self
                    .lowercase_entities
                    .get(&lang)
                    .is_some_and(|s| s.contains(key)))
            && !tags.has(Tag::Month)
            && !tags.has(Tag::Day)
    }

    /// A short gloss of a word in the other language, for messages: `furieux` -> `furious`.
    pub fn gloss(&self, lang: Lang, keys: &[String]) -> Option<&str> {
        let other = other(lang);
        self.starting_at(lang, keys, 0)
            .find(|&(len, _)| len == keys.len())
            .and_then(|(_, e)| self.entries[e].side(other).first().map(String::as_str))
    }

    /// Adds the entries of a lexicon file (`fr<TAB>en<TAB>tags` lines).
    pub fn load(
        &mut self,
        file: &str,
        text: &str,
        fr: &LangData,
        en: &LangData,
    ) -> Result<usize, LexiconError> {
        let before = self.entries.len();
        for (n, line) in data_lines(text) {
            let err = |message: String| LexiconError {
                file: file.to_string(),
                line: n,
                message,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                return Err(err(format!(
                    "expected 3 tab-separated columns (french, english, tags), found {}",
                    cols.len()
                )));
            }
            let tags = Tags::parse_list(cols[2]).map_err(err)?;
            let entry = Entry {
                fr: alternatives(cols[0]),
                en: alternatives(cols[1]),
                tags,
            };
            if entry.fr.is_empty() || entry.en.is_empty() {
                return Err(err("empty French or English column".into()));
            }
            self.add(entry, fr, en);
        }
        Ok(self.entries.len() - before)
    }

    fn add(&mut self, entry: Entry, fr: &LangData, en: &LangData) {
        let index = self.entries.len();
        let mut keyed = HashMap::new();
        for data in [fr, en] {
            let lang = data.lang;
            let pairs: Vec<(&String, Vec<String>)> = entry
                .side(lang)
                .iter()
                .map(|alt| (alt, data.phrase_keys(alt)))
                .filter(|(_, k)| !k.is_empty())
                .collect();
            for (alt, seq) in &pairs {
                if let [word] = seq.as_slice() {
                    let tags = self.word_tags.entry((lang, word.clone())).or_default();
                    *tags = tags.union(entry.tags);
                    let lowercase = alt.chars().next().is_some_and(char::is_lowercase);
                    if !entry.tags.is_function() && lowercase {
                        self.content_words.insert((lang, word.clone()));
                    }
                    if entry.tags.is_entity() && alt.chars().next().is_some_and(char::is_lowercase)
                    {
                        self.lowercase_entities
                            .entry(lang)
                            .or_default()
                            .insert(word.clone());
                    }
                }
                self.phrases
                    .entry(lang)
                    .or_default()
                    .insert(seq.clone(), index);
            }
            keyed.insert(lang, pairs.into_iter().map(|(_, k)| k).collect());
        }
        self.keyed.push(keyed);
        self.entries.push(entry);
    }
}

/// The other language of the French-English pair.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    }
}

/// Everything the pipeline knows about words: the bilingual lexicon and each language's tables.
#[derive(Clone, Debug)]
pub struct Resources {
    pub lexicon: Lexicon,
    fr: LangData,
    en: LangData,
    /// Checksum of every table loaded, built-in and added.
    hash: u64,
}

impl Resources {
    /// The lexicon and tables compiled into the binary.
    pub fn builtin() -> Result<Resources, LexiconError> {
        let mut fr = LangData::new(Lang::Fr);
        let mut en = LangData::new(Lang::En);
        for (lang, data) in [(Lang::Fr, &mut fr), (Lang::En, &mut en)] {
            for (file, text) in builtin::language_files(lang) {
                data.load(file, text)?;
            }
        }
        // Every built-in file is keyed before any word is learnt, so keys do not depend on
        // the order of the files.
        let mut lexicon = Lexicon::default();
        for (file, text) in builtin::PAIR_FILES {
            lexicon.load(file, text, &fr, &en)?;
        }
        let mut res = Resources {
            lexicon,
            fr,
            en,
            hash: builtin::checksum(),
        };
        res.learn_words(0);
        Ok(res)
    }

    /// Adds a user's lexicon file (same format as `lexicon/fr-en/*.tsv`).
    pub fn add_lexicon(&mut self, file: &str, text: &str) -> Result<usize, LexiconError> {
        self.hash = crate::text::fnv1a(self.hash, text.as_bytes());
        let first = self.lexicon.entries.len();
        let added = self.lexicon.load(file, text, &self.fr, &self.en)?;
        self.learn_words(first);
        Ok(added)
    }

    fn learn_words(&mut self, first: usize) {
        for e in first..self.lexicon.entries.len() {
            let verb = self.lexicon.entries[e].tags.has(Tag::Verb);
            for data in [&mut self.fr, &mut self.en] {
                for seq in self.lexicon.keyed[e].get(&data.lang).into_iter().flatten() {
                    if seq.len() == 1 {
                        data.learn_word(&seq[0], verb);
                    }
                }
            }
        }
    }

    pub fn lang(&self, lang: Lang) -> &LangData {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// A checksum of every table, so a report can say which lexicon produced it.
    /// 16 hex digits identifying the lexicon: the built-in tables and any added file.
    pub fn checksum(&self) -> String {
        format!("{:016x}", self.hash)
    }
}

/// Non-comment, non-blank lines with their 1-based numbers.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn alternatives(column: &str) -> Vec<String> {
    column
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Resources {
        let fr = LangData::new(Lang::Fr);
        let en = LangData::new(Lang::En);
        let mut lexicon = Lexicon::default();
        lexicon
            .load("t.tsv", "# c\ngagner\twin | earn\tverb\nà coup sûr\tcertainly | for sure\tadv,modal\nle\tthe\tfunc,det\n", &fr, &en)
            .unwrap();
        Resources {
            lexicon,
            fr,
            en,
            hash: 0,
        }
    }

    #[test]
    fn inflected_words_find_their_entry() {
        let r = small();
        let keys = vec![r.lang(Lang::Fr).key("gagnerons")];
        let (len, e) = r.lexicon.starting_at(Lang::Fr, &keys, 0).next().unwrap();
        assert_eq!(len, 1);
        assert_eq!(r.lexicon.entry(e).en[0], "win");
        assert_eq!(r.lexicon.gloss(Lang::Fr, &keys), Some("win"));
    }

    #[test]
    fn phrases_and_tags_are_indexed() {
        let r = small();
        let fr = r.lang(Lang::Fr);
        let keys: Vec<String> = ["à", "coup", "sûr"].iter().map(|w| fr.key(w)).collect();
        assert_eq!(
            r.lexicon
                .starting_at(Lang::Fr, &keys, 0)
                .next()
                .map(|x| x.0),
            Some(3)
        );
        assert!(r.lexicon.tags(Lang::Fr, &fr.key("le")).is_function());
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let r = small();
        let mut lex = Lexicon::default();
        let err = lex
            .load("mine.tsv", "a\tb\tverb\nbad line\n", &r.fr, &r.en)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine.tsv:2: expected 3 tab-separated columns (french, english, tags), found 1"
        );
        let err = lex
            .load("mine.tsv", "a\tb\tverbz\n", &r.fr, &r.en)
            .unwrap_err();
        assert!(err.to_string().contains("unknown tag `verbz`"));
    }
}

#[cfg(test)]
mod builtin_tests {
    use super::*;

    #[test]
    fn builtin_tables_load_with_the_promised_coverage() {
        let r = Resources::builtin().expect("every built-in table parses");
        assert!(r.lexicon.len() >= 6000, "only {} entries", r.lexicon.len());
        let fr = r.lang(Lang::Fr);
        let lookup = |fr_word: &str| -> Vec<String> {
            let keys = fr.phrase_keys(fr_word);
            r.lexicon
                .starting_at(Lang::Fr, &keys, 0)
                .filter(|&(len, _)| len == keys.len())
                .flat_map(|(_, e)| r.lexicon.entry(e).en.clone())
                .collect()
        };
        for (fr_word, en_word) in [
            ("Poutine", "Putin"),
            ("Bruxelles", "Brussels"),
            ("Écosse", "Scotland"),
            ("ONU", "UN"),
            ("Conseil de sécurité", "Security Council"),
            ("milliard", "billion"),
            ("avril", "April"),
            ("lundi", "Monday"),
            ("gagner", "win"),
            ("inquiet", "worried"),
        ] {
            assert!(
                lookup(fr_word).iter().any(|e| e == en_word),
                "{fr_word} -> {en_word} missing: {:?}",
                lookup(fr_word)
            );
        }
        assert!(r.lexicon.tags(Lang::Fr, &fr.key("ne")).is_function());
        assert!(!r
            .lang(Lang::En)
            .antonyms(&r.lang(Lang::En).key("rise"))
            .is_empty());
        assert_eq!(r.checksum().len(), 16);
        let mut extended = Resources::builtin().unwrap();
        extended
            .add_lexicon("extra.tsv", "brouhaha\thubbub\tnoun\n")
            .unwrap();
        assert_ne!(
            extended.checksum(),
            r.checksum(),
            "an added file must change the checksum"
        );
    }
}

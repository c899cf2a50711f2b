//! The tables compiled into the binary. Their text lives under `lexicon/` at the repository
//! root, where a reviewer can read and edit them.

use crate::lang::Lang;

macro_rules! files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../lexicon/", $path))),)*]
    };
}

/// The bilingual files (`fr<TAB>en<TAB>tags`).
pub const PAIR_FILES: &[(&str, &str)] = files![
    "fr-en/function.tsv",
    "fr-en/reporting.tsv",
    "fr-en/numbers-time.tsv",
    "fr-en/geo.tsv",
    "fr-en/institutions.tsv",
    "fr-en/names.tsv",
    "fr-en/news-nouns.tsv",
    "fr-en/news-verbs.tsv",
    "fr-en/news-adjectives.tsv",
    "fr-en/news-adverbs.tsv",
];

const FR_FILES: &[(&str, &str)] = files![
    "fr/forms.tsv",
    "fr/modality.tsv",
    "fr/intensity.tsv",
    "fr/antonyms.tsv"
];
const EN_FILES: &[(&str, &str)] = files![
    "en/forms.tsv",
    "en/modality.tsv",
    "en/intensity.tsv",
    "en/antonyms.tsv"
];

/// The one-language files of `lang`, forms first (the other tables are keyed through them).
pub fn language_files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Fr => FR_FILES,
        Lang::En => EN_FILES,
    }
}

/// FNV-1a over every built-in table: identifies the lexicon in reports.
pub fn checksum() -> u64 {
    let all = PAIR_FILES.iter().chain(FR_FILES).chain(EN_FILES);
    all.fold(crate::text::FNV_START, |hash, (name, text)| {
        crate::text::fnv1a(crate::text::fnv1a(hash, name.as_bytes()), text.as_bytes())
    })
}

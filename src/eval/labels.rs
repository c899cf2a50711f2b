//! `labels.toml`: what a labeled case says about each of its quotes.
//!
//! ```toml
//! [[quote]]
//! fr_key = "a verbatim substring of the translated quote"
//! en_key = "a verbatim substring of the matching source quote"   # none when unsourced
//! expected = ["number-mismatch"]                                  # [] when faithful
//! note = "what was changed"
//! ```
//! `translation_key` / `source_key` may be written instead of `fr_key` / `en_key` (for an
//! English translation of French sources), and `translation = "..."` / `sources = [...]`
//! name the files when they are not `fr.txt` and `en*.txt`.

use super::squash;
use crate::Rule;
use serde::Deserialize;
use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
#[error("{0}")]
pub struct LabelError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    translation: Option<String>,
    sources: Option<Vec<String>>,
    #[serde(default)]
    quote: Vec<LabelShape>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelShape {
    #[serde(alias = "translation_key")]
    fr_key: Option<String>,
    #[serde(alias = "source_key")]
    en_key: Option<String>,
    #[serde(default)]
    expected: Vec<String>,
    note: Option<String>,
}

/// One labeled quote.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Substring of the translated quote (none for a dropped source quote).
    pub translation_key: Option<String>,
    /// Substring of its source quote (none for an unsourced quote).
    pub source_key: Option<String>,
    /// Rules this quote must get; empty when it is faithful.
    pub expected: Vec<Rule>,
    pub note: String,
}

impl Label {
    /// The key that names the label in messages.
    pub fn key(&self) -> &str {
        self.translation_key
            .as_deref()
            .or(self.source_key.as_deref())
            .unwrap_or("")
    }
}

/// The labels of one case.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseLabels {
    /// The translation's file name, if not `fr.txt`.
    pub translation: Option<String>,
    /// The sources' file names, if not every `en*.txt`.
    pub sources: Option<Vec<String>>,
    pub quotes: Vec<Label>,
}

impl CaseLabels {
    pub fn parse(text: &str) -> Result<CaseLabels, LabelError> {
        let shape: FileShape =
            toml::from_str(text).map_err(|e| LabelError(e.message().trim().replace('\n', " ")))?;
        let quotes = shape
            .quote
            .into_iter()
            .enumerate()
            .map(|(n, q)| label(n + 1, q))
            .collect::<Result<_, _>>()?;
        Ok(CaseLabels {
            translation: shape.translation,
            sources: shape.sources,
            quotes,
        })
    }

    /// Every key must occur in its file(s), inside the text as written (spaces normalized).
    pub fn check_keys(&self, translation: &str, sources: &[&str]) -> Result<(), LabelError> {
        let t = squash(translation);
        let s: Vec<String> = sources.iter().map(|x| squash(x)).collect();
        for l in &self.quotes {
            if let Some(k) = &l.translation_key {
                if !t.contains(&squash(k)) {
                    return Err(LabelError(format!(
                        "translation key `{k}` is not in the translation"
                    )));
                }
            }
            if let Some(k) = &l.source_key {
                if !s.iter().any(|x| x.contains(&squash(k))) {
                    return Err(LabelError(format!("source key `{k}` is in no source")));
                }
            }
        }
        Ok(())
    }
}

fn label(n: usize, q: LabelShape) -> Result<Label, LabelError> {
    let err = |m: String| LabelError(format!("quote {n}: {m}"));
    let expected = q
        .expected
        .iter()
        .map(|id| {
            Rule::from_id(id)
                .ok_or_else(|| err(format!("unknown rule `{id}` (see `verbatim rules`)")))
        })
        .collect::<Result<Vec<Rule>, _>>()?;
    let empty = |k: &Option<String>| k.as_ref().is_some_and(|k| k.trim().is_empty());
    if q.fr_key.is_none() && q.en_key.is_none() || empty(&q.fr_key) || empty(&q.en_key) {
        return Err(err(
            "needs a non-empty fr_key (translated quote) or en_key (source quote)".into(),
        ));
    }
    if q.fr_key.is_none() && expected != [Rule::QuoteMissing] {
        return Err(err(
            "a label without fr_key is a dropped source quote: expected = [\"quote-missing\"]"
                .into(),
        ));
    }
    Ok(Label {
        translation_key: q.fr_key,
        source_key: q.en_key,
        expected,
        note: q.note.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_format() {
        let text = "[[quote]]\nfr_key = \"25 milliards\"\nen_key = \"2.5 billion\"\nexpected = [\"number-mismatch\"]\nnote = \"x\"\n\n\
                    [[quote]]\nfr_key = \"oui\"\nexpected = []\n\n[[quote]]\nen_key = \"dropped one\"\nexpected = [\"quote-missing\"]\n";
        let labels = CaseLabels::parse(text).unwrap();
        assert_eq!(labels.quotes.len(), 3);
        assert_eq!(labels.quotes[0].expected, [Rule::NumberMismatch]);
        assert_eq!(labels.quotes[1].source_key, None);
        assert_eq!(labels.quotes[2].key(), "dropped one");
        assert!(labels
            .check_keys(
                "Il a dit « 25\u{a0}milliards » et « oui ».",
                &["It is 2.5 billion, dropped one"]
            )
            .is_ok());
        assert!(labels
            .check_keys("rien", &["It is 2.5 billion"])
            .unwrap_err()
            .0
            .contains("25 milliards"));
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(
            CaseLabels::parse("[[quote]]\nfr_key = \"a\"\nexpected = [\"number\"]\n")
                .unwrap_err()
                .0
                .contains("unknown rule `number`")
        );
        assert!(CaseLabels::parse("[[quote]]\nexpected = []\n")
            .unwrap_err()
            .0
            .contains("needs a non-empty"));
        assert!(
            CaseLabels::parse("[[quote]]\nen_key = \"a\"\nexpected = []\n")
                .unwrap_err()
                .0
                .contains("dropped source quote")
        );
        assert!(CaseLabels::parse("[[quote]]\nfr_kee = \"a\"\n").is_err());
    }
}

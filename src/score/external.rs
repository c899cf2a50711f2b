//! What an HTTP backend adds to pairing, kept pure: the backend's answers (a vector per
//! quote, or each translated quote back-translated) arrive as tables, and [`BlendedScorer`]
//! mixes their similarity with the lexical one. Only whole quotes get a backend score: a
//! partial quote cites a few words of a longer one, which a whole-text vector cannot see.
//! Drift is never judged here: numbers, negations and names stay with the word-level checks.

use super::{LexicalScorer, Scorer, Side, Window};
use std::collections::HashMap;

/// A backend's answers, keyed by quote text.
#[derive(Clone, Debug, Default)]
pub enum External {
    /// No backend: lexical only.
    #[default]
    None,
    /// One vector per quote text, translations and sources in the same space.
    Embeddings(HashMap<String, Vec<f32>>),
    /// Each translated quote's text in the sources' language.
    BackTranslations(HashMap<String, String>),
}

/// Maps a raw backend similarity onto [0, 1]: `low` (what unrelated quotes score) to 0,
/// `high` (what faithful translations score) to 1.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Calibration {
    pub low: f32,
    pub high: f32,
}

impl Calibration {
    pub fn apply(self, raw: f32) -> f32 {
        if self.high <= self.low {
            return raw.clamp(0.0, 1.0);
        }
        ((raw - self.low) / (self.high - self.low)).clamp(0.0, 1.0)
    }
}

/// The lexical similarity blended with a backend's: `weight` of the backend's (calibrated)
/// score, the rest lexical. Where the backend has nothing to say (a partial quote, a text it
/// was not asked about), the lexical score stands alone.
pub struct BlendedScorer<'a> {
    pub lexical: LexicalScorer<'a>,
    pub external: External,
    /// Names the backend and model in reports: `embeddings:multilingual-e5-small`.
    pub backend: String,
    pub weight: f32,
    pub calibration: Calibration,
}

/// Cosine similarity; 0 for vectors of different sizes or zero length.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

fn words(s: &str) -> Vec<String> {
    deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Capitalized words after the first of each sentence: names, roughly.
fn names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = true;
    for w in s.split_whitespace() {
        let core: String = w
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        if !start && core.chars().next().is_some_and(char::is_uppercase) {
            out.push(deunicode::deunicode(&core).to_lowercase());
        }
        start = w.ends_with(['.', '!', '?', ':']);
    }
    out
}

/// How close a back-translation is to the source quote, in [0, 1]: word-level normalized
/// Levenshtein and character-bigram Sørensen-Dice, averaged, with the share of the
/// source's names found again (Jaro-Winkler ≥ 0.9) when it has any.
pub fn back_translation_similarity(back: &str, source: &str) -> f32 {
    let (bw, sw) = (words(back), words(source));
    if bw.is_empty() || sw.is_empty() {
        return 0.0;
    }
    let lev = strsim::generic_levenshtein(&bw, &sw) as f64 / bw.len().max(sw.len()) as f64;
    let word_level = 1.0 - lev;
    let dice = strsim::sorensen_dice(&bw.join(" "), &sw.join(" "));
    let base = (word_level + dice) / 2.0;
    let source_names = names(source);
    if source_names.is_empty() {
        return base as f32;
    }
    let back_words = &bw;
    let found = source_names
        .iter()
        .filter(|n| back_words.iter().any(|w| strsim::jaro_winkler(w, n) >= 0.9))
        .count() as f64
        / source_names.len() as f64;
    (0.8 * base + 0.2 * found) as f32
}

impl BlendedScorer<'_> {
    /// The backend's raw similarity for a pair of whole quotes, if it has one.
    pub fn raw(&self, t: &str, s: &str) -> Option<f32> {
        match &self.external {
            External::None => None,
            External::Embeddings(vectors) => Some(cosine(vectors.get(t)?, vectors.get(s)?)),
            External::BackTranslations(back) => Some(back_translation_similarity(back.get(t)?, s)),
        }
    }
}

impl Scorer for BlendedScorer<'_> {
    fn name(&self) -> String {
        format!("{}+lexical", self.backend)
    }

    fn lexical_similarity(&self, t: Side<'_>, s: Side<'_>) -> f32 {
        self.lexical.similarity(t, s)
    }

    fn similarity(&self, t: Side<'_>, s: Side<'_>) -> f32 {
        let lexical = self.lexical.similarity(t, s);
        if t.window != Window::Whole || s.window != Window::Whole {
            return lexical;
        }
        match self.raw(t.text, s.text) {
            Some(raw) => self.weight * self.calibration.apply(raw) + (1.0 - self.weight) * lexical,
            None => lexical,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_and_calibration() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0, "sizes differ");
        let c = Calibration {
            low: 0.8,
            high: 0.95,
        };
        assert_eq!(c.apply(0.7), 0.0);
        assert_eq!(c.apply(0.99), 1.0);
        assert!((c.apply(0.875) - 0.5).abs() < 1e-4);
    }

    #[test]
    fn back_translations_close_to_the_source_score_higher() {
        let source = "We will not raise the GST to pay for any of this, Donnelly said.";
        let good = back_translation_similarity(
            "We will not raise the GST to finance all this, said Donnelly.",
            source,
        );
        let other =
            back_translation_similarity("The weather in Paris was sunny on Tuesday.", source);
        let renamed = back_translation_similarity(
            "We will not raise the GST to finance all this, said Holm.",
            source,
        );
        assert!(good > 0.5 && other < 0.3, "good {good}, other {other}");
        assert!(
            renamed < good,
            "a lost name lowers the score: {renamed} vs {good}"
        );
    }
}

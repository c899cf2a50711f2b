//! Findings: the data model every reporter reads. A finding names its rule, its severity,
//! says in words why it was raised, and points at the quotes (and the words) involved.

use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How serious a finding is. `--fail-on` compares against this.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $severity:ident, $summary:literal, $explain:literal;)*) => {
        /// A check verbatim performs. Ids are stable: they appear in JSON, SARIF and JUnit.
        #[non_exhaustive]
        #[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The kebab-case id: `number-mismatch`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// One line on what the rule catches.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary,)* }
            }

            /// A paragraph on how it decides, for `verbatim rules RULE`.
            pub fn explanation(self) -> &'static str {
                match self { $(Rule::$variant => $explain,)* }
            }

            pub fn from_id(id: &str) -> Option<Rule> {
                Rule::ALL.iter().copied().find(|r| r.id() == id)
            }
        }
    };
}

rules! {
    QuoteDrift = "quote-drift", Warning,
        "the translated quote says more, less or something else than its source",
        "Raised when a matched pair's lexical similarity is under the rewrite threshold, when a hedge (may, could, peut-être) or a certainty (à coup sûr) appears on one side only, when the same intensity scale is used at different strengths (concerned vs furieux), or when several content words in a row have no counterpart on the other side (a clause added or cut).";
    NumberMismatch = "number-mismatch", Error,
        "a number, date, month or weekday differs",
        "Numbers are compared as values in each language's conventions: 2,5 = 2.5, 1 200 = 1,200, deux douzaines = two dozen, trois fois = three times, 15 h = 3pm, months and weekdays by number. A value on one side with no equal on the other (unit conversions aside) is a mismatch.";
    NegationMismatch = "negation-mismatch", Error,
        "a negation was added or dropped, or a word was rendered by its opposite",
        "Negations are counted in groups (ne … pas, ne … jamais rien, not, never, without, sans). Different counts on the two sides are a mismatch unless implicit negatives (unable, refuser, à peine) make up the gap. A word translated by its antonym (rose / a baissé, win / perdre) is reported here too.";
    NameMismatch = "name-mismatch", Error,
        "a person, place, country or institution was swapped",
        "Names (capitalized words, acronyms, and the places, peoples and institutions of the lexicon) are aligned across languages through the lexicon, its alias table and spelling similarity. A name left unaligned on both sides of a pair means one was put for another.";
    SpeakerMismatch = "speaker-mismatch", Error,
        "the translation attributes the quote to someone else",
        "Each quote's speaker is read from the attribution around it (a déclaré X, selon X, X said, he told reporters), pronouns resolving to the last named speaker. When both sides name a person and the names do not correspond, the quote was put in another mouth.";
    QuoteUnsourced = "quote-unsourced", Warning,
        "a translated quote has no counterpart in any source",
        "Every translated quote is matched against every source quote (one-to-one, over all sources). A quote left without a source counterpart is reported; scare quotes (one or two words) at info level, since translators add them.";
    QuoteMissing = "quote-missing", Warning,
        "a full source quote does not appear in the translation",
        "A source quote of a sentence or more that no translated quote renders (and that is not the same quote as one rendered from another source). Partial and scare quotes are not reported: translations often paraphrase them.";
    QuoteUnbalanced = "quote-unbalanced", Warning,
        "a quote mark has no partner",
        "An opening mark never closed in its paragraph (and not continued by the next paragraph), or a closing mark never opened. The quote is still extracted as far as it can be and checked.";
    SuppressionUnexplained = "suppression-unexplained", Warning,
        "a finding is suppressed without a reason",
        "A baseline entry or an inline `<!-- verbatim-ignore RULE: reason -->` comment silences a finding; it must say why (and, in a baseline, who approved it), so that a reviewer can judge it. The finding stays suppressed; this warning asks for the reason.";
}

impl Rule {
    /// A short case the rule reports: the source quote, then its translation.
    pub fn example(self) -> (&'static str, &'static str) {
        match self {
            Rule::QuoteDrift => (
                "“We are concerned about the delays,” the minister said.",
                "« Nous sommes furieux des retards », a déclaré la ministre.",
            ),
            Rule::NumberMismatch => (
                "“We will hire 1,500 nurses by March,” she said.",
                "« Nous embaucherons 15 000 infirmières d'ici mars », a-t-elle dit.",
            ),
            Rule::NegationMismatch => (
                "“We will not raise taxes,” he promised.",
                "« Nous relèverons les impôts », a-t-il promis.",
            ),
            Rule::NameMismatch => (
                "“Moscow must withdraw,” the envoy said.",
                "« Kiev doit se retirer », a déclaré l'envoyé.",
            ),
            Rule::SpeakerMismatch => (
                "“The talks are over,” Prime Minister Lena Holm said.",
                "« Les négociations sont terminées », a déclaré le ministre Arvid Lund.",
            ),
            Rule::QuoteUnsourced => (
                "(no source quote says this)",
                "« Nous ne céderons jamais », a-t-il ajouté.",
            ),
            Rule::QuoteMissing => (
                "“The deal is dead and everyone knows it,” the senator said.",
                "(the translation leaves this quote out)",
            ),
            Rule::QuoteUnbalanced => (
                "“We will rebuild,” the mayor said.",
                "« Nous reconstruirons, a dit la maire. (the closing » is missing)",
            ),
            Rule::SuppressionUnexplained => (
                "(any finding)",
                "<!-- verbatim-ignore number-mismatch -->  (a silence with no `: reason`)",
            ),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A quote of a document of the check: document 0 is the translation, 1.. the sources.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuoteRef {
    pub document: usize,
    pub quote: usize,
}

/// Which side of a pair a piece of evidence is on.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Translation,
    Source,
}

/// Words that differ, with where they stand: reporters highlight them.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub side: Side,
    pub document: usize,
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// Why, in words a journalist understands.
    pub message: String,
    /// The pair's similarity, where one applies.
    pub score: Option<f32>,
    pub translation: Option<QuoteRef>,
    pub source: Option<QuoteRef>,
    pub evidence: Vec<Evidence>,
    /// Set when an approved deviation silences the finding: it is reported, not failing.
    pub suppressed: Option<Suppression>,
}

/// Where a suppression came from.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuppressionKind {
    /// An entry of the baseline file.
    Baseline,
    /// A `verbatim-ignore` comment in the translation, or its sidecar file.
    Inline,
}

/// An approved deviation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub reason: String,
    /// Who approved it (baseline entries).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
}

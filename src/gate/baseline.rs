//! The baseline: a reviewable TOML file of approved findings, each with its fingerprint,
//! who approved it and why. `verbatim baseline create` writes it, `prune` drops entries that
//! no longer match, `check --baseline` reports what it lists as suppressed.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
#[error("{0}")]
pub struct BaselineError(pub String);

/// One approved finding.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    /// The translated file, for the reader (matching uses the fingerprint only).
    #[serde(default)]
    pub document: String,
    /// The start of the translated quote, for the reader.
    #[serde(default)]
    pub translation: String,
    /// The start of the source quote, for the reader.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub message: String,
    /// Who approved this deviation.
    #[serde(default)]
    pub approved_by: String,
    /// Why it is acceptable.
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    #[serde(default, rename = "finding")]
    pub entries: Vec<BaselineEntry>,
}

const HEADER: &str = "\
# verbatim baseline: findings a reviewer approved. A finding listed here is reported as
# suppressed and does not fail the check. Fill in `approved_by` and `reason` for every entry
# (an entry without a reason is reported). Entries match by fingerprint, built from the
# quote texts: an edit elsewhere in the article keeps them, a changed quote is checked anew.
# `verbatim baseline prune` drops the entries that no longer match any finding.

";

impl Baseline {
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let b: Baseline = toml::from_str(text)
            .map_err(|e| BaselineError(e.message().trim().replace('\n', " ")))?;
        if b.version != 1 {
            return Err(BaselineError(format!(
                "unsupported baseline version {} (this verbatim reads version 1)",
                b.version
            )));
        }
        Ok(b)
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("{HEADER}{body}")
    }

    pub fn get(&self, fingerprint: &str) -> Option<&BaselineEntry> {
        self.entries.iter().find(|e| e.fingerprint == fingerprint)
    }

    /// Drops the entries of `document` whose fingerprint is not in `current` (the findings
    /// of that document now); entries of other documents stay. Returns how many went.
    pub fn prune(&mut self, document: &str, current: &[String]) -> usize {
        let before = self.entries.len();
        self.entries
            .retain(|e| e.document != document || current.contains(&e.fingerprint));
        before - self.entries.len()
    }

    /// Adds the entries whose fingerprint is not there yet; returns how many were added.
    pub fn add(&mut self, entries: Vec<BaselineEntry>) -> usize {
        let before = self.entries.len();
        for e in entries {
            if self.get(&e.fingerprint).is_none() {
                self.entries.push(e);
            }
        }
        self.entries.len() - before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_prunes() {
        let mut b = Baseline {
            version: 1,
            entries: vec![
                BaselineEntry {
                    fingerprint: "aa".into(),
                    rule: "quote-drift".into(),
                    document: "a.fr.txt".into(),
                    reason: "house style".into(),
                    ..Default::default()
                },
                BaselineEntry {
                    fingerprint: "bb".into(),
                    rule: "number-mismatch".into(),
                    document: "a.fr.txt".into(),
                    ..Default::default()
                },
                BaselineEntry {
                    fingerprint: "cc".into(),
                    rule: "number-mismatch".into(),
                    document: "b.fr.txt".into(),
                    ..Default::default()
                },
            ],
        };
        let text = b.to_toml();
        assert!(text.starts_with("# verbatim baseline"));
        assert_eq!(Baseline::parse(&text).unwrap(), b);
        assert_eq!(b.prune("a.fr.txt", &["bb".to_string()]), 1);
        let left: Vec<&str> = b.entries.iter().map(|e| e.fingerprint.as_str()).collect();
        assert_eq!(
            left,
            ["bb", "cc"],
            "only the pruned document's stale entries go"
        );
        let again = BaselineEntry {
            fingerprint: "bb".into(),
            ..Default::default()
        };
        let new = BaselineEntry {
            fingerprint: "dd".into(),
            ..Default::default()
        };
        assert_eq!(b.add(vec![again, new]), 1);
        assert!(Baseline::parse("version = 2\n")
            .unwrap_err()
            .0
            .contains("version 2"));
        assert!(Baseline::parse(
            "version = 1\n[[finding]]\nfingerprint = \"x\"\nrule = \"r\"\nwho = \"me\"\n"
        )
        .is_err());
    }
}

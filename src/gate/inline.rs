//! Suppressions written next to the text: a `<!-- verbatim-ignore RULE: reason -->` comment
//! (Markdown, HTML) on the line before a quote or just before it on its line, or, for plain
//! text, a sidecar file `ARTICLE.verbatim-ignore.toml` naming the quote.

use crate::finding::Rule;
use crate::quote::Quote;
use crate::text::{squash, Document, Span};
use serde::Deserialize;

/// A `verbatim-ignore` comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Directive {
    /// Rule ids it silences; `*` for all.
    pub rules: Vec<String>,
    pub reason: String,
    /// The whole comment as written.
    pub text: String,
    pub span: Span,
}

impl Directive {
    pub fn covers(&self, rule: Rule) -> bool {
        self.rules.iter().any(|r| r == "*" || r == rule.id())
    }

    /// Before the quote on its line, or alone above the quote's line (blank lines between
    /// allowed).
    pub fn applies_to(&self, doc: &Document, quote: &Quote) -> bool {
        let start = quote.outer().start;
        if self.span.end > start {
            return false;
        }
        let line_start = doc.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let same_line = self.span.end > line_start;
        same_line || doc.text[self.span.end..line_start].trim().is_empty()
    }
}

/// Every `verbatim-ignore` comment of a document.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let Some(close) = text[open..].find("-->").map(|i| open + i + 3) else {
            break;
        };
        from = close;
        let body = text[open + 4..close - 3].trim();
        let Some(rest) = body.strip_prefix("verbatim-ignore") else {
            continue;
        };
        let (rules, reason) = rest.split_once(':').unwrap_or((rest, ""));
        let rules: Vec<String> = rules
            .split([',', ' '])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(String::from)
            .collect();
        let rules = if rules.is_empty() {
            vec!["*".to_string()]
        } else {
            rules
        };
        out.push(Directive {
            rules,
            reason: reason.trim().to_string(),
            text: text[open..close].to_string(),
            span: Span::new(open, close),
        });
    }
    out
}

/// A sidecar file's entry.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SidecarEntry {
    pub rule: String,
    /// A substring of the translated quote.
    pub quote: String,
    #[serde(default)]
    pub reason: String,
}

/// `ARTICLE.verbatim-ignore.toml`: `[[ignore]]` entries with `rule`, `quote`, `reason`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    #[serde(default)]
    pub ignore: Vec<SidecarEntry>,
}

impl Sidecar {
    pub fn parse(text: &str) -> Result<Sidecar, String> {
        let s: Sidecar = toml::from_str(text).map_err(|e| e.message().trim().replace('\n', " "))?;
        for e in &s.ignore {
            if e.rule != "*" && Rule::from_id(&e.rule).is_none() {
                return Err(format!("unknown rule `{}` (see `verbatim rules`)", e.rule));
            }
        }
        Ok(s)
    }

    pub fn find(&self, rule: Rule, quote_text: &str) -> Option<&SidecarEntry> {
        let text = squash(quote_text);
        self.ignore
            .iter()
            .find(|e| (e.rule == "*" || e.rule == rule.id()) && text.contains(&squash(&e.quote)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn comments_name_rules_and_reasons() {
        let doc = Document::new("a.md", "<!-- verbatim-ignore quote-drift, number-mismatch: desk approved -->\n« Oui. »\n\n<!-- note -->\n<!-- verbatim-ignore -->", Lang::Fr);
        let d = directives(&doc);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].rules, ["quote-drift", "number-mismatch"]);
        assert_eq!(d[0].reason, "desk approved");
        assert!(d[0].covers(Rule::NumberMismatch) && !d[0].covers(Rule::NameMismatch));
        assert_eq!(d[1].rules, ["*"]);
        assert!(d[1].reason.is_empty());
    }

    #[test]
    fn sidecar_entries_match_quote_text() {
        let s = Sidecar::parse(
            "[[ignore]]\nrule = \"quote-drift\"\nquote = \"nous   partons\"\nreason = \"ok\"\n",
        )
        .unwrap();
        assert!(s
            .find(Rule::QuoteDrift, "Demain nous partons tous")
            .is_some());
        assert!(s
            .find(Rule::NumberMismatch, "Demain nous partons tous")
            .is_none());
        assert!(
            Sidecar::parse("[[ignore]]\nrule = \"drift\"\nquote = \"x\"\n")
                .unwrap_err()
                .contains("unknown rule")
        );
    }
}

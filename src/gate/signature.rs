//! The reproducibility signature (after sacreBLEU's): which verbatim, rules, thresholds,
//! lexicon and scorer produced a report, in one line two runs can compare.

use crate::finding::Rule;
use crate::CheckSettings;

/// `verbatim:0.1.0|scorer:lexical|lexicon:9630b398b54d0057|match:0.2,0.3,0.5,0.1|drift:0.25,5|rules:wEEEEwwww`
///
/// Rules are one letter each in `verbatim rules` order: `E` error, `w` warning, `i` info,
/// `-` off.
pub fn signature(settings: &CheckSettings, lexicon: &str, scorer: &str) -> String {
    let m = &settings.matching;
    let d = &settings.drift;
    let rules: String = Rule::ALL
        .iter()
        .map(|&r| match settings.rules.severity(r) {
            Some(crate::Severity::Error) => 'E',
            Some(crate::Severity::Warning) => 'w',
            Some(crate::Severity::Info) => 'i',
            None => '-',
        })
        .collect();
    format!(
        "verbatim:{}|scorer:{scorer}|lexicon:{lexicon}|match:{},{},{},{}|drift:{},{}|rules:{rules}",
        env!("CARGO_PKG_VERSION"),
        m.min_full,
        m.min_partial,
        m.min_scare,
        m.order_bonus,
        d.rewrite_below,
        d.clause_words
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_change_the_signature() {
        let base = CheckSettings::default();
        let a = signature(&base, "abc", "lexical");
        assert!(
            a.starts_with("verbatim:")
                && a.contains("|lexicon:abc|")
                && a.contains("|rules:wEEEEwwww"),
            "{a}"
        );
        let mut other = base.clone();
        other.rules.set(Rule::QuoteDrift, None);
        assert_ne!(signature(&other, "abc", "lexical"), a);
    }
}

//! Apertium APy: `GET /translate?langpair=fra|eng&q=…` for a direct pair, or
//! `GET /translateChain?langpairs=fra|spa|eng&q=…` through a pivot (Debian has fr-es and
//! eng-spa, not fr-en). One text per request; the answer is
//! `{"responseData": {"translatedText": …}, "responseStatus": 200}`.

use super::{endpoint, in_groups, malformed};
use crate::backend::http::Http;
use crate::backend::{BackendError, BackendSettings};
use crate::Lang;

fn code(l: Lang) -> &'static str {
    match l {
        Lang::Fr => "fra",
        Lang::En => "eng",
    }
}

/// The configured chain (`fra|spa|eng`), else a pivot through Spanish.
pub fn chain(model: &str, from: Lang, to: Lang) -> Vec<String> {
    let configured: Vec<String> = model
        .split('|')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if configured.len() >= 2 {
        return configured;
    }
    vec![code(from).into(), "spa".into(), code(to).into()]
}

fn parse(body: &str, url: &str) -> Result<String, BackendError> {
    let v: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| malformed(url, format!("not an Apertium response ({e})")))?;
    let text = v["responseData"]["translatedText"]
        .as_str()
        .ok_or_else(|| malformed(url, "no responseData.translatedText"))?;
    // Unknown words come back marked (*mentido, #word, @word) when marking is on: drop marks.
    Ok(text
        .split_whitespace()
        .map(|w| w.trim_start_matches(['*', '#', '@']))
        .collect::<Vec<_>>()
        .join(" "))
}

pub async fn translate(
    http: &Http,
    s: &BackendSettings,
    texts: &[String],
    from: Lang,
    to: Lang,
) -> Result<Vec<String>, BackendError> {
    let chain = chain(&s.model, from, to);
    let (url, key, value) = if chain.len() == 2 {
        (endpoint(&s.url, "/translate"), "langpair", chain.join("|"))
    } else {
        (
            endpoint(&s.url, "/translateChain"),
            "langpairs",
            chain.join("|"),
        )
    };
    let http = http.clone();
    in_groups(texts, 1, move |group| {
        let (http, url, value) = (http.clone(), url.clone(), value.clone());
        async move {
            let q = group[0].clone();
            let body = http
                .send(&url, |c| {
                    c.get(&url).query(&[
                        (key, value.as_str()),
                        ("q", q.as_str()),
                        ("markUnknown", "no"),
                    ])
                })
                .await?;
            Ok(vec![parse(&body, &url)?])
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_default_to_a_spanish_pivot() {
        assert_eq!(chain("", Lang::Fr, Lang::En), ["fra", "spa", "eng"]);
        assert_eq!(chain("fra|eng", Lang::Fr, Lang::En), ["fra", "eng"]);
    }

    #[test]
    fn answers_lose_unknown_word_marks() {
        let body = r#"{"responseData": {"translatedText": "I have not *mentido never"}, "responseStatus": 200}"#;
        assert_eq!(parse(body, "http://h").unwrap(), "I have not mentido never");
        assert!(parse("{}", "http://h").is_err());
    }
}

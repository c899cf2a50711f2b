//! DeepL: `POST /v2/translate` with `Authorization: DeepL-Auth-Key KEY` and
//! `{"text": [..], "source_lang": "FR", "target_lang": "EN-US"}`, answered by
//! `{"translations": [{"detected_source_language", "text"}, ..]}`; at most 50 texts a request.

use super::{endpoint, in_groups, malformed, one_per_text};
use crate::backend::http::Http;
use crate::backend::{BackendError, BackendSettings};
use crate::Lang;

/// DeepL's limit of texts per request.
const MAX_TEXTS: usize = 50;

fn source_code(l: Lang) -> &'static str {
    match l {
        Lang::Fr => "FR",
        Lang::En => "EN",
    }
}

fn target_code(l: Lang) -> &'static str {
    match l {
        Lang::Fr => "FR",
        Lang::En => "EN-US",
    }
}

fn parse(body: &str, expected: usize, url: &str) -> Result<Vec<String>, BackendError> {
    let v: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| malformed(url, format!("not a DeepL response ({e})")))?;
    let items = v["translations"]
        .as_array()
        .ok_or_else(|| malformed(url, "no translations"))?;
    let texts: Vec<String> = items
        .iter()
        .map(|i| i["text"].as_str().map(String::from))
        .collect::<Option<_>>()
        .ok_or_else(|| malformed(url, "a translation without text"))?;
    one_per_text(texts, expected, url)
}

pub async fn translate(
    http: &Http,
    s: &BackendSettings,
    texts: &[String],
    from: Lang,
    to: Lang,
) -> Result<Vec<String>, BackendError> {
    let Some(key) = s.api_key.clone() else {
        return Err(BackendError::Config("DeepL needs an API key: set backend.api-key-env to the name of the variable that holds it".into()));
    };
    let url = endpoint(&s.url, "/v2/translate");
    let http = http.clone();
    in_groups(texts, s.batch_size.min(MAX_TEXTS), move |group| {
        let (http, url, key) = (http.clone(), url.clone(), key.clone());
        async move {
            let body = serde_json::json!({ "text": group, "source_lang": source_code(from), "target_lang": target_code(to) });
            let answer = http
                .send(&url, |c| c.post(&url).header("Authorization", format!("DeepL-Auth-Key {}", key.0)).json(&body))
                .await?;
            parse(&answer, group.len(), &url)
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_hold_one_text_per_input() {
        let body = r#"{"translations": [{"detected_source_language": "FR", "text": "We leave."}]}"#;
        assert_eq!(parse(body, 1, "http://h").unwrap(), ["We leave."]);
        assert!(parse(body, 2, "http://h").is_err());
        assert!(parse(r#"{"message": "Wrong endpoint"}"#, 1, "http://h").is_err());
    }
}

//! LibreTranslate: `POST /translate` with `{"q": [..], "source", "target", "format": "text",
//! "api_key"?}`, answered by `{"translatedText": [..]}`; errors as `{"error": "…"}`.

use super::{endpoint, in_groups, malformed, one_per_text};
use crate::backend::http::Http;
use crate::backend::{BackendError, BackendSettings};
use crate::Lang;

fn parse(body: &str, expected: usize, url: &str) -> Result<Vec<String>, BackendError> {
    let v: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| malformed(url, format!("not a LibreTranslate response ({e})")))?;
    let texts: Vec<String> = match &v["translatedText"] {
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(String::from))
            .collect::<Option<_>>()
            .ok_or_else(|| malformed(url, "a translation that is not text"))?,
        serde_json::Value::String(s) if expected == 1 => vec![s.clone()],
        _ => return Err(malformed(url, "no translatedText")),
    };
    one_per_text(texts, expected, url)
}

pub async fn translate(
    http: &Http,
    s: &BackendSettings,
    texts: &[String],
    from: Lang,
    to: Lang,
) -> Result<Vec<String>, BackendError> {
    let url = endpoint(&s.url, "/translate");
    let (http, key) = (http.clone(), s.api_key.clone());
    in_groups(texts, s.batch_size, move |group| {
        let (http, url, key) = (http.clone(), url.clone(), key.clone());
        async move {
            let mut body = serde_json::json!({ "q": group, "source": from.code(), "target": to.code(), "format": "text" });
            if let Some(k) = &key {
                body["api_key"] = serde_json::Value::from(k.0.clone());
            }
            let answer = http.send(&url, |c| c.post(&url).json(&body)).await?;
            parse(&answer, group.len(), &url)
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_lists_or_one_string() {
        assert_eq!(
            parse(r#"{"translatedText": ["a", "b"]}"#, 2, "http://h").unwrap(),
            ["a", "b"]
        );
        assert_eq!(
            parse(r#"{"translatedText": "a"}"#, 1, "http://h").unwrap(),
            ["a"]
        );
        assert!(parse(r#"{"translatedText": ["a"]}"#, 2, "http://h").is_err());
    }
}

//! An OpenAI-compatible chat model as translator: `POST /v1/chat/completions`, temperature 0,
//! the fixed prompt below as the system message and the quote as the user message; the
//! answer is `choices[0].message.content`. One quote per request.

use super::{endpoint, in_groups, malformed};
use crate::backend::http::Http;
use crate::backend::{BackendError, BackendSettings};
use crate::Lang;

/// The system prompt, `{from}` and `{to}` replaced by language names. Documented in
/// docs/backends.md: changing it changes what a score means, so it is part of the contract.
pub const PROMPT: &str = "You translate news quotations from {from} into {to}. Translate the user's text faithfully and literally: keep every number, date, name and negation exactly; do not add, soften, strengthen, explain or omit anything. Reply with the translation only, without quotation marks or comments.";

fn parse(body: &str, url: &str) -> Result<String, BackendError> {
    let v: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| malformed(url, format!("not a chat completion ({e})")))?;
    let text = v["choices"][0]["message"]["content"]
        .as_str()
        .ok_or_else(|| malformed(url, "no choices[0].message.content"))?;
    let text = text.trim().trim_matches(['"', '“', '”', '«', '»']).trim();
    if text.is_empty() {
        return Err(malformed(url, "an empty translation"));
    }
    Ok(text.to_string())
}

pub async fn translate(
    http: &Http,
    s: &BackendSettings,
    texts: &[String],
    from: Lang,
    to: Lang,
) -> Result<Vec<String>, BackendError> {
    let url = endpoint(&s.url, "/v1/chat/completions");
    let prompt = PROMPT
        .replace("{from}", from.name())
        .replace("{to}", to.name());
    let (http, key, model) = (http.clone(), s.api_key.clone(), s.model.clone());
    in_groups(texts, 1, move |group| {
        let (http, url, key, model, prompt) = (
            http.clone(),
            url.clone(),
            key.clone(),
            model.clone(),
            prompt.clone(),
        );
        async move {
            let body = serde_json::json!({
                "model": model,
                "temperature": 0,
                "messages": [
                    { "role": "system", "content": prompt },
                    { "role": "user", "content": group[0] },
                ],
            });
            let answer = http.post_json(&url, &body, key.as_ref()).await?;
            Ok(vec![parse(&answer, &url)?])
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_the_first_choice_without_quote_marks() {
        let body = r#"{"choices": [{"index": 0, "message": {"role": "assistant", "content": " “We will not leave.” "}}]}"#;
        assert_eq!(parse(body, "http://h").unwrap(), "We will not leave.");
        assert!(parse(r#"{"choices": []}"#, "http://h").is_err());
    }
}

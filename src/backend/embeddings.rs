//! The OpenAI-compatible embeddings API: `POST /v1/embeddings` with `{"model", "input": [..]}`,
//! answered by `{"data": [{"index", "embedding": [..]}, ..]}`. Texts go in batches, several
//! batches in flight at once (the client's limit); every answer is checked before use.

use super::http::{public_url, Http};
use super::{BackendError, BackendSettings};
use serde::Deserialize;

#[derive(Deserialize)]
struct Answer {
    data: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    index: Option<usize>,
    embedding: Vec<f32>,
}

/// The endpoint: the URL as given when it names `/embeddings`, else `/v1/embeddings` under it.
pub fn endpoint(url: &str) -> String {
    let base = url.trim_end_matches('/');
    if base.ends_with("/embeddings") {
        base.to_string()
    } else if base.ends_with("/v1") {
        format!("{base}/embeddings")
    } else {
        format!("{base}/v1/embeddings")
    }
}

/// Reads one batch's answer: one finite, non-empty vector per text, in input order.
fn parse(body: &str, expected: usize, url: &str) -> Result<Vec<Vec<f32>>, BackendError> {
    let malformed = |detail: String| BackendError::Malformed {
        url: public_url(url),
        detail,
    };
    let answer: Answer = serde_json::from_str(body)
        .map_err(|e| malformed(format!("not an embeddings response ({e})")))?;
    if answer.data.len() != expected {
        return Err(malformed(format!(
            "{} vectors for {expected} texts",
            answer.data.len()
        )));
    }
    let mut items = answer.data;
    if items.iter().all(|i| i.index.is_some()) {
        items.sort_by_key(|i| i.index);
        if items.iter().enumerate().any(|(n, i)| i.index != Some(n)) {
            return Err(malformed(
                "the vectors' indexes do not match the texts".into(),
            ));
        }
    }
    let size = items[0].embedding.len();
    for item in &items {
        if item.embedding.is_empty() {
            return Err(malformed("an empty vector".into()));
        }
        if item.embedding.len() != size {
            return Err(malformed(format!(
                "vectors of different sizes ({size} and {})",
                item.embedding.len()
            )));
        }
        if item.embedding.iter().any(|x| !x.is_finite()) {
            return Err(malformed(
                "a vector holds a value that is not a number".into(),
            ));
        }
    }
    Ok(items.into_iter().map(|i| i.embedding).collect())
}

/// One vector per text, in order.
pub async fn embed(
    http: &Http,
    s: &BackendSettings,
    texts: &[String],
) -> Result<Vec<Vec<f32>>, BackendError> {
    let url = endpoint(&s.url);
    let mut tasks = tokio::task::JoinSet::new();
    for (n, chunk) in texts.chunks(s.batch_size).enumerate() {
        let (http, url, model, key, chunk) = (
            http.clone(),
            url.clone(),
            s.model.clone(),
            s.api_key.clone(),
            chunk.to_vec(),
        );
        tasks.spawn(async move {
            let body =
                serde_json::json!({ "model": model, "input": chunk, "encoding_format": "float" });
            let text = http.post_json(&url, &body, key.as_ref()).await?;
            parse(&text, chunk.len(), &url).map(|v| (n, v))
        });
    }
    let mut batches = Vec::new();
    while let Some(done) = tasks.join_next().await {
        let batch = done.map_err(|e| {
            BackendError::Config(format!("an embeddings request failed to run: {e}"))
        })??;
        batches.push(batch);
    }
    batches.sort_by_key(|b| b.0);
    Ok(batches.into_iter().flat_map(|b| b.1).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_accept_a_base_or_the_full_path() {
        assert_eq!(
            endpoint("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/v1/embeddings"
        );
        assert_eq!(endpoint("http://h/v1/"), "http://h/v1/embeddings");
        assert_eq!(
            endpoint("https://api.example.org/v1/embeddings"),
            "https://api.example.org/v1/embeddings"
        );
    }

    #[test]
    fn answers_are_checked() {
        let ok =
            r#"{"data": [{"index": 1, "embedding": [0, 1]}, {"index": 0, "embedding": [1, 0]}]}"#;
        assert_eq!(
            parse(ok, 2, "http://h").unwrap(),
            vec![vec![1.0, 0.0], vec![0.0, 1.0]]
        );
        let err = |body: &str, n| parse(body, n, "http://h").unwrap_err().to_string();
        assert!(err(ok, 3).contains("2 vectors for 3 texts"));
        assert!(err(
            r#"{"data": [{"embedding": [1, 0]}, {"embedding": [1]}]}"#,
            2
        )
        .contains("different sizes"));
        assert!(err("<html>", 1).contains("not an embeddings response"));
        assert!(err(r#"{"data": [{"embedding": []}]}"#, 1).contains("empty vector"));
    }
}

//! Back-translation: each translated quote is put back into the sources' language by a
//! translation service, then compared with the source quote (see
//! [`crate::score::back_translation_similarity`]). One module per wire format.

mod apertium;
mod chat;
mod deepl;
mod libretranslate;

pub use chat::PROMPT;

use super::http::{public_url, Http};
use super::{BackendError, BackendSettings, TranslateApi};
use crate::Lang;
use std::future::Future;

/// `base` + `path` unless the URL already ends with `path`.
pub(crate) fn endpoint(url: &str, path: &str) -> String {
    let base = url.trim_end_matches('/');
    if base.ends_with(path) {
        base.to_string()
    } else if let (Some(rest), true) = (path.strip_prefix("/v1"), base.ends_with("/v1")) {
        format!("{base}{rest}")
    } else {
        format!("{base}{path}")
    }
}

pub(crate) fn malformed(url: &str, detail: impl Into<String>) -> BackendError {
    BackendError::Malformed {
        url: public_url(url),
        detail: detail.into(),
    }
}

/// The translations of a response, which must be one per text sent.
pub(crate) fn one_per_text(
    texts: Vec<String>,
    expected: usize,
    url: &str,
) -> Result<Vec<String>, BackendError> {
    if texts.len() != expected {
        return Err(malformed(
            url,
            format!("{} translations for {expected} texts", texts.len()),
        ));
    }
    Ok(texts)
}

/// Runs one future per group of texts (at most the client's limit in flight) and puts the
/// answers back in order.
pub(crate) async fn in_groups<F, Fut>(
    texts: &[String],
    size: usize,
    run: F,
) -> Result<Vec<String>, BackendError>
where
    F: Fn(Vec<String>) -> Fut,
    Fut: Future<Output = Result<Vec<String>, BackendError>> + Send + 'static,
{
    let mut tasks = tokio::task::JoinSet::new();
    for (n, group) in texts.chunks(size.max(1)).enumerate() {
        let expected = group.len();
        let fut = run(group.to_vec());
        tasks.spawn(async move { fut.await.map(|v| (n, expected, v)) });
    }
    let mut done = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let (n, expected, answers) = joined.map_err(|e| {
            BackendError::Config(format!("a translation request failed to run: {e}"))
        })??;
        if answers.len() != expected {
            return Err(BackendError::Config(format!(
                "{} translations for {expected} texts",
                answers.len()
            )));
        }
        done.push((n, answers));
    }
    done.sort_by_key(|d| d.0);
    Ok(done.into_iter().flat_map(|d| d.1).collect())
}

/// Every text translated from `from` into `to`, in order.
pub async fn translate(
    http: &Http,
    s: &BackendSettings,
    texts: &[String],
    from: Lang,
    to: Lang,
) -> Result<Vec<String>, BackendError> {
    match s.api {
        TranslateApi::Apertium => apertium::translate(http, s, texts, from, to).await,
        TranslateApi::Libretranslate => libretranslate::translate(http, s, texts, from, to).await,
        TranslateApi::Deepl => deepl::translate(http, s, texts, from, to).await,
        TranslateApi::Chat => chat::translate(http, s, texts, from, to).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_join_or_keep_the_path() {
        assert_eq!(
            endpoint("http://h:5000", "/translate"),
            "http://h:5000/translate"
        );
        assert_eq!(
            endpoint("http://h/translate/", "/translate"),
            "http://h/translate"
        );
        assert_eq!(
            endpoint("https://api.openai.example/v1", "/v1/chat/completions"),
            "https://api.openai.example/v1/chat/completions"
        );
    }
}

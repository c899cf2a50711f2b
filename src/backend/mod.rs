//! HTTP backends that sharpen quote pairing: an embeddings service (OpenAI-compatible
//! `/v1/embeddings`) or a machine-translation service that back-translates each translated
//! quote (Apertium APy, LibreTranslate, DeepL, an OpenAI-compatible chat model). They run
//! outside the pure core: [`Backend::fetch`] asks the service about every quote text (through
//! a persistent cache), and the core blends the answers with the lexical similarity
//! ([`crate::score::BlendedScorer`]). Drift stays with the word-level checks.
//!
//! Failures are errors naming the service (never its key), so that a gate cannot pass
//! because it could not check; falling back to the lexical scorer is the caller's explicit
//! choice.

pub mod cache;
mod embeddings;
mod http;
pub mod translate;

pub use cache::{Cache, CacheLimits};
pub use http::public_url;

use crate::check::id_prefix;
use crate::score::{BlendedScorer, Calibration, External};
use crate::{extract_quotes, Document, Lang, LexicalScorer, Resources};
use std::collections::HashMap;
use std::time::Duration;
use thiserror::Error;

/// Which backend scores pairs.
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// The built-in lexical scorer alone: offline, no service.
    Lexical,
    /// Cosine similarity of multilingual embeddings.
    Embeddings,
    /// Back-translation compared with the source quote.
    Translate,
}

/// The wire format of a translation service.
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslateApi {
    /// Apertium APy: `GET /translate` or `/translateChain` (pivot pairs such as fra|spa|eng).
    Apertium,
    /// LibreTranslate: `POST /translate`.
    Libretranslate,
    /// DeepL: `POST /v2/translate` with a `DeepL-Auth-Key` header.
    Deepl,
    /// An OpenAI-compatible `POST /v1/chat/completions`, temperature 0, a fixed prompt.
    Chat,
}

impl TranslateApi {
    pub fn name(self) -> &'static str {
        match self {
            TranslateApi::Apertium => "apertium",
            TranslateApi::Libretranslate => "libretranslate",
            TranslateApi::Deepl => "deepl",
            TranslateApi::Chat => "chat",
        }
    }
}

/// An API key, read from the environment. It never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Everything a backend needs, resolved (see `config.toml`, section `[backend]`).
#[derive(Clone, Debug, PartialEq)]
pub struct BackendSettings {
    pub kind: BackendKind,
    /// The service's base URL (or full endpoint URL).
    pub url: String,
    /// The model to ask for (embeddings, chat); for Apertium, an explicit chain such as
    /// `fra|spa|eng` (empty: chosen from the languages).
    pub model: String,
    pub api: TranslateApi,
    pub api_key: Option<Secret>,
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Texts per request, where the API takes several.
    pub batch_size: usize,
    /// Retries after a failed attempt (timeouts, 5xx, 429, refused connections).
    pub retries: u32,
    /// First wait between attempts; doubled each time. 429 Retry-After overrides it.
    pub backoff: Duration,
    /// Share of the backend's calibrated similarity in the pairing score.
    pub weight: f32,
    pub calibration: Calibration,
}

impl Default for BackendSettings {
    fn default() -> Self {
        BackendSettings {
            kind: BackendKind::Lexical,
            url: String::new(),
            model: String::new(),
            api: TranslateApi::Apertium,
            api_key: None,
            timeout: Duration::from_secs(30),
            concurrency: 4,
            batch_size: 64,
            retries: 3,
            backoff: Duration::from_millis(250),
            weight: 0.5,
            calibration: default_calibration(BackendKind::Embeddings),
        }
    }
}

/// Raw similarities mapped to [0, 1]: the median score of mismatched quote pairs to 0, the
/// median of faithful ones to 1 (measured on the WMT quote pairs with multilingual-e5-small
/// and Apertium fra|spa|eng; see BENCHMARKS.md).
pub fn default_calibration(kind: BackendKind) -> Calibration {
    match kind {
        BackendKind::Translate => Calibration {
            low: 0.1,
            high: 0.48,
        },
        _ => Calibration {
            low: 0.8,
            high: 0.94,
        },
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum BackendError {
    #[error("backend {url}: cannot connect ({reason})")]
    Unreachable { url: String, reason: String },
    #[error("backend {url}: no answer within {secs} s")]
    Timeout { url: String, secs: f64 },
    #[error("backend {url}: HTTP {status}{detail}")]
    Status {
        url: String,
        status: u16,
        detail: String,
    },
    #[error("backend {url}: unreadable answer: {detail}")]
    Malformed { url: String, detail: String },
    #[error("backend: {0}")]
    Config(String),
}

/// A backend ready to answer, with its runtime, HTTP client and cache.
pub struct Backend {
    settings: BackendSettings,
    runtime: tokio::runtime::Runtime,
    http: http::Http,
    cache: Option<Cache>,
}

impl Backend {
    pub fn new(settings: BackendSettings, cache: Option<Cache>) -> Result<Backend, BackendError> {
        if settings.kind == BackendKind::Lexical {
            return Err(BackendError::Config(
                "the lexical scorer needs no backend".into(),
            ));
        }
        if settings.url.trim().is_empty() {
            return Err(BackendError::Config(
                "no URL configured (backend.url or --backend-url)".into(),
            ));
        }
        if !settings.url.starts_with("http://") && !settings.url.starts_with("https://") {
            return Err(BackendError::Config(format!(
                "backend.url must start with http:// or https://, found `{}`",
                public_url(&settings.url)
            )));
        }
        let needs_model = settings.kind == BackendKind::Embeddings
            || settings.api == TranslateApi::Chat && settings.kind == BackendKind::Translate;
        if needs_model && settings.model.trim().is_empty() {
            return Err(BackendError::Config(
                "no model configured (backend.model or --model)".into(),
            ));
        }
        if settings.concurrency == 0 || settings.batch_size == 0 {
            return Err(BackendError::Config(
                "backend.concurrency and backend.batch-size must be at least 1".into(),
            ));
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| BackendError::Config(format!("cannot start the async runtime: {e}")))?;
        let http = http::Http::new(&settings)?;
        Ok(Backend {
            settings,
            runtime,
            http,
            cache,
        })
    }

    pub fn settings(&self) -> &BackendSettings {
        &self.settings
    }

    /// Names the backend and its model, as reports and the signature show it.
    pub fn name(&self) -> String {
        describe(&self.settings)
    }

    /// Asks the backend about every quote: embeds translations and sources, or
    /// back-translates the translations from `from` into `to`. Cached answers are reused;
    /// new ones are stored.
    pub fn fetch(
        &self,
        translations: &[String],
        sources: &[String],
        from: Lang,
        to: Lang,
    ) -> Result<External, BackendError> {
        match self.settings.kind {
            BackendKind::Lexical => Ok(External::None),
            BackendKind::Embeddings => {
                let texts: Vec<String> = unique(translations.iter().chain(sources));
                let namespace = format!("embeddings|{}", self.settings.model);
                let vectors = self.cached(
                    &namespace,
                    &texts,
                    |missing| {
                        self.runtime.block_on(embeddings::embed(
                            &self.http,
                            &self.settings,
                            missing,
                        ))
                    },
                    |v: &Vec<f32>| encode_vector(v),
                    decode_vector,
                )?;
                check_dimensions(&vectors, &embeddings::endpoint(&self.settings.url))?;
                Ok(External::Embeddings(vectors))
            }
            BackendKind::Translate => {
                let texts: Vec<String> = unique(translations.iter());
                let namespace = format!(
                    "translate|{}|{}|{}>{}",
                    self.settings.api.name(),
                    self.settings.model,
                    from.code(),
                    to.code()
                );
                let back = self.cached(
                    &namespace,
                    &texts,
                    |missing| {
                        self.runtime.block_on(translate::translate(
                            &self.http,
                            &self.settings,
                            missing,
                            from,
                            to,
                        ))
                    },
                    |s: &String| s.as_bytes().to_vec(),
                    |b: &[u8]| String::from_utf8(b.to_vec()).ok(),
                )?;
                Ok(External::BackTranslations(back))
            }
        }
    }

    /// The scorer for one article: asks about the quotes of the translation and its sources
    /// (extracted as the check will extract them) and blends the answers with the lexical
    /// similarity.
    pub fn scorer<'a>(
        &self,
        res: &'a Resources,
        translation: &Document,
        sources: &[Document],
    ) -> Result<BlendedScorer<'a>, BackendError> {
        let texts = |doc: &Document, d: usize| -> Vec<String> {
            extract_quotes(doc, &id_prefix(d), res)
                .quotes
                .into_iter()
                .map(|q| q.text)
                .collect()
        };
        let t_texts = texts(translation, 0);
        let s_texts: Vec<String> = sources
            .iter()
            .enumerate()
            .flat_map(|(i, d)| texts(d, i + 1))
            .collect();
        let to = sources.first().map_or(translation.lang, |s| s.lang);
        let external = self.fetch(&t_texts, &s_texts, translation.lang, to)?;
        Ok(BlendedScorer {
            lexical: LexicalScorer { res },
            external,
            backend: self.name(),
            weight: self.settings.weight,
            calibration: self.settings.calibration,
        })
    }

    /// Looks `texts` up in the cache, asks `fetch` for the rest, stores its answers.
    fn cached<T: Clone>(
        &self,
        namespace: &str,
        texts: &[String],
        fetch: impl FnOnce(&[String]) -> Result<Vec<T>, BackendError>,
        encode: impl Fn(&T) -> Vec<u8>,
        decode: impl Fn(&[u8]) -> Option<T>,
    ) -> Result<HashMap<String, T>, BackendError> {
        let mut found: HashMap<String, T> = HashMap::new();
        if let Some(cache) = &self.cache {
            for (text, bytes) in cache.get_many(namespace, texts) {
                if let Some(v) = decode(&bytes) {
                    found.insert(text, v);
                }
            }
        }
        let missing: Vec<String> = texts
            .iter()
            .filter(|t| !found.contains_key(*t))
            .cloned()
            .collect();
        if missing.is_empty() {
            return Ok(found);
        }
        let answers = fetch(&missing)?;
        if let Some(cache) = &self.cache {
            let rows: Vec<(&str, Vec<u8>)> = missing
                .iter()
                .zip(&answers)
                .map(|(t, a)| (t.as_str(), encode(a)))
                .collect();
            cache.put_many(namespace, &rows);
        }
        found.extend(missing.into_iter().zip(answers));
        Ok(found)
    }
}

/// `embeddings:MODEL:w0.5`, `translate:apertium:fra|spa|eng:w0.5`: what produced the
/// backend's share of each score.
pub fn describe(s: &BackendSettings) -> String {
    match s.kind {
        BackendKind::Lexical => "lexical".into(),
        BackendKind::Embeddings => format!("embeddings:{}:w{}", s.model, s.weight),
        BackendKind::Translate => {
            let model = if s.model.is_empty() {
                "default"
            } else {
                &s.model
            };
            format!("translate:{}:{model}:w{}", s.api.name(), s.weight)
        }
    }
}

fn unique<'a>(texts: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    texts.filter(|t| seen.insert(t.as_str())).cloned().collect()
}

fn encode_vector(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn decode_vector(b: &[u8]) -> Option<Vec<f32>> {
    if b.is_empty() || b.len() % 4 != 0 {
        return None;
    }
    Some(
        b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// All vectors must have one size: a service that changed model under the same name, or a
/// cache mixing two, would compare apples with pears.
fn check_dimensions(vectors: &HashMap<String, Vec<f32>>, url: &str) -> Result<(), BackendError> {
    let mut sizes: Vec<usize> = vectors.values().map(Vec::len).collect();
    sizes.sort_unstable();
    sizes.dedup();
    if sizes.len() > 1 {
        return Err(BackendError::Malformed {
            url: public_url(url),
            detail: format!("vectors of different sizes ({}); if the model changed, give it another name or clear the cache", sizes.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_round_trip_through_bytes() {
        let v = vec![0.25f32, -1.5, 3.0];
        assert_eq!(decode_vector(&encode_vector(&v)), Some(v));
        assert_eq!(decode_vector(&[1, 2, 3]), None);
    }

    #[test]
    fn secrets_do_not_print() {
        let s = BackendSettings {
            api_key: Some(Secret("sk-very-secret".into())),
            ..Default::default()
        };
        assert!(!format!("{s:?}").contains("sk-very-secret"));
    }

    #[test]
    fn settings_are_checked_before_any_request() {
        let bad = |s: BackendSettings| {
            Backend::new(s, None)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let emb = BackendSettings {
            kind: BackendKind::Embeddings,
            url: "http://127.0.0.1:9".into(),
            ..Default::default()
        };
        assert!(bad(emb.clone()).contains("no model"));
        assert!(bad(BackendSettings {
            url: "ftp://x".into(),
            model: "m".into(),
            ..emb.clone()
        })
        .contains("http://"));
        assert!(bad(BackendSettings {
            url: String::new(),
            ..emb
        })
        .contains("no URL"));
    }
}

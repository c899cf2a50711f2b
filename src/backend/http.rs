//! One HTTP client for every backend: a concurrency limit, a timeout per request, bounded
//! retries with doubling waits, and 429 `Retry-After` honoured. Errors name the service by
//! its public URL (no credentials, no query string) and never carry a key.

use super::{BackendError, BackendSettings};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The longest wait verbatim accepts from a `Retry-After` header.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct Http {
    pub client: reqwest::Client,
    limit: Arc<Semaphore>,
    retries: u32,
    backoff: Duration,
    timeout: Duration,
    /// The API key, blanked out of anything a server says back.
    secret: Option<String>,
}

/// The URL as it may be shown: scheme, host, port and path, without user, password or query.
pub fn public_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => url.split(['?', '#']).next().unwrap_or("").to_string(),
    }
}

/// Why a request failed, in a few words (reqwest's own message repeats the full URL).
fn reason(e: &reqwest::Error) -> String {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
                std::io::ErrorKind::ConnectionReset => "connection reset".into(),
                _ => io.to_string(),
            };
        }
        source = s.source();
    }
    if e.is_connect() {
        "connection failed".into()
    } else if e.is_body() || e.is_decode() {
        "the answer broke off".into()
    } else {
        "request failed".into()
    }
}

/// Seconds, or an HTTP date, as `Retry-After` may give.
fn retry_after(resp: &reqwest::Response) -> Option<Duration> {
    let value = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER));
    }
    let when = humantime::parse_rfc3339_weak(value)
        .ok()
        .or_else(|| httpdate(value))?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or_default()
            .min(MAX_RETRY_AFTER),
    )
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`.
fn httpdate(s: &str) -> Option<std::time::SystemTime> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 6 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == parts[2])? + 1;
    humantime::parse_rfc3339(&format!(
        "{}-{month:02}-{:0>2}T{}Z",
        parts[3], parts[1], parts[4]
    ))
    .ok()
}

/// A short account of an error body: the `error.message` or `error` or `message` field of
/// a JSON body, else its first line, at most 200 characters.
fn detail(body: &str) -> String {
    let from_json = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            let e = &v["error"];
            e["message"]
                .as_str()
                .or(e.as_str())
                .or(v["message"].as_str())
                .or(v["detail"].as_str())
                .map(String::from)
        });
    let text = from_json.unwrap_or_else(|| body.lines().next().unwrap_or("").to_string());
    let text: String = text.chars().take(200).collect();
    if text.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", text.trim())
    }
}

/// `text` with every occurrence of the key blanked out: a server may echo it in an error.
fn redact(text: &str, secret: Option<&str>) -> String {
    match secret {
        Some(k) if text.contains(k) => text.replace(k, "***"),
        _ => text.to_string(),
    }
}

impl Http {
    pub fn new(s: &BackendSettings) -> Result<Http, BackendError> {
        let client = reqwest::Client::builder()
            .timeout(s.timeout)
            .connect_timeout(s.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("verbatim/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BackendError::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Http {
            client,
            limit: Arc::new(Semaphore::new(s.concurrency.max(1))),
            retries: s.retries,
            backoff: s.backoff,
            timeout: s.timeout,
            secret: s
                .api_key
                .as_ref()
                .map(|k| k.0.clone())
                .filter(|k| !k.is_empty()),
        })
    }

    /// POSTs `body` as JSON, with `key` as a bearer token when there is one (the
    /// OpenAI-compatible APIs), and returns the answer's body.
    pub async fn post_json(
        &self,
        url: &str,
        body: &serde_json::Value,
        key: Option<&super::Secret>,
    ) -> Result<String, BackendError> {
        self.send(url, |c| {
            let r = c.post(url).json(body);
            match key {
                Some(k) => r.bearer_auth(&k.0),
                None => r,
            }
        })
        .await
    }

    /// Sends the request `make` builds (again for each attempt) and returns the body of the
    /// first successful answer.
    pub async fn send(
        &self,
        url: &str,
        make: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
    ) -> Result<String, BackendError> {
        let shown = public_url(url);
        let mut attempt = 0;
        loop {
            let (status, wait, error) = {
                let _permit = self
                    .limit
                    .acquire()
                    .await
                    .map_err(|_| BackendError::Config("the request limiter closed".into()))?;
                // A transport failure, while sending or while reading the answer.
                let failed = |e: reqwest::Error| {
                    let error = if e.is_timeout() {
                        BackendError::Timeout {
                            url: shown.clone(),
                            secs: self.timeout.as_secs_f64(),
                        }
                    } else {
                        BackendError::Unreachable {
                            url: shown.clone(),
                            reason: reason(&e),
                        }
                    };
                    (None, None, error)
                };
                match make(&self.client).send().await {
                    Ok(resp) => {
                        let status = resp.status();
                        let wait = retry_after(&resp);
                        match resp.text().await {
                            Ok(body) if status.is_success() => return Ok(body),
                            Ok(body) => (
                                Some(status.as_u16()),
                                wait,
                                BackendError::Status {
                                    url: shown.clone(),
                                    status: status.as_u16(),
                                    detail: redact(&detail(&body), self.secret.as_deref()),
                                },
                            ),
                            Err(e) => failed(e),
                        }
                    }
                    Err(e) => failed(e),
                }
            };
            let retryable = match status {
                Some(code) => code == 429 || code >= 500,
                None => true,
            };
            if !retryable || attempt >= self.retries {
                return Err(error);
            }
            let backoff = self.backoff * 2u32.saturating_pow(attempt);
            tokio::time::sleep(wait.unwrap_or(backoff)).await;
            attempt += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_hide_credentials_and_queries() {
        assert_eq!(
            public_url("https://user:pw@api.example.org/v2/translate?auth_key=k"),
            "https://api.example.org/v2/translate"
        );
        assert_eq!(
            public_url("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/"
        );
    }

    #[test]
    fn error_details_come_from_json_or_the_first_line() {
        assert_eq!(
            detail(r#"{"error": {"message": "quota exceeded"}}"#),
            ": quota exceeded"
        );
        assert_eq!(detail(r#"{"error": "bad language"}"#), ": bad language");
        assert_eq!(detail("Internal error\nstack"), ": Internal error");
        assert_eq!(detail(""), "");
        assert!(httpdate("Sun, 06 Nov 1994 08:49:37 GMT").is_some());
        assert_eq!(
            redact(": invalid key sk-123", Some("sk-123")),
            ": invalid key ***"
        );
    }
}

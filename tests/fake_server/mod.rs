//! A small fake HTTP service for the backend tests: routes answer as each test scripts them
//! (any status, headers, body, delay), and every request received is recorded (method,
//! path, decoded query, headers, body, arrival time), so tests can assert on what
//! `verbatim` actually sent. It runs on 127.0.0.1 with a port of its own, in a background
//! thread with its own tokio runtime, and stops when dropped.
//!
//! The `embeddings`, `libretranslate`, `deepl`, `chat` and `apertium` functions build
//! handlers that speak those wire formats (checking the request shape the real services
//! document, and answering 400 with the service's error shape when it is wrong).

#![allow(dead_code)]

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// The query string's pairs, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// Header names in lowercase.
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub at: Instant,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Value::Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// Everything received, as one text, to look for something that must not be there.
    pub fn dump(&self) -> String {
        format!(
            "{} {} {:?} {:?} {}",
            self.method, self.path, self.query, self.headers, self.body
        )
    }
}

/// What a route answers to one request.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering.
    pub delay: Duration,
}

impl Reply {
    /// 200 with a JSON body.
    pub fn json(value: Value) -> Reply {
        Reply {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: value.to_string(),
            delay: Duration::ZERO,
        }
    }

    /// A JSON body with another status (an error in the service's own shape).
    pub fn error(status: u16, value: Value) -> Reply {
        Reply::json(value).status(status)
    }

    /// A plain-text body.
    pub fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "text/plain; charset=utf-8".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut resp = (
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            self.body,
        )
            .into_response();
        for (k, v) in &self.headers {
            if let (Ok(k), Ok(v)) = (HeaderName::try_from(k.as_str()), HeaderValue::from_str(v)) {
                resp.headers_mut().insert(k, v);
            }
        }
        resp
    }
}

/// A route's behaviour: the request and its 0-based rank among the route's requests.
pub type Handler = Arc<dyn Fn(&Request, usize) -> Reply + Send + Sync>;

/// Answers the `n`-th request with `replies[n]`, and with the last one after that.
pub fn sequence(replies: Vec<Reply>) -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    assert!(!replies.is_empty());
    move |_, n| replies[n.min(replies.len() - 1)].clone()
}

/// Answers every request with `reply`.
pub fn always(reply: Reply) -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    move |_, _| reply.clone()
}

struct Route {
    method: Method,
    path: String,
    handler: Handler,
}

#[derive(Default)]
struct Log {
    requests: Vec<Request>,
    in_flight: usize,
    max_in_flight: usize,
}

struct Shared {
    routes: Vec<Route>,
    log: Mutex<Log>,
}

pub struct Builder {
    routes: Vec<Route>,
}

impl Builder {
    pub fn route(
        mut self,
        method: &str,
        path: &str,
        handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static,
    ) -> Builder {
        self.routes.push(Route {
            method: method.parse().expect("an HTTP method"),
            path: path.into(),
            handler: Arc::new(handler),
        });
        self
    }

    pub fn post(
        self,
        path: &str,
        handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static,
    ) -> Builder {
        self.route("POST", path, handler)
    }

    pub fn get(
        self,
        path: &str,
        handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static,
    ) -> Builder {
        self.route("GET", path, handler)
    }

    /// Starts serving on 127.0.0.1 (a free port) and returns once it accepts connections.
    pub fn start(self) -> FakeServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            routes: self.routes,
            log: Mutex::new(Log::default()),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = shared.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the fake server");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = axum::Router::new().fallback(serve).with_state(state);
                tokio::select! {
                    r = axum::serve(listener, app) => r.expect("the fake server runs"),
                    _ = stopped => {}
                }
            });
            // Dropping the runtime cancels connections still open (slow answers).
        });
        FakeServer {
            url: format!("http://127.0.0.1:{port}"),
            shared,
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

async fn serve(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let query = Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|q| q.0)
        .unwrap_or_default();
    let request = Request {
        method: method.to_string(),
        path: uri.path().to_string(),
        query,
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: String::from_utf8_lossy(&body).into_owned(),
        at: Instant::now(),
    };
    let route = shared
        .routes
        .iter()
        .find(|r| r.method == method && r.path == request.path);
    let rank = {
        let mut log = shared.log.lock().unwrap();
        let rank = log
            .requests
            .iter()
            .filter(|r| r.path == request.path)
            .count();
        log.requests.push(request.clone());
        log.in_flight += 1;
        log.max_in_flight = log.max_in_flight.max(log.in_flight);
        rank
    };
    let reply = match route {
        Some(r) => (r.handler)(&request, rank),
        None => Reply::error(
            404,
            json!({"error": format!("no route for {method} {}", request.path)}),
        ),
    };
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    shared.log.lock().unwrap().in_flight -= 1;
    reply.into_response()
}

/// A running fake service.
pub struct FakeServer {
    url: String,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl FakeServer {
    pub fn builder() -> Builder {
        Builder { routes: Vec::new() }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.log.lock().unwrap().requests.clone()
    }

    /// The requests received on `path`.
    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// How many requests were received (on any path).
    pub fn count(&self) -> usize {
        self.shared.log.lock().unwrap().requests.len()
    }

    /// The most requests ever being answered at once.
    pub fn max_in_flight(&self) -> usize {
        self.shared.log.lock().unwrap().max_in_flight
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A URL on 127.0.0.1 where nothing listens (a port just bound and released).
pub fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

// ---------------------------------------------------------------------------------------
// Wire formats
// ---------------------------------------------------------------------------------------

/// A deterministic unit vector for `text`: its lowercase words hashed into `dims` buckets.
pub fn word_vector(text: &str, dims: usize) -> Vec<f32> {
    let mut v = vec![0f32; dims];
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // FNV-1a: stable across runs and platforms.
        let mut h: u64 = 0xcbf29ce484222325;
        for b in word.to_lowercase().bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
        v[(h % dims as u64) as usize] += 1.0;
    }
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        v[0] = 1.0;
    } else {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// A 400 in the OpenAI error shape.
fn openai_bad_request(message: impl Into<String>) -> Reply {
    Reply::error(
        400,
        json!({"error": {"message": message.into(), "type": "invalid_request_error", "param": null, "code": null}}),
    )
}

/// The input strings of an OpenAI embeddings request, or why the request is wrong.
pub fn embeddings_inputs(req: &Request) -> Result<Vec<String>, String> {
    if !req
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json"))
    {
        return Err("Content-Type must be application/json".into());
    }
    let body = req.json();
    if body["model"].as_str().is_none_or(str::is_empty) {
        return Err("you must provide a model parameter".into());
    }
    match &body["input"] {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|i| i.as_str().map(String::from))
            .collect::<Option<_>>()
            .ok_or_else(|| "input must be a string or an array of strings".into()),
        _ => Err("input must be a non-empty string or array of strings".into()),
    }
}

/// An OpenAI-compatible embeddings answer: one `vector(text)` per input, in OpenAI's shape.
pub fn embeddings_answer(
    model: &str,
    inputs: &[String],
    vector: impl Fn(&str) -> Vec<f32>,
) -> Reply {
    let data: Vec<Value> = inputs
        .iter()
        .enumerate()
        .map(|(i, t)| json!({"object": "embedding", "index": i, "embedding": vector(t)}))
        .collect();
    let tokens: usize = inputs.iter().map(|t| t.split_whitespace().count()).sum();
    Reply::json(json!({
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens}
    }))
}

/// `POST /v1/embeddings`: checks the request, answers `vector(text)` for each input.
pub fn embeddings(
    vector: impl Fn(&str) -> Vec<f32> + Send + Sync + 'static,
) -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    move |req, _| match embeddings_inputs(req) {
        Ok(inputs) => {
            embeddings_answer(req.json()["model"].as_str().unwrap_or(""), &inputs, &vector)
        }
        Err(e) => openai_bad_request(e),
    }
}

/// Looks a text up in a translation table, else echoes it.
fn look_up(table: &HashMap<String, String>, text: &str) -> String {
    table.get(text).cloned().unwrap_or_else(|| text.to_string())
}

/// LibreTranslate `POST /translate`: `{"q", "source", "target", "format"}` (JSON), answered
/// by `{"translatedText": …}` (a list when `q` is one), errors `{"error": "…"}`.
pub fn libretranslate(
    table: HashMap<String, String>,
) -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    move |req, _| {
        let bad = |m: &str| Reply::error(400, json!({ "error": m }));
        let body = req.json();
        if body.is_null() {
            return bad("Invalid request: the body must be JSON");
        }
        for field in ["source", "target"] {
            if !body[field].is_string() {
                return bad(&format!("Invalid request: missing {field} parameter"));
            }
        }
        if body["format"] != "text" && body["format"] != "html" {
            return bad("Invalid request: format must be text or html");
        }
        match &body["q"] {
            Value::String(s) => Reply::json(json!({ "translatedText": look_up(&table, s) })),
            Value::Array(items) => {
                let texts: Option<Vec<Value>> = items
                    .iter()
                    .map(|i| i.as_str().map(|s| Value::from(look_up(&table, s))))
                    .collect();
                match texts {
                    Some(t) => Reply::json(json!({ "translatedText": t })),
                    None => bad("Invalid request: q must hold strings"),
                }
            }
            _ => bad("Invalid request: missing q parameter"),
        }
    }
}

/// DeepL `POST /v2/translate`: `Authorization: DeepL-Auth-Key KEY`, JSON `{"text": [..],
/// "target_lang", "source_lang"?}`, answered by `{"translations": [{"detected_source_language",
/// "text"}]}`; a wrong key is 403, a request without text 400 `{"message": …}`.
pub fn deepl(
    key: &str,
    table: HashMap<String, String>,
) -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    let expected = format!("DeepL-Auth-Key {key}");
    move |req, _| {
        if req.header("authorization") != Some(expected.as_str()) {
            return Reply::error(
                403,
                json!({"message": "Authorization failure, check auth_key"}),
            );
        }
        let body = req.json();
        let Some(texts) = body["text"].as_array().filter(|t| !t.is_empty()) else {
            return Reply::error(400, json!({"message": "Value for 'text' not supported."}));
        };
        if texts.len() > 50 {
            return Reply::error(413, json!({"message": "Too many texts"}));
        }
        if !body["target_lang"].is_string() {
            return Reply::error(
                400,
                json!({"message": "Value for 'target_lang' not supported."}),
            );
        }
        let source = body["source_lang"].as_str().unwrap_or("FR").to_string();
        let translations: Vec<Value> = texts
            .iter()
            .map(|t| json!({"detected_source_language": source, "text": look_up(&table, t.as_str().unwrap_or(""))}))
            .collect();
        Reply::json(json!({ "translations": translations }))
    }
}

/// An OpenAI chat completion answering `content`.
pub fn chat_answer(model: &str, content: &str) -> Reply {
    Reply::json(json!({
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "finish_reason": "stop"
        }],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    }))
}

/// OpenAI `POST /v1/chat/completions`: `{"model", "messages": [..]}`; translates the last
/// user message through `table`.
pub fn chat(table: HashMap<String, String>) -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    move |req, _| {
        let body = req.json();
        let Some(model) = body["model"].as_str() else {
            return openai_bad_request("you must provide a model parameter");
        };
        let Some(messages) = body["messages"].as_array().filter(|m| !m.is_empty()) else {
            return openai_bad_request("'messages' must be a non-empty array");
        };
        let user = messages
            .iter()
            .rev()
            .find(|m| m["role"] == "user")
            .and_then(|m| m["content"].as_str());
        match user {
            Some(text) => chat_answer(model, &look_up(&table, text)),
            None => openai_bad_request("no user message"),
        }
    }
}

/// Apertium APy `GET /translate?langpair=…&q=…` or `GET /translateChain?langpairs=…&q=…`:
/// answered by `{"responseData": {"translatedText": …}, "responseStatus": 200}`, errors
/// `{"status": "error", "code": 400, "message": …}`.
pub fn apertium(
    pair_param: &'static str,
    table: HashMap<String, String>,
) -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    move |req, _| {
        let bad = |m: &str| {
            Reply::error(
                400,
                json!({"status": "error", "code": 400, "message": m, "explanation": m}),
            )
        };
        if req.param(pair_param).is_none() {
            return bad(&format!("Missing argument {pair_param}"));
        }
        let Some(q) = req.param("q") else {
            return bad("Missing argument q");
        };
        Reply::json(json!({
            "responseData": {"translatedText": look_up(&table, q)},
            "responseDetails": null,
            "responseStatus": 200
        }))
    }
}

// ---------------------------------------------------------------------------------------
// Driving the binary
// ---------------------------------------------------------------------------------------

/// The `verbatim` binary, with no configuration from the environment and no colour.
pub fn verbatim() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("verbatim").expect("binary builds");
    cmd.env_remove("VERBATIM_FAIL_ON")
        .env_remove("VERBATIM_FORMAT")
        .env("NO_COLOR", "1");
    cmd
}

pub fn corpus(case: &str, file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora")
        .join(case)
        .join(file)
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    /// The JSON report on stdout.
    pub fn report(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not a JSON report ({e}): {}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }

    pub fn scorer(&self) -> String {
        self.report()["tool"]["scorer"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

pub fn run(cmd: &mut assert_cmd::Command) -> Run {
    let start = Instant::now();
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}

/// A temporary folder holding a `verbatim.toml` with `config`.
pub struct Setup {
    pub dir: tempfile::TempDir,
    pub config: std::path::PathBuf,
}

pub fn setup(config: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verbatim.toml");
    std::fs::write(&path, config).unwrap();
    Setup { dir, config: path }
}

/// `verbatim check --format json` of the kim-putin sample, with `setup`'s configuration, run
/// from its folder (so no other `verbatim.toml` is found).
pub fn check(setup: &Setup) -> assert_cmd::Command {
    let mut cmd = verbatim();
    cmd.current_dir(setup.dir.path())
        .arg("check")
        .arg("--format")
        .arg("json")
        .arg("--config")
        .arg(&setup.config)
        .arg(corpus("kim-putin", "fr.txt"))
        .arg(corpus("kim-putin", "en.txt"));
    cmd
}

/// The quotes `verbatim quotes` finds in a file, in order.
pub fn quotes_of(path: &std::path::Path) -> Vec<String> {
    let out = verbatim()
        .arg("quotes")
        .arg("--format")
        .arg("json")
        .arg(path)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect()
}

/// The sample's French quotes and English quotes (they correspond one to one, in order).
pub fn sample_quotes() -> &'static (Vec<String>, Vec<String>) {
    static QUOTES: std::sync::OnceLock<(Vec<String>, Vec<String>)> = std::sync::OnceLock::new();
    QUOTES.get_or_init(|| {
        let fr = quotes_of(&corpus("kim-putin", "fr.txt"));
        let en = quotes_of(&corpus("kim-putin", "en.txt"));
        assert_eq!(fr.len(), en.len(), "the sample's quotes pair one to one");
        assert!(fr.len() >= 8, "the sample has its quotes: {fr:?}");
        (fr, en)
    })
}

/// French quote -> English quote: a perfect back-translation service for the sample.
pub fn back_translations() -> HashMap<String, String> {
    let (fr, en) = sample_quotes();
    fr.iter().cloned().zip(en.iter().cloned()).collect()
}

/// A 16-dimension "multilingual" vector for the sample: a French quote gets the vector of
/// its English counterpart, so pairs score 1.
pub fn sample_vector() -> impl Fn(&str) -> Vec<f32> + Send + Sync + 'static {
    let table = back_translations();
    move |text| word_vector(table.get(text).map_or(text, String::as_str), 16)
}

/// Exit 2, one line on stderr holding every one of `says`, nothing on stdout.
pub fn assert_fails(r: &Run, says: &[&str]) {
    assert_eq!(r.code, 2, "exit code; stderr: {}", r.stderr);
    assert_eq!(
        r.stderr.trim().lines().count(),
        1,
        "one line on stderr: {}",
        r.stderr
    );
    for s in says {
        assert!(
            r.stderr.contains(s),
            "stderr should say `{s}`: {}",
            r.stderr
        );
    }
    assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
}

/// Exit 0, and every translation quote `t-qN` of the sample paired with source quote `s1-qN`.
pub fn assert_all_matched(r: &Run) {
    assert_eq!(
        r.code, 0,
        "exit code; stderr: {}\nstdout: {}",
        r.stderr, r.stdout
    );
    let pairs = pairs(r);
    assert_eq!(pairs.len(), sample_quotes().0.len(), "{pairs:?}");
    for (t, s, _) in &pairs {
        assert_eq!(
            s.as_deref(),
            Some(format!("s1-{}", t.trim_start_matches("t-")).as_str()),
            "{t} is paired with its counterpart: {pairs:?}"
        );
    }
}

/// Each translation quote of the report: its id, the source quote it was paired with, the score.
pub fn pairs(r: &Run) -> Vec<(String, Option<String>, f64)> {
    r.report()["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .filter(|q| q["role"] == "translation")
        .map(|q| {
            let m = &q["match"];
            (
                q["id"].as_str().unwrap().to_string(),
                m["sources"][0].as_str().map(String::from),
                m["score"].as_f64().unwrap_or(0.0),
            )
        })
        .collect()
}

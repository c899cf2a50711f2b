//! The HTTP backends when things go wrong: a service that is down, slow, failing for a while
//! or for good, rate-limiting, or answering nonsense. A failure stops the run with exit 2 and
//! one line naming the service (never its credentials); retries and `Retry-After` are
//! honoured; `--fallback lexical` goes on with the lexical scorer and says so.

mod fake_server;

use fake_server::*;
use serde_json::json;
use std::time::Duration;

/// Embeddings through `url`, model `m`, no cache; `config` goes in `[backend]` (with a small
/// backoff unless it sets one).
fn embeddings_run(url: &str, config: &str) -> Run {
    let backoff = if config.contains("backoff") {
        ""
    } else {
        "backoff = 0.01\n"
    };
    let s = setup(&format!("[backend]\n{backoff}{config}\n"));
    run(check(&s).args([
        "--backend",
        "embeddings",
        "--backend-url",
        url,
        "--model",
        "m",
        "--no-cache",
    ]))
}

/// Back-translation through LibreTranslate at `url`, no cache.
fn libretranslate_run(url: &str, config: &str) -> Run {
    let s = setup(&format!(
        "[backend]\napi = \"libretranslate\"\nbackoff = 0.01\n{config}\n"
    ));
    run(check(&s).args(["--backend", "translate", "--backend-url", url, "--no-cache"]))
}

fn embeddings_ok() -> impl Fn(&Request, usize) -> Reply + Send + Sync {
    embeddings(sample_vector())
}

/// A server whose embeddings route answers with `replies` in turn (then the last forever).
fn embeddings_server(replies: Vec<Reply>) -> FakeServer {
    FakeServer::builder()
        .post("/v1/embeddings", sequence(replies))
        .start()
}

fn internal_error() -> Reply {
    Reply::error(
        500,
        json!({"error": {"message": "The server had an error while processing your request", "type": "server_error"}}),
    )
}

// ---------------------------------------------------------------------------------------
// Down, slow
// ---------------------------------------------------------------------------------------

#[test]
fn a_server_that_is_down_stops_the_run_with_one_line_naming_it() {
    let url = dead_url();
    let r = embeddings_run(&url, "retries = 2");
    assert_fails(
        &r,
        &[&format!("{url}/v1/embeddings"), "cannot connect", "refused"],
    );
    assert!(r.elapsed < Duration::from_secs(10), "{:?}", r.elapsed);
}

#[test]
fn errors_never_show_credentials_or_queries_of_the_url() {
    let url = dead_url();
    let port = url.rsplit(':').next().unwrap();
    let secret_url =
        format!("http://robot:hunter2@127.0.0.1:{port}/v1/embeddings?api-key=s3cr3t-query");
    let r = embeddings_run(&secret_url, "retries = 0");
    assert_fails(
        &r,
        &[
            &format!("http://127.0.0.1:{port}/v1/embeddings"),
            "cannot connect",
        ],
    );
    assert!(
        !r.stderr.contains("hunter2") && !r.stderr.contains("robot"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("s3cr3t-query"), "{}", r.stderr);
}

#[test]
fn a_slow_server_times_out_and_the_timeout_is_retried() {
    let server = embeddings_server(vec![
        Reply::json(json!({"data": []})).after(Duration::from_secs(20))
    ]);
    let r = embeddings_run(server.url(), "timeout = 0.5\nretries = 1");
    let url = format!("{}/v1/embeddings", server.url());
    assert_fails(&r, &[&url, "no answer within"]);
    assert_eq!(server.count(), 2, "one try and one retry");
    assert!(
        r.elapsed < Duration::from_secs(5),
        "the timeout holds: {:?}",
        r.elapsed
    );
}

#[test]
fn the_timeout_message_gives_the_configured_timeout() {
    let server = embeddings_server(vec![internal_error().after(Duration::from_secs(20))]);
    let r = embeddings_run(server.url(), "timeout = 0.5\nretries = 0");
    assert_fails(&r, &["no answer within 0.5 s"]);
}

#[test]
fn an_answer_within_the_timeout_is_fine() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, _| {
            embeddings_answer("m", &embeddings_inputs(req).unwrap(), &vector)
                .after(Duration::from_millis(200))
        })
        .start();
    let r = embeddings_run(server.url(), "timeout = 2\nretries = 0");
    assert_all_matched(&r);
    assert_eq!(server.count(), 1);
}

// ---------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------

#[test]
fn server_errors_are_retried_until_an_answer_comes() {
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, n| match n {
            0 | 1 => internal_error(),
            _ => embeddings_ok()(req, n),
        })
        .start();
    let r = embeddings_run(server.url(), "retries = 3");
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "embeddings:m:w0.5+lexical");
    assert_eq!(server.count(), 3, "two failures, then the answer");
    let bodies: Vec<String> = server.requests().iter().map(|r| r.body.clone()).collect();
    assert!(
        bodies.iter().all(|b| *b == bodies[0]),
        "each retry sends the same request"
    );
}

#[test]
fn server_errors_that_last_stop_after_the_retries() {
    let server = embeddings_server(vec![internal_error()]);
    let r = embeddings_run(server.url(), "retries = 2");
    let url = format!("{}/v1/embeddings", server.url());
    assert_fails(
        &r,
        &[
            &url,
            "HTTP 500",
            "The server had an error while processing your request",
        ],
    );
    assert_eq!(server.count(), 3, "one try and two retries, exactly");
}

#[test]
fn retries_wait_longer_each_time() {
    let server = embeddings_server(vec![Reply::text(503, "Service Unavailable")]);
    let r = embeddings_run(server.url(), "retries = 2\nbackoff = 0.2");
    assert_fails(&r, &["HTTP 503", "Service Unavailable"]);
    let at: Vec<_> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(at.len(), 3);
    let (first, second) = (at[1] - at[0], at[2] - at[1]);
    assert!(first >= Duration::from_millis(180), "{first:?}");
    assert!(
        second >= Duration::from_millis(380),
        "the backoff doubles: {first:?} then {second:?}"
    );
}

#[test]
fn client_errors_are_not_retried() {
    let server = embeddings_server(vec![Reply::error(
        400,
        json!({"error": {"message": "This model's maximum context length is 8192 tokens", "type": "invalid_request_error"}}),
    )]);
    let r = embeddings_run(server.url(), "retries = 3");
    assert_fails(&r, &["HTTP 400", "maximum context length"]);
    assert_eq!(server.count(), 1);
}

#[test]
fn a_429_waits_as_retry_after_says() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, n| {
            if n == 0 {
                Reply::error(
                    429,
                    json!({"error": {"message": "Rate limit reached", "type": "requests"}}),
                )
                .header("Retry-After", "1")
            } else {
                embeddings_answer("m", &embeddings_inputs(req).unwrap(), &vector)
            }
        })
        .start();
    // The backoff alone would wait 10 ms: the wait must come from Retry-After.
    let r = embeddings_run(server.url(), "retries = 1");
    assert_all_matched(&r);
    let at: Vec<_> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(at.len(), 2);
    let waited = at[1] - at[0];
    assert!(
        waited >= Duration::from_millis(900),
        "Retry-After: 1 is honoured: {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "{waited:?}");
}

#[test]
fn a_429_without_retries_left_is_an_error() {
    let server = embeddings_server(vec![Reply::error(
        429,
        json!({"error": {"message": "You exceeded your current quota", "type": "insufficient_quota"}}),
    )
    .header("Retry-After", "0")]);
    let r = embeddings_run(server.url(), "retries = 1");
    assert_fails(&r, &["HTTP 429", "You exceeded your current quota"]);
    assert_eq!(server.count(), 2);
}

// ---------------------------------------------------------------------------------------
// Answers that make no sense
// ---------------------------------------------------------------------------------------

#[test]
fn an_answer_that_is_not_json_is_unreadable() {
    let server = embeddings_server(vec![Reply::text(
        200,
        "<html><body>Welcome to nginx!</body></html>",
    )
    .header("content-type", "text/html")]);
    let r = embeddings_run(server.url(), "retries = 0");
    let url = format!("{}/v1/embeddings", server.url());
    assert_fails(
        &r,
        &[&url, "unreadable answer", "not an embeddings response"],
    );
}

#[test]
fn a_json_answer_of_another_shape_is_unreadable() {
    let server = embeddings_server(vec![Reply::json(json!({"embeddings": [[0.1, 0.2]]}))]);
    let r = embeddings_run(server.url(), "retries = 0");
    assert_fails(&r, &["unreadable answer", "not an embeddings response"]);
}

#[test]
fn too_few_vectors_are_an_error() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, _| {
            let mut inputs = embeddings_inputs(req).unwrap();
            inputs.pop();
            embeddings_answer("m", &inputs, &vector)
        })
        .start();
    let r = embeddings_run(server.url(), "retries = 0\nbatch-size = 4\nconcurrency = 1");
    let url = format!("{}/v1/embeddings", server.url());
    assert_fails(&r, &[&url, "unreadable answer", "3 vectors for 4 texts"]);
}

#[test]
fn vectors_of_different_sizes_in_one_answer_are_an_error() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, _| {
            let inputs = embeddings_inputs(req).unwrap();
            let sized = |t: &str| {
                let mut v = vector(t);
                if t == inputs[inputs.len() - 1] {
                    v.truncate(8);
                }
                v
            };
            embeddings_answer("m", &inputs, sized)
        })
        .start();
    let r = embeddings_run(server.url(), "retries = 0");
    assert_fails(
        &r,
        &["unreadable answer", "vectors of different sizes (16 and 8)"],
    );
}

#[test]
fn vectors_of_different_sizes_across_batches_are_an_error() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, n| {
            let dims = if n == 0 { 16 } else { 8 };
            embeddings_answer("m", &embeddings_inputs(req).unwrap(), |t| {
                let mut v = vector(t);
                v.truncate(dims);
                v
            })
        })
        .start();
    let r = embeddings_run(server.url(), "retries = 0\nbatch-size = 4\nconcurrency = 1");
    let endpoint = format!("{}/v1/embeddings", server.url().trim_end_matches('/'));
    assert_fails(
        &r,
        &[
            &endpoint,
            "unreadable answer",
            "vectors of different sizes (8, 16)",
            "model changed",
        ],
    );
}

#[test]
fn an_empty_vector_is_an_error() {
    let server = FakeServer::builder()
        .post("/v1/embeddings", |req: &Request, _| {
            embeddings_answer("m", &embeddings_inputs(req).unwrap(), |_| Vec::new())
        })
        .start();
    let r = embeddings_run(server.url(), "retries = 0");
    assert_fails(&r, &["unreadable answer", "an empty vector"]);
}

// ---------------------------------------------------------------------------------------
// Fallback
// ---------------------------------------------------------------------------------------

#[test]
fn fallback_lexical_goes_on_without_the_server_and_says_so() {
    let url = dead_url();
    let s = setup("[backend]\nretries = 0\n");
    let r = run(check(&s).args([
        "--backend",
        "embeddings",
        "--backend-url",
        &url,
        "--model",
        "m",
        "--no-cache",
        "--fallback",
        "lexical",
    ]));
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "lexical(fallback from embeddings:m:w0.5)");
    assert!(
        r.report()["tool"]["signature"]
            .as_str()
            .unwrap()
            .contains("lexical(fallback from embeddings:m:w0.5)"),
        "the signature says so too"
    );
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("warning:")
            && r.stderr.contains(&format!("{url}/v1/embeddings"))
            && r.stderr.contains("falling back to the lexical scorer"),
        "{}",
        r.stderr
    );
}

#[test]
fn fallback_from_the_configuration_covers_server_errors_too() {
    let server = embeddings_server(vec![internal_error()]);
    let r = embeddings_run(server.url(), "retries = 1\nfallback = \"lexical\"");
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "lexical(fallback from embeddings:m:w0.5)");
    assert!(r.stderr.contains("HTTP 500"), "{}", r.stderr);
    assert_eq!(server.count(), 2, "the retries come first");
}

#[test]
fn the_gate_does_not_pass_when_the_backend_is_down() {
    let url = dead_url();
    let s = setup("[backend]\nretries = 0\n");
    let article = s.dir.path().join("articles").join("kim");
    std::fs::create_dir_all(&article).unwrap();
    for f in ["fr.txt", "en.txt"] {
        std::fs::copy(corpus("kim-putin", f), article.join(f)).unwrap();
    }
    let gate = |extra: &[&str]| {
        run(verbatim()
            .current_dir(s.dir.path())
            .arg("gate")
            .arg("--config")
            .arg(&s.config)
            .arg("articles/kim/fr.txt")
            .args([
                "--backend",
                "embeddings",
                "--backend-url",
                &url,
                "--model",
                "m",
            ])
            .arg("--no-cache")
            .args(extra))
    };
    let r = gate(&[]);
    assert_fails(&r, &[&format!("{url}/v1/embeddings"), "cannot connect"]);
    let r = gate(&["--fallback", "lexical"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("falling back"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------
// A translate route
// ---------------------------------------------------------------------------------------

#[test]
fn translate_server_down_stops_the_run() {
    let url = dead_url();
    let r = libretranslate_run(&url, "retries = 1");
    assert_fails(&r, &[&format!("{url}/translate"), "cannot connect"]);
}

#[test]
fn translate_server_errors_are_retried() {
    let table = back_translations();
    let server = FakeServer::builder()
        .post("/translate", move |req: &Request, n| {
            if n < 2 {
                Reply::text(502, "Bad Gateway")
            } else {
                libretranslate(table.clone())(req, n)
            }
        })
        .start();
    let r = libretranslate_run(server.url(), "retries = 2");
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "translate:libretranslate:default:w0.5+lexical");
    assert_eq!(server.count(), 3);
}

#[test]
fn translate_server_errors_that_last_stop_after_the_retries() {
    let server = FakeServer::builder()
        .post(
            "/translate",
            always(Reply::error(
                500,
                json!({"error": "Cannot translate text: model crashed"}),
            )),
        )
        .start();
    let r = libretranslate_run(server.url(), "retries = 2");
    let url = format!("{}/translate", server.url());
    assert_fails(
        &r,
        &[&url, "HTTP 500", "Cannot translate text: model crashed"],
    );
    assert_eq!(server.count(), 3);
}

#[test]
fn a_slow_translate_server_times_out() {
    let server = FakeServer::builder()
        .post(
            "/translate",
            always(Reply::json(json!({"translatedText": []})).after(Duration::from_secs(20))),
        )
        .start();
    let r = libretranslate_run(server.url(), "timeout = 0.5\nretries = 0");
    let url = format!("{}/translate", server.url());
    assert_fails(&r, &[&url, "no answer within"]);
    assert_eq!(server.count(), 1);
}

#[test]
fn translate_answers_that_make_no_sense_are_unreadable() {
    let server = FakeServer::builder()
        .post(
            "/translate",
            always(Reply::text(200, "Internal Server Error")),
        )
        .start();
    let r = libretranslate_run(server.url(), "retries = 0");
    let url = format!("{}/translate", server.url());
    assert_fails(
        &r,
        &[&url, "unreadable answer", "not a LibreTranslate response"],
    );

    let server = FakeServer::builder()
        .post(
            "/translate",
            always(Reply::json(json!({"translatedText": ["only one"]}))),
        )
        .start();
    let r = libretranslate_run(server.url(), "retries = 0\nbatch-size = 5");
    assert_fails(&r, &["unreadable answer", "1 translations for 5 texts"]);
}

#[test]
fn fallback_lexical_covers_the_translate_route() {
    let url = dead_url();
    let s = setup("[backend]\napi = \"libretranslate\"\nretries = 0\n");
    let r = run(check(&s).args([
        "--backend",
        "translate",
        "--backend-url",
        &url,
        "--no-cache",
        "--fallback",
        "lexical",
    ]));
    assert_all_matched(&r);
    assert_eq!(
        r.scorer(),
        "lexical(fallback from translate:libretranslate:default:w0.5)"
    );
}

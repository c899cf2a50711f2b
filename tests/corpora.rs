//! Runs `verbatim check` on every case under `corpora/` and asserts exactly the findings its
//! `expected.toml` lists (no more, no fewer) and the exit code.

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    translation: String,
    sources: Vec<String>,
    exit: i32,
    #[serde(default)]
    finding: Vec<ExpectedFinding>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    translation: Option<String>,
    source: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpora/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Whitespace of any kind (no-break spaces included) compares equal.
fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote_text(f: &Value, side: &str) -> Option<String> {
    f.get(side)
        .and_then(|q| q.get("text"))
        .and_then(Value::as_str)
        .map(squash)
}

fn matches(e: &ExpectedFinding, f: &Value) -> bool {
    let side_ok = |want: &Option<String>, side: &str| match want {
        Some(w) => quote_text(f, side).is_some_and(|t| t.contains(&squash(w))),
        None => true,
    };
    f["rule"] == e.rule.as_str()
        && side_ok(&e.translation, "translation")
        && side_ok(&e.source, "source")
}

fn run_case(dir: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(dir.join("expected.toml")).map_err(|e| e.to_string())?;
    let expected: Expected = toml::from_str(&text).map_err(|e| format!("expected.toml: {e}"))?;
    let output = Command::cargo_bin("verbatim")
        .expect("binary builds")
        .current_dir(dir)
        .arg("check")
        .arg(&expected.translation)
        .args(&expected.sources)
        .args(["--format", "json"])
        .output()
        .map_err(|e| e.to_string())?;
    let code = output.status.code().unwrap_or(-1);
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let mut used = vec![false; findings.len()];
    for e in &expected.finding {
        match (0..findings.len()).find(|&k| !used[k] && matches(e, &findings[k])) {
            Some(k) => used[k] = true,
            None => problems.push(format!(
                "missing {} on {:?} / {:?}",
                e.rule, e.translation, e.source
            )),
        }
    }
    for (k, f) in findings.iter().enumerate().filter(|(k, _)| !used[*k]) {
        let _ = k;
        problems.push(format!(
            "unexpected {} ({}) on {:?} / {:?}: {}",
            f["rule"],
            f["severity"],
            quote_text(f, "translation"),
            quote_text(f, "source"),
            f["message"]
        ));
    }
    if code != expected.exit {
        problems.push(format!("exit code {code}, expected {}", expected.exit));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

#[test]
fn every_corpus_case_reports_exactly_its_expected_findings() {
    let cases = cases();
    assert!(
        cases.len() >= 4,
        "expected at least four cases under corpora/"
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|dir| {
            run_case(dir).err().map(|e| {
                format!(
                    "{}:\n  {e}",
                    dir.file_name().unwrap_or_default().to_string_lossy()
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn at_least_one_case_is_clean_and_one_fails() {
    let exits: Vec<i32> = cases()
        .iter()
        .map(|d| {
            toml::from_str::<Expected>(&std::fs::read_to_string(d.join("expected.toml")).unwrap())
                .unwrap()
                .exit
        })
        .collect();
    assert!(exits.contains(&0) && exits.contains(&1));
}

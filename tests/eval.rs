//! `verbatim eval` on small labeled cases made in a temporary folder: the scores follow the
//! documented definitions, `--min-f1` gates, and bad labels are refused.

use assert_cmd::Command;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

/// One case: a number change (labeled), a faithful quote, a faithful quote labeled
/// wrongly as a negation drift, and a dropped source quote.
fn make_case(root: &Path) {
    let dir = root.join("cases").join("jobs");
    write(&dir, "fr.txt", "« Nous avons perdu 3 000 emplois l'an dernier », a déclaré Marc Dubois.\n\n« Les prix ont augmenté de 5 % en janvier », a ajouté Marc Dubois.\n\n« Je n'ai jamais menti », a assuré Claire Martin.\n");
    write(&dir, "en.txt", "\"We lost 300 jobs last year,\" Marc Dubois said.\n\n\"Prices rose 5% in January,\" Marc Dubois added.\n\n\"I have never lied,\" Claire Martin said.\n\n\"We will be back next year,\" Claire Martin said.\n");
    write(
        &dir,
        "labels.toml",
        "[[quote]]\nfr_key = \"perdu 3 000 emplois\"\nen_key = \"We lost 300 jobs\"\nexpected = [\"number-mismatch\"]\n\n\
         [[quote]]\nfr_key = \"Les prix ont augmenté\"\nen_key = \"Prices rose\"\nexpected = []\n\n\
         [[quote]]\nfr_key = \"jamais menti\"\nen_key = \"never lied\"\nexpected = [\"negation-mismatch\"]\n\n\
         [[quote]]\nen_key = \"We will be back\"\nexpected = [\"quote-missing\"]\n",
    );
}

fn eval(args: &[&str], root: &Path) -> (i32, String, String) {
    let out = Command::cargo_bin("verbatim")
        .unwrap()
        .current_dir(root)
        .arg("eval")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn scores_follow_the_definitions() {
    let root = tempfile::tempdir().unwrap();
    make_case(root.path());
    let (code, stdout, stderr) = eval(&["cases", "--format", "json", "--cases"], root.path());
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["labeled_quotes"], 4);
    assert_eq!(
        v["quote_level"]["tp"], 2,
        "number change and dropped quote found: {stdout}"
    );
    assert_eq!(
        v["quote_level"]["fn"], 1,
        "the wrongly labeled faithful quote counts as missed"
    );
    assert_eq!(v["quote_level"]["tn"], 1);
    assert_eq!(v["rules"]["number-mismatch"]["recall"], 1.0);
    assert_eq!(v["rules"]["negation-mismatch"]["recall"], 0.0);
    assert_eq!(v["false_flag_rate"], 0.0);
    let mismatches = v["per_case"][0]["mismatches"].as_array().unwrap();
    assert_eq!(mismatches.len(), 1);
    assert!(mismatches[0].as_str().unwrap().contains("jamais menti"));
}

#[test]
fn min_f1_gates_and_human_output_teaches() {
    let root = tempfile::tempdir().unwrap();
    make_case(root.path());
    let (code, stdout, _) = eval(&["cases", "--min-f1", "0.9"], root.path());
    assert_eq!(code, 1, "quote-level F1 is 0.8");
    assert!(
        stdout.contains("quote level") && stdout.contains("F1 0.800"),
        "{stdout}"
    );
    let (code, _, _) = eval(&["cases", "--min-f1", "0.75"], root.path());
    assert_eq!(code, 0);
}

#[test]
fn bad_labels_and_empty_folders_are_refused() {
    let root = tempfile::tempdir().unwrap();
    make_case(root.path());
    let labels = root.path().join("cases/jobs/labels.toml");
    std::fs::write(
        &labels,
        "[[quote]]\nfr_key = \"not in the text\"\nexpected = []\n",
    )
    .unwrap();
    let (code, _, stderr) = eval(&["cases"], root.path());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("labels.toml") && stderr.contains("not in the text"),
        "{stderr}"
    );
    std::fs::create_dir_all(root.path().join("empty")).unwrap();
    let (code, _, stderr) = eval(&["empty"], root.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("no labeled case"), "{stderr}");
}

/// The labeled benchmark as a regression gate, as a desk would run it in CI: a floor under
/// the measured figures (BENCHMARKS.md), so a change that loses accuracy fails here.
#[test]
fn the_labeled_benchmark_stays_above_its_floor() {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/bench");
    let (code, stdout, stderr) = eval(
        &[
            bench.to_str().unwrap(),
            "--min-f1",
            "0.85",
            "--min-rule-f1",
            "0.80",
        ],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(code, 0, "benchmark under its floor:\n{stdout}{stderr}");
    assert!(
        stdout.contains("30 cases") || stdout.contains(" cases,"),
        "{stdout}"
    );
}

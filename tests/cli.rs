//! The command line as users meet it: exit codes, one-line errors naming the file, help,
//! stdin, output files, and the smaller commands.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn verbatim() -> Command {
    let mut cmd = Command::cargo_bin("verbatim").expect("binary builds");
    cmd.env_remove("VERBATIM_FAIL_ON")
        .env_remove("VERBATIM_FORMAT")
        .env("NO_COLOR", "1");
    cmd
}

fn corpus(case: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora")
        .join(case)
        .join(file)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A bad input: exit 2, one line on stderr naming the file, nothing on stdout.
fn assert_input_error(r: &Run, names: &str, says: &str) {
    assert_eq!(r.code, 2, "stderr: {}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "one line: {}", r.stderr);
    assert!(
        r.stderr.contains(names) && r.stderr.contains(says),
        "stderr: {}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
}

fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn clean_sample_exits_0_and_drifted_exits_1() {
    let r = run(verbatim()
        .arg("check")
        .arg(corpus("kim-putin", "fr.txt"))
        .arg(corpus("kim-putin", "en.txt")));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("no findings"), "{}", r.stdout);
    let r = run(verbatim()
        .arg("check")
        .arg(corpus("budget-numbers", "fr.txt"))
        .arg(corpus("budget-numbers", "en.txt")));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "error[number-mismatch]: source says 2.5 billion, translation says 25 milliards"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("[25]"),
        "highlighted without colour: {}",
        r.stdout
    );
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no colour codes when not a terminal"
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let (t, s) = (
        corpus("reverse-en-from-fr", "en.txt"),
        corpus("reverse-en-from-fr", "fr.txt"),
    );
    assert_eq!(
        run(verbatim().arg("check").arg(&t).arg(&s)).code,
        0,
        "warnings do not fail by default"
    );
    assert_eq!(
        run(verbatim()
            .arg("check")
            .arg(&t)
            .arg(&s)
            .args(["--fail-on", "warning"]))
        .code,
        1
    );
    assert_eq!(
        run(verbatim()
            .arg("check")
            .arg(&t)
            .arg(&s)
            .env("VERBATIM_FAIL_ON", "warning"))
        .code,
        1
    );
    let (t, s) = (
        corpus("budget-numbers", "fr.txt"),
        corpus("budget-numbers", "en.txt"),
    );
    assert_eq!(
        run(verbatim()
            .arg("check")
            .arg(&t)
            .arg(&s)
            .args(["--fail-on", "never"]))
        .code,
        0
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let r = run(verbatim()
        .arg("check")
        .arg(corpus("budget-numbers", "fr.txt"))
        .arg(corpus("budget-numbers", "en.txt"))
        .args(["-f", "json"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["translation"]["lang"], "fr");
    assert_eq!(v["sources"][0]["lang"], "en");
    let f = &v["findings"][0];
    for key in [
        "rule",
        "severity",
        "message",
        "score",
        "translation",
        "source",
        "evidence",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    for key in ["id", "text", "start", "end", "line", "column", "speaker"] {
        assert!(
            f["translation"].get(key).is_some(),
            "translation lacks {key}"
        );
        assert!(f["source"].get(key).is_some(), "source lacks {key}");
    }
    assert!(f["source"]["document"]
        .as_str()
        .unwrap()
        .ends_with("en.txt"));
    // Offsets point into the original file.
    let text = std::fs::read_to_string(corpus("budget-numbers", "fr.txt")).unwrap();
    let (s, e) = (
        f["translation"]["start"].as_u64().unwrap() as usize,
        f["translation"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], f["translation"]["text"].as_str().unwrap());
    assert_eq!(v["summary"]["failed"], true);
    assert!(v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["match"].is_object()));
}

#[test]
fn output_file_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let fr = std::fs::read(corpus("kim-putin", "fr.txt")).unwrap();
    let r = run(verbatim()
        .arg("check")
        .arg("-")
        .arg(corpus("kim-putin", "en.txt"))
        .args(["--lang", "fr", "-f", "json", "-o"])
        .arg(&out)
        .write_stdin(fr));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["translation"]["path"], "<stdin>");
}

#[test]
fn empty_binary_and_invalid_utf8_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let en = corpus("kim-putin", "en.txt");
    let empty = temp_file(&dir, "empty.fr.txt", b"  \n\n");
    assert_input_error(
        &run(verbatim().arg("check").arg(&empty).arg(&en)),
        "empty.fr.txt",
        "empty",
    );
    let binary = temp_file(&dir, "image.fr.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    assert_input_error(
        &run(verbatim().arg("check").arg(&binary).arg(&en)),
        "image.fr.txt",
        "binary",
    );
    let latin1 = temp_file(
        &dir,
        "latin1.fr.txt",
        b"Le pr\xe9sident a dit \xab non \xbb.\n",
    );
    assert_input_error(
        &run(verbatim().arg("check").arg(&latin1).arg(&en)),
        "latin1.fr.txt",
        "not valid UTF-8",
    );
    let missing = dir.path().join("nowhere.fr.txt");
    assert_input_error(
        &run(verbatim().arg("check").arg(&missing).arg(&en)),
        "nowhere.fr.txt",
        "no such file",
    );
}

#[test]
fn languages_we_do_not_support_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let de = temp_file(&dir, "artikel.txt", "Die Regierung hat am Dienstag angekündigt, dass sie die Steuern in diesem Jahr nicht erhöhen wird. „Wir werden das nicht tun“, sagte der Minister.\n".as_bytes());
    let r = run(verbatim()
        .arg("check")
        .arg(&de)
        .arg(corpus("kim-putin", "en.txt")));
    assert_input_error(&r, "artikel.txt", "does not look like");
    let r = run(verbatim()
        .arg("check")
        .arg(&de)
        .arg(corpus("kim-putin", "en.txt"))
        .args(["--lang", "de"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unsupported language `de`"),
        "{}",
        r.stderr
    );
}

#[test]
fn detection_reads_unnamed_files_and_same_language_pairs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let t = temp_file(
        &dir,
        "article.txt",
        &std::fs::read(corpus("kim-putin", "fr.txt")).unwrap(),
    );
    let s = temp_file(
        &dir,
        "wire.txt",
        &std::fs::read(corpus("kim-putin", "en.txt")).unwrap(),
    );
    assert_eq!(run(verbatim().arg("check").arg(&t).arg(&s)).code, 0);
    let r = run(verbatim().arg("check").arg(&t).arg(&t));
    assert_input_error(&r, "article.txt", "like the translation");
}

#[test]
fn usage_errors_exit_2_and_help_teaches() {
    let r = run(verbatim().arg("check").arg(corpus("kim-putin", "fr.txt")));
    assert_eq!(r.code, 2, "a source is required");
    assert_eq!(run(verbatim().arg("frobnicate")).code, 2);
    let r = run(verbatim().args(["check", "--help"]));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("--fail-on") && r.stdout.contains("Examples:"),
        "{}",
        r.stdout
    );
    let r = run(verbatim().arg("--version"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("verbatim "));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `verbatim check ... | head -1`: stdout closes early.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .arg("check")
        .arg(corpus("budget-numbers", "fr.txt"))
        .arg(corpus("budget-numbers", "en.txt"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            drop(child.stdout.take());
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the exit code still reports the findings"
    );
}

#[test]
fn quotes_lists_extraction_with_speakers() {
    let r = run(verbatim().arg("quotes").arg(corpus("kim-putin", "fr.txt")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("tenir la main") && r.stdout.contains("Kim Jong-un"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("10 quotes"));
    let r = run(verbatim()
        .arg("quotes")
        .arg(corpus("unbalanced-marks", "fr.txt"))
        .args(["-f", "json"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["unbalanced"][0]["unclosed"], true);
}

#[test]
fn modality_findings_name_the_words_that_differ() {
    let dir = tempfile::tempdir().unwrap();
    let fr = temp_file(
        &dir,
        "a.fr.txt",
        "« Le gouvernement fermerait l’usine en mars », a-t-il dit.\n".as_bytes(),
    );
    let en = temp_file(
        &dir,
        "a.en.txt",
        b"\"The government will close the plant in March,\" he said.\n",
    );
    let r = run(verbatim()
        .arg("check")
        .arg(&fr)
        .arg(&en)
        .args(["-f", "json"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        ["certainty turned into a hedge: source says “will”, translation says « fermerait »"]
    );
}

#[test]
fn rules_and_config_commands() {
    let r = run(verbatim().arg("rules"));
    assert_eq!(r.code, 0);
    for id in [
        "quote-drift",
        "number-mismatch",
        "negation-mismatch",
        "name-mismatch",
        "speaker-mismatch",
        "quote-unsourced",
        "quote-missing",
        "quote-unbalanced",
    ] {
        assert!(r.stdout.contains(id), "{id} missing from `verbatim rules`");
    }
    let r = run(verbatim().args(["rules", "number-mismatch"]));
    assert!(r.stdout.contains("deux douzaines"));
    assert_eq!(run(verbatim().args(["rules", "no-such-rule"])).code, 2);
    let dir = tempfile::tempdir().unwrap();
    let r = run(verbatim().arg("config").current_dir(dir.path()));
    assert!(
        r.stdout.contains("fail-on = \"error\"")
            && r.stdout.contains("number-mismatch = \"error\""),
        "{}",
        r.stdout
    );
}

#[test]
fn config_files_change_severities_and_bad_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("verbatim.toml"),
        "[rules]\nnumber-mismatch = \"warning\"\nnegation-mismatch = \"off\"\n",
    )
    .unwrap();
    let (t, s) = (
        corpus("budget-numbers", "fr.txt"),
        corpus("budget-numbers", "en.txt"),
    );
    let r = run(verbatim()
        .current_dir(dir.path())
        .arg("check")
        .arg(&t)
        .arg(&s));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains("warning[number-mismatch]") && !r.stdout.contains("negation-mismatch")
    );
    let bad = temp_file(&dir, "bad.toml", b"[check]\nfail-on = \"sometimes\"\n");
    let r = run(verbatim()
        .arg("--config")
        .arg(&bad)
        .arg("check")
        .arg(&t)
        .arg(&s));
    assert_input_error(&r, "bad.toml", "sometimes");
}

#[test]
fn user_lexicon_files_are_loaded_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = temp_file(&dir, "mine.tsv", b"bonjour\thello\n");
    let (t, s) = (corpus("kim-putin", "fr.txt"), corpus("kim-putin", "en.txt"));
    let r = run(verbatim()
        .arg("check")
        .arg(&t)
        .arg(&s)
        .arg("--lexicon")
        .arg(&bad));
    assert_input_error(&r, "mine.tsv:1", "3 tab-separated columns");
    let good = temp_file(&dir, "good.tsv", "bonjour\thello\tnoun\n".as_bytes());
    assert_eq!(
        run(verbatim()
            .arg("check")
            .arg(&t)
            .arg(&s)
            .arg("--lexicon")
            .arg(&good))
        .code,
        0
    );
}

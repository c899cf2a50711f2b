//! The CI gate from the command line: SARIF and JUnit validated against the official schemas,
//! the Markdown and GitHub formats, several reports in one run, the baseline, inline
//! suppressions, the signature, and the example workflow run as it stands on a git
//! repository made for the test.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

fn verbatim() -> Command {
    let mut cmd = Command::cargo_bin("verbatim").expect("binary builds");
    cmd.env_remove("VERBATIM_FAIL_ON")
        .env_remove("VERBATIM_FORMAT")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795000000");
    cmd
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus(case: &str, file: &str) -> PathBuf {
    root().join("corpora").join(case).join(file)
}

fn schemas() -> PathBuf {
    root().join("../shared/data/schemas")
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

/// Copies a corpus case's translation and sources into `dir`.
fn copy_case(case: &str, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(root().join("corpora").join(case)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Validates a SARIF log against the official 2.1.0 schema; false (with a notice) when the
/// schema is not on this machine.
fn assert_valid_sarif(log: &Value) -> bool {
    let path = schemas().join("sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "notice: {} is absent; SARIF schema validation skipped",
            path.display()
        );
        return false;
    };
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
    true
}

/// Validates a JUnit file with xmllint against both schemas in ../shared; false (with a
/// notice) when the schemas are absent. xmllint itself must be installed (.ci/run does).
fn assert_valid_junit(file: &Path) -> bool {
    let mut validated = false;
    for xsd in ["JUnit.xsd", "jenkins-junit.xsd"] {
        let xsd = schemas().join(xsd);
        if !xsd.is_file() {
            eprintln!(
                "notice: {} is absent; JUnit validation against it skipped",
                xsd.display()
            );
            continue;
        }
        let out = Process::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&xsd)
            .arg(file)
            .output()
            .expect("xmllint runs: install libxml2-utils (.ci/run installs it)");
        assert!(
            out.status.success(),
            "{} does not validate against {}:\n{}",
            file.display(),
            xsd.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        validated = true;
    }
    validated
}

#[test]
fn sarif_is_valid_and_points_at_both_quotes() {
    let r = run(verbatim()
        .arg("check")
        .arg(corpus("budget-numbers", "fr.txt"))
        .arg(corpus("budget-numbers", "en.txt"))
        .args(["--format", "sarif"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log: Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
    if assert_valid_sarif(&log) {
        // The validator does bite: a level SARIF does not know is refused.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
        let schema: Value = serde_json::from_str(
            &std::fs::read_to_string(schemas().join("sarif-schema-2.1.0.json")).unwrap(),
        )
        .unwrap();
        assert!(!jsonschema::validator_for(&schema)
            .unwrap()
            .is_valid(&broken));
    }
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), verbatim::Rule::ALL.len());
    assert!(rules
        .iter()
        .all(|r| r["shortDescription"]["text"].is_string() && r["help"]["text"].is_string()));
    let results = run["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["number-mismatch", "number-mismatch", "negation-mismatch"]
    );
    let first = &results[0];
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 7);
    assert!(region["endColumn"].as_i64().unwrap() > region["startColumn"].as_i64().unwrap());
    let related = &first["relatedLocations"][0]["physicalLocation"];
    assert!(related["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("en.txt"));
    assert_eq!(
        first["partialFingerprints"]["verbatimQuote/v1"]
            .as_str()
            .unwrap()
            .len(),
        16
    );
    assert!(run["properties"]["signature"]
        .as_str()
        .unwrap()
        .starts_with("verbatim:"));
}

#[test]
fn junit_is_valid_with_a_case_per_quote() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("report.xml");
    let r = run(verbatim()
        .arg("check")
        .arg(corpus("budget-numbers", "fr.txt"))
        .arg(corpus("budget-numbers", "en.txt"))
        .args(["--format", "junit", "--output"])
        .arg(&xml));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(text.contains("tests=\"7\" failures=\"3\""), "{text}");
    assert!(
        text.contains("timestamp=\"2026-11-18T11:06:40\""),
        "SOURCE_DATE_EPOCH pins the time: {text}"
    );
    assert_eq!(text.matches("<failure type=\"number-mismatch\"").count(), 2);
    assert_valid_junit(&xml);
}

#[test]
fn markdown_and_github_formats_and_several_outputs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("comment.md");
    let json = dir.path().join("report.json");
    let r = run(verbatim()
        .arg("check")
        .arg(corpus("budget-numbers", "fr.txt"))
        .arg(corpus("budget-numbers", "en.txt"))
        .args(["--format", "github", "--format", "markdown", "--output"])
        .arg(&md)
        .args(["--format", "json", "-o"])
        .arg(&json));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(
        lines[0].starts_with("::error file=") && lines[0].contains("budget-numbers/fr.txt,line=7,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("title=verbatim number-mismatch::source says 2.5 billion"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("%0Asource ("),
        "multi-line messages are escaped: {}",
        lines[0]
    );
    let comment = std::fs::read_to_string(&md).unwrap();
    assert!(comment.contains("**3 errors**"), "{comment}");
    assert!(comment.contains("| Severity | Rule | Where | Translation | Source | Why |"));
    assert!(
        comment.contains("**25** **milliards**") && comment.contains("**$2.5** **billion**"),
        "{comment}"
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["summary"]["errors"], 3);
    // Two formats cannot share standard output.
    let r = run(verbatim()
        .arg("check")
        .arg(corpus("budget-numbers", "fr.txt"))
        .arg(corpus("budget-numbers", "en.txt"))
        .args(["--format", "github", "--format", "json"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("standard output"), "{}", r.stderr);
}

#[test]
fn signature_names_the_settings_and_changes_with_them() {
    let plain = run(verbatim().args(["check", "--signature-only"]));
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let sig = plain.stdout.trim();
    assert!(
        sig.starts_with(&format!(
            "verbatim:{}|scorer:lexical|lexicon:",
            env!("CARGO_PKG_VERSION")
        )),
        "{sig}"
    );
    assert!(sig.contains("|drift:0.25,5|"), "{sig}");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("verbatim.toml");
    std::fs::write(&config, "[drift]\nclause-words = 6\n").unwrap();
    let tuned = run(verbatim()
        .arg("--config")
        .arg(&config)
        .args(["check", "--signature-only"]));
    assert!(tuned.stdout.contains("|drift:0.25,6|"), "{}", tuned.stdout);
    let lexicon = dir.path().join("mine.tsv");
    std::fs::write(&lexicon, "brouhaha\thubbub\tnoun\n").unwrap();
    let extended = run(verbatim()
        .args(["check", "--signature-only", "--lexicon"])
        .arg(&lexicon));
    assert_ne!(
        extended.stdout, plain.stdout,
        "an added lexicon changes the signature"
    );
    // Every report carries it.
    let json = run(verbatim()
        .arg("check")
        .arg(corpus("kim-putin", "fr.txt"))
        .arg(corpus("kim-putin", "en.txt"))
        .args(["--format", "json"]));
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["tool"]["signature"], sig);
}

#[test]
fn baseline_suppresses_approved_findings_until_a_quote_changes() {
    let dir = tempfile::tempdir().unwrap();
    copy_case("budget-numbers", dir.path());
    let (fr, en) = (dir.path().join("fr.txt"), dir.path().join("en.txt"));
    let baseline = dir.path().join("approved.toml");
    let r = run(verbatim()
        .args(["baseline", "create"])
        .arg(&fr)
        .arg(&en)
        .arg("--baseline")
        .arg(&baseline)
        .args([
            "--approved-by",
            "Desk chief",
            "--reason",
            "corrected in print edition",
        ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("added 3 findings"), "{}", r.stdout);
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert_eq!(text.matches("[[finding]]").count(), 3);
    assert!(text.contains("approved_by = \"Desk chief\""), "{text}");

    let check = || {
        run(verbatim()
            .arg("check")
            .arg(&fr)
            .arg(&en)
            .arg("--baseline")
            .arg(&baseline)
            .args(["--format", "json"]))
    };
    let r = check();
    assert_eq!(r.code, 0, "approved findings do not fail: {}", r.stdout);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["summary"]["suppressed"], 3);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["findings"][0]["suppressed"]["kind"], "baseline");

    // An edit elsewhere keeps the approvals; a changed quote is checked anew.
    let original = std::fs::read_to_string(&fr).unwrap();
    std::fs::write(&fr, format!("Un paragraphe ajouté en tête.\n\n{original}")).unwrap();
    assert_eq!(check().code, 0);
    std::fs::write(&fr, original.replace("25 milliards", "27 milliards")).unwrap();
    let r = check();
    assert_eq!(
        r.code, 1,
        "the changed quote is a new finding: {}",
        r.stdout
    );
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["summary"]["suppressed"], 2);

    // Prune drops the entry that matches nothing now.
    let r = run(verbatim()
        .args(["baseline", "prune"])
        .arg(&fr)
        .arg(&en)
        .arg("--baseline")
        .arg(&baseline));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("dropped 1 entry"), "{}", r.stdout);
    assert_eq!(
        std::fs::read_to_string(&baseline)
            .unwrap()
            .matches("[[finding]]")
            .count(),
        2
    );

    // SARIF marks suppressed results, and stays valid.
    let r2 = run(verbatim()
        .arg("check")
        .arg(&fr)
        .arg(&en)
        .arg("--baseline")
        .arg(&baseline)
        .args(["--format", "sarif"]));
    assert_eq!(r2.code, 1, "the changed quote still fails");
    let log: Value = serde_json::from_str(&r2.stdout).unwrap();
    assert_valid_sarif(&log);
    let suppressed = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "external")
        .count();
    assert_eq!(suppressed, 2);
}

#[test]
fn a_baseline_entry_without_a_reason_is_itself_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    copy_case("budget-numbers", dir.path());
    let (fr, en) = (dir.path().join("fr.txt"), dir.path().join("en.txt"));
    let baseline = dir.path().join("verbatim-baseline.toml");
    std::fs::write(
        dir.path().join("verbatim.toml"),
        "[check]\nbaseline = \"verbatim-baseline.toml\"\n",
    )
    .unwrap();
    let r = run(verbatim()
        .current_dir(dir.path())
        .args(["baseline", "create", "fr.txt", "en.txt"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(baseline.is_file(), "the configured baseline is written");
    assert!(
        r.stdout.contains("fill in approved_by and reason"),
        "{}",
        r.stdout
    );
    let r = run(verbatim()
        .current_dir(dir.path())
        .arg("check")
        .arg(&fr)
        .arg(&en));
    assert_eq!(r.code, 0, "suppressed errors do not fail: {}", r.stdout);
    assert_eq!(
        r.stdout.matches("warning[suppression-unexplained]").count(),
        3,
        "{}",
        r.stdout
    );
    let r = run(verbatim()
        .current_dir(dir.path())
        .arg("check")
        .arg(&fr)
        .arg(&en)
        .args(["--fail-on", "warning"]));
    assert_eq!(r.code, 1);
    // A configured baseline that is missing is an error, not a silent pass.
    std::fs::remove_file(&baseline).unwrap();
    let r = run(verbatim()
        .current_dir(dir.path())
        .arg("check")
        .arg(&fr)
        .arg(&en));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read baseline"), "{}", r.stderr);
}

#[test]
fn inline_comments_and_sidecars_suppress_one_finding() {
    let dir = tempfile::tempdir().unwrap();
    copy_case("budget-numbers", dir.path());
    let en = dir.path().join("en.txt");
    let original = std::fs::read_to_string(corpus("budget-numbers", "fr.txt")).unwrap();
    let md = dir.path().join("fr.md");
    let marked = original.replacen(
        "La principale mesure nouvelle",
        "<!-- verbatim-ignore number-mismatch: the release misprinted the amount; confirmed with the ministry -->\nLa principale mesure nouvelle",
        1,
    );
    std::fs::write(&md, &marked).unwrap();
    let r = run(verbatim()
        .arg("check")
        .arg(&md)
        .arg(&en)
        .args(["--format", "json"]));
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["summary"]["suppressed"], 1, "{}", r.stdout);
    assert_eq!(report["summary"]["errors"], 2);
    let suppressed: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["suppressed"].is_null())
        .collect();
    assert_eq!(suppressed[0]["rule"], "number-mismatch");
    assert_eq!(suppressed[0]["suppressed"]["kind"], "inline");

    // Without a reason: still suppressed, plus a warning.
    std::fs::write(
        &md,
        marked.replace(
            ": the release misprinted the amount; confirmed with the ministry",
            "",
        ),
    )
    .unwrap();
    let r = run(verbatim()
        .arg("check")
        .arg(&md)
        .arg(&en)
        .args(["--format", "json"]));
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["summary"]["suppressed"], 1);
    assert_eq!(report["summary"]["warnings"], 1, "{}", r.stdout);

    // A misspelt rule is an error naming the comment, not a silence that silently fails.
    std::fs::write(
        &md,
        marked.replace(
            "verbatim-ignore number-mismatch",
            "verbatim-ignore number-mismatchh",
        ),
    )
    .unwrap();
    let r = run(verbatim().arg("check").arg(&md).arg(&en));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("fr.md:7:1: unknown rule `number-mismatchh`"),
        "{}",
        r.stderr
    );

    // Plain text: the sidecar file beside the article.
    let fr = dir.path().join("fr.txt");
    std::fs::write(
        dir.path().join("fr.txt.verbatim-ignore.toml"),
        "[[ignore]]\nrule = \"negation-mismatch\"\nquote = \"Nous relèverons la TPS\"\nreason = \"the minister corrected herself on air\"\n",
    )
    .unwrap();
    let r = run(verbatim()
        .arg("check")
        .arg(&fr)
        .arg(&en)
        .args(["--format", "json"]));
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["summary"]["suppressed"], 1, "{}", r.stdout);
    std::fs::write(
        dir.path().join("fr.txt.verbatim-ignore.toml"),
        "[[ignore]]\nrule = \"negation-mismatchh\"\nquote = \"x\"\n",
    )
    .unwrap();
    let r = run(verbatim().arg("check").arg(&fr).arg(&en));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("fr.txt.verbatim-ignore.toml") && r.stderr.contains("negation-mismatchh"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_rule_is_explained_with_an_example() {
    for rule in verbatim::Rule::ALL {
        let r = run(verbatim().args(["rules", rule.id()]));
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.contains("Example:") && r.stdout.contains(rule.summary()),
            "{}",
            r.stdout
        );
    }
    let r = run(verbatim().args(["rules", "number-mismatches"]));
    assert_eq!(r.code, 2);
}

/// The lines of the example workflow's gate step, as bash will run them.
fn workflow_script() -> String {
    let text = std::fs::read_to_string(root().join("examples/github-workflow.yml")).unwrap();
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("verbatim-gate:begin"))
        .skip(2)
        .take_while(|l| !l.contains("verbatim-gate:end"))
        .collect();
    let indent = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap();
    block
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn git(repo: &Path, args: &[&str]) {
    let out = Process::new("git")
        .current_dir(repo)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_example_workflow_gates_a_pull_request() {
    let repo = tempfile::tempdir().unwrap();
    let repo = repo.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.email", "desk@example.org"]);
    git(repo, &["config", "user.name", "Desk"]);
    copy_case("kim-putin", &repo.join("articles/kim"));
    copy_case("summit-two-sources", &repo.join("articles/older"));
    std::fs::write(
        repo.join("verbatim.toml"),
        "[check]\nbaseline = \"verbatim-baseline.toml\"\n",
    )
    .unwrap();
    std::fs::write(repo.join("verbatim-baseline.toml"), "version = 1\n").unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "articles so far"]);
    git(repo, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(repo, &["checkout", "-q", "-b", "budget"]);
    copy_case("budget-numbers", &repo.join("articles/budget"));
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "budget article"]);

    let bin = assert_cmd::cargo::cargo_bin("verbatim");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let summary = repo.join("step-summary.md");
    let gate = || {
        Process::new("bash")
            .args(["-e", "-c", &workflow_script()])
            .current_dir(repo)
            .env("PATH", &path)
            .env("BASE", "origin/main")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("NO_COLOR", "1")
            .env_remove("VERBATIM_FAIL_ON")
            .env_remove("VERBATIM_FORMAT")
            .output()
            .expect("bash runs")
    };
    let out = gate();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the misquotes block the merge: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let annotations: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("::error file=articles/budget/fr.txt,line="))
        .collect();
    assert_eq!(annotations.len(), 3, "{stdout}");
    assert!(
        !stdout.contains("articles/kim") && !stdout.contains("articles/older"),
        "only changed articles: {stdout}"
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("verbatim.sarif")).unwrap())
            .unwrap();
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 3);
    assert!(std::fs::read_to_string(&summary)
        .unwrap()
        .contains("verbatim: `articles/budget/fr.txt`"));

    // The desk approves the deviations in the baseline: the gate passes, still reporting them.
    let r = run(verbatim().current_dir(repo).args([
        "baseline",
        "create",
        "articles/budget/fr.txt",
        "articles/budget/en.txt",
        "--approved-by",
        "Night editor",
        "--reason",
        "figures checked against the ministry's corrected release",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    git(repo, &["commit", "-q", "-am", "approve the budget figures"]);
    let out = gate();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("verbatim.sarif")).unwrap())
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|r| r["suppressions"][0]["justification"]
        .as_str()
        .unwrap()
        .contains("Night editor")));

    // pre-commit runs the hook's entry on the changed files.
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .unwrap();
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("verbatim"));
    std::fs::remove_file(repo.join("verbatim-baseline.toml")).unwrap();
    std::fs::write(repo.join("verbatim-baseline.toml"), "version = 1\n").unwrap();
    let r = run(verbatim()
        .current_dir(repo)
        .args(words)
        .args(["articles/budget/fr.txt", "articles/kim/en.txt"]));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("error[number-mismatch]"), "{}", r.stdout);
}

#[test]
fn gate_refuses_what_it_cannot_check_and_says_when_nothing_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let lone = dir.path().join("articles/lone");
    std::fs::create_dir_all(&lone).unwrap();
    std::fs::copy(corpus("budget-numbers", "fr.txt"), lone.join("fr.txt")).unwrap();
    let r = run(verbatim().arg("gate").arg(lone.join("fr.txt")));
    assert_eq!(
        r.code, 2,
        "a translation without a source cannot pass: {}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("fr.txt: the translation has no source beside it"),
        "{}",
        r.stderr
    );

    let xml = dir.path().join("empty.xml");
    let r = run(verbatim()
        .arg("gate")
        .arg(dir.path().join("README.md"))
        .args(["--format", "junit", "--output"])
        .arg(&xml));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("nothing to check"), "{}", r.stderr);
    assert!(std::fs::read_to_string(&xml)
        .unwrap()
        .contains("<testsuites>"));
    assert_valid_junit(&xml);

    // Two articles: one JUnit testsuite each, and the worst exit status.
    copy_case("kim-putin", &dir.path().join("articles/kim"));
    copy_case("budget-numbers", &dir.path().join("articles/budget"));
    std::fs::remove_dir_all(&lone).unwrap();
    let xml = dir.path().join("all.xml");
    let r = run(verbatim()
        .arg("gate")
        .arg(dir.path().join("articles"))
        .args(["--format", "junit", "--output"])
        .arg(&xml));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let text = std::fs::read_to_string(&xml).unwrap();
    assert_eq!(text.matches("<testsuite ").count(), 2);
    assert!(text.contains("id=\"1\""));
    assert_valid_junit(&xml);
    // JSON stays one document: an array of check reports.
    let r = run(verbatim()
        .arg("gate")
        .arg(dir.path().join("articles"))
        .args(["--format", "json"]));
    let reports: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert_eq!(reports.as_array().map(Vec::len), Some(2), "{}", r.stdout);
    assert_eq!(reports[0]["version"], 1);
}

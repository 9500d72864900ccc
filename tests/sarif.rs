//! `--error-format sarif`: the log for real lint and breaking runs (snapshots), fingerprints that
//! survive inserted lines, and validation by Microsoft's SARIF multitool (installed from npm by
//! `scripts/install-sarif-multitool.sh`; skipped with a reason when it cannot be installed).

#![allow(clippy::print_stderr)] // a skipped validation says why

mod support;

use std::{path::Path, process::Command};

use serde_json::Value;
use support::{code, protogate, repo_root, run};

const LINT: &str = "fixtures/lint/field_lower_snake_case/fires";
const BREAKING: &str = "fixtures/breaking/field_no_delete/fires";

fn lint_log() -> String {
    let output = run(&protogate(), &["lint", LINT, "--error-format=sarif"]);
    assert_eq!(code(&output), 100, "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

fn breaking_log() -> String {
    let (after, before) = (format!("{BREAKING}/after"), format!("{BREAKING}/before"));
    let output = run(&protogate(), &["breaking", &after, "--against", &before, "--error-format=sarif"]);
    assert_eq!(code(&output), 100, "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn sarif_logs_for_lint_and_breaking() {
    insta::assert_snapshot!("sarif_lint", lint_log());
    insta::assert_snapshot!("sarif_breaking", breaking_log());
}

/// (rule id, fingerprint, start line) of every result of a log.
fn results(log: &str) -> Vec<(String, String, i64)> {
    let log: Value = serde_json::from_str(log).expect("SARIF is JSON");
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().expect("ruleId").to_owned(),
                r["partialFingerprints"]["protogate/v1"].as_str().expect("fingerprint").to_owned(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"].as_i64().expect("startLine"),
            )
        })
        .collect()
}

fn lint_in(dir: &Path) -> String {
    let output =
        Command::new(protogate()).args(["lint", "--error-format=sarif"]).current_dir(dir).output().expect("spawn");
    assert_eq!(code(&output), 100, "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn fingerprints_survive_a_line_inserted_above() {
    let temp = tempfile::tempdir().expect("temp dir");
    for name in ["a.proto", "buf.yaml"] {
        std::fs::copy(repo_root().join(LINT).join(name), temp.path().join(name)).expect("copy fixture");
    }
    let before = results(&lint_in(temp.path()));
    let file = temp.path().join("a.proto");
    let text = std::fs::read_to_string(&file).expect("read");
    let (head, tail) = text.split_at(text.find("message").expect("a message"));
    std::fs::write(&file, format!("{head}// A comment that moves everything below it.\n{tail}")).expect("write");
    let after = results(&lint_in(temp.path()));

    assert!(before.len() > 3, "{before:?}");
    assert_eq!(before.len(), after.len());
    for ((rule, print, line), (rule_after, print_after, line_after)) in before.iter().zip(&after) {
        assert_eq!((rule, print), (rule_after, print_after));
        assert_eq!(line + 1, *line_after, "the finding moved down one line");
    }
    let mut unique: Vec<&String> = before.iter().map(|(_, print, _)| print).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "one fingerprint per finding");
}

#[test]
fn sarif_multitool_accepts_the_logs() {
    let install = Command::new("bash").arg(repo_root().join("scripts/install-sarif-multitool.sh")).output();
    let tool = match install {
        Ok(output) if output.status.success() => String::from_utf8(output.stdout).expect("utf-8").trim().to_owned(),
        Ok(output) => {
            eprintln!("skipped: sarif-multitool not installable: {}", String::from_utf8_lossy(&output.stderr));
            return;
        }
        Err(error) => {
            eprintln!("skipped: cannot run bash: {error}");
            return;
        }
    };
    let temp = tempfile::tempdir().expect("temp dir");
    for (name, log) in [("lint.sarif", lint_log()), ("breaking.sarif", breaking_log())] {
        let (input, report) = (temp.path().join(name), temp.path().join(format!("{name}.validation")));
        std::fs::write(&input, log).expect("write log");
        let output = Command::new(&tool)
            .arg("validate")
            .arg(&input)
            .arg("--output")
            .arg(&report)
            .args(["--log", "ForceOverwrite"])
            .output()
            .expect("run sarif-multitool");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
        let validation: Value = serde_json::from_str(&std::fs::read_to_string(&report).expect("validation log"))
            .expect("validation log is JSON");
        let problems: Vec<String> = validation["runs"][0]["results"]
            .as_array()
            .map(|results| results.iter().map(|r| format!("{} {}", r["ruleId"], r["message"])).collect())
            .unwrap_or_default();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

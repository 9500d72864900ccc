//! Malformed inputs: every `fixtures/bad/<case>` is built and linted; protogate must never panic,
//! must exit with a documented code, and must print what buf 1.75 printed (recorded beside the
//! case in `buf-build.txt` / `buf-lint.txt`), except for the known gaps listed below.

#![allow(clippy::print_stdout, clippy::print_stderr)] // tests report their counts

mod support;

use support::{code, protogate, repo_root, run, sorted_dirs};

/// Cases where protox cannot tell what buf reports (see `src/compile/buf_errors/mod.rs`).
const KNOWN_GAPS: [&str; 2] = [
    // buf accepts an integer for an enum-typed option; protox rejects it.
    "ho2_field_option_bad_int",
    // buf 1.75 itself panics on this input.
    "syntax_unterminated_string",
];

fn cases() -> Vec<String> {
    sorted_dirs(&repo_root().join("fixtures/bad"))
}

fn recorded(case: &str, file: &str) -> (Vec<String>, i32) {
    let text = std::fs::read_to_string(repo_root().join("fixtures/bad").join(case).join(file)).unwrap_or_default();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let exit = lines.pop().and_then(|l| l.strip_prefix("exit=").and_then(|c| c.parse().ok())).unwrap_or(-1);
    (lines, exit)
}

fn alternatives(case: &str) -> Vec<String> {
    std::fs::read_to_string(repo_root().join("fixtures/bad").join(case).join("buf-build.alternatives.txt"))
        .map(|t| t.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn matches(got: &[String], expected: &[String], alternatives: &[String]) -> bool {
    got == expected || (!alternatives.is_empty() && !got.is_empty() && got.iter().all(|l| alternatives.contains(l)))
}

#[test]
fn malformed_inputs_fail_like_buf_and_never_panic() {
    let cases = cases();
    assert!(cases.len() >= 25, "expected the bad-input corpus, found {}", cases.len());
    let mut mismatches = Vec::new();
    for case in &cases {
        let input = format!("fixtures/bad/{case}");
        let build = run(&protogate(), &["build", &input]);
        let stderr = String::from_utf8_lossy(&build.stderr);
        assert!(!stderr.contains("panicked"), "{case}: protogate panicked:\n{stderr}");
        assert!([0, 1, 100].contains(&code(&build)), "{case}: undocumented exit code {}", code(&build));
        let (expected, expected_exit) = recorded(case, "buf-build.txt");
        // protogate's own `help:` lines follow buf's output; they are checked by the CLI tests.
        let got: Vec<String> = stderr.lines().filter(|l| !l.starts_with("  help: ")).map(str::to_owned).collect();
        let same = code(&build) == expected_exit && matches(&got, &expected, &alternatives(case));
        if expected_exit == 100 {
            let lint = run(&protogate(), &["lint", &input]);
            let lint_out: Vec<String> = String::from_utf8_lossy(&lint.stdout).lines().map(str::to_owned).collect();
            let (lint_expected, lint_exit) = recorded(case, "buf-lint.txt");
            let lint_same = code(&lint) == lint_exit && matches(&lint_out, &lint_expected, &alternatives(case));
            if !lint_same && !KNOWN_GAPS.contains(&case.as_str()) {
                mismatches.push(format!("{case} (lint)"));
            }
        }
        if !same && !KNOWN_GAPS.contains(&case.as_str()) {
            mismatches.push(format!(
                "{case}: expected exit {expected_exit} {expected:?}\n   got exit {} {got:?}",
                code(&build)
            ));
        }
    }
    println!("bad inputs: {} cases, {} unexpected mismatches", cases.len(), mismatches.len());
    assert!(mismatches.is_empty(), "mismatches with buf:\n{}", mismatches.join("\n"));
}

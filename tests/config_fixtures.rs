//! Config discovery and validation through the CLI: every `fixtures/config/<case>/` is linted
//! (with the extra arguments in its `args` file, one per line) and its exit code, stdout and
//! stderr are compared with the insta snapshot beside it.

mod support;

use support::{code, protogate, repo_root, run, sorted_dirs};

fn cases() -> Vec<String> {
    sorted_dirs(&repo_root().join("fixtures/config"))
}

#[test]
fn config_fixtures_match_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 15, "expected the config fixture set, found {}", cases.len());
    for case in cases {
        let dir = format!("fixtures/config/{case}");
        let extra = std::fs::read_to_string(repo_root().join(&dir).join("args")).unwrap_or_default();
        let mut args = vec!["lint".to_owned(), dir.clone()];
        args.extend(extra.lines().filter(|l| !l.is_empty()).map(str::to_owned));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&protogate(), &args);
        if case.starts_with("bad_") {
            assert_eq!(code(&output), 1, "{case} must fail with exit 1");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains("buf.yaml") || stderr.contains("buf.work.yaml") || stderr.contains("--config"),
                "{case}: the error names the file: {stderr}"
            );
        }
        let rendered = format!(
            "args: {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
            args.join(" "),
            code(&output),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(repo_root().join("fixtures/config"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(case.as_str(), rendered));
    }
}

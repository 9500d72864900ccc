//! Every lint fixture case, run through the CLI, against the insta snapshot stored beside it:
//! `fixtures/lint/<rule>/<case>/` (a buf input) → `fixtures/lint/<rule>/<case>.snap`.

mod support;

use support::{code, lint_cases, protogate, repo_root, run};

#[test]
fn lint_fixtures_match_snapshots() {
    let cases = lint_cases();
    assert!(!cases.is_empty(), "no lint fixtures found");
    for (rule, case) in &cases {
        let input = format!("fixtures/lint/{rule}/{case}");
        let output = run(&protogate(), &["lint", &input]);
        let rendered = format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            code(&output),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(repo_root().join("fixtures/lint").join(rule));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(&input);
        settings.bind(|| insta::assert_snapshot!(case.as_str(), rendered));
    }
}

//! Every breaking fixture case through the CLI, against the insta snapshot stored beside it:
//! `fixtures/breaking/<rule>/<case>/{before,after}/` → `fixtures/breaking/<rule>/<case>.snap`.

mod support;

use support::{breaking_args, breaking_cases, code, protogate, repo_root, run};

#[test]
fn breaking_fixtures_match_snapshots() {
    let cases = breaking_cases();
    assert!(!cases.is_empty(), "no breaking fixtures found");
    for (rule, case) in &cases {
        let args = breaking_args(rule, case);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&protogate(), &args);
        let rendered = format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            code(&output),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(repo_root().join("fixtures/breaking").join(rule));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(format!("fixtures/breaking/{rule}/{case}"));
        settings.bind(|| insta::assert_snapshot!(case.as_str(), rendered));
    }
}

//! `--error-format pretty` on real runs, without colour (not a terminal, and `NO_COLOR` set):
//! code frames with tabs and wide characters, rule purposes, the summary line; and the default
//! format off a terminal stays buf's `text`.

mod support;

use support::{code, protogate, run};

#[test]
fn pretty_lint_and_breaking() {
    let output = run(&protogate(), &["lint", "fixtures/lint/field_lower_snake_case/fires", "--error-format=pretty"]);
    assert_eq!(code(&output), 100);
    insta::assert_snapshot!("pretty_lint", String::from_utf8(output.stdout).expect("utf-8"));
    let dir = "fixtures/breaking/field_no_delete/fires";
    let (after, before) = (format!("{dir}/after"), format!("{dir}/before"));
    let output = run(&protogate(), &["breaking", &after, "--against", &before, "--error-format=pretty"]);
    assert_eq!(code(&output), 100);
    insta::assert_snapshot!("pretty_breaking", String::from_utf8(output.stdout).expect("utf-8"));
}

#[test]
fn no_color_escapes_and_text_by_default_off_a_terminal() {
    let fixture = "fixtures/lint/field_lower_snake_case/fires";
    let pretty = run(&protogate(), &["lint", fixture, "--error-format=pretty"]);
    assert!(!pretty.stdout.contains(&0x1b), "no ANSI escapes off a terminal");
    let default = run(&protogate(), &["lint", fixture]);
    let text = run(&protogate(), &["lint", fixture, "--error-format=text"]);
    assert_eq!(default.stdout, text.stdout);
}

//! `docs/rules/` is generated from the rule metadata (`protogate rules --format markdown --write
//! docs/rules`); this test fails when the committed pages differ from what the registry
//! generates now. Regenerate with `PROTOGATE_BLESS=1 cargo test --test rules_docs`.
//! Also snapshots what `protogate rules` prints for one rule, and its errors.

mod support;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use support::{code, protogate, repo_root, run};

fn write_catalogue(dir: &Path) {
    let dir = dir.to_str().unwrap();
    let output = run(&protogate(), &["rules", "--format", "markdown", "--write", dir]);
    assert_eq!(code(&output), 0, "{}", String::from_utf8_lossy(&output.stderr));
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let relative = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        found.insert(relative, std::fs::read_to_string(entry.path()).unwrap());
    }
    found
}

#[test]
fn docs_rules_matches_the_registry() {
    let committed = repo_root().join("docs/rules");
    if std::env::var_os("PROTOGATE_BLESS").is_some() {
        write_catalogue(&committed);
    }
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rules_docs");
    let _ = std::fs::remove_dir_all(&scratch);
    write_catalogue(&scratch);
    let (expected, actual) = (files(&scratch), files(&committed));
    let mut stale: Vec<String> = Vec::new();
    for (path, content) in &expected {
        match actual.get(path) {
            None => stale.push(format!("missing: {}", path.display())),
            Some(existing) if existing != content => stale.push(format!("outdated: {}", path.display())),
            Some(_) => {}
        }
    }
    stale
        .extend(actual.keys().filter(|path| !expected.contains_key(*path)).map(|p| format!("orphan: {}", p.display())));
    assert!(
        stale.is_empty(),
        "docs/rules is stale; regenerate with `PROTOGATE_BLESS=1 cargo test --test rules_docs`:\n{}",
        stale.join("\n")
    );
}

fn rendered(args: &[&str]) -> String {
    let output = run(&protogate(), args);
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        code(&output),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn one_rule_prints_its_docs() {
    insta::assert_snapshot!("rule_docs", rendered(&["rules", "lint", "FIELD_LOWER_SNAKE_CASE"]));
    insta::assert_snapshot!(
        "rule_docs_v1beta1",
        rendered(&["rules", "field_lower_snake_case", "--config-version", "v1beta1"])
    );
    insta::assert_snapshot!("rule_json", rendered(&["rules", "lint", "FIELD_LOWER_SNAKE_CASE", "--format", "json"]));
    insta::assert_snapshot!("rule_unknown", rendered(&["rules", "lint", "FIELD_LOWER_SNAKE"]));
    insta::assert_snapshot!("rule_unknown_kind", rendered(&["rules", "lnt", "FIELD_LOWER_SNAKE_CASE"]));
}

#[test]
fn write_needs_the_whole_markdown_catalogue() {
    let output = run(&protogate(), &["rules", "lint", "--write", "x"]);
    assert_eq!(code(&output), 1);
    let output = run(&protogate(), &["rules", "breaking"]);
    assert_eq!(code(&output), 0, "an empty catalogue is not an error");
}

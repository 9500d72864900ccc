//! The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit (from `PyPI`, installed by
//! `scripts/install-pre-commit.sh` into target/) in a throwaway repository that uses this
//! checkout's committed HEAD as its hook repository: a lint violation and a breaking change are
//! refused with the finding shown, a clean commit goes through.
//!
//! pre-commit clones HEAD and `cargo install`s it; the build is kept tolerable by a shared
//! target dir (target/pre-commit-cargo), an unoptimised release profile and offline cargo (the
//! crates are already in the local cache when this test's own build ran). Skipped, with the
//! reason printed, when pre-commit cannot be installed or HEAD has no hooks file.
#![allow(clippy::print_stderr)] // a skipped test says why

mod support;

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use support::repo_root;

const BUF_YAML: &str = "version: v2\nlint:\n  use: [FIELD_LOWER_SNAKE_CASE]\nbreaking:\n  use: [FILE]\n";
const GOOD: &str =
    "syntax = \"proto3\";\n\npackage shop.v1;\n\nmessage Order {\n  string id = 1;\n  string note = 2;\n}\n";

fn pre_commit() -> Option<PathBuf> {
    let output = Command::new("bash").arg(repo_root().join("scripts/install-pre-commit.sh")).output().ok()?;
    if output.status.success() {
        Some(PathBuf::from(String::from_utf8(output.stdout).ok()?.trim()))
    } else {
        eprintln!("skipped: pre-commit could not be installed from PyPI: {}", String::from_utf8_lossy(&output.stderr));
        None
    }
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git").args(args).current_dir(dir).envs(hook_env()).output().expect("run git")
}

/// What the hooks' build and run see: a shared cargo target dir, a fast release profile,
/// offline cargo, pre-commit's cache under target/.
fn hook_env() -> Vec<(&'static str, String)> {
    let target = repo_root().join("target");
    vec![
        ("CARGO_TARGET_DIR", target.join("pre-commit-cargo").display().to_string()),
        ("PRE_COMMIT_HOME", target.join("pre-commit-home").display().to_string()),
        ("CARGO_NET_OFFLINE", "true".to_owned()),
        ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0".to_owned()),
        ("CARGO_PROFILE_RELEASE_DEBUG", "false".to_owned()),
        ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256".to_owned()),
        ("GIT_AUTHOR_NAME", "t".to_owned()),
        ("GIT_AUTHOR_EMAIL", "t@example.com".to_owned()),
        ("GIT_COMMITTER_NAME", "t".to_owned()),
        ("GIT_COMMITTER_EMAIL", "t@example.com".to_owned()),
        ("NO_COLOR", "1".to_owned()),
    ]
}

fn combined(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn hooks_refuse_violations_and_breaking_changes() {
    let Some(pre_commit) = pre_commit() else { return };
    let head = git(repo_root(), &["rev-parse", "HEAD"]);
    let head = String::from_utf8(head.stdout).expect("utf-8").trim().to_owned();
    if !git(repo_root(), &["cat-file", "-e", &format!("{head}:.pre-commit-hooks.yaml")]).status.success() {
        eprintln!("skipped: HEAD ({head}) has no .pre-commit-hooks.yaml; commit it first");
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: protogate-lint\n      - id: protogate-breaking\n",
        repo_root().display()
    );
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).expect("write config");
    std::fs::write(dir.join("buf.yaml"), BUF_YAML).expect("write buf.yaml");
    std::fs::create_dir_all(dir.join("shop/v1")).expect("mkdir");
    std::fs::write(dir.join("shop/v1/order.proto"), GOOD).expect("write proto");
    assert!(git(dir, &["init", "-q", "-b", "main"]).status.success());
    assert!(git(dir, &["add", "."]).status.success());
    assert!(git(dir, &["commit", "-q", "-m", "start"]).status.success());
    let install = Command::new(&pre_commit).arg("install").current_dir(dir).envs(hook_env()).output().expect("run");
    assert!(install.status.success(), "{}", combined(&install));

    // A new file with a violation: refused, the finding shown (buf's text format in a hook).
    let bad = GOOD.replace("Order", "Cart").replace("note", "giftNote");
    std::fs::write(dir.join("shop/v1/cart.proto"), &bad).expect("write");
    git(dir, &["add", "."]);
    let refused = git(dir, &["commit", "-m", "cart"]);
    let log = combined(&refused);
    assert!(!refused.status.success(), "{log}");
    assert!(log.contains("shop/v1/cart.proto:7:10:Field name \"giftNote\" should be lower_snake_case"), "{log}");

    // Fixed: accepted.
    std::fs::write(dir.join("shop/v1/cart.proto"), bad.replace("giftNote", "gift_note")).expect("write");
    git(dir, &["add", "."]);
    let accepted = git(dir, &["commit", "-m", "cart"]);
    assert!(accepted.status.success(), "{}", combined(&accepted));

    // A breaking edit (a field deleted): refused.
    std::fs::write(dir.join("shop/v1/order.proto"), GOOD.replace("  string note = 2;\n", "")).expect("write");
    git(dir, &["add", "."]);
    let refused = git(dir, &["commit", "-m", "drop note"]);
    let log = combined(&refused);
    assert!(!refused.status.success(), "{log}");
    assert!(
        log.contains("Previously present field \"2\" with name \"note\" on message \"Order\" was deleted."),
        "{log}"
    );
}

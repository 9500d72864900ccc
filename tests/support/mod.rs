//! Shared helpers for integration tests: the pinned buf oracle and the protogate binary.
#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::OnceLock,
};

pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The pinned buf binary, installed by `scripts/install-buf.sh` on first use.
pub fn buf() -> &'static Path {
    static BUF: OnceLock<PathBuf> = OnceLock::new();
    BUF.get_or_init(|| {
        let output = Command::new("bash")
            .arg(repo_root().join("scripts/install-buf.sh"))
            .output()
            .expect("run scripts/install-buf.sh");
        assert!(output.status.success(), "install-buf.sh failed: {}", String::from_utf8_lossy(&output.stderr));
        PathBuf::from(String::from_utf8(output.stdout).expect("utf-8 path").trim())
    })
}

pub fn protogate() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_protogate"))
}

/// Runs `program args` in the repo root.
pub fn run(program: &Path, args: &[&str]) -> Output {
    Command::new(program).args(args).current_dir(repo_root()).env("NO_COLOR", "1").output().expect("spawn")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// The case directories of every rule folder, sorted.
pub fn lint_cases() -> Vec<(String, String)> {
    let mut cases = Vec::new();
    let root = repo_root().join("fixtures/lint");
    for rule in sorted_dirs(&root) {
        for case in sorted_dirs(&root.join(&rule)) {
            cases.push((rule.clone(), case));
        }
    }
    cases
}

/// The names of the directories in `dir`, sorted (the cases of a fixture folder).
pub fn sorted_dirs(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The breaking fixture cases: `fixtures/breaking/<rule>/<case>/{before,after}`.
pub fn breaking_cases() -> Vec<(String, String)> {
    let mut cases = Vec::new();
    let root = repo_root().join("fixtures/breaking");
    for rule in sorted_dirs(&root) {
        for case in sorted_dirs(&root.join(&rule)) {
            cases.push((rule.clone(), case));
        }
    }
    cases
}

/// `breaking <case>/after --against <case>/before`, plus the case's extra arguments (its
/// `args` file, one per line).
pub fn breaking_args(rule: &str, case: &str) -> Vec<String> {
    let dir = format!("fixtures/breaking/{rule}/{case}");
    let mut args = vec!["breaking".to_owned(), format!("{dir}/after"), "--against".to_owned(), format!("{dir}/before")];
    let extra = std::fs::read_to_string(repo_root().join(&dir).join("args")).unwrap_or_default();
    args.extend(extra.lines().filter(|l| !l.is_empty()).map(str::to_owned));
    args
}

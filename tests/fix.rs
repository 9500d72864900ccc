//! `lint --fix` on every case of `fixtures/fix/<case>/` (a buf input, plus an optional
//! `protogate.args` with extra flags), against the snapshot beside it (`<case>.snap`): the exit
//! code, the unified diff of every changed file, the fix summary and the findings that remain.
//! Each case also proves that the fixes are safe and complete: a second `--fix` changes nothing,
//! `breaking` against the original is clean at the fix category (without `--unsafe`), a failed
//! run writes nothing, and every changed line differs from the original only where a fix
//! edits (names, option values, deleted imports, added options).

mod support;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::{Command, Output},
};

use similar::{DiffOp, TextDiff};
use support::{code, protogate, repo_root, sorted_dirs};

fn cases() -> Vec<String> {
    sorted_dirs(&repo_root().join("fixtures/fix"))
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every .proto file below `dir` by relative path.
fn protos(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "proto"))
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("prefix").to_string_lossy().into_owned();
            (relative, std::fs::read_to_string(e.path()).expect("read"))
        })
        .collect()
}

fn extra_args(case_dir: &Path) -> Vec<String> {
    std::fs::read_to_string(case_dir.join("protogate.args"))
        .map(|text| text.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn lint_fix(dir: &Path, extra: &[String]) -> Output {
    Command::new(protogate())
        .args(["lint", "--fix", "--error-format", "text", "."])
        .args(extra)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("spawn protogate")
}

struct Workspace {
    _temp: tempfile::TempDir,
    original: PathBuf,
    work: PathBuf,
}

fn workspace(case: &str) -> Workspace {
    let temp = tempfile::tempdir().expect("tempdir");
    let (original, work) = (temp.path().join("original"), temp.path().join("work"));
    let source = repo_root().join("fixtures/fix").join(case);
    copy_tree(&source, &original);
    copy_tree(&source, &work);
    for dir in [&original, &work] {
        let _ = std::fs::remove_file(dir.join("protogate.args"));
    }
    Workspace { _temp: temp, original, work }
}

fn diff_all(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (path, old) in before {
        let new = after.get(path).expect("no file disappears");
        out.push_str(&protogate::fix::diff::unified(path, old, new, 1));
    }
    out
}

#[test]
fn fix_fixtures_match_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 10, "expected the fix fixtures, found {cases:?}");
    let mut fixable_files = 0;
    for case in &cases {
        let ws = workspace(case);
        let extra = extra_args(&repo_root().join("fixtures/fix").join(case));
        let before = protos(&ws.original);
        fixable_files += before.len();
        let output = lint_fix(&ws.work, &extra);
        let after = protos(&ws.work);
        let rendered = format!(
            "args: {}\nexit: {}\n--- diff\n{}--- stderr\n{}--- stdout\n{}",
            extra.join(" "),
            code(&output),
            diff_all(&before, &after),
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout),
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(repo_root().join("fixtures/fix"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(case.as_str(), rendered));

        if code(&output) == 1 {
            assert_eq!(before, after, "{case}: a failed --fix wrote files");
            continue;
        }
        for (path, old) in &before {
            assert_minimal(case, path, old, &after[path]);
        }
        let again = lint_fix(&ws.work, &extra);
        assert_eq!(protos(&ws.work), after, "{case}: a second --fix still changed files");
        let summary = String::from_utf8_lossy(&again.stderr);
        assert!(summary.contains("0 fixes applied"), "{case}: fixable findings remain:\n{summary}");
        if !extra.iter().any(|a| a == "--unsafe") {
            assert_breaking_clean(case, &ws, &extra);
        }
    }
    assert!(fixable_files >= 30, "only {fixable_files} fixture files");
}

fn assert_breaking_clean(case: &str, ws: &Workspace, extra: &[String]) {
    let category = extra.iter().position(|a| a == "--fix-category").map_or("WIRE_JSON", |i| extra[i + 1].as_str());
    let config = format!(r#"{{"version":"v1","breaking":{{"use":["{category}"]}}}}"#);
    let output = Command::new(protogate())
        .args(["breaking", "work", "--against", "original", "--config", &config])
        .current_dir(ws.work.parent().expect("temp dir"))
        .output()
        .expect("spawn protogate");
    assert_eq!(
        code(&output),
        0,
        "{case}: fixed input breaks the original at {category}:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every change is a line replaced by one that differs only in names and string contents, a
/// line that lost a statement, a deleted import line, or an added option line.
fn assert_minimal(case: &str, path: &str, old: &str, new: &str) {
    let diff = TextDiff::from_lines(old, new);
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    for op in diff.ops() {
        let ok = match *op {
            DiffOp::Equal { .. } => true,
            DiffOp::Delete { old_index, old_len, .. } => {
                old_lines[old_index..old_index + old_len].iter().all(|l| l.trim_start().starts_with("import "))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                new_lines[new_index..new_index + new_len].iter().all(|l| l.starts_with("option "))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                old_len == new_len
                    && (0..old_len).all(|i| {
                        let (a, b) = (old_lines[old_index + i], new_lines[new_index + i]);
                        skeleton(a) == skeleton(b) || a.starts_with(b)
                    })
            }
        };
        assert!(
            ok,
            "{case}/{path}: change is not minimal: {op:?}\n{}",
            protogate::fix::diff::unified(path, old, new, 0)
        );
    }
}

/// A line without its identifiers and the contents of its string literals: what a rename or a
/// new option value must leave as it was (spacing, punctuation, comments' punctuation).
fn skeleton(line: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    for c in line.chars() {
        if c == '"' {
            in_string = !in_string;
            out.push(c);
        } else if !(in_string || c.is_alphanumeric() || c == '_') {
            out.push(c);
        }
    }
    out
}

#[test]
fn fix_never_writes_when_the_result_does_not_compile() {
    let ws = workspace("compile_failure");
    let modified = |dir: &Path| -> Vec<std::time::SystemTime> {
        protos(dir).keys().map(|p| std::fs::metadata(dir.join(p)).and_then(|m| m.modified()).expect("mtime")).collect()
    };
    let (texts, times) = (protos(&ws.work), modified(&ws.work));
    let output = lint_fix(&ws.work, &["--unsafe".to_owned()]);
    assert_eq!(code(&output), 1, "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing was written"));
    assert_eq!(protos(&ws.work), texts);
    assert_eq!(modified(&ws.work), times);
    let leftovers: Vec<_> = walkdir::WalkDir::new(&ws.work)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_none_or(|x| x != "proto"))
        .map(|e| e.path().to_owned())
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
    // Without --unsafe the same input is fixed where it is safe, and the unsafe rename skipped.
    let output = lint_fix(&ws.work, &[]);
    assert_ne!(code(&output), 1, "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("skipped\t"));
    assert_ne!(protos(&ws.work), texts, "the unused import is removed");
}

#[test]
fn fix_refuses_non_directory_inputs() {
    let output = Command::new(protogate())
        .args(["lint", "--fix", ".git#branch=main"])
        .current_dir(repo_root())
        .output()
        .expect("spawn protogate");
    assert_eq!(code(&output), 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("--fix needs a directory input"));
}

/// How fixes read in `pretty` (changed lines, several files, an unsafe reason) and in SARIF
/// (`fixes` with one `artifactChange` per file), on fixtures with each kind of fix.
#[test]
fn pretty_and_sarif_show_fixes() {
    for case in ["message_renames_unsafe", "unused_imports", "option_reference", "go_package_affinity"] {
        let input = format!("fixtures/fix/{case}");
        for format in ["pretty", "sarif"] {
            let output = Command::new(protogate())
                .args(["lint", &input, "--error-format", format])
                .current_dir(repo_root())
                .env("NO_COLOR", "1")
                .output()
                .expect("spawn protogate");
            assert_eq!(code(&output), 100, "{}", String::from_utf8_lossy(&output.stderr));
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(stdout.contains(if format == "pretty" { "help: fix: " } else { "\"artifactChanges\"" }));
            insta::assert_snapshot!(format!("{format}_{case}"), stdout);
        }
    }
}

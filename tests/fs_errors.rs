//! File-system failures: each is exit 1 with a message naming the path and what to do, never a
//! panic. Trees are made at run time (links and loops cannot live in fixtures portably).

use std::{fmt::Write, fs, path::Path, process::Command};

fn protogate_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_protogate")).args(args).current_dir(dir).output().expect("spawn");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const VALID: &str = "syntax = \"proto3\";\npackage a;\nmessage A {}\n";

#[test]
fn failures_explain_themselves() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    // A cycle of links cannot be resolved: buf fails too (`EvalSymlinks: too many links`). A
    // dangling link, or a link back to a directory walked already, buf skips without a word.
    write(&dir.join("loop/a.proto"), VALID);
    std::os::unix::fs::symlink("c.proto", dir.join("loop/b.proto")).unwrap();
    std::os::unix::fs::symlink("b.proto", dir.join("loop/c.proto")).unwrap();
    write(&dir.join("dangling/a.proto"), VALID);
    std::os::unix::fs::symlink("missing.proto", dir.join("dangling/b.proto")).unwrap();
    fs::create_dir_all(dir.join("dangling/sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("dangling/sub/back")).unwrap();
    let (code, stderr) = protogate_in(dir, &["build", "dangling"]);
    assert_eq!(code, 0, "a dangling link and a link back to the root are skipped, as buf skips them: {stderr}");
    fs::create_dir_all(dir.join("empty/sub")).unwrap();
    write(&dir.join("empty/readme.txt"), "no protos here");
    write(&dir.join("file_input.txt"), "not a directory");
    write(&dir.join("roots/buf.yaml"), "version: v1beta1\nbuild:\n  roots: [proto]\n");
    write(&dir.join("roots/proto/a.proto"), VALID);
    write(&dir.join("roots/other/b.proto"), VALID);
    write(&dir.join("ok/a.proto"), VALID);

    let mut transcript = String::new();
    for args in [
        &["build", "loop"][..],
        &["build", "empty"],
        &["build", "does_not_exist"],
        &["build", "file_input.txt"],
        &["build", "ok", "--path", "../elsewhere"],
        &["build", "ok", "--path", "ok/missing.proto"],
        &["build", "roots", "--path", "roots/other/b.proto"],
        &["build", "ok", "-o", "out.unknown"],
        &["lint", "ok", "--error-format", "gcc"],
        &["lint", "ok#format=tar"],
        &["frobnicate"],
    ] {
        let (code, stderr) = protogate_in(dir, args);
        assert_eq!(code, 1, "{args:?} must fail with exit 1: {stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        writeln!(transcript, "$ protogate {}\nexit {code}: {first}", args.join(" ")).unwrap();
    }
    let transcript = transcript.replace(&dir.canonicalize().unwrap().display().to_string(), "<tmp>");
    insta::assert_snapshot!(transcript);
}

/// buf 1.75 on this tree: `common` sorts first and is walked (though excluded), so the link
/// `google -> common/google` is skipped and nothing below it is a target; an import still
/// reaches `google/api/x.proto` through the link, as an import (`isImport: true` in its image),
/// while the excluded path itself cannot be imported.
#[test]
fn files_behind_a_skipped_link_are_importable_but_not_targets() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    write(&dir.join("buf.yaml"), "version: v1\nbuild:\n  excludes:\n    - common\n");
    write(&dir.join("common/google/api/x.proto"), "syntax = \"proto3\";\npackage google.api;\nmessage X {}\n");
    std::os::unix::fs::symlink("common/google", dir.join("google")).unwrap();
    let importer = |import: &str| {
        format!("syntax = \"proto3\";\npackage a;\nimport \"{import}\";\nmessage A {{ google.api.X x = 1; }}\n")
    };
    write(&dir.join("a.proto"), &importer("google/api/x.proto"));

    let (code, stderr) = protogate_in(dir, &["build", ".", "-o", "image.json"]);
    assert_eq!(code, 0, "{stderr}");
    let image: serde_json::Value = serde_json::from_str(&fs::read_to_string(dir.join("image.json")).unwrap()).unwrap();
    let files: Vec<(String, bool)> = image["file"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_owned(), f["bufExtension"]["isImport"].as_bool().unwrap()))
        .collect();
    assert_eq!(files, [("google/api/x.proto".to_owned(), true), ("a.proto".to_owned(), false)]);

    write(&dir.join("a.proto"), &importer("common/google/api/x.proto"));
    let (code, stderr) = protogate_in(dir, &["build", "."]);
    assert_eq!(code, 100, "an excluded path stays unreachable: {stderr}");
    assert!(stderr.contains("a.proto:3:1:imported file does not exist"), "{stderr}");
}

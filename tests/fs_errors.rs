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
    write(&dir.join("loop/a.proto"), VALID);
    std::os::unix::fs::symlink("..", dir.join("loop/back")).unwrap();
    write(&dir.join("dangling/a.proto"), VALID);
    std::os::unix::fs::symlink("missing.proto", dir.join("dangling/b.proto")).unwrap();
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
        &["build", "dangling"],
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

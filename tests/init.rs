//! `protogate init`: detected module roots, files buf accepts, never an overwrite.

use std::process::Command;

#[test]
fn init_detects_roots_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, text) in [
        ("api/shop/v1/a.proto", "syntax = \"proto3\";\npackage shop.v1;\nmessage A {}\n"),
        ("api/shop/v1/b.proto", "syntax = \"proto3\";\npackage shop.v1;\nmessage B {}\n"),
        ("vendor/x/v1/c.proto", "syntax = \"proto3\";\npackage x.v1;\nmessage C {}\n"),
        ("target/stale/d.proto", "syntax = \"proto3\";\npackage stale;\n"),
    ] {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let run =
        |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_protogate")).args(args).current_dir(root).output().unwrap();
    let first = run(&["init"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let written = std::fs::read_to_string(root.join("buf.yaml")).unwrap()
        + &std::fs::read_to_string(root.join("buf.gen.yaml")).unwrap();
    insta::assert_snapshot!(written);
    let lint = run(&["lint"]);
    assert_eq!(
        lint.status.code(),
        Some(0),
        "the written config lints the tree: {}",
        String::from_utf8_lossy(&lint.stdout)
    );
    let again = run(&["init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    assert_eq!(
        std::fs::read_to_string(root.join("buf.yaml")).unwrap()
            + &std::fs::read_to_string(root.join("buf.gen.yaml")).unwrap(),
        written
    );
}

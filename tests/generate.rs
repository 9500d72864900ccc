//! `protogate generate`: the built-in Rust generator on the reference protos, idempotent
//! writes, `--check`, and protoc plugins over the standard protocol (a small Python plugin
//! made by the test), including every way a plugin can fail.

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    process::{Command, Output},
    time::SystemTime,
};

fn protogate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protogate"))
        .args(args)
        .current_dir(dir)
        .env("PROTOC", "/nonexistent/protoc")
        .output()
        .unwrap()
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy(&repo.join("proto"), &dir.path().join("proto"));
    std::fs::copy(repo.join("buf.yaml"), dir.path().join("buf.yaml")).unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        if entry.path().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn mtimes(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    out.sort();
    out
}

const RUST_TEMPLATE: &str = "version: v2\nplugins:\n  - local: protogate-rust\n    out: gen\n    opt: [server, client, file_descriptor_set]\ninputs:\n  - directory: proto\n";

#[test]
fn rust_generation_is_idempotent_and_checkable() {
    let dir = project();
    let root = dir.path();
    std::fs::write(root.join("buf.gen.yaml"), RUST_TEMPLATE).unwrap();
    let first = protogate(root, &["generate"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let files: Vec<String> =
        mtimes(&root.join("gen")).iter().map(|(p, _)| p.strip_prefix(root).unwrap().display().to_string()).collect();
    assert_eq!(files, ["gen/ecommerce/v1.rs", "gen/ecommerce.rs", "gen/file_descriptor_set.bin", "gen/mod.rs"]);
    let code = std::fs::read_to_string(root.join("gen/ecommerce/v1.rs")).unwrap();
    for expected in [
        "pub struct Product {",
        "pub mod product_service_server {",
        "pub mod product_service_client {",
        "::prost_types::Timestamp",
    ] {
        assert!(code.contains(expected), "generated code lacks {expected:?}");
    }
    insta::assert_snapshot!(
        "module_tree_root",
        std::fs::read_to_string(root.join("gen/mod.rs")).unwrap()
            + &std::fs::read_to_string(root.join("gen/ecommerce.rs")).unwrap()
    );

    let before = mtimes(&root.join("gen"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = protogate(root, &["generate"]);
    assert_eq!(String::from_utf8_lossy(&second.stderr), "protogate generate: 0 file(s) written\n");
    assert_eq!(before, mtimes(&root.join("gen")), "an unchanged file was rewritten");
    assert_eq!(protogate(root, &["generate", "--check"]).status.code(), Some(0));

    let product = root.join("proto/ecommerce/v1/product.proto");
    let text = std::fs::read_to_string(&product).unwrap();
    std::fs::write(&product, text.replacen("string sku = 11;", "string sku = 11;\n  string barcode = 17;", 1)).unwrap();
    let check = protogate(root, &["generate", "--check"]);
    assert_eq!(check.status.code(), Some(100));
    let diff = String::from_utf8_lossy(&check.stdout);
    assert!(diff.contains("+    pub barcode: ::prost::alloc::string::String,"), "{diff}");
    assert!(diff.contains("Binary file"), "{diff}");
    assert_eq!(before, mtimes(&root.join("gen")), "--check wrote something");
}

/// A protoc plugin written in Python: it answers according to its first argument.
const PLUGIN: &str = r#"import sys
def varint(n):
    out = b""
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])
def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload
mode = sys.argv[1]
request = sys.stdin.buffer.read()
if mode == "crash":
    sys.stderr.write("plugin exploded\n")
    sys.exit(3)
if mode == "error":
    sys.stdout.buffer.write(field(1, b"unsupported option"))
    sys.exit(0)
name = {"ok": b"hello/world.txt", "escape": b"../outside.txt"}[mode]
sys.stdout.buffer.write(field(15, field(1, name) + field(15, b"request bytes: %d\n" % len(request))))
"#;

fn plugin_template(root: &Path, mode: &str) -> String {
    let script = root.join("plugin.py");
    std::fs::write(&script, PLUGIN).unwrap();
    format!("version: v2\nplugins:\n  - local: [python3, {}, {mode}]\n    out: out\n", script.display())
}

#[test]
fn protoc_plugins_run_and_fail_cleanly() {
    let dir = project();
    let root = dir.path();
    let ok = protogate(root, &["generate", "proto", "--template", &plugin_template(root, "ok")]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let written = std::fs::read_to_string(root.join("out/hello/world.txt")).unwrap();
    assert!(written.starts_with("request bytes: "), "{written}");
    let before = mtimes(&root.join("out"));
    let mut transcript = String::new();
    for (what, template) in [
        ("exits non-zero", plugin_template(root, "crash")),
        ("reports an error", plugin_template(root, "error")),
        ("writes outside out", plugin_template(root, "escape")),
        ("is not installed", "version: v2\nplugins:\n  - local: protoc-gen-nonexistent\n    out: out\n".to_owned()),
        ("is remote", "version: v2\nplugins:\n  - remote: buf.build/protocolbuffers/go\n    out: out\n".to_owned()),
        (
            "has an unknown option",
            "version: v2\nplugins:\n  - local: protogate-rust\n    out: out\n    opt: [flux_capacitor]\n".to_owned(),
        ),
    ] {
        let output = protogate(root, &["generate", "proto", "--template", &template]);
        let stderr = String::from_utf8_lossy(&output.stderr).replace(&root.display().to_string(), "<tmp>");
        assert_eq!(output.status.code(), Some(1), "a plugin that {what}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        writeln!(transcript, "plugin that {what}:\n{}", stderr.trim_end()).unwrap();
        assert_eq!(before, mtimes(&root.join("out")), "a failing plugin ({what}) changed the previous output");
    }
    assert!(!root.join("outside.txt").exists());
    std::fs::write(root.join("blocked"), "a file, not a directory").unwrap();
    let template = "version: v2\nplugins:\n  - local: protogate-rust\n    out: blocked\n";
    let output = protogate(root, &["generate", "proto", "--template", template]);
    assert_eq!(output.status.code(), Some(1));
    transcript.push_str(&String::from_utf8_lossy(&output.stderr).replace(&root.display().to_string(), "<tmp>"));
    insta::assert_snapshot!("plugin_failures", transcript);
}

//! `protogate scaffold`: the crates it writes for the reference protos and for a two-package tree
//! (every RPC kind, types across packages, nested and well-known types) compile with
//! `cargo check`, re-running keeps hand-edited files, and its buf.gen.yaml keeps
//! `protogate generate --check` clean.

use std::{
    path::Path,
    process::{Command, Output},
};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scaffold(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protogate"))
        .arg("scaffold")
        .args(args)
        .current_dir(repo())
        .env("PROTOC", "/nonexistent/protoc")
        .output()
        .unwrap()
}

fn scaffold_ok(input: &str, dir: &Path, name: &str) -> String {
    let output = scaffold(&[input, "-o", dir.to_str().unwrap(), "--name", name]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "scaffold {input} failed: {stderr}");
    stderr
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `cargo check --offline` of a scaffolded crate. All of them share one target directory under
/// this repository's target/, so tonic and its dependencies compile once; the repository's
/// Cargo.lock pins the same versions protogate itself is tested with.
fn cargo_check(dir: &Path) {
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // The workspace's own target directory: `cargo clippy` (run first by .ci/run) has already
    // checked tonic and its dependencies there.
    let target = repo().join("target");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["check", "--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo check of {} failed:\n{stderr}", dir.display());
    assert!(!stderr.contains("warning"), "cargo check of {} warned:\n{stderr}", dir.display());
}

#[test]
fn reference_protos_scaffold_a_crate_that_compiles() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("shop-server");
    let stderr = scaffold_ok("proto", &dir, "shop-server");
    assert!(stderr.contains("(6 service(s))"), "{stderr}");
    for service in ["chat", "order", "price", "product", "upload", "user"] {
        assert!(dir.join(format!("src/services/{service}_service.rs")).is_file(), "{service}");
    }
    for generated in ["mod.rs", "ecommerce.rs", "ecommerce/v1.rs", "file_descriptor_set.bin"] {
        assert!(dir.join("src/generated").join(generated).is_file(), "{generated}");
    }
    let main = read(&dir.join("src/main.rs"));
    assert!(main.contains("ChatServiceServer::with_interceptor("), "{main}");
    assert!(main.contains("use shop_server::generated::ecommerce::v1::chat_service_server::ChatServiceServer;"));
    cargo_check(&dir);
}

#[test]
fn two_packages_scaffold_every_rpc_kind() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("inventory");
    scaffold_ok("fixtures/scaffold", &dir, "inventory");
    insta::assert_snapshot!("inventory_cargo_toml", read(&dir.join("Cargo.toml")));
    insta::assert_snapshot!("inventory_lib_rs", read(&dir.join("src/lib.rs")));
    insta::assert_snapshot!("inventory_main_rs", read(&dir.join("src/main.rs")));
    insta::assert_snapshot!("inventory_service_rs", read(&dir.join("src/services/inventory_service.rs")));
    assert!(dir.join("src/services/currency_service.rs").is_file());
    cargo_check(&dir);

    // The crate's buf.gen.yaml regenerates exactly what scaffold wrote.
    let check =
        Command::new(env!("CARGO_BIN_EXE_protogate")).args(["generate", "--check"]).current_dir(&dir).output().unwrap();
    assert!(
        check.status.success(),
        "generate --check in the scaffolded crate: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn rerunning_keeps_hand_edited_files_and_refreshes_generated_code() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("inventory");
    scaffold_ok("fixtures/scaffold", &dir, "inventory");
    let service = dir.join("src/services/inventory_service.rs");
    let edited = read(&service).replace("let _ = request;", "let _ = (request, \"mine\");");
    std::fs::write(&service, &edited).unwrap();
    std::fs::remove_file(dir.join("src/generated/acme/common/v1.rs")).unwrap();
    std::fs::remove_file(dir.join("src/services/currency_service.rs")).unwrap();

    let stderr = scaffold_ok("fixtures/scaffold", &dir, "inventory");
    assert_eq!(read(&service), edited, "a hand-edited file was overwritten");
    assert!(stderr.contains("kept ") && stderr.contains("inventory_service.rs"), "{stderr}");
    assert!(!stderr.contains("lib.rs"), "unchanged files are not reported: {stderr}");
    assert!(stderr.contains("2 file(s) written"), "{stderr}");
    assert!(dir.join("src/generated/acme/common/v1.rs").is_file());
    assert!(dir.join("src/services/currency_service.rs").is_file());
}

#[test]
fn refusals_explain_themselves() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let output = scaffold(&["proto", "-o", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("exists and is not a directory"));

    let output = scaffold(&["proto", "-o", temp.path().join("x").to_str().unwrap(), "--name", "Bad Name"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a valid crate name"));

    let no_services = temp.path().join("messages");
    std::fs::create_dir_all(&no_services).unwrap();
    std::fs::write(no_services.join("m.proto"), "syntax = \"proto3\";\npackage m.v1;\nmessage M {}\n").unwrap();
    let output = scaffold(&[no_services.to_str().unwrap(), "-o", temp.path().join("y").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("declares no service"));
    assert!(!temp.path().join("y").exists(), "nothing is written on failure");
}

/// The scaffold's dependency versions are the reference server's (examples/ecommerce).
#[test]
fn dependency_versions_match_the_reference_server() {
    let template = read(&repo().join("templates/Cargo.toml.j2"));
    let example = read(&repo().join("examples/ecommerce/Cargo.toml"));
    let version = |text: &str, name: &str| {
        let line = text
            .lines()
            .find(|line| line.starts_with(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("no {name} in {text}"));
        let value = line.split_once(" = ").unwrap().1;
        value.split('"').nth(1).unwrap_or(value).to_owned()
    };
    for name in
        ["prost", "prost-types", "tokio", "tonic", "tonic-health", "tonic-prost", "tonic-reflection", "tonic-web"]
    {
        assert_eq!(version(&template, name), version(&example, name), "{name}");
    }
}

//! The reference server's generated code (examples/ecommerce/src/generated) is exactly what
//! `protogate generate` produces from proto/ today, with no protoc anywhere (`PROTOC` points at
//! a missing file). The workspace build then compiles that code.

use std::process::Command;

#[test]
fn committed_generated_code_is_fresh() {
    let output = Command::new(env!("CARGO_BIN_EXE_protogate"))
        .args(["generate", "--check"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PROTOC", "/nonexistent/protoc")
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "examples/ecommerce/src/generated is stale; run `cargo run -- generate` at the repository root:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

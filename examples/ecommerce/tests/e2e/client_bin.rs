//! The example client binary against a live server.

use std::process::Command;

use crate::common::{TOKEN, TestServer, within};

#[tokio::test]
async fn client_binary_exercises_every_rpc_kind() {
    let server = TestServer::start().await;
    let addr = server.addr.to_string();
    let run = move || Command::new(env!("CARGO_BIN_EXE_client")).args(["--addr", &addr, "--token", TOKEN]).output();
    let output = within(tokio::task::spawn_blocking(run)).await.unwrap().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for expected in [
        "user: Some(User { id: \"user-1\"",
        "page 3 of 5 products: [\"prod-0005 Single-origin coffee beans\"]",
        "product (live price)",
        "GetProduct prod-9999: NotFound",
        "[ErrorInfo reason=PRODUCT_NOT_FOUND",
        "[BadRequest name: required]",
        "GetPrice within 1ms: DeadlineExceeded",
        "status: delivered at shipping address",
        "uploaded: UploadFileResponse { file_id: \"file-0001\", total_size: 10000",
        "chat [support] user-1: Thanks!",
        "== done",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }

    let wrong = server.addr.to_string();
    let run = move || Command::new(env!("CARGO_BIN_EXE_client")).args(["--addr", &wrong, "--token", "nope"]).output();
    let output = within(tokio::task::spawn_blocking(run)).await.unwrap().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Unauthenticated"));
}

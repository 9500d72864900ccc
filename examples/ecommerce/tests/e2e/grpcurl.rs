//! grpcurl against the server, knowing the API only through server reflection (grpcurl 1.8.6
//! speaks reflection v1alpha). grpcurl comes from `scripts/install-grpcurl.sh`; when that
//! cannot install it, the test says so and passes without running.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{TOKEN, TestServer, within};

fn install() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install-grpcurl.sh");
    match Command::new("bash").arg(&script).output() {
        Ok(out) if out.status.success() => Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())),
        Ok(out) => {
            eprintln!(
                "skipping the grpcurl test: {} failed:\n{}",
                script.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            None
        }
        Err(e) => {
            eprintln!("skipping the grpcurl test: cannot run {}: {e}", script.display());
            None
        }
    }
}

/// Runs `grpcurl -plaintext [-H authorization…] FLAGS ADDR COMMAND…` with a ten-second limit.
async fn grpcurl(bin: &Path, addr: &str, authed: bool, flags: &[&str], command: &[&str]) -> Output {
    let mut cmd = Command::new(bin);
    cmd.args(["-plaintext", "-connect-timeout", "5", "-max-time", "10"]);
    if authed {
        cmd.args(["-H", &format!("authorization: Bearer {TOKEN}")]);
    }
    cmd.args(flags).arg(addr).args(command);
    within(tokio::task::spawn_blocking(move || cmd.output())).await.unwrap().expect("grpcurl runs")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "grpcurl failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn grpcurl_lists_describes_and_calls_through_reflection() {
    let Some(bin) = tokio::task::spawn_blocking(install).await.unwrap() else { return };
    let server = TestServer::start().await;
    let addr = server.addr.to_string();

    let services = stdout(&grpcurl(&bin, &addr, true, &[], &["list"]).await);
    for service in ecommerce_example::SERVICE_NAMES.into_iter().chain(["grpc.health.v1.Health"]) {
        assert!(services.lines().any(|l| l == service), "{service} missing from:\n{services}");
    }
    // Reflection needs no token.
    assert_eq!(stdout(&grpcurl(&bin, &addr, false, &[], &["list"]).await), services);

    let described = stdout(&grpcurl(&bin, &addr, true, &[], &["describe", "ecommerce.v1.ProductService"]).await);
    assert!(described.contains("ecommerce.v1.ProductService is a service:"), "{described}");
    let rpc = "rpc GetProduct ( .ecommerce.v1.GetProductRequest ) returns ( .ecommerce.v1.GetProductResponse );";
    assert!(described.contains(rpc), "{described}");

    // grpcurl 1.8.6 reads a FieldMask from reflection as a plain message, not as the JSON string.
    let request = ["-d", r#"{"product_id": "prod-0001", "read_mask": {"paths": ["name", "price"]}}"#];
    let product = stdout(&grpcurl(&bin, &addr, true, &request, &["ecommerce.v1.ProductService/GetProduct"]).await);
    assert!(product.contains(r#""name": "Mechanical keyboard""#), "{product}");
    assert!(product.contains(r#""currencyCode": "USD""#), "{product}");
    assert!(!product.contains("sku"), "the read mask leaves the SKU out: {product}");

    let request = ["-d", r#"{"order_id": "order-0001"}"#];
    let updates = stdout(&grpcurl(&bin, &addr, true, &request, &["ecommerce.v1.OrderService/TrackOrder"]).await);
    let statuses: Vec<&str> = updates
        .lines()
        .filter_map(|l| l.trim().strip_prefix(r#""status": ""#))
        .map(|rest| rest.trim_end_matches(['"', ',']))
        .collect();
    assert_eq!(statuses, ["preparing", "shipped", "in_transit", "out_for_delivery", "delivered"], "{updates}");

    let anonymous = grpcurl(&bin, &addr, false, &["-d", "{}"], &["ecommerce.v1.UserService/GetUser"]).await;
    assert!(!anonymous.status.success());
    assert!(String::from_utf8_lossy(&anonymous.stderr).contains("Unauthenticated"));
}

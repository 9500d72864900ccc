//! What surrounds the services: authentication, deadlines, health, reflection, graceful shutdown.

use std::time::{Duration, Instant};

use ecommerce_example::pb::order_service_client::OrderServiceClient;
use ecommerce_example::pb::product_service_client::ProductServiceClient;
use ecommerce_example::pb::{GetPriceRequest, GetProductRequest, Money, TrackOrderRequest};
use ecommerce_example::{Options, SERVICE_NAMES};
use prost::Message as _;
use tonic::{Code, Request};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_types::StatusExt as _;

use crate::common::{TestServer, fast, mask, within};

#[tokio::test]
async fn calls_without_the_bearer_token_are_unauthenticated() {
    let server = TestServer::start().await;
    let mut anonymous = ProductServiceClient::new(server.channel().await);
    let status = within(anonymous.get_product(GetProductRequest::default())).await.unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(status.get_error_details().error_info().unwrap().reason, "MISSING_CREDENTIALS");

    let mut request = Request::new(GetProductRequest { product_id: "prod-0001".into(), read_mask: None });
    request.metadata_mut().insert("authorization", "Bearer wrong".parse().unwrap());
    let status = within(anonymous.get_product(request)).await.unwrap_err();
    assert_eq!(status.get_error_details().error_info().unwrap().reason, "INVALID_TOKEN");

    // Streaming methods are guarded too, before the stream starts.
    let mut orders = OrderServiceClient::new(server.channel().await);
    let status = within(orders.track_order(TrackOrderRequest { order_id: "order-0001".into() })).await.unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated);
}

#[tokio::test]
async fn health_reports_every_service_serving_without_a_token() {
    let server = TestServer::start().await;
    let mut health = HealthClient::new(server.channel().await);
    for service in std::iter::once("").chain(SERVICE_NAMES) {
        let request = HealthCheckRequest { service: service.into() };
        let response = within(health.check(request)).await.unwrap().into_inner();
        assert_eq!(response.status(), ServingStatus::Serving, "{service:?}");
    }
    let unknown = HealthCheckRequest { service: "ecommerce.v1.NoSuchService".into() };
    assert_eq!(within(health.check(unknown)).await.unwrap_err().code(), Code::NotFound);
}

#[tokio::test]
async fn reflection_v1_lists_services_and_serves_their_files() {
    use tonic_reflection::pb::v1::ServerReflectionRequest;
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

    let server = TestServer::start().await;
    let mut reflection = ServerReflectionClient::new(server.channel().await);
    let requests = [
        MessageRequest::ListServices(String::new()),
        MessageRequest::FileContainingSymbol("ecommerce.v1.ProductService".into()),
    ]
    .map(|request| ServerReflectionRequest { host: String::new(), message_request: Some(request) });
    let mut responses =
        within(reflection.server_reflection_info(tokio_stream::iter(requests))).await.unwrap().into_inner();

    let Some(MessageResponse::ListServicesResponse(list)) =
        within(responses.message()).await.unwrap().unwrap().message_response
    else {
        panic!("expected a list of services");
    };
    let mut names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
    names.sort();
    let mut expected: Vec<String> = SERVICE_NAMES.iter().map(|s| (*s).to_string()).collect();
    expected.extend(["grpc.health.v1.Health".into(), "grpc.reflection.v1.ServerReflection".into()]);
    expected.sort();
    assert_eq!(names, expected);

    let Some(MessageResponse::FileDescriptorResponse(files)) =
        within(responses.message()).await.unwrap().unwrap().message_response
    else {
        panic!("expected file descriptors");
    };
    let files: Vec<String> = files
        .file_descriptor_proto
        .iter()
        .map(|bytes| prost_types::FileDescriptorProto::decode(bytes.as_slice()).unwrap().name().to_string())
        .collect();
    assert!(files.contains(&"ecommerce/v1/product.proto".to_string()), "{files:?}");
}

#[tokio::test]
async fn reflection_v1alpha_lists_services_for_older_tools() {
    use tonic_reflection::pb::v1alpha::ServerReflectionRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse;

    let server = TestServer::start().await;
    let mut reflection = ServerReflectionClient::new(server.channel().await);
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut responses =
        within(reflection.server_reflection_info(tokio_stream::iter([request]))).await.unwrap().into_inner();
    let Some(MessageResponse::ListServicesResponse(list)) =
        within(responses.message()).await.unwrap().unwrap().message_response
    else {
        panic!("expected a list of services");
    };
    assert!(list.service.iter().any(|s| s.name == "ecommerce.v1.OrderService"));
}

fn slow_pricing() -> Options {
    Options { price_latency: Duration::from_millis(300), ..fast() }
}

#[tokio::test]
async fn get_price_fails_fast_when_the_deadline_is_too_short() {
    let server = TestServer::with(slow_pricing()).await;
    let mut prices = server.prices().await;
    let mut request = Request::new(GetPriceRequest { product_id: "prod-0002".into() });
    request.set_timeout(Duration::from_millis(100));
    let started = Instant::now();
    let status = within(prices.get_price(request)).await.unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    assert!(started.elapsed() < Duration::from_millis(250), "failed fast, not after the work");

    let mut request = Request::new(GetPriceRequest { product_id: "prod-0002".into() });
    request.set_timeout(Duration::from_secs(3));
    let price = within(prices.get_price(request)).await.unwrap().into_inner().price;
    assert_eq!(price, Some(Money { currency_code: "USD".into(), units: 199, nanos: 0 }));
}

#[tokio::test]
async fn get_product_gives_the_price_call_part_of_its_deadline() {
    let server = TestServer::with(slow_pricing()).await;
    let mut products = server.products().await;
    let get = |timeout: Duration| {
        let mut request =
            Request::new(GetProductRequest { product_id: "prod-0002".into(), read_mask: mask(&["price"]) });
        request.set_timeout(timeout);
        request
    };
    let source = |response: &tonic::Response<_>| {
        response.metadata().get("x-price-source").unwrap().to_str().unwrap().to_string()
    };
    let live = within(products.get_product(get(Duration::from_secs(3)))).await.unwrap();
    assert_eq!(source(&live), "live");
    // 80% of 250 ms is less than the 300 ms a quote takes: the cached price, at once.
    let started = Instant::now();
    let cached = within(products.get_product(get(Duration::from_millis(250)))).await.unwrap();
    assert_eq!(source(&cached), "cached");
    assert!(started.elapsed() < Duration::from_millis(200));
    assert_eq!(cached.into_inner().product.unwrap().price.unwrap().units, 199);
    // Under 100 ms left, GetProduct does not start at all.
    let status = within(products.get_product(get(Duration::from_millis(50)))).await.unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded);
}

#[tokio::test]
async fn shutdown_finishes_calls_in_flight_then_stops() {
    let mut server = TestServer::with(Options { track_interval: Duration::from_millis(50), ..fast() }).await;
    let mut orders = server.orders().await;
    let addr = server.addr;
    let mut stream =
        within(orders.track_order(TrackOrderRequest { order_id: "order-0001".into() })).await.unwrap().into_inner();
    assert!(within(stream.message()).await.unwrap().is_some());
    server.begin_shutdown();
    let mut received = 1;
    while within(stream.message()).await.unwrap().is_some() {
        received += 1;
    }
    assert_eq!(received, 5, "the stream in flight ran to its end");
    within(server.stop()).await.unwrap();
    let after = tokio::net::TcpStream::connect(addr).await;
    assert!(after.is_err(), "nothing listens any more");
}

//! Exercises every kind of RPC of the ecommerce reference server through the generated clients
//! and prints what comes back.
//!
//! ```text
//! client [--addr http://127.0.0.1:50051] [--token TOKEN]
//! ```
//!
//! `ECOMMERCE_ADDR` (a `host:port` gets `http://` prepended) and `ECOMMERCE_TOKEN` stand in for
//! the flags.

use std::process::ExitCode;
use std::time::Duration;

use ecommerce_example::errors::describe;
use ecommerce_example::middleware::BearerToken;
use ecommerce_example::pb::chat_service_client::ChatServiceClient;
use ecommerce_example::pb::order_service_client::OrderServiceClient;
use ecommerce_example::pb::price_service_client::PriceServiceClient;
use ecommerce_example::pb::product_service_client::ProductServiceClient;
use ecommerce_example::pb::upload_service_client::UploadServiceClient;
use ecommerce_example::pb::user_service_client::UserServiceClient;
use ecommerce_example::pb::{
    ChatMessage, ChatRequest, CreateOrderRequest, CreateProductRequest, FileChunk, GetPriceRequest, GetProductRequest,
    GetUserRequest, ListProductsRequest, Money, OrderItem, TrackOrderRequest, UploadFileRequest,
};
use ecommerce_example::services::upload::sha256_hex;
use tokio_stream::StreamExt as _;
use tonic::Request;
use tonic::transport::{Channel, Endpoint};

type Error = Box<dyn std::error::Error + Send + Sync>;

const USAGE: &str = "usage: client [--addr http://HOST:PORT] [--token TOKEN]   (env: ECOMMERCE_ADDR, ECOMMERCE_TOKEN)";

#[tokio::main]
async fn main() -> ExitCode {
    let mut addr = std::env::var("ECOMMERCE_ADDR").unwrap_or_else(|_| "127.0.0.1:50051".into());
    let mut token = std::env::var("ECOMMERCE_TOKEN").unwrap_or_else(|_| "dev-token".into());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--addr", Some(value)) => addr = value,
            ("--token", Some(value)) => token = value,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if !addr.contains("://") {
        addr = format!("http://{addr}");
    }
    match run(addr, &token).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<tonic::Status>() {
                Some(status) => eprintln!("client error: {}", describe(status)),
                None => eprintln!("client error: {e}"),
            }
            ExitCode::FAILURE
        }
    }
}

async fn run(addr: String, token: &str) -> Result<(), Error> {
    let channel = Endpoint::from_shared(addr)?
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .connect()
        .await?;
    let auth = BearerToken::new(token)?;
    unary(&channel, &auth).await?;
    errors_and_deadlines(&channel, &auth).await?;
    streaming(channel, auth).await?;
    println!("== done");
    Ok(())
}

async fn unary(channel: &Channel, auth: &BearerToken) -> Result<(), Error> {
    println!("== unary: UserService.GetUser");
    let mut users = UserServiceClient::with_interceptor(channel.clone(), auth.clone());
    let user = users.get_user(GetUserRequest { user_id: "user-1".into() }).await?.into_inner().user;
    println!("user: {user:?}");

    println!("== unary: ProductService.ListProducts, two per page");
    let mut products = ProductServiceClient::with_interceptor(channel.clone(), auth.clone());
    let mut page_token = String::new();
    for page in 1..=10 {
        let mask = prost_types::FieldMask { paths: vec!["id".into(), "name".into()] };
        let request = ListProductsRequest { page_size: 2, page_token, read_mask: Some(mask), ..Default::default() };
        let response = products.list_products(request).await?.into_inner();
        let names: Vec<_> = response.products.iter().map(|p| format!("{} {}", p.id, p.name)).collect();
        println!("page {page} of {} products: {names:?}", response.total_size);
        if response.next_page_token.is_empty() {
            break;
        }
        page_token = response.next_page_token;
    }

    println!("== unary: ProductService.GetProduct with read_mask name,price");
    let mask = prost_types::FieldMask { paths: vec!["name".into(), "price".into()] };
    let request = GetProductRequest { product_id: "prod-0001".into(), read_mask: Some(mask) };
    let response = products.get_product(request).await?;
    let source = response.metadata().get("x-price-source").and_then(|v| v.to_str().ok()).unwrap_or("?").to_string();
    println!("product ({source} price): {:?}", response.into_inner().product);

    Ok(())
}

async fn errors_and_deadlines(channel: &Channel, auth: &BearerToken) -> Result<(), Error> {
    let mut products = ProductServiceClient::with_interceptor(channel.clone(), auth.clone());
    println!("== rich errors");
    let missing = products.get_product(GetProductRequest { product_id: "prod-9999".into(), read_mask: None }).await;
    println!("GetProduct prod-9999: {}", missing.map_or_else(|s| describe(&s), |_| "unexpectedly found".into()));
    let invalid = CreateProductRequest {
        name: String::new(),
        price: Some(Money { currency_code: "dollars".into(), units: 5, nanos: 0 }),
        ..Default::default()
    };
    let invalid = products.create_product(invalid).await;
    println!("CreateProduct invalid: {}", invalid.map_or_else(|s| describe(&s), |_| "unexpectedly created".into()));

    println!("== deadlines: PriceService.GetPrice");
    let mut prices = PriceServiceClient::with_interceptor(channel.clone(), auth.clone());
    for timeout in [Duration::from_millis(1), Duration::from_secs(2)] {
        let mut request = Request::new(GetPriceRequest { product_id: "prod-0002".into() });
        request.set_timeout(timeout);
        match prices.get_price(request).await {
            Ok(response) => println!("GetPrice within {timeout:?}: {:?}", response.into_inner().price),
            Err(status) => println!("GetPrice within {timeout:?}: {}", describe(&status)),
        }
    }

    Ok(())
}

async fn streaming(channel: Channel, auth: BearerToken) -> Result<(), Error> {
    println!("== server streaming: OrderService.TrackOrder");
    let mut orders = OrderServiceClient::with_interceptor(channel.clone(), auth.clone());
    let order = CreateOrderRequest {
        user_id: "user-1".into(),
        items: vec![
            OrderItem { product_id: "prod-0001".into(), quantity: 2, unit_price: None },
            OrderItem { product_id: "prod-0004".into(), quantity: 1, unit_price: None },
        ],
        payment_method_id: "pm-2".into(),
        shipping_address: "12 Analytical Engine Way, London".into(),
    };
    let order = orders.create_order(order).await?.into_inner().order.unwrap_or_default();
    println!("created {} total {:?}", order.id, order.total);
    let mut updates = orders.track_order(TrackOrderRequest { order_id: order.id }).await?.into_inner();
    while let Some(update) = updates.message().await? {
        let status = update.order_status.unwrap_or_default();
        println!("status: {} at {}", status.status, status.location);
    }

    println!("== client streaming: UploadService.UploadFile");
    let content: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
    let checksum = sha256_hex(&content);
    let chunks: Vec<UploadFileRequest> = content
        .chunks(4096)
        .scan(0i64, |offset, bytes| {
            let chunk = FileChunk { filename: "catalog.bin".into(), content: bytes.to_vec(), offset: *offset };
            *offset += bytes.len() as i64;
            Some(UploadFileRequest { chunk: Some(chunk) })
        })
        .collect();
    let mut request = Request::new(tokio_stream::iter(chunks));
    request.metadata_mut().insert("x-content-sha256", checksum.parse()?);
    let mut uploads = UploadServiceClient::with_interceptor(channel.clone(), auth.clone());
    println!("uploaded: {:?}", uploads.upload_file(request).await?.into_inner());

    println!("== bidirectional streaming: ChatService.Chat");
    let mut chat = ChatServiceClient::with_interceptor(channel, auth);
    let said = ["Hello, is my order on its way?", "Thanks!"].map(|content| ChatRequest {
        message: Some(ChatMessage {
            user_id: "user-1".into(),
            room_id: "support".into(),
            content: content.into(),
            ..Default::default()
        }),
    });
    let mut replies = chat.chat(tokio_stream::iter(said)).await?.into_inner();
    while let Some(reply) = replies.next().await {
        let message = reply?.message.unwrap_or_default();
        println!("chat [{}] {}: {}", message.room_id, message.user_id, message.content);
    }
    Ok(())
}

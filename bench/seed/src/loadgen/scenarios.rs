//! The scenarios: each sets up what its calls need through the generated clients, then runs
//! `concurrency` tasks, each issuing one call after another until the time is up.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ecommerce_example::middleware::BearerToken;
use ecommerce_example::store::Store;
use prost::Message as _;
use tokio::task::JoinSet;
use tonic::codegen::InterceptedService;
use tonic::transport::Channel;

use super::{Config, Error, InProcessServer, Outcome, Scenario, TOKEN, process_cpu_time, quantile};
use crate::pb::order_service_client::OrderServiceClient;
use crate::pb::product_service_client::ProductServiceClient;
use crate::pb::{
    CreateOrderRequest, CreateProductRequest, GetProductRequest, OrderItem, OrderState, TrackOrderRequest,
};
use crate::sample;

type Authed = InterceptedService<Channel, BearerToken>;

/// Sets up `scenario`, warms it up, then measures it.
pub async fn drive(
    scenario: Scenario,
    server: &InProcessServer,
    channels: &[Channel],
    config: &Config,
) -> Result<Outcome, Error> {
    let token = BearerToken::new(TOKEN)?;
    let products =
        |i: usize| ProductServiceClient::with_interceptor(channels[i % channels.len()].clone(), token.clone());
    let orders = |i: usize| OrderServiceClient::with_interceptor(channels[i % channels.len()].clone(), token.clone());
    match scenario {
        Scenario::Unary { payload } => {
            let product_id = create_payload_product(&mut products(0), payload).await?;
            let request = GetProductRequest { product_id, read_mask: None };
            let response = products(0).get_product(request.clone()).await?.into_inner();
            let payload_bytes = response.encoded_len();
            let call = move |i: usize| {
                let client = products(i);
                let request = request.clone();
                move || {
                    let mut client = client.clone();
                    let request = request.clone();
                    async move { client.get_product(request).await.map(|_| 1) }
                }
            };
            let mut outcome = measure(scenario, config, call).await;
            outcome.payload_bytes = payload_bytes;
            Ok(outcome)
        }
        Scenario::ServerStreaming => {
            let mut order_ids = Vec::new();
            for _ in 0..config.concurrency {
                order_ids.push(create_order(&mut orders(0)).await?);
            }
            let store = Arc::clone(&server.store);
            let call = move |i: usize| {
                let client = orders(i);
                let order_id = order_ids[i].clone();
                let store = Arc::clone(&store);
                move || {
                    let mut client = client.clone();
                    let order_id = order_id.clone();
                    let store = Arc::clone(&store);
                    async move {
                        let request = TrackOrderRequest { order_id: order_id.clone() };
                        let mut stream = client.track_order(request).await?.into_inner();
                        let mut messages = 0;
                        while stream.message().await?.is_some() {
                            messages += 1;
                        }
                        rewind(&store, &order_id);
                        Ok(messages)
                    }
                }
            };
            let mut outcome = measure(scenario, config, call).await;
            outcome.payload_bytes = sample_status_len();
            Ok(outcome)
        }
    }
}

/// Warms up, then runs `concurrency` tasks for `duration`. `call(i)` makes task `i`'s call
/// factory; a call yields how many messages it received (1 for a unary call).
async fn measure<C, F, Fut>(scenario: Scenario, config: &Config, call: C) -> Outcome
where
    C: Fn(usize) -> F,
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<u64, tonic::Status>> + Send,
{
    let factories: Vec<Arc<F>> = (0..config.concurrency).map(|i| Arc::new(call(i))).collect();
    if !config.warmup.is_zero() {
        run_tasks(&factories, config.warmup).await;
    }
    let cpu_before = process_cpu_time();
    let started = Instant::now();
    let tally = run_tasks(&factories, config.duration).await;
    let elapsed = started.elapsed();
    let cpu = process_cpu_time().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
    let mut latencies = tally.latencies;
    latencies.sort_unstable();
    Outcome {
        scenario,
        payload_bytes: 0,
        completed: tally.messages,
        streams: if matches!(scenario, Scenario::ServerStreaming) { tally.calls } else { 0 },
        errors: tally.errors,
        first_error: tally.first_error,
        elapsed,
        p50: quantile(&latencies, 0.50),
        p99: quantile(&latencies, 0.99),
        cpu,
    }
}

#[derive(Default)]
struct Tally {
    calls: u64,
    messages: u64,
    errors: u64,
    first_error: Option<String>,
    latencies: Vec<Duration>,
}

async fn run_tasks<F, Fut>(factories: &[Arc<F>], duration: Duration) -> Tally
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<u64, tonic::Status>> + Send,
{
    let until = Instant::now() + duration;
    let mut tasks = JoinSet::new();
    for factory in factories {
        let factory = Arc::clone(factory);
        tasks.spawn(async move {
            let mut tally = Tally::default();
            while Instant::now() < until {
                let start = Instant::now();
                match factory().await {
                    Ok(messages) => {
                        tally.calls += 1;
                        tally.messages += messages;
                        tally.latencies.push(start.elapsed());
                    }
                    Err(status) => {
                        tally.errors += 1;
                        tally.first_error.get_or_insert_with(|| status.to_string());
                    }
                }
            }
            tally
        });
    }
    let mut total = Tally::default();
    while let Some(joined) = tasks.join_next().await {
        let tally = joined.unwrap_or_else(|panic| Tally {
            errors: 1,
            first_error: Some(format!("a client task panicked: {panic}")),
            ..Tally::default()
        });
        total.calls += tally.calls;
        total.messages += tally.messages;
        total.errors += tally.errors;
        total.first_error = total.first_error.or(tally.first_error);
        total.latencies.extend(tally.latencies);
    }
    total
}

/// Creates a product whose GetProduct response is about `payload` bytes; returns its ID.
async fn create_payload_product(client: &mut ProductServiceClient<Authed>, payload: usize) -> Result<String, Error> {
    let product = sample::padded(payload, &format!("LOAD-{payload}"));
    let request = CreateProductRequest {
        name: product.name,
        description: product.description,
        price: product.price,
        category: product.category,
        tags: product.tags,
        metadata: product.metadata,
        dimension: product.dimension,
        sku: product.sku,
    };
    let created = client.create_product(request).await?.into_inner();
    Ok(created.product.ok_or("CreateProduct returned no product")?.id)
}

/// Creates a paid order for the seeded user, to be tracked.
async fn create_order(client: &mut OrderServiceClient<Authed>) -> Result<String, Error> {
    let request = CreateOrderRequest {
        user_id: "user-1".into(),
        items: vec![OrderItem { product_id: "prod-0001".into(), quantity: 1, unit_price: None }],
        payment_method_id: "pm-1".into(),
        shipping_address: "1 Loopback Lane".into(),
    };
    let created = client.create_order(request).await?.into_inner();
    Ok(created.order.ok_or("CreateOrder returned no order")?.id)
}

/// Puts a tracked order back at the start of its journey so the next stream sends every update
/// again (a delivered order's stream would send just one). This is one lock of the server's
/// store per stream, outside the RPC.
fn rewind(store: &Store, order_id: &str) {
    let mut data = store.lock();
    data.shipments.remove(order_id);
    if let Some(order) = data.orders.get_mut(order_id) {
        order.state = OrderState::Paid.into();
    }
}

/// The encoded size of a typical TrackOrder message.
fn sample_status_len() -> usize {
    use crate::pb::{OrderStatus, TrackOrderResponse};
    TrackOrderResponse {
        order_status: Some(OrderStatus {
            order_id: "order-0002".into(),
            status: "out_for_delivery".into(),
            location: "London delivery depot".into(),
            updated_at: Some(prost_types::Timestamp { seconds: 1_736_937_000, nanos: 123_456_789 }),
        }),
    }
    .encoded_len()
}

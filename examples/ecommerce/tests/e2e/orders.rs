//! OrderService: placing, listing and cancelling orders, and the TrackOrder server stream.

use std::time::Duration;

use ecommerce_example::pb::{
    CancelOrderRequest, CreateOrderRequest, GetOrderRequest, ListOrdersRequest, Money, OrderItem, OrderState,
    TrackOrderRequest, payment_method,
};
use tonic::Code;
use tonic_types::StatusExt as _;

use crate::common::{Authed, TestServer, fast, within};
use ecommerce_example::pb::order_service_client::OrderServiceClient;

fn order(user: &str, payment_method: &str, items: &[(&str, i32)]) -> CreateOrderRequest {
    CreateOrderRequest {
        user_id: user.into(),
        items: items
            .iter()
            .map(|(product, quantity)| OrderItem {
                product_id: (*product).into(),
                quantity: *quantity,
                unit_price: None,
            })
            .collect(),
        payment_method_id: payment_method.into(),
        shipping_address: "1 Infinite Loop".into(),
    }
}

async fn track(orders: &mut OrderServiceClient<Authed>, order_id: &str) -> Vec<String> {
    let request = TrackOrderRequest { order_id: order_id.into() };
    let mut stream = within(orders.track_order(request)).await.unwrap().into_inner();
    let mut statuses = Vec::new();
    while let Some(update) = within(stream.message()).await.unwrap() {
        statuses.push(update.order_status.unwrap().status);
        assert!(statuses.len() <= 10, "the stream ends");
    }
    statuses
}

#[tokio::test]
async fn create_order_prices_items_and_lists_newest_first() {
    let server = TestServer::start().await;
    let mut orders = server.orders().await;
    let placed = within(orders.create_order(order("user-1", "pm-2", &[("prod-0001", 2), ("prod-0004", 1)])))
        .await
        .unwrap()
        .into_inner()
        .order
        .unwrap();
    assert_eq!(placed.state(), OrderState::Paid);
    assert_eq!(placed.total, Some(Money { currency_code: "USD".into(), units: 219, nanos: 930_000_000 }));
    assert_eq!(placed.items[0].unit_price.as_ref().unwrap().units, 89);
    let wallet = placed.payment_method.as_ref().and_then(|pm| pm.method.as_ref());
    assert!(matches!(wallet, Some(payment_method::Method::DigitalWallet(w)) if w.provider == "apple_pay"));
    for _ in 0..2 {
        within(orders.create_order(order("user-1", "pm-1", &[("prod-0005", 3)]))).await.unwrap();
    }
    let other = order("user-2", "pm-3", &[("prod-0002", 1)]);
    within(orders.create_order(other)).await.unwrap();

    let first = ListOrdersRequest { user_id: "user-1".into(), page_size: 3, page_token: String::new() };
    let page = within(orders.list_orders(first)).await.unwrap().into_inner();
    let ids: Vec<_> = page.orders.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["order-0004", "order-0003", "order-0002"]);
    let next = ListOrdersRequest { user_id: "user-1".into(), page_size: 3, page_token: page.next_page_token };
    let page = within(orders.list_orders(next)).await.unwrap().into_inner();
    let ids: Vec<_> = page.orders.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["order-0001"], "the seeded order comes last");
    assert!(page.next_page_token.is_empty());

    let got = within(orders.get_order(GetOrderRequest { order_id: placed.id.clone() })).await.unwrap().into_inner();
    assert_eq!(got.order.unwrap(), placed);
}

#[tokio::test]
async fn create_order_reports_every_problem_at_once() {
    let server = TestServer::start().await;
    let mut orders = server.orders().await;
    let mut bad = order("user-1", "pm-3", &[("prod-0404", 1), ("prod-0001", 0)]);
    bad.shipping_address.clear();
    let status = within(orders.create_order(bad)).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    let details = status.get_error_details();
    let fields: Vec<_> = details.bad_request().unwrap().field_violations.iter().map(|v| v.field.as_str()).collect();
    assert_eq!(fields, ["items[0].product_id", "items[1].quantity", "payment_method_id", "shipping_address"]);
    let status = within(orders.create_order(order("user-9", "pm-1", &[("prod-0001", 1)]))).await.unwrap_err();
    assert_eq!(status.code(), Code::NotFound);
}

#[tokio::test]
async fn track_order_streams_each_status_until_delivered() {
    let server = TestServer::start().await;
    let mut orders = server.orders().await;
    let statuses = track(&mut orders, "order-0001").await;
    assert_eq!(statuses, ["preparing", "shipped", "in_transit", "out_for_delivery", "delivered"]);
    let order = within(orders.get_order(GetOrderRequest { order_id: "order-0001".into() })).await.unwrap();
    assert_eq!(order.into_inner().order.unwrap().state(), OrderState::Delivered);
    // A delivered order reports that once more, and can no longer be cancelled.
    assert_eq!(track(&mut orders, "order-0001").await, ["delivered"]);
    let cancel = CancelOrderRequest { order_id: "order-0001".into(), reason: "too late".into() };
    let status = within(orders.cancel_order(cancel)).await.unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition);
    let failure = status.get_error_details().precondition_failure().cloned().unwrap();
    assert_eq!(failure.violations[0].subject, "order-0001");
    let missing = TrackOrderRequest { order_id: "order-9999".into() };
    assert_eq!(within(orders.track_order(missing)).await.unwrap_err().code(), Code::NotFound);
}

#[tokio::test]
async fn track_order_stops_working_when_the_client_cancels() {
    let server =
        TestServer::with(ecommerce_example::Options { track_interval: Duration::from_millis(100), ..fast() }).await;
    let mut orders = server.orders().await;
    let request = TrackOrderRequest { order_id: "order-0001".into() };
    let mut stream = within(orders.track_order(request)).await.unwrap().into_inner();
    let first = within(stream.message()).await.unwrap().unwrap();
    assert_eq!(first.order_status.unwrap().status, "preparing");
    assert_eq!(server.store.open_streams(), 1);
    drop(stream);
    // The server notices while waiting for the next step, well before the journey would end.
    for _ in 0..100 {
        if server.store.open_streams() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(server.store.open_streams(), 0, "the tracking task ended");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let order = within(orders.get_order(GetOrderRequest { order_id: "order-0001".into() })).await.unwrap();
    assert_eq!(order.into_inner().order.unwrap().state(), OrderState::Paid, "the journey stopped at its first step");
}

#[tokio::test]
async fn cancel_order_before_shipping_ends_tracking() {
    let server = TestServer::start().await;
    let mut orders = server.orders().await;
    let placed = within(orders.create_order(order("user-2", "pm-3", &[("prod-0003", 1)]))).await.unwrap();
    let id = placed.into_inner().order.unwrap().id;
    let cancel = || CancelOrderRequest { order_id: id.clone(), reason: "changed my mind".into() };
    let cancelled = within(orders.cancel_order(cancel())).await.unwrap().into_inner().order.unwrap();
    assert_eq!(cancelled.state(), OrderState::Cancelled);
    let again = within(orders.cancel_order(cancel())).await.unwrap().into_inner().order.unwrap();
    assert_eq!(again.state(), OrderState::Cancelled, "cancelling is idempotent");
    let status = within(orders.track_order(TrackOrderRequest { order_id: id })).await.unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition);
}

//! OrderService: placing, listing and cancelling orders, and TrackOrder, a server stream of
//! status updates that stops as soon as the client goes away.

use std::ops::Bound;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status};
use tonic_types::FieldViolation;

use crate::errors::{bad_request, failed_precondition, invalid_field, not_found};
use crate::pagination::{decode_token, page, page_size};
use crate::pb::order_service_server::OrderService;
use crate::pb::{
    CancelOrderRequest, CancelOrderResponse, CreateOrderRequest, CreateOrderResponse, GetOrderRequest,
    GetOrderResponse, ListOrdersRequest, ListOrdersResponse, Money, Order, OrderItem, OrderState, OrderStatus,
    TrackOrderRequest, TrackOrderResponse,
};
use crate::store::{Data, Store};

/// The simulated journey of every order: status, location and the order state it implies.
const JOURNEY: &[(&str, &str, OrderState)] = &[
    ("preparing", "Seoul fulfilment centre", OrderState::Paid),
    ("shipped", "Seoul fulfilment centre", OrderState::Shipped),
    ("in_transit", "Incheon international hub", OrderState::Shipped),
    ("out_for_delivery", "London delivery depot", OrderState::Shipped),
    ("delivered", "shipping address", OrderState::Delivered),
];
const NANOS_PER_UNIT: i128 = 1_000_000_000;

/// The OrderService implementation.
#[derive(Debug, Clone)]
pub struct OrderApi {
    store: Arc<Store>,
    /// The time between two steps of an order's journey.
    track_interval: Duration,
}

impl OrderApi {
    pub fn new(store: Arc<Store>, track_interval: Duration) -> Self {
        Self { store, track_interval }
    }
}

#[tonic::async_trait]
impl OrderService for OrderApi {
    type TrackOrderStream = ReceiverStream<Result<TrackOrderResponse, Status>>;

    async fn get_order(&self, request: Request<GetOrderRequest>) -> Result<Response<GetOrderResponse>, Status> {
        let id = &request.get_ref().order_id;
        if id.is_empty() {
            return Err(invalid_field("order_id", "required"));
        }
        let order = self.store.lock().orders.get(id).cloned().ok_or_else(|| not_found("Order", id))?;
        Ok(Response::new(GetOrderResponse { order: Some(order) }))
    }

    async fn list_orders(&self, request: Request<ListOrdersRequest>) -> Result<Response<ListOrdersResponse>, Status> {
        let request = request.into_inner();
        if request.user_id.is_empty() {
            return Err(invalid_field("user_id", "required"));
        }
        let size = page_size(request.page_size)?;
        let filter = format!("user_id={}", request.user_id);
        let before = decode_token(&request.page_token, &filter)?;
        let data = self.store.lock();
        // IDs grow with time, so newest first is descending ID order.
        let end = before.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
        let rest = data
            .orders
            .range::<str, _>((Bound::Unbounded, end))
            .rev()
            .map(|(_, o)| o)
            .filter(|o| o.user_id == request.user_id);
        let (orders, next_page_token) = page(rest, size, &filter, |o| o.id.as_str());
        Ok(Response::new(ListOrdersResponse { orders: orders.into_iter().cloned().collect(), next_page_token }))
    }

    async fn create_order(
        &self,
        request: Request<CreateOrderRequest>,
    ) -> Result<Response<CreateOrderResponse>, Status> {
        let request = request.into_inner();
        let mut data = self.store.lock();
        let (items, total, payment_method) = check_order(&data, &request)?;
        let id = data.next_order_id();
        let now = Some(SystemTime::now().into());
        let order = Order {
            id: id.clone(),
            user_id: request.user_id,
            items,
            total: Some(total),
            // Payment is simulated: the saved payment method is charged when the order is placed.
            state: OrderState::Paid.into(),
            payment_method: Some(payment_method),
            shipping_address: request.shipping_address,
            created_at: now,
            updated_at: now,
        };
        data.orders.insert(id, order.clone());
        Ok(Response::new(CreateOrderResponse { order: Some(order) }))
    }

    async fn cancel_order(
        &self,
        request: Request<CancelOrderRequest>,
    ) -> Result<Response<CancelOrderResponse>, Status> {
        let request = request.into_inner();
        if request.order_id.is_empty() {
            return Err(invalid_field("order_id", "required"));
        }
        let mut data = self.store.lock();
        let order = data.orders.get_mut(&request.order_id).ok_or_else(|| not_found("Order", &request.order_id))?;
        match order.state() {
            OrderState::Shipped | OrderState::Delivered => {
                return Err(failed_precondition(
                    "ORDER_STATE",
                    &order.id,
                    &format!("order {} has already been shipped and can no longer be cancelled", order.id),
                ));
            }
            OrderState::Cancelled => {}
            _ => {
                order.state = OrderState::Cancelled.into();
                order.updated_at = Some(SystemTime::now().into());
                tracing::info!(order = %order.id, reason = %request.reason, "order cancelled");
            }
        }
        Ok(Response::new(CancelOrderResponse { order: Some(order.clone()) }))
    }

    async fn track_order(
        &self,
        request: Request<TrackOrderRequest>,
    ) -> Result<Response<Self::TrackOrderStream>, Status> {
        let order_id = request.into_inner().order_id;
        if order_id.is_empty() {
            return Err(invalid_field("order_id", "required"));
        }
        match self.store.lock().orders.get(&order_id) {
            None => return Err(not_found("Order", &order_id)),
            Some(order) if order.state() == OrderState::Cancelled => {
                return Err(failed_precondition("ORDER_STATE", &order_id, "the order is cancelled; nothing to track"));
            }
            Some(_) => {}
        }
        let (tx, rx) = mpsc::channel(4);
        let store = Arc::clone(&self.store);
        let guard = store.stream_guard();
        let interval = self.track_interval;
        tokio::spawn(async move {
            let _guard = guard;
            // One message per step of the journey, at most; a dropped receiver (the client
            // cancelled or disconnected) ends the loop at the next send or while waiting.
            for _ in 0..=JOURNEY.len() {
                let Some((status, last)) = advance(&mut store.lock(), &order_id) else { return };
                if tx.send(Ok(TrackOrderResponse { order_status: Some(status) })).await.is_err() || last {
                    return;
                }
                tokio::select! {
                    () = tokio::time::sleep(interval) => {}
                    () = tx.closed() => {
                        tracing::info!(order = %order_id, "tracking cancelled by the client");
                        return;
                    }
                }
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

/// Moves the order one step along its journey and reports where it is; the second value is true
/// when this is the last update (delivered or cancelled).
fn advance(data: &mut Data, order_id: &str) -> Option<(OrderStatus, bool)> {
    let order = data.orders.get_mut(order_id)?;
    let now = SystemTime::now();
    if order.state() == OrderState::Cancelled {
        let status = OrderStatus {
            order_id: order_id.into(),
            status: "cancelled".into(),
            location: String::new(),
            updated_at: Some(now.into()),
        };
        return Some((status, true));
    }
    let step = data.shipments.entry(order_id.to_string()).or_default();
    let (status, location, state) = JOURNEY[*step];
    *step = (*step + 1).min(JOURNEY.len() - 1);
    if order.state() != state {
        order.state = state.into();
        order.updated_at = Some(now.into());
    }
    let update = OrderStatus {
        order_id: order_id.into(),
        status: status.into(),
        location: location.into(),
        updated_at: Some(now.into()),
    };
    Some((update, state == OrderState::Delivered))
}

/// Checks a new order against the store and prices it: its items with unit prices, the total
/// and the payment method. Every problem is reported at once.
fn check_order(
    data: &Data,
    request: &CreateOrderRequest,
) -> Result<(Vec<OrderItem>, Money, crate::pb::PaymentMethod), Status> {
    if request.user_id.is_empty() {
        return Err(invalid_field("user_id", "required"));
    }
    if !data.users.contains_key(&request.user_id) {
        return Err(not_found("User", &request.user_id));
    }
    let mut violations = Vec::new();
    if request.items.is_empty() {
        violations.push(FieldViolation::new("items", "an order needs at least one item"));
    }
    let mut items = Vec::new();
    let mut total_nanos: i128 = 0;
    let mut currency: Option<String> = None;
    for (i, item) in request.items.iter().enumerate() {
        if item.quantity < 1 {
            violations.push(FieldViolation::new(format!("items[{i}].quantity"), "must be at least 1"));
        }
        let Some(product) = data.products.get(&item.product_id) else {
            let why = format!("no product has ID {:?}", item.product_id);
            violations.push(FieldViolation::new(format!("items[{i}].product_id"), why));
            continue;
        };
        let price = product.price.clone().unwrap_or_default();
        if *currency.get_or_insert_with(|| price.currency_code.clone()) != price.currency_code {
            violations.push(FieldViolation::new(format!("items[{i}].product_id"), "all items must share a currency"));
        }
        total_nanos += (i128::from(price.units) * NANOS_PER_UNIT + i128::from(price.nanos)) * i128::from(item.quantity);
        items.push(OrderItem { product_id: item.product_id.clone(), quantity: item.quantity, unit_price: Some(price) });
    }
    let payment_method = match data.payment_methods.get(&request.payment_method_id) {
        Some((owner, method)) if *owner == request.user_id => Some(method.clone()),
        _ => {
            let why = format!("{:?} is not a saved payment method of {}", request.payment_method_id, request.user_id);
            violations.push(FieldViolation::new("payment_method_id", why));
            None
        }
    };
    if request.shipping_address.trim().is_empty() {
        violations.push(FieldViolation::new("shipping_address", "required"));
    }
    match payment_method {
        Some(payment_method) if violations.is_empty() => {
            let total = Money {
                currency_code: currency.unwrap_or_default(),
                units: (total_nanos / NANOS_PER_UNIT) as i64,
                nanos: (total_nanos % NANOS_PER_UNIT) as i32,
            };
            Ok((items, total, payment_method))
        }
        _ => Err(bad_request("invalid order", violations)),
    }
}

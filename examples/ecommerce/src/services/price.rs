//! PriceService: the current price of a product. Pricing takes time (a simulated call to a
//! pricing engine), so the service honours the caller's deadline: when the work cannot finish
//! before the deadline it answers DEADLINE_EXCEEDED at once instead of working in vain.

use std::sync::Arc;
use std::time::Duration;

use tonic::{Request, Response, Status};

use crate::deadline::Deadline;
use crate::errors::{invalid_field, not_found};
use crate::pb::price_service_server::PriceService;
use crate::pb::{GetPriceRequest, GetPriceResponse, Money};
use crate::store::Store;

/// The pricing engine, shared by PriceService and ProductService (its downstream caller).
#[derive(Debug, Clone)]
pub struct Pricing {
    store: Arc<Store>,
    latency: Duration,
}

impl Pricing {
    /// Pricing that takes `latency` per quote.
    pub fn new(store: Arc<Store>, latency: Duration) -> Self {
        Self { store, latency }
    }

    /// The current price of a product, if it can be had before `deadline`.
    pub async fn quote(&self, product_id: &str, deadline: Deadline) -> Result<Money, Status> {
        if product_id.is_empty() {
            return Err(invalid_field("product_id", "required"));
        }
        if !self.store.lock().products.contains_key(product_id) {
            return Err(not_found("Product", product_id));
        }
        deadline.ensure_fits(self.latency, "pricing")?;
        tokio::time::sleep(self.latency).await;
        let data = self.store.lock();
        let product = data.products.get(product_id).ok_or_else(|| not_found("Product", product_id))?;
        Ok(product.price.clone().unwrap_or_default())
    }
}

/// The PriceService implementation.
#[derive(Debug, Clone)]
pub struct PriceApi {
    pricing: Pricing,
}

impl PriceApi {
    pub fn new(pricing: Pricing) -> Self {
        Self { pricing }
    }
}

#[tonic::async_trait]
impl PriceService for PriceApi {
    async fn get_price(&self, request: Request<GetPriceRequest>) -> Result<Response<GetPriceResponse>, Status> {
        let deadline = Deadline::from_metadata(request.metadata());
        let price = self.pricing.quote(&request.get_ref().product_id, deadline).await?;
        Ok(Response::new(GetPriceResponse { price: Some(price) }))
    }
}

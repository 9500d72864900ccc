//! ProductService: catalog CRUD with pagination, read and update masks, rich errors, and a
//! downstream PriceService call that gets part of the caller's deadline.

use std::ops::Bound;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tonic::{Request, Response, Status};
use tonic_types::FieldViolation;

use crate::deadline::Deadline;
use crate::errors::{already_exists, bad_request, invalid_field, not_found};
use crate::field_mask::CheckedMask;
use crate::pagination::{decode_token, page, page_size};
use crate::pb::product_service_server::ProductService;
use crate::pb::{
    Category, CreateProductRequest, CreateProductResponse, DeleteProductRequest, DeleteProductResponse,
    GetProductRequest, GetProductResponse, ListProductsRequest, ListProductsResponse, Money, Product, ProductStatus,
    UpdateProductRequest, UpdateProductResponse,
};
use crate::services::price::Pricing;
use crate::store::Store;

const PRODUCT: &str = "ecommerce.v1.Product";
/// Fields the server sets; an update mask may not name them.
const OUTPUT_ONLY: &[&str] = &["id", "created_at"];
/// Below this much time left, GetProduct gives up at once instead of starting work (guide §7.1).
pub const MIN_TIME_LEFT: Duration = Duration::from_millis(100);
/// The share of the time left that the downstream PriceService call may use.
const PRICE_SHARE_PERCENT: u32 = 80;
const MAX_NAME_CHARS: usize = 200;

/// The ProductService implementation.
#[derive(Debug, Clone)]
pub struct ProductApi {
    store: Arc<Store>,
    pricing: Pricing,
}

impl ProductApi {
    pub fn new(store: Arc<Store>, pricing: Pricing) -> Self {
        Self { store, pricing }
    }
}

#[tonic::async_trait]
impl ProductService for ProductApi {
    async fn get_product(&self, request: Request<GetProductRequest>) -> Result<Response<GetProductResponse>, Status> {
        let deadline = Deadline::from_metadata(request.metadata());
        let request = request.into_inner();
        if request.product_id.is_empty() {
            return Err(invalid_field("product_id", "required"));
        }
        let mask = read_mask(request.read_mask.as_ref(), "read_mask")?;
        deadline.ensure_fits(MIN_TIME_LEFT, "GetProduct")?;
        let mut product = self.store.lock().products.get(&request.product_id).cloned();
        let Some(product) = product.as_mut() else {
            return Err(not_found("Product", &request.product_id));
        };
        // The live price comes from PriceService with 80% of the time left; if it cannot answer
        // in time, the stored price serves as the cached fallback.
        let mut source = "stored";
        if mask.touches("price") {
            match self.pricing.quote(&request.product_id, deadline.share(PRICE_SHARE_PERCENT)).await {
                Ok(price) => {
                    product.price = Some(price);
                    source = "live";
                }
                Err(status) => {
                    tracing::warn!(product = %request.product_id, %status, "price lookup failed; using the cached price");
                    source = "cached";
                }
            }
        }
        let mut response = Response::new(GetProductResponse { product: Some(mask.project(product)) });
        response.metadata_mut().insert("x-price-source", source.parse().expect("an ASCII value"));
        Ok(response)
    }

    async fn list_products(
        &self,
        request: Request<ListProductsRequest>,
    ) -> Result<Response<ListProductsResponse>, Status> {
        let request = request.into_inner();
        let size = page_size(request.page_size)?;
        let mask = read_mask(request.read_mask.as_ref(), "read_mask")?;
        if Category::try_from(request.category).is_err() {
            return Err(invalid_field("category", format!("unknown category {}", request.category)));
        }
        if ProductStatus::try_from(request.status).is_err() {
            return Err(invalid_field("status", format!("unknown status {}", request.status)));
        }
        let filter = format!("category={};status={}", request.category, request.status);
        let after = decode_token(&request.page_token, &filter)?;
        let matches = |p: &&Product| {
            (request.category == 0 || p.category == request.category)
                && (request.status == 0 || p.status == request.status)
        };
        let data = self.store.lock();
        let total_size = data.products.values().filter(matches).count() as i32;
        let start = after.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
        let rest = data.products.range::<str, _>((start, Bound::Unbounded)).map(|(_, p)| p).filter(matches);
        let (products, next_page_token) = page(rest, size, &filter, |p| p.id.as_str());
        let products = products.into_iter().map(|p| mask.project(p)).collect();
        Ok(Response::new(ListProductsResponse { products, next_page_token, total_size }))
    }

    async fn create_product(
        &self,
        request: Request<CreateProductRequest>,
    ) -> Result<Response<CreateProductResponse>, Status> {
        let request = request.into_inner();
        let violations = validate(&request.name, request.price.as_ref(), request.category, "");
        if !violations.is_empty() {
            return Err(bad_request("invalid product", violations));
        }
        let mut data = self.store.lock();
        if let Some(existing) = data.product_with_sku(&request.sku, "") {
            return Err(sku_taken(&request.sku, &existing.id));
        }
        let id = data.next_product_id();
        let product = Product {
            id: id.clone(),
            name: request.name,
            description: request.description,
            price: request.price,
            category: request.category,
            tags: request.tags,
            metadata: request.metadata,
            created_at: Some(SystemTime::now().into()),
            status: ProductStatus::Draft.into(),
            dimension: request.dimension,
            sku: request.sku,
        };
        data.products.insert(id, product.clone());
        Ok(Response::new(CreateProductResponse { product: Some(product) }))
    }

    async fn update_product(
        &self,
        request: Request<UpdateProductRequest>,
    ) -> Result<Response<UpdateProductResponse>, Status> {
        let request = request.into_inner();
        let Some(incoming) = request.product else {
            return Err(invalid_field("product", "required"));
        };
        if incoming.id.is_empty() {
            return Err(invalid_field("product.id", "required: it selects the product to update"));
        }
        let mask = read_mask(request.update_mask.as_ref(), "update_mask")?;
        if !mask.is_all() {
            let output_only: Vec<FieldViolation> = mask
                .paths()
                .enumerate()
                .filter(|(_, path)| OUTPUT_ONLY.contains(&path.split('.').next().unwrap_or_default()))
                .map(|(i, path)| {
                    FieldViolation::new(format!("update_mask.paths[{i}]"), format!("{path} is output only"))
                })
                .collect();
            if !output_only.is_empty() {
                return Err(bad_request("invalid update_mask", output_only));
            }
        }
        let mut data = self.store.lock();
        let Some(existing) = data.products.get(&incoming.id) else {
            return Err(not_found("Product", &incoming.id));
        };
        let updated = mask.merge(existing, &incoming, OUTPUT_ONLY);
        if ProductStatus::try_from(updated.status).is_err() {
            return Err(invalid_field("product.status", format!("unknown status {}", updated.status)));
        }
        let violations = validate(&updated.name, updated.price.as_ref(), updated.category, "product.");
        if !violations.is_empty() {
            return Err(bad_request("invalid product", violations));
        }
        if let Some(other) = data.product_with_sku(&updated.sku, &updated.id) {
            return Err(sku_taken(&updated.sku, &other.id));
        }
        data.products.insert(updated.id.clone(), updated.clone());
        Ok(Response::new(UpdateProductResponse { product: Some(updated) }))
    }

    async fn delete_product(
        &self,
        request: Request<DeleteProductRequest>,
    ) -> Result<Response<DeleteProductResponse>, Status> {
        let id = request.into_inner().product_id;
        if id.is_empty() {
            return Err(invalid_field("product_id", "required"));
        }
        match self.store.lock().products.remove(&id) {
            Some(_) => Ok(Response::new(DeleteProductResponse {})),
            None => Err(not_found("Product", &id)),
        }
    }
}

fn read_mask(mask: Option<&prost_types::FieldMask>, field: &str) -> Result<CheckedMask, Status> {
    CheckedMask::check(mask, PRODUCT, field).map_err(|violations| bad_request(&format!("invalid {field}"), violations))
}

fn sku_taken(sku: &str, holder: &str) -> Status {
    already_exists("Product", holder, &format!("a product with SKU {sku:?} already exists: {holder}"))
}

/// Every problem with a product's fields; `prefix` is prepended to field names.
fn validate(name: &str, price: Option<&Money>, category: i32, prefix: &str) -> Vec<FieldViolation> {
    let mut violations = Vec::new();
    let mut violation = |field: &str, description: &str| {
        violations.push(FieldViolation::new(format!("{prefix}{field}"), description));
    };
    if name.trim().is_empty() {
        violation("name", "required");
    } else if name.chars().count() > MAX_NAME_CHARS {
        violation("name", &format!("at most {MAX_NAME_CHARS} characters"));
    }
    match price {
        None => violation("price", "required"),
        Some(price) => {
            for (field, problem) in money_problems(price) {
                violation(&format!("price.{field}"), &problem);
            }
        }
    }
    if Category::try_from(category).is_err() {
        violation("category", &format!("unknown category {category}"));
    }
    violations
}

/// What is wrong with an amount of money, by field of `Money`; a price must not be negative.
pub fn money_problems(money: &Money) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let code = &money.currency_code;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        problems.push(("currency_code", format!("{code:?} is not a three-letter ISO 4217 code")));
    }
    if !(-999_999_999..=999_999_999).contains(&money.nanos) {
        problems.push(("nanos", "must be between -999999999 and 999999999".to_string()));
    }
    if money.units < 0 || money.nanos < 0 {
        problems.push(("units", "a price must not be negative".to_string()));
    }
    problems
}

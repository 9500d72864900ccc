//! The messages the benchmarks send: one realistic catalog `Product` with every field set, and
//! products whose description pads a `GetProductResponse` to an exact encoded size.

use std::collections::HashMap;

use prost::Message as _;

use crate::pb::{Category, GetProductResponse, Money, Product, ProductStatus, product};

/// A catalog entry as a shop would store it: every field set, a few tags and metadata entries.
pub fn product() -> Product {
    Product {
        id: "prod-000123".into(),
        name: "Mechanical keyboard, 75% layout".into(),
        description: "Hot-swappable 75% mechanical keyboard with PBT keycaps, USB-C and a gasket-mounted \
                      aluminium case."
            .into(),
        price: Some(Money { currency_code: "USD".into(), units: 89, nanos: 990_000_000 }),
        category: Category::Electronics.into(),
        tags: vec!["keyboard".into(), "usb-c".into(), "mechanical".into(), "wireless".into()],
        metadata: HashMap::from([
            ("brand".into(), "Keychron".into()),
            ("color".into(), "space grey".into()),
            ("warranty".into(), "2 years".into()),
        ]),
        created_at: Some(prost_types::Timestamp { seconds: 1_736_937_000, nanos: 0 }),
        status: ProductStatus::Active.into(),
        dimension: Some(product::Dimension { width: 32.5, height: 4.2, depth: 13.6, unit: "cm".into() }),
        sku: "KB-75-GREY".into(),
    }
}

/// A product with only the fields a listing shows, about the size of the seed's sample (68 bytes
/// of protobuf): no description, tags, metadata or dimensions.
pub fn compact() -> Product {
    Product {
        id: "prod-123".into(),
        name: "Wireless mouse".into(),
        price: Some(Money { currency_code: "USD".into(), units: 29, nanos: 990_000_000 }),
        category: Category::Electronics.into(),
        created_at: Some(prost_types::Timestamp { seconds: 1_736_937_000, nanos: 0 }),
        status: ProductStatus::Active.into(),
        sku: "MS-001".into(),
        ..Product::default()
    }
}

/// The two samples the codec figures are given for, by name.
pub fn samples() -> [(&'static str, Product); 2] {
    [("full", product()), ("compact", compact())]
}

/// The fields CreateProduct accepts for a payload product; the server adds id, created_at and
/// status, so [`padded`] measures the size against a product that has them.
fn payload_base(sku: &str) -> Product {
    Product {
        id: "prod-0000".into(),
        name: "Payload product".into(),
        description: String::new(),
        price: Some(Money { currency_code: "USD".into(), units: 9, nanos: 990_000_000 }),
        category: Category::Books.into(),
        created_at: Some(prost_types::Timestamp { seconds: 1_736_937_000, nanos: 123_456_789 }),
        status: ProductStatus::Draft.into(),
        sku: sku.into(),
        ..Product::default()
    }
}

/// A product whose `GetProductResponse` encodes to `target` bytes (or the smallest size above it
/// that the length prefixes allow), padded with its description.
pub fn padded(target: usize, sku: &str) -> Product {
    let mut product = payload_base(sku);
    let base = response_len(&product);
    let mut pad = target.saturating_sub(base);
    loop {
        product.description = "x".repeat(pad);
        // Each length prefix grows by a byte at 128, 16 KiB, ...: step back until it fits.
        match response_len(&product) {
            len if len > target && pad > 0 => pad -= 1,
            _ => return product,
        }
    }
}

/// The encoded size of the GetProduct response that carries `product`.
pub fn response_len(product: &Product) -> usize {
    GetProductResponse { product: Some(product.clone()) }.encoded_len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_products_hit_their_sizes() {
        for target in [100, 1024, 100 * 1024] {
            let product = padded(target, "SKU-1");
            assert_eq!(response_len(&product), target, "target {target}");
        }
    }

    #[test]
    fn the_sample_sets_every_field() {
        let p = product();
        let every_field_set = !p.id.is_empty()
            && !p.name.is_empty()
            && !p.description.is_empty()
            && p.price.is_some()
            && p.category != 0
            && p.tags.len() > 1
            && p.metadata.len() > 1
            && p.created_at.is_some()
            && p.status != 0
            && p.dimension.is_some()
            && !p.sku.is_empty();
        assert!(every_field_set, "{p:?}");
    }
}

//! The four operations the seed's table compares, and their sizes and allocation counts.

use prost::Message as _;

use crate::alloc_count::{self, Allocations};
use crate::json::ProductJson;
use crate::pb::Product;

pub fn prost_encode(product: &Product) -> Vec<u8> {
    product.encode_to_vec()
}

pub fn prost_decode(bytes: &[u8]) -> Product {
    Product::decode(bytes).expect("bytes written by prost_encode")
}

pub fn json_encode(product: &ProductJson) -> Vec<u8> {
    serde_json::to_vec(product).expect("a ProductJson always serializes")
}

pub fn json_decode(bytes: &[u8]) -> ProductJson {
    serde_json::from_slice(bytes).expect("bytes written by json_encode")
}

/// One wire format's figures for one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatCost {
    pub encoded_bytes: usize,
    pub encode: Allocations,
    pub decode: Allocations,
}

/// Sizes and allocation counts of `product` in protobuf (prost) and proto3 JSON (serde_json).
/// The allocation counts need [`alloc_count::CountingAllocator`] installed.
pub fn costs(product: &Product) -> (FormatCost, FormatCost) {
    assert!(alloc_count::is_installed(), "install CountingAllocator as the global allocator first");
    let (wire, encode) = alloc_count::count(|| prost_encode(product));
    let (decoded, decode) = alloc_count::count(|| prost_decode(&wire));
    assert_eq!(&decoded, product);
    let protobuf = FormatCost { encoded_bytes: wire.len(), encode, decode };

    let mirror = ProductJson::from(product);
    let (text, encode) = alloc_count::count(|| json_encode(&mirror));
    let (decoded, decode) = alloc_count::count(|| json_decode(&text));
    assert_eq!(decoded, mirror);
    let json = FormatCost { encoded_bytes: text.len(), encode, decode };
    (protobuf, json)
}

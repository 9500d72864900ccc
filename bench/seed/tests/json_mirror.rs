//! The serde mirror writes what prost-reflect's canonical proto3 JSON writes for the same
//! message, so the JSON side of the benchmark is real proto3 JSON, not an easier format.

use ecommerce_example::FILE_DESCRIPTOR_SET;
use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage};
use protogate_seed_bench::json::ProductJson;
use protogate_seed_bench::{codec, sample};

fn canonical(product: &ecommerce_example::pb::Product) -> serde_json::Value {
    let pool = DescriptorPool::decode(FILE_DESCRIPTOR_SET).expect("the generated descriptor set decodes");
    let descriptor = pool.get_message_by_name("ecommerce.v1.Product").expect("Product is in the schema");
    let message = DynamicMessage::decode(descriptor, product.encode_to_vec().as_slice()).expect("prost output decodes");
    serde_json::to_value(&message).expect("a dynamic message serializes")
}

#[test]
fn the_sample_matches_canonical_proto3_json() {
    let product = sample::product();
    let ours: serde_json::Value = serde_json::from_slice(&codec::json_encode(&ProductJson::from(&product))).unwrap();
    assert_eq!(ours, canonical(&product));
}

#[test]
fn default_fields_are_left_out_as_proto3_json_does() {
    let product = ecommerce_example::pb::Product { name: "only a name".into(), ..Default::default() };
    let ours: serde_json::Value = serde_json::from_slice(&codec::json_encode(&ProductJson::from(&product))).unwrap();
    assert_eq!(ours, serde_json::json!({"name": "only a name"}));
    assert_eq!(ours, canonical(&product));
}

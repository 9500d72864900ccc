//! Prints the encoded sizes and allocation counts of the sample `Product` in protobuf (prost)
//! and proto3 JSON (serde_json), beside the seed guide's figures (section 13.1). Criterion
//! (`cargo bench -p protogate-seed-bench`) measures the times; this counts what it cannot.
#![allow(clippy::print_stdout)]

use protogate_seed_bench::alloc_count::CountingAllocator;
use protogate_seed_bench::codec;
use protogate_seed_bench::sample;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn main() {
    println!("| sample | metric | protobuf (prost) | JSON (serde_json) | JSON / protobuf | seed |");
    println!("|---|---|---:|---:|---:|---|");
    for (name, product) in sample::samples() {
        print_rows(name, &product);
    }
}

fn print_rows(name: &str, product: &protogate_seed_bench::pb::Product) {
    let (protobuf, json) = codec::costs(product);
    let ratio = |json: u64, protobuf: u64| json as f64 / protobuf.max(1) as f64;
    println!(
        "| {name} | encoded size | {} B | {} B | {:.1}x | 68 B vs 220 B (3.2x) |",
        protobuf.encoded_bytes,
        json.encoded_bytes,
        ratio(json.encoded_bytes as u64, protobuf.encoded_bytes as u64)
    );
    println!(
        "| {name} | allocations per encode | {} ({} B) | {} ({} B) | {:.1}x | 1 vs 8 (8x) |",
        protobuf.encode.count,
        protobuf.encode.bytes,
        json.encode.count,
        json.encode.bytes,
        ratio(json.encode.count, protobuf.encode.count)
    );
    println!(
        "| {name} | allocations per decode | {} ({} B) | {} ({} B) | {:.1}x | not given |",
        protobuf.decode.count,
        protobuf.decode.bytes,
        json.decode.count,
        json.decode.bytes,
        ratio(json.decode.count, protobuf.decode.count)
    );
}

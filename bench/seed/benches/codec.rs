//! prost against serde_json on the sample `Product` (seed guide section 13.1: "10x faster").
//!
//! `cargo bench -p protogate-seed-bench -- --measurement-time 3` for a quick run.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use protogate_seed_bench::json::ProductJson;
use protogate_seed_bench::{codec, sample};

fn encode(c: &mut Criterion) {
    for (name, product) in sample::samples() {
        let mirror = ProductJson::from(&product);
        let mut group = c.benchmark_group(format!("encode/{name}"));
        group.bench_function("prost", |b| b.iter(|| codec::prost_encode(black_box(&product))));
        group.bench_function("serde_json", |b| b.iter(|| codec::json_encode(black_box(&mirror))));
        group.finish();
    }
}

fn decode(c: &mut Criterion) {
    for (name, product) in sample::samples() {
        let wire = codec::prost_encode(&product);
        let text = codec::json_encode(&ProductJson::from(&product));
        let mut group = c.benchmark_group(format!("decode/{name}"));
        group.bench_function("prost", |b| b.iter(|| codec::prost_decode(black_box(&wire))));
        group.bench_function("serde_json", |b| b.iter(|| codec::json_decode(black_box(&text))));
        group.finish();
    }
}

criterion_group!(benches, encode, decode);
criterion_main!(benches);

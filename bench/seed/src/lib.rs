//! Benchmarks of protogate's generated `ecommerce.v1` code and of the reference server
//! (`examples/ecommerce`), set against the table in section 13 of the seed guide: prost against
//! serde_json on a sample `Product` (`benches/codec.rs`, `src/bin/codec-report.rs`), and a gRPC
//! load generator built on the generated tonic client (`src/bin/loadgen.rs`).

pub mod alloc_count;
pub mod codec;
pub mod json;
pub mod loadgen;
pub mod sample;

pub use ecommerce_example::pb;

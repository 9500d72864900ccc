//! The reference server of protogate's `ecommerce.v1` protos (work in progress).

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic, missing_docs)]
pub mod r#gen;

/// The encoded `FileDescriptorSet` of `proto/` with its imports, for server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!("gen/file_descriptor_set.bin");

//! Code generation: the built-in Rust generator, protoc plugins, and writing the output tree
//! so that unchanged files are not touched and `--check` can tell what is stale.

pub mod lock;
pub mod output;
pub mod plugin;
pub mod rust;
pub mod scaffold;
pub mod staging;

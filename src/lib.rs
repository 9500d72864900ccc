//! protogate: buf-compatible Protocol Buffers lint, breaking-change detection and Rust code
//! generation, in pure Rust.
//!
//! Data flows one way: `input` (directory, git, image) → `compile` (protox, editions front-end)
//! → [`schema::Schema`] → checks → [`diagnostic::Diagnostic`]s → `report`. Only `cli` and
//! `report` print.

pub mod baseline;
pub mod breaking;
pub mod changes;
pub mod cli;
pub mod codegen;
pub mod compile;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod fix;
pub mod history;
pub mod input;
pub mod lint;
pub mod paths;
pub mod report;
pub mod rule;
pub mod schema;

pub use diagnostic::Diagnostic;
pub use error::{Error, ExitCode};

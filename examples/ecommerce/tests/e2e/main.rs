//! End-to-end tests: each starts the server on 127.0.0.1, port 0, and talks to it over TCP with
//! the generated clients, raw HTTP/1.1 (gRPC-Web), the example client binary or grpcurl.
//! One test binary keeps link time down.

mod client_bin;
mod common;
mod grpc_web;
mod grpcurl;
mod orders;
mod platform;
mod products;
mod streaming;

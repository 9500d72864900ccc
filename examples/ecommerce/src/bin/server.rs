//! Runs the ecommerce reference server.
//!
//! ```text
//! server [--addr 127.0.0.1:50051] [--token TOKEN]
//! ```
//!
//! `ECOMMERCE_ADDR` and `ECOMMERCE_TOKEN` stand in for the flags. Stop it with Ctrl-C or SIGTERM:
//! it finishes the calls in flight, then exits.

use std::process::ExitCode;

use tokio::net::TcpListener;

const USAGE: &str = "usage: server [--addr HOST:PORT] [--token TOKEN]   (env: ECOMMERCE_ADDR, ECOMMERCE_TOKEN)";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let mut addr = std::env::var("ECOMMERCE_ADDR").unwrap_or_else(|_| "127.0.0.1:50051".into());
    let mut token = std::env::var("ECOMMERCE_TOKEN").ok();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--addr", Some(value)) => addr = value,
            ("--token", Some(value)) => token = Some(value),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let token = token.unwrap_or_else(|| {
        tracing::warn!("no --token or ECOMMERCE_TOKEN given; using the development token `dev-token`");
        "dev-token".into()
    });
    let listener = match TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(local) => tracing::info!("listening on {local} (gRPC over HTTP/2, gRPC-Web over HTTP/1.1)"),
        Err(e) => tracing::warn!("listening, but the local address is unknown: {e}"),
    }
    match ecommerce_example::serve(listener, token).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}

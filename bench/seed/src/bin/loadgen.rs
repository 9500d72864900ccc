//! Drives the reference server with the generated tonic clients and prints, as a markdown table,
//! the rates of the seed guide's section 13.2 beside the seed's own figures.
//!
//! ```text
//! cargo run --release -p protogate-seed-bench --bin loadgen -- --duration 10s --concurrency 32
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use protogate_seed_bench::loadgen::{self, Config, Outcome, Scenario};

/// Load generator for the ecommerce reference server (in-process, 127.0.0.1, ephemeral port).
#[derive(Debug, Parser)]
struct Args {
    /// How long to measure each scenario, e.g. `10s` or `200ms`.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    duration: Duration,
    /// How long to drive each scenario before measuring it.
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    warmup: Duration,
    /// Concurrent client tasks, each with one call in flight.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// HTTP/2 connections shared by the tasks.
    #[arg(long, default_value_t = 1)]
    connections: usize,
    /// Worker threads of the server's runtime.
    #[arg(long, default_value_t = 2)]
    server_threads: usize,
    /// Worker threads of the clients' runtime.
    #[arg(long, default_value_t = 2)]
    client_threads: usize,
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = text.find(|c: char| c.is_ascii_alphabetic()).map_or((text, "s"), |at| text.split_at(at));
    let value: f64 = number.trim().parse().map_err(|_| format!("{text:?} is not a duration like 5s or 200ms"))?;
    let seconds = match unit {
        "s" => value,
        "ms" => value / 1000.0,
        _ => return Err(format!("{text:?}: the unit must be s or ms")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("{text:?}: {e}"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.concurrency == 0 || args.server_threads == 0 || args.client_threads == 0 {
        eprintln!("error: --concurrency, --server-threads and --client-threads must be at least 1");
        return ExitCode::from(2);
    }
    let config = Config {
        duration: args.duration,
        warmup: args.warmup,
        concurrency: args.concurrency,
        connections: args.connections,
        server_threads: args.server_threads,
        client_threads: args.client_threads,
    };
    let load_before = load_average();
    let outcomes = match loadgen::run(&config) {
        Ok(outcomes) => outcomes,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", report(&config, &outcomes, &load_before, &load_average()));
    if outcomes.iter().any(|o| o.errors > 0) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn report(config: &Config, outcomes: &[Outcome], load_before: &str, load_after: &str) -> String {
    let mut out = String::new();
    let cpus = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let _ = writeln!(
        out,
        "{} s per scenario after {} s warm-up; {} client tasks on {} HTTP/2 connection(s); \
         server {} + client {} worker threads on {cpus} CPUs; load average before: {load_before}, after: {load_after}\n",
        config.duration.as_secs_f64(),
        config.warmup.as_secs_f64(),
        config.concurrency,
        config.connections.max(1),
        config.server_threads,
        config.client_threads,
    );
    out.push_str(
        "| scenario | response bytes | ours | seed | ours / seed | p50 | p99 | CPU per call or message | cores used | streams | errors |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for outcome in outcomes {
        let (label, seed) = Scenario::SEED
            .iter()
            .find(|(s, _, _)| *s == outcome.scenario)
            .map(|(_, label, seed)| (*label, *seed))
            .expect("every outcome is a seed scenario");
        let unit = if matches!(outcome.scenario, Scenario::ServerStreaming) { "msg/s" } else { "req/s" };
        let rate = outcome.rate();
        let _ = writeln!(
            out,
            "| {label} | {} | {rate:.0} {unit} | {seed:.0} {unit} | {:.2} | {:.2} ms | {:.2} ms | {} | {} | {} | {} |",
            outcome.payload_bytes,
            rate / seed,
            outcome.p50.as_secs_f64() * 1000.0,
            outcome.p99.as_secs_f64() * 1000.0,
            outcome.cpu_per_item().map_or_else(|| "?".into(), |cpu| format!("{:.1} µs", cpu.as_secs_f64() * 1e6)),
            outcome.cores_used().map_or_else(|| "?".into(), |cores| format!("{cores:.2}")),
            outcome.streams,
            outcome.errors,
        );
    }
    for outcome in outcomes.iter().filter(|o| o.first_error.is_some()) {
        let _ =
            writeln!(out, "\nfirst error ({:?}): {}", outcome.scenario, outcome.first_error.as_deref().unwrap_or(""));
    }
    out
}

/// The 1, 5 and 15 minute load averages, or "unknown" off Linux.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or_else(|_| "unknown".into(), |text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

//! The load generator: the reference server on loopback, driven by the generated tonic clients
//! from `concurrency` tasks for a fixed time per scenario.

mod scenarios;
mod server;

use std::time::Duration;

use tonic::transport::{Channel, Endpoint};

pub use self::server::{InProcessServer, TOKEN};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// What the seed's table (section 13.2) measures, and the figure it gives for gRPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// GetProduct calls whose response encodes to about this many bytes.
    Unary { payload: usize },
    /// TrackOrder streams, counting the messages received.
    ServerStreaming,
}

impl Scenario {
    /// The seed's rows, in its order.
    pub const SEED: [(Self, &str, f64); 4] = [
        (Self::Unary { payload: 100 }, "unary, 100 B", 45_000.0),
        (Self::Unary { payload: 1024 }, "unary, 1 KB", 35_000.0),
        (Self::Unary { payload: 100 * 1024 }, "unary, 100 KB", 8_000.0),
        (Self::ServerStreaming, "server streaming", 150_000.0),
    ];
}

/// How hard and how long to drive the server.
#[derive(Debug, Clone)]
pub struct Config {
    pub duration: Duration,
    /// Time spent driving each scenario before measuring it (connections, caches, allocator).
    pub warmup: Duration,
    /// Client tasks issuing calls, each waiting for its answer before the next call.
    pub concurrency: usize,
    /// HTTP/2 connections the tasks share round-robin.
    pub connections: usize,
    pub server_threads: usize,
    pub client_threads: usize,
}

/// What one scenario achieved.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub scenario: Scenario,
    /// The encoded size of one response message, as the server sent it.
    pub payload_bytes: usize,
    /// Completed unary calls, or stream messages received.
    pub completed: u64,
    /// Server streams completed (zero for unary scenarios).
    pub streams: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    /// Latency of a unary call, or of a whole stream.
    pub p50: Duration,
    pub p99: Duration,
    /// CPU time this process (server and clients together) used while measuring, if known.
    pub cpu: Option<Duration>,
}

impl Outcome {
    /// Calls or messages per second.
    pub fn rate(&self) -> f64 {
        self.completed as f64 / self.elapsed.as_secs_f64()
    }

    /// CPUs' worth of time the process got while measuring (at most the machine's CPU count).
    pub fn cores_used(&self) -> Option<f64> {
        self.cpu.map(|cpu| cpu.as_secs_f64() / self.elapsed.as_secs_f64())
    }

    /// CPU time per call or message, client and server sides together.
    pub fn cpu_per_item(&self) -> Option<Duration> {
        self.cpu.filter(|_| self.completed > 0).map(|cpu| cpu.div_f64(self.completed as f64))
    }
}

/// Runs every scenario of the seed's table against a fresh in-process server.
pub fn run(config: &Config) -> Result<Vec<Outcome>, Error> {
    let server = InProcessServer::start(config.server_threads)?;
    let client = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.client_threads)
        .thread_name("client")
        .enable_all()
        .build()?;
    let outcomes = client.block_on(async {
        let channels = connect(&server, config.connections).await?;
        let mut outcomes = Vec::new();
        for (scenario, _, _) in Scenario::SEED {
            outcomes.push(scenarios::drive(scenario, &server, &channels, config).await?);
        }
        Ok::<_, Error>(outcomes)
    })?;
    client.shutdown_timeout(Duration::from_secs(1));
    Ok(outcomes)
}

async fn connect(server: &InProcessServer, connections: usize) -> Result<Vec<Channel>, Error> {
    let endpoint = Endpoint::from_shared(format!("http://{}", server.addr))?.connect_timeout(Duration::from_secs(5));
    let mut channels = Vec::new();
    for _ in 0..connections.max(1) {
        channels.push(endpoint.connect().await?);
    }
    Ok(channels)
}

/// User plus system CPU time of this process so far, from `/proc/self/stat` (Linux only).
fn process_cpu_time() -> Option<Duration> {
    const TICKS_PER_SECOND: u64 = 100; // USER_HZ, fixed at 100 in Linux's user ABI.
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
}

/// The `quantile` (0..=1) of sorted latencies.
fn quantile(sorted: &[Duration], quantile: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * quantile).round() as usize;
    sorted[index]
}

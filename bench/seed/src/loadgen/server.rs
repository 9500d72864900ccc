//! The reference server, started in this process on its own tokio runtime (its own worker
//! threads, as a separate server process would have) on an ephemeral loopback port.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use ecommerce_example::store::Store;
use ecommerce_example::{Options, serve_with};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

use super::Error;

/// The bearer token the load generator's clients present.
pub const TOKEN: &str = "loadgen-token";

/// A running reference server; dropping it shuts it down.
pub struct InProcessServer {
    pub addr: SocketAddr,
    /// The server's store, shared with it: the streaming scenario rewinds orders it has tracked.
    pub store: Arc<Store>,
    runtime: Option<Runtime>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl InProcessServer {
    /// Starts the server with `threads` worker threads. Simulated work is switched off: pricing
    /// answers at once (the default is a 20 ms pretend call) and TrackOrder sends its updates back
    /// to back (the default is one every 500 ms), so the figures measure the gRPC stack and the
    /// handlers rather than sleeps.
    pub fn start(threads: usize) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .thread_name("server")
            .enable_all()
            .build()?;
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
        let addr = listener.local_addr()?;
        let store = Arc::new(Store::seeded());
        let options = Options { track_interval: Duration::ZERO, price_latency: Duration::ZERO, ..Options::new(TOKEN) };
        let (shutdown, stop) = oneshot::channel::<()>();
        runtime.spawn(serve_with(listener, options, Arc::clone(&store), async {
            let _ = stop.await;
        }));
        Ok(Self { addr, store, runtime: Some(runtime), shutdown: Some(shutdown) })
    }
}

impl Drop for InProcessServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

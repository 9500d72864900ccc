//! Starting a server for one test and making authenticated clients for it.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use ecommerce_example::middleware::BearerToken;
use ecommerce_example::pb::chat_service_client::ChatServiceClient;
use ecommerce_example::pb::order_service_client::OrderServiceClient;
use ecommerce_example::pb::price_service_client::PriceServiceClient;
use ecommerce_example::pb::product_service_client::ProductServiceClient;
use ecommerce_example::pb::upload_service_client::UploadServiceClient;
use ecommerce_example::pb::user_service_client::UserServiceClient;
use ecommerce_example::store::Store;
use ecommerce_example::{Error, Options, serve_with};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::codegen::InterceptedService;
use tonic::transport::{Channel, Endpoint};

pub const TOKEN: &str = "test-token";
/// The longest any single step of a test may wait.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub type Authed = InterceptedService<Channel, BearerToken>;

/// Options with timings short enough for tests.
pub fn fast() -> Options {
    Options {
        track_interval: Duration::from_millis(20),
        upload_limit: 64 * 1024,
        price_latency: Duration::from_millis(5),
        ..Options::new(TOKEN)
    }
}

/// A server running in the test's runtime; dropped with it.
pub struct TestServer {
    pub addr: SocketAddr,
    pub store: Arc<Store>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), Error>>,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::with(fast()).await
    }

    pub async fn with(options: Options) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let store = Arc::new(Store::seeded());
        let (shutdown, stop) = oneshot::channel::<()>();
        let task = tokio::spawn(serve_with(listener, options, Arc::clone(&store), async {
            let _ = stop.await;
        }));
        Self { addr, store, shutdown: Some(shutdown), task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn channel(&self) -> Channel {
        Endpoint::from_shared(self.url())
            .expect("a valid URL")
            .connect_timeout(PATIENCE)
            .timeout(PATIENCE)
            .connect()
            .await
            .expect("connect to the test server")
    }

    pub async fn products(&self) -> ProductServiceClient<Authed> {
        ProductServiceClient::with_interceptor(self.channel().await, auth())
    }

    pub async fn users(&self) -> UserServiceClient<Authed> {
        UserServiceClient::with_interceptor(self.channel().await, auth())
    }

    pub async fn orders(&self) -> OrderServiceClient<Authed> {
        OrderServiceClient::with_interceptor(self.channel().await, auth())
    }

    pub async fn uploads(&self) -> UploadServiceClient<Authed> {
        UploadServiceClient::with_interceptor(self.channel().await, auth())
    }

    pub async fn chat(&self) -> ChatServiceClient<Authed> {
        ChatServiceClient::with_interceptor(self.channel().await, auth())
    }

    pub async fn prices(&self) -> PriceServiceClient<Authed> {
        PriceServiceClient::with_interceptor(self.channel().await, auth())
    }

    /// Asks the server to shut down without waiting for it.
    pub fn begin_shutdown(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }

    /// Shuts the server down and waits for it to finish.
    pub async fn stop(mut self) -> Result<(), Error> {
        self.begin_shutdown();
        within(&mut self.task).await.expect("the server task does not panic")
    }
}

pub fn auth() -> BearerToken {
    BearerToken::new(TOKEN).expect("a valid token")
}

/// Awaits `future`, failing the test if it takes longer than [`PATIENCE`].
pub async fn within<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(PATIENCE, future).await.expect("the step finished in time")
}

/// A field mask of `paths`.
#[allow(clippy::unnecessary_wraps)] // the shape of the message fields it fills
pub fn mask(paths: &[&str]) -> Option<prost_types::FieldMask> {
    Some(prost_types::FieldMask { paths: paths.iter().map(|p| (*p).to_string()).collect() })
}

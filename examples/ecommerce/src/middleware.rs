//! Interceptors and layers: bearer-token authentication (server and client side) and an access
//! log of every call with its method, final status and duration.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use http_body_util::BodyExt as _;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::Interceptor;
use tonic::{Code, Request, Status};
use tower::{Layer, Service};

use crate::errors::with_reason;

/// Checks `authorization: Bearer <token>` on every call of the services it wraps; health and
/// reflection are not wrapped, so probes and tools such as grpcurl can list services without one.
#[derive(Clone)]
pub struct Authenticator {
    token: Arc<str>,
}

impl Authenticator {
    /// Accepts calls that present `token`.
    pub fn new(token: impl Into<Arc<str>>) -> Self {
        Self { token: token.into() }
    }
}

impl fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authenticator").field("token", &"<redacted>").finish()
    }
}

impl Interceptor for Authenticator {
    fn call(&mut self, request: Request<()>) -> Result<Request<()>, Status> {
        let unauthenticated =
            |reason: &str, message: &str| with_reason(Code::Unauthenticated, message, reason, &[("scheme", "Bearer")]);
        let Some(value) = request.metadata().get("authorization") else {
            return Err(unauthenticated(
                "MISSING_CREDENTIALS",
                "missing `authorization` metadata; send `authorization: Bearer <token>`",
            ));
        };
        let value = value.to_str().unwrap_or_default();
        let token = match value.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
            _ => return Err(unauthenticated("UNSUPPORTED_SCHEME", "the `authorization` scheme must be Bearer")),
        };
        if !constant_time_eq(token.as_bytes(), self.token.as_bytes()) {
            return Err(unauthenticated("INVALID_TOKEN", "the bearer token is not valid"));
        }
        Ok(request)
    }
}

/// Compares secrets in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The client side of [`Authenticator`]: adds `authorization: Bearer <token>` to every call.
#[derive(Clone)]
pub struct BearerToken {
    value: MetadataValue<Ascii>,
}

impl BearerToken {
    /// Fails if the token is not valid in a header value.
    pub fn new(token: &str) -> Result<Self, tonic::metadata::errors::InvalidMetadataValue> {
        Ok(Self { value: format!("Bearer {token}").parse()? })
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BearerToken").field("value", &"<redacted>").finish()
    }
}

impl Interceptor for BearerToken {
    fn call(&mut self, mut request: Request<()>) -> Result<Request<()>, Status> {
        request.metadata_mut().insert("authorization", self.value.clone());
        Ok(request)
    }
}

/// A tower layer that logs every call once it has finished: its method, its gRPC status (from
/// the headers of a trailers-only answer, otherwise from the trailers at the end of the body)
/// and how long it took. It sits inside the gRPC-Web translation, so it sees gRPC-Web calls as
/// plain gRPC.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccessLogLayer;

impl<S> Layer<S> for AccessLogLayer {
    type Service = AccessLog<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AccessLog { inner }
    }
}

/// The service made by [`AccessLogLayer`].
#[derive(Debug, Clone)]
pub struct AccessLog<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for AccessLog<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    S::Future: Send + 'static,
    ResBody: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    ResBody::Error: Into<tonic::codegen::StdError>,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        let method = request.uri().path().to_string();
        let start = Instant::now();
        tracing::debug!(target: "ecommerce::access", %method, "call started");
        let response = self.inner.call(request);
        Box::pin(async move {
            let response = response.await?;
            if let Some(code) = grpc_status(response.headers()) {
                log_finished(&method, code, start);
                return Ok(response.map(tonic::body::Body::new));
            }
            Ok(response.map(|body| {
                let mut method = Some(method);
                tonic::body::Body::new(body.map_frame(move |frame| {
                    if let Some(trailers) = frame.trailers_ref()
                        && let Some(method) = method.take()
                    {
                        log_finished(&method, grpc_status(trailers).unwrap_or(Code::Unknown), start);
                    }
                    frame
                }))
            }))
        })
    }
}

fn grpc_status(headers: &http::HeaderMap) -> Option<Code> {
    headers.get("grpc-status").map(|v| Code::from_bytes(v.as_bytes()))
}

fn log_finished(method: &str, code: Code, start: Instant) {
    let elapsed = start.elapsed();
    if code == Code::Ok {
        tracing::info!(target: "ecommerce::access", %method, ?code, ?elapsed, "call finished");
    } else {
        tracing::warn!(target: "ecommerce::access", %method, ?code, ?elapsed, "call failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(value: Option<&str>) -> Result<Request<()>, Status> {
        let mut request = Request::new(());
        if let Some(value) = value {
            request.metadata_mut().insert("authorization", value.parse().unwrap());
        }
        Authenticator::new("s3cret").call(request)
    }

    #[test]
    fn bearer_tokens() {
        assert!(call(Some("Bearer s3cret")).is_ok());
        assert!(call(Some("bearer s3cret")).is_ok());
        for bad in [None, Some("Bearer nope"), Some("Basic s3cret"), Some("s3cret"), Some("Bearer s3cret2")] {
            assert_eq!(call(bad).unwrap_err().code(), Code::Unauthenticated, "{bad:?}");
        }
    }
}

//! gRPC-Web over plain HTTP/1.1, as a browser sends it, with no proxy in between: a hyper
//! HTTP/1.1 client posts length-prefixed frames and decodes the framed answer and its trailers.

use std::net::SocketAddr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::{Buf as _, Bytes};
use ecommerce_example::pb::{GetUserRequest, GetUserResponse, TrackOrderRequest, TrackOrderResponse};
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HOST, ORIGIN};
use http_body_util::{BodyExt as _, Full};
use hyper_util::rt::TokioIo;
use prost::Message;
use tokio::net::TcpStream;

use crate::common::{TOKEN, TestServer, within};

const PROTO: &str = "application/grpc-web+proto";
const TEXT: &str = "application/grpc-web-text";

/// Sends one HTTP/1.1 request on a fresh connection and returns the answer with its whole body.
async fn send(addr: SocketAddr, request: http::request::Builder, body: Bytes) -> (http::response::Parts, Bytes) {
    let stream = within(TcpStream::connect(addr)).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(connection);
    let request = request.header(HOST, addr.to_string()).body(Full::new(body)).unwrap();
    let response = within(sender.send_request(request)).await.unwrap();
    assert_eq!(response.version(), http::Version::HTTP_11);
    let (parts, body) = response.into_parts();
    (parts, within(body.collect()).await.unwrap().to_bytes())
}

fn grpc_web_post(path: &str, content_type: &str, token: Option<&str>) -> http::request::Builder {
    let mut request = http::Request::post(path)
        .header(CONTENT_TYPE, content_type)
        .header(ACCEPT, content_type)
        .header("x-grpc-web", "1")
        .header(ORIGIN, "http://shop.example");
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    request
}

/// A gRPC (and gRPC-Web) data frame: flag 0, a big-endian u32 length, the message.
fn frame(message: &impl Message) -> Bytes {
    let payload = message.encode_to_vec();
    let mut out = vec![0u8];
    out.extend_from_slice(&u32::try_from(payload.len()).unwrap().to_be_bytes());
    out.extend_from_slice(&payload);
    out.into()
}

/// Splits a gRPC-Web body into its messages and the text of its trailer frame (flag 0x80).
fn unframe(mut body: Bytes) -> (Vec<Bytes>, String) {
    let mut messages = Vec::new();
    let mut trailers = String::new();
    while body.len() >= 5 {
        let flag = body.get_u8();
        let len = body.get_u32() as usize;
        let payload = body.split_to(len);
        if flag & 0x80 == 0 {
            messages.push(payload);
        } else {
            trailers = String::from_utf8(payload.to_vec()).unwrap();
        }
    }
    assert!(body.is_empty(), "the body is whole frames");
    (messages, trailers)
}

/// The gRPC status of a gRPC-Web answer: in the headers (trailers-only) or the trailer frame.
fn grpc_status(parts: &http::response::Parts, trailers: &str) -> String {
    if let Some(status) = parts.headers.get("grpc-status") {
        return status.to_str().unwrap().to_string();
    }
    trailers
        .lines()
        .find_map(|line| line.trim().strip_prefix("grpc-status:"))
        .expect("a grpc-status trailer")
        .trim()
        .to_string()
}

#[tokio::test]
async fn grpc_web_unary_call_over_http1() {
    let server = TestServer::start().await;
    let request = grpc_web_post("/ecommerce.v1.UserService/GetUser", PROTO, Some(TOKEN));
    let (parts, body) = send(server.addr, request, frame(&GetUserRequest { user_id: "user-1".into() })).await;
    assert_eq!(parts.status, http::StatusCode::OK);
    assert_eq!(parts.headers[CONTENT_TYPE], PROTO);
    let (messages, trailers) = unframe(body);
    assert_eq!(messages.len(), 1);
    let user = GetUserResponse::decode(messages[0].clone()).unwrap().user.unwrap();
    assert_eq!(user.name, "Ada Lovelace");
    assert_eq!(grpc_status(&parts, &trailers), "0");
    // CORS: a browser script on another origin may read the status headers.
    assert_eq!(parts.headers["access-control-allow-origin"], "http://shop.example");
    assert!(parts.headers["access-control-expose-headers"].to_str().unwrap().contains("grpc-status"));
}

#[tokio::test]
async fn grpc_web_server_streaming_over_http1() {
    let server = TestServer::start().await;
    let request = grpc_web_post("/ecommerce.v1.OrderService/TrackOrder", PROTO, Some(TOKEN));
    let body = frame(&TrackOrderRequest { order_id: "order-0001".into() });
    let (parts, body) = send(server.addr, request, body).await;
    let (messages, trailers) = unframe(body);
    let statuses: Vec<String> =
        messages.into_iter().map(|m| TrackOrderResponse::decode(m).unwrap().order_status.unwrap().status).collect();
    assert_eq!(statuses, ["preparing", "shipped", "in_transit", "out_for_delivery", "delivered"]);
    assert_eq!(grpc_status(&parts, &trailers), "0");
}

#[tokio::test]
async fn grpc_web_text_is_base64() {
    let server = TestServer::start().await;
    let request = grpc_web_post("/ecommerce.v1.UserService/GetUser", TEXT, Some(TOKEN));
    let body = STANDARD.encode(frame(&GetUserRequest { user_id: "user-2".into() }));
    let (parts, body) = send(server.addr, request, body.into()).await;
    assert!(parts.headers[CONTENT_TYPE].to_str().unwrap().starts_with(TEXT));
    // Each chunk of the answer is base64 on its own, padding included.
    let text = std::str::from_utf8(&body).unwrap();
    let mut decoded = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find('=').map_or(rest.len(), |i| i + rest[i..].bytes().take_while(|b| *b == b'=').count());
        decoded.extend(STANDARD.decode(&rest[..end]).unwrap());
        rest = &rest[end..];
    }
    let (messages, trailers) = unframe(decoded.into());
    assert_eq!(GetUserResponse::decode(messages[0].clone()).unwrap().user.unwrap().name, "Alan Turing");
    assert_eq!(grpc_status(&parts, &trailers), "0");
}

#[tokio::test]
async fn grpc_web_errors_carry_the_grpc_status() {
    let server = TestServer::start().await;
    let request = grpc_web_post("/ecommerce.v1.UserService/GetUser", PROTO, None);
    let (parts, body) = send(server.addr, request, frame(&GetUserRequest { user_id: "user-1".into() })).await;
    assert_eq!(parts.status, http::StatusCode::OK, "gRPC-Web reports failures in grpc-status");
    let (messages, trailers) = unframe(body);
    assert!(messages.is_empty());
    assert_eq!(grpc_status(&parts, &trailers), "16", "UNAUTHENTICATED");
}

#[tokio::test]
async fn cors_preflight_allows_grpc_web_from_a_browser() {
    let server = TestServer::start().await;
    let preflight = http::Request::options("/ecommerce.v1.UserService/GetUser")
        .header(ORIGIN, "http://shop.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type,x-grpc-web,authorization");
    let (parts, _) = send(server.addr, preflight, Bytes::new()).await;
    assert!(parts.status.is_success(), "{:?}", parts.status);
    assert_eq!(parts.headers["access-control-allow-origin"], "http://shop.example");
    let allowed = parts.headers["access-control-allow-headers"].to_str().unwrap().to_string();
    for header in ["content-type", "x-grpc-web", "authorization"] {
        assert!(allowed.contains(header), "{allowed}");
    }
}

//! ChatService.Chat: a bidirectional stream. Every message a client posts is broadcast to every
//! client in the same room, the sender included (its echo), after a system message announcing
//! the sender when it first posts in a room. The server ends its side when the client ends its
//! own, after passing on what was already queued for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use futures_util::FutureExt as _;
use tokio::sync::{broadcast, mpsc};
use tokio_stream::StreamExt as _;
use tokio_stream::StreamMap;
use tokio_stream::wrappers::{BroadcastStream, ReceiverStream};
use tonic::{Request, Response, Status, Streaming};

use crate::errors::invalid_field;
use crate::pb::chat_service_server::ChatService;
use crate::pb::{ChatMessage, ChatRequest, ChatResponse, MessageType};
use crate::store::Store;

/// Messages a slow client may fall behind in a room before it misses some.
const ROOM_CAPACITY: usize = 64;

/// The ChatService implementation.
#[derive(Debug, Clone)]
pub struct ChatApi {
    store: Arc<Store>,
    rooms: Arc<Mutex<HashMap<String, broadcast::Sender<ChatMessage>>>>,
}

impl ChatApi {
    pub fn new(store: Arc<Store>) -> Self {
        Self { store, rooms: Arc::default() }
    }

    fn room(&self, room_id: &str) -> broadcast::Sender<ChatMessage> {
        let mut rooms = self.rooms.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        rooms.retain(|_, sender| sender.receiver_count() > 0);
        rooms.entry(room_id.to_string()).or_insert_with(|| broadcast::channel(ROOM_CAPACITY).0).clone()
    }
}

type Outbox = mpsc::Sender<Result<ChatResponse, Status>>;

#[tonic::async_trait]
impl ChatService for ChatApi {
    type ChatStream = ReceiverStream<Result<ChatResponse, Status>>;

    async fn chat(&self, request: Request<Streaming<ChatRequest>>) -> Result<Response<Self::ChatStream>, Status> {
        let mut inbound = request.into_inner();
        let (outbox, rx) = mpsc::channel(ROOM_CAPACITY);
        let api = self.clone();
        let guard = self.store.stream_guard();
        tokio::spawn(async move {
            let _guard = guard;
            let mut joined: StreamMap<String, BroadcastStream<ChatMessage>> = StreamMap::new();
            let mut user = String::new();
            loop {
                tokio::select! {
                    incoming = inbound.message() => match incoming {
                        Ok(Some(request)) => match api.post(request, &mut joined) {
                            Ok(sender) => user = sender,
                            Err(status) => {
                                let _ = outbox.send(Err(status)).await;
                                break;
                            }
                        },
                        // The client ended its side (Ok(None)) or went away (Err).
                        Ok(None) | Err(_) => break,
                    },
                    Some((_, delivered)) = joined.next(), if !joined.is_empty() => {
                        if !forward(&outbox, delivered).await {
                            break;
                        }
                    }
                    () = outbox.closed() => break,
                }
            }
            // Pass on what is already queued, without waiting for more.
            for _ in 0..ROOM_CAPACITY * joined.len().max(1) {
                let Some(Some((_, delivered))) = joined.next().now_or_never() else { break };
                if !forward(&outbox, delivered).await {
                    break;
                }
            }
            for room in joined.keys() {
                let _ = api.room(room).send(system_message(room, &format!("{user} left the room")));
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

impl ChatApi {
    /// Checks and broadcasts one posted message, joining its room first; returns the sender.
    fn post(
        &self,
        request: ChatRequest,
        joined: &mut StreamMap<String, BroadcastStream<ChatMessage>>,
    ) -> Result<String, Status> {
        let Some(mut message) = request.message else {
            return Err(invalid_field("message", "required"));
        };
        if message.user_id.is_empty() {
            return Err(invalid_field("message.user_id", "required"));
        }
        if message.room_id.is_empty() {
            return Err(invalid_field("message.room_id", "required"));
        }
        if MessageType::try_from(message.r#type).is_err() {
            return Err(invalid_field("message.type", format!("unknown message type {}", message.r#type)));
        }
        if message.r#type == MessageType::Unspecified as i32 {
            message.r#type = MessageType::Text.into();
        }
        message.sent_at.get_or_insert_with(|| SystemTime::now().into());
        let room = self.room(&message.room_id);
        if !joined.contains_key(&message.room_id) {
            joined.insert(message.room_id.clone(), BroadcastStream::new(room.subscribe()));
            let _ = room.send(system_message(&message.room_id, &format!("{} joined the room", message.user_id)));
        }
        let user = message.user_id.clone();
        // Sending fails only when nobody is subscribed, and the sender itself just subscribed.
        let _ = room.send(message);
        Ok(user)
    }
}

/// Sends a delivered room message to the client; false once the client is gone.
async fn forward(outbox: &Outbox, delivered: Result<ChatMessage, impl std::fmt::Display>) -> bool {
    match delivered {
        Ok(message) => outbox.send(Ok(ChatResponse { message: Some(message) })).await.is_ok(),
        Err(lagged) => {
            tracing::warn!(%lagged, "a chat client fell behind; messages were skipped");
            true
        }
    }
}

fn system_message(room_id: &str, content: &str) -> ChatMessage {
    ChatMessage {
        user_id: "system".into(),
        room_id: room_id.into(),
        content: content.into(),
        sent_at: Some(SystemTime::now().into()),
        r#type: MessageType::System.into(),
    }
}

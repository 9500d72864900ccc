//! Client streaming (UploadService.UploadFile) and bidirectional streaming (ChatService.Chat).

use ecommerce_example::pb::{ChatMessage, ChatRequest, ChatResponse, FileChunk, MessageType, UploadFileRequest};
use ecommerce_example::services::upload::{CHECKSUM_METADATA, sha256_hex};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Code, Request, Streaming};
use tonic_types::StatusExt as _;

use crate::common::{TestServer, within};

fn chunks(filename: &str, content: &[u8], size: usize) -> Vec<UploadFileRequest> {
    content
        .chunks(size)
        .enumerate()
        .map(|(i, bytes)| UploadFileRequest {
            chunk: Some(FileChunk { filename: filename.into(), content: bytes.to_vec(), offset: (i * size) as i64 }),
        })
        .collect()
}

fn upload(
    messages: Vec<UploadFileRequest>,
    checksum: Option<&str>,
) -> Request<tokio_stream::Iter<std::vec::IntoIter<UploadFileRequest>>> {
    let mut request = Request::new(tokio_stream::iter(messages));
    if let Some(checksum) = checksum {
        request.metadata_mut().insert(CHECKSUM_METADATA, checksum.parse().unwrap());
    }
    request
}

#[tokio::test]
async fn upload_file_stores_the_chunks_and_verifies_the_checksum() {
    let server = TestServer::start().await;
    let mut uploads = server.uploads().await;
    let content: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 256) as u8).collect();
    let checksum = sha256_hex(&content);
    let response = within(uploads.upload_file(upload(chunks("photo.jpg", &content, 3000), Some(&checksum))))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(response.total_size, 20_000);
    assert_eq!(response.checksum, format!("sha256:{checksum}"));
    let stored = server.store.lock().files[&response.file_id].clone();
    assert_eq!((stored.filename.as_str(), stored.content == content), ("photo.jpg", true));

    let mut damaged = chunks("photo.jpg", &content, 3000);
    damaged[2].chunk.as_mut().unwrap().content[0] ^= 0xff;
    let status = within(uploads.upload_file(upload(damaged, Some(&checksum)))).await.unwrap_err();
    assert_eq!(status.code(), Code::DataLoss);
    let info = status.get_error_details().error_info().cloned().unwrap();
    assert_eq!(info.reason, "CHECKSUM_MISMATCH");
    assert_eq!(info.metadata["declared"], checksum);

    // Without a declared checksum the upload is accepted and the checksum only reported.
    let plain = within(uploads.upload_file(upload(chunks("a.txt", b"hello", 2), None))).await.unwrap().into_inner();
    assert_eq!(plain.checksum, format!("sha256:{}", sha256_hex(b"hello")));
}

#[tokio::test]
async fn upload_file_over_the_limit_is_resource_exhausted() {
    let server = TestServer::start().await; // the limit is 64 KiB
    let mut uploads = server.uploads().await;
    let content = vec![7u8; 100 * 1024];
    let status = within(uploads.upload_file(upload(chunks("big.bin", &content, 16 * 1024), None))).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    let quota = status.get_error_details().quota_failure().cloned().unwrap();
    assert_eq!(quota.violations[0].subject, "upload:big.bin");
    assert!(server.store.lock().files.is_empty());
}

#[tokio::test]
async fn upload_file_checks_offsets_filenames_and_emptiness() {
    let server = TestServer::start().await;
    let mut uploads = server.uploads().await;
    let field = |status: tonic::Status| {
        assert_eq!(status.code(), Code::InvalidArgument);
        status.get_error_details().bad_request().unwrap().field_violations[0].field.clone()
    };
    let mut gap = chunks("a.bin", &[1; 30], 10);
    gap.remove(1);
    assert_eq!(field(within(uploads.upload_file(upload(gap, None))).await.unwrap_err()), "chunk.offset");
    let mut renamed = chunks("a.bin", &[1; 30], 10);
    renamed[1].chunk.as_mut().unwrap().filename = "b.bin".into();
    assert_eq!(field(within(uploads.upload_file(upload(renamed, None))).await.unwrap_err()), "chunk.filename");
    assert_eq!(field(within(uploads.upload_file(upload(Vec::new(), None))).await.unwrap_err()), "chunk");
}

/// One chat participant: a sender for its requests and the stream of what it receives.
struct Participant {
    user: &'static str,
    outbox: Option<mpsc::Sender<ChatRequest>>,
    inbox: Streaming<ChatResponse>,
}

impl Participant {
    async fn join(server: &TestServer, user: &'static str) -> Self {
        let (outbox, requests) = mpsc::channel(16);
        let mut chat = server.chat().await;
        let inbox = within(chat.chat(ReceiverStream::new(requests))).await.unwrap().into_inner();
        Self { user, outbox: Some(outbox), inbox }
    }

    async fn say(&self, room: &str, content: &str) {
        let message = ChatMessage {
            user_id: self.user.into(),
            room_id: room.into(),
            content: content.into(),
            ..Default::default()
        };
        self.outbox.as_ref().unwrap().send(ChatRequest { message: Some(message) }).await.unwrap();
    }

    /// The next `n` messages as `user: content`.
    async fn hear(&mut self, n: usize) -> Vec<String> {
        let mut heard = Vec::new();
        for _ in 0..n {
            let message = within(self.inbox.message()).await.unwrap().expect("a message").message.unwrap();
            let expected = if message.user_id == "system" { MessageType::System } else { MessageType::Text };
            assert_eq!(message.r#type(), expected);
            assert!(message.sent_at.is_some());
            heard.push(format!("{}: {}", message.user_id, message.content));
        }
        heard
    }
}

#[tokio::test]
async fn chat_echoes_to_the_sender_and_broadcasts_to_the_room() {
    let server = TestServer::start().await;
    let mut ada = Participant::join(&server, "ada").await;
    let mut alan = Participant::join(&server, "alan").await;
    let mut grace = Participant::join(&server, "grace").await;

    ada.say("support", "is my order on its way?").await;
    assert_eq!(ada.hear(2).await, ["system: ada joined the room", "ada: is my order on its way?"]);
    grace.say("elsewhere", "hello?").await;
    assert_eq!(grace.hear(2).await, ["system: grace joined the room", "grace: hello?"]);
    alan.say("support", "it is in Incheon").await;
    let expected = ["system: alan joined the room", "alan: it is in Incheon"];
    assert_eq!(alan.hear(2).await, expected);
    assert_eq!(ada.hear(2).await, expected, "ada hears alan; nobody hears grace's other room");

    // Ending the request stream ends the response stream, and the room hears about it.
    ada.outbox.take();
    assert!(within(ada.inbox.message()).await.unwrap().is_none());
    assert_eq!(alan.hear(1).await, ["system: ada left the room"]);
}

#[tokio::test]
async fn chat_rejects_a_message_without_a_room() {
    let server = TestServer::start().await;
    let mut bob = Participant::join(&server, "bob").await;
    bob.say("", "where am I?").await;
    let status = within(bob.inbox.message()).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(status.get_error_details().bad_request().unwrap().field_violations[0].field, "message.room_id");
}

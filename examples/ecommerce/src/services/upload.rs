//! UploadService.UploadFile: a client stream of chunks, checked as they arrive (one filename,
//! contiguous offsets, a size limit) and stored once the client closes its side.
//!
//! The response carries the SHA-256 of the content. A client that sends the metadata
//! `x-content-sha256: <hex>` has it verified: a mismatch means the bytes were damaged on the way
//! and the upload is refused with DATA_LOSS.

use std::fmt::Write as _;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use tonic::{Code, Request, Response, Status, Streaming};

use crate::errors::{invalid_field, quota_exceeded, with_reason};
use crate::pb::upload_service_server::UploadService;
use crate::pb::{UploadFileRequest, UploadFileResponse};
use crate::store::{Store, StoredFile};

/// The metadata key of the checksum a client may declare for its upload.
pub const CHECKSUM_METADATA: &str = "x-content-sha256";

/// The UploadService implementation.
#[derive(Debug, Clone)]
pub struct UploadApi {
    store: Arc<Store>,
    /// The largest file accepted, in bytes.
    limit: usize,
}

impl UploadApi {
    pub fn new(store: Arc<Store>, limit: usize) -> Self {
        Self { store, limit }
    }
}

#[tonic::async_trait]
impl UploadService for UploadApi {
    async fn upload_file(
        &self,
        request: Request<Streaming<UploadFileRequest>>,
    ) -> Result<Response<UploadFileResponse>, Status> {
        let declared = request.metadata().get(CHECKSUM_METADATA).map(|v| v.to_str().unwrap_or_default().to_lowercase());
        let mut chunks = request.into_inner();
        let mut filename: Option<String> = None;
        let mut content = Vec::new();
        let mut hasher = Sha256::new();
        // The loop ends when the client closes its side; each message grows `content` or fails,
        // and the size limit bounds how long that can go on.
        while let Some(message) = chunks.message().await? {
            let Some(chunk) = message.chunk else {
                return Err(invalid_field("chunk", "required in every message"));
            };
            match &filename {
                None if chunk.filename.is_empty() => return Err(invalid_field("chunk.filename", "required")),
                None => filename = Some(chunk.filename.clone()),
                Some(name) if *name != chunk.filename => {
                    return Err(invalid_field("chunk.filename", format!("changed from {name:?} mid-upload")));
                }
                Some(_) => {}
            }
            if chunk.offset != content.len() as i64 {
                let why = format!("expected offset {}, got {}", content.len(), chunk.offset);
                return Err(invalid_field("chunk.offset", why));
            }
            if content.len() + chunk.content.len() > self.limit {
                let name = filename.unwrap_or_default();
                return Err(quota_exceeded(
                    &format!("upload:{name}"),
                    &format!("{name} is larger than the limit of {} bytes", self.limit),
                ));
            }
            hasher.update(&chunk.content);
            content.extend_from_slice(&chunk.content);
        }
        let Some(filename) = filename else {
            return Err(invalid_field("chunk", "the upload has no chunks"));
        };
        let checksum = hex(&hasher.finalize());
        if let Some(declared) = declared
            && declared != checksum
        {
            return Err(with_reason(
                Code::DataLoss,
                "the content does not match the declared SHA-256; it was damaged on the way",
                "CHECKSUM_MISMATCH",
                &[("declared", &declared), ("actual", &checksum)],
            ));
        }
        let total_size = content.len() as i64;
        let mut data = self.store.lock();
        let file_id = data.next_file_id();
        tracing::info!(file = %file_id, %filename, total_size, "file stored");
        data.files.insert(file_id.clone(), StoredFile { filename, content, checksum: checksum.clone() });
        Ok(Response::new(UploadFileResponse { file_id, total_size, checksum: format!("sha256:{checksum}") }))
    }
}

/// The SHA-256 of `content` in lowercase hex, as `x-content-sha256` carries it.
pub fn sha256_hex(content: &[u8]) -> String {
    hex(&Sha256::digest(content))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

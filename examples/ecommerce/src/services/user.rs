//! UserService: customer accounts (a plain unary service).

use std::sync::Arc;

use tonic::{Request, Response, Status};

use crate::errors::{invalid_field, not_found};
use crate::pb::user_service_server::UserService;
use crate::pb::{GetUserRequest, GetUserResponse};
use crate::store::Store;

/// The UserService implementation.
#[derive(Debug, Clone)]
pub struct UserApi {
    store: Arc<Store>,
}

impl UserApi {
    pub fn new(store: Arc<Store>) -> Self {
        Self { store }
    }
}

#[tonic::async_trait]
impl UserService for UserApi {
    async fn get_user(&self, request: Request<GetUserRequest>) -> Result<Response<GetUserResponse>, Status> {
        let id = &request.get_ref().user_id;
        if id.is_empty() {
            return Err(invalid_field("user_id", "required"));
        }
        let user = self.store.lock().users.get(id).cloned().ok_or_else(|| not_found("User", id))?;
        Ok(Response::new(GetUserResponse { user: Some(user) }))
    }
}

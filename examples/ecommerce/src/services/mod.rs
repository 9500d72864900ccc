//! One implementation per service of `ecommerce.v1`.

pub mod chat;
pub mod order;
pub mod price;
pub mod product;
pub mod upload;
pub mod user;

pub use chat::ChatApi;
pub use order::OrderApi;
pub use price::{PriceApi, Pricing};
pub use product::ProductApi;
pub use upload::UploadApi;
pub use user::UserApi;

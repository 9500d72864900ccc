//! Page tokens and page sizes for `List*` methods (AIP-158).
//!
//! A page token is opaque to clients: base64url of the filter the listing was made with and the
//! ID of the last item returned. A token used with a different filter is rejected, as AIP-158
//! asks, rather than silently returning a page of another listing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tonic::Status;

use crate::errors::invalid_field;

/// The page size when the request asks for none.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// The largest page the server returns, whatever the request asks.
pub const MAX_PAGE_SIZE: usize = 100;

const VERSION: &str = "v1";

/// The page size to use for a request's `page_size`: the default for 0, at most the maximum.
pub fn page_size(requested: i32) -> Result<usize, Status> {
    match requested {
        0 => Ok(DEFAULT_PAGE_SIZE),
        n if n < 0 => Err(invalid_field("page_size", "must not be negative")),
        n => Ok((n as usize).min(MAX_PAGE_SIZE)),
    }
}

/// The token for the page after `last_id`, for a listing made with `filter`.
pub fn encode_token(filter: &str, last_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{VERSION}\n{filter}\n{last_id}"))
}

/// The ID to continue after, from a request's `page_token`; `None` for the first page.
pub fn decode_token(token: &str, filter: &str) -> Result<Option<String>, Status> {
    if token.is_empty() {
        return Ok(None);
    }
    let invalid = || invalid_field("page_token", "not a page token returned by this method");
    let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let mut parts = text.splitn(3, '\n');
    let (Some(VERSION), Some(token_filter), Some(last_id)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid());
    };
    if token_filter != filter {
        return Err(invalid_field("page_token", "the token was returned for a request with other filters"));
    }
    Ok(Some(last_id.to_string()))
}

/// One page of `items` (already in listing order, already after the token's position): at most
/// `size` items and the token for the next page, empty on the last page.
pub fn page<T: Clone>(
    items: impl Iterator<Item = T>,
    size: usize,
    filter: &str,
    id: impl Fn(&T) -> &str,
) -> (Vec<T>, String) {
    let mut items = items.peekable();
    let page: Vec<T> = items.by_ref().take(size).collect();
    let next = match (items.peek(), page.last()) {
        (Some(_), Some(last)) => encode_token(filter, id(last)),
        _ => String::new(),
    };
    (page, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_are_bound_to_their_filter() {
        let token = encode_token("category=1", "prod-0003");
        assert_eq!(decode_token(&token, "category=1").unwrap().as_deref(), Some("prod-0003"));
        assert_eq!(decode_token(&token, "category=2").unwrap_err().code(), tonic::Code::InvalidArgument);
        assert_eq!(decode_token("garbage!", "").unwrap_err().code(), tonic::Code::InvalidArgument);
        assert_eq!(decode_token("", "x").unwrap(), None);
    }

    #[test]
    fn page_sizes() {
        assert_eq!(page_size(0).unwrap(), DEFAULT_PAGE_SIZE);
        assert_eq!(page_size(1000).unwrap(), MAX_PAGE_SIZE);
        assert_eq!(page_size(-1).unwrap_err().code(), tonic::Code::InvalidArgument);
    }

    #[test]
    fn the_last_page_has_no_token() {
        let (items, next) = page([1, 2, 3].iter(), 2, "", |_| "id");
        assert_eq!((items.len(), next.is_empty()), (2, false));
        let (items, next) = page([1, 2].iter(), 2, "", |_| "id");
        assert_eq!((items.len(), next.is_empty()), (2, true));
    }
}

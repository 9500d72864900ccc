//! What the `RPC_SAME_*` rules share besides their pairing of methods
//! ([`BreakingContext::method_pairs`](crate::breaking::BreakingContext::method_pairs): services by
//! full name, then their methods by name; methods present on one side only are left to
//! `RPC_NO_DELETE`).

use crate::{breaking::prelude::*, schema::elements::Method};

/// `RPC "Name" on service "Service"`, as every `RPC_SAME_*` message starts.
pub(super) fn describe(method: &Method<'_>) -> String {
    format!("RPC {} on service {}", go_quote(method.element.node.name()), go_quote(method.service.name()))
}

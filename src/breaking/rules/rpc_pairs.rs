//! The pairing shared by the `RPC_SAME_*` rules: services by full name, then their methods by
//! name; methods present on one side only are left to `RPC_NO_DELETE`.

use crate::{breaking::prelude::*, schema::elements::Method};

/// Every (previous, current) method pair.
pub(super) fn rpc_pairs<'c, 'a>(cx: &'c BreakingContext<'a>) -> impl Iterator<Item = (&'c Method<'a>, &'c Method<'a>)> {
    cx.method_pairs()
}

/// `RPC "Name" on service "Service"`, as every `RPC_SAME_*` message starts.
pub(super) fn describe(method: &Method<'_>) -> String {
    format!("RPC {} on service {}", go_quote(method.element.node.name()), go_quote(method.service.name()))
}

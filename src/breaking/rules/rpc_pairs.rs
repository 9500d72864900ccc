//! The pairing shared by the `RPC_SAME_*` rules: services by full name, then their methods by
//! name; methods present on one side only are left to `RPC_NO_DELETE`.

use crate::{breaking::prelude::*, schema::elements::Method};

/// Every (previous, current) method pair.
pub(super) fn rpc_pairs<'c, 'a>(cx: &'c BreakingContext<'a>) -> Vec<(&'c Method<'a>, &'c Method<'a>)> {
    let mut pairs = Vec::new();
    for previous_service in &cx.previous.elements.services {
        let Some(current_service) = cx.current.service(&previous_service.full_name) else { continue };
        for previous in cx.previous.methods_of(previous_service) {
            let name = previous.element.node.name();
            if let Some(current) = cx.current.methods_of(current_service).find(|m| m.element.node.name() == name) {
                pairs.push((previous, current));
            }
        }
    }
    pairs
}

/// `RPC "Name" on service "Service"`, as every `RPC_SAME_*` message starts.
pub(super) fn describe(method: &Method<'_>) -> String {
    format!("RPC {} on service {}", go_quote(method.element.node.name()), go_quote(method.service.name()))
}

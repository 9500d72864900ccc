use super::rpc_pairs::describe;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every RPC that exists in both schemas (service paired by full name, RPC by name) keeps its
    /// request type, by fully-qualified name.
    /// ## Why
    /// Clients keep sending the old request message; the server decodes those bytes as the new
    /// type and misreads or rejects them. Generated client and server code stop compiling.
    /// ## Example
    /// Changing `rpc GetOrder(GetOrderRequest)` to `rpc GetOrder(FetchOrderRequest)` in package
    /// `shop.v1` fires, at the request type:
    /// `RPC "GetOrder" on service "OrderService" changed request type from "shop.v1.GetOrderRequest" to "shop.v1.FetchOrderRequest".`
    /// Instead, keep the request type and evolve the message itself compatibly, or add a new RPC.
    pub RpcSameRequestType {
        id: "RPC_SAME_REQUEST_TYPE",
        purpose: "Checks that rpcs are have the same request type.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for RpcSameRequestType {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for (previous, current) in cx.method_pairs() {
            let before = previous.element.node.input_type().trim_start_matches('.');
            let after = current.element.node.input_type().trim_start_matches('.');
            if before != after {
                let message = format!(
                    "{} changed request type from {} to {}.",
                    describe(current),
                    go_quote(before),
                    go_quote(after)
                );
                let path = current.element.child_path(&[tag::METHOD_INPUT_TYPE]);
                found.at(current.element.file, path, Some(previous.element.file), message);
            }
        }
    }
}

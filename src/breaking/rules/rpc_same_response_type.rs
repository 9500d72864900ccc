use super::rpc_pairs::describe;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every RPC that exists in both schemas (service paired by full name, RPC by name) keeps its
    /// response type, by fully-qualified name.
    /// ## Why
    /// Clients keep decoding replies as the old response message; the new type's bytes are
    /// misread. Generated client and server code stop compiling.
    /// ## Example
    /// Changing `returns (Order)` to `returns (google.protobuf.Empty)` on `rpc CancelOrder` in
    /// package `shop.v1` fires, at the response type:
    /// `RPC "CancelOrder" on service "OrderService" changed response type from "shop.v1.Order" to "google.protobuf.Empty".`
    /// Instead, keep the response type and evolve the message itself compatibly, or add a new RPC.
    pub RpcSameResponseType {
        id: "RPC_SAME_RESPONSE_TYPE",
        purpose: "Checks that rpcs are have the same response type.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for RpcSameResponseType {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for (previous, current) in cx.method_pairs() {
            let before = previous.element.node.output_type().trim_start_matches('.');
            let after = current.element.node.output_type().trim_start_matches('.');
            if before != after {
                let message = format!(
                    "{} changed response type from {} to {}.",
                    describe(current),
                    go_quote(before),
                    go_quote(after)
                );
                let path = current.element.child_path(&[tag::METHOD_OUTPUT_TYPE]);
                found.at(current.element.file, path, Some(previous.element.file), message);
            }
        }
    }
}

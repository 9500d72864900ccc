use super::rpc_pairs::describe;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every RPC that exists in both schemas (service paired by full name, RPC by name) keeps
    /// its server streaming: `returns (stream Event)` stays streaming, `returns (Reply)` stays
    /// unary.
    /// ## Why
    /// Server streaming is part of the call's protocol: gRPC stubs for a unary call and for a
    /// server stream have different shapes, and a client and server that disagree fail every call.
    /// ## Example
    /// Changing `rpc Watch(WatchRequest) returns (stream Event);` to `rpc Watch(WatchRequest)
    /// returns (Event);` fires, at the RPC:
    /// `RPC "Watch" on service "Events" changed from server streaming to server unary.`
    /// Instead, add a new RPC (`GetLatest`) with the new shape and keep the old one.
    pub RpcSameServerStreaming {
        id: "RPC_SAME_SERVER_STREAMING",
        purpose: "Checks that rpcs have the same server streaming value.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for RpcSameServerStreaming {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for (previous, current) in cx.method_pairs() {
            let streaming = current.element.node.server_streaming();
            if previous.element.node.server_streaming() == streaming {
                continue;
            }
            let (from, to) = if streaming { ("unary", "streaming") } else { ("streaming", "unary") };
            let message = format!("{} changed from server {from} to server {to}.", describe(current));
            found.at(current.element.file, current.element.path.clone(), Some(previous.element.file), message);
        }
    }
}

use super::rpc_pairs::describe;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every RPC that exists in both schemas (service paired by full name, RPC by name) keeps
    /// its client streaming: `rpc Upload(stream Chunk)` stays streaming, `rpc Get(Req)` stays
    /// unary.
    /// ## Why
    /// Client streaming is part of the call's protocol: gRPC stubs for a unary call and for a
    /// client stream have different shapes, and a client and server that disagree fail every call.
    /// ## Example
    /// Changing `rpc Upload(Chunk) returns (Receipt);` to `rpc Upload(stream Chunk) returns
    /// (Receipt);` fires, at the RPC:
    /// `RPC "Upload" on service "Files" changed from client unary to client streaming.`
    /// Instead, add a new RPC (`UploadStream`) with the new shape and keep the old one.
    pub RpcSameClientStreaming {
        id: "RPC_SAME_CLIENT_STREAMING",
        purpose: "Checks that rpcs have the same client streaming value.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for RpcSameClientStreaming {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for (previous, current) in cx.method_pairs() {
            let streaming = current.element.node.client_streaming();
            if previous.element.node.client_streaming() == streaming {
                continue;
            }
            let (from, to) = if streaming { ("unary", "streaming") } else { ("streaming", "unary") };
            let message = format!("{} changed from client {from} to client {to}.", describe(current));
            found.at(current.element.file, current.element.path.clone(), Some(previous.element.file), message);
        }
    }
}

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// No RPC streams its response (`returns (stream Resp)`). Reported at the whole `rpc`
    /// declaration.
    /// ## Why
    /// Streaming RPCs are harder to retry, load-balance, proxy and call from browsers and
    /// simple HTTP clients; unary RPCs work everywhere.
    /// ## Example
    /// ```proto,fires
    /// message WatchRequest {}
    /// message WatchResponse {}
    /// service WatchService {
    ///   rpc Watch(WatchRequest) returns (stream WatchResponse);
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// message WatchRequest {}
    /// message WatchResponse {}
    /// service WatchService {
    ///   rpc Watch(WatchRequest) returns (WatchResponse);
    /// }
    /// ```
    pub RpcNoServerStreaming {
        id: "RPC_NO_SERVER_STREAMING",
        purpose: "Checks that RPCs are not server streaming.",
        v1beta1: [UNARY_RPC] default false,
        v1: [UNARY_RPC] default false,
        v2: [UNARY_RPC] default false,
    }
}

impl LintRule for RpcNoServerStreaming {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for method in cx.elements().methods.iter().filter(|m| m.element.node.server_streaming()) {
            let message = format!("RPC {} is server streaming.", go_quote(method.element.node.name()));
            found.at(&method.element, method.element.path.clone(), message);
        }
    }
}

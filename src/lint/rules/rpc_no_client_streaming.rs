use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// No RPC streams its request (`rpc X(stream Req)`). Reported at the whole `rpc`
    /// declaration.
    /// ## Why
    /// Streaming RPCs are harder to retry, load-balance, proxy and call from browsers and
    /// simple HTTP clients; unary RPCs work everywhere.
    /// ## Example
    /// ```proto,fires
    /// message UploadRequest {}
    /// message UploadResponse {}
    /// service UploadService {
    ///   rpc Upload(stream UploadRequest) returns (UploadResponse);
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// message UploadRequest {}
    /// message UploadResponse {}
    /// service UploadService {
    ///   rpc Upload(UploadRequest) returns (UploadResponse);
    /// }
    /// ```
    pub RpcNoClientStreaming {
        id: "RPC_NO_CLIENT_STREAMING",
        purpose: "Checks that RPCs are not client streaming.",
        v1beta1: [UNARY_RPC] default false,
        v1: [UNARY_RPC] default false,
        v2: [UNARY_RPC] default false,
    }
}

impl LintRule for RpcNoClientStreaming {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for method in cx.elements().methods.iter().filter(|m| m.element.node.client_streaming()) {
            let message = format!("RPC {} is client streaming.", go_quote(method.element.node.name()));
            found.at(&method.element, method.element.path.clone(), message);
        }
    }
}

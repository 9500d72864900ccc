use std::collections::BTreeMap;

use crate::lint::{elements::Method, prelude::*};

const EMPTY: &str = "google.protobuf.Empty";

declare_rule! {
    /// ## What it checks
    /// Across the module, every message is the request or response of at most one RPC, and no RPC
    /// uses the same message for its request and its response.
    /// `lint.rpc_allow_same_request_response` lifts the second check;
    /// `lint.rpc_allow_google_protobuf_empty_requests` and
    /// `lint.rpc_allow_google_protobuf_empty_responses` let `google.protobuf.Empty` be shared
    /// on that side (with both set, `Empty` may also be both request and response).
    /// ## Why
    /// A message owned by one RPC can change with that RPC; a shared one ties RPCs together, so a
    /// field added for one silently appears in the others.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// message Order {}
    /// service OrderService { rpc UpdateOrder(Order) returns (Order); }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// message UpdateOrderRequest {}
    /// message UpdateOrderResponse {}
    /// service OrderService { rpc UpdateOrder(UpdateOrderRequest) returns (UpdateOrderResponse); }
    /// ```
    pub RpcRequestResponseUnique {
        id: "RPC_REQUEST_RESPONSE_UNIQUE",
        purpose: "Checks that RPC request and response types are only used in one RPC (configurable).",
        v1beta1: [DEFAULT, STANDARD, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

impl LintRule for RpcRequestResponseUnique {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let options = cx.options();
        let (allow_requests, allow_responses) =
            (options.rpc_allow_google_protobuf_empty_requests, options.rpc_allow_google_protobuf_empty_responses);
        let methods = &cx.elements().methods;
        let mut at = |method: &Method<'a>, message: String| found.at(&method.element, method.element.path.clone(), message);
        if !options.rpc_allow_same_request_response {
            for method in methods {
                let (input, output) = types(method);
                if input == output && !(input == EMPTY && allow_requests && allow_responses) {
                    let name = method.element.node.name();
                    at(method, format!("RPC {} has the same type {} for the request and response.", go_quote(name), go_quote(input)));
                }
            }
        }
        let mut users: BTreeMap<&str, BTreeMap<&str, &Method<'a>>> = BTreeMap::new();
        for method in methods {
            let (input, output) = types(method);
            for ty in [input, output] {
                users.entry(ty).or_default().insert(&method.element.full_name, method);
            }
        }
        for (ty, by_name) in users.into_iter().filter(|(_, by_name)| by_name.len() > 1) {
            let quoted = go_quote(ty);
            if ty == EMPTY && (allow_requests || allow_responses) {
                for (allowed, side, pick) in [(allow_requests, "request", 0), (allow_responses, "response", 1)] {
                    let on_side: Vec<_> = by_name.values().filter(|m| [types(m).0, types(m).1][pick] == EMPTY).collect();
                    if !allowed && on_side.len() > 1 {
                        for method in on_side {
                            at(method, format!("{quoted} is used as the {side} for multiple RPCs."));
                        }
                    }
                }
            } else {
                for method in by_name.values() {
                    at(method, format!("{quoted} is used as the request or response type for multiple RPCs."));
                }
            }
        }
    }
}

/// The request and response type names, without the leading dot.
fn types<'m>(method: &'m Method<'_>) -> (&'m str, &'m str) {
    let node = method.element.node;
    (node.input_type().trim_start_matches('.'), node.output_type().trim_start_matches('.'))
}

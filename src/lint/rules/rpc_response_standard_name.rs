use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The response type of every RPC is named after the RPC: `<Rpc>Response` or
    /// `<Service><Rpc>Response` (both in `PascalCase`). Only the type's simple name counts, so a type
    /// of another package may match. With `lint.rpc_allow_google_protobuf_empty_responses`,
    /// `google.protobuf.Empty` is accepted as well.
    /// ## Why
    /// A response type per RPC, named after it, can grow new fields for that RPC alone; a shared
    /// or generic type couples RPCs that should evolve separately.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// message Order {}
    /// service OrderService { rpc GetOrder(Order) returns (Order); }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// message GetOrderRequest {}
    /// message GetOrderResponse {}
    /// service OrderService { rpc GetOrder(GetOrderRequest) returns (GetOrderResponse); }
    /// ```
    pub RpcResponseStandardName {
        id: "RPC_RESPONSE_STANDARD_NAME",
        purpose: "Checks that RPC response type names are RPCNameResponse or ServiceNameRPCNameResponse (configurable).",
        v1beta1: [DEFAULT, STANDARD, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

impl LintRule for RpcResponseStandardName {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let allow_empty = cx.options().rpc_allow_google_protobuf_empty_responses;
        for method in &cx.elements().methods {
            let full_name = method.element.node.output_type().trim_start_matches('.');
            if allow_empty && full_name == "google.protobuf.Empty" {
                continue;
            }
            let name = full_name.rsplit('.').next().unwrap_or(full_name);
            let short = format!("{}Response", to_pascal_case(method.element.node.name()));
            let long = format!("{}{short}", to_pascal_case(method.service.name()));
            if name != short && name != long {
                let message = format!(
                    "RPC response type {} should be named {} or {}.",
                    go_quote(name),
                    go_quote(&short),
                    go_quote(&long)
                );
                found.at(&method.element, method.element.child_path(&[tag::METHOD_OUTPUT_TYPE]), message);
            }
        }
    }
}

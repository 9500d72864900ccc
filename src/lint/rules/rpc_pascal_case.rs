use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// RPC (method) names are `PascalCase`: the name equals buf's `ToPascalCase` of itself.
    /// ## Why
    /// RPC names become method names in generated clients and servers and part of the wire
    /// path (`/pkg.Service/Method`); one convention keeps both predictable.
    /// ## Example
    /// ```proto,fires
    /// message GetOrderRequest {}
    /// message GetOrderResponse {}
    /// service OrderService {
    ///   rpc get_order(GetOrderRequest) returns (GetOrderResponse);
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// message GetOrderRequest {}
    /// message GetOrderResponse {}
    /// service OrderService {
    ///   rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
    /// }
    /// ```
    pub RpcPascalCase {
        id: "RPC_PASCAL_CASE",
        purpose: "Checks that RPCs are PascalCase.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for RpcPascalCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for method in &cx.elements().methods {
            let name = method.element.node.name();
            let expected = to_pascal_case(name);
            if name != expected {
                let message = format!("RPC name {} should be PascalCase, such as {}.", go_quote(name), go_quote(&expected));
                found.at(&method.element, method.element.child_path(&[tag::NAME]), message);
            }
        }
    }
}

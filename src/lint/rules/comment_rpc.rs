use crate::lint::{has_documentation, prelude::*};

declare_rule! {
    /// ## What it checks
    /// Every RPC has a leading comment with at least one non-empty line that is not a
    /// `buf:lint:ignore` directive. Trailing and detached comments do not count. Reported at
    /// the whole `rpc` declaration.
    /// ## Why
    /// Comments on schema elements become the documentation of generated code and of API
    /// references; an undocumented element leaves every consumer guessing.
    /// ## Example
    /// ```proto,fires
    /// // Gets an order.
    /// message GetOrderRequest {}
    /// // An order.
    /// message GetOrderResponse {}
    /// // Manages orders.
    /// service OrderService {
    ///   //
    ///   rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// // Gets an order.
    /// message GetOrderRequest {}
    /// // An order.
    /// message GetOrderResponse {}
    /// // Manages orders.
    /// service OrderService {
    ///   // Returns one order by id.
    ///   rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
    /// }
    /// ```
    pub CommentRpc {
        id: "COMMENT_RPC",
        purpose: "Checks that RPCs have non-empty comments.",
        v1beta1: [COMMENTS] default false,
        v1: [COMMENTS] default false,
        v2: [COMMENTS] default false,
    }
}

impl LintRule for CommentRpc {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for method in &cx.elements().methods {
            let element = &method.element;
            let location = element.file.location(&element.path);
            if location.is_some_and(|l| !has_documentation(l.leading_comments())) {
                let name = go_quote(element.node.name());
                let message = format!("RPC {name} should have a non-empty comment for documentation.");
                found.at(element, element.path.clone(), message);
            }
        }
    }
}

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every service present in both schemas (paired by full name), every method of the old
    /// service (by name) still exists.
    /// ## Why
    /// Clients built against the old schema still call the method; the server answers
    /// `UNIMPLEMENTED`, and generated client code that names it stops compiling.
    /// ## Example
    /// Removing `rpc CancelOrder(CancelOrderRequest) returns (CancelOrderResponse);` from
    /// `OrderService` fires on the declaration of `OrderService`:
    /// `Previously present RPC "CancelOrder" on service "OrderService" was deleted.`
    /// Instead, keep the method (mark it `option deprecated = true;`) until no client calls it.
    pub RpcNoDelete {
        id: "RPC_NO_DELETE",
        purpose: "Checks that rpcs are not deleted from a given service.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for RpcNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.services {
            let Some(current) = cx.current.service(&previous.full_name) else { continue };
            for method in &previous.node.method {
                if current.node.method.iter().any(|m| m.name() == method.name()) {
                    continue;
                }
                let message = format!(
                    "Previously present RPC {} on service {} was deleted.",
                    go_quote(method.name()),
                    go_quote(current.node.name())
                );
                found.at(current.file, current.path.clone(), Some(previous.file), message);
            }
        }
    }
}

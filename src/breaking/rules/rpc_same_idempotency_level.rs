use prost_types::MethodOptions;

use super::{
    location::against,
    rpc_pairs::describe,
};
use crate::{breaking::prelude::*, schema::elements::Method};

/// `MethodOptions.idempotency_level`.
const IDEMPOTENCY_LEVEL: i32 = 34;
const METHOD_OPTIONS: i32 = 4;

declare_rule! {
    /// ## What it checks
    /// Every RPC that exists in both schemas (service paired by full name, RPC by name) keeps its
    /// `idempotency_level` option (`IDEMPOTENCY_UNKNOWN` when unset, so setting it to that is no
    /// change).
    /// ## Why
    /// The level decides how clients may call the RPC: Connect and gRPC-Web send
    /// `NO_SIDE_EFFECTS` RPCs as HTTP GET, and retry policies rely on `IDEMPOTENT`. Clients
    /// generated from the old schema call and retry it the old way.
    /// ## Example
    /// Adding `option idempotency_level = NO_SIDE_EFFECTS;` to `rpc GetOrder` fires, at the option:
    /// `RPC "GetOrder" on service "OrderService" changed option "idempotency_level" from "IDEMPOTENCY_UNKNOWN" to "NO_SIDE_EFFECTS".`
    /// When the option is removed, the finding is printed at `1:1` of the file.
    /// Instead, keep the level; add a new RPC when the call's semantics really change.
    pub RpcSameIdempotencyLevel {
        id: "RPC_SAME_IDEMPOTENCY_LEVEL",
        purpose: "Checks that rpcs have the same value for the idempotency_level option.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

fn level(method: &Method<'_>) -> &'static str {
    method.element.node.options.as_ref().map(MethodOptions::idempotency_level).unwrap_or_default().as_str_name()
}

impl BreakingRule for RpcSameIdempotencyLevel {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for (previous, current) in cx.method_pairs() {
            let (before, after) = (level(previous), level(current));
            if before != after {
                let message = format!(
                    "{} changed option \"idempotency_level\" from {} to {}.",
                    describe(current),
                    go_quote(before),
                    go_quote(after)
                );
                let option = [METHOD_OPTIONS, IDEMPOTENCY_LEVEL];
                let previous_file = against(previous.element.file, &previous.element.child_path(&option));
                found.at(current.element.file, current.element.child_path(&option), previous_file, message);
            }
        }
    }
}

use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every file path present in both schemas, every service of the old file (by name) is
    /// still declared in that file. Moving a service to another file counts as a deletion;
    /// `PACKAGE_SERVICE_NO_DELETE` is the per-package variant.
    /// ## Why
    /// Clients and servers are generated per file; deleting or moving a service removes the
    /// stubs and interfaces that existing code is built on.
    /// ## Example
    /// Removing `service OrderService` from `shop/v1/order.proto` fires at `1:1` of that file:
    /// `Previously present service "OrderService" was deleted from file.`
    /// Instead, keep the service (deprecate it with `option deprecated = true;`), or make the
    /// change in a new package version.
    pub ServiceNoDelete {
        id: "SERVICE_NO_DELETE",
        purpose: "Checks that services are not deleted from a given file.",
        v1beta1: [FILE] default true,
        v1: [FILE] default true,
        v2: [FILE] default true,
    }
}

impl BreakingRule for ServiceNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> =
            cx.current.elements.services.iter().map(|s| (s.file.descriptor.name(), s.node.name())).collect();
        for previous in &cx.previous.elements.services {
            let Some(file) = cx.current.file(previous.file.descriptor.name()) else { continue };
            let name = previous.node.name();
            if current.contains(&(file.descriptor.name(), name)) {
                continue;
            }
            let message = format!("Previously present service {} was deleted from file.", go_quote(name));
            found.file_level(file, Some(previous.file), message);
        }
    }
}

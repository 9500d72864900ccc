use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every package present in both schemas, every service of the old package (by name) is
    /// still declared somewhere in that package. Unlike `SERVICE_NO_DELETE`, moving a service
    /// between files of the same package is fine.
    /// ## Why
    /// Clients call a service by its full name; as long as the package still declares it, calls
    /// keep reaching it.
    /// ## Example
    /// Removing `service OrderService` from package `shop.v1` fires at `1:1` of its old file when
    /// that file still exists (at `<input>:1:1` otherwise):
    /// `Previously present service "OrderService" was deleted from package "shop.v1".`
    /// Instead, keep the service in the package and deprecate it.
    pub PackageServiceNoDelete {
        id: "PACKAGE_SERVICE_NO_DELETE",
        purpose: "Checks that services are not deleted from a given package.",
        v1beta1: [PACKAGE] default false,
        v1: [PACKAGE] default false,
        v2: [PACKAGE] default false,
    }
}

impl BreakingRule for PackageServiceNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> =
            cx.current.elements.services.iter().map(|s| (s.file.descriptor.package(), s.node.name())).collect();
        for previous in &cx.previous.elements.services {
            let (package, name) = (previous.file.descriptor.package(), previous.node.name());
            if !cx.current.packages.contains_key(package) || current.contains(&(package, name)) {
                continue;
            }
            let message =
                format!("Previously present service {} was deleted from package {}.", go_quote(name), go_quote(package));
            match cx.current.file(previous.file.descriptor.name()) {
                Some(file) => found.file_level(file, Some(previous.file), message),
                None => found.pathless(previous.file, message),
            }
        }
    }
}

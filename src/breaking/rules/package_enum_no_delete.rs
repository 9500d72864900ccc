use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every enum of the old schema (by package and nested name, `Outer.Status`) is still
    /// declared somewhere in its package. Unlike `ENUM_NO_DELETE`, moving an enum between files
    /// of the same package is fine. As in buf, only packages that still declare at least one
    /// enum are compared: deleting a package's last enum goes unreported.
    /// ## Why
    /// Code refers to the enum by its full name; as long as the package still declares it, that
    /// name resolves.
    /// ## Example
    /// Removing `enum Status` from `Order` in package `shop.v1` fires, on the declaration of
    /// `Order` when its old file still exists (at `1:1` of that file when no enclosing message is
    /// left, at `<input>:1:1` when the file is gone too):
    /// `Previously present enum "Order.Status" was deleted from package "shop.v1".`
    /// Instead, keep the enum in the package and deprecate it.
    pub PackageEnumNoDelete {
        id: "PACKAGE_ENUM_NO_DELETE",
        purpose: "Checks that enums are not deleted from a given package.",
        v1beta1: [PACKAGE] default false,
        v1: [PACKAGE] default false,
        v2: [PACKAGE] default false,
    }
}

impl BreakingRule for PackageEnumNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> =
            cx.current.elements.enums.iter().map(|e| (e.file.descriptor.package(), e.nested_name())).collect();
        // buf knows a package here only if it still declares some enum.
        let packages: HashSet<&str> = current.iter().map(|(package, _)| *package).collect();
        for previous in &cx.previous.elements.enums {
            let (package, name) = (previous.file.descriptor.package(), previous.nested_name());
            if !packages.contains(package) || current.contains(&(package, name)) {
                continue;
            }
            let message =
                format!("Previously present enum {} was deleted from package {}.", go_quote(name), go_quote(package));
            match cx.current.file(previous.file.descriptor.name()) {
                Some(file) => found.at_or_file(file, cx.current.nearest_parent(file, name), Some(previous.file), message),
                None => found.pathless(previous.file, message),
            }
        }
    }
}

use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every extension of the old schema (by package and nested name: `ext_name`, or
    /// `Outer.ext_name` inside a message) is still declared somewhere in its package; moving an
    /// extension between files of the package is fine. As in buf, only packages that still
    /// declare at least one extension are compared. Only in v2 configurations.
    /// ## Why
    /// Code refers to the extension by its full name; as long as the package still declares it,
    /// that name resolves.
    /// ## Example
    /// Removing the top-level `extend Order { string gift_note = 100; }` from package `shop.v1`
    /// fires at `1:1` of its old file when that file still exists (at `<input>:1:1` otherwise):
    /// `Previously present extension "gift_note" was deleted from package "shop.v1".`
    /// Instead, keep the extension in the package and deprecate it.
    pub PackageExtensionNoDelete {
        id: "PACKAGE_EXTENSION_NO_DELETE",
        purpose: "Checks that extensions are not deleted from a given package.",
        v2: [PACKAGE] default false,
    }
}

impl BreakingRule for PackageExtensionNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> = cx
            .current
            .elements
            .fields
            .iter()
            .filter(|f| f.is_extension)
            .map(|f| (f.element.file.descriptor.package(), f.element.nested_name()))
            .collect();
        // buf knows a package here only if it still declares some extension.
        let packages: HashSet<&str> = current.iter().map(|(package, _)| *package).collect();
        for previous in cx.previous.elements.fields.iter().filter(|f| f.is_extension) {
            let previous = &previous.element;
            let (package, name) = (previous.file.descriptor.package(), previous.nested_name());
            if !packages.contains(package) || current.contains(&(package, name)) {
                continue;
            }
            let message = format!(
                "Previously present extension {} was deleted from package {}.",
                go_quote(name),
                go_quote(package)
            );
            match cx.current.file(previous.file.descriptor.name()) {
                Some(file) => found.at_or_file(file, cx.current.nearest_parent(file, name), Some(previous.file), message),
                None => found.pathless(previous.file, message),
            }
        }
    }
}

use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every file path present in both schemas, every enum of the old file (by nested name,
    /// `Outer.Status`) is still declared in that file. Moving an enum to another file counts as a
    /// deletion; `PACKAGE_ENUM_NO_DELETE` is the per-package variant.
    /// ## Why
    /// Generated code is organised by file: code that uses the enum through its file's generated
    /// package, header or module stops compiling when the enum goes away or moves.
    /// ## Example
    /// Removing `enum Status` from `Order` in `shop/v1/order.proto` fires, on the declaration of
    /// `Order` (or at `1:1` of the file when no enclosing message is left):
    /// `Previously present enum "Order.Status" was deleted from file.`
    /// Instead, keep the enum where it is (deprecate it with `option deprecated = true;`), or
    /// make the change in a new package version.
    pub EnumNoDelete {
        id: "ENUM_NO_DELETE",
        purpose: "Checks that enums are not deleted from a given file.",
        v1beta1: [FILE] default true,
        v1: [FILE] default true,
        v2: [CSR, FILE] default true,
    }
}

impl BreakingRule for EnumNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> =
            cx.current.elements.enums.iter().map(|e| (e.file.descriptor.name(), e.nested_name())).collect();
        for previous in &cx.previous.elements.enums {
            let Some(file) = cx.current.file(previous.file.descriptor.name()) else { continue };
            let name = previous.nested_name();
            if current.contains(&(file.descriptor.name(), name)) {
                continue;
            }
            let message = format!("Previously present enum {} was deleted from file.", go_quote(name));
            found.at_or_file(file, cx.current.nearest_parent(file, name), Some(previous.file), message);
        }
    }
}

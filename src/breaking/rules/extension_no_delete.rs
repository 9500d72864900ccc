use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every file path present in both schemas, every extension declared in the old file
    /// (by nested name: `ext_name` at top level, `Outer.ext_name` inside a message) is still
    /// declared in that file. Only in v2 configurations.
    /// ## Why
    /// Code that sets or reads the extension uses the identifier generated for it in its
    /// declaring file; deleting or moving the declaration breaks that code.
    /// ## Example
    /// Removing `extend Order { string gift_note = 100; }` from the top level of
    /// `shop/v1/order.proto` fires at `1:1` of the file:
    /// `Previously present extension "gift_note" was deleted from file.`
    /// (an extension nested in `Holder` is reported on the declaration of `Holder`, as
    /// `"Holder.gift_note"`). Instead, keep the extension and deprecate it.
    pub ExtensionNoDelete {
        id: "EXTENSION_NO_DELETE",
        purpose: "Checks that extensions are not deleted from a given file.",
        v2: [FILE] default true,
    }
}

impl BreakingRule for ExtensionNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> = cx
            .current
            .elements
            .fields
            .iter()
            .filter(|f| f.is_extension)
            .map(|f| (f.element.file.descriptor.name(), f.element.nested_name()))
            .collect();
        for previous in cx.previous.elements.fields.iter().filter(|f| f.is_extension) {
            let previous = &previous.element;
            let Some(file) = cx.current.file(previous.file.descriptor.name()) else { continue };
            let name = previous.nested_name();
            if current.contains(&(file.descriptor.name(), name)) {
                continue;
            }
            let message = format!("Previously present extension {} was deleted from file.", go_quote(name));
            found.at_or_file(file, cx.current.nearest_parent(file, name), Some(previous.file), message);
        }
    }
}

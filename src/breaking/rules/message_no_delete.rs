use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every file path present in both schemas, every message of the old file (by nested
    /// name, `Order.Line`) is still declared in that file. The entry messages of map fields count
    /// too (`Order.CountsEntry`), so deleting a map field also deletes its entry message. Moving
    /// a message to another file counts as a deletion; `PACKAGE_MESSAGE_NO_DELETE` is the
    /// per-package variant.
    /// ## Why
    /// Generated code is organised by file: code that uses the message through its file's
    /// generated package, header or module stops compiling when it goes away or moves.
    /// ## Example
    /// Removing `message Line` from `Order` in `shop/v1/order.proto` fires, on the declaration of
    /// `Order` (or at `1:1` of the file when no enclosing message is left):
    /// `Previously present message "Order.Line" was deleted from file.`
    /// Instead, keep the message where it is (deprecate it with `option deprecated = true;`), or
    /// make the change in a new package version.
    pub MessageNoDelete {
        id: "MESSAGE_NO_DELETE",
        purpose: "Checks that messages are not deleted from a given file.",
        v1beta1: [FILE] default true,
        v1: [FILE] default true,
        v2: [CSR, FILE] default true,
    }
}

impl BreakingRule for MessageNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> = cx
            .current
            .elements
            .messages
            .iter()
            .map(|m| (m.element.file.descriptor.name(), m.element.nested_name()))
            .collect();
        for previous in &cx.previous.elements.messages {
            let previous = &previous.element;
            let Some(file) = cx.current.file(previous.file.descriptor.name()) else { continue };
            let name = previous.nested_name();
            if current.contains(&(file.descriptor.name(), name)) {
                continue;
            }
            let message = format!("Previously present message {} was deleted from file.", go_quote(name));
            found.at_or_file(file, cx.current.nearest_parent(file, name), Some(previous.file), message);
        }
    }
}

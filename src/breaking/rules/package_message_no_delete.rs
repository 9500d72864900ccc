use std::collections::HashSet;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every message of the old schema (by package and nested name, `Order.Line`; map entry
    /// messages included) is still declared somewhere in its package. Unlike
    /// `MESSAGE_NO_DELETE`, moving a message between files of the same package is fine. As in
    /// buf, only packages that still declare at least one message are compared: deleting a
    /// package's last message goes unreported.
    /// ## Why
    /// Code refers to the message by its full name; as long as the package still declares it,
    /// that name resolves.
    /// ## Example
    /// Removing `message Line` from `Order` in package `shop.v1` fires, on the declaration of
    /// `Order` when its old file still exists (at `1:1` of that file when no enclosing message is
    /// left, at `<input>:1:1` when the file is gone too):
    /// `Previously present message "Order.Line" was deleted from package "shop.v1".`
    /// Instead, keep the message in the package and deprecate it.
    pub PackageMessageNoDelete {
        id: "PACKAGE_MESSAGE_NO_DELETE",
        purpose: "Checks that messages are not deleted from a given package.",
        v1beta1: [PACKAGE] default false,
        v1: [PACKAGE] default false,
        v2: [PACKAGE] default false,
    }
}

impl BreakingRule for PackageMessageNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let current: HashSet<(&str, &str)> = cx
            .current
            .elements
            .messages
            .iter()
            .map(|m| (m.element.file.descriptor.package(), m.element.nested_name()))
            .collect();
        // buf knows a package here only if it still declares some message.
        let packages: HashSet<&str> = current.iter().map(|(package, _)| *package).collect();
        for previous in &cx.previous.elements.messages {
            let previous = &previous.element;
            let (package, name) = (previous.file.descriptor.package(), previous.nested_name());
            if !packages.contains(package) || current.contains(&(package, name)) {
                continue;
            }
            let message =
                format!("Previously present message {} was deleted from package {}.", go_quote(name), go_quote(package));
            match cx.current.file(previous.file.descriptor.name()) {
                Some(file) => found.at_or_file(file, cx.current.nearest_parent(file, name), Some(previous.file), message),
                None => found.pathless(previous.file, message),
            }
        }
    }
}

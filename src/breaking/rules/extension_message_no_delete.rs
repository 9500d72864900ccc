use super::ranges;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every message present in both schemas (paired by full name), the new `extensions`
    /// ranges together cover every old extension range. Splitting or merging ranges is fine as
    /// long as nothing is left uncovered.
    /// ## Why
    /// Extensions declared elsewhere (often in other people's files) use numbers in these
    /// ranges; shrinking a range makes those declarations fail to compile.
    /// ## Example
    /// Changing `extensions 100 to 199;` to `extensions 100 to 149;` in `Order` fires on the
    /// declaration of `Order`:
    /// `Previously present extension range "[100,199]" on message "Order" is missing values: [150,199] were removed.`
    /// (`max` stands for the highest field number, as in `"[1000,max]"`). Instead, keep the old
    /// ranges; add new ones beside them.
    pub ExtensionMessageNoDelete {
        id: "EXTENSION_MESSAGE_NO_DELETE",
        purpose: "Checks that extension ranges are not deleted from a given message.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [CSR, FILE, PACKAGE] default true,
    }
}

impl BreakingRule for ExtensionMessageNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let previous = &previous.element;
            let Some(current) = cx.current.message(&previous.full_name) else { continue };
            let current = &current.element;
            let old = ranges::message_extensions(previous.node);
            let new = ranges::message_extensions(current.node);
            let (old_max, new_max) = (ranges::message_max(previous.node), ranges::message_max(current.node));
            for (range, removed) in ranges::removed(&old, old_max, &new, new_max) {
                let message = format!(
                    "Previously present extension range {} on message {} is missing values: {removed} were removed.",
                    go_quote(&range),
                    go_quote(current.node.name())
                );
                found.at(current.file, current.path.clone(), Some(previous.file), message);
            }
        }
    }
}

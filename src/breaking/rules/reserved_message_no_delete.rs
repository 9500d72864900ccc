use std::collections::BTreeSet;

use super::ranges;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every message present in both schemas (paired by full name), the new `reserved`
    /// ranges together cover every old reserved number, and every old reserved name is still
    /// reserved. Splitting or merging ranges is fine as long as nothing is left uncovered.
    /// ## Why
    /// Reservations keep retired numbers and names from being reused; dropping one lets a new
    /// field take a number or name that old data still uses with another meaning.
    /// ## Example
    /// Changing `reserved 2 to 10;` to `reserved 4 to 5;` and dropping `reserved "note";` in
    /// `Order` fires twice on the declaration of `Order`:
    /// `Previously present reserved range "[2,10]" on message "Order" is missing values: [2,3], [6,10] were removed.`
    /// and `Previously present reserved name "note" on message "Order" was deleted.`
    /// (`max` stands for the highest field number, as in `"[100,max]"`). Instead, keep every
    /// reservation; add new ones beside them.
    pub ReservedMessageNoDelete {
        id: "RESERVED_MESSAGE_NO_DELETE",
        purpose: "Checks that reserved ranges and names are not deleted from a given message.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for ReservedMessageNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let previous = &previous.element;
            let Some(current) = cx.current.message(&previous.full_name) else { continue };
            let current = &current.element;
            let name = go_quote(current.node.name());
            let mut report = |message: String| {
                found.at(current.file, current.path.clone(), Some(previous.file), message);
            };
            let (old_max, new_max) = (ranges::message_max(previous.node), ranges::message_max(current.node));
            let old = ranges::message_reserved(previous.node);
            for (range, removed) in ranges::removed(&old, old_max, &ranges::message_reserved(current.node), new_max) {
                report(format!(
                    "Previously present reserved range {} on message {name} is missing values: {removed} were removed.",
                    go_quote(&range)
                ));
            }
            let old_names: BTreeSet<&String> = previous.node.reserved_name.iter().collect();
            for old_name in old_names.into_iter().filter(|n| !current.node.reserved_name.contains(n)) {
                report(format!("Previously present reserved name {} on message {name} was deleted.", go_quote(old_name)));
            }
        }
    }
}

use std::collections::BTreeSet;

use super::ranges;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every enum present in both schemas (paired by full name), the new `reserved` ranges
    /// together cover every old reserved number, and every old reserved name is still reserved.
    /// Splitting or merging ranges is fine as long as nothing is left uncovered.
    /// ## Why
    /// Reservations keep retired numbers and names from being reused; dropping one lets a new
    /// value take a number or name that old data still uses with another meaning.
    /// ## Example
    /// Changing `reserved 2 to 10;` to `reserved 4 to 5;` and dropping `reserved "STATUS_LOST";`
    /// in `enum Status` fires twice on the declaration of `Status`:
    /// `Previously present reserved range "[2,10]" on enum "Status" is missing values: [2,3], [6,10] were removed.`
    /// and `Previously present reserved name "STATUS_LOST" on enum "Status" was deleted.`
    /// (`max` stands for 2147483647, as in `"[100,max]"`). Instead, keep every reservation; add
    /// new ones beside them.
    pub ReservedEnumNoDelete {
        id: "RESERVED_ENUM_NO_DELETE",
        purpose: "Checks that reserved ranges and names are not deleted from a given enum.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for ReservedEnumNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.enums {
            let Some(current) = cx.current.enumeration(&previous.full_name) else { continue };
            let name = go_quote(current.node.name());
            let mut report = |message: String| {
                found.at(current.file, current.path.clone(), Some(previous.file), message);
            };
            let old = ranges::enum_reserved(previous.node);
            let new = ranges::enum_reserved(current.node);
            for (range, removed) in ranges::removed(&old, ranges::ENUM_MAX, &new, ranges::ENUM_MAX) {
                report(format!(
                    "Previously present reserved range {} on enum {name} is missing values: {removed} were removed.",
                    go_quote(&range)
                ));
            }
            let old_names: BTreeSet<&String> = previous.node.reserved_name.iter().collect();
            for old_name in old_names.into_iter().filter(|n| !current.node.reserved_name.contains(n)) {
                report(format!("Previously present reserved name {} on enum {name} was deleted.", go_quote(old_name)));
            }
        }
    }
}

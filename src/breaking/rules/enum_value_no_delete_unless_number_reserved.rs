use std::collections::HashSet;

use prost_types::EnumValueDescriptorProto;

use super::ranges;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every enum present in both schemas (paired by full name), every old value number is
    /// either still used by some value or inside one of the new enum's `reserved` ranges.
    /// ## Why
    /// A reserved number cannot be given to a new value by mistake, so peers that still send the
    /// old number never have it read as something else.
    /// ## Example
    /// Removing `STATUS_SHIPPED = 2;` from `enum Status` without `reserved 2;` fires on the
    /// declaration of `Status`:
    /// `Previously present enum value "2" on enum "Status" was deleted without reserving the number "2".`
    /// Instead, add `reserved 2;` (and `reserved "STATUS_SHIPPED";`) where the value was.
    pub EnumValueNoDeleteUnlessNumberReserved {
        id: "ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED",
        purpose: "Checks that enum values are not deleted from a given enum unless the number is reserved.",
        v1beta1: [WIRE_JSON, WIRE] default false,
        v1: [WIRE_JSON, WIRE] default false,
        v2: [CSR, WIRE_JSON, WIRE] default false,
    }
}

impl BreakingRule for EnumValueNoDeleteUnlessNumberReserved {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.enums {
            let Some(current) = cx.current.enumeration(&previous.full_name) else { continue };
            let numbers: HashSet<i32> = current.node.value.iter().map(EnumValueDescriptorProto::number).collect();
            let reserved = ranges::enum_reserved(current.node);
            let mut reported = HashSet::new();
            for number in previous.node.value.iter().map(EnumValueDescriptorProto::number) {
                if numbers.contains(&number) || ranges::contains(&reserved, number) || !reported.insert(number) {
                    continue;
                }
                let message = format!(
                    "Previously present enum value \"{number}\" on enum {} was deleted without reserving the number \"{number}\".",
                    go_quote(current.node.name())
                );
                found.at(current.file, current.path.clone(), Some(previous.file), message);
            }
        }
    }
}

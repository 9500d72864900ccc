use std::collections::HashSet;

use prost_types::EnumValueDescriptorProto;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every enum present in both schemas (paired by full name), every old value number is
    /// still used by some value. Renaming a value is not a deletion (see `ENUM_VALUE_SAME_NAME`),
    /// and reserving the number does not help: the `WIRE_JSON` and `WIRE` categories use
    /// `ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED` and `…_UNLESS_NAME_RESERVED` instead.
    /// ## Why
    /// Generated code loses the constant, so code that names it stops compiling, and peers that
    /// still send the number see an unknown value.
    /// ## Example
    /// Removing `STATUS_SHIPPED = 2;` from `enum Status` fires on the declaration of `Status`:
    /// `Previously present enum value "2" on enum "Status" was deleted.`
    /// Instead, keep the value and mark it `[deprecated = true]`.
    pub EnumValueNoDelete {
        id: "ENUM_VALUE_NO_DELETE",
        purpose: "Checks that enum values are not deleted from a given enum.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [CSR, FILE, PACKAGE] default true,
    }
}

impl BreakingRule for EnumValueNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.enums {
            let Some(current) = cx.current.enumeration(&previous.full_name) else { continue };
            let numbers: HashSet<i32> = current.node.value.iter().map(EnumValueDescriptorProto::number).collect();
            let mut reported = HashSet::new();
            for number in previous.node.value.iter().map(EnumValueDescriptorProto::number) {
                if numbers.contains(&number) || !reported.insert(number) {
                    continue;
                }
                let message = format!(
                    "Previously present enum value \"{number}\" on enum {} was deleted.",
                    go_quote(current.node.name())
                );
                found.at(current.file, current.path.clone(), Some(previous.file), message);
            }
        }
    }
}

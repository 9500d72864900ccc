use std::collections::{BTreeMap, BTreeSet, HashSet};

use prost_types::EnumValueDescriptorProto;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every enum present in both schemas (paired by full name), every old value number is
    /// either still used by some value or every name it had (aliases included) is among the new
    /// enum's `reserved` names.
    /// ## Why
    /// A reserved name cannot be reused for a new value, so JSON written with the old name is
    /// never read as a different value.
    /// ## Example
    /// Removing `STATUS_SHIPPED = 2;` from `enum Status` without `reserved "STATUS_SHIPPED";`
    /// fires on the declaration of `Status`:
    /// `Previously present enum value "2" on enum "Status" was deleted without reserving the name "STATUS_SHIPPED".`
    /// (for a number with aliases: `… the names "A", "B".`, sorted). Instead, add
    /// `reserved "STATUS_SHIPPED";` (and `reserved 2;`) where the value was.
    pub EnumValueNoDeleteUnlessNameReserved {
        id: "ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED",
        purpose: "Checks that enum values are not deleted from a given enum unless the name is reserved.",
        v1beta1: [WIRE_JSON] default false,
        v1: [WIRE_JSON] default false,
        v2: [CSR, WIRE_JSON] default false,
    }
}

impl BreakingRule for EnumValueNoDeleteUnlessNameReserved {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.enums {
            let Some(current) = cx.current.enumeration(&previous.full_name) else { continue };
            let numbers: HashSet<i32> = current.node.value.iter().map(EnumValueDescriptorProto::number).collect();
            let reserved: HashSet<&str> = current.node.reserved_name.iter().map(String::as_str).collect();
            let mut names: BTreeMap<i32, BTreeSet<&str>> = BTreeMap::new();
            for value in &previous.node.value {
                names.entry(value.number()).or_default().insert(value.name());
            }
            for (number, names) in names {
                if numbers.contains(&number) || names.iter().all(|n| reserved.contains(n)) {
                    continue;
                }
                let plural = if names.len() > 1 { "s" } else { "" };
                let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                let message = format!(
                    "Previously present enum value \"{number}\" on enum {} was deleted without reserving the name{plural} {}.",
                    go_quote(current.node.name()),
                    quoted.join(", ")
                );
                found.at(current.file, current.path.clone(), Some(previous.file), message);
            }
        }
    }
}

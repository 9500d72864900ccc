use std::collections::{BTreeMap, BTreeSet};

use prost_types::EnumDescriptorProto;

use super::location::against;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every enum that exists in both schemas (paired by full name) and every number it has
    /// on both sides, the current names of that number include all its previous names. Adding an
    /// alias is fine; renaming a value, or dropping one of its aliases, is not.
    /// ## Why
    /// JSON and text formats carry enum values by name: data written with the old name no longer
    /// parses, and generated constants that code refers to disappear.
    /// ## Example
    /// Renaming `STATUS_DONE = 2;` to `STATUS_COMPLETE = 2;` in `enum Status` fires, at the number
    /// of the new value:
    /// `Enum value "2" on enum "Status" changed name from "STATUS_DONE" to "STATUS_COMPLETE".`
    /// With several names on both sides the message lists them all, sorted:
    /// `changed names from "A", "B" to "A", "C".` Every current value with the number is reported.
    /// Instead, keep the old name and add the new one as an alias (`option allow_alias = true;`
    /// and `STATUS_COMPLETE = 2;`), or add a value with a new number.
    pub EnumValueSameName {
        id: "ENUM_VALUE_SAME_NAME",
        purpose: "Checks that enum values have the same name.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON] default true,
        v1: [FILE, PACKAGE, WIRE_JSON] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON] default true,
    }
}

/// The names of each number, sorted.
fn names_by_number(enumeration: &EnumDescriptorProto) -> BTreeMap<i32, BTreeSet<&str>> {
    let mut names: BTreeMap<i32, BTreeSet<&str>> = BTreeMap::new();
    for value in &enumeration.value {
        names.entry(value.number()).or_default().insert(value.name());
    }
    names
}

fn quoted(names: &BTreeSet<&str>) -> String {
    names.iter().map(|name| go_quote(name)).collect::<Vec<_>>().join(", ")
}

impl BreakingRule for EnumValueSameName {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.enums {
            let Some(current) = cx.current.enumeration(&previous.full_name) else { continue };
            let now = names_by_number(current.node);
            for (number, before) in names_by_number(previous.node) {
                let Some(after) = now.get(&number) else { continue };
                if before.is_subset(after) {
                    continue;
                }
                let plural = if before.len() > 1 && after.len() > 1 { "s" } else { "" };
                let message = format!(
                    "Enum value \"{number}\" on enum {} changed name{plural} from {} to {}.",
                    go_quote(current.node.name()),
                    quoted(&before),
                    quoted(after)
                );
                for (i, value) in current.node.value.iter().enumerate().filter(|(_, v)| v.number() == number) {
                    let path = current.child_path(&[tag::ENUM_VALUE, i as i32, tag::ENUM_VALUE_NUMBER]);
                    // The against file comes from the previous value of the same name, if any.
                    let previous_file = previous
                        .node
                        .value
                        .iter()
                        .position(|v| v.number() == number && v.name() == value.name())
                        .and_then(|j| {
                            against(
                                previous.file,
                                &previous.child_path(&[tag::ENUM_VALUE, j as i32, tag::ENUM_VALUE_NUMBER]),
                            )
                        });
                    found.at(current.file, path, previous_file, message.clone());
                }
            }
        }
    }
}

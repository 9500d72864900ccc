use prost_types::field_descriptor_proto::Type;

use super::field_pairs::{TypeCheck, check_type};
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number; extensions by extendee and number) keeps its type: the
    /// same scalar kind, or for enum, message and group fields the same fully-qualified type.
    /// A message with delimited encoding (editions) counts as a different kind from a
    /// length-prefixed one.
    /// ## Why
    /// Generated code exposes the field with its type: any change breaks source that reads or
    /// sets it, even where the wire format would tolerate it.
    /// ## Example
    /// Changing `int32 qty = 2;` to `int64 qty = 2;` in `Line` fires:
    /// `Field "2" with name "qty" on message "Line" changed type from "int32" to "int64".`
    /// A changed map value type is reported on the entry's `value` field, at the `map<…>` type.
    /// Instead, add a field with the new type under a new number and deprecate the old one.
    pub FieldSameType {
        id: "FIELD_SAME_TYPE",
        purpose: "Checks that fields have the same types in a given message.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [CSR, FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FieldSameType {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let check = TypeCheck { group: |kind: Type| kind as u8, note: &|_, _| Some(String::new()), enums_by_values: false };
        check_type(cx, found, &check);
    }
}

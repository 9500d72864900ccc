use super::field_pairs::{Cardinality, check_cardinality};
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number; extensions by extendee and number) keeps its cardinality:
    /// `optional with explicit presence`, `optional with implicit presence`, `required`,
    /// `repeated` or `map`. Presence comes from the syntax, `optional`, oneofs, message types
    /// and editions' `features.field_presence`. The key and value of map entries are not checked.
    /// ## Why
    /// Generated code differs per cardinality (a `has_` accessor, a list, a map): any change
    /// breaks source that uses the field, even when the wire format would cope.
    /// ## Example
    /// Changing `string note = 3;` to `repeated string note = 3;` in a proto3 `Order` fires:
    /// `Field "3" with name "note" on message "Order" changed cardinality from "optional with
    /// implicit presence" to "repeated".`
    /// Instead, add a new `repeated` field with a new number and deprecate the old one.
    pub FieldSameCardinality {
        id: "FIELD_SAME_CARDINALITY",
        purpose: "Checks that fields have the same cardinalities in a given message.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FieldSameCardinality {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        check_cardinality(cx, found, |c: Cardinality| c as u8);
    }
}

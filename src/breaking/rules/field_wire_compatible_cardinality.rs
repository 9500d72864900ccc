use super::field_pairs::{Cardinality, check_cardinality};
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number; extensions by extendee and number) keeps a cardinality of
    /// the same wire group: optional (explicit or implicit presence), `required`, or `repeated`
    /// and `map` together. The key and value of map entries are not checked.
    /// ## Why
    /// Parsers read an optional field and a repeated one differently (the last value against
    /// all of them), and a message missing a required field fails to parse; moving between
    /// explicit and implicit presence, or between a list of entries and a map, keeps the bytes
    /// readable.
    /// ## Example
    /// Changing proto2 `optional int32 qty = 2;` to `required int32 qty = 2;` fires:
    /// `Field "2" with name "qty" on message "Line" changed cardinality from "optional with
    /// explicit presence" to "required".`
    /// Instead, keep the field optional and validate its presence in application code.
    pub FieldWireCompatibleCardinality {
        id: "FIELD_WIRE_COMPATIBLE_CARDINALITY",
        purpose: "Checks that fields have wire-compatible cardinalities in a given message.",
        v1beta1: [WIRE] default false,
        v1: [WIRE] default false,
        v2: [WIRE] default false,
    }
}

impl BreakingRule for FieldWireCompatibleCardinality {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        check_cardinality(cx, found, |c| match c {
            Cardinality::Explicit | Cardinality::Implicit => 1,
            Cardinality::Required => 2,
            Cardinality::Repeated | Cardinality::Map => 3,
        });
    }
}

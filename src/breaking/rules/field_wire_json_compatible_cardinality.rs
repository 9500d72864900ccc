use super::field_pairs::{Cardinality, check_cardinality};
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number; extensions by extendee and number) keeps a cardinality of
    /// the same wire and JSON group: optional (explicit or implicit presence), `required`,
    /// `repeated`, or `map`. The key and value of map entries are not checked.
    /// ## Why
    /// On top of the wire rules (see `FIELD_WIRE_COMPATIBLE_CARDINALITY`), JSON writes a
    /// repeated field as an array and a map as an object, so the two no longer mix.
    /// ## Example
    /// Changing `repeated Entry counts = 4;` to `map<string, int32> counts = 4;` fires:
    /// `Field "4" with name "counts" on message "Order" changed cardinality from "repeated" to
    /// "map".`
    /// Instead, add the map as a new field and deprecate the repeated one.
    pub FieldWireJsonCompatibleCardinality {
        id: "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY",
        purpose: "Checks that fields have wire and JSON compatible cardinalities in a given message.",
        v1beta1: [WIRE_JSON] default false,
        v1: [WIRE_JSON] default false,
        v2: [CSR, WIRE_JSON] default false,
    }
}

impl BreakingRule for FieldWireJsonCompatibleCardinality {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        check_cardinality(cx, found, |c| match c {
            Cardinality::Explicit | Cardinality::Implicit => 1,
            Cardinality::Required => 2,
            Cardinality::Repeated => 3,
            Cardinality::Map => 4,
        });
    }
}

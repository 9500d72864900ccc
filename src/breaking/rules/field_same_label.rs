use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Nothing: deprecated. Selecting it selects `FIELD_SAME_CARDINALITY`,
    /// `FIELD_WIRE_COMPATIBLE_CARDINALITY` and `FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY` instead,
    /// which also see proto3 `optional` and editions' field presence.
    /// ## Why
    /// Labels (`optional`, `required`, `repeated`) no longer describe a field's presence on
    /// their own; cardinality does.
    /// ## Example
    /// `breaking: use: [FIELD_SAME_LABEL]` in a v1 `buf.yaml` runs the three cardinality rules,
    /// which report e.g. `Field "3" with name "note" on message "Order" changed cardinality from
    /// "optional with implicit presence" to "repeated".`
    /// Instead, name the cardinality rule that fits in the config.
    pub FieldSameLabel {
        id: "FIELD_SAME_LABEL",
        purpose: "Checks that fields have the same labels in a given message.",
        v1beta1: [] default false,
        v1: [] default false,
        deprecated: ["FIELD_SAME_CARDINALITY", "FIELD_WIRE_COMPATIBLE_CARDINALITY", "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY"],
    }
}

impl BreakingRule for FieldSameLabel {
    fn check<'a>(&self, _cx: &BreakingContext<'a>, _found: &mut BreakingFindings<'a>) {}
}

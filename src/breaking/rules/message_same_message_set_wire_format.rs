use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Nothing: deprecated without a replacement, in every config version. Naming it in `use`,
    /// `except` or `ignore_only` is accepted with a deprecation warning and selects nothing.
    /// ## Why
    /// `message_set_wire_format` is a proto1 legacy: buf refuses to build any message set, so
    /// there is never a change to compare.
    /// ## Example
    /// `use: [MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT, FIELD_NO_DELETE]` runs only `FIELD_NO_DELETE`.
    /// With nothing else in `use`, no rule is left and buf fails with an internal error.
    /// Instead, remove it from the config.
    pub MessageSameMessageSetWireFormat {
        id: "MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT",
        purpose: "Checks that messages have the same value for the message_set_wire_format option.",
        v1beta1: [] default false,
        v1: [] default false,
        v2: [] default false,
        deprecated: [],
    }
}

impl BreakingRule for MessageSameMessageSetWireFormat {
    fn check<'a>(&self, _cx: &BreakingContext<'a>, _found: &mut BreakingFindings<'a>) {}
}

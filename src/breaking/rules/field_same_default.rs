use super::{
    field_defaults::{can_have_default, field_default},
    field_pairs::field_pairs,
};
use crate::breaking::prelude::*;

/// `FieldDescriptorProto.default_value`.
const DEFAULT_VALUE: i32 = 7;

declare_rule! {
    /// ## What it checks
    /// Every scalar or enum field that is neither repeated nor a map (paired by number;
    /// extensions by extendee and number) keeps its default value, unless both defaults are the
    /// zero value. An unset default is the type's zero value (an enum's first value), so proto3
    /// fields always have zero defaults. Numbers compare by value across types.
    /// ## Why
    /// Readers substitute the default for an unset field: a new default silently changes what
    /// old messages mean.
    /// ## Example
    /// Changing proto2 `optional int32 qty = 2 [default = 1];` to `[default = 2]` fires:
    /// `Field "2" with name "qty" on message "Line" changed default value from 1 to 2.`
    /// Instead, keep the default, or add a new field with the new default.
    pub FieldSameDefault {
        id: "FIELD_SAME_DEFAULT",
        purpose: "Checks that fields have the same default value, if a default is specified.",
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for FieldSameDefault {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            if !can_have_default(&pair.previous) || !can_have_default(&pair.current) {
                continue;
            }
            let (previous, current) = (field_default(&pair.previous), field_default(&pair.current));
            if (previous.is_zero() && current.is_zero()) || previous.equals(&current) {
                continue;
            }
            let message = format!(
                "{} changed default value from {} to {}.",
                pair.current.description(),
                previous.printable,
                current.printable
            );
            pair.report(found, pair.current.first_located(&[pair.current.child(&[DEFAULT_VALUE])]), message);
        }
    }
}

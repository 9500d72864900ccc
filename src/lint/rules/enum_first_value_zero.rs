use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The first value declared in every enum has the number 0. proto3 already requires this;
    /// the rule matters for proto2 and editions files. Reported at the value's number.
    /// ## Why
    /// The first value is the default of a proto2 field that was never set, while proto3 and
    /// JSON use 0; starting at 0 keeps the default the same everywhere and eases a move to
    /// proto3.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto2";
    /// enum Status { STATUS_ACTIVE = 1; STATUS_UNSPECIFIED = 0; }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto2";
    /// enum Status { STATUS_UNSPECIFIED = 0; STATUS_ACTIVE = 1; }
    /// ```
    pub EnumFirstValueZero {
        id: "ENUM_FIRST_VALUE_ZERO",
        purpose: "Checks that all first values of enums have a numeric value of 0.",
        v1beta1: [OTHER] default false,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for EnumFirstValueZero {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        // A value's path ends with its index in the enum: 0 is the first declared value.
        for value in cx.elements().enum_values.iter().filter(|v| v.element.path.last() == Some(&0)) {
            if value.element.node.number() != 0 {
                // buf omits the trailing period here.
                let message =
                    format!("First enum value {} should have a numeric value of 0", go_quote(value.element.node.name()));
                found.at(&value.element, value.element.child_path(&[tag::ENUM_VALUE_NUMBER]), message);
            }
        }
    }
}

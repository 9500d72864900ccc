use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Nothing: deprecated. Selecting it selects `FIELD_SAME_CPP_STRING_TYPE` instead, which
    /// also covers the `(pb.cpp).string_type` feature of editions.
    /// ## Why
    /// The `ctype` option is one of two ways to choose a C++ string type; the replacement
    /// checks the outcome of both.
    /// ## Example
    /// `breaking: use: [FIELD_SAME_CTYPE]` in a v1 `buf.yaml` runs `FIELD_SAME_CPP_STRING_TYPE`,
    /// which reports e.g. `Field "4" with name "blob" on message "Order" changed C++ string type
    /// from "STRING" to "CORD".`
    /// Instead, name `FIELD_SAME_CPP_STRING_TYPE` in the config.
    pub FieldSameCtype {
        id: "FIELD_SAME_CTYPE",
        purpose: "Checks that fields have the same value for the ctype option.",
        v1beta1: [] default false,
        v1: [] default false,
        deprecated: ["FIELD_SAME_CPP_STRING_TYPE"],
    }
}

impl BreakingRule for FieldSameCtype {
    fn check<'a>(&self, _cx: &BreakingContext<'a>, _found: &mut BreakingFindings<'a>) {}
}

use super::field_pairs::field_pairs;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number) keeps its name; extensions (paired by extendee and
    /// number) keep their fully-qualified name.
    /// ## Why
    /// The name is the field's identity in generated code and in the JSON and text formats: a
    /// rename breaks source, JSON documents and field masks, even though the binary format only
    /// sees numbers.
    /// ## Example
    /// Renaming `string note = 3;` to `string comment = 3;` in `Order` fires:
    /// `Field "3" on message "Order" changed name from "note" to "comment".`
    /// Instead, keep the old name (a comment can document the new meaning), or add a field.
    pub FieldSameName {
        id: "FIELD_SAME_NAME",
        purpose: "Checks that fields have the same names in a given message.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON] default true,
        v1: [FILE, PACKAGE, WIRE_JSON] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON] default true,
    }
}

impl BreakingRule for FieldSameName {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            let (previous, current) = (pair.previous.known_name(), pair.current.known_name());
            if previous != current {
                let message = format!(
                    "{} changed name from {} to {}.",
                    pair.current.description_named(None),
                    go_quote(previous),
                    go_quote(current)
                );
                pair.report(found, pair.current.child(&[tag::FIELD_NAME]), message);
            }
        }
    }
}

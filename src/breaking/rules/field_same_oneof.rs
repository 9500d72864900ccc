use super::field_pairs::field_pairs;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every field (paired by number) stays in a oneof of the same name, or stays outside any
    /// oneof. The synthetic oneofs of proto3 `optional` fields count as no oneof; extensions are
    /// not checked.
    /// ## Why
    /// Setting one member of a oneof clears the others: moving a field in, out or between
    /// oneofs changes which fields survive together, and the generated accessors.
    /// ## Example
    /// Moving `string iban = 6;` out of `oneof payment` in `Order` fires:
    /// `Field "6" with name "iban" on message "Order" moved from inside to outside a oneof.`
    /// Moving it to `oneof method` prints, as buf does (with its stray `q`):
    /// `Field "6" with name "iban" on message "Order"q moved from oneof "payment" to oneof
    /// "method".`
    /// Instead, leave the field where it was and add a new field where it is needed.
    pub FieldSameOneof {
        id: "FIELD_SAME_ONEOF",
        purpose: "Checks that fields have the same oneofs in a given message.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

impl BreakingRule for FieldSameOneof {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for pair in field_pairs(cx) {
            if pair.previous.field.is_extension {
                continue;
            }
            let description = pair.current.description();
            let message = match (pair.previous.oneof(), pair.current.oneof()) {
                (None, None) => continue,
                (Some(previous), Some(current)) if previous.name() == current.name() => continue,
                (Some(previous), Some(current)) => format!(
                    "{description}q moved from oneof {} to oneof {}.",
                    go_quote(previous.name()),
                    go_quote(current.name())
                ),
                (Some(_), None) => format!("{description} moved from inside to outside a oneof."),
                (None, Some(_)) => format!("{description} moved from outside to inside a oneof."),
            };
            pair.report(found, pair.current.field.element.path.clone(), message);
        }
    }
}

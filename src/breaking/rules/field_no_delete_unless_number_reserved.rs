use super::ranges;
use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every message present in both schemas (paired by full name), every old field number
    /// is either still used by a field or inside one of the new message's `reserved` ranges.
    /// Extensions are not fields here.
    /// ## Why
    /// A reserved number cannot be given to a new field by mistake, so old data that still
    /// carries the number is never decoded as something else.
    /// ## Example
    /// Removing `string note = 3;` from `Order` without `reserved 3;` fires on the declaration
    /// of `Order`:
    /// `Previously present field "3" with name "note" on message "Order" was deleted without reserving the number "3".`
    /// Instead, add `reserved 3;` (and `reserved "note";`) where the field was.
    pub FieldNoDeleteUnlessNumberReserved {
        id: "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
        purpose: "Checks that fields are not deleted from a given message unless the number is reserved.",
        v1beta1: [WIRE_JSON, WIRE] default false,
        v1: [WIRE_JSON, WIRE] default false,
        v2: [CSR, WIRE_JSON, WIRE] default false,
    }
}

impl BreakingRule for FieldNoDeleteUnlessNumberReserved {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let Some(current) = cx.current.message(&previous.element.full_name) else { continue };
            let current = &current.element;
            let reserved = ranges::message_reserved(current.node);
            for field in &previous.element.node.field {
                let number = field.number();
                if current.node.field.iter().any(|f| f.number() == number) || ranges::contains(&reserved, number) {
                    continue;
                }
                let message = format!(
                    "Previously present field \"{number}\" with name {} on message {} was deleted without reserving the number \"{number}\".",
                    go_quote(field.name()),
                    go_quote(previous.element.node.name())
                );
                found.at(current.file, current.path.clone(), Some(previous.element.file), message);
            }
        }
    }
}

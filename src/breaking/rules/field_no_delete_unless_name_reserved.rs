use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every message present in both schemas (paired by full name), every old field number
    /// is either still used by a field or the old field's name is among the new message's
    /// `reserved` names. Extensions are not fields here.
    /// ## Why
    /// A reserved name cannot be reused for a new field, so JSON written with the old name is
    /// never read into a different field.
    /// ## Example
    /// Removing `string note = 3;` from `Order` without `reserved "note";` fires on the
    /// declaration of `Order`:
    /// `Previously present field "3" with name "note" on message "Order" was deleted without reserving the name "note".`
    /// Instead, add `reserved "note";` (and `reserved 3;`) where the field was.
    pub FieldNoDeleteUnlessNameReserved {
        id: "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
        purpose: "Checks that fields are not deleted from a given message unless the name is reserved.",
        v1beta1: [WIRE_JSON] default false,
        v1: [WIRE_JSON] default false,
        v2: [CSR, WIRE_JSON] default false,
    }
}

impl BreakingRule for FieldNoDeleteUnlessNameReserved {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let Some(current) = cx.current.message(&previous.element.full_name) else { continue };
            let current = &current.element;
            for field in &previous.element.node.field {
                if current.node.field.iter().any(|f| f.number() == field.number())
                    || current.node.reserved_name.iter().any(|n| n == field.name())
                {
                    continue;
                }
                let message = format!(
                    "Previously present field \"{}\" with name {} on message {} was deleted without reserving the name {}.",
                    field.number(),
                    go_quote(field.name()),
                    go_quote(previous.element.node.name()),
                    go_quote(field.name())
                );
                found.at(current.file, current.path.clone(), Some(previous.element.file), message);
            }
        }
    }
}

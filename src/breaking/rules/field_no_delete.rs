use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every field number of a message (paired by full name) still exists. Extensions are not
    /// fields here.
    /// ## Why
    /// Old clients still send the deleted field; new code silently drops it, and a later field
    /// that reuses the number misreads it.
    /// ## Example
    /// Removing `string note = 3;` from `Order` fires:
    /// `Previously present field "3" with name "note" on message "Order" was deleted.`
    /// Instead, keep the field (mark it `deprecated = true`), or reserve it:
    /// `reserved 3; reserved "note";` — and select the `WIRE_JSON` or `WIRE` category, whose
    /// `*_UNLESS_*_RESERVED` rules accept reserved deletions.
    pub FieldNoDelete {
        id: "FIELD_NO_DELETE",
        purpose: "Checks that fields are not deleted from a given message.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [CSR, FILE, PACKAGE] default true,
    }
}

impl BreakingRule for FieldNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let Some(current) = cx.current.message(&previous.element.full_name) else { continue };
            for field in &previous.element.node.field {
                if current.element.node.field.iter().any(|f| f.number() == field.number()) {
                    continue;
                }
                let message = format!(
                    "Previously present field \"{}\" with name {} on message {} was deleted.",
                    field.number(),
                    go_quote(field.name()),
                    go_quote(current.element.node.name())
                );
                found.at(current.element.file, current.element.path.clone(), Some(previous.element.file), message);
            }
        }
    }
}

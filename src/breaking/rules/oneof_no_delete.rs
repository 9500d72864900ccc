use prost_types::DescriptorProto;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For every message present in both schemas (paired by full name), every oneof of the old
    /// message (by name) still exists. The synthetic oneofs of proto3 `optional` fields are
    /// skipped.
    /// ## Why
    /// Generated code has an accessor and a case enum for each oneof; code that switches on the
    /// case stops compiling when the oneof goes away, even if its fields stay.
    /// ## Example
    /// Replacing `oneof payment { string card = 5; string iban = 6; }` in `Order` by the two
    /// plain fields fires on the declaration of `Order`:
    /// `Previously present oneof "payment" on message "Order" was deleted.`
    /// Instead, keep the oneof; add new alternatives to it rather than dissolving it.
    pub OneofNoDelete {
        id: "ONEOF_NO_DELETE",
        purpose: "Checks that oneofs are not deleted from a given message.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [CSR, FILE, PACKAGE] default true,
    }
}

impl BreakingRule for OneofNoDelete {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let Some(current) = cx.current.message(&previous.element.full_name) else { continue };
            let current = &current.element;
            let old = previous.element.node;
            for (index, oneof) in old.oneof_decl.iter().enumerate() {
                if current.node.oneof_decl.iter().any(|o| o.name() == oneof.name()) || is_synthetic(old, index) {
                    continue;
                }
                let message = format!(
                    "Previously present oneof {} on message {} was deleted.",
                    go_quote(oneof.name()),
                    go_quote(current.node.name())
                );
                found.at(current.file, current.path.clone(), Some(previous.element.file), message);
            }
        }
    }
}

/// The oneof protoc makes for a proto3 `optional` field: its only member is that field.
fn is_synthetic(message: &DescriptorProto, index: usize) -> bool {
    let index = i32::try_from(index).ok();
    let mut members = message.field.iter().filter(|f| f.oneof_index == index);
    matches!((members.next(), members.next()), (Some(only), None) if only.proto3_optional())
}

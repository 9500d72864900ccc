use prost_types::field_descriptor_proto::Label;

use crate::breaking::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every message (paired by full name) has the same set of `required` field numbers:
    /// none deleted, none added. Only the `required` label counts (not editions'
    /// `LEGACY_REQUIRED`), and extensions are not fields here.
    /// ## Why
    /// A required field must always be sent: an old reader rejects messages without a field it
    /// requires, and a new reader rejects old messages that lack an added one.
    /// ## Example
    /// Adding `required string sku = 3;` to `Line` fires, at the new field:
    /// `Message "Line" had required field "3" added. Required fields must always be sent, so if
    /// one side does not know about the required field, this will result in a breakage.`
    /// Deleting one prints the same with `deleted`, at the message.
    /// Instead, add or keep the field as `optional` and check it in application code.
    pub MessageSameRequiredFields {
        id: "MESSAGE_SAME_REQUIRED_FIELDS",
        purpose: "Checks that messages have no added or deleted required fields.",
        v1beta1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v1: [FILE, PACKAGE, WIRE_JSON, WIRE] default true,
        v2: [CSR, FILE, PACKAGE, WIRE_JSON, WIRE] default true,
    }
}

const BREAKAGE: &str = "Required fields must always be sent, so if one side does not know about the required field, \
                        this will result in a breakage.";

fn required(message: &prost_types::DescriptorProto) -> impl Iterator<Item = (usize, i32)> + '_ {
    message.field.iter().enumerate().filter(|(_, f)| f.label() == Label::Required).map(|(i, f)| (i, f.number()))
}

impl BreakingRule for MessageSameRequiredFields {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        for previous in &cx.previous.elements.messages {
            let Some(current) = cx.current.message(&previous.element.full_name) else { continue };
            let (old, new) = (previous.element.node, current.element.node);
            for (_, number) in required(old).filter(|(_, n)| !required(new).any(|(_, m)| m == *n)) {
                let message =
                    format!("Message {} had required field \"{number}\" deleted. {BREAKAGE}", go_quote(old.name()));
                found.at(current.element.file, current.element.path.clone(), Some(previous.element.file), message);
            }
            for (index, number) in required(new).filter(|(_, n)| !required(old).any(|(_, m)| m == *n)) {
                let message =
                    format!("Message {} had required field \"{number}\" added. {BREAKAGE}", go_quote(new.name()));
                let path = current.element.child_path(&[tag::MESSAGE_FIELD, index as i32]);
                found.at(current.element.file, path, None, message);
            }
        }
    }
}

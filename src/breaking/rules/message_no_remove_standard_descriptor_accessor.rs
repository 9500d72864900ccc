use prost_types::{DescriptorProto, MessageOptions};

use super::location::against;
use crate::breaking::prelude::*;

/// `MessageOptions.no_standard_descriptor_accessor`.
const NO_STANDARD_DESCRIPTOR_ACCESSOR: i32 = 2;

declare_rule! {
    /// ## What it checks
    /// No message that exists in both schemas (paired by full name) turns on
    /// `no_standard_descriptor_accessor`: unset or `false` before, `true` now. Turning it off is
    /// fine.
    /// ## Why
    /// The option removes the generated `descriptor()` accessor (C++ and Java); code that
    /// reflects on the message through it stops compiling.
    /// ## Example
    /// Adding `option no_standard_descriptor_accessor = true;` to `message Order` fires, at the
    /// option: `Message option "no_standard_descriptor_accessor" changed from "false" to "true".`
    /// Instead, leave the option unset (or `false`).
    pub MessageNoRemoveStandardDescriptorAccessor {
        id: "MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR",
        purpose: "Checks that messages do not change the no_standard_descriptor_accessor option from false or unset to true.",
        v1beta1: [FILE, PACKAGE] default true,
        v1: [FILE, PACKAGE] default true,
        v2: [CSR, FILE, PACKAGE] default true,
    }
}

fn accessor_removed(message: &DescriptorProto) -> bool {
    message.options.as_ref().is_some_and(MessageOptions::no_standard_descriptor_accessor)
}

impl BreakingRule for MessageNoRemoveStandardDescriptorAccessor {
    fn check<'a>(&self, cx: &BreakingContext<'a>, found: &mut BreakingFindings<'a>) {
        let option = [tag::MESSAGE_OPTIONS, NO_STANDARD_DESCRIPTOR_ACCESSOR];
        for previous in &cx.previous.elements.messages {
            let previous = &previous.element;
            let Some(current) = cx.current.message(&previous.full_name) else { continue };
            let current = &current.element;
            if accessor_removed(previous.node) || !accessor_removed(current.node) {
                continue;
            }
            let message =
                "Message option \"no_standard_descriptor_accessor\" changed from \"false\" to \"true\".".to_owned();
            let previous_file = against(previous.file, &previous.child_path(&option));
            found.at(current.file, current.child_path(&option), previous_file, message);
        }
    }
}

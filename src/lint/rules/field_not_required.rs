use prost_types::field_descriptor_proto::Label;

use crate::{lint::prelude::*, schema::features::PRESENCE_LEGACY_REQUIRED};

declare_rule! {
    /// ## What it checks
    /// (v2 only.) No field is required: neither proto2 `required` nor, in editions,
    /// `features.field_presence = LEGACY_REQUIRED`.
    /// ## Why
    /// A required field can never be removed or made optional again without breaking every
    /// reader that still checks for it; protobuf's own guidance is to avoid it.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto2";
    /// message Order { required string id = 1; }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto2";
    /// message Order { optional string id = 1; }
    /// ```
    pub FieldNotRequired {
        id: "FIELD_NOT_REQUIRED",
        purpose: "Checks that fields are not configured to be required.",
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for FieldNotRequired {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let required = |field: &&crate::schema::elements::Field<'_>| {
            field.element.node.label() == Label::Required
                || field.element.file.features(&field.element.path).field_presence == PRESENCE_LEGACY_REQUIRED
        };
        for field in cx.elements().fields.iter().filter(required) {
            let message = format!("Field named {} should not be required.", go_quote(field.element.node.name()));
            found.at(&field.element, field.element.child_path(&[tag::FIELD_NAME]), message);
        }
    }
}

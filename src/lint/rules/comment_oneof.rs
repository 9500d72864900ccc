use crate::lint::{has_documentation, prelude::*};

declare_rule! {
    /// ## What it checks
    /// Every oneof has a leading comment with at least one non-empty line that is not a
    /// `buf:lint:ignore` directive. Trailing and detached comments do not count; the synthetic
    /// oneof of a proto3 `optional` field is skipped. Reported at the whole declaration.
    /// ## Why
    /// Comments on schema elements become the documentation of generated code and of API
    /// references; an undocumented element leaves every consumer guessing.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// // A payment.
    /// message Payment {
    ///   // A card number.
    ///   optional string card_number = 1;
    ///   oneof method {
    ///     // A card.
    ///     string card = 2;
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// // A payment.
    /// message Payment {
    ///   // A card number.
    ///   optional string card_number = 1;
    ///   // How the payment is made.
    ///   oneof method {
    ///     // A card.
    ///     string card = 2;
    ///   }
    /// }
    /// ```
    pub CommentOneof {
        id: "COMMENT_ONEOF",
        purpose: "Checks that oneofs have non-empty comments.",
        v1beta1: [COMMENTS] default false,
        v1: [COMMENTS] default false,
        v2: [COMMENTS] default false,
    }
}

impl LintRule for CommentOneof {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for oneof in &cx.elements().oneofs {
            let index = Some(oneof.index as i32);
            let mut fields = oneof.parent.field.iter().filter(|f| f.oneof_index == index);
            if let (Some(only), None) = (fields.next(), fields.next())
                && only.proto3_optional()
            {
                continue;
            }
            let element = &oneof.element;
            let location = element.file.location(&element.path);
            if location.is_some_and(|l| !has_documentation(l.leading_comments())) {
                let name = go_quote(element.node.name());
                let message = format!("Oneof {name} should have a non-empty comment for documentation.");
                found.at(element, element.path.clone(), message);
            }
        }
    }
}

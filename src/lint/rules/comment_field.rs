use prost_types::field_descriptor_proto::Type;

use crate::lint::{elements::Field, has_documentation, prelude::*};

declare_rule! {
    /// ## What it checks
    /// Every field and extension has a leading comment with at least one non-empty line that
    /// is not a `buf:lint:ignore` directive. Trailing and detached comments do not count.
    /// Skipped: the key and value fields of map entries, and group fields (their comment
    /// belongs to the group's message). Reported at the whole field declaration.
    /// ## Why
    /// Comments on schema elements become the documentation of generated code and of API
    /// references; an undocumented element leaves every consumer guessing.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// // An order.
    /// message Order {
    ///   string id = 1;
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// // An order.
    /// message Order {
    ///   // The order's unique id.
    ///   string id = 1;
    /// }
    /// ```
    pub CommentField {
        id: "COMMENT_FIELD",
        purpose: "Checks that fields have non-empty comments.",
        v1beta1: [COMMENTS] default false,
        v1: [COMMENTS] default false,
        v2: [COMMENTS] default false,
    }
}

impl LintRule for CommentField {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let documented = |f: &&Field<'a>| !f.in_map_entry && f.element.node.r#type() != Type::Group;
        for field in cx.elements().fields.iter().filter(documented) {
            let element = &field.element;
            let location = element.file.location(&element.path);
            if location.is_some_and(|l| !has_documentation(l.leading_comments())) {
                let name = go_quote(element.node.name());
                let message = format!("Field {name} should have a non-empty comment for documentation.");
                found.at(element, element.path.clone(), message);
            }
        }
    }
}

use crate::lint::{has_documentation, prelude::*};

declare_rule! {
    /// ## What it checks
    /// Every enum value has a leading comment with at least one non-empty line that is not a
    /// `buf:lint:ignore` directive. Trailing and detached comments do not count. Reported at
    /// the whole value declaration.
    /// ## Why
    /// Comments on schema elements become the documentation of generated code and of API
    /// references; an undocumented element leaves every consumer guessing.
    /// ## Example
    /// ```proto,fires
    /// // The lifecycle state of an order.
    /// enum Status {
    ///   STATUS_UNSPECIFIED = 0;
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// // The lifecycle state of an order.
    /// enum Status {
    ///   // Not set.
    ///   STATUS_UNSPECIFIED = 0;
    /// }
    /// ```
    pub CommentEnumValue {
        id: "COMMENT_ENUM_VALUE",
        purpose: "Checks that enum values have non-empty comments.",
        v1beta1: [COMMENTS] default false,
        v1: [COMMENTS] default false,
        v2: [COMMENTS] default false,
    }
}

impl LintRule for CommentEnumValue {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for value in &cx.elements().enum_values {
            let element = &value.element;
            let location = element.file.location(&element.path);
            if location.is_some_and(|l| !has_documentation(l.leading_comments())) {
                let name = go_quote(element.node.name());
                let message = format!("Enum value {name} should have a non-empty comment for documentation.");
                found.at(element, element.path.clone(), message);
            }
        }
    }
}

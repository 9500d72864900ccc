use crate::lint::{has_documentation, prelude::*};

declare_rule! {
    /// ## What it checks
    /// Every enum, top-level and nested, has a leading comment with at least one non-empty
    /// line that is not a `buf:lint:ignore` directive. Trailing and detached comments do not
    /// count. Reported at the whole declaration.
    /// ## Why
    /// Comments on schema elements become the documentation of generated code and of API
    /// references; an undocumented element leaves every consumer guessing.
    /// ## Example
    /// ```proto,fires
    /// enum Status { STATUS_UNSPECIFIED = 0; } // trailing comments do not count
    /// ```
    /// Use instead:
    /// ```proto
    /// // The lifecycle state of an order.
    /// enum Status { STATUS_UNSPECIFIED = 0; }
    /// ```
    pub CommentEnum {
        id: "COMMENT_ENUM",
        purpose: "Checks that enums have non-empty comments.",
        v1beta1: [COMMENTS] default false,
        v1: [COMMENTS] default false,
        v2: [COMMENTS] default false,
    }
}

impl LintRule for CommentEnum {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for enm in &cx.elements().enums {
            let location = enm.file.location(&enm.path);
            if location.is_some_and(|l| !has_documentation(l.leading_comments())) {
                let message = format!("Enum {} should have a non-empty comment for documentation.", go_quote(enm.node.name()));
                found.at(enm, enm.path.clone(), message);
            }
        }
    }
}

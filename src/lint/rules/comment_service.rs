use crate::lint::{has_documentation, prelude::*};

declare_rule! {
    /// ## What it checks
    /// Every service has a leading comment with at least one non-empty line that is not a
    /// `buf:lint:ignore` directive. Trailing and detached comments do not count. Reported at
    /// the whole declaration.
    /// ## Why
    /// Comments on schema elements become the documentation of generated code and of API
    /// references; an undocumented element leaves every consumer guessing.
    /// ## Example
    /// ```proto,fires
    /// // Manages orders.
    ///
    /// service OrderService {}
    /// ```
    /// Use instead:
    /// ```proto
    /// // Manages orders.
    /// service OrderService {}
    /// ```
    pub CommentService {
        id: "COMMENT_SERVICE",
        purpose: "Checks that services have non-empty comments.",
        v1beta1: [COMMENTS] default false,
        v1: [COMMENTS] default false,
        v2: [COMMENTS] default false,
    }
}

impl LintRule for CommentService {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for service in &cx.elements().services {
            let location = service.file.location(&service.path);
            if location.is_some_and(|l| !has_documentation(l.leading_comments())) {
                let name = go_quote(service.node.name());
                let message = format!("Service {name} should have a non-empty comment for documentation.");
                found.at(service, service.path.clone(), message);
            }
        }
    }
}

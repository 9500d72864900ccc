use crate::lint::{has_documentation, prelude::*};

declare_rule! {
    /// ## What it checks
    /// Every message, nested and group messages included, has a leading comment with at least
    /// one non-empty line that is not a `buf:lint:ignore` directive. Trailing and detached
    /// comments do not count; map entries are skipped. Reported at the whole declaration.
    /// ## Why
    /// Comments on schema elements become the documentation of generated code and of API
    /// references; an undocumented element leaves every consumer guessing.
    /// ## Example
    /// ```proto,fires
    /// // buf:lint:ignore FIELD_LOWER_SNAKE_CASE
    /// message Order {}
    /// ```
    /// Use instead:
    /// ```proto
    /// // An order placed by a customer.
    /// message Order {}
    /// ```
    pub CommentMessage {
        id: "COMMENT_MESSAGE",
        purpose: "Checks that messages have non-empty comments.",
        v1beta1: [COMMENTS] default false,
        v1: [COMMENTS] default false,
        v2: [COMMENTS] default false,
    }
}

impl LintRule for CommentMessage {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for message in cx.elements().messages.iter().filter(|m| !m.is_map_entry) {
            let element = &message.element;
            let location = element.file.location(&element.path);
            if location.is_some_and(|l| !has_documentation(l.leading_comments())) {
                let name = go_quote(element.node.name());
                let message = format!("Message {name} should have a non-empty comment for documentation.");
                found.at(element, element.path.clone(), message);
            }
        }
    }
}

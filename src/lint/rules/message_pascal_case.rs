use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Message names, nested and group messages included, are `PascalCase`: the name equals
    /// buf's `ToPascalCase` of itself. The synthetic entry messages of map fields are skipped.
    /// ## Why
    /// Messages become types in every generated language; one convention keeps type names
    /// recognisable and free of per-language renaming.
    /// ## Example
    /// ```proto,fires
    /// message order_line {}
    /// ```
    /// Use instead:
    /// ```proto
    /// message OrderLine {}
    /// ```
    pub MessagePascalCase {
        id: "MESSAGE_PASCAL_CASE",
        purpose: "Checks that messages are PascalCase.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for MessagePascalCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for message in cx.elements().messages.iter().filter(|m| !m.is_map_entry) {
            let name = message.element.node.name();
            let expected = to_pascal_case(name);
            if name != expected {
                let text = format!("Message name {} should be PascalCase, such as {}.", go_quote(name), go_quote(&expected));
                found.at(&message.element, message.element.child_path(&[tag::NAME]), text);
                found.fix_last(|| fix::rename_element(cx.rename_index(), &message.element, &expected, RenameKind::Type));
            }
        }
    }
}

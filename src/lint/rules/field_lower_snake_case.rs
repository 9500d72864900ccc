use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Field and extension names are `lower_snake_case`. Fields of map entries are skipped.
    /// ## Why
    /// Generated code in every language derives accessor names from field names; one
    /// convention keeps them predictable, and JSON names are derived from it.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// message Order { string orderId = 1; }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// message Order { string order_id = 1; }
    /// ```
    pub FieldLowerSnakeCase {
        id: "FIELD_LOWER_SNAKE_CASE",
        purpose: "Checks that field names are lower_snake_case.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for FieldLowerSnakeCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for field in cx.elements().fields.iter().filter(|f| !f.in_map_entry) {
            let name = field.element.node.name();
            let expected = to_lower_snake_case(name);
            if name != expected {
                let message = format!("Field name {} should be lower_snake_case, such as {}.", go_quote(name), go_quote(&expected));
                found.at(&field.element, field.element.child_path(&[tag::FIELD_NAME]), message);
                found.fix_last(|| fix::rename_element(cx.rename_index(), &field.element, &expected, RenameKind::Other));
            }
        }
    }
}

use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Oneof names are `lower_snake_case`: the name equals buf's `ToLowerSnakeCase` of itself.
    /// The synthetic oneof of a proto3 `optional` field (`_name`) is skipped.
    /// ## Why
    /// Generated code derives accessor and case-enum names from oneof names, as it does for
    /// fields; the same convention keeps them predictable.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// message Payment {
    ///   oneof PaymentMethod { string card = 1; string iban = 2; }
    /// }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// message Payment {
    ///   oneof payment_method { string card = 1; string iban = 2; }
    /// }
    /// ```
    pub OneofLowerSnakeCase {
        id: "ONEOF_LOWER_SNAKE_CASE",
        purpose: "Checks that oneof names are lower_snake_case.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for OneofLowerSnakeCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for oneof in &cx.elements().oneofs {
            let name = oneof.element.node.name();
            let expected = to_lower_snake_case(name);
            if name == expected {
                continue;
            }
            let index = Some(oneof.index as i32);
            let mut fields = oneof.parent.field.iter().filter(|f| f.oneof_index == index);
            if let (Some(only), None) = (fields.next(), fields.next())
                && only.proto3_optional()
            {
                continue;
            }
            let message = format!("Oneof name {} should be lower_snake_case, such as {}.", go_quote(name), go_quote(&expected));
            found.at(&oneof.element, oneof.element.child_path(&[tag::NAME]), message);
        }
    }
}

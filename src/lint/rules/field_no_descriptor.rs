use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// (v1beta1 only.) No field or extension is named `descriptor` in any capitalization and
    /// with any number of leading or trailing underscores (`Descriptor`, `__descriptor_`).
    /// ## Why
    /// Generated Java and other languages already have a `getDescriptor()` accessor on every
    /// message; a field of that name clashes with it.
    /// ## Example
    /// ```proto,fires
    /// message Schema { optional string Descriptor = 1; }
    /// ```
    /// Use instead:
    /// ```proto
    /// message Schema { optional string schema_descriptor = 1; }
    /// ```
    pub FieldNoDescriptor {
        id: "FIELD_NO_DESCRIPTOR",
        purpose: "Checks that field names are not any capitalization of \"descriptor\" with any number of prefix or suffix underscores.",
        v1beta1: [MINIMAL, BASIC, DEFAULT, STANDARD, SENSIBLE] default true,
    }
}

impl LintRule for FieldNoDescriptor {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for field in &cx.elements().fields {
            let name = field.element.node.name();
            if name.trim_matches('_').to_lowercase() == "descriptor" {
                let message = format!(
                    "Field name {} cannot be any capitalization of \"descriptor\" with any number of prefix or suffix underscores.",
                    go_quote(name)
                );
                found.at(&field.element, field.element.child_path(&[tag::FIELD_NAME]), message);
            }
        }
    }
}

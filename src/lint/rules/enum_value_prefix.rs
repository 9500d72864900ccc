use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every enum value name starts with the `UPPER_SNAKE_CASE` form of its enum's own simple
    /// name plus `_` (`enum HTTPMethod` → `HTTP_METHOD_`). Enclosing messages do not count.
    /// ## Why
    /// In C++ and other languages enum values share the scope of the enum's parent; the prefix
    /// keeps values of different enums from colliding, and reads clearly everywhere.
    /// ## Example
    /// ```proto,fires
    /// enum Status { STATUS_UNSPECIFIED = 0; ACTIVE = 1; }
    /// ```
    /// Use instead:
    /// ```proto
    /// enum Status { STATUS_UNSPECIFIED = 0; STATUS_ACTIVE = 1; }
    /// ```
    pub EnumValuePrefix {
        id: "ENUM_VALUE_PREFIX",
        purpose: "Checks that enum values are prefixed with ENUM_NAME_UPPER_SNAKE_CASE.",
        v1beta1: [DEFAULT, STANDARD, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

impl LintRule for EnumValuePrefix {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for value in &cx.elements().enum_values {
            let name = value.element.node.name();
            let prefix = to_upper_snake_case(value.parent.name()) + "_";
            if !name.starts_with(&prefix) {
                let message = format!("Enum value name {} should be prefixed with {}.", go_quote(name), go_quote(&prefix));
                found.at(&value.element, value.element.child_path(&[tag::ENUM_VALUE_NAME]), message);
                found.fix_last(|| fix::rename_enum_value(cx.rename_index(), value, &(prefix + &to_upper_snake_case(name))));
            }
        }
    }
}

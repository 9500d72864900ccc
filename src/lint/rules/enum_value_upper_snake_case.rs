use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Enum value names are `UPPER_SNAKE_CASE`: the name equals buf's `ToUpperSnakeCase` of
    /// itself (digits never start a word, so `V1_THING` passes and `v1Thing` does not).
    /// ## Why
    /// Enum values are constants in most generated languages; the shared convention keeps them
    /// recognisable and lets prefixes such as the enum's name be checked mechanically.
    /// ## Example
    /// ```proto,fires
    /// enum Status { STATUS_UNSPECIFIED = 0; StatusActive = 1; }
    /// ```
    /// Use instead:
    /// ```proto
    /// enum Status { STATUS_UNSPECIFIED = 0; STATUS_ACTIVE = 1; }
    /// ```
    pub EnumValueUpperSnakeCase {
        id: "ENUM_VALUE_UPPER_SNAKE_CASE",
        purpose: "Checks that enum values are UPPER_SNAKE_CASE.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for EnumValueUpperSnakeCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for value in &cx.elements().enum_values {
            let name = value.element.node.name();
            let expected = to_upper_snake_case(name);
            if name != expected {
                let message =
                    format!("Enum value name {} should be UPPER_SNAKE_CASE, such as {}.", go_quote(name), go_quote(&expected));
                found.at(&value.element, value.element.child_path(&[tag::ENUM_VALUE_NAME]), message);
                found.fix_last(|| fix::rename_enum_value(cx.rename_index(), value, &expected));
            }
        }
    }
}

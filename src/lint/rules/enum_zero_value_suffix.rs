use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every enum value whose number is 0 (aliases included) ends with the configured suffix:
    /// `lint.enum_zero_value_suffix`, `_UNSPECIFIED` by default.
    /// ## Why
    /// The zero value is what a reader sees when a field was never set; naming it makes that
    /// explicit and keeps it from being mistaken for a real state.
    /// ## Example
    /// ```proto,fires
    /// syntax = "proto3";
    /// enum Status { STATUS_ACTIVE = 0; }
    /// ```
    /// Use instead:
    /// ```proto
    /// syntax = "proto3";
    /// enum Status { STATUS_UNSPECIFIED = 0; STATUS_ACTIVE = 1; }
    /// ```
    pub EnumZeroValueSuffix {
        id: "ENUM_ZERO_VALUE_SUFFIX",
        purpose: "Checks that enum zero values have a consistent suffix (configurable, default suffix is \"_UNSPECIFIED\").",
        v1beta1: [DEFAULT, STANDARD, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [DEFAULT, STANDARD] default true,
        v2: [DEFAULT, STANDARD] default true,
    }
}

impl LintRule for EnumZeroValueSuffix {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        let suffix = &cx.options().enum_zero_value_suffix;
        for value in &cx.elements().enum_values {
            let name = value.element.node.name();
            if value.element.node.number() == 0 && !name.ends_with(suffix.as_str()) {
                let message = format!("Enum zero value name {} should be suffixed with {}.", go_quote(name), go_quote(suffix));
                found.at(&value.element, value.element.child_path(&[tag::NAME]), message);
                let new_name = to_upper_snake_case(value.parent.name()) + suffix;
                found.fix_last(|| fix::rename_enum_value(cx.rename_index(), value, &new_name));
            }
        }
    }
}

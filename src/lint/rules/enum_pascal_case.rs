use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Enum names, top-level and nested, are `PascalCase`: the name equals buf's `ToPascalCase`
    /// of itself, so all-caps words such as `HTTPStatus` pass and digits never start a word.
    /// ## Why
    /// Enums become types in every generated language; one convention keeps type names
    /// recognisable and free of per-language renaming.
    /// ## Example
    /// ```proto,fires
    /// enum order_status { ORDER_STATUS_UNSPECIFIED = 0; }
    /// ```
    /// Use instead:
    /// ```proto
    /// enum OrderStatus { ORDER_STATUS_UNSPECIFIED = 0; }
    /// ```
    pub EnumPascalCase {
        id: "ENUM_PASCAL_CASE",
        purpose: "Checks that enums are PascalCase.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for EnumPascalCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for enm in &cx.elements().enums {
            let name = enm.node.name();
            let expected = to_pascal_case(name);
            if name != expected {
                let message = format!("Enum name {} should be PascalCase, such as {}.", go_quote(name), go_quote(&expected));
                found.at(enm, enm.child_path(&[tag::NAME]), message);
                found.fix_last(|| fix::rename_element(cx.rename_index(), enm, &expected, RenameKind::Type));
            }
        }
    }
}

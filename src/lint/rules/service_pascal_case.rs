use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Service names are `PascalCase`: the name equals buf's `ToPascalCase` of itself.
    /// ## Why
    /// Services become client and server types in every generated language; one convention
    /// keeps them recognisable and free of per-language renaming.
    /// ## Example
    /// ```proto,fires
    /// service order_service {}
    /// ```
    /// Use instead:
    /// ```proto
    /// service OrderService {}
    /// ```
    pub ServicePascalCase {
        id: "SERVICE_PASCAL_CASE",
        purpose: "Checks that services are PascalCase.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for ServicePascalCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for service in &cx.elements().services {
            let name = service.node.name();
            let expected = to_pascal_case(name);
            if name != expected {
                let message =
                    format!("Service name {} should be PascalCase, such as {}.", go_quote(name), go_quote(&expected));
                found.at(service, service.child_path(&[tag::NAME]), message);
                found.fix_last(|| fix::rename_element(cx.rename_index(), service, &expected, RenameKind::Other));
            }
        }
    }
}

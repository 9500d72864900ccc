use crate::lint::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every dot-separated component of the package is `lower_snake_case` (buf's
    /// `ToLowerSnakeCase`). Files without a package are skipped. Reported at the `package`
    /// statement.
    /// ## Why
    /// Packages become namespaces, modules and directories in generated code; lower-case
    /// components map cleanly onto all of them, including case-insensitive file systems.
    /// ## Example
    /// ```proto,fires
    /// package Shop.OrderService.v1;
    /// ```
    /// Use instead:
    /// ```proto
    /// package shop.order_service.v1;
    /// ```
    pub PackageLowerSnakeCase {
        id: "PACKAGE_LOWER_SNAKE_CASE",
        purpose: "Checks that packages are lower_snake.case.",
        v1beta1: [BASIC, DEFAULT, STANDARD, STYLE_BASIC, STYLE_DEFAULT, STYLE_STANDARD] default true,
        v1: [BASIC, DEFAULT, STANDARD] default true,
        v2: [BASIC, DEFAULT, STANDARD] default true,
    }
}

impl LintRule for PackageLowerSnakeCase {
    fn check<'a>(&self, cx: &LintContext<'a>, found: &mut Findings<'a>) {
        for file in cx.files() {
            let package = file.descriptor.package();
            if package.is_empty() {
                continue;
            }
            let expected = package.split('.').map(to_lower_snake_case).collect::<Vec<_>>().join(".");
            if package != expected {
                let message =
                    format!("Package name {} should be lower_snake.case, such as {}.", go_quote(package), go_quote(&expected));
                found.at_path(file, vec![tag::FILE_PACKAGE], message);
            }
        }
    }
}
